// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {IMerchantRegistry} from "../interfaces/IMerchantRegistry.sol";
import {IPaymentProcessor} from "../interfaces/IPaymentProcessor.sol";
import {FeeMath} from "./libraries/FeeMath.sol";
import {PayFiErrors} from "./libraries/PayFiErrors.sol";
import {PayFiEvents} from "./libraries/PayFiEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title AdvancePool
/// @notice Receivables finance for merchants: an ERC-4626 vault of pUSD whose depositors fund advances against
/// merchants' captured funds still inside their refund window, for a discount fee that accrues to the pool.
/// @dev Accounting. `totalAssets = idle pUSD + pUSD the processor credits to the pool + outstanding advance debt
/// − fees not yet vested`. Drawing an advance of face `A` with fee `f` pays `A − f`, adds `A` of debt and `f` of
/// unvested fee: total assets do not move. The fee vests linearly over `VESTING_PERIOD` (no sandwich of a draw can
/// capture it). Repayments convert debt into idle pUSD (no move either). A write-off lowers total assets by the
/// amount written off (less any of it that was still unvested fee): losses are booked, never hidden.
///
/// Limit (the credit curve). With `s` the merchant's credit score in the ComplianceRegistry (0–1000, 0 when its
/// record expired) and `P` its held funds (captured, inside the refund window):
///   rate(s) = 0                                                   if s < minCreditScore
///           = minRate + (maxRate − minRate) × (s − minScore) / (1000 − minScore)   otherwise
///   limit   = min(P × rate(s) / 10,000, maxDebtPerMerchant) − current debt
/// e.g. with the defaults (600, 50%, 90%): 600 → 50% of held funds, 800 → 70%, 1000 → 90%.
///
/// Why Huma V1's exploit cannot happen here: that exploit promoted an unapproved credit line to "good standing"
/// through a permissionless refresh. This pool keeps no credit state at all that could be promoted: every draw
/// recomputes eligibility from the attested score (only ComplianceRegistry attesters write it), the merchant's
/// registration, suspension and policy status (admin and attesters), and its held funds in the processor (which
/// only grow with pUSD actually captured into escrow). No function other than `advance`, called by the merchant
/// itself, increases a debt, and the processor refuses any debt above the merchant's held plus released funds.
///
/// Repayment. The processor repays a merchant's debt first whenever its released funds leave (payout, withdraw).
/// A refund that leaves the debt above what the merchant still has in the processor emits `AdvanceShortfall`; the
/// debt stays and is charged to the merchant's later settlements. The risk manager may write off the uncovered
/// part at any time; anyone may write off the whole debt of a suspended merchant with nothing left in the
/// processor.
contract AdvancePool is ERC4626, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Sets the credit parameters and writes off uncovered debt.
    bytes32 public constant RISK_MANAGER_ROLE = keccak256("RISK_MANAGER_ROLE");
    /// @notice Period over which each advance's discount fee vests into total assets.
    uint256 public constant VESTING_PERIOD = 7 days;
    /// @notice Highest credit score.
    uint16 public constant MAX_CREDIT_SCORE = 1000;
    /// @notice Highest discount fee: 10% of the advance.
    uint16 public constant MAX_DISCOUNT_FEE_BPS = 1000;

    /// @notice Credit parameters.
    /// @param minCreditScore Scores below it get no advance.
    /// @param minAdvanceRateBps Share of held funds advanced at the minimum score.
    /// @param maxAdvanceRateBps Share of held funds advanced at score 1000 (at most 100%).
    /// @param discountFeeBps Fee on each advance (taken upfront from the face amount).
    /// @param maxDebtPerMerchant Cap on one merchant's debt.
    struct Parameters {
        uint16 minCreditScore;
        uint16 minAdvanceRateBps;
        uint16 maxAdvanceRateBps;
        uint16 discountFeeBps;
        uint128 maxDebtPerMerchant;
    }

    /// @notice The PaymentProcessor (ledger of advance debts and source of repayments).
    IPaymentProcessor public immutable processor;
    /// @notice The MerchantRegistry.
    IMerchantRegistry public immutable registry;
    /// @notice The ComplianceRegistry (credit scores, merchant policy).
    IComplianceRegistry public immutable compliance;

    Parameters internal _parameters;
    uint128 internal _vestingAmount;
    uint48 internal _vestingStart;

    /// @param pusd pUSD.
    /// @param processor_ The PaymentProcessor.
    /// @param compliance_ The ComplianceRegistry.
    /// @param parameters_ Initial credit parameters.
    /// @param adminDelay Delay before a new default admin can accept the role.
    /// @param admin The default admin (also granted the risk manager role).
    constructor(
        IERC20 pusd,
        IPaymentProcessor processor_,
        IComplianceRegistry compliance_,
        Parameters memory parameters_,
        uint48 adminDelay,
        address admin
    ) ERC20("Plaza Advance Pool", "papUSD") ERC4626(pusd) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (address(processor_) == address(0) || address(compliance_) == address(0)) {
            revert PayFiErrors.ZeroAddress();
        }
        processor = processor_;
        registry = processor_.registry();
        compliance = compliance_;
        _grantRole(RISK_MANAGER_ROLE, admin);
        _setParameters(parameters_);
    }

    // ============================================================================================================
    // Advances
    // ============================================================================================================

    /// @notice The caller (a merchant) draws an advance of face `amount` against its held funds. It owes `amount`,
    /// repaid from its next releases, and receives `amount − fee` at its payout address.
    /// @param minReceived Least the merchant accepts to receive (guards against a fee change in between).
    /// @return received pUSD sent to the payout address.
    function advance(uint256 amount, uint256 minReceived) external nonReentrant returns (uint256 received) {
        address merchant = msg.sender;
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        if (!registry.isActive(merchant)) revert PayFiErrors.MerchantNotActive(merchant);
        bytes32 policy = registry.merchantPolicy();
        if (!compliance.isAllowed(policy, merchant)) revert PayFiErrors.NotCompliant(merchant, policy);
        Parameters memory p = _parameters;
        uint256 score = compliance.creditScore(merchant);
        if (score < p.minCreditScore) revert PayFiErrors.CreditScoreTooLow(score, p.minCreditScore);
        uint256 limit = _limit(merchant, score, p);
        if (amount > limit) revert PayFiErrors.AdvanceExceedsLimit(amount, limit);

        uint256 fee = FeeMath.fee(amount, p.discountFeeBps);
        received = amount - fee;
        if (received < minReceived) revert PayFiErrors.AdvanceBelowMinimum(received, minReceived);
        uint256 idle = IERC20(asset()).balanceOf(address(this));
        if (received > idle) revert PayFiErrors.InsufficientLiquidity(received, idle);

        uint256 debt = processor.openAdvance(merchant, amount);
        _vestingAmount = uint128(unvestedFees() + fee);
        _vestingStart = uint48(block.timestamp);
        address to = registry.payoutOf(merchant);
        IERC20(asset()).safeTransfer(to, received);
        emit PayFiEvents.Advanced(merchant, to, amount, fee, debt);
    }

    /// @notice Books `merchant`'s unrecoverable debt as the pool's loss. The risk manager may write off the part not
    /// covered by the merchant's held and released funds; anyone may write off the whole debt of a suspended
    /// merchant that has nothing left in the processor.
    /// @return amount Debt written off.
    function writeOff(address merchant) external nonReentrant returns (uint256 amount) {
        (uint256 pending, uint256 claimable, uint256 debt) = processor.merchantBalances(merchant);
        if (debt == 0) revert PayFiErrors.NothingToWriteOff(merchant);
        uint256 collateral = pending + claimable;
        if (hasRole(RISK_MANAGER_ROLE, msg.sender) && debt > collateral) {
            amount = debt - collateral;
        } else if (collateral == 0 && !registry.isActive(merchant)) {
            amount = debt;
        } else {
            revert PayFiErrors.WriteOffNotAllowed(merchant);
        }
        processor.writeOffAdvance(merchant, amount);
        // Fees not yet vested were never earned: cancel them first, so only cash actually lent is lost.
        uint256 unvested = unvestedFees();
        uint256 cancelled = Math.min(unvested, amount);
        _vestingAmount = uint128(unvested - cancelled);
        _vestingStart = uint48(block.timestamp);
        emit PayFiEvents.LossRecorded(merchant, msg.sender, amount);
    }

    /// @notice Collects what the processor credited to the pool (repayments whose push failed). Permissionless.
    function collectCredit() external nonReentrant returns (uint256) {
        return processor.claim(address(this));
    }

    /// @notice Sets the credit parameters. Only the risk manager.
    function setParameters(Parameters calldata parameters_) external onlyRole(RISK_MANAGER_ROLE) {
        _setParameters(parameters_);
    }

    // ============================================================================================================
    // Views
    // ============================================================================================================

    /// @notice The credit parameters.
    function parameters() external view returns (Parameters memory) {
        return _parameters;
    }

    /// @notice The share of held funds a merchant with credit score `score` may borrow, in bps (the curve).
    function advanceRateBps(uint256 score) public view returns (uint256) {
        return _rate(score, _parameters);
    }

    /// @notice How much more `merchant` may draw now (before liquidity).
    function advanceLimit(address merchant) external view returns (uint256) {
        Parameters memory p = _parameters;
        uint256 score = compliance.creditScore(merchant);
        if (score < p.minCreditScore || !registry.isActive(merchant)) return 0;
        return _limit(merchant, score, p);
    }

    /// @notice Discount fees not yet vested into total assets.
    function unvestedFees() public view returns (uint256) {
        uint256 elapsed = block.timestamp - _vestingStart;
        if (elapsed >= VESTING_PERIOD) return 0;
        return uint256(_vestingAmount) * (VESTING_PERIOD - elapsed) / VESTING_PERIOD;
    }

    /// @notice Outstanding advance debt (face), as kept by the processor.
    function outstandingDebt() public view returns (uint256 outstanding) {
        (outstanding,,,) = processor.advanceTotals();
    }

    /// @notice pUSD held by the pool and not lent out.
    function idleAssets() public view returns (uint256) {
        return IERC20(asset()).balanceOf(address(this));
    }

    /// @inheritdoc ERC4626
    function deposit(uint256 assets, address receiver) public override nonReentrant returns (uint256) {
        return super.deposit(assets, receiver);
    }

    /// @inheritdoc ERC4626
    function mint(uint256 shares, address receiver) public override nonReentrant returns (uint256) {
        return super.mint(shares, receiver);
    }

    /// @inheritdoc ERC4626
    function withdraw(uint256 assets, address receiver, address owner) public override nonReentrant returns (uint256) {
        return super.withdraw(assets, receiver, owner);
    }

    /// @inheritdoc ERC4626
    function redeem(uint256 shares, address receiver, address owner) public override nonReentrant returns (uint256) {
        return super.redeem(shares, receiver, owner);
    }

    /// @inheritdoc ERC4626
    /// @dev Idle pUSD + processor credit + outstanding debt − unvested fees.
    function totalAssets() public view override returns (uint256) {
        uint256 gross = idleAssets() + processor.creditOf(address(this)) + outstandingDebt();
        uint256 unvested = unvestedFees();
        return gross > unvested ? gross - unvested : 0;
    }

    /// @inheritdoc ERC4626
    /// @dev Limited by idle pUSD: lent-out funds come back as merchants' payments settle.
    function maxWithdraw(address owner) public view override returns (uint256) {
        return Math.min(super.maxWithdraw(owner), idleAssets());
    }

    /// @inheritdoc ERC4626
    /// @dev Limited by idle pUSD.
    function maxRedeem(address owner) public view override returns (uint256) {
        return Math.min(super.maxRedeem(owner), _convertToShares(idleAssets(), Math.Rounding.Floor));
    }

    // ============================================================================================================
    // Internal
    // ============================================================================================================

    /// @dev Inflation-attack protection: 10^6 virtual shares per virtual asset.
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    function _limit(address merchant, uint256 score, Parameters memory p) internal view returns (uint256) {
        (uint256 pending,, uint256 debt) = processor.merchantBalances(merchant);
        uint256 cap = Math.min(pending * _rate(score, p) / FeeMath.BPS, p.maxDebtPerMerchant);
        return cap > debt ? cap - debt : 0;
    }

    function _rate(uint256 score, Parameters memory p) internal pure returns (uint256) {
        if (score < p.minCreditScore) return 0;
        if (score >= MAX_CREDIT_SCORE || p.minCreditScore == MAX_CREDIT_SCORE) return p.maxAdvanceRateBps;
        return p.minAdvanceRateBps + (uint256(p.maxAdvanceRateBps) - p.minAdvanceRateBps) * (score - p.minCreditScore)
            / (MAX_CREDIT_SCORE - p.minCreditScore);
    }

    function _setParameters(Parameters memory p) internal {
        if (
            p.minCreditScore > MAX_CREDIT_SCORE || p.minAdvanceRateBps > p.maxAdvanceRateBps
                || p.maxAdvanceRateBps > FeeMath.BPS || p.discountFeeBps > MAX_DISCOUNT_FEE_BPS
                || p.maxDebtPerMerchant == 0
        ) revert PayFiErrors.InvalidParameters();
        _parameters = p;
        emit PayFiEvents.PoolParametersSet(
            p.minCreditScore, p.minAdvanceRateBps, p.maxAdvanceRateBps, p.discountFeeBps, p.maxDebtPerMerchant
        );
    }
}
