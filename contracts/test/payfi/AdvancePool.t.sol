// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {IPaymentProcessor, PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {AdvancePool} from "../../src/payfi/AdvancePool.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice AdvancePool: the credit curve, advances, repayment first on release, shortfalls charged to later
/// settlements and write-offs, fee vesting, and the ERC-4626 side (idle-limited withdrawals, inflation guard).
contract AdvancePoolTest is PayFiSetup {
    address internal riskManager = makeAddr("riskManager");

    function setUp() public {
        _deployPayFi();
        _depositLp(100_000e18);
        bytes32 role = pool.RISK_MANAGER_ROLE();
        vm.prank(admin);
        pool.grantRole(role, riskManager);
    }

    /// @dev Shop (score 800 → 70%) holds `amount` of captured funds from one payment.
    function _held(uint256 amount) internal returns (PaymentInfo memory p) {
        p = _info(payer, shop, amount, true);
        _pay3009(p);
    }

    // ================================================================ the curve

    function test_advanceRate_curve() public view {
        assertEq(pool.advanceRateBps(0), 0);
        assertEq(pool.advanceRateBps(599), 0);
        assertEq(pool.advanceRateBps(600), 5000);
        assertEq(pool.advanceRateBps(800), 7000);
        assertEq(pool.advanceRateBps(900), 8000);
        assertEq(pool.advanceRateBps(1000), 9000);
    }

    function test_advanceLimit() public {
        _held(1000e18);
        assertEq(pool.advanceLimit(shop), 700e18);
        vm.prank(shop);
        pool.advance(300e18, 0);
        assertEq(pool.advanceLimit(shop), 400e18, "less the current debt");
        assertEq(pool.advanceLimit(cafe), 0, "nothing held");
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        assertEq(pool.advanceLimit(shop), 0);
    }

    function test_advanceLimit_cappedPerMerchant() public {
        vm.prank(riskManager);
        pool.setParameters(
            AdvancePool.Parameters({
                minCreditScore: 600,
                minAdvanceRateBps: 5000,
                maxAdvanceRateBps: 9000,
                discountFeeBps: 100,
                maxDebtPerMerchant: 100e18
            })
        );
        _held(1000e18);
        assertEq(pool.advanceLimit(shop), 100e18);
    }

    // ================================================================ advance

    function test_advance_paysNetAndRecordsDebt() public {
        _held(1000e18);
        uint256 assetsBefore = pool.totalAssets();
        vm.expectEmit(true, true, true, true, address(pool));
        emit PayFiEvents.Advanced(shop, shopPayout, 500e18, 5e18, 500e18);
        vm.prank(shop);
        uint256 received = pool.advance(500e18, 495e18);
        assertEq(received, 495e18);
        assertEq(pusd.balanceOf(shopPayout), 495e18);
        (,, uint256 debt) = processor.merchantBalances(shop);
        assertEq(debt, 500e18);
        assertEq(pool.outstandingDebt(), 500e18);
        assertEq(pool.unvestedFees(), 5e18);
        assertEq(pool.totalAssets(), assetsBefore, "a draw moves no value: the fee vests over time");
        vm.warp(block.timestamp + 7 days);
        assertEq(pool.totalAssets(), assetsBefore + 5e18);
    }

    function test_advance_feeVestsLinearly_noSandwich() public {
        _held(1000e18);
        uint256 before = pool.totalAssets();
        vm.prank(shop);
        pool.advance(700e18, 0);
        assertEq(pool.totalAssets(), before);
        vm.warp(block.timestamp + 3.5 days);
        assertEq(pool.totalAssets(), before + 3.5e18);
    }

    function test_advance_beyondLimit_reverts() public {
        _held(1000e18);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AdvanceExceedsLimit.selector, 701e18, 700e18));
        pool.advance(701e18, 0);
    }

    function test_advance_validation_reverts() public {
        _held(1000e18);
        vm.startPrank(shop);
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        pool.advance(0, 0);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.AdvanceBelowMinimum.selector, 99e18, 100e18));
        pool.advance(100e18, 100e18);
        vm.stopPrank();
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.MerchantNotActive.selector, relayer));
        pool.advance(1e18, 0);
    }

    function test_advance_lowScore_reverts() public {
        _held(1000e18);
        _kyc(shop, 599);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.CreditScoreTooLow.selector, 599, 600));
        pool.advance(1e18, 0);
    }

    function test_advance_lapsedKyc_reverts() public {
        _held(1000e18);
        vm.warp(block.timestamp + 366 days);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotCompliant.selector, shop, MERCHANT_POLICY));
        pool.advance(1e18, 0);
    }

    function test_advance_illiquid_reverts() public {
        _held(1000e18);
        vm.startPrank(lp);
        pool.withdraw(pool.maxWithdraw(lp) - 10e18, lp, lp);
        vm.stopPrank();
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.InsufficientLiquidity.selector, 99e18, 10e18));
        pool.advance(100e18, 0);
    }

    // ================================================================ repayment

    function test_repaidFirstWhenFundsAreReleased() public {
        PaymentInfo memory p = _held(1000e18);
        vm.prank(shop);
        pool.advance(600e18, 0);
        uint256 idleBefore = pool.idleAssets();
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(pool.idleAssets(), idleBefore + 600e18);
        assertEq(pool.outstandingDebt(), 0);
        assertEq(pusd.balanceOf(shopPayout), 594e18 + (990e18 - 600e18), "advance net of fee, then the rest");
    }

    function test_repayment_pushFails_creditCollected() public {
        PaymentInfo memory p = _held(1000e18);
        vm.prank(shop);
        pool.advance(600e18, 0);
        uint256 assets = pool.totalAssets();
        _block(address(pool));
        vm.warp(block.timestamp + WINDOW);
        processor.settle(p);
        assertEq(processor.creditOf(address(pool)), 600e18);
        assertEq(pool.totalAssets(), assets + 6e18, "credit counts as the pool's (fee vested by now)");
        _unblock(address(pool));
        assertEq(pool.collectCredit(), 600e18);
        assertEq(processor.creditOf(address(pool)), 0);
    }

    // ================================================================ shortfall: refunds after an advance

    function test_refundBeyondWhatRemains_chargedToLaterSettlements() public {
        PaymentInfo memory p = _held(1000e18);
        vm.prank(shop);
        pool.advance(700e18, 0);
        // the merchant refunds the whole payment: its debt is no longer covered
        vm.expectEmit(true, true, true, true, address(processor));
        emit PayFiEvents.AdvanceShortfall(shop, _id(p), 700e18);
        vm.prank(shopOperator);
        processor.refund(p, 1000e18);
        assertEq(pusd.balanceOf(address(processor)), 0, "the payer was refunded in full, from escrow");
        (,, uint256 debt) = processor.merchantBalances(shop);
        assertEq(debt, 700e18, "the debt stays");
        assertEq(pool.advanceLimit(shop), 0);

        // later settlements repay it first
        PaymentInfo memory later = _held(500e18);
        vm.warp(block.timestamp + WINDOW);
        processor.settle(later);
        (,, debt) = processor.merchantBalances(shop);
        assertEq(debt, 700e18 - (500e18 - _fee(500e18, FEE_BPS)));
        assertEq(pusd.balanceOf(shopPayout), 700e18 - 7e18, "only the advance itself reached the merchant");

        // what is left is booked as the pool's loss
        uint256 assets = pool.totalAssets();
        vm.expectEmit(true, true, true, true, address(pool));
        emit PayFiEvents.LossRecorded(shop, riskManager, debt);
        vm.prank(riskManager);
        assertEq(pool.writeOff(shop), debt);
        assertEq(pool.totalAssets(), assets - debt, "the loss shows in the share price");
        (uint256 outstanding, uint256 advanced, uint256 repaid, uint256 writtenOff) = processor.advanceTotals();
        assertEq(advanced - repaid - writtenOff, outstanding);
        assertEq(outstanding, 0);
    }

    function test_writeOff_riskManagerOnlyUncoveredPart() public {
        PaymentInfo memory p = _held(1000e18);
        vm.prank(shop);
        pool.advance(700e18, 0);
        vm.prank(shopOperator);
        processor.refund(p, 500e18); // 500 left against 700 of debt
        vm.prank(riskManager);
        assertEq(pool.writeOff(shop), 200e18);
        vm.prank(riskManager);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.WriteOffNotAllowed.selector, shop));
        pool.writeOff(shop);
    }

    function test_writeOff_permissionlessWhenSuspendedAndEmpty() public {
        PaymentInfo memory p = _held(1000e18);
        vm.prank(shop);
        pool.advance(700e18, 0);
        vm.prank(shopOperator);
        processor.refund(p, 1000e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.WriteOffNotAllowed.selector, shop));
        pool.writeOff(shop);
        vm.prank(admin);
        merchants.setSuspended(shop, true);
        vm.prank(relayer);
        assertEq(pool.writeOff(shop), 700e18);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToWriteOff.selector, shop));
        pool.writeOff(shop);
    }

    function test_writeOff_cancelsUnvestedFee() public {
        PaymentInfo memory p = _held(1000e18);
        uint256 before = pool.totalAssets();
        vm.prank(shop);
        pool.advance(700e18, 0);
        vm.prank(shopOperator);
        processor.refund(p, 1000e18);
        vm.prank(riskManager);
        pool.writeOff(shop);
        assertEq(pool.unvestedFees(), 0);
        assertEq(pool.totalAssets(), before - 693e18, "the loss is the cash lent, not the unearned fee");
    }

    // ================================================================ Huma V1: no poke can approve credit

    function test_noPermissionlessPathCreatesCredit() public {
        address unrated = makeAddr("unrated");
        vm.prank(admin);
        merchants.setMerchantPolicy(bytes32(0)); // open policy: registered without any attested record
        vm.prank(unrated);
        merchants.register(makeAddr("unratedPayout"), WINDOW, bytes32(0));
        PaymentInfo memory p = _info(payer, unrated, 1000e18, true);
        _pay3009(p);
        vm.prank(unrated);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.CreditScoreTooLow.selector, 0, 600));
        pool.advance(1e18, 0);
        // every permissionless call anyone can make
        vm.startPrank(relayer);
        processor.payout(unrated);
        PaymentInfo[] memory ps = new PaymentInfo[](1);
        ps[0] = p;
        processor.settleBatch(ps);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NothingToWriteOff.selector, unrated));
        pool.writeOff(unrated);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.StillCompliant.selector, unrated));
        merchants.enforceCompliance(unrated);
        vm.stopPrank();
        assertEq(pool.advanceLimit(unrated), 0, "still no credit");
        vm.prank(unrated);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.CreditScoreTooLow.selector, 0, 600));
        pool.advance(1e18, 0);
    }

    // ================================================================ ERC-4626

    function test_erc4626_depositWithdraw() public {
        assertEq(pool.asset(), address(pusd));
        assertEq(pool.decimals(), 24);
        assertEq(pool.totalAssets(), 100_000e18);
        assertEq(pool.maxWithdraw(lp), 100_000e18);
        vm.prank(lp);
        pool.withdraw(1000e18, lp, lp);
        assertEq(pool.totalAssets(), 99_000e18);
    }

    function test_erc4626_withdrawalsLimitedToIdle() public {
        _held(100_000e18);
        vm.prank(shop);
        pool.advance(60_000e18, 0);
        uint256 idle = pool.idleAssets();
        assertEq(pool.maxWithdraw(lp), idle);
        assertLe(pool.previewRedeem(pool.maxRedeem(lp)), idle);
        vm.prank(lp);
        vm.expectRevert();
        pool.withdraw(idle + 1, lp, lp);
    }

    function test_erc4626_donationDoesNotStealFromNextDepositor() public {
        AdvancePool fresh = new AdvancePool(
            IERC20(address(pusd)), processor, IComplianceRegistry(address(registry)), pool.parameters(), 0, admin
        );
        address attacker = makeAddr("attacker");
        _mint(attacker, 10_001e18);
        vm.startPrank(attacker);
        pusd.approve(address(fresh), 1);
        fresh.deposit(1, attacker);
        pusd.transfer(address(fresh), 10_000e18); // donation
        vm.stopPrank();
        vm.startPrank(lp);
        pusd.approve(address(fresh), 1000e18);
        uint256 shares = fresh.deposit(1000e18, lp);
        vm.stopPrank();
        assertGt(shares, 0);
        assertApproxEqRel(fresh.previewRedeem(shares), 1000e18, 0.001e18, "the victim keeps its deposit");
    }

    // ================================================================ parameters

    function test_setParameters() public {
        AdvancePool.Parameters memory p = AdvancePool.Parameters({
            minCreditScore: 500,
            minAdvanceRateBps: 4000,
            maxAdvanceRateBps: 8000,
            discountFeeBps: 200,
            maxDebtPerMerchant: 1e24
        });
        vm.expectEmit(true, true, true, true, address(pool));
        emit PayFiEvents.PoolParametersSet(500, 4000, 8000, 200, 1e24);
        vm.prank(riskManager);
        pool.setParameters(p);
        assertEq(pool.parameters().minCreditScore, 500);
        assertEq(pool.advanceRateBps(750), 6000);
    }

    function test_setParameters_invalid_reverts() public {
        AdvancePool.Parameters memory p = pool.parameters();
        vm.startPrank(riskManager);
        p.minCreditScore = 1001;
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        pool.setParameters(p);
        p = pool.parameters();
        p.minAdvanceRateBps = p.maxAdvanceRateBps + 1;
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        pool.setParameters(p);
        p = pool.parameters();
        p.maxAdvanceRateBps = 10_001;
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        pool.setParameters(p);
        p = pool.parameters();
        p.discountFeeBps = 1001;
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        pool.setParameters(p);
        p = pool.parameters();
        p.maxDebtPerMerchant = 0;
        vm.expectRevert(PayFiErrors.InvalidParameters.selector);
        pool.setParameters(p);
        vm.stopPrank();
        bytes32 role = pool.RISK_MANAGER_ROLE();
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, shop, role));
        pool.setParameters(p);
    }

    function test_rate_minScoreAtMaximum() public {
        AdvancePool.Parameters memory p = pool.parameters();
        p.minCreditScore = 1000;
        vm.prank(riskManager);
        pool.setParameters(p);
        assertEq(pool.advanceRateBps(999), 0);
        assertEq(pool.advanceRateBps(1000), 9000);
    }

    function test_constructor_zeroAddress_reverts() public {
        AdvancePool.Parameters memory p = pool.parameters();
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        new AdvancePool(IERC20(address(pusd)), processor, IComplianceRegistry(address(0)), p, 0, admin);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        new AdvancePool(
            IERC20(address(pusd)), IPaymentProcessor(address(0)), IComplianceRegistry(address(registry)), p, 0, admin
        );
    }
}
