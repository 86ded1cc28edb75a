// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {ILoyaltyPoints} from "../interfaces/ILoyaltyPoints.sol";
import {IMerchantRegistry} from "../interfaces/IMerchantRegistry.sol";
import {IPaymentProcessor} from "../interfaces/IPaymentProcessor.sol";
import {PayFiErrors} from "./libraries/PayFiErrors.sol";
import {PayFiEvents} from "./libraries/PayFiEvents.sol";
import {PayFiStorage} from "./libraries/PayFiStorage.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title MerchantRegistry
/// @notice Merchants of Plaza's payment processor: self-registration behind a ComplianceRegistry policy, payout
/// address, operators, refund window, loyalty program and referral codes; admin fee tiers and suspension. It is
/// also the PaymentProcessor's control plane: every configuration of the processor goes through here.
/// @dev The registry is the source of truth. The fields a payment needs (earn rate, refund window, tier, status),
/// operator permissions and referrer flags are mirrored into the processor in the same transaction as every write
/// (a failing push reverts the write), so the processor reads one storage word per merchant instead of calling
/// here on every payment.
///
/// Roles (OpenZeppelin `AccessControlDefaultAdminRules`: two-step default admin transfer with a delay):
/// - default admin: sets the processor (once), the AdvancePool (once) and the roles;
/// - `MERCHANT_ADMIN_ROLE`: suspends merchants, assigns fee tiers, sets the merchant policy, grants and revokes
///   referral codes;
/// - `FEE_ADMIN_ROLE`: tier fees, referral share, fee collector.
///
/// Suspension: a suspended merchant takes no new payments or captures; its existing payments can still be voided,
/// reclaimed, refunded and settled. Anyone may suspend a merchant that no longer satisfies the merchant policy
/// (`enforceCompliance`, a poke that can only demote); only the merchant itself, once compliant again, lifts that
/// suspension (`reinstate`). An admin suspension is lifted only by the admin.
contract MerchantRegistry is IMerchantRegistry, AccessControlDefaultAdminRules {
    /// @notice Suspends merchants, assigns fee tiers, sets the merchant policy, manages referral codes.
    bytes32 public constant MERCHANT_ADMIN_ROLE = keccak256("MERCHANT_ADMIN_ROLE");
    /// @notice Sets tier fees, the referral share and the fee collector of the processor.
    bytes32 public constant FEE_ADMIN_ROLE = keccak256("FEE_ADMIN_ROLE");
    /// @notice Longest refund window (settlement delay).
    uint24 public constant MAX_REFUND_WINDOW = 180 days;
    /// @notice Highest earn rate: 100 points per pUSD.
    uint24 public constant MAX_EARN_RATE_BPS = 1_000_000;
    /// @notice Number of fee tiers.
    uint8 public constant TIER_COUNT = 8;
    /// @notice Highest tier fee (10%), enforced by the processor.
    uint16 public constant MAX_FEE_BPS = 1000;
    /// @notice Highest referral share (60% of the fee), enforced by the processor.
    uint16 public constant MAX_REFERRAL_SHARE_BPS = 6000;

    /// @notice The ComplianceRegistry that merchants must satisfy.
    IComplianceRegistry public immutable compliance;
    /// @notice The PaymentProcessor this registry configures (set once).
    IPaymentProcessor public processor;
    /// @inheritdoc IMerchantRegistry
    bytes32 public merchantPolicy;

    mapping(address merchant => Merchant) internal _merchants;
    /// @inheritdoc IMerchantRegistry
    mapping(address merchant => mapping(address operator => bool)) public isOperator;
    /// @inheritdoc IMerchantRegistry
    mapping(bytes32 code => address account) public referrerByCode;
    /// @inheritdoc IMerchantRegistry
    mapping(address account => bytes32 code) public referralCodeOf;

    modifier onlyMerchant() {
        if (!_merchants[msg.sender].registered) revert PayFiErrors.NotRegistered(msg.sender);
        _;
    }

    /// @param compliance_ The ComplianceRegistry.
    /// @param merchantPolicy_ The policy merchants must satisfy to register (0 = the open policy).
    /// @param adminDelay Delay before a new default admin can accept the role.
    /// @param admin The default admin (also granted the merchant and fee admin roles).
    constructor(IComplianceRegistry compliance_, bytes32 merchantPolicy_, uint48 adminDelay, address admin)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (address(compliance_) == address(0)) revert PayFiErrors.ZeroAddress();
        compliance = compliance_;
        merchantPolicy = merchantPolicy_;
        _grantRole(MERCHANT_ADMIN_ROLE, admin);
        _grantRole(FEE_ADMIN_ROLE, admin);
        emit PayFiEvents.MerchantPolicySet(merchantPolicy_);
    }

    // ============================================================================================================
    // Merchants
    // ============================================================================================================

    /// @notice Registers the caller as a merchant. It must satisfy the merchant policy.
    /// @param payout Where settlements are paid (not zero, not the processor).
    /// @param refundWindow Seconds captured funds stay refundable in escrow before settlement (0 = settled at once).
    /// @param referralCode The caller's own referral code (0 for none); makes it a referrer.
    function register(address payout, uint24 refundWindow, bytes32 referralCode) external {
        Merchant storage m = _merchants[msg.sender];
        if (m.registered) revert PayFiErrors.AlreadyRegistered(msg.sender);
        _requireCompliant(msg.sender);
        _checkPayout(payout);
        _checkRefundWindow(refundWindow);
        m.registered = true;
        m.payout = payout;
        m.refundWindow = refundWindow;
        _push(msg.sender);
        emit PayFiEvents.MerchantRegistered(msg.sender, payout, refundWindow, referralCode);
        if (referralCode != bytes32(0)) _setReferralCode(msg.sender, referralCode);
    }

    /// @notice Changes the caller's payout address.
    function setPayout(address payout) external onlyMerchant {
        _checkPayout(payout);
        _merchants[msg.sender].payout = payout;
        emit PayFiEvents.PayoutSet(msg.sender, payout);
    }

    /// @notice Changes the caller's refund window; applies to captures made afterwards.
    function setRefundWindow(uint24 refundWindow) external onlyMerchant {
        _checkRefundWindow(refundWindow);
        _merchants[msg.sender].refundWindow = refundWindow;
        _push(msg.sender);
        emit PayFiEvents.RefundWindowSet(msg.sender, refundWindow);
    }

    /// @notice Lets `operator` capture, void and refund the caller's payments (or stops it).
    function setOperator(address operator, bool allowed) external onlyMerchant {
        if (operator == address(0)) revert PayFiErrors.ZeroAddress();
        isOperator[msg.sender][operator] = allowed;
        _processor().syncOperator(msg.sender, operator, allowed);
        emit PayFiEvents.OperatorSet(msg.sender, operator, allowed);
    }

    /// @notice Sets (or with 0 clears) the caller's referral code.
    function setReferralCode(bytes32 code) external onlyMerchant {
        _setReferralCode(msg.sender, code);
    }

    /// @notice Creates the caller's loyalty program: a LoyaltyPoints clone at a deterministic address.
    /// @param name Token name.
    /// @param symbol Token symbol.
    /// @param earnRateBps Points per pUSD settled, in bps (10,000 = one point per pUSD).
    /// @param pointValue pUSD per whole point for discounts and reserve redemptions (18 decimals).
    /// @param expiresAt When the program ends (0 = never; else at least 30 days ahead).
    function createLoyaltyProgram(
        string calldata name,
        string calldata symbol,
        uint24 earnRateBps,
        uint128 pointValue,
        uint48 expiresAt
    ) external onlyMerchant returns (address program) {
        Merchant storage m = _merchants[msg.sender];
        if (m.loyaltyProgram != address(0)) revert PayFiErrors.LoyaltyProgramExists(msg.sender, m.loyaltyProgram);
        _checkEarnRate(earnRateBps);
        IPaymentProcessor processor_ = _processor();
        program = Clones.cloneDeterministic(processor_.loyaltyImplementation(), bytes32(uint256(uint160(msg.sender))));
        ILoyaltyPoints(program).initialize(msg.sender, name, symbol, pointValue, expiresAt);
        m.loyaltyProgram = program;
        m.earnRateBps = earnRateBps;
        _push(msg.sender);
        emit PayFiEvents.LoyaltyProgramCreated(msg.sender, program, name, symbol, earnRateBps, pointValue, expiresAt);
    }

    /// @notice Changes the caller's earn rate (0 pauses earning). Requires a loyalty program.
    function setEarnRate(uint24 earnRateBps) external onlyMerchant {
        Merchant storage m = _merchants[msg.sender];
        if (m.loyaltyProgram == address(0)) revert PayFiErrors.NoLoyaltyProgram(msg.sender);
        _checkEarnRate(earnRateBps);
        m.earnRateBps = earnRateBps;
        _push(msg.sender);
        emit PayFiEvents.EarnRateSet(msg.sender, earnRateBps);
    }

    /// @notice Suspends `merchant` if it no longer satisfies the merchant policy. Permissionless: it can only
    /// demote, never approve.
    function enforceCompliance(address merchant) external {
        Merchant storage m = _merchants[merchant];
        if (!m.registered) revert PayFiErrors.NotRegistered(merchant);
        if (compliance.isAllowed(merchantPolicy, merchant)) revert PayFiErrors.StillCompliant(merchant);
        m.complianceSuspended = true;
        _push(merchant);
        emit PayFiEvents.SuspensionSet(merchant, m.adminSuspended, true);
    }

    /// @notice Lifts the caller's compliance suspension once it satisfies the merchant policy again.
    function reinstate() external onlyMerchant {
        _requireCompliant(msg.sender);
        Merchant storage m = _merchants[msg.sender];
        m.complianceSuspended = false;
        _push(msg.sender);
        emit PayFiEvents.SuspensionSet(msg.sender, m.adminSuspended, false);
    }

    // ============================================================================================================
    // Merchant admin
    // ============================================================================================================

    /// @notice Suspends or reinstates `merchant`. Only the merchant admin.
    function setSuspended(address merchant, bool suspended) external onlyRole(MERCHANT_ADMIN_ROLE) {
        Merchant storage m = _merchants[merchant];
        if (!m.registered) revert PayFiErrors.NotRegistered(merchant);
        m.adminSuspended = suspended;
        _push(merchant);
        emit PayFiEvents.SuspensionSet(merchant, suspended, m.complianceSuspended);
    }

    /// @notice Assigns `merchant` to fee `tier`; applies to payments authorized afterwards. Only the merchant admin.
    function setFeeTier(address merchant, uint8 tier) external onlyRole(MERCHANT_ADMIN_ROLE) {
        Merchant storage m = _merchants[merchant];
        if (!m.registered) revert PayFiErrors.NotRegistered(merchant);
        if (tier >= TIER_COUNT) revert PayFiErrors.InvalidTier(tier);
        m.tier = tier;
        _push(merchant);
        emit PayFiEvents.FeeTierSet(merchant, tier);
    }

    /// @notice Sets the policy that merchants must satisfy. Only the merchant admin.
    function setMerchantPolicy(bytes32 policyId) external onlyRole(MERCHANT_ADMIN_ROLE) {
        merchantPolicy = policyId;
        emit PayFiEvents.MerchantPolicySet(policyId);
    }

    /// @notice Grants `account` (a partner: wallet, affiliate) referral code `code`, or with 0 revokes its code.
    /// Only the merchant admin (who can also revoke a merchant's code).
    function setReferralCodeFor(address account, bytes32 code) external onlyRole(MERCHANT_ADMIN_ROLE) {
        if (account == address(0)) revert PayFiErrors.ZeroAddress();
        _setReferralCode(account, code);
    }

    // ============================================================================================================
    // Processor configuration
    // ============================================================================================================

    /// @notice Sets the processor, once. Only the default admin.
    function setProcessor(IPaymentProcessor processor_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(processor_) == address(0)) revert PayFiErrors.ZeroAddress();
        if (address(processor) != address(0)) revert PayFiErrors.ProcessorAlreadySet();
        processor = processor_;
        emit PayFiEvents.ProcessorSet(address(processor_));
    }

    /// @notice Sets the processor's AdvancePool, once. Only the default admin.
    function setAdvancePool(address pool) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _processor().setAdvancePool(pool);
    }

    /// @notice Sets the fee of `tier` (≤ 10%). Only the fee admin.
    function setTierFee(uint8 tier, uint16 feeBps) external onlyRole(FEE_ADMIN_ROLE) {
        _processor().setTierFee(tier, feeBps);
    }

    /// @notice Sets the referrers' share of the fee (≤ 60%). Only the fee admin.
    function setReferralShare(uint16 shareBps) external onlyRole(FEE_ADMIN_ROLE) {
        _processor().setReferralShare(shareBps);
    }

    /// @notice Sets where the processor sweeps fees. Only the fee admin.
    function setFeeCollector(address collector) external onlyRole(FEE_ADMIN_ROLE) {
        _processor().setFeeCollector(collector);
    }

    // ============================================================================================================
    // Views
    // ============================================================================================================

    /// @inheritdoc IMerchantRegistry
    function merchantOf(address merchant) external view returns (Merchant memory) {
        return _merchants[merchant];
    }

    /// @inheritdoc IMerchantRegistry
    function payoutOf(address merchant) external view returns (address) {
        return _merchants[merchant].payout;
    }

    /// @inheritdoc IMerchantRegistry
    function isActive(address merchant) public view returns (bool) {
        Merchant storage m = _merchants[merchant];
        return m.registered && !m.adminSuspended && !m.complianceSuspended;
    }

    // ============================================================================================================
    // Internal
    // ============================================================================================================

    /// @dev Mirrors the merchant's payment terms into the processor.
    function _push(address merchant) internal {
        Merchant storage m = _merchants[merchant];
        uint8 status = PayFiStorage.REGISTERED;
        if (m.adminSuspended || m.complianceSuspended) status |= PayFiStorage.SUSPENDED;
        if (m.loyaltyProgram != address(0)) status |= PayFiStorage.HAS_PROGRAM;
        _processor().syncMerchant(merchant, m.earnRateBps, m.refundWindow, m.tier, status);
    }

    function _setReferralCode(address account, bytes32 code) internal {
        if (code != bytes32(0)) {
            address owner = referrerByCode[code];
            if (owner != address(0) && owner != account) revert PayFiErrors.ReferralCodeTaken(code, owner);
        }
        bytes32 previous = referralCodeOf[account];
        if (previous != bytes32(0)) delete referrerByCode[previous];
        referralCodeOf[account] = code;
        if (code != bytes32(0)) referrerByCode[code] = account;
        _processor().syncReferrer(account, code != bytes32(0));
        emit PayFiEvents.ReferralCodeSet(account, code);
    }

    function _processor() internal view returns (IPaymentProcessor processor_) {
        processor_ = processor;
        if (address(processor_) == address(0)) revert PayFiErrors.ProcessorNotSet();
    }

    function _requireCompliant(address merchant) internal view {
        bytes32 policy = merchantPolicy;
        if (!compliance.isAllowed(policy, merchant)) revert PayFiErrors.NotCompliant(merchant, policy);
    }

    function _checkPayout(address payout) internal view {
        if (payout == address(0)) revert PayFiErrors.ZeroAddress();
        if (payout == address(processor)) revert PayFiErrors.InvalidParameters();
    }

    function _checkRefundWindow(uint24 refundWindow) internal pure {
        if (refundWindow > MAX_REFUND_WINDOW) revert PayFiErrors.InvalidRefundWindow(refundWindow);
    }

    function _checkEarnRate(uint24 earnRateBps) internal pure {
        if (earnRateBps > MAX_EARN_RATE_BPS) revert PayFiErrors.InvalidEarnRate(earnRateBps);
    }
}
