// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../interfaces/INavOracle.sol";

/// @title OracleEvents
/// @notice Events of the NavOracle, designed so that a subgraph can rebuild feeds, rounds, reporters, bonds and
/// slashes from logs alone.
library OracleEvents {
    /// @notice Feed `feedId` was created for `asset`.
    event FeedCreated(uint256 indexed feedId, address indexed asset, string description, INavOracle.FeedParams params);
    /// @notice The parameters of feed `feedId` were replaced.
    event FeedParamsSet(uint256 indexed feedId, INavOracle.FeedParams params);
    /// @notice The admin approved `reporter` for feed `feedId` (or withdrew an unused approval).
    event ReporterApproval(uint256 indexed feedId, address indexed reporter, bool approved);
    /// @notice `reporter` registered in feed `feedId` with `bond`.
    event ReporterRegistered(uint256 indexed feedId, address indexed reporter, uint256 bond);
    /// @notice `reporter` added `amount`; its bond is now `bond`; `status` is its status after the top-up.
    event BondAdded(
        uint256 indexed feedId, address indexed reporter, uint256 amount, uint256 bond, INavOracle.ReporterStatus status
    );
    /// @notice `reporter` started unbonding; it may withdraw from `unbondAt`.
    event UnbondRequested(uint256 indexed feedId, address indexed reporter, uint256 unbondAt);
    /// @notice `reporter` withdrew its whole bond, `amount`.
    event BondWithdrawn(uint256 indexed feedId, address indexed reporter, uint256 amount);
    /// @notice `reporter` submitted `answer` to round `roundId`.
    event Submitted(uint256 indexed feedId, uint256 indexed roundId, address indexed reporter, uint256 answer);
    /// @notice Round `roundId` timed out with `submissions` submissions, below quorum; its id is skipped.
    event RoundAbandoned(uint256 indexed feedId, uint256 indexed roundId, uint256 submissions);
    /// @notice Round `roundId` was accepted: `answer` is the feed's answer from `updatedAt`.
    event AnswerUpdated(
        uint256 indexed feedId, uint256 indexed roundId, uint256 answer, uint256 startedAt, uint256 updatedAt
    );
    /// @notice Round `roundId` settled at `pendingAnswer`, beyond the maximum move from `previousAnswer` (0 for the
    /// first answer); the feed is frozen until a guardian decides.
    event AnswerFrozen(uint256 indexed feedId, uint256 indexed roundId, uint256 pendingAnswer, uint256 previousAnswer);
    /// @notice A guardian confirmed the frozen round `roundId` (followed by `AnswerUpdated`).
    event FrozenAnswerConfirmed(
        uint256 indexed feedId, uint256 indexed roundId, uint256 answer, address indexed guardian
    );
    /// @notice A guardian rejected the frozen round `roundId`; the previous answer stays.
    event FrozenAnswerRejected(
        uint256 indexed feedId, uint256 indexed roundId, uint256 answer, address indexed guardian
    );
    /// @notice `reporter` lost `amount` of its bond for submitting `submission` to round `roundId` whose median was
    /// `median`; it now has `strikes` strikes and `bond` left.
    event Slashed(
        uint256 indexed feedId,
        uint256 indexed roundId,
        address indexed reporter,
        uint256 amount,
        uint256 submission,
        uint256 median,
        uint256 strikes,
        uint256 bond
    );
    /// @notice Slashed bond `amount` could not be transferred to the FeeCollector and is held for `sweepSlashed`.
    event SlashDeferred(uint256 amount);
    /// @notice Held slashed bond `amount` was sent to the FeeCollector.
    event SlashSwept(uint256 amount);
    /// @notice `reporter` reached the jail threshold in round `roundId` and is jailed.
    event ReporterJailed(uint256 indexed feedId, address indexed reporter, uint256 indexed roundId);
    /// @notice The admin released `reporter` from jail; `status` is its status now.
    event ReporterUnjailed(uint256 indexed feedId, address indexed reporter, INavOracle.ReporterStatus status);
    /// @notice The unbonding delay was set.
    event UnbondingDelaySet(uint256 delay);
}
