// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A liquidity-mining program on one Uniswap v3 pool. Identified by `keccak256(abi.encode(key))`
/// (Uniswap v3-staker's IncentiveKey pattern: nothing of the key is stored, callers pass it).
/// @param rewardToken The token paid to stakers.
/// @param pool The Uniswap v3 pool whose positions may join.
/// @param refundee Receives what is not earned: rewards of seconds with no stake, and the forfeits of stakes.
/// @param startTime First second of emission. Fixed programs: not in the past at creation.
/// @param endTime End of emission; 0 for an open-ended fee-share stream (ended by the owner).
/// @param tickLower Lower edge of the eligible band: a position may join only if its whole range
/// [tickLower, tickUpper) lies inside [key.tickLower, key.tickUpper].
/// @param tickUpper Upper edge of the eligible band.
/// @param rate Reward token units emitted per second while at least one position is staked. A fixed program
/// is funded with `rate * (endTime - startTime)` at creation; a stream is funded by protocol fees.
struct ProgramKey {
    IERC20 rewardToken;
    address pool;
    address refundee;
    uint32 startTime;
    uint32 endTime;
    int24 tickLower;
    int24 tickUpper;
    uint96 rate;
}

/// @title ILiquidityIncentives
/// @notice Stake Uniswap v3 position NFTs into reward programs; earn while in range; claim without unstaking.
interface ILiquidityIncentives {
    /// @notice Position state snapshotted when the NFT arrives (or, with no stake open, at the next stake).
    struct Deposit {
        address owner;
        int24 tickLower;
        int24 tickUpper;
        uint48 numberOfStakes;
        address pool;
        uint96 liquidity;
    }

    /// @notice Accounting state of a program.
    /// @param secondsPerStakedLiquidityX128 Sum over emitting seconds of 2^128 / stakedLiquidity (mod 2^128).
    /// @param lastUpdate Last time the accumulator was brought forward.
    /// @param stakedSeconds Emitting seconds so far (seconds of the window with at least one stake).
    /// @param idleRefunded Whether the rewards of the idle seconds of an ended program went to the refundee.
    /// @param stakedLiquidity Sum of the liquidity of the stakes.
    /// @param forfeited Emitted rewards that settled stakes did not earn, not yet refunded (streams recycle them).
    struct Program {
        uint128 secondsPerStakedLiquidityX128;
        uint32 lastUpdate;
        uint32 stakedSeconds;
        bool idleRefunded;
        uint128 stakedLiquidity;
        uint128 forfeited;
    }

    /// @notice Funding of an open-ended stream.
    /// @param funded Fees received (plus recycled forfeits are tracked in the program), minus refunds.
    /// @param endedAt When the owner ended it; 0 while running.
    struct Stream {
        uint128 funded;
        uint32 endedAt;
    }

    // ------------------------------------------------------------------------------------------------------
    // Programs
    // ------------------------------------------------------------------------------------------------------

    /// @notice Creates a fixed program and pulls `key.rate * (key.endTime - key.startTime)` reward tokens from
    /// the caller (who must have approved this contract).
    /// @return programId keccak256(abi.encode(key)).
    function createProgram(ProgramKey calldata key) external returns (bytes32 programId);

    /// @notice Sends the refundable rewards of a program to `key.refundee`: forfeits of settled stakes at any
    /// time; after the end (or the end of a stream), the rewards of seconds without any stake too.
    /// Anyone may call it; it never waits for stakers to leave.
    /// @return amount What was sent.
    function refund(ProgramKey calldata key) external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------------
    // Fee-share streams
    // ------------------------------------------------------------------------------------------------------

    /// @notice Owner: creates an open-ended stream (`key.endTime == 0`) that receives the fee share of
    /// `key.rewardToken` (with fees received while no stream of that token was open).
    function createStream(ProgramKey calldata key) external returns (bytes32 programId);

    /// @notice Owner: ends a stream. Its stakes keep what they earned; what is left goes to `key.refundee`
    /// through `refund`.
    function endStream(ProgramKey calldata key) external;

    /// @notice Owner: sets the FeeCollector allowed to call `onFeesReceived`.
    function setFeeCollector(address feeCollector) external;

    // ------------------------------------------------------------------------------------------------------
    // Positions
    // ------------------------------------------------------------------------------------------------------

    /// @notice Stakes a deposited position into a program. The caller must own the deposit; the program must
    /// be running and the position's range inside its band.
    function stake(uint256 tokenId, ProgramKey calldata key) external;

    /// @notice Pays the rewards a stake earned since its last claim to `to`, leaving it staked.
    /// @return reward What was paid.
    function claim(uint256 tokenId, ProgramKey calldata key, address to) external returns (uint256 reward);

    /// @notice Ends a stake; its rewards are credited to the deposit owner (collect them with `claimReward`).
    /// @return reward What was credited.
    function unstake(uint256 tokenId, ProgramKey calldata key) external returns (uint256 reward);

    /// @notice After a program's end, anyone may settle any stake: its rewards are credited to the deposit
    /// owner and its forfeit becomes refundable. The stake stays open until its owner unstakes.
    /// @return reward What was credited.
    function settle(uint256 tokenId, ProgramKey calldata key) external returns (uint256 reward);

    /// @notice Pays the caller's credited rewards of `rewardToken` to `to`; `amountRequested == 0` means all.
    /// @return amount What was paid.
    function claimReward(IERC20 rewardToken, address to, uint256 amountRequested) external returns (uint256 amount);

    /// @notice Returns a deposited NFT (with no open stake) to `to`, calling `onERC721Received` with `data` if
    /// `to` is a contract.
    function withdraw(uint256 tokenId, address to, bytes calldata data) external;

    // ------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------

    /// @notice keccak256(abi.encode(key)).
    function programId(ProgramKey calldata key) external pure returns (bytes32);

    /// @notice Rewards a stake would receive if claimed now.
    function pendingReward(uint256 tokenId, ProgramKey calldata key) external view returns (uint256 reward);

    /// @notice An owner's pending rewards across positions: `pendingReward(tokenIds[i], keys[i])` for each entry
    /// whose deposit `owner` owns, 0 for the others. Entries may mix reward tokens (sum them per `keys[i]`); the
    /// list of an owner's stakes comes from the events (`Deposited`, `Staked`, `Unstaked`, `Withdrawn`).
    function pendingRewardsOf(address owner, uint256[] calldata tokenIds, ProgramKey[] calldata keys)
        external
        view
        returns (uint256[] memory rewards);

    /// @notice What `refund(key)` would send now.
    function refundable(ProgramKey calldata key) external view returns (uint256);
}
