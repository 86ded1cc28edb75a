// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IncentivesEvents
/// @notice Events of LiquidityIncentives, designed so that an indexer never needs an `eth_call`.
library IncentivesEvents {
    /// @notice A program (fixed, or a fee-share stream when `endTime == 0`) was created with `amount` funded.
    event ProgramCreated(
        bytes32 indexed programId,
        IERC20 indexed rewardToken,
        address indexed pool,
        address refundee,
        uint32 startTime,
        uint32 endTime,
        int24 tickLower,
        int24 tickUpper,
        uint96 rate,
        uint256 amount
    );

    /// @notice Fees were added to a stream's funding.
    event StreamFunded(bytes32 indexed programId, IERC20 indexed rewardToken, uint256 amount);

    /// @notice The owner ended a stream at `endedAt`.
    event StreamEnded(bytes32 indexed programId, uint32 endedAt);

    /// @notice The FeeCollector delivered `amount` of `token`; `unallocated` of it waits for a stream of `token`.
    event FeesReceived(IERC20 indexed token, uint256 amount, uint256 unallocated);

    /// @notice The FeeCollector allowed to call `onFeesReceived` changed.
    event FeeCollectorSet(address indexed feeCollector);

    /// @notice A position NFT was deposited by `owner`; `liquidity` is the snapshot its stakes count (the
    /// position's liquidity, capped at MAX_LIQUIDITY).
    event Deposited(
        uint256 indexed tokenId,
        address indexed owner,
        address indexed pool,
        int24 tickLower,
        int24 tickUpper,
        uint128 liquidity
    );

    /// @notice A deposit's liquidity snapshot was refreshed at a stake (only possible with no stake open).
    event LiquiditySnapshot(uint256 indexed tokenId, uint128 liquidity);

    /// @notice A deposited NFT left to `to`.
    event Withdrawn(uint256 indexed tokenId, address indexed owner, address to);

    /// @notice A position was staked into a program with `liquidity`.
    event Staked(uint256 indexed tokenId, bytes32 indexed programId, address indexed owner, uint128 liquidity);

    /// @notice The owner claimed a stake's rewards: `reward` was paid to `to`; `forfeit` (the rest of the stake's
    /// envelope since its last checkpoint) became refundable, or went back to a stream's funding.
    event Claimed(
        uint256 indexed tokenId,
        bytes32 indexed programId,
        address indexed owner,
        address to,
        uint256 reward,
        uint256 forfeit
    );

    /// @notice A stake of an ended program was settled: `reward` was credited to the owner, `forfeit` became
    /// refundable.
    event Settled(
        uint256 indexed tokenId, bytes32 indexed programId, address indexed owner, uint256 reward, uint256 forfeit
    );

    /// @notice A stake ended: `reward` was credited to the owner, `forfeit` became refundable (or went back to a
    /// stream's funding).
    event Unstaked(
        uint256 indexed tokenId,
        bytes32 indexed programId,
        address indexed owner,
        uint128 liquidity,
        uint256 reward,
        uint256 forfeit
    );

    /// @notice Credited rewards were paid.
    event RewardClaimed(IERC20 indexed rewardToken, address indexed owner, address indexed to, uint256 amount);

    /// @notice Refundable rewards went to the refundee.
    event Refunded(bytes32 indexed programId, address indexed refundee, uint256 amount);
}
