// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";

/// @notice Escrow: capture (partial, repeated, batch), void, reclaim and refund.
contract PaymentProcessorEscrowTest is PayFiSetup {
    LoyaltyPoints internal shopPoints;
    LoyaltyPoints internal cafePoints;

    function setUp() public {
        _deployPayFi();
        shopPoints = _createProgram(shop, 10_000, 0.01e18);
        cafePoints = _createProgram(cafe, 20_000, 0.01e18);
    }

    function _authorized(address merchant, uint256 amount) internal returns (PaymentInfo memory p, bytes32 id) {
        p = _info(payer, merchant, amount, false);
        id = _authorize3009(p);
    }

    // ================================================================ capture

    function test_capture_full_holdsUntilWindowEnds() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentCaptured(id, shop, payer, p.orderRef, 50e18, block.timestamp + WINDOW);
        _capture(p, 50e18);
        (uint256 capturable, uint256 held, uint256 releaseAt,,) = processor.paymentState(id);
        assertEq(capturable, 0);
        assertEq(held, 50e18);
        assertEq(releaseAt, block.timestamp + WINDOW);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 50e18);
        assertEq(shopPoints.balanceOf(payer), 0, "points are earned on settlement");
    }

    function test_capture_partialRepeated_latestCaptureSetsRelease() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        _capture(p, 10e18);
        vm.warp(block.timestamp + 1 hours);
        _capture(p, 15e18);
        (uint256 capturable, uint256 held, uint256 releaseAt,,) = processor.paymentState(id);
        assertEq(capturable, 25e18);
        assertEq(held, 25e18);
        assertEq(releaseAt, block.timestamp + WINDOW);
    }

    function test_capture_byMerchantItself() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(shop);
        processor.capture(p, 5e18);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 5e18);
    }

    function test_capture_noRefundWindow_settlesAtOnce() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(cafe, 50e18);
        uint256 fee = _fee(20e18, FEE_BPS);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentReleased(id, cafe, payer, p.orderRef, 20e18, fee, address(0), 0, 40e18);
        _capture(p, 20e18);
        (uint256 pending, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(pending, 0);
        assertEq(claimable, 20e18 - fee);
        assertEq(cafePoints.balanceOf(payer), 40e18, "2 points per pUSD");
        (uint256 capturable, uint256 held,,, bool exists) = processor.paymentState(id);
        assertEq(capturable, 30e18);
        assertEq(held, 0);
        assertTrue(exists);
        _capture(p, 30e18);
        (,,,, exists) = processor.paymentState(id);
        assertFalse(exists, "fully captured and settled: cleared");
    }

    function test_capture_notOperator_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(cafeOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchantOrOperator.selector, cafeOperator, shop));
        processor.capture(p, 5e18);
    }

    function test_capture_revokedOperator_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(shop);
        merchants.setOperator(shopOperator, false);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchantOrOperator.selector, shopOperator, shop));
        processor.capture(p, 5e18);
    }

    function test_capture_unknownPayment_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.capture(p, 5e18);
    }

    function test_capture_suspendedMerchant_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.MerchantNotActive.selector, shop));
        processor.capture(p, 5e18);
    }

    function test_capture_afterExpiry_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.warp(p.authorizationExpiry);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationExpired.selector, p.authorizationExpiry));
        processor.capture(p, 5e18);
    }

    function test_capture_zero_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(shopOperator);
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        processor.capture(p, 0);
    }

    function test_capture_moreThanCapturable_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        _capture(p, 4e18);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AmountExceedsCapturable.selector, 2e18, 1e18));
        processor.capture(p, 2e18);
    }

    function test_capture_directPayment_nothingCapturable_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, true);
        _pay3009(p);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AmountExceedsCapturable.selector, 1, 0));
        processor.capture(p, 1);
    }

    // ================================================================ captureBatch

    function test_captureBatch_manyPaymentsAndMerchants() public {
        PaymentInfo[] memory ps = new PaymentInfo[](3);
        uint256[] memory amounts = new uint256[](3);
        (ps[0],) = _authorized(shop, 10e18);
        (ps[1],) = _authorized(shop, 20e18);
        (ps[2],) = _authorized(cafe, 30e18);
        amounts[0] = 10e18;
        amounts[1] = 5e18;
        amounts[2] = 30e18;
        // an account that operates for both merchants
        vm.prank(cafe);
        merchants.setOperator(shopOperator, true);
        vm.prank(shopOperator);
        processor.captureBatch(ps, amounts);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 15e18);
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, 30e18 - _fee(30e18, FEE_BPS));
    }

    function test_captureBatch_lengthMismatch_reverts() public {
        PaymentInfo[] memory ps = new PaymentInfo[](2);
        uint256[] memory amounts = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.LengthMismatch.selector, 2, 1));
        processor.captureBatch(ps, amounts);
    }

    function test_captureBatch_oneBadItem_revertsAll() public {
        PaymentInfo[] memory ps = new PaymentInfo[](2);
        uint256[] memory amounts = new uint256[](2);
        (ps[0],) = _authorized(shop, 10e18);
        (ps[1],) = _authorized(cafe, 10e18);
        amounts[0] = 10e18;
        amounts[1] = 10e18;
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchantOrOperator.selector, shopOperator, cafe));
        processor.captureBatch(ps, amounts);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 0);
    }

    // ================================================================ void

    function test_void_returnsUncapturedAndClears() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        uint256 before = pusd.balanceOf(payer);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentVoided(id, shop, payer, p.orderRef, 50e18);
        vm.prank(shopOperator);
        processor.void(p);
        assertEq(pusd.balanceOf(payer), before + 50e18);
        assertEq(pusd.balanceOf(address(processor)), 0);
        (,,,, bool exists) = processor.paymentState(id);
        assertFalse(exists);
    }

    function test_void_afterPartialCapture_keepsHeld() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        _capture(p, 20e18);
        vm.prank(shopOperator);
        processor.void(p);
        (uint256 capturable, uint256 held,,, bool exists) = processor.paymentState(id);
        assertEq(capturable, 0);
        assertEq(held, 20e18);
        assertTrue(exists);
        assertEq(pusd.balanceOf(address(processor)), 20e18);
    }

    function test_void_suspendedMerchantCanStillVoid() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.prank(shopOperator);
        processor.void(p);
        assertEq(pusd.balanceOf(address(processor)), 0);
    }

    function test_void_allowancePayment_keepsMarker() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        vm.startPrank(payer);
        pusd.approve(address(processor), 5e18);
        bytes32 id = processor.authorizeFrom(p);
        vm.stopPrank();
        vm.prank(shopOperator);
        processor.void(p);
        (uint256 capturable,,,, bool exists) = processor.paymentState(id);
        assertEq(capturable, 0);
        assertTrue(exists, "the record is what protects an allowance payment's id");
    }

    function test_void_notOperator_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchantOrOperator.selector, payer, shop));
        processor.void(p);
    }

    function test_void_unknown_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.void(p);
    }

    function test_void_nothingLeft_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 5e18);
        _capture(p, 5e18);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToReturn.selector, id));
        processor.void(p);
    }

    // ================================================================ reclaim

    function test_reclaim_afterExpiry() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        _capture(p, 10e18);
        vm.warp(p.authorizationExpiry);
        uint256 before = pusd.balanceOf(payer);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentReclaimed(id, shop, payer, p.orderRef, 40e18);
        vm.prank(payer);
        processor.reclaim(p);
        assertEq(pusd.balanceOf(payer), before + 40e18);
        (uint256 capturable, uint256 held,,,) = processor.paymentState(id);
        assertEq(capturable, 0);
        assertEq(held, 10e18);
    }

    function test_reclaim_beforeExpiry_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.warp(p.authorizationExpiry - 1);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationNotExpired.selector, p.authorizationExpiry));
        processor.reclaim(p);
    }

    function test_reclaim_notPayer_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        vm.warp(p.authorizationExpiry);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotPayer.selector, shop, payer));
        processor.reclaim(p);
    }

    function test_reclaim_twice_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 5e18);
        _capture(p, 1e18);
        vm.warp(p.authorizationExpiry);
        vm.startPrank(payer);
        processor.reclaim(p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToReturn.selector, id));
        processor.reclaim(p);
        vm.stopPrank();
    }

    function test_reclaim_cleared_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 5e18);
        vm.prank(shopOperator);
        processor.void(p);
        vm.warp(p.authorizationExpiry);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, id));
        processor.reclaim(p);
    }

    // ================================================================ refund

    function test_refund_partialThenFull() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 50e18);
        _capture(p, 50e18);
        uint256 before = pusd.balanceOf(payer);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentRefunded(id, shop, payer, p.orderRef, 20e18);
        vm.prank(shopOperator);
        processor.refund(p, 20e18);
        assertEq(pusd.balanceOf(payer), before + 20e18);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 30e18);
        vm.prank(shop);
        processor.refund(p, 30e18);
        (,,,, bool exists) = processor.paymentState(id);
        assertFalse(exists, "nothing left: cleared");
        assertEq(pusd.balanceOf(address(processor)), 0);
    }

    function test_refund_directPayment() public {
        PaymentInfo memory p = _info(payer, shop, 12e18, true);
        _pay3009(p);
        vm.prank(shopOperator);
        processor.refund(p, 12e18);
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 0);
    }

    function test_refund_byMerchantWhileSuspended() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        _capture(p, 5e18);
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.prank(shopOperator);
        processor.refund(p, 5e18);
        assertEq(pusd.balanceOf(address(processor)), 0);
    }

    function test_refund_afterWindow_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 5e18);
        _capture(p, 5e18);
        (,, uint256 releaseAt,,) = processor.paymentState(id);
        vm.warp(releaseAt);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.RefundWindowClosed.selector, id, releaseAt));
        processor.refund(p, 1e18);
    }

    function test_refund_settledAtOnce_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(cafe, 5e18);
        _capture(p, 2e18);
        vm.prank(cafeOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.RefundWindowClosed.selector, id, 0));
        processor.refund(p, 1e18);
    }

    function test_refund_moreThanHeld_reverts() public {
        (PaymentInfo memory p, bytes32 id) = _authorized(shop, 5e18);
        _capture(p, 3e18);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AmountExceedsRefundable.selector, 4e18, 3e18));
        processor.refund(p, 4e18);
        assertTrue(id != bytes32(0));
    }

    function test_refund_zero_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        _capture(p, 3e18);
        vm.prank(shopOperator);
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        processor.refund(p, 0);
    }

    function test_refund_notOperator_reverts() public {
        (PaymentInfo memory p,) = _authorized(shop, 5e18);
        _capture(p, 3e18);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchantOrOperator.selector, payer, shop));
        processor.refund(p, 1e18);
    }

    function test_refund_unknown_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.refund(p, 1e18);
    }

    // ================================================================ points restored on returns

    function test_pointsRestored_inProportionToReturns() public {
        _pay3009(_info(payer, cafe, 100e18, true)); // 200 cafe points
        PaymentInfo memory p = _info(payer, cafe, 40e18, false);
        p.pointsRedeemed = 100e18;
        bytes32 id = _authorize3009(p);
        assertEq(cafePoints.balanceOf(payer), 100e18);
        _capture(p, 10e18); // earns 20 points at once (no window)
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PointsRestored(id, cafe, payer, 75e18);
        vm.prank(cafeOperator);
        processor.void(p); // 30 of 40 returned: 75 of 100 points back
        assertEq(cafePoints.balanceOf(payer), 100e18 + 20e18 + 75e18);
    }

    function test_pointsRestored_onRefund() public {
        LoyaltyPoints pts = shopPoints;
        _pay3009(_info(payer, cafe, 1e18, true));
        // earn shop points through a settled payment
        PaymentInfo memory earn = _info(payer, shop, 50e18, true);
        _pay3009(earn);
        vm.warp(block.timestamp + WINDOW);
        processor.settle(earn);
        assertEq(pts.balanceOf(payer), 50e18);
        PaymentInfo memory p = _info(payer, shop, 20e18, true);
        p.pointsRedeemed = 50e18;
        _pay3009(p);
        assertEq(pts.balanceOf(payer), 0);
        vm.prank(shopOperator);
        processor.refund(p, 10e18);
        assertEq(pts.balanceOf(payer), 25e18, "half the payment refunded, half the points back");
    }
}
