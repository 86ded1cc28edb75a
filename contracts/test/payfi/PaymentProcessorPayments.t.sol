// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {SmartWallet} from "../utils/SmartWallet.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Payment entry points: the payment id, escrow authorizations and direct payments through EIP-3009,
/// allowance and permit, and every validation of a new payment.
contract PaymentProcessorPaymentsTest is PayFiSetup {
    LoyaltyPoints internal cafePoints;

    function setUp() public {
        _deployPayFi();
        cafePoints = _createProgram(cafe, 10_000, 0.01e18);
    }

    // ================================================================ payment id

    function test_paymentId_isEip712HashComputedIndependently() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        assertEq(processor.paymentId(p), _id(p));
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Plaza Payments"), keccak256("1"), block.chainid, address(processor))
        );
        assertEq(processor.DOMAIN_SEPARATOR(), domain);
        assertEq(processor.PAYMENT_INFO_TYPEHASH(), PAYMENT_TYPEHASH);
    }

    function test_paymentId_followsChainId() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        bytes32 onHome = processor.paymentId(p);
        vm.chainId(8453);
        assertEq(processor.paymentId(p), _idOn(p, address(processor), 8453));
        assertTrue(processor.paymentId(p) != onHome);
    }

    function test_paymentId_changesWithEveryField() public {
        PaymentInfo memory base = _info(payer, shop, 10e18, false);
        bytes32 id = _id(base);
        PaymentInfo memory p = base;
        p.amount += 1;
        assertTrue(_id(p) != id && processor.paymentId(p) == _id(p));
        p = _info(payer, shop, 10e18, false);
        p.orderRef = base.orderRef;
        p.salt = base.salt;
        p.merchant = cafe;
        assertTrue(processor.paymentId(p) != id);
        p.merchant = shop;
        p.autoCapture = true;
        assertTrue(processor.paymentId(p) != id);
    }

    // ================================================================ authorize (EIP-3009)

    function test_authorize_3009_holdsFundsAndEmits() public {
        PaymentInfo memory p = _info(payer, shop, 25e18, false);
        p.referrer = referrer;
        bytes32 id = _id(p);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        uint256 payerBefore = pusd.balanceOf(payer);

        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentAuthorized(
            id, shop, payer, p.orderRef, 25e18, FEE_BPS, referrer, p.authorizationExpiry, p.refundExpiry
        );
        vm.prank(relayer);
        bytes32 returned = processor.authorize(p, v, r, s);

        assertEq(returned, id);
        assertEq(pusd.balanceOf(payer), payerBefore - 25e18, "the shopper paid no gas, only the amount");
        assertEq(pusd.balanceOf(address(processor)), 25e18);
        assertTrue(pusd.authorizationState(payer, id), "the 3009 nonce is the payment id");
        (uint256 capturable, uint256 held, uint256 releaseAt, uint16 feeBps, bool exists) = processor.paymentState(id);
        assertEq(capturable, 25e18);
        assertEq(held, 0);
        assertEq(releaseAt, 0);
        assertEq(feeBps, FEE_BPS);
        assertTrue(exists);
    }

    function test_authorize_bytesSignature() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        bytes memory sig = _signBytes(payerKey, _digest3009(p, _id(p)));
        vm.prank(relayer);
        bytes32 id = processor.authorize(p, sig);
        (uint256 capturable,,,,) = processor.paymentState(id);
        assertEq(capturable, 5e18);
    }

    function test_authorize_smartWalletPayer_erc1271() public {
        SmartWallet wallet = new SmartWallet(payer);
        _mint(address(wallet), 100e18);
        PaymentInfo memory p = _info(address(wallet), shop, 7e18, false);
        bytes memory sig = _signBytes(payerKey, _digest3009(p, _id(p)));
        vm.prank(relayer);
        processor.authorize(p, sig);
        assertEq(pusd.balanceOf(address(wallet)), 93e18);
    }

    function test_authorize_invalidSignature_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payer2Key, p);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        vm.prank(relayer);
        processor.authorize(p, v, r, s);
    }

    function test_authorize_twice_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.prank(relayer);
        processor.authorize(p, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, _id(p)));
        processor.authorize(p, v, r, s);
    }

    function test_authorize_onceVoided_cannotBeReused() public {
        PaymentInfo memory p = _info(payer, shop, 5e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        processor.authorize(p, v, r, s);
        vm.prank(shopOperator);
        processor.void(p);
        (,,,, bool exists) = processor.paymentState(_id(p));
        assertFalse(exists, "finished 3009 record cleared");
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, payer, _id(p)));
        processor.authorize(p, v, r, s);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, _id(p)));
        processor.authorizeFrom(p);
    }

    // ================================================================ authorize (allowance)

    function test_authorizeFrom_pullsWithAllowance() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        vm.startPrank(payer);
        pusd.approve(address(processor), 9e18);
        bytes32 id = processor.authorizeFrom(p);
        vm.stopPrank();
        assertEq(id, _id(p));
        assertEq(pusd.allowance(payer, address(processor)), 0);
        (uint256 capturable,,,, bool exists) = processor.paymentState(id);
        assertEq(capturable, 9e18);
        assertTrue(exists);
    }

    function test_authorizeFrom_notPayer_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        vm.prank(payer);
        pusd.approve(address(processor), 9e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotPayer.selector, relayer, payer));
        processor.authorizeFrom(p);
    }

    function test_authorizeFrom_withoutAllowance_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(processor), 0, 9e18)
        );
        processor.authorizeFrom(p);
    }

    function test_authorizeFrom_afterSameId3009_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        _authorize3009(p);
        vm.startPrank(payer);
        pusd.approve(address(processor), 9e18);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, _id(p)));
        processor.authorizeFrom(p);
        vm.stopPrank();
    }

    function test_authorize3009_afterSameIdFromAllowance_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        vm.startPrank(payer);
        pusd.approve(address(processor), 9e18);
        processor.authorizeFrom(p);
        vm.stopPrank();
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, _id(p)));
        processor.authorize(p, v, r, s);
    }

    function test_authorizeFrom_cancelledNonce_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        bytes32 id = _id(p);
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, _cancelDigest(address(pusd), payer, id));
        pusd.cancelAuthorization(payer, id, v, r, s);
        vm.startPrank(payer);
        pusd.approve(address(processor), 9e18);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, id));
        processor.authorizeFrom(p);
        vm.stopPrank();
    }

    // ================================================================ validation of new payments

    function test_begin_wrongMode_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, true);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.WrongPaymentMode.selector, true));
        processor.authorize(p, v, r, s);
        p = _info(payer, shop, 9e18, false);
        (v, r, s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.WrongPaymentMode.selector, false));
        processor.payWithAuthorization(p, v, r, s);
    }

    function test_begin_unsupportedToken_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        p.token = address(0xdead);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.UnsupportedToken.selector, address(0xdead)));
        processor.authorize(p, v, r, s);
    }

    function test_begin_invalidAmount_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 0, false);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidAmount.selector, 0));
        processor.authorize(p, 0, 0, 0);
        p.amount = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InvalidAmount.selector, p.amount));
        processor.authorize(p, 0, 0, 0);
    }

    function test_begin_expired_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        vm.warp(p.authorizationExpiry);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationExpired.selector, p.authorizationExpiry));
        processor.authorize(p, 0, 0, 0);
    }

    function test_begin_refundExpiryBeforeAuthorizationExpiry_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        p.refundExpiry = p.authorizationExpiry - 1;
        vm.expectRevert(
            abi.encodeWithSelector(PayFiErrors.InvalidExpiries.selector, p.authorizationExpiry, p.refundExpiry)
        );
        processor.authorize(p, 0, 0, 0);
    }

    function test_begin_unregisteredMerchant_reverts() public {
        PaymentInfo memory p = _info(payer, relayer, 9e18, false);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.MerchantNotActive.selector, relayer));
        processor.authorize(p, 0, 0, 0);
    }

    function test_begin_suspendedMerchant_reverts() public {
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.MerchantNotActive.selector, shop));
        processor.authorize(p, v, r, s);
    }

    function test_begin_feeOutOfBounds_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        p.maxFeeBps = FEE_BPS - 1;
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.FeeOutOfBounds.selector, FEE_BPS, 0, FEE_BPS - 1));
        processor.authorize(p, 0, 0, 0);
        p.maxFeeBps = 1000;
        p.minFeeBps = FEE_BPS + 1;
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.FeeOutOfBounds.selector, FEE_BPS, FEE_BPS + 1, 1000));
        processor.authorize(p, 0, 0, 0);
    }

    function test_begin_tierFeeChangeAfterSigning_respectsBounds() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, false);
        p.maxFeeBps = FEE_BPS;
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.prank(admin);
        merchants.setTierFee(0, FEE_BPS + 1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.FeeOutOfBounds.selector, FEE_BPS + 1, 0, FEE_BPS));
        processor.authorize(p, v, r, s);
    }

    // ================================================================ direct payment, settled at once

    function test_payWithAuthorization_settlesAtOnce() public {
        PaymentInfo memory p = _info(payer, cafe, 40e18, true);
        p.referrer = referrer;
        bytes32 id = _id(p);
        uint256 fee = _fee(40e18, FEE_BPS);
        uint256 referralFee = fee * REFERRAL_SHARE_BPS / 10_000;
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);

        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentPaid(id, cafe, payer, p.orderRef, 40e18, fee, referrer, referralFee, 40e18);
        vm.prank(relayer);
        processor.payWithAuthorization(p, v, r, s);

        (uint256 pending, uint256 claimable, uint256 debt) = processor.merchantBalances(cafe);
        assertEq(pending, 0);
        assertEq(claimable, 40e18 - fee);
        assertEq(debt, 0);
        assertEq(processor.feesAccrued(), fee - referralFee);
        assertEq(processor.creditOf(referrer), referralFee);
        assertEq(cafePoints.balanceOf(payer), 40e18, "1 point per pUSD");
        assertEq(pusd.balanceOf(address(processor)), 40e18);
        (,,,, bool exists) = processor.paymentState(id);
        assertFalse(exists, "an EIP-3009 payment settled at once leaves no record");
        assertTrue(pusd.authorizationState(payer, id));
    }

    function test_payWithAuthorization_bytesSignature() public {
        PaymentInfo memory p = _info(payer, cafe, 4e18, true);
        bytes memory sig = _signBytes(payerKey, _digest3009(p, _id(p)));
        processor.payWithAuthorization(p, sig);
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, 4e18 - _fee(4e18, FEE_BPS));
    }

    function test_payWithAuthorization_refundWindow_holdsInEscrow() public {
        PaymentInfo memory p = _info(payer, shop, 30e18, true);
        bytes32 id = _id(p);
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PaymentCaptured(id, shop, payer, p.orderRef, 30e18, block.timestamp + WINDOW);
        processor.payWithAuthorization(p, v, r, s);
        (uint256 capturable, uint256 held, uint256 releaseAt,, bool exists) = processor.paymentState(id);
        assertEq(capturable, 0);
        assertEq(held, 30e18);
        assertEq(releaseAt, block.timestamp + WINDOW);
        assertTrue(exists);
        (uint256 pending, uint256 claimable,) = processor.merchantBalances(shop);
        assertEq(pending, 30e18);
        assertEq(claimable, 0);
    }

    function test_payWithAuthorization_releaseCappedAtRefundExpiry() public {
        PaymentInfo memory p = _info(payer, shop, 30e18, true);
        p.refundExpiry = p.authorizationExpiry;
        bytes32 id = _pay3009(p);
        (,, uint256 releaseAt,,) = processor.paymentState(id);
        assertEq(releaseAt, p.refundExpiry);
    }

    function test_payWithAuthorization_refundExpirySoonerThanWindow() public {
        PaymentInfo memory p = _info(payer, shop, 30e18, true);
        p.refundExpiry = uint48(block.timestamp + 100);
        p.authorizationExpiry = uint48(block.timestamp + 100);
        vm.warp(block.timestamp + 99);
        bytes32 id = _pay3009(p);
        (uint256 pending, uint256 claimable,) = processor.merchantBalances(shop);
        assertEq(pending, 30e18, "held until the refund expiry, 1s later");
        assertEq(claimable, 0);
        (,, uint256 releaseAt,,) = processor.paymentState(id);
        assertEq(releaseAt, p.refundExpiry);
    }

    // ================================================================ direct payment from allowance and permit

    function test_pay_fromAllowance() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        vm.startPrank(payer);
        pusd.approve(address(processor), 10e18);
        bytes32 id = processor.pay(p);
        vm.stopPrank();
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, 10e18 - _fee(10e18, FEE_BPS));
        (uint256 capturable, uint256 held,, uint16 feeBps, bool exists) = processor.paymentState(id);
        assertTrue(exists, "allowance payments keep a marker: no pUSD nonce protects their id");
        assertEq(capturable + held, 0);
        assertEq(feeBps, FEE_BPS);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentAlreadyExists.selector, id));
        processor.pay(p);
    }

    function test_pay_notPayer_reverts() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotPayer.selector, relayer, payer));
        processor.pay(p);
    }

    function test_payWithPermit() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(payerKey, _permitDigest(address(pusd), payer, address(processor), 10e18, 0, deadline));
        vm.prank(payer);
        processor.payWithPermit(p, deadline, v, r, s);
        (, uint256 claimable,) = processor.merchantBalances(cafe);
        assertEq(claimable, 10e18 - _fee(10e18, FEE_BPS));
    }

    function test_payWithPermit_frontRunPermit_stillPays() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(payerKey, _permitDigest(address(pusd), payer, address(processor), 10e18, 0, deadline));
        // a griefer submits the permit first
        vm.prank(relayer);
        pusd.permit(payer, address(processor), 10e18, deadline, v, r, s);
        vm.prank(payer);
        processor.payWithPermit(p, deadline, v, r, s);
        assertEq(pusd.balanceOf(address(processor)), 10e18);
    }

    function test_payWithPermit_badPermit_reverts() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(processor), 0, 10e18)
        );
        processor.payWithPermit(p, block.timestamp + 1, 27, bytes32(0), bytes32(0));
    }

    function test_payWithPermit_notPayer_reverts() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotPayer.selector, relayer, payer));
        processor.payWithPermit(p, block.timestamp + 1, 27, bytes32(0), bytes32(0));
    }

    // ================================================================ points redeemed at checkout

    function test_pay_redeemsPointsForDiscount() public {
        _pay3009(_info(payer, cafe, 100e18, true)); // earns 100 points
        PaymentInfo memory p = _info(payer, cafe, 9e18, true);
        p.pointsRedeemed = 100e18;
        bytes32 id = _id(p);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.PointsRedeemed(id, cafe, payer, 100e18, 1e18);
        _pay3009(p);
        assertEq(cafePoints.balanceOf(payer), 9e18, "100 burned, 9 earned");
    }

    function test_pay_redeemMorePointsThanHeld_reverts() public {
        PaymentInfo memory p = _info(payer, cafe, 9e18, true);
        p.pointsRedeemed = 1e18;
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, payer, 0, 1e18));
        processor.payWithAuthorization(p, v, r, s);
    }

    function test_pay_redeemAtMerchantWithoutProgram_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 9e18, true);
        p.pointsRedeemed = 1e18;
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NoLoyaltyProgram.selector, shop));
        processor.payWithAuthorization(p, v, r, s);
    }

    // ================================================================ referral rules

    function test_referral_onlyRegisteredReferrers() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = relayer; // no referral code
        _pay3009(p);
        assertEq(processor.creditOf(relayer), 0);
        assertEq(processor.feesAccrued(), _fee(10e18, FEE_BPS), "the whole fee to the protocol");
    }

    function test_referral_merchantCannotReferItself() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = cafe; // cafe holds code "CAFE"
        _pay3009(p);
        assertEq(processor.creditOf(cafe), 0);
    }

    function test_referral_payerCannotReferItself() public {
        vm.prank(admin);
        merchants.setReferralCodeFor(payer, "PAYER");
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = payer;
        _pay3009(p);
        assertEq(processor.creditOf(payer), 0);
    }

    function test_referral_anotherMerchantEarnsAShare() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = shop; // merchant-to-merchant referral
        _pay3009(p);
        assertEq(processor.creditOf(shop), _fee(10e18, FEE_BPS) * REFERRAL_SHARE_BPS / 10_000);
    }

    function test_referral_revokedCodeStopsShares() public {
        vm.prank(admin);
        merchants.setReferralCodeFor(referrer, bytes32(0));
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = referrer;
        _pay3009(p);
        assertEq(processor.creditOf(referrer), 0);
    }

    function test_referral_atMaximumShare() public {
        vm.prank(admin);
        merchants.setReferralShare(6000);
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = referrer;
        _pay3009(p);
        uint256 fee = _fee(10e18, FEE_BPS);
        assertEq(processor.creditOf(referrer), fee * 6000 / 10_000);
        assertEq(processor.feesAccrued(), fee - fee * 6000 / 10_000);
    }
}
