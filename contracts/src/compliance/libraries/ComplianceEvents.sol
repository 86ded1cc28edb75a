// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ComplianceEvents
/// @notice Events of the ComplianceRegistry, designed so a subgraph can rebuild every record and policy from
/// logs alone.
library ComplianceEvents {
    /// @notice An attester wrote the full record of `account`.
    event RecordSet(
        address indexed account,
        address indexed attester,
        uint8 kycLevel,
        bytes2 jurisdiction,
        uint40 expiry,
        uint16 creditScore,
        bool blocked
    );
    /// @notice An attester cleared the KYC fields of `account` (the blocked flag and exemption are kept).
    event RecordRevoked(address indexed account, address indexed attester);
    /// @notice The sanctions flag of `account` was written by `by` (attester or admin). Emitted on every write.
    event BlockedSet(address indexed account, bool blocked, address indexed by);
    /// @notice `account` was exempted from (or returned to) policy checks.
    event ExemptionSet(address indexed account, bool exempt);
    /// @notice A jurisdiction was added to or removed from the global sanctions list.
    event JurisdictionSanctionSet(bytes2 indexed jurisdiction, bool sanctioned);
    /// @notice Policy `policyId` was created or replaced as a whole.
    event PolicySet(bytes32 indexed policyId, uint8 minKycLevel, uint16 minCreditScore, bytes2[] blockedJurisdictions);
    /// @notice One jurisdiction was blocked or unblocked inside policy `policyId`.
    event PolicyJurisdictionSet(bytes32 indexed policyId, bytes2 indexed jurisdiction, bool blocked);
    /// @notice Policy `policyId` was removed; it now fails every account that is not exempt.
    event PolicyRemoved(bytes32 indexed policyId);
    /// @notice The contract that mirrors the blocked flag (pUSD) was set.
    event BlocklistMirrorSet(address indexed mirror);
}
