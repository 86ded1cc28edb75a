// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILoyaltyPoints} from "../interfaces/ILoyaltyPoints.sol";
import {IMerchantRegistry} from "../interfaces/IMerchantRegistry.sol";
import {IPaymentProcessor, PaymentInfo} from "../interfaces/IPaymentProcessor.sol";
import {IPlazaUSD} from "../interfaces/IPlazaUSD.sol";
import {LoyaltyPoints} from "./LoyaltyPoints.sol";
import {FeeMath} from "./libraries/FeeMath.sol";
import {PayFiErrors} from "./libraries/PayFiErrors.sol";
import {PayFiEvents} from "./libraries/PayFiEvents.sol";
import {FeeState, MerchantAccount, PayFiStorage, Payment} from "./libraries/PayFiStorage.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title PaymentProcessor
/// @notice Merchant payments in pUSD: one-signature checkout, escrow with partial captures, voids, reclaims and
/// refunds, settlement after the merchant's refund window with fees, referral shares and loyalty points, and the
/// ledger of AdvancePool advances against escrowed receivables.
/// @dev Lifecycle (contracts/README.md has the diagram). A payment is identified by the EIP-712 hash of its
/// `PaymentInfo`, which is also the nonce of the payer's pUSD EIP-3009 authorization, so one signature binds every
/// detail and cannot be replayed for another merchant, amount, mode, chain or processor.
///
/// Money never leaves on the payment path: fees, referral shares and merchant proceeds accrue as balances inside
/// this contract and leave by `sweepFees`, `claim`, `payout` and `withdraw`. A blocked or reverting merchant,
/// referrer or fee receiver therefore cannot block anybody's payment, and a push that fails (payout, returns to a
/// payer) leaves the funds claimable instead of reverting.
///
/// Invariant: the pUSD held equals what is owed: Σ capturable + Σ held (= Σ merchants' pending) + Σ claimable +
/// accrued fees + Σ credits.
///
/// Every state-changing entry point is `nonReentrant` (transient storage) and the only contracts called are pUSD,
/// the registry, the AdvancePool and this processor's own LoyaltyPoints clones — never an address a caller chooses.
contract PaymentProcessor is IPaymentProcessor, ReentrancyGuardTransient {
    using PayFiStorage for mapping(bytes32 => uint256);
    using PayFiStorage for mapping(address => uint256);
    using PayFiStorage for FeeState;
    using PayFiStorage for MerchantAccount;
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type of `PaymentInfo`.
    bytes32 public constant PAYMENT_INFO_TYPEHASH = keccak256(
        "PaymentInfo(address payer,address merchant,address token,uint256 amount,uint256 pointsRedeemed,bytes32 orderRef,uint48 authorizationExpiry,uint48 refundExpiry,uint16 minFeeBps,uint16 maxFeeBps,address referrer,bool autoCapture,uint256 salt)"
    );
    /// @notice EIP-712 domain type (name, version, chain id, verifying contract).
    bytes32 internal constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @notice Hash of the EIP-712 domain name of payment ids, "Plaza Payments".
    bytes32 internal constant _HASHED_NAME = keccak256("Plaza Payments");
    /// @notice Hash of the EIP-712 domain version of payment ids, "1".
    bytes32 internal constant _HASHED_VERSION = keccak256("1");
    /// @dev Bit of an account word that marks a registered referrer.
    uint256 internal constant _REFERRER_FLAG = 1 << 128;
    /// @notice Highest tier fee: 10%.
    uint16 internal constant _MAX_FEE_BPS = 1000;
    /// @notice Highest referral share: 60% of the fee.
    uint16 internal constant _MAX_REFERRAL_SHARE_BPS = 6000;
    /// @notice Number of fee tiers.
    uint8 internal constant _TIER_COUNT = 8;
    /// @notice Largest payment amount (balances are packed in 96 bits: ~79 billion pUSD).
    uint256 internal constant _MAX_AMOUNT = type(uint96).max;

    /// @notice pUSD, the only payment token.
    IPlazaUSD public immutable pusd;
    /// @notice The MerchantRegistry (source of truth of merchants; mirrors their terms here).
    IMerchantRegistry public immutable registry;
    /// @notice The LoyaltyPoints implementation every merchant's program clones (the registry deploys the clones,
    /// with the merchant's address as CREATE2 salt).
    address public immutable loyaltyImplementation;
    /// @dev The domain separator at deployment, and the chain it was computed for.
    bytes32 internal immutable _cachedDomainSeparator;
    uint256 internal immutable _cachedChainId;

    /// @notice Where swept fees go.
    address public feeCollector;
    /// @inheritdoc IPaymentProcessor
    address public advancePool;

    mapping(bytes32 id => uint256) internal _payments;
    mapping(address merchant => uint256) internal _merchants;
    mapping(address merchant => mapping(address operator => bool)) internal _operators;
    /// @dev Per account: credit (low 128 bits) and the referrer flag (bit 128), so a referral reads and writes
    /// one word.
    mapping(address account => uint256) internal _accounts;
    mapping(address merchant => uint256) internal _debts;
    uint256 internal _fees;
    uint128 internal _totalDebt;
    uint128 internal _totalAdvanced;
    uint128 internal _totalRepaid;
    uint128 internal _totalWrittenOff;

    /// @dev How a settled amount was split.
    struct Split {
        uint256 amount;
        uint256 fee;
        uint256 referralFee;
        uint256 points;
    }

    /// @dev How a payment's funds are pulled from the payer.
    enum Pull {
        Authorization,
        Allowance
    }

    modifier onlyRegistry() {
        _checkRegistry();
        _;
    }

    modifier onlyAdvancePool() {
        if (msg.sender != advancePool) revert PayFiErrors.NotAdvancePool(msg.sender);
        _;
    }

    /// @param pusd_ pUSD.
    /// @param registry_ The MerchantRegistry: the only account that configures this contract.
    /// @param feeCollector_ Where fees are swept.
    constructor(IPlazaUSD pusd_, IMerchantRegistry registry_, address feeCollector_) {
        if (address(pusd_) == address(0) || address(registry_) == address(0)) revert PayFiErrors.ZeroAddress();
        pusd = pusd_;
        registry = registry_;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        loyaltyImplementation = address(new LoyaltyPoints(address(pusd_)));
        _setFeeCollector(feeCollector_);
    }

    // ============================================================================================================
    // Payments
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function authorize(PaymentInfo calldata payment, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (bytes32 id)
    {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, false, Pull.Authorization);
        _receive(payment, id, v, r, s);
        _authorize(payment, id, m, f, 0);
    }

    /// @inheritdoc IPaymentProcessor
    function authorize(PaymentInfo calldata payment, bytes calldata signature)
        external
        nonReentrant
        returns (bytes32 id)
    {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, false, Pull.Authorization);
        _receive(payment, id, signature);
        _authorize(payment, id, m, f, 0);
    }

    /// @inheritdoc IPaymentProcessor
    function authorizeFrom(PaymentInfo calldata payment) external nonReentrant returns (bytes32 id) {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, false, Pull.Allowance);
        _pullFrom(payment);
        _authorize(payment, id, m, f, PayFiStorage.PERSIST);
    }

    /// @inheritdoc IPaymentProcessor
    function payWithAuthorization(PaymentInfo calldata payment, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (bytes32 id)
    {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, true, Pull.Authorization);
        _receive(payment, id, v, r, s);
        _pay(payment, id, m, f, 0);
    }

    /// @inheritdoc IPaymentProcessor
    function payWithAuthorization(PaymentInfo calldata payment, bytes calldata signature)
        external
        nonReentrant
        returns (bytes32 id)
    {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, true, Pull.Authorization);
        _receive(payment, id, signature);
        _pay(payment, id, m, f, 0);
    }

    /// @inheritdoc IPaymentProcessor
    function pay(PaymentInfo calldata payment) external nonReentrant returns (bytes32 id) {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, true, Pull.Allowance);
        _pullFrom(payment);
        _pay(payment, id, m, f, PayFiStorage.PERSIST);
    }

    /// @inheritdoc IPaymentProcessor
    function payWithPermit(PaymentInfo calldata payment, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (bytes32 id)
    {
        MerchantAccount memory m;
        FeeState memory f;
        (id, m, f) = _begin(payment, true, Pull.Allowance);
        _permitAndPull(payment, deadline, v, r, s);
        _pay(payment, id, m, f, PayFiStorage.PERSIST);
    }

    /// @inheritdoc IPaymentProcessor
    function capture(PaymentInfo calldata payment, uint256 amount) external nonReentrant {
        _checkMerchantCaller(payment.merchant);
        _capture(payment, amount);
    }

    /// @inheritdoc IPaymentProcessor
    function captureBatch(PaymentInfo[] calldata payments, uint256[] calldata amounts) external nonReentrant {
        uint256 count = payments.length;
        if (count != amounts.length) revert PayFiErrors.LengthMismatch(count, amounts.length);
        for (uint256 i; i < count; ++i) {
            _checkMerchantCaller(payments[i].merchant);
            _capture(payments[i], amounts[i]);
        }
    }

    /// @inheritdoc IPaymentProcessor
    function void(PaymentInfo calldata payment) external nonReentrant {
        _checkMerchantCaller(payment.merchant);
        (bytes32 id, uint256 amount) = _returnCapturable(payment);
        emit PayFiEvents.PaymentVoided(id, payment.merchant, payment.payer, payment.orderRef, amount);
    }

    /// @inheritdoc IPaymentProcessor
    function reclaim(PaymentInfo calldata payment) external nonReentrant {
        if (msg.sender != payment.payer) revert PayFiErrors.NotPayer(msg.sender, payment.payer);
        if (block.timestamp < payment.authorizationExpiry) {
            revert PayFiErrors.AuthorizationNotExpired(payment.authorizationExpiry);
        }
        (bytes32 id, uint256 amount) = _returnCapturable(payment);
        emit PayFiEvents.PaymentReclaimed(id, payment.merchant, payment.payer, payment.orderRef, amount);
    }

    /// @inheritdoc IPaymentProcessor
    function refund(PaymentInfo calldata payment, uint256 amount) external nonReentrant {
        _checkMerchantCaller(payment.merchant);
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        bytes32 id = _hash(payment);
        Payment memory p = _loadExisting(id);
        if (p.held == 0 || block.timestamp >= p.releaseAt) revert PayFiErrors.RefundWindowClosed(id, p.releaseAt);
        if (amount > p.held) revert PayFiErrors.AmountExceedsRefundable(amount, p.held);
        // amount <= held <= the merchant's pending
        unchecked {
            p.held -= uint96(amount);
        }
        _storeOrClear(id, p);

        MerchantAccount memory m = _merchants.loadMerchant(payment.merchant);
        unchecked {
            m.pending -= uint96(amount);
        }
        _merchants.storeMerchant(payment.merchant, m);
        uint256 debt = _debts[payment.merchant];
        if (debt != 0) {
            uint256 collateral = uint256(m.pending) + m.claimable;
            if (debt > collateral) emit PayFiEvents.AdvanceShortfall(payment.merchant, id, debt - collateral);
        }

        _sendToPayer(payment, id, amount);
        emit PayFiEvents.PaymentRefunded(id, payment.merchant, payment.payer, payment.orderRef, amount);
    }

    /// @inheritdoc IPaymentProcessor
    function settle(PaymentInfo calldata payment) external nonReentrant {
        bytes32 id = _hash(payment);
        Payment memory p = _loadExisting(id);
        if (p.held == 0) revert PayFiErrors.NothingToSettle(id);
        if (block.timestamp < p.releaseAt) revert PayFiErrors.NotYetReleasable(id, p.releaseAt);
        _settleHeld(payment, id, p);
        _payout(payment.merchant);
    }

    /// @inheritdoc IPaymentProcessor
    function settleBatch(PaymentInfo[] calldata payments) external nonReentrant returns (uint256 settled) {
        uint256 count = payments.length;
        for (uint256 i; i < count; ++i) {
            PaymentInfo calldata payment = payments[i];
            bytes32 id = _hash(payment);
            Payment memory p = _payments.loadPayment(id);
            if (p.held != 0 && block.timestamp >= p.releaseAt) {
                _settleHeld(payment, id, p);
                ++settled;
            }
            // pay each merchant out once per run of its payments in the list
            if (i + 1 == count || payments[i + 1].merchant != payment.merchant) _payout(payment.merchant);
        }
    }

    // ============================================================================================================
    // Balances
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function payout(address merchant) external nonReentrant returns (uint256 paid) {
        return _payout(merchant);
    }

    /// @inheritdoc IPaymentProcessor
    function withdraw(address to) external nonReentrant returns (uint256 paid) {
        if (to == address(0)) revert PayFiErrors.ZeroAddress();
        if (_merchants.loadMerchant(msg.sender).claimable == 0) revert PayFiErrors.NothingToClaim(msg.sender);
        uint256 repaid;
        (paid, repaid) = _takeClaimable(msg.sender);
        if (paid != 0) _transferOut(to, paid);
        emit PayFiEvents.MerchantPaidOut(msg.sender, to, paid, repaid);
    }

    /// @inheritdoc IPaymentProcessor
    function claim(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert PayFiErrors.ZeroAddress();
        uint256 word = _accounts[msg.sender];
        amount = uint128(word);
        if (amount == 0) revert PayFiErrors.NothingToClaim(msg.sender);
        _accounts[msg.sender] = word & _REFERRER_FLAG;
        _transferOut(to, amount);
        emit PayFiEvents.Claimed(msg.sender, to, amount);
    }

    /// @inheritdoc IPaymentProcessor
    function sweepFees() external nonReentrant returns (uint256 amount) {
        FeeState memory f = PayFiStorage.loadFees(_fees);
        amount = f.accrued;
        if (amount == 0) return 0;
        f.accrued = 0;
        _fees = f.packFees();
        address collector = feeCollector;
        _transferOut(collector, amount);
        emit PayFiEvents.FeesSwept(collector, amount);
    }

    // ============================================================================================================
    // Registry mirror and loyalty programs
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function syncMerchant(address merchant, uint24 earnRateBps, uint24 refundWindow, uint8 tier, uint8 status)
        external
        onlyRegistry
    {
        if (tier >= _TIER_COUNT) revert PayFiErrors.InvalidTier(tier);
        MerchantAccount memory m = _merchants.loadMerchant(merchant);
        m.earnRateBps = earnRateBps;
        m.refundWindow = refundWindow;
        m.tier = tier;
        m.status = status;
        _merchants.storeMerchant(merchant, m);
    }

    /// @inheritdoc IPaymentProcessor
    function syncOperator(address merchant, address operator, bool allowed) external onlyRegistry {
        _operators[merchant][operator] = allowed;
    }

    /// @inheritdoc IPaymentProcessor
    function syncReferrer(address account, bool active) external onlyRegistry {
        uint256 word = _accounts[account];
        _accounts[account] = active ? word | _REFERRER_FLAG : word & ~_REFERRER_FLAG;
    }

    // ============================================================================================================
    // Advances (AdvancePool)
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function setAdvancePool(address pool) external onlyRegistry {
        if (pool == address(0)) revert PayFiErrors.ZeroAddress();
        if (advancePool != address(0)) revert PayFiErrors.AdvancePoolAlreadySet();
        advancePool = pool;
        emit PayFiEvents.AdvancePoolSet(pool);
    }

    /// @inheritdoc IPaymentProcessor
    /// @dev The debt may never exceed what secures it: the merchant's held plus released funds.
    function openAdvance(address merchant, uint256 amount)
        external
        onlyAdvancePool
        nonReentrant
        returns (uint256 debt)
    {
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        debt = _debts[merchant] + amount;
        uint256 collateral = collateralOf(merchant);
        if (debt > collateral) revert PayFiErrors.AdvanceExceedsCollateral(debt, collateral);
        _debts[merchant] = debt;
        _totalDebt += amount.toUint128();
        _totalAdvanced += amount.toUint128();
        emit PayFiEvents.AdvanceOpened(merchant, amount, debt);
    }

    /// @inheritdoc IPaymentProcessor
    function writeOffAdvance(address merchant, uint256 amount) external onlyAdvancePool nonReentrant {
        uint256 debt = _debts[merchant];
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        if (amount > debt) revert PayFiErrors.WriteOffExceedsDebt(amount, debt);
        // amount <= debt <= total debt
        unchecked {
            _debts[merchant] = debt - amount;
            _totalDebt -= uint128(amount);
        }
        _totalWrittenOff += uint128(amount);
        emit PayFiEvents.AdvanceWrittenOff(merchant, amount, debt - amount);
    }

    // ============================================================================================================
    // Configuration (through the registry, which holds the admin roles)
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function setTierFee(uint8 tier, uint16 feeBps) external onlyRegistry {
        if (tier >= _TIER_COUNT) revert PayFiErrors.InvalidTier(tier);
        if (feeBps > _MAX_FEE_BPS) revert PayFiErrors.InvalidFeeBps(feeBps);
        FeeState memory f = PayFiStorage.loadFees(_fees);
        f.tierFees = PayFiStorage.withTierFee(f.tierFees, tier, feeBps);
        _fees = f.packFees();
        emit PayFiEvents.TierFeeSet(tier, feeBps);
    }

    /// @inheritdoc IPaymentProcessor
    function setReferralShare(uint16 shareBps) external onlyRegistry {
        if (shareBps > _MAX_REFERRAL_SHARE_BPS) revert PayFiErrors.InvalidReferralShare(shareBps);
        FeeState memory f = PayFiStorage.loadFees(_fees);
        f.referralShareBps = shareBps;
        _fees = f.packFees();
        emit PayFiEvents.ReferralShareSet(shareBps);
    }

    /// @inheritdoc IPaymentProcessor
    function setFeeCollector(address collector) external onlyRegistry {
        _setFeeCollector(collector);
    }

    // ============================================================================================================
    // Views
    // ============================================================================================================

    /// @inheritdoc IPaymentProcessor
    function paymentId(PaymentInfo calldata payment) external view returns (bytes32) {
        return _hash(payment);
    }

    /// @inheritdoc IPaymentProcessor
    function paymentState(bytes32 id)
        external
        view
        returns (uint256 capturable, uint256 held, uint256 releaseAt, uint16 feeBps, bool exists)
    {
        Payment memory p = _payments.loadPayment(id);
        return (p.capturable, p.held, p.releaseAt, p.feeBps, p.flags & PayFiStorage.EXISTS != 0);
    }

    /// @inheritdoc IPaymentProcessor
    function merchantBalances(address merchant)
        external
        view
        returns (uint256 pending, uint256 claimable, uint256 debt)
    {
        MerchantAccount memory m = _merchants.loadMerchant(merchant);
        return (m.pending, m.claimable, _debts[merchant]);
    }

    /// @inheritdoc IPaymentProcessor
    function collateralOf(address merchant) public view returns (uint256) {
        uint256 word = _merchants[merchant];
        return uint256(uint96(word)) + uint96(word >> 96);
    }

    /// @notice `merchant`'s terms as mirrored from the registry.
    function merchantTerms(address merchant)
        external
        view
        returns (uint24 earnRateBps, uint24 refundWindow, uint8 tier, uint8 status)
    {
        MerchantAccount memory m = _merchants.loadMerchant(merchant);
        return (m.earnRateBps, m.refundWindow, m.tier, m.status);
    }

    /// @inheritdoc IPaymentProcessor
    function creditOf(address account) external view returns (uint256) {
        return uint128(_accounts[account]);
    }

    /// @notice Whether `account` is a registered referrer (mirrored from the registry).
    function isReferrer(address account) external view returns (bool) {
        return _accounts[account] & _REFERRER_FLAG != 0;
    }

    /// @notice Protocol fees accrued and not yet swept.
    function feesAccrued() external view returns (uint256) {
        return PayFiStorage.loadFees(_fees).accrued;
    }

    /// @notice The fee of `tier` in bps.
    function tierFee(uint8 tier) external view returns (uint16) {
        if (tier >= _TIER_COUNT) revert PayFiErrors.InvalidTier(tier);
        return PayFiStorage.loadFees(_fees).tierFee(tier);
    }

    /// @notice The referrers' share of the fee in bps.
    function referralShareBps() external view returns (uint16) {
        return PayFiStorage.loadFees(_fees).referralShareBps;
    }

    /// @inheritdoc IPaymentProcessor
    function advanceTotals()
        external
        view
        returns (uint256 outstanding, uint256 advanced, uint256 repaid, uint256 writtenOff)
    {
        return (_totalDebt, _totalAdvanced, _totalRepaid, _totalWrittenOff);
    }

    /// @inheritdoc IPaymentProcessor
    function loyaltyProgramOf(address merchant) public view returns (address) {
        return Clones.predictDeterministicAddress(loyaltyImplementation, _programSalt(merchant), address(registry));
    }

    /// @notice The EIP-712 domain separator of payment ids ("Plaza Payments", "1", this chain, this contract);
    /// recomputed if the chain id changes (fork).
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    // ============================================================================================================
    // Internal: payment flows
    // ============================================================================================================

    /// @dev Checks a new payment and returns its id with the merchant's account and the fee state (read once).
    function _begin(PaymentInfo calldata payment, bool autoCapture, Pull pull)
        internal
        view
        returns (bytes32 id, MerchantAccount memory m, FeeState memory f)
    {
        if (payment.autoCapture != autoCapture) revert PayFiErrors.WrongPaymentMode(payment.autoCapture);
        if (payment.token != address(pusd)) revert PayFiErrors.UnsupportedToken(payment.token);
        if (payment.amount == 0 || payment.amount > _MAX_AMOUNT) revert PayFiErrors.InvalidAmount(payment.amount);
        if (block.timestamp >= payment.authorizationExpiry) {
            revert PayFiErrors.AuthorizationExpired(payment.authorizationExpiry);
        }
        if (payment.refundExpiry < payment.authorizationExpiry) {
            revert PayFiErrors.InvalidExpiries(payment.authorizationExpiry, payment.refundExpiry);
        }
        m = _merchants.loadMerchant(payment.merchant);
        if (!m.isActive()) revert PayFiErrors.MerchantNotActive(payment.merchant);
        f = PayFiStorage.loadFees(_fees);
        uint16 feeBps = f.tierFee(m.tier);
        if (feeBps < payment.minFeeBps || feeBps > payment.maxFeeBps) {
            revert PayFiErrors.FeeOutOfBounds(feeBps, payment.minFeeBps, payment.maxFeeBps);
        }
        id = _hash(payment);
        // An id is used once: a stored record, or (for allowance pulls) the same id consumed as an EIP-3009 nonce.
        // EIP-3009 pulls need no nonce check here: pUSD refuses a used nonce.
        if (_payments[id] != 0) revert PayFiErrors.PaymentAlreadyExists(id);
        if (pull == Pull.Allowance) {
            if (msg.sender != payment.payer) revert PayFiErrors.NotPayer(msg.sender, payment.payer);
            if (pusd.authorizationState(payment.payer, id)) revert PayFiErrors.PaymentAlreadyExists(id);
        }
    }

    /// @dev Escrow authorization: the whole amount becomes capturable.
    function _authorize(
        PaymentInfo calldata payment,
        bytes32 id,
        MerchantAccount memory m,
        FeeState memory f,
        uint8 persist
    ) internal {
        uint16 feeBps = f.tierFee(m.tier);
        _redeemPoints(payment, id, m.status);
        _payments.storePayment(
            id,
            Payment({
                capturable: uint96(payment.amount),
                held: 0,
                releaseAt: 0,
                feeBps: feeBps,
                flags: PayFiStorage.EXISTS | persist
            })
        );
        _emitAuthorized(payment, id, feeBps);
    }

    /// @dev Direct payment: captured in full at once; settled at once unless the merchant holds funds for refunds.
    function _pay(PaymentInfo calldata payment, bytes32 id, MerchantAccount memory m, FeeState memory f, uint8 persist)
        internal
    {
        _redeemPoints(payment, id, m.status);
        uint16 feeBps = f.tierFee(m.tier);
        uint256 releaseAt = _releaseTime(m, payment);
        if (releaseAt > block.timestamp) {
            _payments.storePayment(
                id,
                Payment({
                    capturable: 0,
                    held: uint96(payment.amount),
                    releaseAt: uint40(releaseAt),
                    feeBps: feeBps,
                    flags: PayFiStorage.EXISTS | persist
                })
            );
            m.pending = (uint256(m.pending) + payment.amount).toUint96();
            _merchants.storeMerchant(payment.merchant, m);
            _emitAuthorized(payment, id, feeBps);
            emit PayFiEvents.PaymentCaptured(
                id, payment.merchant, payment.payer, payment.orderRef, payment.amount, releaseAt
            );
        } else {
            // Settled at once. An EIP-3009 payment leaves no record: pUSD's used nonce already marks the id.
            if (persist != 0) {
                _payments.storePayment(
                    id,
                    Payment({
                        capturable: 0, held: 0, releaseAt: 0, feeBps: feeBps, flags: PayFiStorage.EXISTS | persist
                    })
                );
            }
            Split memory split = _split(payment, payment.amount, feeBps, m, f);
            _merchants.storeMerchant(payment.merchant, m);
            _fees = f.packFees();
            _emitSettled(payment, id, split, true);
        }
    }

    function _capture(PaymentInfo calldata payment, uint256 amount) internal {
        bytes32 id = _hash(payment);
        Payment memory p = _loadExisting(id);
        MerchantAccount memory m = _merchants.loadMerchant(payment.merchant);
        if (!m.isActive()) revert PayFiErrors.MerchantNotActive(payment.merchant);
        if (block.timestamp >= payment.authorizationExpiry) {
            revert PayFiErrors.AuthorizationExpired(payment.authorizationExpiry);
        }
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        if (amount > p.capturable) revert PayFiErrors.AmountExceedsCapturable(amount, p.capturable);
        // amount <= capturable < 2^96
        unchecked {
            p.capturable -= uint96(amount);
        }
        uint256 releaseAt = _releaseTime(m, payment);
        if (releaseAt > block.timestamp) {
            p.held = (uint256(p.held) + amount).toUint96();
            if (releaseAt > p.releaseAt) p.releaseAt = uint40(releaseAt);
            m.pending = (uint256(m.pending) + amount).toUint96();
            _payments.storePayment(id, p);
            _merchants.storeMerchant(payment.merchant, m);
            emit PayFiEvents.PaymentCaptured(id, payment.merchant, payment.payer, payment.orderRef, amount, releaseAt);
        } else {
            // no refund window: settled at once
            emit PayFiEvents.PaymentCaptured(
                id, payment.merchant, payment.payer, payment.orderRef, amount, block.timestamp
            );
            FeeState memory f = PayFiStorage.loadFees(_fees);
            Split memory split = _split(payment, amount, p.feeBps, m, f);
            _storeOrClear(id, p);
            _merchants.storeMerchant(payment.merchant, m);
            _fees = f.packFees();
            _emitSettled(payment, id, split, false);
        }
    }

    /// @dev Settles the held funds of a payment whose refund window has ended.
    function _settleHeld(PaymentInfo calldata payment, bytes32 id, Payment memory p) internal {
        uint256 amount = p.held;
        p.held = 0;
        _storeOrClear(id, p);
        MerchantAccount memory m = _merchants.loadMerchant(payment.merchant);
        FeeState memory f = PayFiStorage.loadFees(_fees);
        // held amounts are part of the merchant's pending
        unchecked {
            m.pending -= uint96(amount);
        }
        Split memory split = _split(payment, amount, p.feeBps, m, f);
        _merchants.storeMerchant(payment.merchant, m);
        _fees = f.packFees();
        _emitSettled(payment, id, split, false);
    }

    /// @dev Splits a settled `amount`: fee (rounded up) to the protocol less the referral share, the rest to the
    /// merchant's claimable balance; mints the payer's points. Updates `m` and `f` in memory (the caller stores).
    function _split(
        PaymentInfo calldata payment,
        uint256 amount,
        uint256 feeBps,
        MerchantAccount memory m,
        FeeState memory f
    ) internal returns (Split memory split) {
        split.amount = amount;
        uint256 fee = FeeMath.fee(amount, feeBps);
        split.fee = fee;
        address referrer = payment.referrer;
        // no self-referral: neither the merchant nor the payer can take a share of the fee
        if (fee != 0 && referrer != address(0) && referrer != payment.merchant && referrer != payment.payer) {
            uint256 word = _accounts[referrer];
            if (word & _REFERRER_FLAG != 0) {
                uint256 referralFee = FeeMath.referralShare(fee, f.referralShareBps);
                split.referralFee = referralFee;
                if (referralFee != 0) _accounts[referrer] = _creditWord(word, referralFee);
            }
        }
        f.accrued = (uint256(f.accrued) + fee - split.referralFee).toUint96();
        m.claimable = (uint256(m.claimable) + amount - fee).toUint96();
        uint256 points = FeeMath.points(amount, m.earnRateBps);
        split.points = points;
        if (points != 0) ILoyaltyPoints(loyaltyProgramOf(payment.merchant)).mint(payment.payer, points);
    }

    /// @dev Void and reclaim: returns everything still capturable to the payer.
    function _returnCapturable(PaymentInfo calldata payment) internal returns (bytes32 id, uint256 amount) {
        id = _hash(payment);
        // word-level: only the capturable field changes
        uint256 word = _payments[id];
        if (word & PayFiStorage.EXISTS_BIT == 0) revert PayFiErrors.PaymentNotFound(id);
        amount = uint96(word);
        if (amount == 0) revert PayFiErrors.NothingToReturn(id);
        word &= ~PayFiStorage.CAPTURABLE_MASK;
        if (word & (PayFiStorage.HELD_MASK | PayFiStorage.PERSIST_BIT) == 0) delete _payments[id];
        else _payments[id] = word;
        _sendToPayer(payment, id, amount);
    }

    /// @dev Pushes `amount` to the payer (crediting it if the push fails) and gives back redeemed points in
    /// proportion.
    function _sendToPayer(PaymentInfo calldata payment, bytes32 id, uint256 amount) internal {
        if (!_tryTransfer(payment.payer, amount)) {
            _addCredit(payment.payer, amount);
            emit PayFiEvents.ReturnCredited(id, payment.payer, amount);
        }
        if (payment.pointsRedeemed != 0) {
            uint256 points = FeeMath.restoredPoints(payment.pointsRedeemed, amount, payment.amount);
            if (points != 0) {
                ILoyaltyPoints(loyaltyProgramOf(payment.merchant)).mint(payment.payer, points);
                emit PayFiEvents.PointsRestored(id, payment.merchant, payment.payer, points);
            }
        }
    }

    /// @dev Burns the points the payer redeems for a discount (bound by its signature through the payment id).
    function _redeemPoints(PaymentInfo calldata payment, bytes32 id, uint8 status) internal {
        if (payment.pointsRedeemed == 0) return;
        if (status & PayFiStorage.HAS_PROGRAM == 0) {
            revert PayFiErrors.NoLoyaltyProgram(payment.merchant);
        }
        uint256 discount =
            ILoyaltyPoints(loyaltyProgramOf(payment.merchant)).burnForDiscount(payment.payer, payment.pointsRedeemed);
        emit PayFiEvents.PointsRedeemed(id, payment.merchant, payment.payer, payment.pointsRedeemed, discount);
    }

    /// @dev Pays the merchant's claimable balance to its payout address, repaying the AdvancePool first. A failed
    /// push leaves the balance claimable.
    function _payout(address merchant) internal returns (uint256 paid) {
        (uint256 toMerchant, uint256 repaid) = _takeClaimable(merchant);
        if (toMerchant == 0) {
            if (repaid != 0) emit PayFiEvents.MerchantPaidOut(merchant, address(0), 0, repaid);
            return 0;
        }
        address to = registry.payoutOf(merchant);
        if (to != address(0) && _tryTransfer(to, toMerchant)) {
            emit PayFiEvents.MerchantPaidOut(merchant, to, toMerchant, repaid);
            return toMerchant;
        }
        MerchantAccount memory m = _merchants.loadMerchant(merchant);
        m.claimable = (uint256(m.claimable) + toMerchant).toUint96();
        _merchants.storeMerchant(merchant, m);
        emit PayFiEvents.PayoutFailed(merchant, to, toMerchant);
        return 0;
    }

    /// @dev Empties the merchant's claimable balance: the advance debt is repaid first (pushed to the pool, or
    /// credited to it if the push fails); returns what is left for the merchant.
    function _takeClaimable(address merchant) internal returns (uint256 toMerchant, uint256 repaid) {
        MerchantAccount memory m = _merchants.loadMerchant(merchant);
        uint256 amount = m.claimable;
        if (amount == 0) return (0, 0);
        m.claimable = 0;
        _merchants.storeMerchant(merchant, m);
        uint256 debt = _debts[merchant];
        repaid = debt < amount ? debt : amount;
        if (repaid != 0) {
            // repaid <= debt <= total debt
            unchecked {
                _debts[merchant] = debt - repaid;
                _totalDebt -= uint128(repaid);
            }
            _totalRepaid += uint128(repaid);
            address pool = advancePool;
            if (!_tryTransfer(pool, repaid)) _addCredit(pool, repaid);
            emit PayFiEvents.AdvanceRepaid(merchant, repaid, debt - repaid);
        }
        toMerchant = amount - repaid;
    }

    // ============================================================================================================
    // Internal: helpers
    // ============================================================================================================

    /// @dev EIP-712 hash of the payment. `PaymentInfo` has only static fields, so its calldata encoding is exactly
    /// EIP-712's `encodeData`: the struct hash is taken over the type hash followed by the 13 calldata words, with
    /// no per-field copy. A non-canonical encoding (dirty high bits) only hashes to an id that no signature and no
    /// record can match: records are created only after `_begin` and the events read (and so validate) every field.
    function _hash(PaymentInfo calldata payment) internal view returns (bytes32) {
        bytes32 typeHash = PAYMENT_INFO_TYPEHASH;
        bytes32 structHash;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), payment, 0x1a0)
            structHash := keccak256(ptr, 0x1c0)
        }
        return MessageHashUtils.toTypedDataHash(DOMAIN_SEPARATOR(), structHash);
    }

    function _buildDomainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _HASHED_NAME, _HASHED_VERSION, block.chainid, address(this)));
    }

    function _loadExisting(bytes32 id) internal view returns (Payment memory p) {
        p = _payments.loadPayment(id);
        if (p.flags & PayFiStorage.EXISTS == 0) revert PayFiErrors.PaymentNotFound(id);
    }

    /// @dev Stores the record, or clears it (a gas refund) once nothing is capturable or held and the id is
    /// protected against reuse by pUSD's used EIP-3009 nonce.
    function _storeOrClear(bytes32 id, Payment memory p) internal {
        if (p.capturable == 0 && p.held == 0 && p.flags & PayFiStorage.PERSIST == 0) delete _payments[id];
        else _payments.storePayment(id, p);
    }

    /// @dev When funds captured now are released: after the merchant's refund window, capped at `refundExpiry`.
    function _releaseTime(MerchantAccount memory m, PaymentInfo calldata payment) internal view returns (uint256) {
        uint256 end = block.timestamp + m.refundWindow;
        return end < payment.refundExpiry ? end : payment.refundExpiry;
    }

    /// @dev Registry-only setters make no external call, so refusing them while the guard is held is the same
    /// protection as `nonReentrant`: no configuration can change in the middle of a payment.
    function _checkRegistry() internal view {
        if (msg.sender != address(registry)) revert PayFiErrors.NotRegistry(msg.sender);
        if (_reentrancyGuardEntered()) revert ReentrancyGuardReentrantCall();
    }

    function _checkMerchantCaller(address merchant) internal view {
        if (msg.sender != merchant && !_operators[merchant][msg.sender]) {
            revert PayFiErrors.NotMerchantOrOperator(msg.sender, merchant);
        }
    }

    /// @dev Pulls the payment with the payer's EIP-3009 authorization; its nonce is the payment id.
    function _receive(PaymentInfo calldata payment, bytes32 id, uint8 v, bytes32 r, bytes32 s) internal {
        pusd.receiveWithAuthorization(
            payment.payer, address(this), payment.amount, 0, payment.authorizationExpiry, id, v, r, s
        );
    }

    /// @dev `_receive` with a `bytes` signature.
    function _receive(PaymentInfo calldata payment, bytes32 id, bytes calldata signature) internal {
        pusd.receiveWithAuthorization(
            payment.payer, address(this), payment.amount, 0, payment.authorizationExpiry, id, signature
        );
    }

    /// @dev Permit (tolerating one already used, e.g. front-run) then pull with the allowance.
    function _permitAndPull(PaymentInfo calldata payment, uint256 deadline, uint8 v, bytes32 r, bytes32 s) internal {
        try pusd.permit(payment.payer, address(this), payment.amount, deadline, v, r, s) {} catch {}
        _pullFrom(payment);
    }

    /// @dev Pulls the payment amount with the payer's allowance.
    function _pullFrom(PaymentInfo calldata payment) internal {
        IERC20(address(pusd)).safeTransferFrom(payment.payer, address(this), payment.amount);
    }

    /// @dev pUSD transfer out that reverts on failure.
    function _transferOut(address to, uint256 amount) internal {
        IERC20(address(pusd)).safeTransfer(to, amount);
    }

    /// @dev pUSD transfer that reports failure instead of reverting (blocked receiver, paused token).
    function _tryTransfer(address to, uint256 amount) internal returns (bool) {
        return IERC20(address(pusd)).trySafeTransfer(to, amount);
    }

    function _addCredit(address account, uint256 amount) internal {
        _accounts[account] = _creditWord(_accounts[account], amount);
    }

    /// @dev `word` with `amount` more credit (the referrer flag kept).
    function _creditWord(uint256 word, uint256 amount) internal pure returns (uint256) {
        return (word & _REFERRER_FLAG) | (uint256(uint128(word)) + amount).toUint128();
    }

    /// @dev `PaymentPaid` for a direct payment settled at once, `PaymentReleased` otherwise.
    function _emitSettled(PaymentInfo calldata payment, bytes32 id, Split memory split, bool direct) internal {
        if (direct) {
            emit PayFiEvents.PaymentPaid(
                id,
                payment.merchant,
                payment.payer,
                payment.orderRef,
                split.amount,
                split.fee,
                payment.referrer,
                split.referralFee,
                split.points
            );
        } else {
            emit PayFiEvents.PaymentReleased(
                id,
                payment.merchant,
                payment.payer,
                payment.orderRef,
                split.amount,
                split.fee,
                payment.referrer,
                split.referralFee,
                split.points
            );
        }
    }

    function _emitAuthorized(PaymentInfo calldata payment, bytes32 id, uint16 feeBps) internal {
        emit PayFiEvents.PaymentAuthorized(
            id,
            payment.merchant,
            payment.payer,
            payment.orderRef,
            payment.amount,
            feeBps,
            payment.referrer,
            payment.authorizationExpiry,
            payment.refundExpiry
        );
    }

    function _programSalt(address merchant) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(merchant)));
    }

    function _setFeeCollector(address collector) internal {
        if (collector == address(0)) revert PayFiErrors.ZeroAddress();
        feeCollector = collector;
        emit PayFiEvents.FeeCollectorSet(collector);
    }
}
