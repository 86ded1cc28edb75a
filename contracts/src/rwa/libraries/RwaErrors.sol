// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title RwaErrors
/// @notice Custom errors of the RwaShareToken.
library RwaErrors {
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice `account` does not pass the token's compliance policy.
    error NotAllowed(bytes32 policyId, address account);
    /// @notice `account` is blocked (sanctioned) in the compliance registry.
    error Blocked(address account);
    /// @notice Nothing to deposit (no amount and no carried income).
    error ZeroAmount();
    /// @notice The streaming period is outside [`MIN_STREAM_DURATION`, `MAX_STREAM_DURATION`].
    error InvalidStreamDuration(uint256 duration);
    /// @notice The income token cannot be the share token itself.
    error InvalidIncomeToken(address token);
}
