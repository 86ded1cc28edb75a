// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {LendingLens} from "../../src/lending/LendingLens.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {LendingMath} from "../../src/lending/libraries/LendingMath.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice The LendingLens shows what the next transaction will see: balances with interest to now, health, borrowing
/// power, liquidation price and rates.
contract LendingLensTest is LendingBase {
    using LendingMath for uint256;

    LendingLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new LendingLens(hub);
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 2000e18);
        _borrow(borrower, 1000e18);
        skip(90 days);
        _setNav(NAV);
    }

    function test_expectedBalances_matchTheNextAccrual() public {
        (uint256 sa, uint256 ss, uint256 ba, uint256 bs) = lens.expectedMarketBalances(params);
        uint256 supplied = lens.expectedSupplyAssets(params, lender);
        uint256 debt = lens.expectedBorrowAssets(params, borrower);
        uint256 liquidity = lens.liquidity(params);
        hub.accrueInterest(params);
        (uint256 sa2, uint256 ss2, uint256 ba2, uint256 bs2) = _totals();
        assertEq(sa, sa2);
        assertEq(ss, ss2);
        assertEq(ba, ba2);
        assertEq(bs, bs2);
        assertEq(supplied, _supplyShares(lender).toAssetsDown(sa2, ss2));
        assertEq(debt, _borrowShares(borrower).toAssetsUp(ba2, bs2));
        assertEq(liquidity, sa2 - ba2);
        assertEq(Id.unwrap(lens.marketId(params)), Id.unwrap(id));
    }

    function test_positionOf() public view {
        LendingLens.PositionView memory p = lens.positionOf(params, borrower);
        assertEq(p.collateral, 2000e18);
        assertEq(p.borrowAssets, lens.expectedBorrowAssets(params, borrower));
        assertEq(p.supplyAssets, 0);
        assertEq(p.incomeOwed, 0);
        assertFalse(p.autoRepay);
    }

    function test_healthFactorAndBorrowingPower() public {
        uint256 debt = lens.expectedBorrowAssets(params, borrower);
        assertEq(lens.healthFactor(params, borrower), uint256(1600e18).wDivDown(debt));
        assertEq(lens.healthFactor(params, lender), type(uint256).max);
        uint256 power = lens.borrowingPower(params, borrower);
        assertEq(power, 1600e18 - debt);
        // borrowing the power minus a margin for share rounding works; a bit more does not
        _borrow(borrower, power - 2);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientCollateral.selector, id, borrower));
        hub.borrow(params, 3, 0, borrower, borrower);
    }

    function test_liquidationPrice_isTheBoundary() public {
        (MarketParams memory p, FixedPriceOracle oracle) = _fixedPriceMarket(1e36);
        _pusdTo(lender, 10_000e18);
        vm.prank(lender);
        hub.supply(p, 10_000e18, 0, lender);
        _rwaTo(liquidator, 1000e18);
        vm.startPrank(liquidator);
        hub.supplyCollateral(p, 1000e18, liquidator);
        hub.borrow(p, 500e18, 0, liquidator, liquidator);
        vm.stopPrank();
        uint256 liqPrice = lens.liquidationPrice(p, liquidator);
        assertEq(liqPrice, uint256(500e18 * 1e36).mulDivUp(1e18, 1000e18 * LLTV));
        _pusdTo(borrower, 1000e18);
        oracle.setPrice(liqPrice);
        vm.prank(borrower);
        vm.expectPartialRevert(LendingErrors.HealthyPosition.selector);
        hub.liquidate(p, liquidator, 10e18, 0, borrower);
        oracle.setPrice(liqPrice - 1e18);
        vm.prank(borrower);
        hub.liquidate(p, liquidator, 10e18, 0, borrower);
        assertEq(lens.liquidationPrice(p, lender), 0, "no debt");
    }

    function test_healthFactor_revertsWhenPriceUnavailable() public {
        uint256 updatedAt = block.timestamp;
        skip(1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, feedId, updatedAt, 1 days));
        lens.healthFactor(params, borrower);
    }

    function test_liquidationIncentiveFactor() public view {
        assertEq(lens.liquidationIncentiveFactor(LLTV), LendingMath.liquidationIncentiveFactor(LLTV));
    }

    function test_rates() public view {
        (uint256 u, uint256 rate, uint256 borrowAPY, uint256 supplyAPY) = lens.rates(params);
        (uint256 sa,, uint256 ba,) = lens.expectedMarketBalances(params);
        assertEq(u, ba.wDivDown(sa));
        assertEq(rate, rateModel.borrowRateAt(u));
        assertEq(borrowAPY, rateModel.borrowAPY(u));
        assertEq(supplyAPY, rateModel.supplyAPY(u, RESERVE_FACTOR));
        assertLt(supplyAPY, borrowAPY);
    }
}
