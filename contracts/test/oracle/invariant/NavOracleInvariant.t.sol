// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../../src/interfaces/INavOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {NavOracleHandler} from "./NavOracleHandler.sol";

/// @notice Oracle invariants (ARCHITECTURE §3): the answer is always the lower median of at least quorum fresh
/// submissions of active (non-jailed) reporters; no answer without quorum; bonds are fully accounted:
/// sum of reporter bonds = bonds deposited − withdrawn − slashed = the oracle's token balance, and the FeeCollector
/// received exactly what was slashed.
contract NavOracleInvariantTest is OracleBase {
    NavOracleHandler internal handler;

    function setUp() public override {
        super.setUp();
        INavOracle.FeedParams memory p = _params(4); // even quorum: exercises the lower median
        p.minBond = 500e18;
        p.jailThreshold = 4;
        feedId = _createFeed(p);
        _addReporters(feedId, 7);
        handler = new NavOracleHandler(oracle, pusd, pusdMinter, address(collector), admin, guardian, feedId, reporters);
        handler.noteDeposit(7 * BOND);

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = NavOracleHandler.submit.selector;
        selectors[1] = NavOracleHandler.warp.selector;
        selectors[2] = NavOracleHandler.decide.selector;
        selectors[3] = NavOracleHandler.topUp.selector;
        selectors[4] = NavOracleHandler.unbondAndWithdraw.selector;
        selectors[5] = NavOracleHandler.unjail.selector;
        selectors[6] = NavOracleHandler.submitMany.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function invariant_bondsAreFullyAccounted() public view {
        uint256 sum;
        for (uint256 i; i < reporters.length; ++i) {
            sum += oracle.reporterOf(feedId, reporters[i]).bond;
        }
        uint256 expected = handler.ghostDeposited() - handler.ghostWithdrawn() - handler.ghostSlashed();
        assertEq(sum, expected, "sum of bonds = deposited - withdrawn - slashed");
        assertEq(oracle.pendingSlashed(), 0, "the collector can always receive here");
        assertEq(pusd.balanceOf(address(oracle)), sum, "oracle holds exactly the bonds");
        assertEq(pusd.balanceOf(address(collector)), handler.ghostSlashed(), "slashed bond went to the collector");
    }

    function invariant_answerIsLowerMedianOfQuorum() public view {
        assertEq(handler.violations(), 0, "every settlement matched the ghost median of >= quorum fresh submissions");
        (uint256 answer,, uint256 roundId, INavOracle.FeedStatus status) = oracle.latestAnswer(feedId);
        if (roundId == 0) {
            assertEq(answer, 0, "no answer before the first accepted round");
            assertTrue(status == INavOracle.FeedStatus.None || status == INavOracle.FeedStatus.Frozen);
            return;
        }
        assertEq(answer, handler.ghostMedian(roundId));
        assertGe(handler.ghostCount(roundId), handler.quorum(), "no answer without quorum");
        (, int256 roundAnswer,,,) = oracle.getRoundData(feedId, uint80(roundId));
        assertEq(uint256(roundAnswer), answer);
    }

    function invariant_openRoundBelowQuorumAndFrozenIsMedian() public view {
        INavOracle.RoundState memory state = oracle.roundState(feedId);
        if (state.frozen) {
            assertEq(state.count, handler.quorum());
            assertEq(oracle.frozenAnswer(feedId), handler.lowerMedianOfCurrent());
        } else {
            assertLt(state.count, handler.quorum(), "an open round never holds a quorum");
        }
    }

    /// @dev Every submission went to a round that settled, was rejected, was abandoned, or is the current one, and
    /// no round took more than a quorum of submissions (so the handler is not inert and rounds never overfill).
    function invariant_everySubmissionBelongsToAResolvedRound() public view {
        uint256 resolved = handler.settlements() + handler.rejections() + handler.abandonments();
        assertLe(handler.successfulSubmits(), handler.quorum() * (resolved + 1));
    }
}
