// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {NavOracle} from "../../src/oracle/NavOracle.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {OracleEvents} from "../../src/oracle/libraries/OracleEvents.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {OracleBase} from "./OracleBase.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract NavOracleTest is OracleBase {
    bytes32 internal guardianRole;

    function setUp() public override {
        super.setUp();
        guardianRole = oracle.GUARDIAN_ROLE();
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _status(uint256 id, address r) internal view returns (INavOracle.ReporterStatus) {
        return oracle.reporterOf(id, r).status;
    }

    function _invalidStatus(uint256 id, address r, INavOracle.ReporterStatus s) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(OracleErrors.InvalidReporterStatus.selector, id, r, s);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_storesConfiguration() public view {
        assertEq(oracle.bondToken(), address(pusd));
        assertEq(oracle.feeCollector(), address(collector));
        assertEq(oracle.unbondingDelay(), UNBONDING);
        assertEq(oracle.defaultAdmin(), admin);
        assertTrue(oracle.hasRole(guardianRole, guardian));
        assertEq(oracle.feedCount(), 0);
        assertEq(oracle.MAX_QUORUM(), 31);
        assertEq(oracle.NAV_DECIMALS(), 18);
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(OracleErrors.ZeroAddress.selector);
        new NavOracle(IERC20(address(0)), address(collector), UNBONDING, 0, admin);
        vm.expectRevert(OracleErrors.ZeroAddress.selector);
        new NavOracle(IERC20(address(pusd)), address(0), UNBONDING, 0, admin);
    }

    function test_constructor_revertsOnInvalidUnbondingDelay() public {
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidUnbondingDelay.selector, uint256(1 hours - 1)));
        new NavOracle(IERC20(address(pusd)), address(collector), 1 hours - 1, 0, admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidUnbondingDelay.selector, uint256(90 days + 1)));
        new NavOracle(IERC20(address(pusd)), address(collector), 90 days + 1, 0, admin);
    }

    // ---------------------------------------------------------------- createFeed

    function test_createFeed_storesAndEmits() public {
        INavOracle.FeedParams memory p = _params(5);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.FeedCreated(1, address(asset), "HRBR / pUSD NAV", p);
        uint256 id = _createFeed(p);
        assertEq(id, 1);
        assertEq(oracle.feedCount(), 1);
        assertEq(oracle.assetOf(id), address(asset));
        assertEq(oracle.description(id), "HRBR / pUSD NAV");
        INavOracle.FeedParams memory got = oracle.feedParams(id);
        assertEq(abi.encode(got), abi.encode(p));
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.roundId, 1);
        assertEq(r.count, 0);
        assertFalse(r.frozen);
        assertEq(oracle.currentRound(id), 1);
        (uint256 answer, uint256 updatedAt, uint256 roundId, INavOracle.FeedStatus status) = oracle.latestAnswer(id);
        assertEq(answer + updatedAt + roundId, 0);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.None));
        assertEq(_createFeed(p), 2, "ids are sequential");
    }

    function test_createFeed_revertsForNonAdmin() public {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        oracle.createFeed(address(asset), "x", _params(3));
    }

    function test_createFeed_revertsOnZeroAsset() public {
        vm.prank(admin);
        vm.expectRevert(OracleErrors.ZeroAddress.selector);
        oracle.createFeed(address(0), "x", _params(3));
    }

    function test_createFeed_revertsOnInvalidParams() public {
        INavOracle.FeedParams memory p = _params(0);
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidQuorum.selector, uint256(0)));
        p = _params(32);
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidQuorum.selector, uint256(32)));
        p = _params(3);
        p.maxMoveBps = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidBps.selector, uint256(0)));
        p.maxMoveBps = 10_001;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidBps.selector, uint256(10_001)));
        p = _params(3);
        p.toleranceBps = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidBps.selector, uint256(0)));
        p.toleranceBps = 10_001;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidBps.selector, uint256(10_001)));
        p = _params(3);
        p.jailThreshold = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidJailThreshold.selector, uint256(0)));
        p = _params(3);
        p.heartbeat = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidDuration.selector, uint256(0)));
        p = _params(3);
        p.roundTimeout = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidDuration.selector, uint256(0)));
        p = _params(3);
        p.minBond = 0;
        _expectCreateRevert(p, abi.encodeWithSelector(OracleErrors.InvalidMinBond.selector));
    }

    function _expectCreateRevert(INavOracle.FeedParams memory p, bytes memory err) internal {
        vm.prank(admin);
        vm.expectRevert(err);
        oracle.createFeed(address(asset), "x", p);
    }

    // ---------------------------------------------------------------- setFeedParams

    function test_setFeedParams_replacesAndEmits() public {
        uint256 id = _createFeed(_params(3));
        INavOracle.FeedParams memory p = _params(5);
        p.heartbeat = 2 days;
        p.slashAmount = 7e18;
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.FeedParamsSet(id, p);
        vm.prank(admin);
        oracle.setFeedParams(id, p);
        assertEq(abi.encode(oracle.feedParams(id)), abi.encode(p));
        assertEq(oracle.roundState(id).roundId, 1, "no open round: nothing abandoned");
    }

    function test_setFeedParams_abandonsOpenRound() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        _submit(id, reporters[0], NAV);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.RoundAbandoned(id, 1, 1);
        vm.prank(admin);
        oracle.setFeedParams(id, _params(2));
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.roundId, 2);
        assertEq(r.count, 0);
        // the abandoned submitter may submit again in the new round
        _submit(id, reporters[0], NAV);
        _submit(id, reporters[1], NAV);
        assertTrue(oracle.roundState(id).frozen, "quorum 2 reached: first answer freezes");
    }

    function test_setFeedParams_keepsFrozenRound() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(admin);
        oracle.setFeedParams(id, _params(2));
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertTrue(r.frozen);
        assertEq(r.count, 3);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        assertEq(oracle.navOf(id), NAV);
    }

    function test_setFeedParams_reverts() public {
        uint256 id = _createFeed(_params(3));
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        oracle.setFeedParams(id, _params(3));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(9)));
        oracle.setFeedParams(9, _params(3));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidQuorum.selector, uint256(0)));
        oracle.setFeedParams(id, _params(0));
    }

    // ---------------------------------------------------------------- setReporterApproval

    function test_setReporterApproval_approvesAndRevokes() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.ReporterApproval(id, r, true);
        vm.prank(admin);
        oracle.setReporterApproval(id, r, true);
        assertEq(uint8(_status(id, r)), uint8(INavOracle.ReporterStatus.Approved));

        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.ReporterApproval(id, r, false);
        vm.prank(admin);
        oracle.setReporterApproval(id, r, false);
        assertEq(uint8(_status(id, r)), uint8(INavOracle.ReporterStatus.None));
    }

    function test_setReporterApproval_reverts() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        oracle.setReporterApproval(id, r, true);

        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(2)));
        oracle.setReporterApproval(2, r, true);
        vm.expectRevert(OracleErrors.ZeroAddress.selector);
        oracle.setReporterApproval(id, address(0), true);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.None));
        oracle.setReporterApproval(id, r, false);
        oracle.setReporterApproval(id, r, true);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Approved));
        oracle.setReporterApproval(id, r, true);
        vm.stopPrank();

        _fund(r, BOND);
        vm.startPrank(r);
        pusd.approve(address(oracle), BOND);
        oracle.register(id, BOND);
        vm.stopPrank();
        vm.prank(admin);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Active));
        oracle.setReporterApproval(id, r, false);
    }

    // ---------------------------------------------------------------- register / addBond

    function test_register_bondsAndActivates() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(admin);
        oracle.setReporterApproval(id, r, true);
        _fund(r, BOND);
        vm.startPrank(r);
        pusd.approve(address(oracle), BOND);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.ReporterRegistered(id, r, BOND);
        oracle.register(id, BOND);
        vm.stopPrank();
        INavOracle.Reporter memory rep = oracle.reporterOf(id, r);
        assertEq(rep.bond, BOND);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Active));
        assertEq(pusd.balanceOf(address(oracle)), BOND);
        assertEq(pusd.balanceOf(r), 0);
    }

    function test_register_reverts() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(5)));
        oracle.register(5, BOND);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.None));
        oracle.register(id, BOND);

        vm.prank(admin);
        oracle.setReporterApproval(id, r, true);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.BondTooSmall.selector, BOND - 1, BOND));
        oracle.register(id, BOND - 1);
        vm.prank(r);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(oracle), 0, BOND)
        );
        oracle.register(id, BOND);

        _fund(r, BOND);
        vm.startPrank(r);
        pusd.approve(address(oracle), BOND);
        oracle.register(id, BOND);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Active));
        oracle.register(id, BOND);
        vm.stopPrank();
    }

    function test_addBond_topsUpAndReactivatesUnderbonded() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 1);
        address r = reporters[0];
        _fund(r, 50e18);
        vm.startPrank(r);
        pusd.approve(address(oracle), 50e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.BondAdded(id, r, 50e18, BOND + 50e18, INavOracle.ReporterStatus.Active);
        oracle.addBond(id, 50e18);
        vm.stopPrank();
        assertEq(oracle.reporterOf(id, r).bond, BOND + 50e18);
    }

    function test_addBond_reverts() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(3)));
        oracle.addBond(3, 1);
        vm.prank(r);
        vm.expectRevert(OracleErrors.ZeroAmount.selector);
        oracle.addBond(id, 0);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.None));
        oracle.addBond(id, 1);
        vm.prank(admin);
        oracle.setReporterApproval(id, r, true);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Approved));
        oracle.addBond(id, 1);
    }

    // ---------------------------------------------------------------- unbonding

    function test_unbond_requestThenWithdrawAfterDelay() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 1);
        address r = reporters[0];
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.UnbondRequested(id, r, block.timestamp + UNBONDING);
        vm.prank(r);
        oracle.requestUnbond(id);
        INavOracle.Reporter memory rep = oracle.reporterOf(id, r);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Unbonding));
        assertEq(rep.unbondAt, block.timestamp + UNBONDING);

        vm.warp(block.timestamp + UNBONDING - 1);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.StillUnbonding.selector, uint256(rep.unbondAt)));
        oracle.withdrawBond(id);

        vm.warp(block.timestamp + 1);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.BondWithdrawn(id, r, BOND);
        vm.prank(r);
        assertEq(oracle.withdrawBond(id), BOND);
        assertEq(pusd.balanceOf(r), BOND);
        rep = oracle.reporterOf(id, r);
        assertEq(rep.bond, 0);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Approved), "may register again");
    }

    function test_unbond_unbondingReporterCannotSubmitButMayTopUp() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 1);
        address r = reporters[0];
        vm.prank(r);
        oracle.requestUnbond(id);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Unbonding));
        oracle.submit(id, 1, NAV);
        _fund(r, 1e18);
        vm.startPrank(r);
        pusd.approve(address(oracle), 1e18);
        oracle.addBond(id, 1e18);
        vm.stopPrank();
        assertEq(oracle.reporterOf(id, r).bond, BOND + 1e18);
    }

    function test_requestUnbond_reverts() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(4)));
        oracle.requestUnbond(4);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.None));
        oracle.requestUnbond(id);
        _approveAndRegister(id, r, BOND);
        vm.prank(r);
        oracle.requestUnbond(id);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Unbonding));
        oracle.requestUnbond(id);
    }

    function test_setUnbondingDelay_doesNotShortenARunningUnbonding() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 1);
        address r = reporters[0];
        vm.prank(r);
        oracle.requestUnbond(id);
        vm.prank(admin);
        oracle.setUnbondingDelay(1 hours);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(r);
        vm.expectRevert(
            abi.encodeWithSelector(OracleErrors.StillUnbonding.selector, uint256(1_700_000_000 + UNBONDING))
        );
        oracle.withdrawBond(id);
    }

    function test_withdrawBond_pendingRoundGuard() public {
        // unbonding delay 1 hour, round timeout 2 hours: the reporter's round outlives its delay
        vm.prank(admin);
        oracle.setUnbondingDelay(1 hours);
        INavOracle.FeedParams memory p = _params(3);
        p.roundTimeout = 2 hours;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        address r = reporters[0];
        _submit(id, r, NAV);
        vm.prank(r);
        oracle.requestUnbond(id);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.PendingRound.selector, id, uint256(1)));
        oracle.withdrawBond(id);
        // once the round times out its submission can no longer be judged: the bond is free
        vm.warp(block.timestamp + 1 hours + 1);
        vm.prank(r);
        assertEq(oracle.withdrawBond(id), BOND);
    }

    function test_withdrawBond_pendingWhileFrozen() public {
        vm.prank(admin);
        oracle.setUnbondingDelay(1 hours);
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV); // first answer: frozen
        address r = reporters[0];
        vm.prank(r);
        oracle.requestUnbond(id);
        vm.warp(block.timestamp + 3 hours);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.PendingRound.selector, id, uint256(1)));
        oracle.withdrawBond(id);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        vm.prank(r);
        assertEq(oracle.withdrawBond(id), BOND);
    }

    function test_withdrawBond_reverts() public {
        uint256 id = _createFeed(_params(3));
        address r = _reporter(0);
        vm.prank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(8)));
        oracle.withdrawBond(8);
        _approveAndRegister(id, r, BOND);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Active));
        oracle.withdrawBond(id);
    }

    // ---------------------------------------------------------------- submit

    function test_submit_storesAndEmits() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.Submitted(id, 1, reporters[0], NAV);
        vm.prank(reporters[0]);
        oracle.submit(id, 1, NAV);
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.count, 1);
        assertEq(r.openedAt, block.timestamp);
        (address[] memory who, uint256[] memory answers) = oracle.pendingSubmissions(id);
        assertEq(who.length, 1);
        assertEq(who[0], reporters[0]);
        assertEq(answers[0], NAV);
        assertEq(oracle.reporterOf(id, reporters[0]).lastRound, 1);
    }

    function test_submit_firstAnswerFreezesThenGuardianConfirms() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        _submit(id, reporters[0], 101e18);
        _submit(id, reporters[1], 99e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.AnswerFrozen(id, 1, 100e18, 0);
        _submit(id, reporters[2], 100e18);
        assertTrue(oracle.roundState(id).frozen);
        assertEq(oracle.frozenAnswer(id), 100e18);
        (,,, INavOracle.FeedStatus status) = oracle.latestAnswer(id);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Frozen));
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        oracle.navOf(id);

        vm.warp(block.timestamp + 10);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.FrozenAnswerConfirmed(id, 1, 100e18, guardian);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.AnswerUpdated(id, 1, 100e18, block.timestamp - 10, block.timestamp);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        assertEq(oracle.navOf(id), 100e18);
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.roundId, 2);
        assertFalse(r.frozen);
        assertEq(r.count, 0);
        assertEq(r.lastSettledAt, block.timestamp);
    }

    function test_submit_settlesAtQuorumWithLowerMedian() public {
        uint256 id = _bootstrap(4, 4, NAV);
        _submit(id, reporters[0], 103e18);
        _submit(id, reporters[1], 101e18);
        _submit(id, reporters[2], 100e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.AnswerUpdated(id, 2, 101e18, block.timestamp, block.timestamp);
        _submit(id, reporters[3], 102e18);
        // sorted 100, 101, 102, 103 -> lower median 101
        assertEq(oracle.navOf(id), 101e18);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) =
            oracle.latestRoundData(id);
        assertEq(roundId, 2);
        assertEq(answer, 101e18);
        assertEq(startedAt, block.timestamp);
        assertEq(updatedAt, block.timestamp);
        assertEq(answeredIn, 2);
        (, int256 first,,,) = oracle.getRoundData(id, 1);
        assertEq(first, int256(NAV));
    }

    function test_submit_slashesOutliersToFeeCollector() public {
        uint256 id = _bootstrap(3, 3, NAV);
        uint256 before = pusd.balanceOf(address(collector));
        _submit(id, reporters[0], 100e18);
        _submit(id, reporters[1], 101e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.Slashed(id, 2, reporters[2], 100e18, 110e18, 101e18, 1, BOND - 100e18);
        _submit(id, reporters[2], 110e18);
        assertEq(pusd.balanceOf(address(collector)) - before, 100e18);
        INavOracle.Reporter memory rep = oracle.reporterOf(id, reporters[2]);
        assertEq(rep.bond, BOND - 100e18);
        assertEq(rep.strikes, 1);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Underbonded), "below min bond");
        assertEq(oracle.reporterOf(id, reporters[0]).bond, BOND, "within tolerance: untouched");
        assertEq(pusd.balanceOf(address(oracle)), 3 * BOND - 100e18);
    }

    /// @dev A FeeCollector that cannot receive (blocked in pUSD) must not brick settlement: the slash is held.
    function test_submit_blockedCollectorDefersSlashThenSweep() public {
        uint256 id = _bootstrap(3, 3, NAV);
        vm.prank(admin);
        registry.setBlocked(address(collector), true);
        _submit(id, reporters[0], 100e18);
        _submit(id, reporters[1], 100e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.SlashDeferred(100e18);
        _submit(id, reporters[2], 150e18);
        assertEq(oracle.navOf(id), 100e18, "the round settled");
        assertEq(oracle.pendingSlashed(), 100e18);
        assertEq(oracle.reporterOf(id, reporters[2]).bond, BOND - 100e18);
        assertEq(pusd.balanceOf(address(oracle)), 3 * BOND, "bonds plus the held slash");

        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, address(collector)));
        oracle.sweepSlashed(); // still blocked: pUSD refuses
        vm.prank(admin);
        registry.setBlocked(address(collector), false);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.SlashSwept(100e18);
        vm.prank(stranger);
        assertEq(oracle.sweepSlashed(), 100e18);
        assertEq(oracle.pendingSlashed(), 0);
        assertEq(pusd.balanceOf(address(collector)), 100e18);
        vm.expectRevert(OracleErrors.ZeroAmount.selector);
        oracle.sweepSlashed();
    }

    function test_submit_toleranceBoundaryIsNotSlashed() public {
        uint256 id = _bootstrap(3, 3, NAV);
        // 2% of 100 = 2: exactly 102 is within tolerance
        _round(id, _values3(100e18, 100e18, 102e18));
        assertEq(oracle.reporterOf(id, reporters[2]).strikes, 0);
        _round(id, _values3(100e18, 100e18, 102e18 + 1));
        assertEq(oracle.reporterOf(id, reporters[2]).strikes, 1);
    }

    function test_submit_underbondedReporterMustTopUp() public {
        uint256 id = _bootstrap(3, 3, NAV);
        _round(id, _values3(100e18, 100e18, 150e18));
        address r = reporters[2];
        assertEq(uint8(_status(id, r)), uint8(INavOracle.ReporterStatus.Underbonded));
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Underbonded));
        oracle.submit(id, 3, NAV);
        _fund(r, 100e18);
        vm.startPrank(r);
        pusd.approve(address(oracle), 100e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.BondAdded(id, r, 100e18, BOND, INavOracle.ReporterStatus.Active);
        oracle.addBond(id, 100e18);
        oracle.submit(id, 3, NAV);
        vm.stopPrank();
    }

    function test_submit_jailsAfterThresholdStrikes() public {
        INavOracle.FeedParams memory p = _params(3);
        p.minBond = 100e18; // keep the offender active between strikes
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        address r = reporters[2];
        _round(id, _values3(100e18, 100e18, 120e18));
        _round(id, _values3(100e18, 100e18, 80e18));
        _roundSame(id, 0, 2, NAV);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.ReporterJailed(id, r, 4);
        _submit(id, r, 90e18);
        INavOracle.Reporter memory rep = oracle.reporterOf(id, r);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Jailed));
        assertEq(rep.strikes, 3);
        assertEq(rep.bond, BOND - 300e18);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Jailed));
        oracle.submit(id, 5, NAV);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Jailed));
        oracle.requestUnbond(id);
        vm.prank(r);
        vm.expectRevert(_invalidStatus(id, r, INavOracle.ReporterStatus.Jailed));
        oracle.addBond(id, 1);
    }

    function test_submit_slashCappedAtBond() public {
        INavOracle.FeedParams memory p = _params(3);
        p.slashAmount = 5000e18;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        _round(id, _values3(100e18, 100e18, 200e18));
        assertEq(oracle.reporterOf(id, reporters[2]).bond, 0);
        assertEq(pusd.balanceOf(address(collector)), BOND);
    }

    function test_submit_moveBeyondMaxFreezes() public {
        INavOracle.FeedParams memory p = _params(3);
        p.minBond = 100e18; // the rejection below slashes all three; keep them active
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        _roundSame(id, 0, 2, 111e18);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.AnswerFrozen(id, 2, 111e18, NAV);
        _submit(id, reporters[2], 111e18); // +11% > 10%
        assertEq(uint8(oracle.roundState(id).count), 3);
        (uint256 answer,, uint256 roundId, INavOracle.FeedStatus status) = oracle.latestAnswer(id);
        assertEq(answer, NAV, "the last accepted answer is kept");
        assertEq(roundId, 1);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Frozen));
        // no further submissions until the guardian decides
        vm.prank(reporters[0]);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        oracle.submit(id, 2, NAV);
        // exactly +10% is accepted
        vm.prank(guardian);
        oracle.rejectAnswer(id);
        _roundSame(id, 0, 3, 110e18);
        assertEq(oracle.navOf(id), 110e18);
    }

    function test_submit_reverts() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 3);
        address r = reporters[0];
        vm.startPrank(r);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidAnswer.selector, uint256(0)));
        oracle.submit(id, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidAnswer.selector, uint256(1) << 96));
        oracle.submit(id, 1, uint256(1) << 96);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(2)));
        oracle.submit(2, 1, NAV);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.WrongRound.selector, id, uint256(2), uint256(1)));
        oracle.submit(id, 2, NAV);
        oracle.submit(id, 1, NAV);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.AlreadySubmitted.selector, id, uint256(1), r));
        oracle.submit(id, 1, NAV);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(_invalidStatus(id, stranger, INavOracle.ReporterStatus.None));
        oracle.submit(id, 1, NAV);
    }

    function test_submit_maxAnswerAccepted() public {
        uint256 id = _createFeed(_params(1));
        _addReporters(id, 1);
        _submit(id, reporters[0], type(uint96).max);
        assertEq(oracle.frozenAnswer(id), type(uint96).max);
    }

    function test_submit_timedOutRoundIsAbandoned() public {
        uint256 id = _bootstrap(3, 3, NAV);
        _submit(id, reporters[0], NAV);
        _submit(id, reporters[1], NAV);
        vm.warp(block.timestamp + 1 hours);
        assertEq(oracle.currentRound(id), 2, "still open at exactly the timeout");
        vm.warp(block.timestamp + 1);
        assertEq(oracle.currentRound(id), 3);
        vm.prank(reporters[2]);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.WrongRound.selector, id, uint256(2), uint256(3)));
        oracle.submit(id, 2, NAV);
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.RoundAbandoned(id, 2, 2);
        vm.prank(reporters[2]);
        oracle.submit(id, 3, NAV);
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.roundId, 3);
        assertEq(r.count, 1, "old submissions are gone");
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoDataForRound.selector, id, uint256(2)));
        oracle.getRoundData(id, 2);
        _submit(id, reporters[0], NAV);
        _submit(id, reporters[1], NAV);
        (uint80 roundId,,,,) = oracle.latestRoundData(id);
        assertEq(roundId, 3);
    }

    function test_submit_minRoundInterval() public {
        INavOracle.FeedParams memory p = _params(3);
        p.minRoundInterval = 30 minutes;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV); // no previous settlement: opens at once
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        uint256 opensAt = block.timestamp + 30 minutes;
        vm.prank(reporters[0]);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.TooEarly.selector, id, opensAt));
        oracle.submit(id, 2, NAV);
        vm.warp(opensAt);
        _roundSame(id, 0, 3, NAV);
        assertEq(oracle.roundState(id).roundId, 3);
    }

    // ---------------------------------------------------------------- guardian

    function test_rejectAnswer_keepsPreviousAndSlashesTheMajority() public {
        uint256 id = _bootstrap(3, 3, NAV);
        uint256 t = block.timestamp;
        vm.warp(t + 100);
        _round(id, _values3(150e18, 151e18, 100e18));
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.FrozenAnswerRejected(id, 2, 150e18, guardian);
        vm.prank(guardian);
        oracle.rejectAnswer(id);
        (uint256 answer, uint256 updatedAt, uint256 roundId, INavOracle.FeedStatus status) = oracle.latestAnswer(id);
        assertEq(answer, NAV);
        assertEq(updatedAt, t);
        assertEq(roundId, 1);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Fresh));
        assertEq(oracle.reporterOf(id, reporters[0]).strikes, 1, "150 supported the rejected answer");
        assertEq(oracle.reporterOf(id, reporters[1]).strikes, 1, "151 within 2% of 150");
        assertEq(oracle.reporterOf(id, reporters[2]).strikes, 0, "100 disagreed with it");
        assertEq(pusd.balanceOf(address(collector)), 200e18);
        INavOracle.RoundState memory r = oracle.roundState(id);
        assertEq(r.roundId, 3);
        assertFalse(r.frozen);
        assertEq(r.lastSettledAt, t + 100);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoDataForRound.selector, id, uint256(2)));
        oracle.getRoundData(id, 2);
    }

    function test_confirmAnswer_slashesOutliersOfTheFrozenRound() public {
        uint256 id = _bootstrap(3, 3, NAV);
        _round(id, _values3(130e18, 130e18, 100e18));
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        assertEq(oracle.navOf(id), 130e18);
        assertEq(oracle.reporterOf(id, reporters[2]).strikes, 1);
        assertEq(oracle.reporterOf(id, reporters[0]).strikes, 0);
    }

    function test_guardian_reverts() public {
        uint256 id = _createFeed(_params(3));
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, guardianRole));
        oracle.confirmAnswer(id);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, guardianRole));
        oracle.rejectAnswer(id);
        vm.prank(admin);
        vm.expectRevert(_unauthorized(admin, guardianRole));
        oracle.confirmAnswer(id);
        vm.startPrank(guardian);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NotFrozen.selector, id));
        oracle.confirmAnswer(id);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NotFrozen.selector, id));
        oracle.rejectAnswer(id);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NotFrozen.selector, id));
        oracle.frozenAnswer(id);
    }

    // ---------------------------------------------------------------- unjail

    function test_unjail_restoresReporter() public {
        INavOracle.FeedParams memory p = _params(3);
        p.jailThreshold = 1;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        _round(id, _values3(100e18, 100e18, 120e18));
        address r = reporters[2];
        assertEq(uint8(_status(id, r)), uint8(INavOracle.ReporterStatus.Jailed));

        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.ReporterUnjailed(id, r, INavOracle.ReporterStatus.Underbonded);
        vm.prank(admin);
        oracle.unjail(id, r);
        INavOracle.Reporter memory rep = oracle.reporterOf(id, r);
        assertEq(rep.strikes, 0);
        assertEq(uint8(rep.status), uint8(INavOracle.ReporterStatus.Underbonded));
    }

    function test_unjail_toActiveWhenBonded() public {
        INavOracle.FeedParams memory p = _params(3);
        p.jailThreshold = 1;
        p.slashAmount = 0;
        uint256 id = _createFeed(p);
        _addReporters(id, 3);
        _roundSame(id, 0, 3, NAV);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
        _round(id, _values3(100e18, 100e18, 120e18));
        vm.prank(admin);
        oracle.unjail(id, reporters[2]);
        assertEq(uint8(_status(id, reporters[2])), uint8(INavOracle.ReporterStatus.Active));
    }

    function test_unjail_reverts() public {
        uint256 id = _createFeed(_params(3));
        _addReporters(id, 1);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        oracle.unjail(id, reporters[0]);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(2)));
        oracle.unjail(2, reporters[0]);
        vm.expectRevert(_invalidStatus(id, reporters[0], INavOracle.ReporterStatus.Active));
        oracle.unjail(id, reporters[0]);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- setUnbondingDelay

    function test_setUnbondingDelay() public {
        vm.expectEmit(true, true, true, true, address(oracle));
        emit OracleEvents.UnbondingDelaySet(2 days);
        vm.prank(admin);
        oracle.setUnbondingDelay(2 days);
        assertEq(oracle.unbondingDelay(), 2 days);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        oracle.setUnbondingDelay(2 days);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidUnbondingDelay.selector, uint256(0)));
        oracle.setUnbondingDelay(0);
    }

    // ---------------------------------------------------------------- readers

    function test_navOf_staleAfterHeartbeat() public {
        uint256 id = _bootstrap(3, 3, NAV);
        uint256 t = block.timestamp;
        vm.warp(t + 1 days);
        assertEq(oracle.navOf(id), NAV, "fresh up to the heartbeat");
        vm.warp(t + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, id, t, uint256(1 days)));
        oracle.navOf(id);
        (uint256 answer,,, INavOracle.FeedStatus status) = oracle.latestAnswer(id);
        assertEq(answer, NAV);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Stale));
        // latestRoundData still answers, like Chainlink; the reader checks updatedAt
        (, int256 a,, uint256 updatedAt,) = oracle.latestRoundData(id);
        assertEq(a, int256(NAV));
        assertEq(updatedAt, t);
    }

    function test_readers_noAnswer() public {
        uint256 id = _createFeed(_params(3));
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, id));
        oracle.navOf(id);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, id));
        oracle.latestRoundData(id);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoDataForRound.selector, id, uint256(1)));
        oracle.getRoundData(id, 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, uint256(77)));
        oracle.navOf(77);
    }

    function test_readers_unknownFeed() public {
        bytes memory err = abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(3));
        vm.expectRevert(err);
        oracle.latestAnswer(3);
        vm.expectRevert(err);
        oracle.currentRound(3);
        vm.expectRevert(err);
        oracle.roundState(3);
        vm.expectRevert(err);
        oracle.pendingSubmissions(3);
        vm.expectRevert(err);
        oracle.feedParams(3);
        vm.expectRevert(err);
        oracle.assetOf(3);
        vm.expectRevert(err);
        oracle.description(3);
        assertEq(oracle.reporterOf(3, stranger).bond, 0);
    }

    function test_getRoundData_history() public {
        uint256 id = _bootstrap(3, 3, NAV);
        vm.warp(block.timestamp + 1 hours);
        _roundSame(id, 0, 3, 101e18);
        vm.warp(block.timestamp + 1 hours);
        _roundSame(id, 0, 3, 102e18);
        for (uint80 i = 1; i <= 3; ++i) {
            (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredIn) = oracle.getRoundData(id, i);
            assertEq(roundId, i);
            assertEq(answeredIn, i);
            assertEq(answer, int256(NAV + (i - 1) * 1e18));
            assertEq(updatedAt, 1_700_000_000 + (i - 1) * 1 hours);
        }
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoDataForRound.selector, id, uint256(4)));
        oracle.getRoundData(id, 4);
    }
}
