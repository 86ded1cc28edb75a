// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {OracleBase} from "./OracleBase.sol";

/// @notice Fuzzed medians and the attacks of ARCHITECTURE §4 that apply to the oracle: manipulation by a minority
/// coalition, coalitions below quorum, jailed reporters, stale and frozen feeds, slow walks by a colluding quorum.
contract NavOracleAdversarialTest is OracleBase {
    // ---------------------------------------------------------------- medians of random submission sets

    /// @dev Random quorum (1–31) and a random number of submissions with random values: below quorum there is no
    /// answer; at quorum the round settles at the lower median of exactly those submissions (frozen or accepted).
    function testFuzz_answerIsLowerMedianOfQuorum(uint8 quorumSeed, uint8 countSeed, uint256 seed) public {
        uint8 quorum = uint8(bound(quorumSeed, 1, 31));
        uint256 count = bound(countSeed, 1, quorum);
        uint256 id = _createFeed(_params(quorum));
        _addReporters(id, count);
        uint256[] memory values = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            values[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, type(uint96).max);
            _submit(id, reporters[i], values[i]);
        }
        if (count < quorum) {
            INavOracle.RoundState memory r = oracle.roundState(id);
            assertEq(r.count, count);
            assertFalse(r.frozen);
            vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, id));
            oracle.navOf(id);
            return;
        }
        uint256 median = _lowerMedian(values);
        assertEq(oracle.frozenAnswer(id), median, "first answer waits for the guardian");
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        assertEq(oracle.navOf(id), median);
    }

    /// @dev Same, after a first answer: values within the maximum move are accepted at once, others freeze; either
    /// way the round's answer is the lower median of the quorum's submissions.
    function testFuzz_settledRoundAnswerIsLowerMedian(uint8 quorumSeed, uint256 seed) public {
        uint8 quorum = uint8(bound(quorumSeed, 1, 31));
        uint256 id = _bootstrap(quorum, quorum, NAV);
        uint256[] memory values = new uint256[](quorum);
        for (uint256 i; i < quorum; ++i) {
            values[i] = bound(uint256(keccak256(abi.encode(seed, i))), 85e18, 115e18);
            _submit(id, reporters[i], values[i]);
        }
        uint256 median = _lowerMedian(values);
        if (oracle.roundState(id).frozen) {
            assertGt(median > NAV ? median - NAV : NAV - median, NAV / 10, "froze only beyond the maximum move");
            assertEq(oracle.frozenAnswer(id), median);
        } else {
            assertEq(oracle.navOf(id), median);
            (uint80 roundId,,,,) = oracle.latestRoundData(id);
            assertEq(roundId, 2);
        }
    }

    // ---------------------------------------------------------------- manipulation bounds

    /// @dev Any coalition smaller than half of the quorum, submitting anything in any order, cannot take the answer
    /// outside the range of the honest submissions, hence not past the tolerance when honest reporters are within
    /// it; and every coalition submission beyond the tolerance is slashed.
    function testFuzz_minorityCannotMoveMedianPastTolerance(
        uint8 quorumSeed,
        uint8 coalitionSeed,
        uint256 seed,
        bool high
    ) public {
        uint8 quorum = uint8(bound(quorumSeed, 1, 31));
        uint256 coalition = bound(coalitionSeed, 0, (uint256(quorum) - 1) / 2); // strictly below half
        uint256 id = _bootstrap(quorum, quorum, NAV);
        uint256 tolerance = NAV * 200 / 10_000; // 2%
        uint256 minHonest = type(uint256).max;
        uint256 maxHonest;
        // reporters 0..coalition-1 collude; submission order is a random rotation
        uint256 start = seed % quorum;
        for (uint256 k; k < quorum; ++k) {
            uint256 i = (start + k) % quorum;
            uint256 value;
            if (i < coalition) {
                value = high ? type(uint96).max : 1;
            } else {
                // honest: within half the tolerance of the true NAV
                value = bound(uint256(keccak256(abi.encode(seed, i))), NAV - tolerance / 2, NAV + tolerance / 2);
                if (value < minHonest) minHonest = value;
                if (value > maxHonest) maxHonest = value;
            }
            _submit(id, reporters[i], value);
        }
        uint256 answer = oracle.navOf(id);
        assertGe(answer, minHonest);
        assertLe(answer, maxHonest);
        assertLe(answer > NAV ? answer - NAV : NAV - answer, tolerance, "within tolerance of the truth");
        for (uint256 i; i < coalition; ++i) {
            assertEq(oracle.reporterOf(id, reporters[i]).strikes, 1, "colluder slashed");
        }
        for (uint256 i = coalition; i < quorum; ++i) {
            assertEq(oracle.reporterOf(id, reporters[i]).strikes, 0, "honest reporter untouched");
        }
    }

    /// @dev With an even quorum, a coalition of exactly half can only pull the lower median down, never up: the
    /// direction that would overvalue collateral is closed.
    function testFuzz_halfCoalitionCannotInflate(uint8 halfSeed, uint256 seed) public {
        uint256 half = bound(halfSeed, 1, 15);
        uint8 quorum = uint8(half * 2);
        uint256 id = _bootstrap(quorum, quorum, NAV);
        uint256 maxHonest;
        for (uint256 i; i < quorum; ++i) {
            uint256 value = i < half ? NAV * 2 : bound(uint256(keccak256(abi.encode(seed, i))), NAV - 1e18, NAV + 1e18);
            if (i >= half && value > maxHonest) maxHonest = value;
            _submit(id, reporters[i], value);
        }
        assertLe(oracle.navOf(id), maxHonest);
    }

    /// @dev A submission is slashed exactly when it is further than the tolerance from the median, and the slash
    /// reaches the FeeCollector.
    function testFuzz_slashedIffBeyondTolerance(uint96 value, uint16 toleranceSeed) public {
        uint256 submitted = bound(value, 1, type(uint96).max);
        INavOracle.FeedParams memory p = _params(3);
        p.toleranceBps = uint16(bound(toleranceSeed, 1, 10_000));
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        _roundSame(id, 0, 2, NAV);
        _submit(id, reporters[2], submitted); // the median of (NAV, NAV, x) is NAV whatever x is
        assertEq(oracle.navOf(id), NAV);
        uint256 distance = submitted > NAV ? submitted - NAV : NAV - submitted;
        bool beyond = distance * 10_000 > NAV * p.toleranceBps;
        assertEq(oracle.reporterOf(id, reporters[2]).strikes, beyond ? 1 : 0);
        assertEq(pusd.balanceOf(address(collector)), beyond ? p.slashAmount : 0);
    }

    function test_singleReporterCannotMoveMedian() public {
        uint256 id = _bootstrap(5, 6, NAV);
        _roundSame(id, 0, 4, NAV);
        _submit(id, reporters[4], 1);
        assertEq(oracle.navOf(id), NAV);
        _submit(id, reporters[5], type(uint96).max); // submitting first changes nothing either
        _roundSame(id, 0, 4, NAV);
        assertEq(oracle.navOf(id), NAV);
        assertEq(oracle.reporterOf(id, reporters[4]).strikes, 1);
        assertEq(oracle.reporterOf(id, reporters[5]).strikes, 1);
    }

    function test_coalitionBelowQuorumCannotProduceAnAnswer() public {
        uint256 id = _bootstrap(5, 9, NAV);
        uint256 updatedAt = block.timestamp;
        _roundSame(id, 0, 4, 105e18); // four colluders, quorum five
        assertEq(oracle.navOf(id), NAV, "no answer without quorum");
        vm.warp(block.timestamp + 1 hours + 1);
        assertEq(oracle.currentRound(id), 3, "their round times out");
        // the honest quorum settles a fresh round, ignoring the abandoned submissions
        _roundSame(id, 4, 5, NAV + 1e18);
        assertEq(oracle.navOf(id), NAV + 1e18);
        (,,, uint256 newUpdatedAt,) = oracle.latestRoundData(id);
        assertGt(newUpdatedAt, updatedAt);
    }

    function test_jailedReporterSubmissionsAreIgnored() public {
        INavOracle.FeedParams memory p = _params(3);
        p.jailThreshold = 1;
        uint256 id = _createFeed(p);
        _addReporters(id, 4);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        address bad = reporters[2];
        _roundSame(id, 0, 2, NAV);
        _submit(id, bad, 300e18);
        assertEq(uint8(oracle.reporterOf(id, bad).status), uint8(INavOracle.ReporterStatus.Jailed));
        // the jailed reporter is refused; the round completes with others only
        uint256 round = oracle.currentRound(id);
        vm.prank(bad);
        vm.expectRevert(
            abi.encodeWithSelector(
                OracleErrors.InvalidReporterStatus.selector, id, bad, INavOracle.ReporterStatus.Jailed
            )
        );
        oracle.submit(id, round, 300e18);
        _submit(id, reporters[0], 101e18);
        _submit(id, reporters[1], 101e18);
        _submit(id, reporters[3], 101e18);
        assertEq(oracle.navOf(id), 101e18);
        (address[] memory who,) = oracle.pendingSubmissions(id);
        assertEq(who.length, 0);
        // and its bond stays locked while jailed
        vm.prank(bad);
        vm.expectRevert(
            abi.encodeWithSelector(
                OracleErrors.InvalidReporterStatus.selector, id, bad, INavOracle.ReporterStatus.Jailed
            )
        );
        oracle.withdrawBond(id);
    }

    /// @dev A colluding quorum majority can walk the answer by at most the maximum move per round, and at most one
    /// round per `minRoundInterval`; a bigger jump freezes the feed for the guardian.
    function test_colludingMajorityWalkIsBoundedByMaxMoveAndInterval() public {
        INavOracle.FeedParams memory p = _params(3);
        p.minRoundInterval = 1 hours;
        p.minBond = 100e18;
        p.jailThreshold = 10;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        uint256 value = NAV;
        for (uint256 i; i < 3; ++i) {
            value = value * 11 / 10; // +10%: the maximum
            vm.warp(block.timestamp + 1 hours);
            _submit(id, reporters[0], value);
            _submit(id, reporters[1], value);
            _submit(id, reporters[2], NAV); // the honest one, slashed for disagreeing with the corrupted median
            assertEq(oracle.navOf(id), value);
        }
        // a second round in the same interval is refused
        uint256 round = oracle.currentRound(id);
        vm.prank(reporters[0]);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.TooEarly.selector, id, block.timestamp + 1 hours));
        oracle.submit(id, round, value);
        // a jump beyond the maximum freezes the feed instead of moving it
        vm.warp(block.timestamp + 1 hours);
        _submit(id, reporters[0], value * 2);
        _submit(id, reporters[1], value * 2);
        _submit(id, reporters[2], value);
        assertEq(uint8(oracle.roundState(id).frozen ? 1 : 0), 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        oracle.navOf(id);
    }

    // ---------------------------------------------------------------- stale and frozen feeds refuse price()

    function test_staleAndFrozenFeedsRefusePrice() public {
        uint256 id = _bootstrap(3, 3, NAV);
        NavFeedAdapter adapter = _adapter(id);
        assertEq(adapter.price(), NAV * 1e18);

        uint256 t = block.timestamp;
        vm.warp(t + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, id, t, uint256(1 days)));
        adapter.price();

        _roundSame(id, 0, 3, NAV); // a fresh round restores it
        assertEq(adapter.price(), NAV * 1e18);

        _roundSame(id, 0, 3, 50e18); // -50%: frozen
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        adapter.price();
        vm.warp(block.timestamp + 2 days); // frozen wins over stale
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        adapter.price();
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        assertEq(adapter.price(), 50e18 * 1e18);
    }
}
