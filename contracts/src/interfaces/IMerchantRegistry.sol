// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMerchantRegistry
/// @notice Plaza's registry of merchants: payout address, operators, fee tier, refund window, loyalty program and
/// referral codes. The source of truth; it mirrors the hot payment terms into the PaymentProcessor.
interface IMerchantRegistry {
    /// @notice A merchant's record.
    /// @param payout Where settlements are paid.
    /// @param refundWindow Seconds captured funds stay in escrow (refundable) before settlement; 0 = settled at once.
    /// @param earnRateBps Loyalty points minted per pUSD settled, in bps (10,000 = 1 point per pUSD); 0 = none.
    /// @param tier Fee tier (index into the processor's fee table).
    /// @param registered Whether the merchant is registered.
    /// @param adminSuspended Suspended by the merchant admin.
    /// @param complianceSuspended Suspended because it no longer satisfied the merchant policy.
    /// @param loyaltyProgram Its LoyaltyPoints clone, or 0.
    struct Merchant {
        address payout;
        uint24 refundWindow;
        uint24 earnRateBps;
        uint8 tier;
        bool registered;
        bool adminSuspended;
        bool complianceSuspended;
        address loyaltyProgram;
    }

    /// @notice The record of `merchant`.
    function merchantOf(address merchant) external view returns (Merchant memory);

    /// @notice Where `merchant`'s settlements are paid (0 if not registered).
    function payoutOf(address merchant) external view returns (address);

    /// @notice Registered and not suspended.
    function isActive(address merchant) external view returns (bool);

    /// @notice Whether `operator` may act for `merchant` (capture, void, refund).
    function isOperator(address merchant, address operator) external view returns (bool);

    /// @notice The account that owns referral code `code` (0 if none).
    function referrerByCode(bytes32 code) external view returns (address);

    /// @notice The referral code of `account` (0 if none).
    function referralCodeOf(address account) external view returns (bytes32);

    /// @notice The compliance policy merchants must satisfy.
    function merchantPolicy() external view returns (bytes32);
}
