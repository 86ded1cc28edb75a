// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ComplianceErrors
/// @notice Custom errors of the ComplianceRegistry.
library ComplianceErrors {
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice The credit score is above 1000.
    error InvalidCreditScore(uint16 creditScore);
    /// @notice The jurisdiction is not two upper-case ASCII letters (ISO 3166-1 alpha-2).
    error InvalidJurisdiction(bytes2 jurisdiction);
    /// @notice The record's expiry is not in the future.
    error InvalidExpiry(uint40 expiry);
    /// @notice Policy id 0 is the open policy (everyone not blocked) and cannot be configured.
    error OpenPolicyIsFixed();
    /// @notice No active policy with this id.
    error PolicyNotFound(bytes32 policyId);
    /// @notice Two array arguments differ in length.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice Blocking and unblocking is reserved to attesters and the admin.
    error NotAttesterOrAdmin(address caller);
    /// @notice `syncBlocked` was called while no blocklist mirror is configured.
    error MirrorNotSet();
}
