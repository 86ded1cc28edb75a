// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PayFiEvents
/// @notice Events of the PayFi contracts. Payment events index the payment id, the merchant and the payer and carry
/// the order reference and amounts, so a subgraph reconciles payments without any `eth_call`.
library PayFiEvents {
    // ------------------------------------------------------------------------------------------------ payments

    /// @notice An escrow authorization (or a direct payment into a merchant's refund window) took `amount` from
    /// the payer. `feeBps` is fixed for the payment's life.
    event PaymentAuthorized(
        bytes32 indexed paymentId,
        address indexed merchant,
        address indexed payer,
        bytes32 orderRef,
        uint256 amount,
        uint16 feeBps,
        address referrer,
        uint48 authorizationExpiry,
        uint48 refundExpiry
    );
    /// @notice `amount` was captured; it is held until `releaseAt` (refundable until then).
    event PaymentCaptured(
        bytes32 indexed paymentId,
        address indexed merchant,
        address indexed payer,
        bytes32 orderRef,
        uint256 amount,
        uint256 releaseAt
    );
    /// @notice Held funds of a payment were settled: `amount` split into `fee` (of which `referralFee` to
    /// `referrer`) and `amount - fee` to the merchant's balance; `points` minted to the payer.
    event PaymentReleased(
        bytes32 indexed paymentId,
        address indexed merchant,
        address indexed payer,
        bytes32 orderRef,
        uint256 amount,
        uint256 fee,
        address referrer,
        uint256 referralFee,
        uint256 points
    );
    /// @notice A direct payment settled at once (authorized, captured and released in one step), split as in
    /// `PaymentReleased`.
    event PaymentPaid(
        bytes32 indexed paymentId,
        address indexed merchant,
        address indexed payer,
        bytes32 orderRef,
        uint256 amount,
        uint256 fee,
        address referrer,
        uint256 referralFee,
        uint256 points
    );
    /// @notice The merchant voided the uncaptured `amount` back to the payer.
    event PaymentVoided(
        bytes32 indexed paymentId, address indexed merchant, address indexed payer, bytes32 orderRef, uint256 amount
    );
    /// @notice The payer reclaimed the uncaptured `amount` after the authorization expiry.
    event PaymentReclaimed(
        bytes32 indexed paymentId, address indexed merchant, address indexed payer, bytes32 orderRef, uint256 amount
    );
    /// @notice The merchant refunded `amount` of held funds to the payer.
    event PaymentRefunded(
        bytes32 indexed paymentId, address indexed merchant, address indexed payer, bytes32 orderRef, uint256 amount
    );
    /// @notice The payer burned `points` of the merchant's points for a `discount` (pUSD value) on this payment.
    event PointsRedeemed(
        bytes32 indexed paymentId, address indexed merchant, address indexed payer, uint256 points, uint256 discount
    );
    /// @notice Redeemed points given back in proportion to pUSD returned to the payer (void, reclaim, refund).
    event PointsRestored(bytes32 indexed paymentId, address indexed merchant, address indexed payer, uint256 points);
    /// @notice A return to `account` could not be pushed (e.g. blocked) and was credited for `claim` instead.
    event ReturnCredited(bytes32 indexed paymentId, address indexed account, uint256 amount);

    // ------------------------------------------------------------------------------------------------ balances

    /// @notice `merchant`'s released balance was paid: `amount` to `to`, `repaidToPool` to the AdvancePool first.
    event MerchantPaidOut(address indexed merchant, address indexed to, uint256 amount, uint256 repaidToPool);
    /// @notice Paying `merchant` at `to` failed; `amount` stays claimable (`withdraw`).
    event PayoutFailed(address indexed merchant, address indexed to, uint256 amount);
    /// @notice `account` claimed its credit to `to`.
    event Claimed(address indexed account, address indexed to, uint256 amount);
    /// @notice Accrued protocol fees were sent to the FeeCollector.
    event FeesSwept(address indexed feeCollector, uint256 amount);

    // ------------------------------------------------------------------------------------------------ admin

    /// @notice Fee of `tier` set to `feeBps`.
    event TierFeeSet(uint8 indexed tier, uint16 feeBps);
    /// @notice Referral share of the fee set.
    event ReferralShareSet(uint16 shareBps);
    /// @notice FeeCollector set.
    event FeeCollectorSet(address indexed feeCollector);
    /// @notice AdvancePool set (once).
    event AdvancePoolSet(address indexed advancePool);

    // ------------------------------------------------------------------------------------------------ advances

    /// @notice An advance of `amount` was recorded against `merchant`'s receivables.
    event AdvanceOpened(address indexed merchant, uint256 amount, uint256 debt);
    /// @notice `amount` of `merchant`'s advance debt was repaid to the pool from its released funds.
    event AdvanceRepaid(address indexed merchant, uint256 amount, uint256 debt);
    /// @notice `amount` of `merchant`'s advance debt was written off as the pool's loss.
    event AdvanceWrittenOff(address indexed merchant, uint256 amount, uint256 debt);
    /// @notice A refund left `merchant`'s advance debt `uncovered` by its held and released funds; the debt is
    /// charged to later settlements and otherwise written off.
    event AdvanceShortfall(address indexed merchant, bytes32 indexed paymentId, uint256 uncovered);

    // ------------------------------------------------------------------------------------------------ registry

    /// @notice `merchant` registered.
    event MerchantRegistered(address indexed merchant, address payout, uint24 refundWindow, bytes32 referralCode);
    /// @notice Payout address changed.
    event PayoutSet(address indexed merchant, address payout);
    /// @notice Refund window changed (applies to later captures).
    event RefundWindowSet(address indexed merchant, uint24 refundWindow);
    /// @notice `operator` may (or may no longer) act for `merchant`.
    event OperatorSet(address indexed merchant, address indexed operator, bool allowed);
    /// @notice `account` owns referral code `code` (0 = it has none any more).
    event ReferralCodeSet(address indexed account, bytes32 indexed code);
    /// @notice Fee tier changed.
    event FeeTierSet(address indexed merchant, uint8 tier);
    /// @notice Suspension flags changed.
    event SuspensionSet(address indexed merchant, bool adminSuspended, bool complianceSuspended);
    /// @notice `merchant` created its loyalty program.
    event LoyaltyProgramCreated(
        address indexed merchant,
        address indexed program,
        string name,
        string symbol,
        uint24 earnRateBps,
        uint128 pointValue,
        uint48 expiresAt
    );
    /// @notice Earn rate changed.
    event EarnRateSet(address indexed merchant, uint24 earnRateBps);
    /// @notice Merchant policy changed.
    event MerchantPolicySet(bytes32 indexed policyId);
    /// @notice The processor was set (once).
    event ProcessorSet(address indexed processor);

    // ------------------------------------------------------------------------------------------------ points

    /// @notice Posted value per point set; a decrease takes effect at `effectiveAt`.
    event PointValueSet(uint256 value, uint256 effectiveAt);
    /// @notice Program expiry set (0 = never).
    event ExpirySet(uint48 expiresAt);
    /// @notice `from` added `amount` pUSD to the reserve.
    event ReserveFunded(address indexed from, uint256 amount);
    /// @notice The merchant withdrew `amount` of reserve surplus to `to`.
    event ReserveWithdrawn(address indexed to, uint256 amount);
    /// @notice `holder` redeemed `points` for `paid` pUSD sent to `to`.
    event Redeemed(address indexed holder, address indexed to, uint256 points, uint256 paid);

    // ------------------------------------------------------------------------------------------------ pool

    /// @notice `merchant` drew an advance of `amount` (debt) and received `amount - fee` at `to`.
    event Advanced(address indexed merchant, address indexed to, uint256 amount, uint256 fee, uint256 debt);
    /// @notice `amount` of `merchant`'s debt was recorded as the pool's loss by `caller`.
    event LossRecorded(address indexed merchant, address indexed caller, uint256 amount);
    /// @notice Pool parameters changed.
    event PoolParametersSet(
        uint16 minCreditScore,
        uint16 minAdvanceRateBps,
        uint16 maxAdvanceRateBps,
        uint16 discountFeeBps,
        uint256 maxDebtPerMerchant
    );
}
