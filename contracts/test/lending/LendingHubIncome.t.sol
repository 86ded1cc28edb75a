// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {LendingLens} from "../../src/lending/LendingLens.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {LendingEvents} from "../../src/lending/libraries/LendingEvents.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice Collateral income pass-through: income the RwaShareToken pays on collateral held by the hub belongs to the
/// borrowers, attributed exactly by collateral held over time, paid out or repaying debt.
contract LendingHubIncomeTest is LendingBase {
    LendingLens internal lens;
    address internal holder = makeAddr("direct holder");
    address internal sniper = makeAddr("sniper");

    function setUp() public override {
        super.setUp();
        lens = new LendingLens(hub);
        _kyc(holder);
        _kyc(sniper);
        // 8,000 shares held outside the hub, so income flows from the start
        _rwaTo(holder, 8000e18);
        _supply(lender, 100_000e18);
    }

    // ============================================================================================ attribution

    function test_income_sameAsHoldingDirectly() public {
        _supplyCollateral(borrower, 2000e18);
        _depositIncome(30_000e18);
        skip(10 days);
        _setNav(NAV);
        uint256 direct = rwa.claimableIncome(holder) * 2000e18 / 8000e18; // the holder has 4x the borrower's shares
        uint256 pending = lens.pendingIncome(params, borrower);
        assertApproxEqAbs(pending, direct, 2, "the borrower earns what it would holding the shares itself");
        vm.expectEmit(true, true, true, false, address(hub));
        emit LendingEvents.IncomeClaimed(id, borrower, borrower, pending);
        vm.prank(borrower);
        uint256 paid = hub.claimCollateralIncome(params, borrower, borrower);
        assertEq(paid, pending);
        assertEq(pusd.balanceOf(borrower), paid);
        assertEq(lens.pendingIncome(params, borrower), 0);
    }

    function test_income_lastMomentCollateralCapturesOnlyItsTime() public {
        _supplyCollateral(borrower, 2000e18);
        _depositIncome(30_000e18);
        skip(15 days);
        _setNav(NAV);
        // the sniper posts collateral right before a new distribution and leaves an hour later
        _supplyCollateral(sniper, 10_000e18);
        _depositIncome(30_000e18);
        (uint256 rate,,) = rwa.incomeStream();
        skip(1 hours);
        vm.prank(sniper);
        hub.withdrawCollateral(params, 10_000e18, sniper, sniper);
        uint256 pending = lens.pendingIncome(params, sniper);
        // exactly its pro-rata share of one hour of the stream (supply: 8,000 + 2,000 + 10,000)
        uint256 expected = rate * 1 hours * 10_000e18 / 20_000e18 / 1e18;
        assertApproxEqAbs(pending, expected, 2);
        // ... and nothing of what streamed before it arrived
        uint256 beforeArrival = uint256(30_000e18) / 2 * 10_000e18 / 20_000e18;
        assertLt(pending, beforeArrival / 100);
    }

    function test_income_collateralChangesSettleAtEachStep() public {
        _depositIncome(30_000e18);
        _supplyCollateral(borrower, 1000e18);
        skip(5 days);
        _supplyCollateral(borrower, 1000e18);
        skip(5 days);
        vm.prank(borrower);
        hub.withdrawCollateral(params, 1500e18, borrower, borrower);
        skip(5 days);
        // what the borrower would have earned holding the same shares itself: 1,000 then 2,000 shares, then 2,000
        // again (500 in the hub, 1,500 in its wallet, where the share pays it directly)
        uint256 expected = _model(1000e18, 5 days) + _model(2000e18, 5 days) + _model(2000e18, 5 days);
        assertApproxEqAbs(lens.pendingIncome(params, borrower) + rwa.claimableIncome(borrower), expected, 1e9);
    }

    // ============================================================================================ claim

    function test_claimCollateralIncome_byAuthorizedToReceiver() public {
        _supplyCollateral(borrower, 2000e18);
        _depositIncome(30_000e18);
        skip(3 days);
        vm.prank(borrower);
        hub.setAuthorization(stranger, true);
        vm.prank(stranger);
        uint256 paid = hub.claimCollateralIncome(params, borrower, stranger);
        assertGt(paid, 0);
        assertEq(pusd.balanceOf(stranger), paid);
    }

    function test_claimCollateralIncome_returnsZeroWhenNothing() public {
        _supplyCollateral(borrower, 2000e18);
        vm.prank(borrower);
        assertEq(hub.claimCollateralIncome(params, borrower, borrower), 0);
    }

    function test_claimCollateralIncome_reverts() public {
        vm.prank(borrower);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.claimCollateralIncome(params, borrower, address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.Unauthorized.selector, stranger, borrower));
        hub.claimCollateralIncome(params, borrower, stranger);
        MarketParams memory plain = _plainCollateralMarket();
        Id plainId = Id.wrap(keccak256(abi.encode(plain)));
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotIncomeBearing.selector, plainId));
        hub.claimCollateralIncome(plain, borrower, borrower);
    }

    // ============================================================================================ auto-repay

    function test_setAutoRepay() public {
        vm.expectEmit(address(hub));
        emit LendingEvents.AutoRepaySet(id, borrower, true);
        vm.prank(borrower);
        hub.setAutoRepay(params, borrower, true);
        (,, bool autoRepay) = hub.income(id, borrower);
        assertTrue(autoRepay);
    }

    function test_setAutoRepay_reverts() public {
        vm.prank(borrower);
        hub.setAutoRepay(params, borrower, true);
        vm.prank(borrower);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setAutoRepay(params, borrower, true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.Unauthorized.selector, stranger, borrower));
        hub.setAutoRepay(params, borrower, false);
        MarketParams memory plain = _plainCollateralMarket();
        vm.prank(borrower);
        vm.expectRevert(
            abi.encodeWithSelector(LendingErrors.AutoRepayUnavailable.selector, Id.wrap(keccak256(abi.encode(plain))))
        );
        hub.setAutoRepay(plain, borrower, true);
        // income paid in pUSD cannot repay a loan in another token
        MarketParams memory other = params;
        other.loanToken = address(new TestERC20("Other", "OTH", 18));
        hub.createMarket(other);
        vm.prank(borrower);
        vm.expectRevert(
            abi.encodeWithSelector(LendingErrors.AutoRepayUnavailable.selector, Id.wrap(keccak256(abi.encode(other))))
        );
        hub.setAutoRepay(other, borrower, true);
    }

    function test_autoRepay_rentRepaysTheLoan_viaKeeper() public {
        _supplyCollateral(borrower, 2000e18);
        _borrow(borrower, 1000e18);
        vm.prank(borrower);
        hub.setAutoRepay(params, borrower, true);
        _depositIncome(3000e18); // ~200 pUSD of rent for this borrower over 10 days: less than its debt
        skip(10 days);
        _setNav(NAV);
        uint256 debtBefore = lens.expectedBorrowAssets(params, borrower);
        uint256 income = lens.pendingIncome(params, borrower);
        assertGt(income, 0);
        vm.prank(stranger); // anyone (a keeper) may apply it
        uint256 repaid = hub.applyIncome(params, borrower);
        assertEq(repaid, income);
        assertApproxEqAbs(lens.expectedBorrowAssets(params, borrower), debtBefore - income, 1);
        (, uint120 owed,) = hub.income(id, borrower);
        assertEq(owed, 0);
    }

    function test_autoRepay_claimRepaysDebtThenPaysTheRest() public {
        _supplyCollateral(borrower, 2000e18);
        _borrow(borrower, 100e18);
        vm.prank(borrower);
        hub.setAutoRepay(params, borrower, true);
        _depositIncome(30_000e18);
        skip(20 days); // income ≫ the 100 pUSD debt
        _setNav(NAV);
        uint256 income = lens.pendingIncome(params, borrower);
        uint256 debt = lens.expectedBorrowAssets(params, borrower);
        assertGt(income, debt);
        vm.prank(borrower);
        uint256 paid = hub.claimCollateralIncome(params, borrower, borrower);
        assertEq(_borrowShares(borrower), 0, "the loan is repaid by the rent");
        assertEq(paid, income - debt);
    }

    function test_applyIncome_zeroWithoutAutoRepay() public {
        _supplyCollateral(borrower, 2000e18);
        _borrow(borrower, 100e18);
        _depositIncome(30_000e18);
        skip(1 days);
        assertEq(hub.applyIncome(params, borrower), 0);
        assertEq(_borrowShares(borrower), 100e24);
    }

    // ============================================================================================ liquidation

    function test_liquidation_payoutBorrowerKeepsItsIncome() public {
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 800e18);
        _depositIncome(30_000e18);
        skip(5 days);
        _setNav(0.9e18);
        uint256 income = lens.pendingIncome(params, borrower);
        _pusdTo(liquidator, 10_000e18);
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 0, 800e24, liquidator);
        (, uint120 owed,) = hub.income(id, borrower);
        assertEq(owed, income, "settled to the borrower, not seized");
        vm.prank(borrower);
        assertEq(hub.claimCollateralIncome(params, borrower, borrower), income);
    }

    function test_liquidation_autoRepayIncomeAppliedFirst() public {
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 800e18);
        vm.prank(borrower);
        hub.setAutoRepay(params, borrower, true);
        _depositIncome(300_000e18); // generous rent
        skip(5 days);
        _setNav(0.95e18);
        _setNav(0.9e18);
        // unhealthy on its own (800 > 0.8 × 900) but the rent owed pays part of the loan first
        assertGt(lens.pendingIncome(params, borrower), 800e18 - 720e18);
        _pusdTo(liquidator, 10_000e18);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, id, borrower));
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
    }

    // ============================================================================================ adversarial

    function test_lyingCollateralToken_cannotDrainTheHub() public {
        LyingIncomeToken liar = new LyingIncomeToken(address(pusd));
        FixedPriceOracle oracle = new FixedPriceOracle(1e36);
        vm.prank(admin);
        hub.setOracleEnabled(address(oracle), true);
        MarketParams memory p = params;
        p.collateralToken = address(liar);
        p.oracle = address(oracle);
        p.policyId = bytes32(0);
        hub.createMarket(p);
        liar.mint(stranger, 1000e18);
        vm.startPrank(stranger);
        liar.approve(address(hub), type(uint256).max);
        hub.supplyCollateral(p, 1000e18, stranger);
        vm.stopPrank();
        liar.setIncomePerShare(1e40); // claims a fortune per share
        uint256 hubBalance = pusd.balanceOf(address(hub));
        vm.prank(stranger);
        vm.expectPartialRevert(LendingErrors.IncomeShortfall.selector);
        hub.claimCollateralIncome(p, stranger, stranger);
        assertEq(pusd.balanceOf(address(hub)), hubBalance, "lenders' pUSD untouched");
    }

    /// @dev Several borrowers move collateral at random times while income streams; what the hub owes them (paid,
    /// owed, pending) never exceeds what it received plus what it can claim, and falls short of it by at most one
    /// wei per settlement.
    function testFuzz_attributedIncomeEqualsReceived(uint256 seed) public {
        address[3] memory who = [borrower, sniper, liquidator];
        _depositIncome(30_000e18);
        uint256 settlements;
        for (uint256 step; step < 12; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            address a = who[seed % 3];
            uint256 amount = 1e18 + (seed >> 8) % 5000e18;
            skip((seed >> 80) % 3 days);
            if ((seed >> 160) % 3 == 0 && _collateral(a) >= amount) {
                vm.prank(a);
                hub.withdrawCollateral(params, amount, a, a);
            } else if ((seed >> 160) % 3 == 1) {
                vm.prank(a);
                hub.claimCollateralIncome(params, a, a);
            } else {
                _supplyCollateral(a, amount);
            }
            ++settlements;
            if (step == 6) _depositIncome(10_000e18);
        }
        uint256 attributed;
        for (uint256 i; i < 3; ++i) {
            attributed += pusd.balanceOf(who[i]) + lens.pendingIncome(params, who[i]);
        }
        (, uint96 cash) = hub.incomeAccount(address(rwa));
        uint256 received = rwa.incomeClaimed(address(hub)) + rwa.claimableIncome(address(hub));
        assertLe(attributed, received, "never more than received");
        assertGe(attributed + settlements * 3 + 3, received, "short only by rounding dust");
        // the cash the hub holds for this token is exactly what it claimed minus what it paid
        uint256 paid;
        for (uint256 i; i < 3; ++i) {
            paid += pusd.balanceOf(who[i]);
        }
        assertEq(cash, rwa.incomeClaimed(address(hub)) - paid);
    }

    // ============================================================================================ helpers

    /// @dev Income a holder of `balance` shares earns over `duration` of the first 30,000-pUSD stream, with the
    /// 8,000 shares of the direct holder plus `balance` in circulation.
    function _model(uint256 balance, uint256 duration) internal view returns (uint256) {
        (uint256 rate,,) = rwa.incomeStream();
        return rate * duration * balance / (8000e18 + balance) / 1e18;
    }

    function _plainCollateralMarket() internal returns (MarketParams memory p) {
        p = params;
        p.collateralToken = address(new TestERC20("Plain", "PLN", 18));
        hub.createMarket(p);
    }
}

/// @notice A collateral token that claims income it never pays: `incomePerShare` is whatever it is told, and
/// `claimIncome` reports a fortune without transferring anything.
contract LyingIncomeToken is TestERC20 {
    address public incomeToken;
    uint256 public incomePerShare;

    constructor(address incomeToken_) TestERC20("Liar", "LIE", 18) {
        incomeToken = incomeToken_;
    }

    function INCOME_PRECISION() external pure returns (uint256) {
        return 1e30;
    }

    function setIncomePerShare(uint256 value) external {
        incomePerShare = value;
    }

    function claimIncome(address) external pure returns (uint256) {
        return 1e30;
    }
}
