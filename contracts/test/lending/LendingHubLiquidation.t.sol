// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {LendingEvents} from "../../src/lending/libraries/LendingEvents.sol";
import {LendingMath} from "../../src/lending/libraries/LendingMath.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {RwaErrors} from "../../src/rwa/libraries/RwaErrors.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice Liquidations: the incentive formula, partial and full liquidations, bad debt, the minimum-leftover rule
/// (no dust position is ever left), the receiver's compliance, and the "healthy never / unhealthy always" property.
contract LendingHubLiquidationTest is LendingBase {
    using LendingMath for uint256;

    function setUp() public override {
        super.setUp();
        _supply(lender, 100_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 800e18); // exactly at the 80% LLTV
        _pusdTo(liquidator, 1_000_000e18);
    }

    // ============================================================================================ incentive

    function test_liquidationIncentiveFactor_values() public pure {
        // 1 / (1 - 0.3 * 0.2) = 1 / 0.94
        assertEq(LendingMath.liquidationIncentiveFactor(0.8e18), uint256(1e36) / 0.94e18);
        // 1 / (1 - 0.3 * 0.055) = 1 / 0.9835
        assertEq(LendingMath.liquidationIncentiveFactor(0.945e18), uint256(1e36) / 0.9835e18);
        // 1 / (1 - 0.3 * 0.5) = 1.176..., capped at 1.15
        assertEq(LendingMath.liquidationIncentiveFactor(0.5e18), 1.15e18);
        assertEq(LendingMath.liquidationIncentiveFactor(0), 1.15e18);
    }

    function testFuzz_liquidationIncentiveFactor_decreasingCappedAndSafe(uint256 a, uint256 b) public pure {
        a = bound(a, 0, 1e18 - 1);
        b = bound(b, a, 1e18 - 1);
        uint256 lifA = LendingMath.liquidationIncentiveFactor(a);
        uint256 lifB = LendingMath.liquidationIncentiveFactor(b);
        assertGe(lifA, lifB, "grows as the LLTV falls");
        assertLe(lifA, 1.15e18);
        assertGe(lifB, 1e18);
        // LLTV × LIF < 1: a position just past its LLTV always has enough collateral to pay the incentive
        assertLt(b.wMulDown(lifB), 1e18);
    }

    // ============================================================================================ partial and full

    function test_liquidate_partial_bySeizedAssets() public {
        _setNav(0.9e18); // LTV 800/900 = 88.9% > 80%
        uint256 price = 0.9e36;
        uint256 lif = LendingMath.liquidationIncentiveFactor(LLTV);
        (,, uint256 ba, uint256 bs) = _totals();
        uint256 seized = 200e18;
        uint256 repaidShares =
            (seized * price / 1e36 + (seized * price % 1e36 == 0 ? 0 : 1)).wDivUp(lif).toSharesUp(ba, bs);
        uint256 repaidAssets = repaidShares.toAssetsUp(ba, bs);
        vm.expectEmit(address(hub));
        emit LendingEvents.Liquidate(id, liquidator, borrower, liquidator, repaidAssets, repaidShares, seized, 0, 0);
        vm.prank(liquidator);
        (uint256 s, uint256 r) = hub.liquidate(params, borrower, seized, 0, liquidator);
        assertEq(s, seized);
        assertEq(r, repaidAssets);
        assertEq(rwa.balanceOf(liquidator), seized);
        assertEq(_collateral(borrower), 800e18);
        assertEq(_borrowShares(borrower), 800e24 - repaidShares);
        // the liquidator paid less than the collateral is worth: the incentive
        assertLt(repaidAssets, seized * 9 / 10);
        assertApproxEqAbs(repaidAssets * lif / 1e18, seized * 9 / 10, 1e6);
    }

    function test_liquidate_partial_byRepaidShares() public {
        _setNav(0.9e18);
        uint256 lif = LendingMath.liquidationIncentiveFactor(LLTV);
        (,, uint256 ba, uint256 bs) = _totals();
        uint256 repaidShares = 100e24;
        uint256 seized = repaidShares.toAssetsDown(ba, bs).wMulDown(lif) * 1e36 / 0.9e36;
        vm.prank(liquidator);
        (uint256 s, uint256 r) = hub.liquidate(params, borrower, 0, repaidShares, liquidator);
        assertEq(s, seized);
        assertEq(r, repaidShares.toAssetsUp(ba, bs));
        assertEq(_borrowShares(borrower), 700e24);
    }

    function test_liquidate_full_repayAllDebt_collateralLeftToBorrower() public {
        _setNav(0.9e18);
        vm.prank(liquidator);
        (uint256 seized,) = hub.liquidate(params, borrower, 0, 800e24, liquidator);
        assertEq(_borrowShares(borrower), 0);
        assertEq(_collateral(borrower), 1000e18 - seized);
        assertGt(_collateral(borrower), 0);
        vm.prank(borrower);
        hub.withdrawCollateral(params, 1000e18 - seized, borrower, borrower);
    }

    function test_liquidate_badDebt_realizedAndSharedByLenders() public {
        _setNav(0.5e18); // value 500 < debt 800
        (uint256 sa, uint256 ss, uint256 ba, uint256 bs) = _totals();
        uint256 lenderBefore = _supplyShares(lender).toAssetsDown(sa, ss);
        vm.prank(liquidator);
        (uint256 seized, uint256 repaid) = hub.liquidate(params, borrower, 1000e18, 0, liquidator);
        assertEq(seized, 1000e18);
        uint256 expectedRepaid =
            uint256(500e18).wDivUp(LendingMath.liquidationIncentiveFactor(LLTV)).toSharesUp(ba, bs).toAssetsUp(ba, bs);
        assertEq(repaid, expectedRepaid);
        assertEq(_collateral(borrower), 0);
        assertEq(_borrowShares(borrower), 0, "remaining debt written off");
        (uint256 sa2, uint256 ss2, uint256 ba2, uint256 bs2) = _totals();
        assertEq(ba2, 0);
        assertEq(bs2, 0);
        uint256 badDebt = ba - repaid;
        assertEq(sa2, sa - badDebt, "lenders' assets fall by the bad debt at once");
        assertEq(ss2, ss);
        uint256 lenderAfter = _supplyShares(lender).toAssetsDown(sa2, ss2);
        assertApproxEqAbs(lenderBefore - lenderAfter, badDebt * _supplyShares(lender) / ss, 2);
    }

    function test_liquidate_byNonAllowedLiquidatorToAllowedReceiver() public {
        _setNav(0.9e18);
        _pusdTo(stranger, 1000e18);
        vm.prank(stranger);
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
        assertEq(rwa.balanceOf(liquidator), 100e18);
    }

    function test_liquidate_worksWhilePausedAndFrozen() public {
        _setNav(0.9e18);
        vm.startPrank(guardian);
        hub.setPaused(id, true);
        hub.setFrozen(id, true);
        vm.stopPrank();
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
    }

    // ============================================================================================ reverts

    function test_liquidate_reverts_inputs() public {
        _setNav(0.9e18);
        vm.startPrank(liquidator);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.liquidate(params, borrower, 0, 0, liquidator);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.liquidate(params, borrower, 1, 1, liquidator);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.liquidate(params, borrower, 1, 0, address(0));
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(
            abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, Id.wrap(keccak256(abi.encode(other))))
        );
        hub.liquidate(other, borrower, 1, 0, liquidator);
        vm.stopPrank();
    }

    function test_liquidate_reverts_healthy() public {
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, id, borrower));
        hub.liquidate(params, borrower, 1e18, 0, liquidator);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, id, lender));
        hub.liquidate(params, lender, 1e18, 0, liquidator);
    }

    function test_liquidate_reverts_receiverNotAllowed() public {
        _setNav(0.9e18);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotAllowed.selector, POLICY, stranger));
        hub.liquidate(params, borrower, 100e18, 0, stranger);
    }

    function test_liquidate_openMarket_permissionedCollateral_stillRefusedByToken() public {
        // an open market (no policy) on a permissioned share: the share itself refuses a non-allowed receiver
        MarketParams memory p = params;
        p.policyId = bytes32(0);
        hub.createMarket(p);
        _pusdTo(lender, 10_000e18);
        vm.prank(lender);
        hub.supply(p, 10_000e18, 0, lender);
        _rwaTo(borrower, 1000e18);
        vm.startPrank(borrower);
        hub.supplyCollateral(p, 1000e18, borrower);
        hub.borrow(p, 800e18, 0, borrower, borrower);
        vm.stopPrank();
        _setNav(0.9e18);
        _pusdTo(stranger, 1000e18);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.NotAllowed.selector, POLICY, stranger));
        hub.liquidate(p, borrower, 100e18, 0, stranger);
    }

    function test_liquidate_reverts_priceUnavailable() public {
        _setNav(0.9e18);
        uint256 updatedAt = block.timestamp;
        skip(1 days + 1);
        vm.prank(liquidator);
        vm.expectRevert(
            abi.encodeWithSelector(
                LendingErrors.PriceUnavailable.selector,
                id,
                address(adapter),
                abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, feedId, updatedAt, 1 days)
            )
        );
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
    }

    function test_liquidate_reverts_dustLeft() public {
        _setNav(0.9e18);
        // repaying all but 50 pUSD of debt would leave a position too small to liquidate profitably later
        (,, uint256 ba, uint256 bs) = _totals();
        uint256 keepShares = uint256(50e18).toSharesDown(ba, bs);
        uint256 repaidShares = 800e24 - keepShares;
        vm.prank(liquidator);
        vm.expectPartialRevert(LendingErrors.DustLeft.selector);
        hub.liquidate(params, borrower, 0, repaidShares, liquidator);
        // the full liquidation (repay all the debt) is always available
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 0, 800e24, liquidator);
        assertEq(_borrowShares(borrower), 0);
    }

    function test_liquidate_reverts_dustCollateralLeft() public {
        _setNav(0.7e18); // collateral worth 700 < debt 800
        // seizing 900 leaves debt but only 70 pUSD of collateral: never profitable to liquidate later
        vm.prank(liquidator);
        vm.expectRevert(
            abi.encodeWithSelector(
                LendingErrors.DustLeft.selector, id, _debtAfterSeizing(900e18, 0.7e36), 70e18, MIN_LEFTOVER
            )
        );
        hub.liquidate(params, borrower, 900e18, 0, liquidator);
        // seizing everything is always available (the rest of the debt is written off)
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 1000e18, 0, liquidator);
        assertEq(_collateral(borrower), 0);
        assertEq(_borrowShares(borrower), 0);
    }

    // ============================================================================================ properties

    /// @dev For any position and any price: healthy ⇒ every liquidation reverts with `HealthyPosition`; unhealthy ⇒
    /// at least one full liquidation (repay all debt, or seize all collateral) succeeds; and every liquidation that
    /// succeeds leaves no debt, no collateral, or both at or above the minimum leftover.
    function testFuzz_liquidatableIffUnhealthy_andNoDust(
        uint256 collateral,
        uint256 borrowed,
        uint256 priceBps,
        uint256 seizeBps,
        bool bySeized
    ) public {
        collateral = bound(collateral, 200e18, 1_000_000e18);
        borrowed = bound(borrowed, MIN_LEFTOVER, collateral * 8 / 10);
        seizeBps = bound(seizeBps, 1, 10_000);
        Case memory c = _openCase(collateral, borrowed, bound(priceBps, 1, 20_000));

        if (c.healthy) {
            vm.prank(liquidator);
            vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, c.id, borrower));
            hub.liquidate(c.p, borrower, c.collateral, 0, liquidator);
            vm.prank(liquidator);
            vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, c.id, borrower));
            hub.liquidate(c.p, borrower, 0, c.debtShares, liquidator);
            return;
        }
        uint256 snap = vm.snapshotState();
        bool okRepayAll = _tryLiquidate(c, 0, c.debtShares);
        vm.revertToState(snap);
        bool okSeizeAll = _tryLiquidate(c, c.collateral, 0);
        assertTrue(okRepayAll || okSeizeAll, "an unhealthy position can always be liquidated in full");
        vm.revertToState(snap);
        if (bySeized) _tryLiquidate(c, _max1(c.collateral * seizeBps / 10_000), 0);
        else _tryLiquidate(c, 0, _max1(c.debtShares * seizeBps / 10_000));
    }

    struct Case {
        MarketParams p;
        Id id;
        uint256 price;
        uint256 collateral;
        uint256 debtShares;
        bool healthy;
    }

    /// @dev A position in a fixed-price market, moved to `priceBps` of its opening price a day later.
    function _openCase(uint256 collateral, uint256 borrowed, uint256 priceBps) internal returns (Case memory c) {
        FixedPriceOracle oracle;
        (c.p, oracle) = _fixedPriceMarket(1e36);
        c.id = Id.wrap(keccak256(abi.encode(c.p)));
        _pusdTo(lender, 2_000_000e18);
        vm.prank(lender);
        hub.supply(c.p, 2_000_000e18, 0, lender);
        _rwaTo(borrower, collateral);
        vm.startPrank(borrower);
        hub.supplyCollateral(c.p, collateral, borrower);
        hub.borrow(c.p, borrowed, 0, borrower, borrower);
        vm.stopPrank();
        c.price = uint256(1e36) * priceBps / 10_000;
        oracle.setPrice(c.price);
        skip(1 days);
        hub.accrueInterest(c.p);
        (,, c.debtShares, c.collateral) = _position(c.id, borrower);
        (,, uint256 ba, uint256 bs) = _marketTotals(c.id);
        c.healthy = c.collateral.mulDivDown(c.price, 1e36).wMulDown(LLTV) >= c.debtShares.toAssetsUp(ba, bs);
    }

    /// @dev Tries a liquidation; when it succeeds, checks that it left no dust.
    function _tryLiquidate(Case memory c, uint256 seized, uint256 repaidShares) internal returns (bool ok) {
        vm.prank(liquidator);
        (ok,) = address(hub).call(abi.encodeCall(hub.liquidate, (c.p, borrower, seized, repaidShares, liquidator)));
        if (ok) _assertNoDust(c.id, c.price);
    }

    function testFuzz_liquidatorNeverPaysMoreThanSeizedValue(uint256 seizeBps, uint256 priceBps) public {
        seizeBps = bound(seizeBps, 1, 10_000);
        priceBps = bound(priceBps, 5000, 9900);
        (MarketParams memory p, FixedPriceOracle oracle) = _fixedPriceMarket(1e36);
        _pusdTo(lender, 100_000e18);
        vm.prank(lender);
        hub.supply(p, 100_000e18, 0, lender);
        _rwaTo(borrower, 10_000e18);
        vm.startPrank(borrower);
        hub.supplyCollateral(p, 10_000e18, borrower);
        hub.borrow(p, 8000e18, 0, borrower, borrower);
        vm.stopPrank();
        uint256 price = uint256(1e36) * priceBps / 10_000;
        oracle.setPrice(price);
        vm.prank(liquidator);
        (bool ok, bytes memory ret) = address(hub)
            .call(abi.encodeCall(hub.liquidate, (p, borrower, _max1(10_000e18 * seizeBps / 10_000), 0, liquidator)));
        if (!ok) return;
        (uint256 seized, uint256 repaid) = abi.decode(ret, (uint256, uint256));
        assertLe(repaid, seized.mulDivUp(price, 1e36), "the liquidator's repayment is below the seized value");
    }

    // ============================================================================================ helpers

    function _assertNoDust(Id pid, uint256 price) internal view {
        (,, uint256 debtShares, uint256 coll) = _position(pid, borrower);
        if (debtShares == 0 || coll == 0) {
            if (coll == 0) assertEq(debtShares, 0, "no collateral: the debt was written off");
            return;
        }
        (,, uint256 ba, uint256 bs) = _marketTotals(pid);
        assertGe(debtShares.toAssetsUp(ba, bs), MIN_LEFTOVER, "debt left above the minimum");
        assertGe(coll.mulDivDown(price, 1e36), MIN_LEFTOVER, "collateral value left above the minimum");
    }

    function _position(Id pid, address who) internal view returns (uint256, uint256, uint256, uint256) {
        (uint256 s, uint128 b, uint128 c) = hub.position(pid, who);
        return (s, 0, b, c);
    }

    function _marketTotals(Id pid) internal view returns (uint256, uint256, uint256, uint256) {
        (uint128 sa, uint128 ss, uint128 ba, uint128 bs,,,,,) = hub.market(pid);
        return (sa, ss, ba, bs);
    }

    function _debtAfterSeizing(uint256 seized, uint256 price) internal view returns (uint256) {
        (,, uint256 ba, uint256 bs) = _totals();
        uint256 repaidShares =
            seized.mulDivUp(price, 1e36).wDivUp(LendingMath.liquidationIncentiveFactor(LLTV)).toSharesUp(ba, bs);
        uint256 repaidAssets = repaidShares.toAssetsUp(ba, bs);
        return (800e24 - repaidShares).toAssetsUp(ba - repaidAssets, bs - repaidShares);
    }

    function _max1(uint256 x) internal pure returns (uint256) {
        return x == 0 ? 1 : x;
    }
}
