// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../interfaces/INavOracle.sol";
import {MedianLib} from "./libraries/MedianLib.sol";
import {OracleErrors} from "./libraries/OracleErrors.sol";
import {OracleEvents} from "./libraries/OracleEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title NavOracle
/// @notice Bonded multi-reporter NAV feeds for real-world assets: approved reporters post a pUSD bond and submit the
/// NAV of one asset token; the submission that reaches the feed's quorum settles the round at the lower median of
/// the quorum's submissions. Submissions further than the tolerance from the median are slashed (to the
/// FeeCollector) and struck; enough strikes jail the reporter. An answer that moves more than the maximum from the
/// last one freezes the feed until a guardian confirms or rejects it. Readers get a reverting `navOf` (used by the
/// per-feed adapters' `price()`), a status read that never reverts, and Chainlink-style round data.
/// @dev Roles: the default admin (two-step transfer with a delay) creates feeds, sets their parameters, approves and
/// unjails reporters, sets the unbonding delay and grants `GUARDIAN_ROLE`; guardians confirm or reject frozen
/// answers. Nobody can write an answer: answers only come from quorums of bonded submissions.
///
/// Storage is laid out for the two hot paths: a submission reads and writes one feed slot (`RoundSlot`: parameters
/// of the round logic and the open round), one reporter slot and one submission slot; a price read loads one slot
/// (`AnswerSlot`: answer, update time, round, heartbeat, frozen flag). The frozen flag lives in both slots, always
/// written together. Submissions of a round are stored at indexes 0..quorum-2 of a per-feed array that every round
/// reuses; the one that reaches quorum is kept in memory only (stored only when the round freezes).
contract NavOracle is INavOracle, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Role that confirms or rejects frozen answers.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Largest quorum (bounds the gas of a settlement).
    uint256 public constant MAX_QUORUM = 31;
    /// @notice Decimals of answers (pUSD per whole token).
    uint8 public constant NAV_DECIMALS = 18;
    /// @notice Shortest unbonding delay the admin may set.
    uint32 public constant MIN_UNBONDING_DELAY = 1 hours;
    /// @notice Longest unbonding delay the admin may set.
    uint32 public constant MAX_UNBONDING_DELAY = 90 days;
    /// @notice 100% in basis points.
    uint256 internal constant BPS = 10_000;

    /// @dev The round logic's parameters and the current round, in one slot (read and written by every submission).
    struct RoundSlot {
        uint8 quorum;
        uint16 maxMoveBps;
        uint16 toleranceBps;
        uint8 jailThreshold;
        uint32 roundTimeout;
        uint32 minRoundInterval;
        uint40 roundId;
        uint40 openedAt;
        uint8 count;
        bool frozen;
        uint40 lastSettledAt;
    }

    /// @dev Everything a price read needs, in one slot.
    struct AnswerSlot {
        uint96 answer;
        uint40 updatedAt;
        uint40 roundId;
        uint32 heartbeat;
        bool frozen;
    }

    /// @dev Bond parameters (read only when someone is slashed, registers or tops up).
    struct BondSlot {
        uint128 slashAmount;
        uint128 minBond;
    }

    /// @dev An accepted round, for `getRoundData`.
    struct RoundData {
        uint96 answer;
        uint40 startedAt;
        uint40 updatedAt;
    }

    struct Feed {
        RoundSlot round;
        AnswerSlot latest;
        BondSlot bonds;
        address asset;
        string description;
        uint256[MAX_QUORUM] submissions;
        mapping(uint256 roundId => RoundData) rounds;
    }

    IERC20 internal immutable _bondToken;
    address internal immutable _feeCollector;

    /// @inheritdoc INavOracle
    uint256 public feedCount;
    /// @inheritdoc INavOracle
    uint32 public unbondingDelay;
    /// @inheritdoc INavOracle
    uint256 public pendingSlashed;

    mapping(uint256 feedId => Feed) internal _feeds;
    mapping(uint256 feedId => mapping(address reporter => Reporter)) internal _reporters;

    /// @param bondToken_ The token reporters bond (pUSD).
    /// @param feeCollector_ Where slashed bonds go.
    /// @param unbondingDelay_ Seconds between `requestUnbond` and `withdrawBond`.
    /// @param initialDelay Delay (seconds) before a new default admin can accept the role.
    /// @param initialAdmin The default admin.
    constructor(
        IERC20 bondToken_,
        address feeCollector_,
        uint32 unbondingDelay_,
        uint48 initialDelay,
        address initialAdmin
    ) AccessControlDefaultAdminRules(initialDelay, initialAdmin) {
        if (address(bondToken_) == address(0) || feeCollector_ == address(0)) {
            revert OracleErrors.ZeroAddress();
        }
        _bondToken = bondToken_;
        _feeCollector = feeCollector_;
        _setUnbondingDelay(unbondingDelay_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INavOracle
    function createFeed(address asset, string calldata description_, FeedParams calldata params)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint256 feedId)
    {
        if (asset == address(0)) revert OracleErrors.ZeroAddress();
        _checkParams(params);
        feedId = ++feedCount;
        Feed storage feed = _feeds[feedId];
        _writeParams(feed, params);
        feed.round.roundId = 1;
        feed.asset = asset;
        feed.description = description_;
        emit OracleEvents.FeedCreated(feedId, asset, description_, params);
    }

    /// @inheritdoc INavOracle
    /// @dev An open round is abandoned so that no round settles under two sets of parameters. A frozen round is
    /// kept and decided by the guardian under the new parameters.
    function setFeedParams(uint256 feedId, FeedParams calldata params) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Feed storage feed = _feed(feedId);
        _checkParams(params);
        _writeParams(feed, params);
        RoundSlot storage round = feed.round;
        if (!round.frozen && round.count != 0) {
            emit OracleEvents.RoundAbandoned(feedId, round.roundId, round.count);
            round.roundId += 1;
            round.count = 0;
        }
        emit OracleEvents.FeedParamsSet(feedId, params);
    }

    /// @inheritdoc INavOracle
    /// @dev Approving requires the reporter to be unknown to the feed (`None`); withdrawing an approval requires it
    /// to be `Approved` (registered reporters leave through unbonding, or are stopped by jail).
    function setReporterApproval(uint256 feedId, address reporter, bool approved)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _feed(feedId);
        if (reporter == address(0)) revert OracleErrors.ZeroAddress();
        Reporter storage rep = _reporters[feedId][reporter];
        ReporterStatus expected = approved ? ReporterStatus.None : ReporterStatus.Approved;
        if (rep.status != expected) revert OracleErrors.InvalidReporterStatus(feedId, reporter, rep.status);
        rep.status = approved ? ReporterStatus.Approved : ReporterStatus.None;
        emit OracleEvents.ReporterApproval(feedId, reporter, approved);
    }

    /// @inheritdoc INavOracle
    function unjail(uint256 feedId, address reporter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Feed storage feed = _feed(feedId);
        Reporter storage rep = _reporters[feedId][reporter];
        if (rep.status != ReporterStatus.Jailed) {
            revert OracleErrors.InvalidReporterStatus(feedId, reporter, rep.status);
        }
        ReporterStatus status = rep.bond >= feed.bonds.minBond ? ReporterStatus.Active : ReporterStatus.Underbonded;
        rep.strikes = 0;
        rep.unbondAt = 0;
        rep.status = status;
        emit OracleEvents.ReporterUnjailed(feedId, reporter, status);
    }

    /// @inheritdoc INavOracle
    /// @dev Applies to unbonding requested from now on.
    function setUnbondingDelay(uint32 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingDelay(delay);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Guardian
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INavOracle
    /// @dev The answer is dated at the confirmation (the guardian vouches for it now); the round's `startedAt` is
    /// when its first submission came.
    function confirmAnswer(uint256 feedId) external onlyRole(GUARDIAN_ROLE) nonReentrant {
        Feed storage feed = _feeds[feedId];
        RoundSlot memory round = feed.round;
        if (!round.frozen) revert OracleErrors.NotFrozen(feedId);
        uint256[] memory sorted = _loadSorted(feed, round.count);
        uint256 median = MedianLib.lowerMedian(sorted);
        emit OracleEvents.FrozenAnswerConfirmed(feedId, round.roundId, median, msg.sender);
        _accept(feedId, feed, round, feed.latest.heartbeat, median);
        _punish(feedId, feed, round, sorted, median, true);
    }

    /// @inheritdoc INavOracle
    /// @dev The previous answer stays (with its own update time, so it may be stale). The rejection counts as a
    /// settlement for `minRoundInterval`.
    function rejectAnswer(uint256 feedId) external onlyRole(GUARDIAN_ROLE) nonReentrant {
        Feed storage feed = _feeds[feedId];
        RoundSlot memory round = feed.round;
        if (!round.frozen) revert OracleErrors.NotFrozen(feedId);
        uint256[] memory sorted = _loadSorted(feed, round.count);
        uint256 median = MedianLib.lowerMedian(sorted);
        emit OracleEvents.FrozenAnswerRejected(feedId, round.roundId, median, msg.sender);
        feed.latest.frozen = false;
        _closeRound(feed, round);
        _punish(feedId, feed, round, sorted, median, false);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reporters
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INavOracle
    /// @dev Strikes are kept across unbonding and registering again; only `unjail` clears them.
    function register(uint256 feedId, uint256 amount) external nonReentrant {
        Feed storage feed = _feed(feedId);
        Reporter storage rep = _reporters[feedId][msg.sender];
        if (rep.status != ReporterStatus.Approved) {
            revert OracleErrors.InvalidReporterStatus(feedId, msg.sender, rep.status);
        }
        uint256 minBond = feed.bonds.minBond;
        if (amount < minBond) revert OracleErrors.BondTooSmall(amount, minBond);
        rep.bond = amount.toUint128();
        rep.unbondAt = 0;
        rep.status = ReporterStatus.Active;
        _bondToken.safeTransferFrom(msg.sender, address(this), amount);
        emit OracleEvents.ReporterRegistered(feedId, msg.sender, amount);
    }

    /// @inheritdoc INavOracle
    /// @dev Allowed while `Active`, `Underbonded` or `Unbonding` (a jailed bond is locked).
    function addBond(uint256 feedId, uint256 amount) external nonReentrant {
        Feed storage feed = _feed(feedId);
        if (amount == 0) revert OracleErrors.ZeroAmount();
        Reporter storage rep = _reporters[feedId][msg.sender];
        ReporterStatus status = rep.status;
        if (
            status != ReporterStatus.Active && status != ReporterStatus.Underbonded
                && status != ReporterStatus.Unbonding
        ) revert OracleErrors.InvalidReporterStatus(feedId, msg.sender, status);
        uint256 bond = rep.bond + amount;
        rep.bond = bond.toUint128();
        if (status == ReporterStatus.Underbonded && bond >= feed.bonds.minBond) {
            status = ReporterStatus.Active;
            rep.status = status;
        }
        _bondToken.safeTransferFrom(msg.sender, address(this), amount);
        emit OracleEvents.BondAdded(feedId, msg.sender, amount, bond, status);
    }

    /// @inheritdoc INavOracle
    function requestUnbond(uint256 feedId) external {
        _feed(feedId);
        Reporter storage rep = _reporters[feedId][msg.sender];
        ReporterStatus status = rep.status;
        if (status != ReporterStatus.Active && status != ReporterStatus.Underbonded) {
            revert OracleErrors.InvalidReporterStatus(feedId, msg.sender, status);
        }
        uint256 unbondAt = block.timestamp + unbondingDelay;
        rep.unbondAt = uint40(unbondAt);
        rep.status = ReporterStatus.Unbonding;
        emit OracleEvents.UnbondRequested(feedId, msg.sender, unbondAt);
    }

    /// @inheritdoc INavOracle
    function withdrawBond(uint256 feedId) external nonReentrant returns (uint256 amount) {
        Feed storage feed = _feed(feedId);
        Reporter storage rep = _reporters[feedId][msg.sender];
        if (rep.status != ReporterStatus.Unbonding) {
            revert OracleErrors.InvalidReporterStatus(feedId, msg.sender, rep.status);
        }
        if (block.timestamp < rep.unbondAt) revert OracleErrors.StillUnbonding(rep.unbondAt);
        RoundSlot storage round = feed.round;
        if (rep.lastRound == round.roundId && (round.frozen || !_timedOutStored(round))) {
            revert OracleErrors.PendingRound(feedId, round.roundId);
        }
        amount = rep.bond;
        rep.bond = 0;
        rep.unbondAt = 0;
        rep.status = ReporterStatus.Approved;
        if (amount != 0) _bondToken.safeTransfer(msg.sender, amount);
        emit OracleEvents.BondWithdrawn(feedId, msg.sender, amount);
    }

    /// @inheritdoc INavOracle
    /// @dev Reverts with `FeedNotFound`, `InvalidAnswer`, `FeedIsFrozen`, `WrongRound` (see `currentRound`),
    /// `TooEarly` (the first submission of a round before `minRoundInterval` has passed), `InvalidReporterStatus`
    /// (not `Active`: jailed, unbonding, underbonded or unknown reporters are refused) or `AlreadySubmitted`.
    function submit(uint256 feedId, uint256 roundId, uint256 answer) external nonReentrant {
        if (answer == 0 || answer > type(uint96).max) revert OracleErrors.InvalidAnswer(answer);
        Feed storage feed = _feeds[feedId];
        RoundSlot memory round = feed.round;
        if (round.quorum == 0) revert OracleErrors.FeedNotFound(feedId);
        if (round.frozen) revert OracleErrors.FeedIsFrozen(feedId);
        if (round.count != 0 && _timedOut(round)) {
            emit OracleEvents.RoundAbandoned(feedId, round.roundId, round.count);
            ++round.roundId;
            round.count = 0;
        }
        if (roundId != round.roundId) revert OracleErrors.WrongRound(feedId, roundId, round.roundId);
        if (round.count == 0) {
            uint256 opensAt = uint256(round.lastSettledAt) + round.minRoundInterval;
            if (round.lastSettledAt != 0 && block.timestamp < opensAt) revert OracleErrors.TooEarly(feedId, opensAt);
            round.openedAt = uint40(block.timestamp);
        }

        Reporter storage rep = _reporters[feedId][msg.sender];
        if (rep.status != ReporterStatus.Active) {
            revert OracleErrors.InvalidReporterStatus(feedId, msg.sender, rep.status);
        }
        if (rep.lastRound == roundId) revert OracleErrors.AlreadySubmitted(feedId, roundId, msg.sender);
        rep.lastRound = uint40(roundId);
        emit OracleEvents.Submitted(feedId, roundId, msg.sender, answer);

        uint256 word = MedianLib.pack(msg.sender, answer);
        uint256 count = round.count;
        if (count + 1 < round.quorum) {
            feed.submissions[count] = word;
            round.count = uint8(count + 1);
            feed.round = round;
            return;
        }
        _settle(feedId, feed, round, word);
    }

    /// @inheritdoc INavOracle
    /// @dev Permissionless: the funds can only go to the FeeCollector.
    function sweepSlashed() external nonReentrant returns (uint256 amount) {
        amount = pendingSlashed;
        if (amount == 0) revert OracleErrors.ZeroAmount();
        pendingSlashed = 0;
        _bondToken.safeTransfer(_feeCollector, amount);
        emit OracleEvents.SlashSwept(amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Readers
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc INavOracle
    /// @dev One storage read. An unknown feed reverts with `NoAnswer`.
    function navOf(uint256 feedId) external view returns (uint256) {
        AnswerSlot memory latest = _feeds[feedId].latest;
        if (latest.frozen) revert OracleErrors.FeedIsFrozen(feedId);
        if (latest.roundId == 0) revert OracleErrors.NoAnswer(feedId);
        if (block.timestamp > uint256(latest.updatedAt) + latest.heartbeat) {
            revert OracleErrors.StaleAnswer(feedId, latest.updatedAt, latest.heartbeat);
        }
        return latest.answer;
    }

    /// @inheritdoc INavOracle
    /// @dev While frozen, `answer` is the last accepted answer (0 before the first), not the frozen one.
    function latestAnswer(uint256 feedId)
        external
        view
        returns (uint256 answer, uint256 updatedAt, uint256 roundId, FeedStatus status)
    {
        Feed storage feed = _feed(feedId);
        AnswerSlot memory latest = feed.latest;
        return (latest.answer, latest.updatedAt, latest.roundId, _status(latest));
    }

    /// @inheritdoc INavOracle
    function latestRoundData(uint256 feedId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint256 latestRound = _feeds[feedId].latest.roundId;
        if (latestRound == 0) revert OracleErrors.NoAnswer(feedId);
        return _roundData(feedId, latestRound);
    }

    /// @inheritdoc INavOracle
    function getRoundData(uint256 feedId, uint80 roundId)
        external
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return _roundData(feedId, roundId);
    }

    /// @inheritdoc INavOracle
    function currentRound(uint256 feedId) external view returns (uint256) {
        RoundSlot storage round = _feed(feedId).round;
        if (!round.frozen && round.count != 0 && _timedOutStored(round)) return uint256(round.roundId) + 1;
        return round.roundId;
    }

    /// @inheritdoc INavOracle
    function roundState(uint256 feedId) external view returns (RoundState memory state) {
        RoundSlot storage round = _feed(feedId).round;
        state.roundId = round.roundId;
        state.openedAt = round.openedAt;
        state.count = round.count;
        state.frozen = round.frozen;
        state.lastSettledAt = round.lastSettledAt;
    }

    /// @inheritdoc INavOracle
    /// @dev As stored: a round that has timed out still shows its submissions until the next submission abandons it.
    function pendingSubmissions(uint256 feedId)
        external
        view
        returns (address[] memory reporters, uint256[] memory answers)
    {
        Feed storage feed = _feed(feedId);
        uint256 count = feed.round.count;
        reporters = new address[](count);
        answers = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 word = feed.submissions[i];
            reporters[i] = MedianLib.reporterOf(word);
            answers[i] = MedianLib.answerOf(word);
        }
    }

    /// @inheritdoc INavOracle
    function frozenAnswer(uint256 feedId) external view returns (uint256) {
        Feed storage feed = _feeds[feedId];
        if (!feed.round.frozen) revert OracleErrors.NotFrozen(feedId);
        return MedianLib.lowerMedian(_loadSorted(feed, feed.round.count));
    }

    /// @inheritdoc INavOracle
    function feedParams(uint256 feedId) external view returns (FeedParams memory params) {
        Feed storage feed = _feed(feedId);
        RoundSlot storage round = feed.round;
        params.quorum = round.quorum;
        params.maxMoveBps = round.maxMoveBps;
        params.toleranceBps = round.toleranceBps;
        params.jailThreshold = round.jailThreshold;
        params.heartbeat = feed.latest.heartbeat;
        params.roundTimeout = round.roundTimeout;
        params.minRoundInterval = round.minRoundInterval;
        params.slashAmount = feed.bonds.slashAmount;
        params.minBond = feed.bonds.minBond;
    }

    /// @inheritdoc INavOracle
    function reporterOf(uint256 feedId, address reporter) external view returns (Reporter memory) {
        return _reporters[feedId][reporter];
    }

    /// @inheritdoc INavOracle
    function assetOf(uint256 feedId) external view returns (address) {
        return _feed(feedId).asset;
    }

    /// @inheritdoc INavOracle
    function description(uint256 feedId) external view returns (string memory) {
        return _feed(feedId).description;
    }

    /// @inheritdoc INavOracle
    function bondToken() external view returns (address) {
        return address(_bondToken);
    }

    /// @inheritdoc INavOracle
    function feeCollector() external view returns (address) {
        return _feeCollector;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Settles the round with the quorum-reaching submission `word`: accepts the lower median and slashes the
    /// outliers, or freezes the feed when the median moves beyond the maximum (always for a feed's first answer).
    function _settle(uint256 feedId, Feed storage feed, RoundSlot memory round, uint256 word) internal {
        uint256 count = round.count;
        uint256[] memory sorted = new uint256[](count + 1);
        for (uint256 i; i < count; ++i) {
            sorted[i] = feed.submissions[i];
        }
        sorted[count] = word;
        MedianLib.sort(sorted);
        uint256 median = MedianLib.lowerMedian(sorted);

        AnswerSlot memory latest = feed.latest;
        if (latest.roundId == 0 || MedianLib.exceeds(median, latest.answer, round.maxMoveBps)) {
            feed.submissions[count] = word;
            round.count = uint8(count + 1);
            round.frozen = true;
            feed.round = round;
            feed.latest.frozen = true;
            emit OracleEvents.AnswerFrozen(feedId, round.roundId, median, latest.answer);
            return;
        }
        _accept(feedId, feed, round, latest.heartbeat, median);
        _punish(feedId, feed, round, sorted, median, true);
    }

    /// @dev Makes `median` the answer of `round` (now) and closes the round.
    function _accept(uint256 feedId, Feed storage feed, RoundSlot memory round, uint32 heartbeat, uint256 median)
        internal
    {
        uint256 roundId = round.roundId;
        feed.latest = AnswerSlot({
            answer: uint96(median),
            updatedAt: uint40(block.timestamp),
            roundId: uint40(roundId),
            heartbeat: heartbeat,
            frozen: false
        });
        feed.rounds[roundId] =
            RoundData({answer: uint96(median), startedAt: round.openedAt, updatedAt: uint40(block.timestamp)});
        emit OracleEvents.AnswerUpdated(feedId, roundId, median, round.openedAt, block.timestamp);
        _closeRound(feed, round);
    }

    /// @dev Moves the feed to the next round (nothing open, not frozen, settlement time now). `round` is not modified
    /// and keeps the closed round's id for the caller.
    function _closeRound(Feed storage feed, RoundSlot memory round) internal {
        feed.round = RoundSlot({
            quorum: round.quorum,
            maxMoveBps: round.maxMoveBps,
            toleranceBps: round.toleranceBps,
            jailThreshold: round.jailThreshold,
            roundTimeout: round.roundTimeout,
            minRoundInterval: round.minRoundInterval,
            roundId: round.roundId + 1,
            openedAt: 0,
            count: 0,
            frozen: false,
            lastSettledAt: uint40(block.timestamp)
        });
    }

    /// @dev Slashes, in round `round` with median `median`, the submissions further than the tolerance from it
    /// (`outliers` true: an accepted round) or those within it (`outliers` false: a rejected round). Slashed bond goes
    /// to the FeeCollector in one transfer.
    function _punish(
        uint256 feedId,
        Feed storage feed,
        RoundSlot memory round,
        uint256[] memory sorted,
        uint256 median,
        bool outliers
    ) internal {
        BondSlot memory bonds;
        bool loaded;
        uint256 total;
        for (uint256 i; i < sorted.length; ++i) {
            uint256 answer = MedianLib.answerOf(sorted[i]);
            if (MedianLib.exceeds(answer, median, round.toleranceBps) != outliers) continue;
            if (!loaded) {
                bonds = feed.bonds;
                loaded = true;
            }
            total += _slash(feedId, round, MedianLib.reporterOf(sorted[i]), answer, median, bonds);
        }
        if (total != 0 && !_bondToken.trySafeTransfer(_feeCollector, total)) {
            // A collector that cannot receive (e.g. blocked by the token) must not stop rounds from settling.
            pendingSlashed += total;
            emit OracleEvents.SlashDeferred(total);
        }
    }

    /// @dev Takes up to `slashAmount` from `reporter`, adds a strike, jails it at the threshold, or marks it
    /// `Underbonded` when its bond falls below the minimum.
    function _slash(
        uint256 feedId,
        RoundSlot memory round,
        address reporter,
        uint256 answer,
        uint256 median,
        BondSlot memory bonds
    ) internal returns (uint256 amount) {
        Reporter storage rep = _reporters[feedId][reporter];
        Reporter memory state = rep;
        amount = state.bond < bonds.slashAmount ? state.bond : bonds.slashAmount;
        state.bond -= uint128(amount);
        if (state.strikes < type(uint8).max) ++state.strikes;
        if (state.strikes >= round.jailThreshold) {
            state.status = ReporterStatus.Jailed;
            emit OracleEvents.ReporterJailed(feedId, reporter, round.roundId);
        } else if (state.status == ReporterStatus.Active && state.bond < bonds.minBond) {
            state.status = ReporterStatus.Underbonded;
        }
        _reporters[feedId][reporter] = state;
        emit OracleEvents.Slashed(feedId, round.roundId, reporter, amount, answer, median, state.strikes, state.bond);
    }

    function _loadSorted(Feed storage feed, uint256 count) internal view returns (uint256[] memory sorted) {
        sorted = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            sorted[i] = feed.submissions[i];
        }
        MedianLib.sort(sorted);
    }

    function _roundData(uint256 feedId, uint256 roundId)
        internal
        view
        returns (uint80, int256, uint256, uint256, uint80)
    {
        RoundData memory data = _feeds[feedId].rounds[roundId];
        if (data.updatedAt == 0) revert OracleErrors.NoDataForRound(feedId, roundId);
        // forge-lint: disable-next-line(unsafe-typecast)
        return (uint80(roundId), int256(uint256(data.answer)), data.startedAt, data.updatedAt, uint80(roundId));
    }

    function _status(AnswerSlot memory latest) internal view returns (FeedStatus) {
        if (latest.frozen) return FeedStatus.Frozen;
        if (latest.roundId == 0) return FeedStatus.None;
        if (block.timestamp > uint256(latest.updatedAt) + latest.heartbeat) return FeedStatus.Stale;
        return FeedStatus.Fresh;
    }

    function _timedOut(RoundSlot memory round) internal view returns (bool) {
        return block.timestamp > uint256(round.openedAt) + round.roundTimeout;
    }

    function _timedOutStored(RoundSlot storage round) internal view returns (bool) {
        return block.timestamp > uint256(round.openedAt) + round.roundTimeout;
    }

    function _feed(uint256 feedId) internal view returns (Feed storage feed) {
        feed = _feeds[feedId];
        if (feed.round.quorum == 0) revert OracleErrors.FeedNotFound(feedId);
    }

    function _checkParams(FeedParams calldata params) internal pure {
        if (params.quorum == 0 || params.quorum > MAX_QUORUM) revert OracleErrors.InvalidQuorum(params.quorum);
        if (params.maxMoveBps == 0 || params.maxMoveBps > BPS) revert OracleErrors.InvalidBps(params.maxMoveBps);
        if (params.toleranceBps == 0 || params.toleranceBps > BPS) revert OracleErrors.InvalidBps(params.toleranceBps);
        if (params.jailThreshold == 0) revert OracleErrors.InvalidJailThreshold(params.jailThreshold);
        if (params.heartbeat == 0) revert OracleErrors.InvalidDuration(params.heartbeat);
        if (params.roundTimeout == 0) revert OracleErrors.InvalidDuration(params.roundTimeout);
        if (params.minBond == 0) revert OracleErrors.InvalidMinBond();
    }

    function _writeParams(Feed storage feed, FeedParams calldata params) internal {
        RoundSlot storage round = feed.round;
        round.quorum = params.quorum;
        round.maxMoveBps = params.maxMoveBps;
        round.toleranceBps = params.toleranceBps;
        round.jailThreshold = params.jailThreshold;
        round.roundTimeout = params.roundTimeout;
        round.minRoundInterval = params.minRoundInterval;
        feed.latest.heartbeat = params.heartbeat;
        feed.bonds = BondSlot({slashAmount: params.slashAmount, minBond: params.minBond});
    }

    function _setUnbondingDelay(uint32 delay) internal {
        if (delay < MIN_UNBONDING_DELAY || delay > MAX_UNBONDING_DELAY) {
            revert OracleErrors.InvalidUnbondingDelay(delay);
        }
        unbondingDelay = delay;
        emit OracleEvents.UnbondingDelaySet(delay);
    }
}
