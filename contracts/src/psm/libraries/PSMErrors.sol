// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PSMErrors
/// @notice Custom errors of the PegStabilityModule.
library PSMErrors {
    /// @notice Swaps are paused.
    error SwapsPaused();
    /// @notice Swapping zero.
    error ZeroAmount();
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice The gem has more than 18 decimals.
    error UnsupportedGemDecimals(uint8 decimals);
    /// @notice `sellGem` would take the pUSD minted through the PSM above the debt ceiling.
    error DebtCeilingExceeded(uint256 minted, uint256 debtCeiling);
    /// @notice `buyGem` asks for more than the pUSD minted through the PSM backs.
    error InsufficientMinted(uint256 requested, uint256 minted);
    /// @notice A fee above the maximum (`MAX_FEE_BPS`).
    error FeeTooHigh(uint256 fee);
    /// @notice A debt ceiling that does not fit the packed state (`MAX_DEBT_CEILING`).
    error DebtCeilingTooHigh(uint256 debtCeiling);
    /// @notice The counterparty is on pUSD's sanctions blocklist.
    error AccountBlocked(address account);
    /// @notice The rescue would take gem that backs minted pUSD.
    error GemNotSurplus(uint256 amount, uint256 surplus);
}
