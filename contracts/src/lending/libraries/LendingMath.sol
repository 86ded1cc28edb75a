// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title LendingMath
/// @notice Fixed-point, share and interest math of the LendingHub, written so that an off-chain client can mirror it
/// bit for bit (every operation is an integer multiplication followed by one division, rounded as named).
library LendingMath {
    /// @dev 1.0 in fixed point.
    uint256 internal constant WAD = 1e18;
    /// @dev Scale of `IOracle.price()`.
    uint256 internal constant ORACLE_PRICE_SCALE = 1e36;
    /// @dev Virtual shares of every supply and borrow side (OpenZeppelin's inflation defence, as Morpho Blue).
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @dev Virtual assets of every supply and borrow side.
    uint256 internal constant VIRTUAL_ASSETS = 1;
    /// @dev Liquidation cursor β: the incentive factor is `1 / (1 - β (1 - lltv))`.
    uint256 internal constant LIQUIDATION_CURSOR = 0.3e18;
    /// @dev Cap of the liquidation incentive factor.
    uint256 internal constant MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15e18;

    /// @dev `x * y / d`, rounded down.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y) / d;
    }

    /// @dev `x * y / d`, rounded up.
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y + (d - 1)) / d;
    }

    /// @dev `x * y / WAD`, rounded down.
    function wMulDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * y) / WAD;
    }

    /// @dev `x * WAD / y`, rounded down.
    function wDivDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * WAD) / y;
    }

    /// @dev `x * WAD / y`, rounded up.
    function wDivUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * WAD + (y - 1)) / y;
    }

    /// @dev `e^(rate * elapsed) - 1` (WAD) by the first three terms of its Taylor series: `x + x²/2 + x³/6` with
    /// `x = rate * elapsed`, each term rounded down. Underestimates continuous compounding by less than `x⁴/24`
    /// (below 1e-5 relative for x ≤ 10% between two accruals).
    function wTaylorCompounded(uint256 rate, uint256 elapsed) internal pure returns (uint256) {
        uint256 first = rate * elapsed;
        uint256 second = (first * first) / (2 * WAD);
        uint256 third = (second * first) / (3 * WAD);
        return first + second + third;
    }

    /// @dev Assets → shares, rounded down.
    function toSharesDown(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return (assets * (totalShares + VIRTUAL_SHARES)) / (totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Assets → shares, rounded up.
    function toSharesUp(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        uint256 d = totalAssets + VIRTUAL_ASSETS;
        return (assets * (totalShares + VIRTUAL_SHARES) + (d - 1)) / d;
    }

    /// @dev Shares → assets, rounded down.
    function toAssetsDown(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return (shares * (totalAssets + VIRTUAL_ASSETS)) / (totalShares + VIRTUAL_SHARES);
    }

    /// @dev Shares → assets, rounded up.
    function toAssetsUp(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        uint256 d = totalShares + VIRTUAL_SHARES;
        return (shares * (totalAssets + VIRTUAL_ASSETS) + (d - 1)) / d;
    }

    /// @dev Liquidation incentive factor (WAD) of a market: `min(1.15, 1 / (1 - 0.3 * (1 - lltv)))`, rounded down.
    function liquidationIncentiveFactor(uint256 lltv) internal pure returns (uint256) {
        uint256 lif = (WAD * WAD) / (WAD - (LIQUIDATION_CURSOR * (WAD - lltv)) / WAD);
        return lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR;
    }

    /// @dev `e^x - 1` for `x` in WAD, by its Taylor series summed until a term rounds to zero (each term rounded
    /// down: term_n = term_{n-1} * x / (n * WAD)). Used for APY views only.
    function wExpm1(uint256 x) internal pure returns (uint256 sum) {
        uint256 term = x;
        for (uint256 n = 2; term != 0; ++n) {
            sum += term;
            term = (term * x) / (n * WAD);
        }
    }

    /// @dev `a - b`, or 0 if `b > a`.
    function zeroFloorSub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }

    /// @dev The smaller of `a` and `b`.
    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
