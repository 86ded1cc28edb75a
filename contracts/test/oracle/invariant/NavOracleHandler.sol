// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../../src/interfaces/INavOracle.sol";
import {NavOracle} from "../../../src/oracle/NavOracle.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives one feed through random submissions, time, guardian decisions and reporter life cycles, and keeps
/// ghost records of every round's submissions so that the invariants can check each answer independently.
contract NavOracleHandler is CommonBase, StdCheats, StdUtils {
    NavOracle public immutable oracle;
    PlazaUSD public immutable pusd;
    address public immutable minter;
    address public immutable collector;
    address public immutable admin;
    address public immutable guardian;
    uint256 public immutable feedId;
    uint256 public immutable quorum;

    address[] public reporters;

    // bond accounting
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostSlashed;

    // the current round's submissions, as the handler saw them
    uint256 public ghostRoundId;
    uint256[] internal _ghostValues;
    uint256 public ghostRoundOpenedAt;

    // every accepted round: its median and how many submissions it had
    mapping(uint256 roundId => uint256) public ghostMedian;
    mapping(uint256 roundId => uint256) public ghostCount;
    uint256 public violations;
    uint256 public settlements;
    uint256 public freezes;
    uint256 public successfulSubmits;
    uint256 public abandonments;
    uint256 public rejections;

    constructor(
        NavOracle oracle_,
        PlazaUSD pusd_,
        address minter_,
        address collector_,
        address admin_,
        address guardian_,
        uint256 feedId_,
        address[] memory reporters_
    ) {
        oracle = oracle_;
        pusd = pusd_;
        minter = minter_;
        collector = collector_;
        admin = admin_;
        guardian = guardian_;
        feedId = feedId_;
        quorum = oracle_.feedParams(feedId_).quorum;
        reporters = reporters_;
        ghostRoundId = 1;
    }

    function noteDeposit(uint256 amount) external {
        ghostDeposited += amount;
    }

    function reporterCount() external view returns (uint256) {
        return reporters.length;
    }

    function ghostValues() external view returns (uint256[] memory) {
        return _ghostValues;
    }

    // ---------------------------------------------------------------- actions

    /// @dev Usually picks an active reporter that has not submitted to the round yet (starting from `who`); with
    /// `anyone` it submits from `who` whatever its state, to exercise the refusals.
    function submit(uint256 who, uint256 valueSeed, bool outlier, bool anyone) external {
        _submit(who, valueSeed, outlier, anyone);
    }

    /// @dev `count` (1–quorum) submissions in a row from eligible reporters, so that runs settle many rounds.
    function submitMany(uint256 who, uint256 valueSeed, uint256 countSeed, uint256 outlierMask) external {
        uint256 count = bound(countSeed, 1, quorum);
        for (uint256 i; i < count; ++i) {
            if (oracle.roundState(feedId).frozen) return;
            _submit(who + i, uint256(keccak256(abi.encode(valueSeed, i))), (outlierMask >> i) & 1 == 1, false);
        }
    }

    function _submit(uint256 who, uint256 valueSeed, bool outlier, bool anyone) internal {
        uint256 round = oracle.currentRound(feedId);
        address r = reporters[who % reporters.length];
        if (!anyone) {
            for (uint256 k; k < reporters.length; ++k) {
                address candidate = reporters[(who + k) % reporters.length];
                INavOracle.Reporter memory rep = oracle.reporterOf(feedId, candidate);
                if (rep.status == INavOracle.ReporterStatus.Active && rep.lastRound != round) {
                    r = candidate;
                    break;
                }
            }
        }
        if (round != ghostRoundId) {
            // the previous round timed out and is abandoned by this submission
            if (_ghostValues.length != 0) ++abandonments;
            delete _ghostValues;
            ghostRoundId = round;
        }
        INavOracle.ReporterStatus status = oracle.reporterOf(feedId, r).status;
        uint256 value = outlier ? bound(valueSeed, 50e18, 200e18) : bound(valueSeed, 98e18, 102e18);
        uint256 collectorBefore = pusd.balanceOf(collector);
        vm.prank(r);
        oracle.submit(feedId, round, value);
        ghostSlashed += pusd.balanceOf(collector) - collectorBefore;
        ++successfulSubmits;

        if (status != INavOracle.ReporterStatus.Active) ++violations; // only active reporters may submit
        if (_ghostValues.length == 0) ghostRoundOpenedAt = block.timestamp;
        if (block.timestamp > ghostRoundOpenedAt + oracle.feedParams(feedId).roundTimeout) ++violations; // stale
        _ghostValues.push(value);

        INavOracle.RoundState memory state = oracle.roundState(feedId);
        if (state.frozen) {
            ++freezes;
            if (_ghostValues.length < quorum) ++violations;
        } else if (state.roundId != round) {
            _recordAccepted(round);
        } else if (_ghostValues.length >= quorum) {
            ++violations; // quorum reached without settling
        }
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 40 minutes));
    }

    function decide(bool confirm) external {
        if (!oracle.roundState(feedId).frozen) return;
        uint256 round = ghostRoundId;
        uint256 collectorBefore = pusd.balanceOf(collector);
        vm.prank(guardian);
        if (confirm) oracle.confirmAnswer(feedId);
        else oracle.rejectAnswer(feedId);
        ghostSlashed += pusd.balanceOf(collector) - collectorBefore;
        if (confirm) {
            _recordAccepted(round);
        } else {
            ++rejections;
            delete _ghostValues;
            ghostRoundId = round + 1;
        }
    }

    function topUp(uint256 who, uint256 amountSeed) external {
        address r = reporters[who % reporters.length];
        uint256 amount = bound(amountSeed, 1, 500e18);
        _fund(r, amount);
        vm.startPrank(r);
        pusd.approve(address(oracle), amount);
        oracle.addBond(feedId, amount);
        vm.stopPrank();
        ghostDeposited += amount;
    }

    function unbondAndWithdraw(uint256 who) external {
        address r = reporters[who % reporters.length];
        vm.prank(r);
        oracle.requestUnbond(feedId);
        vm.warp(block.timestamp + oracle.unbondingDelay());
        vm.prank(r);
        ghostWithdrawn += oracle.withdrawBond(feedId);
        // and comes back with a fresh bond, so the feed keeps enough reporters
        uint256 bond = 1000e18;
        _fund(r, bond);
        vm.startPrank(r);
        pusd.approve(address(oracle), bond);
        oracle.register(feedId, bond);
        vm.stopPrank();
        ghostDeposited += bond;
    }

    function unjail(uint256 who) external {
        address r = reporters[who % reporters.length];
        vm.prank(admin);
        oracle.unjail(feedId, r);
    }

    // ---------------------------------------------------------------- ghost bookkeeping

    function _recordAccepted(uint256 round) internal {
        ++settlements;
        uint256 median = _lowerMedian(_ghostValues);
        ghostMedian[round] = median;
        ghostCount[round] = _ghostValues.length;
        if (_ghostValues.length < quorum) ++violations;
        (uint256 answer,, uint256 answeredRound,) = oracle.latestAnswer(feedId);
        if (answeredRound != round || answer != median) ++violations;
        delete _ghostValues;
        ghostRoundId = round + 1;
    }

    function lowerMedianOfCurrent() external view returns (uint256) {
        return _lowerMedian(_ghostValues);
    }

    function _lowerMedian(uint256[] memory values) internal pure returns (uint256) {
        uint256 n = values.length;
        uint256 k = (n - 1) / 2;
        for (uint256 i; i < n; ++i) {
            uint256 below;
            uint256 equal;
            for (uint256 j; j < n; ++j) {
                if (values[j] < values[i]) ++below;
                else if (values[j] == values[i]) ++equal;
            }
            if (below <= k && k < below + equal) return values[i];
        }
        return 0;
    }

    function _fund(address to, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(minter);
        pusd.mint(to, amount);
    }
}
