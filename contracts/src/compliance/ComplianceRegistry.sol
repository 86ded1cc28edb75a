// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBlocklistMirror} from "../interfaces/IBlocklistMirror.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {ComplianceErrors} from "./libraries/ComplianceErrors.sol";
import {ComplianceEvents} from "./libraries/ComplianceEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

/// @title ComplianceRegistry
/// @notice Attested KYC records, the sanctions blocklist and named policies that Plaza's contracts ask through
/// `isAllowed(policyId, account)`.
/// @dev Roles: the default admin (two-step transfer with a delay, OpenZeppelin `AccessControlDefaultAdminRules`)
/// keeps policies, sanctioned jurisdictions, exemptions, attesters and the blocklist mirror; attesters
/// (`ATTESTER_ROLE`, KYC providers) write records. Attesters and the admin may block and unblock.
///
/// The registry is the single source of truth of the sanctions flag. pUSD caches it in its balance slots so its
/// transfer path needs no external call; every write of the flag here is pushed to the mirror in the same
/// transaction (a failing push reverts the write), so the two cannot disagree.
///
/// Policy id 0 is the open policy: every account that is not blocked passes it. Named policies require a live
/// (unexpired) record whose KYC level and credit score reach the policy's minimums and whose jurisdiction is
/// neither sanctioned globally nor blocked by the policy. Blocked accounts fail every policy, exempt or not;
/// exempt accounts (protocol contracts) pass every policy otherwise.
contract ComplianceRegistry is IComplianceRegistry, AccessControlDefaultAdminRules {
    /// @notice Role of KYC providers that write records and may block accounts.
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");
    /// @notice The open policy: everyone not blocked.
    bytes32 public constant OPEN_POLICY = bytes32(0);
    /// @notice Highest credit score.
    uint16 public constant MAX_CREDIT_SCORE = 1000;

    /// @dev One storage slot per account: the attested record plus the exemption flag.
    struct AccountState {
        uint8 kycLevel;
        bytes2 jurisdiction;
        uint40 expiry;
        uint16 creditScore;
        bool blocked;
        bool exempt;
    }

    /// @dev One storage slot per policy. `generation` keys the policy's blocked jurisdictions, so replacing or
    /// removing a policy forgets its old jurisdiction list without iterating it.
    struct Policy {
        bool active;
        uint8 minKycLevel;
        uint16 minCreditScore;
        uint32 generation;
    }

    mapping(address account => AccountState) internal _accounts;
    mapping(bytes32 policyId => Policy) internal _policies;
    mapping(bytes32 policyId => mapping(uint32 generation => mapping(bytes2 jurisdiction => bool))) internal
        _policyBlocked;

    /// @notice Jurisdictions that fail every named policy.
    mapping(bytes2 jurisdiction => bool) public isJurisdictionSanctioned;

    /// @notice The contract that caches the blocked flag (pUSD); zero when none.
    IBlocklistMirror public blocklistMirror;

    /// @param initialDelay Delay (seconds) before a new default admin can accept the role.
    /// @param initialAdmin The default admin.
    constructor(uint48 initialDelay, address initialAdmin) AccessControlDefaultAdminRules(initialDelay, initialAdmin) {}

    // ------------------------------------------------------------------------------------------------------------
    // Attesters
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Writes the full record of `account`, including its blocked flag (pushed to the mirror if it changes).
    /// @dev The exemption flag is kept. Reverts on a zero account, a score above 1000, a malformed jurisdiction or
    /// an expiry that is not in the future.
    function setRecord(address account, Record calldata record) external onlyRole(ATTESTER_ROLE) {
        _setRecord(account, record);
    }

    /// @notice Writes many records at once (see `setRecord`).
    function setRecords(address[] calldata accounts, Record[] calldata records) external onlyRole(ATTESTER_ROLE) {
        if (accounts.length != records.length) revert ComplianceErrors.LengthMismatch(accounts.length, records.length);
        for (uint256 i; i < accounts.length; ++i) {
            _setRecord(accounts[i], records[i]);
        }
    }

    /// @notice Clears the KYC fields of `account` (level, jurisdiction, expiry, score). The blocked flag and the
    /// exemption are kept: revoking KYC never lifts sanctions.
    function revokeRecord(address account) external onlyRole(ATTESTER_ROLE) {
        AccountState storage state = _accounts[account];
        state.kycLevel = 0;
        state.jurisdiction = bytes2(0);
        state.expiry = 0;
        state.creditScore = 0;
        emit ComplianceEvents.RecordRevoked(account, msg.sender);
    }

    /// @notice Blocks or unblocks `account` (sanctions) and pushes the flag to the mirror in the same transaction.
    /// @dev Callable by attesters and the admin. Idempotent: writing the current value again still pushes it.
    function setBlocked(address account, bool blocked) external {
        if (!hasRole(ATTESTER_ROLE, msg.sender) && msg.sender != defaultAdmin()) {
            revert ComplianceErrors.NotAttesterOrAdmin(msg.sender);
        }
        if (account == address(0)) revert ComplianceErrors.ZeroAddress();
        _accounts[account].blocked = blocked;
        _push(account, blocked);
        emit ComplianceEvents.BlockedSet(account, blocked, msg.sender);
    }

    /// @notice Pushes the registry's current blocked flag of each account to the mirror. Anyone may call it: it
    /// copies the source of truth and cannot change it (useful after the mirror is first set or replaced).
    function syncBlocked(address[] calldata accounts) external {
        IBlocklistMirror mirror = blocklistMirror;
        if (address(mirror) == address(0)) revert ComplianceErrors.MirrorNotSet();
        for (uint256 i; i < accounts.length; ++i) {
            mirror.setBlocked(accounts[i], _accounts[accounts[i]].blocked);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Exempts `account` (a protocol contract such as a lending hub or escrow) from policy checks.
    /// @dev An exempt account that is blocked still fails every policy.
    function setExempt(address account, bool exempt) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert ComplianceErrors.ZeroAddress();
        _accounts[account].exempt = exempt;
        emit ComplianceEvents.ExemptionSet(account, exempt);
    }

    /// @notice Adds or removes `jurisdiction` from the global sanctions list (fails every named policy).
    function setJurisdictionSanctioned(bytes2 jurisdiction, bool sanctioned) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkJurisdiction(jurisdiction);
        isJurisdictionSanctioned[jurisdiction] = sanctioned;
        emit ComplianceEvents.JurisdictionSanctionSet(jurisdiction, sanctioned);
    }

    /// @notice Creates or replaces policy `policyId` as a whole (the previous jurisdiction list is forgotten).
    /// @param minKycLevel Lowest KYC level that passes.
    /// @param minCreditScore Lowest credit score that passes (0–1000).
    /// @param blockedJurisdictions Jurisdictions that fail this policy, in addition to the sanctioned ones.
    function setPolicy(
        bytes32 policyId,
        uint8 minKycLevel,
        uint16 minCreditScore,
        bytes2[] calldata blockedJurisdictions
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (policyId == OPEN_POLICY) revert ComplianceErrors.OpenPolicyIsFixed();
        if (minCreditScore > MAX_CREDIT_SCORE) revert ComplianceErrors.InvalidCreditScore(minCreditScore);
        Policy storage policy = _policies[policyId];
        uint32 generation = policy.generation + 1;
        policy.active = true;
        policy.minKycLevel = minKycLevel;
        policy.minCreditScore = minCreditScore;
        policy.generation = generation;
        mapping(bytes2 => bool) storage blocked = _policyBlocked[policyId][generation];
        for (uint256 i; i < blockedJurisdictions.length; ++i) {
            _checkJurisdiction(blockedJurisdictions[i]);
            blocked[blockedJurisdictions[i]] = true;
        }
        emit ComplianceEvents.PolicySet(policyId, minKycLevel, minCreditScore, blockedJurisdictions);
    }

    /// @notice Blocks or unblocks one jurisdiction inside an active policy.
    function setPolicyJurisdiction(bytes32 policyId, bytes2 jurisdiction, bool blocked)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        Policy storage policy = _policies[policyId];
        if (!policy.active) revert ComplianceErrors.PolicyNotFound(policyId);
        _checkJurisdiction(jurisdiction);
        _policyBlocked[policyId][policy.generation][jurisdiction] = blocked;
        emit ComplianceEvents.PolicyJurisdictionSet(policyId, jurisdiction, blocked);
    }

    /// @notice Removes policy `policyId`: from now on it fails every account that is not exempt.
    function removePolicy(bytes32 policyId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Policy storage policy = _policies[policyId];
        if (!policy.active) revert ComplianceErrors.PolicyNotFound(policyId);
        policy.active = false;
        emit ComplianceEvents.PolicyRemoved(policyId);
    }

    /// @notice Sets the contract that caches the blocked flag (pUSD). Zero disables pushing.
    /// @dev After setting a new mirror, push the flags of already-blocked accounts with `syncBlocked`.
    function setBlocklistMirror(address mirror) external onlyRole(DEFAULT_ADMIN_ROLE) {
        blocklistMirror = IBlocklistMirror(mirror);
        emit ComplianceEvents.BlocklistMirrorSet(mirror);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IComplianceRegistry
    function isAllowed(bytes32 policyId, address account) external view returns (bool) {
        AccountState memory state = _accounts[account];
        if (state.blocked) return false;
        if (state.exempt || policyId == OPEN_POLICY) return true;
        Policy memory policy = _policies[policyId];
        if (!policy.active || state.expiry < block.timestamp) return false;
        if (state.kycLevel < policy.minKycLevel || state.creditScore < policy.minCreditScore) return false;
        if (isJurisdictionSanctioned[state.jurisdiction]) return false;
        return !_policyBlocked[policyId][policy.generation][state.jurisdiction];
    }

    /// @inheritdoc IComplianceRegistry
    function isBlocked(address account) external view returns (bool) {
        return _accounts[account].blocked;
    }

    /// @inheritdoc IComplianceRegistry
    function creditScore(address account) external view returns (uint16) {
        AccountState memory state = _accounts[account];
        return state.expiry < block.timestamp ? 0 : state.creditScore;
    }

    /// @inheritdoc IComplianceRegistry
    function recordOf(address account) external view returns (Record memory record) {
        AccountState memory state = _accounts[account];
        record = Record({
            kycLevel: state.kycLevel,
            jurisdiction: state.jurisdiction,
            expiry: state.expiry,
            creditScore: state.creditScore,
            blocked: state.blocked
        });
    }

    /// @notice Whether `account` is exempt from policy checks.
    function isExempt(address account) external view returns (bool) {
        return _accounts[account].exempt;
    }

    /// @notice The thresholds of policy `policyId` and whether it is active.
    function policyOf(bytes32 policyId) external view returns (bool active, uint8 minKycLevel, uint16 minCreditScore) {
        Policy memory policy = _policies[policyId];
        return (policy.active, policy.minKycLevel, policy.minCreditScore);
    }

    /// @notice Whether policy `policyId` blocks `jurisdiction` (its own list only; see `isJurisdictionSanctioned`).
    function isPolicyJurisdictionBlocked(bytes32 policyId, bytes2 jurisdiction) external view returns (bool) {
        Policy memory policy = _policies[policyId];
        return policy.active && _policyBlocked[policyId][policy.generation][jurisdiction];
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _setRecord(address account, Record calldata record) internal {
        if (account == address(0)) revert ComplianceErrors.ZeroAddress();
        if (record.creditScore > MAX_CREDIT_SCORE) revert ComplianceErrors.InvalidCreditScore(record.creditScore);
        if (record.expiry <= block.timestamp) revert ComplianceErrors.InvalidExpiry(record.expiry);
        _checkJurisdiction(record.jurisdiction);
        AccountState storage state = _accounts[account];
        bool wasBlocked = state.blocked;
        state.kycLevel = record.kycLevel;
        state.jurisdiction = record.jurisdiction;
        state.expiry = record.expiry;
        state.creditScore = record.creditScore;
        state.blocked = record.blocked;
        emit ComplianceEvents.RecordSet(
            account, msg.sender, record.kycLevel, record.jurisdiction, record.expiry, record.creditScore, record.blocked
        );
        if (wasBlocked != record.blocked) {
            _push(account, record.blocked);
            emit ComplianceEvents.BlockedSet(account, record.blocked, msg.sender);
        }
    }

    /// @dev Pushes the flag to the mirror, if any. A revert of the mirror reverts the whole write.
    function _push(address account, bool blocked) internal {
        IBlocklistMirror mirror = blocklistMirror;
        if (address(mirror) != address(0)) mirror.setBlocked(account, blocked);
    }

    /// @dev ISO 3166-1 alpha-2: two upper-case ASCII letters.
    function _checkJurisdiction(bytes2 jurisdiction) internal pure {
        bytes1 a = jurisdiction[0];
        bytes1 b = jurisdiction[1];
        if (a < "A" || a > "Z" || b < "A" || b > "Z") revert ComplianceErrors.InvalidJurisdiction(jurisdiction);
    }
}
