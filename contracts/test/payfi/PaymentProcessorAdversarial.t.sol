// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {IMerchantRegistry} from "../../src/interfaces/IMerchantRegistry.sol";
import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {IPlazaUSD} from "../../src/interfaces/IPlazaUSD.sol";
import {MerchantRegistry} from "../../src/payfi/MerchantRegistry.sol";
import {PaymentProcessor} from "../../src/payfi/PaymentProcessor.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {ReentrantWallet} from "./mocks/ReentrantWallet.sol";
import {RegistryToken} from "./mocks/RegistryToken.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice The attacks the issue and ARCHITECTURE §4 name: re-entrancy through a token or a callback (Commerce
/// Payments' critical finding), replay of a payer's signature, blocked counterparties, expiry and window
/// boundaries, double settlement and fee rounding.
contract PaymentProcessorAdversarialTest is PayFiSetup {
    function setUp() public {
        _deployPayFi();
    }

    // ================================================================ re-entrancy (token collector / callback)

    struct Evil {
        ReentrantToken token;
        MerchantRegistry registry;
        PaymentProcessor processor;
    }

    /// @dev A processor whose payment token is the attacker's re-entrant token; the attacker's token is also an
    /// operator of the merchant, so only the re-entrancy guard stands between it and a nested capture.
    function _evil() internal returns (Evil memory e) {
        e.token = new ReentrantToken();
        e.registry = new MerchantRegistry(IComplianceRegistry(address(registry)), MERCHANT_POLICY, 0, admin);
        e.processor = new PaymentProcessor(IPlazaUSD(address(e.token)), e.registry, address(feeCollector));
        vm.prank(admin);
        e.registry.setProcessor(e.processor);
        vm.startPrank(shop);
        e.registry.register(shopPayout, WINDOW, bytes32(0));
        e.registry.setOperator(address(e.token), true);
        vm.stopPrank();
        e.token.mint(payer, 1000e18);
    }

    function _evilInfo(Evil memory e, uint256 amount) internal returns (PaymentInfo memory p) {
        p = _info(payer, shop, amount, false);
        p.token = address(e.token);
    }

    function test_attack_reentrantToken_authorizeDuringAuthorize_reverts() public {
        Evil memory e = _evil();
        PaymentInfo memory first = _evilInfo(e, 100e18);
        PaymentInfo memory nested = _evilInfo(e, 100e18);
        e.token.arm(e.processor, ReentrantToken.Attack.Authorize, nested, false);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        e.processor.authorize(first, 0, 0, 0);
    }

    function test_attack_reentrantToken_captureDuringAuthorize_reverts() public {
        Evil memory e = _evil();
        PaymentInfo memory victim = _evilInfo(e, 100e18);
        e.processor.authorize(victim, 0, 0, 0);
        PaymentInfo memory next = _evilInfo(e, 50e18);
        e.token.arm(e.processor, ReentrantToken.Attack.Capture, victim, false);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        e.processor.authorize(next, 0, 0, 0);
    }

    function test_attack_reentrantToken_swallowed_noDoubleCount() public {
        Evil memory e = _evil();
        PaymentInfo memory victim = _evilInfo(e, 100e18);
        e.processor.authorize(victim, 0, 0, 0);
        PaymentInfo memory next = _evilInfo(e, 50e18);
        e.token.arm(e.processor, ReentrantToken.Attack.Capture, victim, true);
        e.processor.authorize(next, 0, 0, 0);
        assertFalse(e.token.reentered(), "the nested capture never ran");
        assertEq(bytes4(e.token.lastError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        (uint256 capturable,,,,) = e.processor.paymentState(e.processor.paymentId(victim));
        assertEq(capturable, 100e18);
        (uint256 capturableNext,,,,) = e.processor.paymentState(e.processor.paymentId(next));
        assertEq(capturableNext, 50e18);
        assertEq(e.token.balanceOf(address(e.processor)), 150e18, "escrow equals what it owes");
    }

    function test_attack_reentrantToken_voidDuringVoid_noDoubleReturn() public {
        Evil memory e = _evil();
        PaymentInfo memory p = _evilInfo(e, 100e18);
        e.processor.authorize(p, 0, 0, 0);
        e.token.arm(e.processor, ReentrantToken.Attack.Void, p, true);
        vm.prank(shop);
        e.processor.void(p);
        assertFalse(e.token.reentered());
        assertEq(e.token.balanceOf(payer), 1000e18, "returned exactly once");
        assertEq(e.token.balanceOf(address(e.processor)), 0);
    }

    function test_attack_configurationChangeMidPayment_reverts() public {
        RegistryToken evil = new RegistryToken();
        PaymentProcessor p2 =
            new PaymentProcessor(IPlazaUSD(address(evil)), IMerchantRegistry(address(evil)), address(feeCollector));
        evil.setProcessor(p2);
        evil.registerMerchant(shop);
        evil.mint(payer, 100e18);
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        p.token = address(evil);
        evil.arm();
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        p2.authorize(p, 0, 0, 0);
    }

    function test_attack_callerChosenToken_isRefused() public {
        ReentrantToken token = new ReentrantToken();
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        p.token = address(token);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.UnsupportedToken.selector, address(token)));
        processor.authorize(p, 0, 0, 0);
    }

    function test_attack_reentrantWalletCallback_cannotCapture() public {
        ReentrantWallet wallet = new ReentrantWallet(payer, processor);
        _mint(address(wallet), 100e18);
        PaymentInfo memory victim = _info(payer, shop, 10e18, false);
        _authorize3009(victim);
        wallet.setTarget(victim);
        vm.prank(shop);
        merchants.setOperator(address(wallet), true);

        PaymentInfo memory p = _info(address(wallet), shop, 20e18, false);
        bytes memory sig = _signBytes(payerKey, _digest3009(p, _id(p)));
        processor.authorize(p, sig);
        (uint256 capturable,,,,) = processor.paymentState(_id(victim));
        assertEq(capturable, 10e18, "the callback could not capture");
        (uint256 pending,,) = processor.merchantBalances(shop);
        assertEq(pending, 0);
    }

    // ================================================================ replay of the payer's signature

    function _signed(PaymentInfo memory p) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return _sign3009(payerKey, p);
    }

    function test_replay_forAnotherMerchant_fails() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        p.merchant = cafe;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.authorize(p, v, r, s);
    }

    function test_replay_forAnotherAmount_fails() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        p.amount = 11e18;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.authorize(p, v, r, s);
    }

    function test_replay_withAnotherReferrerOrFeeBounds_fails() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        p.referrer = referrer;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.payWithAuthorization(p, v, r, s);
        p.referrer = address(0);
        p.maxFeeBps = 999;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.payWithAuthorization(p, v, r, s);
    }

    function test_replay_onAnotherChain_fails() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        vm.chainId(8453);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.authorize(p, v, r, s);
    }

    function test_replay_onAnotherProcessor_fails() public {
        MerchantRegistry registry2 =
            new MerchantRegistry(IComplianceRegistry(address(registry)), MERCHANT_POLICY, 0, admin);
        PaymentProcessor processor2 = new PaymentProcessor(pusd, registry2, address(feeCollector));
        vm.prank(admin);
        registry2.setProcessor(processor2);
        vm.prank(shop);
        registry2.register(shopPayout, WINDOW, bytes32(0));
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor2.authorize(p, v, r, s);
    }

    function test_replay_asDirectPayment_fails() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        p.autoCapture = true; // a relayer tries to turn an authorization into a capture-everything payment
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        processor.payWithAuthorization(p, v, r, s);
    }

    function test_replay_samePaymentTwice_fails() public {
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        processor.payWithAuthorization(p, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, payer, _id(p)));
        processor.payWithAuthorization(p, v, r, s);
    }

    function test_replay_3009SignatureDirectlyOnPusd_fails() public {
        // the shopper's authorization names the processor as payee: nobody else can pull it
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        (uint8 v, bytes32 r, bytes32 s) = _signed(p);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.CallerNotPayee.selector, relayer, address(processor)));
        pusd.receiveWithAuthorization(payer, address(processor), 10e18, 0, p.authorizationExpiry, _id(p), v, r, s);
    }

    // ================================================================ blocked counterparties never brick others

    function test_blocked_merchantPayout_othersStillSettle() public {
        PaymentInfo[] memory ps = new PaymentInfo[](2);
        ps[0] = _info(payer, shop, 10e18, true);
        ps[1] = _info(payer, cafe, 10e18, true);
        _pay3009(ps[0]);
        _pay3009(ps[1]);
        _block(shopPayout);
        // new payments to the blocked merchant still work: nothing is pushed on the payment path
        _pay3009(_info(payer, shop, 1e18, true));
        vm.warp(block.timestamp + WINDOW);
        processor.settleBatch(ps);
        assertEq(pusd.balanceOf(cafePayout), 10e18 - _fee(10e18, FEE_BPS), "the other merchant is paid");
        (, uint256 claimable,) = processor.merchantBalances(shop);
        assertEq(claimable, 10e18 - _fee(10e18, FEE_BPS), "the blocked one keeps a claimable balance");
    }

    function test_blocked_referrer_paymentsUnaffected() public {
        _block(referrer);
        PaymentInfo memory p = _info(payer, cafe, 10e18, true);
        p.referrer = referrer;
        _pay3009(p);
        uint256 credit = processor.creditOf(referrer);
        assertGt(credit, 0, "credited, not pushed");
        vm.prank(referrer);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, referrer));
        processor.claim(referrer);
        _unblock(referrer);
        vm.prank(referrer);
        processor.claim(referrer);
        assertEq(pusd.balanceOf(referrer), credit);
    }

    function test_blocked_feeCollector_paymentsUnaffected() public {
        _pay3009(_info(payer, cafe, 10e18, true));
        _block(address(feeCollector));
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, address(feeCollector)));
        processor.sweepFees();
        _pay3009(_info(payer, cafe, 10e18, true));
        processor.payout(cafe);
        assertEq(processor.feesAccrued(), 2 * _fee(10e18, FEE_BPS), "fees wait for the collector");
    }

    function test_blocked_payer_voidAndRefundCredited() public {
        PaymentInfo memory a = _info(payer, shop, 10e18, false);
        bytes32 idA = _authorize3009(a);
        PaymentInfo memory b = _info(payer, shop, 10e18, true);
        _pay3009(b);
        _block(payer);
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.ReturnCredited(idA, payer, 10e18);
        vm.startPrank(shopOperator);
        processor.void(a);
        processor.refund(b, 10e18);
        vm.stopPrank();
        assertEq(processor.creditOf(payer), 20e18, "the merchant's books close; the payer can claim later");
        _unblock(payer);
        vm.prank(payer);
        processor.claim(payer);
    }

    // ================================================================ boundaries

    function test_attack_captureAfterExpiry_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, false);
        _authorize3009(p);
        vm.warp(p.authorizationExpiry);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AuthorizationExpired.selector, p.authorizationExpiry));
        processor.capture(p, 1);
        // and the payer gets it all back
        vm.prank(payer);
        processor.reclaim(p);
    }

    function test_attack_refundAfterWindow_reverts() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, true);
        bytes32 id = _pay3009(p);
        vm.warp(block.timestamp + WINDOW);
        vm.prank(shopOperator);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.RefundWindowClosed.selector, id, block.timestamp));
        processor.refund(p, 1);
    }

    function test_attack_doubleSettlement_paysOnce() public {
        PaymentInfo memory p = _info(payer, shop, 10e18, true);
        _pay3009(p);
        PaymentInfo[] memory ps = new PaymentInfo[](2);
        ps[0] = p;
        ps[1] = p; // the same payment twice in one batch
        vm.warp(block.timestamp + WINDOW);
        assertEq(processor.settleBatch(ps), 1);
        assertEq(processor.settleBatch(ps), 0);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.PaymentNotFound.selector, _id(p)));
        processor.settle(p);
        assertEq(pusd.balanceOf(shopPayout), 10e18 - _fee(10e18, FEE_BPS));
    }

    // ================================================================ fee rounding

    function test_feeRounding_manySmallCapturesCannotAvoidFees() public {
        // 1 bp fee: every capture of 9,999 wei would round down to 0; rounding up charges each at least 1 wei
        vm.startPrank(admin);
        merchants.setTierFee(2, 1);
        merchants.setFeeTier(cafe, 2);
        vm.stopPrank();
        PaymentInfo memory p = _info(payer, cafe, 100 * 9999, false);
        _authorize3009(p);
        for (uint256 i; i < 100; ++i) {
            _capture(p, 9999);
        }
        assertEq(processor.feesAccrued(), 100, "one wei per capture, never zero");
        assertGe(processor.feesAccrued(), _fee(100 * 9999, 1));
    }

    function test_feeRounding_windowedCapturesPayOnTheirSum() public {
        vm.startPrank(admin);
        merchants.setTierFee(2, 1);
        merchants.setFeeTier(shop, 2);
        vm.stopPrank();
        PaymentInfo memory p = _info(payer, shop, 100 * 9999, false);
        _authorize3009(p);
        for (uint256 i; i < 100; ++i) {
            _capture(p, 9999);
        }
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(processor.feesAccrued(), _fee(100 * 9999, 1), "fee on the cumulative amount, rounded up");
    }
}
