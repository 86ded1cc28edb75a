// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMerchantRegistry} from "../../src/interfaces/IMerchantRegistry.sol";
import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {PaymentProcessor} from "../../src/payfi/PaymentProcessor.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @notice Settlement, payouts, claims, fee sweeping, the registry-only configuration, the pool-only advance ledger
/// and the views.
contract PaymentProcessorSettlementTest is PayFiSetup {
    LoyaltyPoints internal shopPoints;

    function setUp() public {
        _deployPayFi();
        shopPoints = _createProgram(shop, 10_000, 0.01e18);
    }

    function _held(address merchant, uint256 amount, address referrer_) internal returns (PaymentInfo memory p) {
        p = _info(payer, merchant, amount, true);
        p.referrer = referrer_;
        _pay3009(p);
    }

    // ================================================================ settle

    function test_settle_afterWindow_splitsMintsAndPaysOut() public {
        PaymentInfo memory p = _held(shop, 100e18, referrer);
        bytes32 id = _id(p);
        vm.warp(block.timestamp + WINDOW);
        uint256 fee = _fee(100e18, FEE_BPS);
        uint256 referralFee = fee * REFERRAL_SHARE_BPS / 10_000;

        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentReleased(id, shop, payer, p.orderRef, 100e18, fee, referrer, referralFee, 100e18);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.MerchantPaidOut(shop, shopPayout, 100e18 - fee, 0);
        vm.prank(relayer);
        processor.settle(p);

        assertEq(pusd.balanceOf(shopPayout), 100e18 - fee);
        assertEq(processor.feesAccrued(), fee - referralFee);
        assertEq(processor.creditOf(referrer), referralFee);
        assertEq(shopPoints.balanceOf(payer), 100e18);
        (uint256 pending, uint256 claimable,) = processor.merchantBalances(shop);
        assertEq(pending + claimable, 0);
        (,,,, bool exists) = processor.paymentState(id);
        assertFalse(exists);
    }

    function test_settle_feeOnWhatWasNotRefunded() public {
        PaymentInfo memory p = _held(shop, 100e18, address(0));
        vm.prank(shopOperator);
        processor.refund(p, 40e18);
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(pusd.balanceOf(shopPayout), 60e18 - _fee(60e18, FEE_BPS));
        assertEq(shopPoints.balanceOf(payer), 60e18, "points only on what was kept");
    }

    function test_settle_beforeWindow_reverts() public {
        PaymentInfo memory p = _held(shop, 10e18, address(0));
        bytes32 id = _id(p);
        uint256 releaseAt = block.timestamp + WINDOW;
        vm.warp(releaseAt - 1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotYetReleasable.selector, id, releaseAt));
        processor.settle(p);
    }

    function test_settle_twice_reverts() public {
        PaymentInfo memory p = _held(shop, 10e18, address(0));
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.settle(p);
    }

    function test_settle_nothingHeld_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        bytes32 id = _authorize3009(p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToSettle.selector, id));
        processor.settle(p);
    }

    function test_settle_fullyRefunded_isCleared() public {
        PaymentInfo memory p = _held(shop, 10e18, address(0));
        vm.prank(shopOperator);
        processor.refund(p, 10e18);
        vm.warp(block.timestamp + WINDOW);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.settle(p);
    }

    function test_settle_suspendedMerchant() public {
        PaymentInfo memory p = _held(shop, 10e18, address(0));
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(pusd.balanceOf(shopPayout), 10e18 - _fee(10e18, FEE_BPS));
    }

    // ================================================================ settleBatch

    function test_settleBatch_skipsNotDueAndPaysEachMerchantOnce() public {
        PaymentInfo[] memory ps = new PaymentInfo[](4);
        ps[0] = _held(shop, 10e18, address(0));
        ps[1] = _held(shop, 20e18, address(0));
        vm.warp(block.timestamp + 1 days);
        ps[2] = _held(shop, 30e18, address(0)); // due one day later
        ps[3] = _info(payer, cafe, 5e18, true); // cafe: settled at once, nothing held
        _pay3009(ps[3]);
        vm.warp(block.timestamp + WINDOW - 1 days);

        vm.prank(relayer);
        uint256 settled = processor.settleBatch(ps);
        assertEq(settled, 2);
        assertEq(pusd.balanceOf(shopPayout), 30e18 - _fee(10e18, FEE_BPS) - _fee(20e18, FEE_BPS));
        assertEq(pusd.balanceOf(cafePayout), 5e18 - _fee(5e18, FEE_BPS), "the cafe's balance rides along");
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 30e18);

        vm.warp(block.timestamp + 1 days);
        assertEq(processor.settleBatch(ps), 1, "no double settlement");
    }

    function test_settleBatch_empty() public {
        PaymentInfo[] memory ps = new PaymentInfo[](0);
        assertEq(processor.settleBatch(ps), 0);
    }

    // ================================================================ payout, withdraw, claim

    function test_payout_paysClaimable() public {
        _pay3009(_info(payer, cafe, 10e18, true));
        uint256 expected = 10e18 - _fee(10e18, FEE_BPS);
        vm.prank(relayer);
        assertEq(processor.payout(cafe), expected);
        assertEq(pusd.balanceOf(cafePayout), expected);
        assertEq(processor.payout(cafe), 0, "nothing left");
    }

    function test_payout_blockedPayout_staysClaimable() public {
        _pay3009(_info(payer, cafe, 10e18, true));
        uint256 expected = 10e18 - _fee(10e18, FEE_BPS);
        _block(cafePayout);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PayoutFailed(cafe, cafePayout, expected);
        assertEq(processor.payout(cafe), 0);
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, expected);
        // pull: the merchant withdraws elsewhere
        address other = makeAddr("otherAccount");
        vm.prank(cafe);
        assertEq(processor.withdraw(other), expected);
        assertEq(pusd.balanceOf(other), expected);
    }

    function test_withdraw_nothing_reverts() public {
        vm.prank(cafe);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToClaim.selector, cafe));
        processor.withdraw(cafe);
    }

    function test_withdraw_zeroAddress_reverts() public {
        vm.prank(cafe);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        processor.withdraw(address(0));
    }

    function test_claim_referralCredit() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = referrer;
        _pay3009(p);
        uint256 credit = processor.creditOf(referrer);
        assertGt(credit, 0);
        address to = makeAddr("referrerWallet");
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.Claimed(referrer, to, credit);
        vm.prank(referrer);
        assertEq(processor.claim(to), credit);
        assertEq(pusd.balanceOf(to), credit);
        assertEq(processor.creditOf(referrer), 0);
        assertTrue(processor.isReferrer(referrer), "claiming keeps the referrer flag");
    }

    function test_claim_nothing_reverts() public {
        vm.prank(referrer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToClaim.selector, referrer));
        processor.claim(referrer);
    }

    function test_claim_zeroAddress_reverts() public {
        vm.prank(referrer);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        processor.claim(address(0));
    }

    // ================================================================ fees

    function test_sweepFees_toCollectorThenDistributed() public {
        _pay3009(_info(payer, cafe, 100e18, true));
        uint256 fee = _fee(100e18, FEE_BPS);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.FeesSwept(address(feeCollector), fee);
        assertEq(processor.sweepFees(), fee);
        assertEq(processor.feesAccrued(), 0);
        assertEq(feeCollector.distribute(address(pusd)), fee);
        assertEq(pusd.balanceOf(treasury), fee);
        assertEq(processor.sweepFees(), 0, "nothing accrued");
    }

    function test_fees_roundedUp() public {
        _pay3009(_info(payer, cafe, 1, true));
        assertEq(processor.feesAccrued(), 1, "1 wei at 1% pays 1 wei");
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, 0);
    }

    function test_fees_tierAppliesPerMerchant() public {
        vm.prank(admin);
        merchants.setFeeTier(cafe, 1);
        _pay3009(_info(payer, cafe, 100e18, true));
        assertEq(processor.feesAccrued(), _fee(100e18, 50));
    }

    function test_fees_fixedAtAuthorization() public {
        PaymentInfo memory p = _info(payer, shop, 100e18, false);
        _authorize3009(p);
        vm.prank(admin);
        merchants.setTierFee(0, 500);
        _capture(p, 100e18);
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(processor.feesAccrued(), _fee(100e18, FEE_BPS));
    }

    // ================================================================ configuration: registry only

    function test_config_onlyRegistry() public {
        bytes memory err = abi.encodeWithSelector(PayFiErrors.NotRegistry.selector, address(this));
        vm.expectRevert(err);
        processor.syncMerchant(shop, 0, 0, 0, 1);
        vm.expectRevert(err);
        processor.syncOperator(shop, address(this), true);
        vm.expectRevert(err);
        processor.syncReferrer(address(this), true);
        vm.expectRevert(err);
        processor.setTierFee(0, 1);
        vm.expectRevert(err);
        processor.setReferralShare(1);
        vm.expectRevert(err);
        processor.setFeeCollector(address(1));
        vm.expectRevert(err);
        processor.setAdvancePool(address(1));
    }

    function test_config_validation() public {
        vm.startPrank(address(merchants));
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidTier.selector, 8));
        processor.setTierFee(8, 1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidFeeBps.selector, 1001));
        processor.setTierFee(0, 1001);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidReferralShare.selector, 6001));
        processor.setReferralShare(6001);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        processor.setFeeCollector(address(0));
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidTier.selector, 8));
        processor.syncMerchant(shop, 0, 0, 8, 1);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        processor.setAdvancePool(address(0));
        vm.expectRevert(PayFiErrors.AdvancePoolAlreadySet.selector);
        processor.setAdvancePool(address(1));
        vm.stopPrank();
    }

    function test_config_tierFeesAndShare() public {
        vm.startPrank(admin);
        merchants.setTierFee(7, 1000);
        merchants.setReferralShare(6000);
        merchants.setFeeCollector(treasury);
        vm.stopPrank();
        assertEq(processor.tierFee(7), 1000);
        assertEq(processor.tierFee(0), FEE_BPS, "other tiers untouched");
        assertEq(processor.tierFee(1), 50);
        assertEq(processor.referralShareBps(), 6000);
        assertEq(processor.feeCollector(), treasury);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidTier.selector, 8));
        processor.tierFee(8);
    }

    function test_constructor_zeroAddress_reverts() public {
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        new PaymentProcessor(pusd, IMerchantRegistry(address(0)), treasury);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        new PaymentProcessor(pusd, merchants, address(0));
    }

    // ================================================================ advance ledger: pool only

    function test_advanceLedger_onlyPool() public {
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotAdvancePool.selector, address(this)));
        processor.openAdvance(shop, 1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotAdvancePool.selector, address(this)));
        processor.writeOffAdvance(shop, 1);
    }

    function test_advanceLedger_boundsAndTotals() public {
        _held(shop, 100e18, address(0));
        vm.startPrank(address(pool));
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        processor.openAdvance(shop, 0);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AdvanceExceedsCollateral.selector, 101e18, 100e18));
        processor.openAdvance(shop, 101e18);
        assertEq(processor.openAdvance(shop, 60e18), 60e18);
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        processor.writeOffAdvance(shop, 0);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.WriteOffExceedsDebt.selector, 61e18, 60e18));
        processor.writeOffAdvance(shop, 61e18);
        processor.writeOffAdvance(shop, 10e18);
        vm.stopPrank();
        (uint256 outstanding, uint256 advanced, uint256 repaid, uint256 writtenOff) = processor.advanceTotals();
        assertEq(outstanding, 50e18);
        assertEq(advanced, 60e18);
        assertEq(repaid, 0);
        assertEq(writtenOff, 10e18);
    }

    function test_advanceLedger_repaidFirstOnPayout() public {
        PaymentInfo memory p = _held(shop, 100e18, address(0));
        vm.prank(address(pool));
        processor.openAdvance(shop, 60e18);
        vm.warp(block.timestamp + WINDOW);
        uint256 net = 100e18 - _fee(100e18, FEE_BPS);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.AdvanceRepaid(shop, 60e18, 0);
        processor.settle(p);
        assertEq(pusd.balanceOf(address(pool)), 60e18);
        assertEq(pusd.balanceOf(shopPayout), net - 60e18);
        (uint256 outstanding,, uint256 repaid,) = processor.advanceTotals();
        assertEq(outstanding, 0);
        assertEq(repaid, 60e18);
    }

    function test_advanceLedger_withdrawRepaysFirst() public {
        _held(shop, 100e18, address(0));
        _pay3009(_info(payer, shop, 1, true));
        vm.prank(address(pool));
        processor.openAdvance(shop, 50e18);
        // the shop switches to settlement at once; new payments land in its claimable balance
        vm.prank(shop);
        merchants.setRefundWindow(0);
        _pay3009(_info(payer, shop, 20e18, true));
        uint256 claimable = 20e18 - _fee(20e18, FEE_BPS);
        vm.prank(shop);
        assertEq(processor.withdraw(shop), 0, "all of it repays the pool");
        (,, uint256 debt) = processor.merchantBalances(shop);
        assertEq(debt, 50e18 - claimable);
    }

    // ================================================================ views

    function test_views_mirrorTheRegistry() public view {
        (uint24 earnRate, uint24 window, uint8 tier, uint8 status) = processor.merchantTerms(shop);
        assertEq(earnRate, 10_000);
        assertEq(window, WINDOW);
        assertEq(tier, 0);
        assertEq(status, 1 | 4, "registered, has a program");
        assertTrue(processor.isReferrer(referrer));
        assertTrue(processor.isReferrer(shop));
        assertFalse(processor.isReferrer(payer));
        assertEq(address(processor.registry()), address(merchants));
        assertEq(processor.advancePool(), address(pool));
    }

    function test_views_loyaltyProgramAddressIsDeterministic() public view {
        address predicted = Clones.predictDeterministicAddress(
            processor.loyaltyImplementation(), bytes32(uint256(uint160(shop))), address(merchants)
        );
        assertEq(processor.loyaltyProgramOf(shop), predicted);
        assertEq(processor.loyaltyProgramOf(shop), address(shopPoints));
    }

    function test_views_collateral() public {
        _held(shop, 30e18, address(0));
        vm.prank(shop);
        merchants.setRefundWindow(0);
        _pay3009(_info(payer, shop, 10e18, true));
        assertEq(processor.collateralOf(shop), 30e18 + 10e18 - _fee(10e18, FEE_BPS));
    }
}
