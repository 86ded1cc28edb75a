// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IFeeCollector
/// @notice Where every Plaza module sends its fees.
/// @dev Modules pay by plain ERC-20 transfer to the collector (no call needed, the cheapest path);
/// `distribute(token)` then accounts whatever arrived since the last distribution and splits it.
interface IFeeCollector {
    /// @notice Splits the undistributed balance of `token` among the recipients by their bps.
    /// @return amount The amount distributed.
    function distribute(address token) external returns (uint256 amount);
}

/// @title IFeeRecipient
/// @notice Optional hook for a recipient contract that must account fees as they arrive
/// (LiquidityIncentives streams its share to liquidity providers).
/// @dev Called by the FeeCollector together with the transfer of `amount` of `token`, for recipients
/// configured with notification on. If the transfer or the hook reverts, both are undone and the share
/// stays in the collector as a credit the recipient can claim later; other recipients are unaffected.
interface IFeeRecipient {
    function onFeesReceived(address token, uint256 amount) external;
}
