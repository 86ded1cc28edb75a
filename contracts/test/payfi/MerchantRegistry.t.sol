// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {IMerchantRegistry} from "../../src/interfaces/IMerchantRegistry.sol";
import {IPaymentProcessor} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {MerchantRegistry} from "../../src/payfi/MerchantRegistry.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice MerchantRegistry: self-registration behind the compliance policy, merchant settings, suspension,
/// referral codes, loyalty programs, the processor's configuration, and the mirror it keeps in the processor.
contract MerchantRegistryTest is PayFiSetup {
    address internal newShop = makeAddr("newShop");
    address internal newPayout = makeAddr("newPayout");

    function setUp() public {
        _deployPayFi();
    }

    /// @dev The processor's mirror equals the registry's record.
    function _assertMirrored(address merchant) internal view {
        IMerchantRegistry.Merchant memory m = merchants.merchantOf(merchant);
        (uint24 earnRate, uint24 window, uint8 tier, uint8 status) = processor.merchantTerms(merchant);
        assertEq(earnRate, m.earnRateBps, "earn rate mirrored");
        assertEq(window, m.refundWindow, "window mirrored");
        assertEq(tier, m.tier, "tier mirrored");
        uint8 expected = (m.registered ? 1 : 0) | (m.adminSuspended || m.complianceSuspended ? 2 : 0)
            | (m.loyaltyProgram != address(0) ? 4 : 0);
        assertEq(status, expected, "status mirrored");
    }

    // ================================================================ register

    function test_register() public {
        _kyc(newShop, 700);
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.MerchantRegistered(newShop, newPayout, 3 days, "NEW");
        vm.prank(newShop);
        merchants.register(newPayout, 3 days, "NEW");
        IMerchantRegistry.Merchant memory m = merchants.merchantOf(newShop);
        assertTrue(m.registered);
        assertEq(m.payout, newPayout);
        assertEq(m.refundWindow, 3 days);
        assertEq(merchants.payoutOf(newShop), newPayout);
        assertTrue(merchants.isActive(newShop));
        assertEq(merchants.referrerByCode("NEW"), newShop);
        assertEq(merchants.referralCodeOf(newShop), "NEW");
        assertTrue(processor.isReferrer(newShop));
        _assertMirrored(newShop);
    }

    function test_register_withoutCode() public {
        _kyc(newShop, 700);
        vm.prank(newShop);
        merchants.register(newPayout, 0, bytes32(0));
        assertFalse(processor.isReferrer(newShop));
        _assertMirrored(newShop);
    }

    function test_register_notCompliant_reverts() public {
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotCompliant.selector, newShop, MERCHANT_POLICY));
        merchants.register(newPayout, 0, bytes32(0));
    }

    function test_register_blocked_reverts() public {
        _kyc(newShop, 700);
        _block(newShop);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotCompliant.selector, newShop, MERCHANT_POLICY));
        merchants.register(newPayout, 0, bytes32(0));
    }

    function test_register_twice_reverts() public {
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AlreadyRegistered.selector, shop));
        merchants.register(shopPayout, 0, bytes32(0));
    }

    function test_register_badPayout_reverts() public {
        _kyc(newShop, 700);
        vm.startPrank(newShop);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        merchants.register(address(0), 0, bytes32(0));
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        merchants.register(address(processor), 0, bytes32(0));
        vm.stopPrank();
    }

    function test_register_windowTooLong_reverts() public {
        _kyc(newShop, 700);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidRefundWindow.selector, 180 days + 1));
        merchants.register(newPayout, 180 days + 1, bytes32(0));
    }

    function test_register_takenCode_reverts() public {
        _kyc(newShop, 700);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ReferralCodeTaken.selector, bytes32("SHOP"), shop));
        merchants.register(newPayout, 0, "SHOP");
    }

    function test_register_beforeProcessorSet_reverts() public {
        MerchantRegistry fresh = new MerchantRegistry(IComplianceRegistry(address(registry)), MERCHANT_POLICY, 0, admin);
        vm.prank(shop);
        vm.expectRevert(PayFiErrors.ProcessorNotSet.selector);
        fresh.register(shopPayout, 0, bytes32(0));
    }

    // ================================================================ merchant settings

    function test_setPayout() public {
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.PayoutSet(shop, newPayout);
        vm.prank(shop);
        merchants.setPayout(newPayout);
        assertEq(merchants.payoutOf(shop), newPayout);
    }

    function test_setPayout_reverts() public {
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.setPayout(newPayout);
        vm.prank(shop);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        merchants.setPayout(address(0));
    }

    function test_setRefundWindow() public {
        vm.prank(shop);
        merchants.setRefundWindow(1 days);
        assertEq(merchants.merchantOf(shop).refundWindow, 1 days);
        _assertMirrored(shop);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidRefundWindow.selector, 180 days + 1));
        merchants.setRefundWindow(180 days + 1);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.setRefundWindow(1);
    }

    function test_setOperator() public {
        address op = makeAddr("op");
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.OperatorSet(shop, op, true);
        vm.prank(shop);
        merchants.setOperator(op, true);
        assertTrue(merchants.isOperator(shop, op));
        vm.prank(shop);
        merchants.setOperator(op, false);
        assertFalse(merchants.isOperator(shop, op));
        vm.prank(shop);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        merchants.setOperator(address(0), true);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.setOperator(op, true);
    }

    function test_setReferralCode_changeAndClear() public {
        vm.prank(shop);
        merchants.setReferralCode("SHOP2");
        assertEq(merchants.referrerByCode("SHOP"), address(0), "old code freed");
        assertEq(merchants.referrerByCode("SHOP2"), shop);
        vm.prank(shop);
        merchants.setReferralCode(bytes32(0));
        assertEq(merchants.referralCodeOf(shop), bytes32(0));
        assertFalse(processor.isReferrer(shop));
        vm.prank(cafe);
        merchants.setReferralCode("SHOP"); // freed code can be taken
        assertEq(merchants.referrerByCode("SHOP"), cafe);
    }

    function test_setReferralCode_taken_reverts() public {
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ReferralCodeTaken.selector, bytes32("CAFE"), cafe));
        merchants.setReferralCode("CAFE");
    }

    // ================================================================ loyalty program

    function test_createLoyaltyProgram() public {
        address predicted = processor.loyaltyProgramOf(shop);
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.LoyaltyProgramCreated(shop, predicted, "Shop Points", "SPT", 5000, 0.02e18, 0);
        vm.prank(shop);
        address program = merchants.createLoyaltyProgram("Shop Points", "SPT", 5000, 0.02e18, 0);
        assertEq(program, predicted);
        LoyaltyPoints points = LoyaltyPoints(program);
        assertEq(points.name(), "Shop Points");
        assertEq(points.symbol(), "SPT");
        assertEq(points.merchant(), shop);
        assertEq(points.pointValue(), 0.02e18);
        assertEq(merchants.merchantOf(shop).loyaltyProgram, program);
        _assertMirrored(shop);
    }

    function test_createLoyaltyProgram_reverts() public {
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidEarnRate.selector, 1_000_001));
        merchants.createLoyaltyProgram("P", "P", 1_000_001, 0, 0);
        vm.prank(shop);
        address program = merchants.createLoyaltyProgram("P", "P", 1, 0, 0);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.LoyaltyProgramExists.selector, shop, program));
        merchants.createLoyaltyProgram("P", "P", 1, 0, 0);
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.createLoyaltyProgram("P", "P", 1, 0, 0);
    }

    function test_setEarnRate() public {
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NoLoyaltyProgram.selector, shop));
        merchants.setEarnRate(100);
        _createProgram(shop, 10_000, 0);
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.EarnRateSet(shop, 30_000);
        vm.prank(shop);
        merchants.setEarnRate(30_000);
        _assertMirrored(shop);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidEarnRate.selector, 1_000_001));
        merchants.setEarnRate(1_000_001);
    }

    // ================================================================ suspension and compliance

    function test_setSuspended() public {
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.SuspensionSet(shop, true, false);
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        assertFalse(merchants.isActive(shop));
        _assertMirrored(shop);
        vm.prank(admin);
        merchants.setSuspended(shop, false);
        assertTrue(merchants.isActive(shop));
        _assertMirrored(shop);
    }

    function test_setSuspended_reverts() public {
        bytes32 role = merchants.MERCHANT_ADMIN_ROLE();
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, shop, role));
        merchants.setSuspended(shop, true);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.setSuspended(newShop, true);
    }

    function test_enforceCompliance_permissionlessDemotion() public {
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.StillCompliant.selector, shop));
        merchants.enforceCompliance(shop);

        vm.warp(block.timestamp + 366 days); // KYC record expired
        vm.prank(relayer);
        merchants.enforceCompliance(shop);
        assertFalse(merchants.isActive(shop));
        assertTrue(merchants.merchantOf(shop).complianceSuspended);
        _assertMirrored(shop);

        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotCompliant.selector, shop, MERCHANT_POLICY));
        merchants.reinstate();
        _kyc(shop, 800);
        vm.prank(shop);
        merchants.reinstate();
        assertTrue(merchants.isActive(shop));
        _assertMirrored(shop);
    }

    function test_enforceCompliance_unregistered_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.enforceCompliance(newShop);
    }

    function test_reinstate_doesNotLiftAdminSuspension() public {
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.prank(shop);
        merchants.reinstate();
        assertFalse(merchants.isActive(shop));
        vm.prank(newShop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.reinstate();
    }

    // ================================================================ admin

    function test_setFeeTier() public {
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.FeeTierSet(shop, 3);
        vm.prank(admin);
        merchants.setFeeTier(shop, 3);
        _assertMirrored(shop);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidTier.selector, 8));
        merchants.setFeeTier(shop, 8);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistered.selector, newShop));
        merchants.setFeeTier(newShop, 1);
        vm.stopPrank();
    }

    function test_setMerchantPolicy() public {
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.MerchantPolicySet(bytes32(0));
        vm.prank(admin);
        merchants.setMerchantPolicy(bytes32(0));
        assertEq(merchants.merchantPolicy(), bytes32(0));
        vm.prank(newShop); // open policy: no KYC needed
        merchants.register(newPayout, 0, bytes32(0));
    }

    function test_setReferralCodeFor() public {
        address partner = makeAddr("partner");
        vm.expectEmit(true, true, true, true, address(merchants));
        emit PayFiEvents.ReferralCodeSet(partner, "WALLET");
        vm.prank(admin);
        merchants.setReferralCodeFor(partner, "WALLET");
        assertTrue(processor.isReferrer(partner));
        vm.prank(admin);
        merchants.setReferralCodeFor(shop, bytes32(0)); // revokes a merchant's code
        assertFalse(processor.isReferrer(shop));
        vm.prank(admin);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        merchants.setReferralCodeFor(address(0), "X");
        bytes32 role = merchants.MERCHANT_ADMIN_ROLE();
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, shop, role));
        merchants.setReferralCodeFor(shop, "X");
    }

    function test_feeAdmin_onlyRole() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, shop, merchants.FEE_ADMIN_ROLE()
        );
        vm.startPrank(shop);
        vm.expectRevert(err);
        merchants.setTierFee(0, 1);
        vm.expectRevert(err);
        merchants.setReferralShare(1);
        vm.expectRevert(err);
        merchants.setFeeCollector(shop);
        vm.stopPrank();
    }

    function test_setProcessor_onceAndAdminOnly() public {
        vm.prank(admin);
        vm.expectRevert(PayFiErrors.ProcessorAlreadySet.selector);
        merchants.setProcessor(IPaymentProcessor(address(1)));
        MerchantRegistry fresh = new MerchantRegistry(IComplianceRegistry(address(registry)), MERCHANT_POLICY, 0, admin);
        vm.prank(admin);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        fresh.setProcessor(IPaymentProcessor(address(0)));
        vm.prank(shop);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, shop, bytes32(0))
        );
        fresh.setProcessor(processor);
        vm.prank(shop);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, shop, bytes32(0))
        );
        merchants.setAdvancePool(address(1));
    }

    function test_constructor_zeroCompliance_reverts() public {
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        new MerchantRegistry(IComplianceRegistry(address(0)), MERCHANT_POLICY, 0, admin);
    }

    function test_constants() public view {
        assertEq(merchants.MAX_REFUND_WINDOW(), 180 days);
        assertEq(merchants.MAX_FEE_BPS(), 1000);
        assertEq(merchants.MAX_REFERRAL_SHARE_BPS(), 6000);
        assertEq(merchants.TIER_COUNT(), 8);
        assertEq(address(merchants.compliance()), address(registry));
    }
}
