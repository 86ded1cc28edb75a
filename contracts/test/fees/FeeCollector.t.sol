// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {FeeCollectorErrors} from "../../src/fees/libraries/FeeCollectorErrors.sol";
import {FeeCollectorEvents} from "../../src/fees/libraries/FeeCollectorEvents.sol";
import {IFeeCollector} from "../../src/interfaces/IFeeCollector.sol";
import {RecordingRecipient, ReentrantRecipient, RevertingRecipient} from "../utils/FeeRecipients.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Test} from "forge-std/Test.sol";

contract FeeCollectorTest is Test {
    FeeCollector internal collector;
    TestERC20 internal token;
    TestERC20 internal other;

    address internal admin = makeAddr("admin");
    address internal stranger = makeAddr("stranger");
    address internal treasury = makeAddr("treasury");
    RecordingRecipient internal incentives;
    address internal vault = makeAddr("vault");

    function setUp() public {
        token = new TestERC20("Fee", "FEE", 18);
        other = new TestERC20("Other", "OTH", 6);
        incentives = new RecordingRecipient();
        collector = new FeeCollector(0, admin, _split(treasury, address(incentives), vault, 5000, 3000, 2000));
    }

    function _split(address a, address b, address c, uint16 ba, uint16 bb, uint16 bc)
        internal
        pure
        returns (FeeCollector.Recipient[] memory list)
    {
        list = new FeeCollector.Recipient[](3);
        list[0] = FeeCollector.Recipient({account: a, bps: ba, notify: false});
        list[1] = FeeCollector.Recipient({account: b, bps: bb, notify: true});
        list[2] = FeeCollector.Recipient({account: c, bps: bc, notify: false});
    }

    function _one(address a, uint16 bps, bool notify) internal pure returns (FeeCollector.Recipient[] memory list) {
        list = new FeeCollector.Recipient[](1);
        list[0] = FeeCollector.Recipient({account: a, bps: bps, notify: notify});
    }

    // ---------------------------------------------------------------- configuration

    function test_constructor_storesSplit() public view {
        FeeCollector.Recipient[] memory list = collector.recipients();
        assertEq(list.length, 3);
        assertEq(list[0].account, treasury);
        assertEq(list[1].account, address(incentives));
        assertTrue(list[1].notify);
        assertEq(uint256(list[0].bps) + list[1].bps + list[2].bps, 10_000);
        assertEq(collector.defaultAdmin(), admin);
    }

    function test_setRecipients_replacesAndEmits() public {
        address[] memory accounts = new address[](1);
        accounts[0] = treasury;
        uint16[] memory bps = new uint16[](1);
        bps[0] = 10_000;
        bool[] memory notify = new bool[](1);
        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.RecipientsSet(accounts, bps, notify);
        vm.prank(admin);
        collector.setRecipients(_one(treasury, 10_000, false));
        assertEq(collector.recipients().length, 1);
    }

    function test_setRecipients_revertsForNonAdmin() public {
        FeeCollector.Recipient[] memory list = _one(treasury, 10_000, false);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        collector.setRecipients(list);
    }

    function test_setRecipients_validation() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidBpsSum.selector, 9999));
        collector.setRecipients(_one(treasury, 9999, false));

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidRecipientCount.selector, 0));
        collector.setRecipients(new FeeCollector.Recipient[](0));

        FeeCollector.Recipient[] memory many = new FeeCollector.Recipient[](9);
        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidRecipientCount.selector, 9));
        collector.setRecipients(many);

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidRecipient.selector, address(0)));
        collector.setRecipients(_one(address(0), 10_000, false));

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidRecipient.selector, address(collector)));
        collector.setRecipients(_one(address(collector), 10_000, false));

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.DuplicateRecipient.selector, treasury));
        collector.setRecipients(_split(treasury, vault, treasury, 5000, 3000, 2000));

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.ZeroBps.selector, vault));
        collector.setRecipients(_split(treasury, address(incentives), vault, 6000, 4000, 0));

        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidBpsSum.selector, 10_001));
        collector.setRecipients(_split(treasury, address(incentives), vault, 6000, 4000, 1));
        vm.stopPrank();
    }

    function test_constructor_validatesSplit() public {
        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.InvalidBpsSum.selector, 1));
        new FeeCollector(0, admin, _one(treasury, 1, false));
    }

    // ---------------------------------------------------------------- distribute

    function test_distribute_splitsByBpsAndNotifies() public {
        token.mint(address(collector), 1000e18);

        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesAccounted(address(token), 1000e18);
        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesDistributed(address(token), treasury, 500e18);
        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesDistributed(address(token), address(incentives), 300e18);
        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesDistributed(address(token), vault, 200e18);
        vm.prank(stranger); // permissionless
        uint256 amount = collector.distribute(address(token));

        assertEq(amount, 1000e18);
        assertEq(token.balanceOf(treasury), 500e18);
        assertEq(token.balanceOf(address(incentives)), 300e18);
        assertEq(token.balanceOf(vault), 200e18);
        assertEq(incentives.received(), 300e18);
        assertEq(incentives.lastToken(), address(token));
        assertEq(incentives.calls(), 1);
        assertEq(token.balanceOf(address(collector)), 0);
    }

    function test_distribute_nothingReturnsZero() public {
        vm.recordLogs();
        assertEq(collector.distribute(address(token)), 0);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_distribute_revertsOnZeroToken() public {
        vm.expectRevert(FeeCollectorErrors.ZeroAddress.selector);
        collector.distribute(address(0));
    }

    function test_distribute_keepsTokensSeparate() public {
        token.mint(address(collector), 100);
        other.mint(address(collector), 7);
        collector.distribute(address(token));
        assertEq(other.balanceOf(address(collector)), 7);
        assertEq(collector.undistributed(address(other)), 7);
        collector.distribute(address(other));
        assertEq(other.balanceOf(vault) + other.balanceOf(treasury) + other.balanceOf(address(incentives)), 7);
    }

    function test_distribute_remainderGoesToLast() public {
        token.mint(address(collector), 7);
        collector.distribute(address(token));
        // 7 * 5000 / 1e4 = 3, 7 * 3000 / 1e4 = 2, last gets 7 - 5 = 2
        assertEq(token.balanceOf(treasury), 3);
        assertEq(token.balanceOf(address(incentives)), 2);
        assertEq(token.balanceOf(vault), 2);
    }

    /// Adversarial: a recipient whose hook reverts gets a credit; the others are paid.
    function test_distribute_revertingHookBecomesCredit() public {
        RevertingRecipient bad = new RevertingRecipient();
        vm.prank(admin);
        collector.setRecipients(_split(treasury, address(bad), vault, 5000, 3000, 2000));
        token.mint(address(collector), 1000);

        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesCredited(address(token), address(bad), 300);
        collector.distribute(address(token));

        assertEq(token.balanceOf(treasury), 500);
        assertEq(token.balanceOf(vault), 200);
        assertEq(token.balanceOf(address(bad)), 0, "transfer undone together with the hook");
        assertEq(collector.creditOf(address(token), address(bad)), 300);
        assertEq(collector.totalCredit(address(token)), 300);
        assertEq(collector.undistributed(address(token)), 0, "credits are not distributed again");
        assertEq(collector.distribute(address(token)), 0);

        // more fees arrive: only the new ones are split
        token.mint(address(collector), 100);
        assertEq(collector.distribute(address(token)), 100);
        assertEq(collector.creditOf(address(token), address(bad)), 330);

        // claim while still broken reverts and keeps the credit
        vm.expectRevert(RevertingRecipient.HookFailed.selector);
        collector.claim(address(token), address(bad));
        assertEq(collector.creditOf(address(token), address(bad)), 330);

        bad.setBroken(false);
        vm.expectEmit(true, true, true, true, address(collector));
        emit FeeCollectorEvents.FeesClaimed(address(token), address(bad), 330);
        vm.prank(stranger);
        assertEq(collector.claim(address(token), address(bad)), 330);
        assertEq(token.balanceOf(address(bad)), 330);
        assertEq(bad.received(), 330, "claim runs the hook of a notified recipient");
        assertEq(collector.totalCredit(address(token)), 0);
        assertEq(token.balanceOf(address(collector)), 0);
    }

    /// Adversarial: the token refuses transfers to one recipient (e.g. it is blocklisted).
    function test_distribute_refusedTransferBecomesCredit() public {
        token.setFailTo(treasury, true);
        token.mint(address(collector), 1000);
        collector.distribute(address(token));
        assertEq(collector.creditOf(address(token), treasury), 500);
        assertEq(token.balanceOf(address(incentives)), 300);
        assertEq(token.balanceOf(vault), 200);

        vm.expectRevert(abi.encodeWithSelector(TestERC20.TransferRefused.selector, treasury));
        collector.claim(address(token), treasury);

        token.setFailTo(treasury, false);
        collector.claim(address(token), treasury);
        assertEq(token.balanceOf(treasury), 500);
        assertEq(incentives.calls(), 1, "claim by a non-notified recipient calls no hook");
    }

    function test_distribute_reentrancyFromHookIsCredited() public {
        ReentrantRecipient reentrant = new ReentrantRecipient(IFeeCollector(address(collector)));
        vm.prank(admin);
        collector.setRecipients(_split(treasury, address(reentrant), vault, 5000, 3000, 2000));
        token.mint(address(collector), 1000);
        collector.distribute(address(token));
        assertEq(token.balanceOf(treasury), 500);
        assertEq(token.balanceOf(vault), 200);
        assertEq(collector.creditOf(address(token), address(reentrant)), 300);
        assertEq(token.balanceOf(address(collector)), 300);
    }

    function test_claim_revertsWithoutCredit() public {
        vm.expectRevert(abi.encodeWithSelector(FeeCollectorErrors.NothingToClaim.selector, address(token), treasury));
        collector.claim(address(token), treasury);
    }

    function test_pushShare_onlySelf() public {
        token.mint(address(collector), 10);
        vm.prank(stranger);
        vm.expectRevert(FeeCollectorErrors.OnlySelf.selector);
        collector.pushShare(address(token), stranger, 10, false);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_distribute_conservesAmount(uint256 amount, uint16 a, uint16 b, bool failFirst) public {
        amount = bound(amount, 1, 1e36);
        a = uint16(bound(a, 1, 9998));
        b = uint16(bound(b, 1, 9999 - a));
        uint16 c = 10_000 - a - b;
        vm.prank(admin);
        collector.setRecipients(_split(treasury, address(incentives), vault, a, b, c));
        token.setFailTo(treasury, failFirst);
        token.mint(address(collector), amount);

        assertEq(collector.distribute(address(token)), amount);
        uint256 credit = collector.creditOf(address(token), treasury);
        assertEq(
            token.balanceOf(treasury) + credit + token.balanceOf(address(incentives)) + token.balanceOf(vault), amount
        );
        assertEq(token.balanceOf(address(collector)), collector.totalCredit(address(token)));
        assertEq(token.balanceOf(address(incentives)), uint256(amount) * b / 10_000);
        assertEq(failFirst ? credit : token.balanceOf(treasury), uint256(amount) * a / 10_000);
        assertEq(incentives.received(), token.balanceOf(address(incentives)));
    }

    function testFuzz_distribute_repeatedArrivals(uint96[5] memory arrivals) public {
        token.setFailTo(vault, true);
        uint256 total;
        for (uint256 i; i < arrivals.length; ++i) {
            token.mint(address(collector), arrivals[i]);
            total += arrivals[i];
            collector.distribute(address(token));
            assertEq(collector.undistributed(address(token)), 0);
        }
        assertEq(
            token.balanceOf(treasury) + token.balanceOf(address(incentives))
                + collector.creditOf(address(token), vault),
            total
        );
    }
}
