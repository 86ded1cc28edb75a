// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComplianceRegistry
/// @notice What Plaza's contracts ask of the compliance registry: attested KYC records and named policies.
/// @dev Policy id `bytes32(0)` is the open policy: every account that is not blocked passes it.
interface IComplianceRegistry {
    /// @notice An attested record for one account.
    /// @param kycLevel 0 = none; higher levels are stricter checks (the attester's scale).
    /// @param jurisdiction ISO 3166-1 alpha-2 country code, e.g. "US" = 0x5553.
    /// @param expiry Unix time after which the record no longer satisfies any policy.
    /// @param creditScore 0–1000, for receivables finance.
    /// @param blocked Sanctioned: fails every policy.
    struct Record {
        uint8 kycLevel;
        bytes2 jurisdiction;
        uint40 expiry;
        uint16 creditScore;
        bool blocked;
    }

    /// @notice Whether `account` satisfies policy `policyId` now (exempt protocol contracts always do).
    function isAllowed(bytes32 policyId, address account) external view returns (bool);

    /// @notice Whether `account` is on the sanctions blocklist.
    function isBlocked(address account) external view returns (bool);

    /// @notice The account's credit score (0–1000); 0 when it has no live record.
    function creditScore(address account) external view returns (uint16);

    /// @notice The account's record as attested (expired records are returned as they are).
    function recordOf(address account) external view returns (Record memory);
}
