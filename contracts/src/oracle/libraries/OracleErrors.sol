// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../interfaces/INavOracle.sol";

/// @title OracleErrors
/// @notice Custom errors of the NavOracle and its feed adapters.
library OracleErrors {
    // ---------------------------------------------------------------- readers (what lending sees through price())

    /// @notice The feed has no accepted answer yet.
    error NoAnswer(uint256 feedId);
    /// @notice The latest answer is older than the heartbeat.
    error StaleAnswer(uint256 feedId, uint256 updatedAt, uint256 heartbeat);
    /// @notice A round moved beyond the maximum and waits for a guardian; no answer is served meanwhile.
    error FeedIsFrozen(uint256 feedId);
    /// @notice Round `roundId` has no accepted answer (never settled, abandoned, rejected or in the future).
    error NoDataForRound(uint256 feedId, uint256 roundId);

    // ---------------------------------------------------------------- configuration

    /// @notice No feed with this id.
    error FeedNotFound(uint256 feedId);
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice Quorum must be between 1 and `MAX_QUORUM`.
    error InvalidQuorum(uint256 quorum);
    /// @notice `maxMoveBps` and `toleranceBps` must be in (0, 10,000].
    error InvalidBps(uint256 bps);
    /// @notice `jailThreshold` must be at least 1.
    error InvalidJailThreshold(uint256 jailThreshold);
    /// @notice `heartbeat` and `roundTimeout` must be non-zero.
    error InvalidDuration(uint256 duration);
    /// @notice `minBond` must be non-zero.
    error InvalidMinBond();
    /// @notice The unbonding delay is outside [`MIN_UNBONDING_DELAY`, `MAX_UNBONDING_DELAY`].
    error InvalidUnbondingDelay(uint256 delay);
    /// @notice The adapter cannot express the price for these decimals.
    error InvalidDecimals(uint256 collateralDecimals, uint256 loanDecimals);

    // ---------------------------------------------------------------- reporters

    /// @notice The reporter's status does not allow this action.
    error InvalidReporterStatus(uint256 feedId, address reporter, INavOracle.ReporterStatus status);
    /// @notice The bond is below the feed's minimum.
    error BondTooSmall(uint256 amount, uint256 minBond);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The unbonding delay has not passed yet.
    error StillUnbonding(uint256 unbondAt);
    /// @notice The reporter submitted to a round that is not decided yet (open or frozen); its bond stays.
    error PendingRound(uint256 feedId, uint256 roundId);

    // ---------------------------------------------------------------- rounds

    /// @notice The submission names another round than the current one.
    error WrongRound(uint256 feedId, uint256 given, uint256 current);
    /// @notice The reporter already submitted to this round.
    error AlreadySubmitted(uint256 feedId, uint256 roundId, address reporter);
    /// @notice The answer must be in [1, 2^96).
    error InvalidAnswer(uint256 answer);
    /// @notice A new round may open only `minRoundInterval` after the last settlement.
    error TooEarly(uint256 feedId, uint256 opensAt);
    /// @notice The feed is not frozen (nothing for the guardian to decide).
    error NotFrozen(uint256 feedId);
}
