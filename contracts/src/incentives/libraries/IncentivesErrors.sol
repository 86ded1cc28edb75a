// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IncentivesErrors
/// @notice Custom errors of LiquidityIncentives.
library IncentivesErrors {
    /// @notice A key field that must be set is the zero address.
    error ZeroAddress();
    /// @notice `rate` is zero.
    error ZeroRate();
    /// @notice The band is empty (`tickLower >= tickUpper`).
    error InvalidBand(int24 tickLower, int24 tickUpper);
    /// @notice A fixed program starts in the past, ends before it starts, or lasts longer than the maximum.
    error InvalidWindow(uint32 startTime, uint32 endTime);
    /// @notice `createProgram` with an open-ended key, or `createStream` with a fixed one.
    error WrongProgramKind();
    /// @notice A program with this key exists already.
    error ProgramExists(bytes32 programId);
    /// @notice No program has this key.
    error UnknownProgram(bytes32 programId);
    /// @notice The reward token delivered less than was transferred (fee-on-transfer tokens are not supported).
    error FundingShortfall(uint256 expected, uint256 received);
    /// @notice The program has not started yet.
    error ProgramNotStarted(bytes32 programId);
    /// @notice The program (or stream) has ended: no new stakes.
    error ProgramEnded(bytes32 programId);
    /// @notice The program (or stream) is still running.
    error ProgramNotEnded(bytes32 programId);
    /// @notice The caller is not the position manager (only its NFTs can be deposited).
    error NotPositionManager();
    /// @notice The caller does not own the deposit.
    error NotDepositOwner(uint256 tokenId);
    /// @notice The NFT is not deposited here.
    error NotDeposited(uint256 tokenId);
    /// @notice The deposit's position is in another pool than the program's.
    error WrongPool(address positionPool, address programPool);
    /// @notice The position's range is not inside the program's band.
    error OutsideBand(int24 tickLower, int24 tickUpper);
    /// @notice The position's liquidity is below the minimum that can be staked.
    error LiquidityTooLow(uint128 liquidity);
    /// @notice The position is already staked in this program.
    error AlreadyStaked(uint256 tokenId, bytes32 programId);
    /// @notice The position is not staked in this program.
    error NotStaked(uint256 tokenId, bytes32 programId);
    /// @notice The deposit still has open stakes.
    error StakesOpen(uint256 tokenId, uint256 numberOfStakes);
    /// @notice Withdrawing the NFT to this contract.
    error InvalidRecipient();
    /// @notice The caller is not the configured FeeCollector.
    error NotFeeCollector();
    /// @notice Ownership cannot be renounced.
    error RenounceDisabled();
}
