// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRateModel
/// @notice The interest-rate model of a LendingHub market: a borrow rate per second from the market's totals.
/// @dev Rates are per second, scaled by 1e18 (WAD): `0.05e18 / 365 days` is a 5% APR. The hub calls `borrowRate`
/// at every accrual, so models must be cheap, deterministic and must never revert for totals the hub can hold.
interface IRateModel {
    /// @notice Borrow rate per second (WAD) for a market with these totals (assets, in loan-token base units).
    function borrowRate(uint256 totalSupplyAssets, uint256 totalBorrowAssets) external view returns (uint256);
}
