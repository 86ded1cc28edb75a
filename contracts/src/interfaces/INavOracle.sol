// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title INavOracle
/// @notice Bonded multi-reporter NAV feeds: one feed per real-world asset, answering the NAV of one whole asset token
/// in pUSD with 18 decimals (`1e18` = 1 pUSD per token).
/// @dev Feed ids are sequential, starting at 1 (0 is never a feed). Round ids are per feed, sequential, starting
/// at 1; a round that never reaches quorum is abandoned and its id is skipped. Answers are lower medians of exactly
/// `quorum` submissions (see the README). Lending markets do not call this contract: they call a `NavFeedAdapter`
/// deployed for the feed (by anyone), which implements `IOracle.price()` and Chainlink's `AggregatorV3Interface`.
interface INavOracle {
    /// @notice What a reader can rely on right now.
    /// @dev `None`: no accepted answer yet. `Fresh`: usable. `Stale`: the latest answer is older than the heartbeat.
    /// `Frozen`: a round moved more than the maximum and waits for a guardian (takes precedence over `Stale`).
    enum FeedStatus {
        None,
        Fresh,
        Stale,
        Frozen
    }

    /// @notice Life cycle of a reporter in one feed.
    /// @dev `Approved`: the admin approved the address, it has not bonded yet. `Active`: bonded, may submit.
    /// `Underbonded`: a slash left its bond below the feed's minimum; it may not submit until it tops up.
    /// `Unbonding`: asked to leave; may not submit; withdraws after the unbonding delay. `Jailed`: too many strikes;
    /// may not submit or withdraw until the admin unjails it.
    enum ReporterStatus {
        None,
        Approved,
        Active,
        Underbonded,
        Unbonding,
        Jailed
    }

    /// @notice Parameters of a feed.
    /// @param quorum Submissions that settle a round (1–31); the answer is their lower median.
    /// @param maxMoveBps Largest move from the last accepted answer that is accepted without a guardian; a larger one
    /// freezes the feed. The first answer of a feed always freezes (there is nothing to compare it with).
    /// @param toleranceBps Largest distance from the median (relative to the median) a submission may have without
    /// being slashed.
    /// @param jailThreshold Strikes (slashes) after which a reporter is jailed (≥ 1).
    /// @param heartbeat Seconds after which the latest answer is stale.
    /// @param roundTimeout Seconds a round may collect submissions; an older round without quorum is abandoned.
    /// @param minRoundInterval Seconds after the last settlement (or rejection) before a new round may open; bounds
    /// how fast the answer can walk by `maxMoveBps` steps.
    /// @param slashAmount Bond taken from a reporter per offending submission (capped at its bond).
    /// @param minBond Bond required to register and to keep submitting (> 0).
    struct FeedParams {
        uint8 quorum;
        uint16 maxMoveBps;
        uint16 toleranceBps;
        uint8 jailThreshold;
        uint32 heartbeat;
        uint32 roundTimeout;
        uint32 minRoundInterval;
        uint128 slashAmount;
        uint128 minBond;
    }

    /// @notice A reporter's state in one feed.
    /// @param bond Bond held, in the bond token.
    /// @param lastRound Last round it submitted to.
    /// @param unbondAt When `Unbonding`: time from which it may withdraw.
    /// @param strikes Slashes since it registered or was last unjailed.
    /// @param status See `ReporterStatus`.
    struct Reporter {
        uint128 bond;
        uint40 lastRound;
        uint40 unbondAt;
        uint8 strikes;
        ReporterStatus status;
    }

    /// @notice State of a feed's current round.
    /// @param roundId The round that is open, or that opens with the next submission, or that is frozen.
    /// @param openedAt When its first submission came (0 if none yet).
    /// @param count Submissions stored for it.
    /// @param frozen Whether the round settled beyond the maximum move and waits for a guardian.
    /// @param lastSettledAt When the last round settled or a frozen round was decided.
    struct RoundState {
        uint256 roundId;
        uint256 openedAt;
        uint256 count;
        bool frozen;
        uint256 lastSettledAt;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin and guardian
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Creates a feed for `asset` (an ERC-20 with `decimals()`); returns its id.
    function createFeed(address asset, string calldata description, FeedParams calldata params)
        external
        returns (uint256 feedId);

    /// @notice Replaces the parameters of a feed; an open round is abandoned (a frozen one is kept).
    function setFeedParams(uint256 feedId, FeedParams calldata params) external;

