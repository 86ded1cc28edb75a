// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title FeeCollectorErrors
/// @notice Custom errors of the FeeCollector.
library FeeCollectorErrors {
    /// @notice The recipients' bps do not add up to 10,000.
    error InvalidBpsSum(uint256 sum);
    /// @notice No recipients, or more than the maximum.
    error InvalidRecipientCount(uint256 count);
    /// @notice A recipient is the zero address or the collector itself.
    error InvalidRecipient(address recipient);
    /// @notice A recipient appears twice.
    error DuplicateRecipient(address recipient);
    /// @notice A recipient is configured with 0 bps.
    error ZeroBps(address recipient);
    /// @notice The token address is zero.
    error ZeroAddress();
    /// @notice `pushShare` is only callable by the collector itself (through `distribute`).
    error OnlySelf();
    /// @notice `recipient` has no credit in `token`.
    error NothingToClaim(address token, address recipient);
}
