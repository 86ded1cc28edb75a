// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";

/// @notice Fuzz: amounts, partial capture sequences, refund sequences, fee tiers and referral shares, expiries and
/// windows, earn rates, the credit curve and points redemption.
contract PayFiFuzzTest is PayFiSetup {
    LoyaltyPoints internal shopPoints;
    LoyaltyPoints internal cafePoints;

    function setUp() public {
        _deployPayFi();
        shopPoints = _createProgram(shop, 10_000, 0.01e18);
        cafePoints = _createProgram(cafe, 10_000, 0.01e18);
        vm.prank(masterMinter);
        pusd.configureMinter(minter, type(uint256).max);
        _mint(payer, 1e29);
    }

    /// @dev The processor holds exactly what it owes, for the accounts these tests touch.
    function _assertSolvent(bytes32[] memory ids) internal view {
        uint256 owed = processor.feesAccrued() + processor.creditOf(referrer) + processor.creditOf(shop)
            + processor.creditOf(address(pool)) + processor.creditOf(payer);
        for (uint256 i; i < ids.length; ++i) {
            (uint256 capturable, uint256 held,,,) = processor.paymentState(ids[i]);
            owed += capturable + held;
        }
        (, uint256 shopClaimable,) = processor.merchantBalances(shop);
        (, uint256 cafeClaimable,) = processor.merchantBalances(cafe);
        owed += shopClaimable + cafeClaimable;
        assertEq(pusd.balanceOf(address(processor)), owed, "processor balance == what it owes");
    }

    function testFuzz_partialCaptures_neverExceedAuthorized(uint96 amount, uint256[8] memory parts, bool instant)
        public
    {
        amount = uint96(bound(amount, 1, 1e27));
        address merchant = instant ? cafe : shop;
        PaymentInfo memory p = _info(payer, merchant, amount, false);
        bytes32 id = _authorize3009(p);
        uint256 captured;
        for (uint256 i; i < parts.length; ++i) {
            (uint256 capturable,,,,) = processor.paymentState(id);
            if (capturable == 0) break;
            uint256 part = bound(parts[i], 1, capturable);
            _capture(p, part);
            captured += part;
        }
        (uint256 left, uint256 held,,,) = processor.paymentState(id);
        assertEq(left + captured, amount);
        if (instant) {
            (, uint256 claimable,) = processor.merchantBalances(cafe);
            assertEq(held, 0);
            assertLe(claimable, captured);
            assertEq(cafePoints.totalSupply(), captured, "1 point per pUSD captured and settled");
        } else {
            assertEq(held, captured);
        }
        if (left != 0) {
            vm.prank(_operatorOf(merchant));
            vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AmountExceedsCapturable.selector, left + 1, left));
            processor.capture(p, left + 1);
        }
        bytes32[] memory ids = new bytes32[](1);
        ids[0] = id;
        _assertSolvent(ids);
    }

    function testFuzz_refundSequence_boundedAndFeeOnRemainder(uint96 amount, uint256[6] memory refunds) public {
        amount = uint96(bound(amount, 1, 1e27));
        PaymentInfo memory p = _info(payer, shop, amount, true);
        bytes32 id = _pay3009(p);
        uint256 refunded;
        uint256 payerBefore = pusd.balanceOf(payer);
        for (uint256 i; i < refunds.length; ++i) {
            uint256 held = amount - refunded;
            if (held == 0) break;
            uint256 r = bound(refunds[i], 1, held);
            vm.prank(shopOperator);
            processor.refund(p, r);
            refunded += r;
        }
        assertEq(pusd.balanceOf(payer), payerBefore + refunded);
        if (refunded < amount) {
            vm.prank(shopOperator);
            vm.expectRevert(
                abi.encodeWithSelector(
                    PayFiErrors.AmountExceedsRefundable.selector, amount - refunded + 1, amount - refunded
                )
            );
            processor.refund(p, amount - refunded + 1);
            vm.warp(block.timestamp + WINDOW);
            processor.settle(p);
            uint256 kept = amount - refunded;
            assertEq(processor.feesAccrued(), _fee(kept, FEE_BPS));
            assertEq(pusd.balanceOf(shopPayout), kept - _fee(kept, FEE_BPS));
            assertEq(shopPoints.balanceOf(payer), kept);
        }
        bytes32[] memory ids = new bytes32[](1);
        ids[0] = id;
        _assertSolvent(ids);
    }

    function testFuzz_feeTiersAndReferral_splitAddsUp(uint96 amount, uint16 feeBps, uint16 shareBps, bool referred)
        public
    {
        amount = uint96(bound(amount, 1, 1e27));
        feeBps = uint16(bound(feeBps, 0, 1000));
        shareBps = uint16(bound(shareBps, 0, 6000));
        vm.startPrank(admin);
        merchants.setTierFee(3, feeBps);
        merchants.setFeeTier(cafe, 3);
        merchants.setReferralShare(shareBps);
        vm.stopPrank();
        PaymentInfo memory p = _info(payer, cafe, amount, true);
        if (referred) p.referrer = referrer;
        _pay3009(p);
        uint256 fee = processor.feesAccrued() + processor.creditOf(referrer);
        (, uint256 merchantShare,) = processor.merchantBalances(cafe);
        assertEq(fee + merchantShare, amount, "fee + referral + merchant share = captured");
        assertEq(fee, (uint256(amount) * feeBps + 9999) / 10_000, "fee rounded up");
        assertGe(fee * 10_000, uint256(amount) * feeBps, "never below the exact fee");
        assertLe(processor.creditOf(referrer) * 10_000, fee * 6000, "referral at most 60% of the fee");
        if (!referred) assertEq(processor.creditOf(referrer), 0);
    }

    function testFuzz_expiriesAndWindow(uint32 authIn, uint32 refundAfter, uint24 window, uint32 captureAt) public {
        authIn = uint32(bound(authIn, 1, 365 days));
        refundAfter = uint32(bound(refundAfter, 0, 365 days));
        window = uint24(bound(window, 1, 180 days));
        vm.prank(shop);
        merchants.setRefundWindow(window);
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        p.authorizationExpiry = uint48(block.timestamp + authIn);
        p.refundExpiry = p.authorizationExpiry + refundAfter;
        bytes32 id = _authorize3009(p);
        captureAt = uint32(bound(captureAt, 0, uint256(authIn) * 2));
        vm.warp(block.timestamp + captureAt);
        if (block.timestamp >= p.authorizationExpiry) {
            vm.prank(shopOperator);
            vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationExpired.selector, p.authorizationExpiry));
            processor.capture(p, 1e18);
            vm.prank(payer);
            processor.reclaim(p);
            assertEq(pusd.balanceOf(address(processor)), 0);
            return;
        }
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationNotExpired.selector, p.authorizationExpiry));
        processor.reclaim(p);
        _capture(p, 1e18);
        (,, uint256 releaseAt,,) = processor.paymentState(id);
        uint256 expected = block.timestamp + window;
        if (expected > p.refundExpiry) expected = p.refundExpiry;
        assertEq(releaseAt, expected, "release = min(capture + window, refund expiry)");
        vm.warp(releaseAt - 1);
        vm.prank(shopOperator);
        processor.refund(p, 0.5e18);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotYetReleasable.selector, id, releaseAt));
        processor.settle(p);
        vm.warp(releaseAt);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.RefundWindowClosed.selector, id, releaseAt));
        processor.refund(p, 0.5e18);
        processor.settle(p);
        assertEq(pusd.balanceOf(shopPayout), 0.5e18 - _fee(0.5e18, FEE_BPS));
    }

    function testFuzz_earnRate(uint96 amount, uint24 earnRate) public {
        amount = uint96(bound(amount, 1, 1e27));
        earnRate = uint24(bound(earnRate, 0, 1_000_000));
        vm.prank(cafe);
        merchants.setEarnRate(earnRate);
        _pay3009(_info(payer, cafe, amount, true));
        assertEq(cafePoints.balanceOf(payer), uint256(amount) * earnRate / 10_000);
    }

    function testFuzz_replay_anyAmountChange_fails(uint96 amount, uint96 other) public {
        amount = uint96(bound(amount, 1, 1e27));
        other = uint96(bound(other, 1, 1e27));
        vm.assume(other != amount);
        PaymentInfo memory p = _info(payer, cafe, amount, true);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        p.amount = other;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.payWithAuthorization(p, v, r, s);
    }

    function testFuzz_creditCurve_monotonicAndBounded(uint16 a, uint16 b) public view {
        a = uint16(bound(a, 0, 1000));
        b = uint16(bound(b, a, 1000));
        assertLe(pool.advanceRateBps(a), pool.advanceRateBps(b), "a better score never lowers the rate");
        assertLe(pool.advanceRateBps(b), 9000);
    }

    function testFuzz_advanceLimit_neverAboveHeld(uint96 held, uint16 score, uint96 draw) public {
        held = uint96(bound(held, 1e18, 500_000e18));
        score = uint16(bound(score, 600, 1000));
        _kyc(shop, score);
        _depositLp(500_000e18);
        _pay3009(_info(payer, shop, held, true));
        uint256 limit = pool.advanceLimit(shop);
        assertLe(limit, uint256(held) * 9000 / 10_000);
        draw = uint96(bound(draw, 1, uint256(held)));
        vm.prank(shop);
        if (draw > limit) {
            vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AdvanceExceedsLimit.selector, draw, limit));
            pool.advance(draw, 0);
        } else {
            pool.advance(draw, 0);
            (uint256 pending,, uint256 debt) = processor.merchantBalances(shop);
            assertLe(debt, pending);
        }
    }

    function testFuzz_pointsRedemption_neverExceedsReserve(uint96 a, uint96 b, uint96 reserve_, uint64 value) public {
        a = uint96(bound(a, 1, 1e27));
        b = uint96(bound(b, 1, 1e27));
        reserve_ = uint96(bound(reserve_, 1, 1e24));
        value = uint64(bound(value, 1, 1e18));
        vm.prank(cafe);
        cafePoints.setPointValue(value);
        vm.startPrank(address(processor));
        cafePoints.mint(payer, a);
        cafePoints.mint(payer2, b);
        vm.stopPrank();
        vm.startPrank(payer);
        pusd.approve(address(cafePoints), reserve_);
        cafePoints.fundReserve(reserve_);
        vm.stopPrank();
        uint256 paid;
        vm.prank(payer);
        try cafePoints.redeem(a, payer) returns (uint256 x) {
            paid += x;
        } catch {}
        vm.prank(payer2);
        try cafePoints.redeem(b, payer2) returns (uint256 x) {
            paid += x;
        } catch {}
        assertLe(paid, reserve_, "never more than the reserve");
        // a lower value only takes effect after the notice period: the effective one applies
        assertLe(paid, (uint256(a) + b) * cafePoints.pointValue() / 1e18 + 1, "never more than the posted value");
    }
}
