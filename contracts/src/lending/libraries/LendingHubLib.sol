// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILendingHub, Id, MarketParams} from "../../interfaces/ILendingHub.sol";
import {IRateModel} from "../../interfaces/IRateModel.sol";
import {LendingMath} from "./LendingMath.sol";

/// @title LendingHubLib
/// @notice Reads of a LendingHub with interest accrued up to now, computed exactly as the hub's next accrual would
/// (for integrators such as the SavingsVault and the LendingLens).
library LendingHubLib {
    using LendingMath for uint256;

    /// @dev Bps denominator of the reserve factor.
    uint256 internal constant BPS = 10_000;

    /// @notice The id of a market: `keccak256(abi.encode(params))`.
    function id(MarketParams memory params) internal pure returns (Id) {
        return Id.wrap(keccak256(abi.encode(params)));
    }

    /// @notice Market totals with interest accrued up to now.
    function expectedMarketBalances(ILendingHub hub, MarketParams memory params)
        internal
        view
        returns (
            uint256 totalSupplyAssets,
            uint256 totalSupplyShares,
            uint256 totalBorrowAssets,
            uint256 totalBorrowShares
        )
    {
        return expectedMarketBalances(hub, id(params), params.rateModel);
    }

    /// @notice Market totals with interest accrued up to now, for market `marketId` whose rate model is `rateModel`.
    function expectedMarketBalances(ILendingHub hub, Id marketId, address rateModel)
        internal
        view
        returns (
            uint256 totalSupplyAssets,
            uint256 totalSupplyShares,
            uint256 totalBorrowAssets,
            uint256 totalBorrowShares
        )
    {
        (totalSupplyAssets, totalSupplyShares, totalBorrowAssets, totalBorrowShares,) =
            expectedMarketState(hub, marketId, rateModel);
    }

    /// @notice Market totals with interest accrued up to now, and the market's flags (1 paused, 2 frozen, ...), from
    /// one read of the market.
    function expectedMarketState(ILendingHub hub, Id marketId, address rateModel)
        internal
        view
        returns (
            uint256 totalSupplyAssets,
            uint256 totalSupplyShares,
            uint256 totalBorrowAssets,
            uint256 totalBorrowShares,
            uint256 flags
        )
    {
        uint256 lastUpdate;
        uint256 reserveFactor;
        (
            totalSupplyAssets,
            totalSupplyShares,
            totalBorrowAssets,
            totalBorrowShares,
            lastUpdate,
            reserveFactor,
            flags,,
        ) = hub.market(marketId);
        uint256 elapsed = block.timestamp - lastUpdate;
        if (elapsed == 0 || lastUpdate == 0 || totalBorrowAssets == 0) {
            return (totalSupplyAssets, totalSupplyShares, totalBorrowAssets, totalBorrowShares, flags);
        }
        uint256 rate = IRateModel(rateModel).borrowRate(totalSupplyAssets, totalBorrowAssets);
        uint256 interest = totalBorrowAssets.wMulDown(LendingMath.wTaylorCompounded(rate, elapsed));
        if (interest == 0) {
            return (totalSupplyAssets, totalSupplyShares, totalBorrowAssets, totalBorrowShares, flags);
        }
        totalBorrowAssets += interest;
        totalSupplyAssets += interest;
        if (reserveFactor != 0) {
            uint256 fee = interest * reserveFactor / BPS;
            totalSupplyShares += fee.toSharesDown(totalSupplyAssets - fee, totalSupplyShares);
        }
    }

    /// @notice Loan assets `account`'s supply is worth now (rounded down, as a withdrawal by shares would pay).
    function expectedSupplyAssets(ILendingHub hub, MarketParams memory params, address account)
        internal
        view
        returns (uint256)
    {
        return expectedSupplyAssets(hub, id(params), params.rateModel, account);
    }

    /// @notice Same as above for market `marketId` whose rate model is `rateModel`.
    function expectedSupplyAssets(ILendingHub hub, Id marketId, address rateModel, address account)
        internal
        view
        returns (uint256)
    {
        (uint256 supplyShares,,) = hub.position(marketId, account);
        if (supplyShares == 0) return 0;
        (uint256 totalAssets, uint256 totalShares,,) = expectedMarketBalances(hub, marketId, rateModel);
        return supplyShares.toAssetsDown(totalAssets, totalShares);
    }

    /// @notice `account`'s debt now (rounded up, as a repayment by shares would cost).
    function expectedBorrowAssets(ILendingHub hub, MarketParams memory params, address account)
        internal
        view
        returns (uint256)
    {
        (, uint256 borrowShares,) = hub.position(id(params), account);
        if (borrowShares == 0) return 0;
        (,, uint256 totalAssets, uint256 totalShares) = expectedMarketBalances(hub, params);
        return borrowShares.toAssetsUp(totalAssets, totalShares);
    }
}