    /// @notice Approves `reporter` to register in feed `feedId`, or withdraws an approval not yet used.
    function setReporterApproval(uint256 feedId, address reporter, bool approved) external;

    /// @notice Releases a jailed reporter: strikes reset, back to `Active` (or `Underbonded`).
    function unjail(uint256 feedId, address reporter) external;

    /// @notice Sets the delay between `requestUnbond` and `withdrawBond`.
    function setUnbondingDelay(uint32 delay) external;

    /// @notice Guardian: accepts the frozen round's median as the answer (outliers are slashed as usual).
    function confirmAnswer(uint256 feedId) external;

    /// @notice Guardian: discards the frozen round; the submissions that produced it (within tolerance of its median)
    /// are slashed.
    function rejectAnswer(uint256 feedId) external;

    // ------------------------------------------------------------------------------------------------------------
    // Reporters
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Registers the caller (approved by the admin) in feed `feedId` with a bond of `amount` (≥ minBond).
    function register(uint256 feedId, uint256 amount) external;

    /// @notice Adds `amount` to the caller's bond; an `Underbonded` reporter back at the minimum becomes `Active`.
    function addBond(uint256 feedId, uint256 amount) external;

    /// @notice Starts the caller's unbonding: it stops submitting and may withdraw after the delay.
    function requestUnbond(uint256 feedId) external;

    /// @notice Withdraws the caller's whole bond after the unbonding delay (not while a round it submitted to is
    /// still undecided). The reporter returns to `Approved` and may register again.
    function withdrawBond(uint256 feedId) external returns (uint256 amount);

    /// @notice Submits `answer` (NAV of one token, 18 decimals, 1 ≤ answer < 2^96) for round `roundId` of feed
    /// `feedId`. The submission that reaches quorum settles the round.
    function submit(uint256 feedId, uint256 roundId, uint256 answer) external;

    /// @notice Sends slashed bond whose transfer to the FeeCollector failed at settlement (`pendingSlashed`) to it.
    function sweepSlashed() external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------------------
    // Readers
    // ------------------------------------------------------------------------------------------------------------

    /// @notice The NAV of one token (18 decimals). Reverts with `NoAnswer`, `FeedIsFrozen` or `StaleAnswer`.
    function navOf(uint256 feedId) external view returns (uint256);

    /// @notice The latest accepted answer with its status, never reverting for a feed that exists.
    function latestAnswer(uint256 feedId)
        external
        view
        returns (uint256 answer, uint256 updatedAt, uint256 roundId, FeedStatus status);

    /// @notice Chainlink-style data of the latest accepted round. Reverts with `NoAnswer` before the first one.
    function latestRoundData(uint256 feedId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Chainlink-style data of round `roundId`. Reverts with `NoDataForRound` unless it was accepted.
    function getRoundData(uint256 feedId, uint80 roundId)
        external
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice The round a submission must name now (accounts for an abandoned, timed-out round).
    function currentRound(uint256 feedId) external view returns (uint256);

    /// @notice The feed's current round state as stored.
    function roundState(uint256 feedId) external view returns (RoundState memory);

    /// @notice The submissions stored for the current (open or frozen) round.
    function pendingSubmissions(uint256 feedId)
        external
        view
        returns (address[] memory reporters, uint256[] memory answers);

    /// @notice The median waiting for the guardian. Reverts with `NotFrozen` unless the feed is frozen.
    function frozenAnswer(uint256 feedId) external view returns (uint256);

    /// @notice The feed's parameters.
    function feedParams(uint256 feedId) external view returns (FeedParams memory);

    /// @notice A reporter's state in a feed.
    function reporterOf(uint256 feedId, address reporter) external view returns (Reporter memory);

    /// @notice The asset a feed prices.
    function assetOf(uint256 feedId) external view returns (address);

    /// @notice The feed's description.
    function description(uint256 feedId) external view returns (string memory);

    /// @notice Number of feeds created (ids run from 1 to `feedCount()`).
    function feedCount() external view returns (uint256);

    /// @notice The token reporters bond (pUSD).
    function bondToken() external view returns (address);

    /// @notice Where slashed bonds go.
    function feeCollector() external view returns (address);

    /// @notice Seconds between `requestUnbond` and `withdrawBond`.
    function unbondingDelay() external view returns (uint32);

    /// @notice Slashed bond held because its transfer to the FeeCollector failed; see `sweepSlashed`.
    function pendingSlashed() external view returns (uint256);
}
