// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IOracle
/// @notice The price source of one lending market, in Morpho Blue's convention.
/// @dev `price()` is the price of 1 base unit of the collateral token quoted in base units of the loan token, scaled
/// by 1e36: the price of `10**collateralDecimals` collateral units in `10**loanDecimals` loan units, with
/// `36 + loanDecimals - collateralDecimals` decimals of precision. So `collateralAssets * price() / 1e36` is the
/// collateral's value in loan-token base units. Implementations revert (with a custom error saying why) instead of
/// returning a price they cannot vouch for (no answer yet, stale, frozen).
interface IOracle {
    /// @notice Price of one collateral base unit in loan base units, scaled by 1e36. Reverts when unusable.
    function price() external view returns (uint256);
}
