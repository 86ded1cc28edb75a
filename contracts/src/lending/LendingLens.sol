// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILendingHub, Id, MarketParams} from "../interfaces/ILendingHub.sol";
import {IOracle} from "../interfaces/IOracle.sol";
import {IRateModel} from "../interfaces/IRateModel.sol";
import {IRwaShareToken} from "../interfaces/IRwaShareToken.sol";
import {LendingHubLib} from "./libraries/LendingHubLib.sol";
import {LendingMath} from "./libraries/LendingMath.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title LendingLens
/// @notice Read-only periphery of a LendingHub for dApps and the SDK: balances with interest accrued to now, health,
/// borrowing power, liquidation price, incentive, pending collateral income and rates. Stateless; the hub itself
/// keeps only what its own operations need (the EIP-170 size limit).
/// @dev Every number is computed with the hub's own rounding (see `LendingMath`), so what the lens shows is what the
/// next transaction will see at the same block.
contract LendingLens {
    using LendingMath for uint256;

    /// @notice The hub this lens reads.
    ILendingHub public immutable hub;

    /// @notice One account's position in one market, valued now.
    /// @param supplyAssets Loan assets its supply is worth (down).
    /// @param borrowAssets Its debt (up).
    /// @param collateral Collateral held.
    /// @param incomeOwed Collateral income it would be owed if settled now.
    /// @param autoRepay Whether income repays its debt.
    struct PositionView {
        uint256 supplyAssets;
        uint256 borrowAssets;
        uint256 collateral;
        uint256 incomeOwed;
        bool autoRepay;
    }

    /// @param hub_ The LendingHub.
    constructor(ILendingHub hub_) {
        hub = hub_;
    }

    /// @notice The id of a market with these parameters.
    function marketId(MarketParams calldata params) external pure returns (Id) {
        return LendingHubLib.id(params);
    }

    /// @notice Market totals with interest accrued to now.
    function expectedMarketBalances(MarketParams calldata params)
        external
        view
        returns (
            uint256 totalSupplyAssets,
            uint256 totalSupplyShares,
            uint256 totalBorrowAssets,
            uint256 totalBorrowShares
        )
    {
        return LendingHubLib.expectedMarketBalances(hub, params);
    }

    /// @notice What `account`'s supply is worth now (rounded down).
    function expectedSupplyAssets(MarketParams calldata params, address account) external view returns (uint256) {
        return LendingHubLib.expectedSupplyAssets(hub, params, account);
    }

    /// @notice `account`'s debt now (rounded up).
    function expectedBorrowAssets(MarketParams calldata params, address account) public view returns (uint256) {
        return LendingHubLib.expectedBorrowAssets(hub, params, account);
    }

    /// @notice Loan assets the market can lend or return to lenders now: `totalSupplyAssets − totalBorrowAssets`.
    function liquidity(MarketParams calldata params) external view returns (uint256) {
        (uint256 supplyAssets,, uint256 borrowAssets,) = LendingHubLib.expectedMarketBalances(hub, params);
        return supplyAssets - borrowAssets;
    }

    /// @notice `account`'s position valued now.
    function positionOf(MarketParams calldata params, address account) external view returns (PositionView memory p) {
        (uint256 supplyShares, uint256 borrowShares, uint256 collateral) =
            hub.position(LendingHubLib.id(params), account);
        (uint256 tsa, uint256 tss, uint256 tba, uint256 tbs) = LendingHubLib.expectedMarketBalances(hub, params);
        p.supplyAssets = supplyShares.toAssetsDown(tsa, tss);
        p.borrowAssets = borrowShares.toAssetsUp(tba, tbs);
        p.collateral = collateral;
        p.incomeOwed = pendingIncome(params, account);
        (,, p.autoRepay) = hub.income(LendingHubLib.id(params), account);
    }

    /// @notice Largest debt `collateral` supports at `price`: `collateral × price / 1e36 (down) × lltv / 1e18 (down)`.
    function maxDebt(uint256 collateral, uint256 price, uint256 lltv) public pure returns (uint256) {
        return collateral.mulDivDown(price, LendingMath.ORACLE_PRICE_SCALE).wMulDown(lltv);
    }

    /// @notice `maxDebt / debt` (WAD) at the oracle's price; `type(uint256).max` without debt. Below 1e18 the
    /// position is liquidatable. Reverts with the oracle's error when it cannot price.
    function healthFactor(MarketParams calldata params, address account) external view returns (uint256) {
        uint256 debt = expectedBorrowAssets(params, account);
        if (debt == 0) return type(uint256).max;
        (,, uint256 collateral) = hub.position(LendingHubLib.id(params), account);
        return maxDebt(collateral, IOracle(params.oracle).price(), params.lltv).wDivDown(debt);
    }

    /// @notice How much more `account` could borrow now: `maxDebt − debt` (0 if negative). Borrowing exactly this
    /// may fail by a wei or two of share rounding; leave a margin.
    function borrowingPower(MarketParams calldata params, address account) external view returns (uint256) {
        uint256 debt = expectedBorrowAssets(params, account);
        (,, uint256 collateral) = hub.position(LendingHubLib.id(params), account);
        return maxDebt(collateral, IOracle(params.oracle).price(), params.lltv).zeroFloorSub(debt);
    }

    /// @notice The oracle price (1e36 scale) below which `account` becomes liquidatable:
    /// `ceil(debt × 1e54 / (collateral × lltv))`; 0 without debt, `type(uint256).max` without collateral.
    function liquidationPrice(MarketParams calldata params, address account) external view returns (uint256) {
        uint256 debt = expectedBorrowAssets(params, account);
        if (debt == 0) return 0;
        (,, uint256 collateral) = hub.position(LendingHubLib.id(params), account);
        if (collateral == 0) return type(uint256).max;
        return Math.mulDiv(
            debt, LendingMath.ORACLE_PRICE_SCALE * LendingMath.WAD, collateral * params.lltv, Math.Rounding.Ceil
        );
    }

    /// @notice Liquidation incentive factor (WAD): `min(1.15, 1 / (1 − 0.3 × (1 − lltv)))`.
    function liquidationIncentiveFactor(uint256 lltv) external pure returns (uint256) {
        return LendingMath.liquidationIncentiveFactor(lltv);
    }

    /// @notice Collateral income `account` would be owed if its income were settled now.
    function pendingIncome(MarketParams calldata params, address account) public view returns (uint256) {
        Id id = LendingHubLib.id(params);
        (,,,,,, uint8 flags,,) = hub.market(id);
        (uint128 checkpoint, uint120 owed,) = hub.income(id, account);
        if (flags & 4 == 0) return owed;
        (,, uint256 collateral) = hub.position(id, account);
        uint256 delta;
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast)
            delta = uint128(uint128(IRwaShareToken(params.collateralToken).incomePerShare()) - checkpoint);
        }
        return owed + collateral * delta / 1e30;
    }

    /// @notice Utilization (WAD), borrow rate per second (WAD) and the borrow and supply APYs (WAD,
    /// `e^(rate × 365 days) − 1`; the supply rate is `borrowRate × utilization × (1 − reserveFactor)`) now.
    function rates(MarketParams calldata params)
        external
        view
        returns (uint256 utilization, uint256 borrowRate, uint256 borrowAPY, uint256 supplyAPY)
    {
        (uint256 supplyAssets,, uint256 borrowAssets,) = LendingHubLib.expectedMarketBalances(hub, params);
        (,,,,, uint16 reserveFactor,,,) = hub.market(LendingHubLib.id(params));
        if (supplyAssets != 0) {
            utilization = borrowAssets >= supplyAssets ? LendingMath.WAD : borrowAssets.wDivDown(supplyAssets);
        }
        borrowRate = IRateModel(params.rateModel).borrowRate(supplyAssets, borrowAssets);
        borrowAPY = LendingMath.wExpm1(borrowRate * 365 days);
        uint256 supplyRate = borrowRate.wMulDown(utilization) * (10_000 - reserveFactor) / 10_000;
        supplyAPY = LendingMath.wExpm1(supplyRate * 365 days);
    }
}
