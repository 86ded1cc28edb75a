// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Gas per transaction (isolated, incl. the 21k intrinsic) of PayFi's operations in realistic states: the
/// payer and the merchant already hold balances, it is not the merchant's first payment, the payer already holds the
/// merchant's points, the referrer already has a credit and fees have accrued. Written to snapshots/PayFi.json (the
/// issue's keys) and snapshots/PayFiExtra.json (further scenarios, no target).
/// forge-config: default.isolate = true
contract PayFiGasTest is PayFiSetup {
    function setUp() public {
        _deployPayFi();
        _createProgram(cafe, 10_000, 0.01e18);
        _createProgram(shop, 10_000, 0.01e18);
        vm.prank(payer);
        pusd.approve(address(processor), type(uint256).max);
        // merchants have been paid before
        _mint(shopPayout, 1000e18);
        _mint(cafePayout, 1000e18);

        // history: the payer already paid the cafe (points, cafe balance, referrer credit, accrued fees) ...
        PaymentInfo memory first = _referred(_info(payer, cafe, 40e18, true));
        _pay3009(first);
        // ... and the shop already holds captured funds of an earlier payment
        PaymentInfo memory earlier = _info(payer2, shop, 60e18, true);
        _pay3009(earlier);
    }

    function _referred(PaymentInfo memory p) internal view returns (PaymentInfo memory) {
        p.referrer = referrer;
        return p;
    }

    // ------------------------------------------------------------------------------------------------ checkout

    /// One-signature checkout: EIP-3009 pull, fee and referral split, merchant credit, points mint.
    function test_gas_payWithAuthorization() public {
        PaymentInfo memory p = _referred(_info(payer, cafe, 25e18, true));
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.prank(relayer);
        processor.payWithAuthorization(p, v, r, s);
        vm.snapshotGasLastCall("PayFi", "payWithAuthorization");
    }

    /// Same checkout paid from an allowance by the payer itself.
    function test_gas_pay() public {
        PaymentInfo memory p = _referred(_info(payer, cafe, 25e18, true));
        vm.prank(payer);
        processor.pay(p);
        vm.snapshotGasLastCall("PayFi", "pay");
    }

    /// Checkout at a merchant with a refund window: the payment is captured into escrow.
    function test_gas_payWithAuthorization_refundable() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, true));
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.prank(relayer);
        processor.payWithAuthorization(p, v, r, s);
        vm.snapshotGasLastCall("PayFiExtra", "payWithAuthorization_refundable");
    }

    // ------------------------------------------------------------------------------------------------ escrow

    function test_gas_authorize() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(payerKey, p);
        vm.prank(relayer);
        processor.authorize(p, v, r, s);
        vm.snapshotGasLastCall("PayFi", "authorize");
    }

    function test_gas_capture() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        vm.prank(shopOperator);
        processor.capture(p, 25e18);
        vm.snapshotGasLastCall("PayFi", "capture");
    }

    /// Capture at a merchant without refund window: settled in the same call (fee split, points).
    function test_gas_capture_settledAtOnce() public {
        PaymentInfo memory p = _referred(_info(payer, cafe, 25e18, false));
        _authorize3009(p);
        vm.prank(cafeOperator);
        processor.capture(p, 25e18);
        vm.snapshotGasLastCall("PayFiExtra", "capture_settledAtOnce");
    }

    function test_gas_capture_partial() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        vm.prank(shopOperator);
        processor.capture(p, 10e18);
        vm.snapshotGasLastCall("PayFiExtra", "capture_partial");
    }

    function test_gas_void() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        vm.prank(shopOperator);
        processor.void(p);
        vm.snapshotGasLastCall("PayFi", "void");
    }

    function test_gas_reclaim() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        vm.warp(p.authorizationExpiry);
        vm.prank(payer);
        processor.reclaim(p);
        vm.snapshotGasLastCall("PayFi", "reclaim");
    }

    /// Full refund of a fully captured payment, inside the refund window.
    function test_gas_refund() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        _capture(p, 25e18);
        vm.prank(shopOperator);
        processor.refund(p, 25e18);
        vm.snapshotGasLastCall("PayFi", "refund");
    }

    function test_gas_refund_partial() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        _capture(p, 25e18);
        vm.prank(shopOperator);
        processor.refund(p, 5e18);
        vm.snapshotGasLastCall("PayFiExtra", "refund_partial");
    }

    // ------------------------------------------------------------------------------------------------ settlement

    /// Settling one payment after its refund window: fee and referral split, points, merchant paid out.
    function test_gas_settle() public {
        PaymentInfo memory p = _referred(_info(payer, shop, 25e18, false));
        _authorize3009(p);
        _capture(p, 25e18);
        vm.warp(block.timestamp + WINDOW);
        vm.prank(relayer);
        processor.settle(p);
        vm.snapshotGasLastCall("PayFi", "settle");
    }

    function test_gas_payout() public {
        vm.prank(relayer);
        processor.payout(cafe);
        vm.snapshotGasLastCall("PayFiExtra", "payout");
    }

    function test_gas_captureBatch100() public {
        uint256 n = 100;
        PaymentInfo[] memory ps = new PaymentInfo[](n);
        uint256[] memory amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ps[i] = _referred(_info(i % 2 == 0 ? payer : payer2, shop, 10e18 + i, false));
            amounts[i] = ps[i].amount;
            _authorize3009(ps[i]);
        }
        vm.prank(shopOperator);
        processor.captureBatch(ps, amounts);
        vm.snapshotGasLastCall("PayFiExtra", "captureBatch100");
        Vm.Gas memory gas = vm.lastCallGas();
        vm.snapshotValue("PayFi", "captureBatch100_perPayment", gas.gasTotalUsed / n);
    }

    function test_gas_settleBatch100() public {
        uint256 n = 100;
        PaymentInfo[] memory ps = new PaymentInfo[](n);
        uint256[] memory amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ps[i] = _referred(_info(i % 2 == 0 ? payer : payer2, shop, 10e18 + i, false));
            amounts[i] = ps[i].amount;
            _authorize3009(ps[i]);
        }
        vm.prank(shopOperator);
        processor.captureBatch(ps, amounts);
        vm.warp(block.timestamp + WINDOW);
        vm.prank(relayer);
        processor.settleBatch(ps);
        Vm.Gas memory gas = vm.lastCallGas();
        vm.snapshotValue("PayFiExtra", "settleBatch100_perPayment", gas.gasTotalUsed / n);
    }

    // ------------------------------------------------------------------------------------------------ advance

    function test_gas_advance() public {
        _depositLp(100_000e18);
        vm.prank(shop);
        pool.advance(20e18, 0);
        vm.snapshotGasLastCall("PayFi", "advance");
    }
}
