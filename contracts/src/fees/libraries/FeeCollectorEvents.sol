// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title FeeCollectorEvents
/// @notice Events of the FeeCollector. Every amount is in `token`'s smallest unit.
library FeeCollectorEvents {
    /// @notice The recipient set was replaced (same index in each array = one recipient).
    event RecipientsSet(address[] accounts, uint16[] bps, bool[] notify);
    /// @notice `amount` of `token` that arrived since the last distribution was accounted (total fees per token =
    /// sum of these).
    event FeesAccounted(address indexed token, uint256 amount);
    /// @notice `recipient` received `amount` of `token` (and its hook, if any, succeeded).
    event FeesDistributed(address indexed token, address indexed recipient, uint256 amount);
    /// @notice The transfer or hook to `recipient` reverted; `amount` of `token` is credited for a later `claim`.
    event FeesCredited(address indexed token, address indexed recipient, uint256 amount);
    /// @notice A credit of `amount` of `token` was paid to `recipient`.
    event FeesClaimed(address indexed token, address indexed recipient, uint256 amount);
}
