// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PayFiErrors
/// @notice Custom errors of the PayFi contracts (MerchantRegistry, PaymentProcessor, LoyaltyPoints, AdvancePool).
library PayFiErrors {
    // ------------------------------------------------------------------------------------------------ shared

    /// @notice An address argument is zero.
    error ZeroAddress();
    /// @notice Two arrays have different lengths.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice An amount is zero.
    error ZeroAmount();

    // ------------------------------------------------------------------------------------------------ payments

    /// @notice The payment's token is not pUSD.
    error UnsupportedToken(address token);
    /// @notice The payment amount is zero or above 2^96 - 1.
    error InvalidAmount(uint256 amount);
    /// @notice The authorization has expired (`authorizationExpiry` ≤ now).
    error AuthorizationExpired(uint256 authorizationExpiry);
    /// @notice The payer reclaims before the authorization expiry.
    error AuthorizationNotExpired(uint256 authorizationExpiry);
    /// @notice `refundExpiry` is before `authorizationExpiry`.
    error InvalidExpiries(uint256 authorizationExpiry, uint256 refundExpiry);
    /// @notice The merchant is not registered or is suspended.
    error MerchantNotActive(address merchant);
    /// @notice The merchant's tier fee is outside the payment's signed bounds.
    error FeeOutOfBounds(uint256 feeBps, uint256 minFeeBps, uint256 maxFeeBps);
    /// @notice A direct payment was submitted to an escrow entry point or the other way round.
    error WrongPaymentMode(bool autoCapture);
    /// @notice The payment id was already used (by this processor or as a pUSD authorization nonce).
    error PaymentAlreadyExists(bytes32 id);
    /// @notice No stored payment has this id.
    error PaymentNotFound(bytes32 id);
    /// @notice Only the payer may call.
    error NotPayer(address caller, address payer);
    /// @notice Only the merchant or one of its operators may call.
    error NotMerchantOrOperator(address caller, address merchant);
    /// @notice More than what is still capturable.
    error AmountExceedsCapturable(uint256 amount, uint256 capturable);
    /// @notice More than what is still held (refundable).
    error AmountExceedsRefundable(uint256 amount, uint256 held);
    /// @notice Nothing left to void or reclaim.
    error NothingToReturn(bytes32 id);
    /// @notice The refund window has ended (the held funds are released, or nothing is held).
    error RefundWindowClosed(bytes32 id, uint256 releaseAt);
    /// @notice The payment's refund window has not ended yet.
    error NotYetReleasable(bytes32 id, uint256 releaseAt);
    /// @notice The payment holds nothing to settle.
    error NothingToSettle(bytes32 id);
    /// @notice `account` has nothing to withdraw or claim.
    error NothingToClaim(address account);
    /// @notice Points redeemed at a merchant without a loyalty program.
    error NoLoyaltyProgram(address merchant);
    /// @notice Only the MerchantRegistry.
    error NotRegistry(address caller);
    /// @notice Only the AdvancePool.
    error NotAdvancePool(address caller);
    /// @notice A tier fee above the maximum.
    error InvalidFeeBps(uint256 feeBps);
    /// @notice A referral share above 60% of the fee.
    error InvalidReferralShare(uint256 shareBps);
    /// @notice A tier index out of range.
    error InvalidTier(uint256 tier);
    /// @notice The AdvancePool can be set only once.
    error AdvancePoolAlreadySet();
    /// @notice The advance would exceed the merchant's collateral (held plus released funds).
    error AdvanceExceedsCollateral(uint256 debtAfter, uint256 collateral);
    /// @notice A write-off larger than the merchant's debt.
    error WriteOffExceedsDebt(uint256 amount, uint256 debt);

    // ------------------------------------------------------------------------------------------------ registry

    /// @notice The account is already a registered merchant.
    error AlreadyRegistered(address merchant);
    /// @notice The account is not a registered merchant.
    error NotRegistered(address merchant);
    /// @notice The merchant does not satisfy the merchant policy.
    error NotCompliant(address merchant, bytes32 policyId);
    /// @notice The merchant still satisfies the policy (nothing to enforce).
    error StillCompliant(address merchant);
    /// @notice A refund window above the maximum.
    error InvalidRefundWindow(uint256 refundWindow);
    /// @notice A referral code that another account already owns.
    error ReferralCodeTaken(bytes32 code, address owner);
    /// @notice An earn rate above the maximum.
    error InvalidEarnRate(uint256 earnRateBps);
    /// @notice The merchant already has a loyalty program.
    error LoyaltyProgramExists(address merchant, address program);
    /// @notice The processor can be set only once.
    error ProcessorAlreadySet();
    /// @notice The processor is not set yet.
    error ProcessorNotSet();

    // ------------------------------------------------------------------------------------------------ points

    /// @notice Only the PaymentProcessor.
    error NotProcessor(address caller);
    /// @notice Only the program's merchant.
    error NotMerchant(address caller);
    /// @notice The clone is already initialized.
    error AlreadyInitialized();
    /// @notice The program expired at `expiresAt`.
    error ProgramExpired(uint256 expiresAt);
    /// @notice An expiry closer than the notice period (or in the past).
    error InvalidExpiry(uint256 expiresAt, uint256 earliest);
    /// @notice A withdrawal above the reserve's surplus over the points liability.
    error ExceedsSurplus(uint256 amount, uint256 surplus);
    /// @notice Redemption pays nothing (no reserve or no posted value).
    error NothingToRedeem();

    // ------------------------------------------------------------------------------------------------ advances

    /// @notice The merchant's credit score is below the pool's minimum.
    error CreditScoreTooLow(uint256 score, uint256 minScore);
    /// @notice The advance exceeds the merchant's limit.
    error AdvanceExceedsLimit(uint256 amount, uint256 limit);
    /// @notice The pool has less idle pUSD than needed.
    error InsufficientLiquidity(uint256 needed, uint256 idle);
    /// @notice The merchant would receive less than its minimum.
    error AdvanceBelowMinimum(uint256 received, uint256 minReceived);
    /// @notice Pool parameters out of range.
    error InvalidParameters();
    /// @notice The write-off is not allowed for this caller or merchant state.
    error WriteOffNotAllowed(address merchant);
    /// @notice The merchant has no debt to write off.
    error NothingToWriteOff(address merchant);
}
