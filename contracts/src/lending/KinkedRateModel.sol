// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRateModel} from "../interfaces/IRateModel.sol";
import {LendingErrors} from "./libraries/LendingErrors.sol";
import {LendingMath} from "./libraries/LendingMath.sol";

/// @title KinkedRateModel
/// @notice A two-slope ("kinked") borrow-rate curve: the rate grows slowly with utilization up to the kink and fast
/// above it, pushing utilization back below the kink.
/// @dev One deployment per parameter set, all parameters immutable (a rate read costs no storage access); the
/// LendingHub's owner enables deployed models and markets pick one. To change a market's curve, a new market is
/// created with another model (as in Morpho Blue: markets are immutable).
///
/// With `u = totalBorrowAssets × 1e18 / totalSupplyAssets` (down; 0 without supply; capped at 1e18):
/// `rate(u) = base + slope1 × u / kink` for `u ≤ kink`, and `base + slope1 + slope2 × (u − kink) / (1e18 − kink)`
/// above (each division rounded down). Rates are per second, scaled by 1e18 (`0.04e18 / 365 days` is 4% APR).
/// The supply rate of a market with reserve factor `rf` (bps) is `rate(u) × u / 1e18 × (10,000 − rf) / 10,000`.
/// APYs compound continuously over `365 days`: `APY = e^(rate × 365 days) − 1`.
contract KinkedRateModel is IRateModel {
    using LendingMath for uint256;

    /// @notice Seconds per year used by the APY views.
    uint256 public constant SECONDS_PER_YEAR = 365 days;
    /// @notice Highest borrow rate a model may reach (at 100% utilization): 1,000% APR per second.
    uint256 public constant MAX_BORROW_RATE = 10e18 / SECONDS_PER_YEAR;

    /// @notice Rate at 0% utilization (per second, WAD).
    uint256 public immutable baseRate;
    /// @notice Rate added between 0 and the kink (per second, WAD).
    uint256 public immutable slope1;
    /// @notice Utilization of the kink (WAD, strictly between 0 and 1).
    uint256 public immutable kink;
    /// @notice Rate added between the kink and 100% utilization (per second, WAD).
    uint256 public immutable slope2;

    /// @param baseRate_ Rate at 0% utilization (per second, WAD).
    /// @param slope1_ Rate added from 0 to the kink.
    /// @param kink_ Kink utilization (WAD), in (0, 1e18).
    /// @param slope2_ Rate added from the kink to 100%.
    constructor(uint256 baseRate_, uint256 slope1_, uint256 kink_, uint256 slope2_) {
        if (kink_ == 0 || kink_ >= LendingMath.WAD) revert LendingErrors.InvalidKink(kink_);
        uint256 maxRate = baseRate_ + slope1_ + slope2_;
        if (maxRate > MAX_BORROW_RATE) revert LendingErrors.RateTooHigh(maxRate);
        baseRate = baseRate_;
        slope1 = slope1_;
        kink = kink_;
        slope2 = slope2_;
    }

    /// @inheritdoc IRateModel
    function borrowRate(uint256 totalSupplyAssets, uint256 totalBorrowAssets) external view returns (uint256) {
        return borrowRateAt(utilization(totalSupplyAssets, totalBorrowAssets));
    }

    /// @notice Utilization of a market with these totals (WAD, rounded down, capped at 1e18; 0 without supply).
    function utilization(uint256 totalSupplyAssets, uint256 totalBorrowAssets) public pure returns (uint256) {
        if (totalSupplyAssets == 0) return 0;
        if (totalBorrowAssets >= totalSupplyAssets) return LendingMath.WAD;
        return totalBorrowAssets.wDivDown(totalSupplyAssets);
    }

    /// @notice Borrow rate per second (WAD) at utilization `u` (WAD; values above 1e18 count as 1e18).
    function borrowRateAt(uint256 u) public view returns (uint256) {
        if (u > LendingMath.WAD) u = LendingMath.WAD;
        uint256 k = kink;
        if (u <= k) return baseRate + slope1 * u / k;
        return baseRate + slope1 + slope2 * (u - k) / (LendingMath.WAD - k);
    }

    /// @notice Supply rate per second (WAD) at utilization `u` for a market with reserve factor `reserveFactor` (bps).
    function supplyRateAt(uint256 u, uint256 reserveFactor) public view returns (uint256) {
        if (u > LendingMath.WAD) u = LendingMath.WAD;
        return borrowRateAt(u).wMulDown(u) * (10_000 - reserveFactor) / 10_000;
    }

    /// @notice Borrow APY (WAD) at utilization `u`: `e^(rate × 365 days) − 1`.
    function borrowAPY(uint256 u) external view returns (uint256) {
        return LendingMath.wExpm1(borrowRateAt(u) * SECONDS_PER_YEAR);
    }

    /// @notice Supply APY (WAD) at utilization `u` with reserve factor `reserveFactor` (bps).
    function supplyAPY(uint256 u, uint256 reserveFactor) external view returns (uint256) {
        return LendingMath.wExpm1(supplyRateAt(u, reserveFactor) * SECONDS_PER_YEAR);
    }
}
