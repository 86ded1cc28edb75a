// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMerchantRegistry} from "./IMerchantRegistry.sol";

/// @notice Everything a payer's signature binds. The payment id is the EIP-712 hash of this struct under the
/// processor's domain (`name` "Plaza Payments", `version` "1", the chain id and the processor's address).
/// @param payer Who pays (and signs the EIP-3009 authorization).
/// @param merchant The registered merchant (its account address, not its payout address).
/// @param token The payment token; must be pUSD.
/// @param amount pUSD pulled from the payer: paid in full by a direct payment, the cap of an escrow authorization.
/// @param pointsRedeemed The merchant's loyalty points the payer burns for a discount (0 for none).
/// @param orderRef The merchant's order reference (opaque to the processor; carried in every event).
/// @param authorizationExpiry Last second (exclusive) at which the payment can be made or captured; the EIP-3009
/// authorization is valid before it; after it the payer can reclaim whatever was not captured.
/// @param refundExpiry Refunds end and held funds are released no later than this (≥ authorizationExpiry).
/// @param minFeeBps Lowest fee (bps of the amount) the merchant accepts for this payment.
/// @param maxFeeBps Highest fee the merchant accepts for this payment.
/// @param referrer Who referred the payment (receives a share of the fee if it is a registered referrer), or 0.
/// @param autoCapture True for a direct payment (captured in full at once), false for an escrow authorization.
/// @param salt Any value that makes the id unique.
struct PaymentInfo {
    address payer;
    address merchant;
    address token;
    uint256 amount;
    uint256 pointsRedeemed;
    bytes32 orderRef;
    uint48 authorizationExpiry;
    uint48 refundExpiry;
    uint16 minFeeBps;
    uint16 maxFeeBps;
    address referrer;
    bool autoCapture;
    uint256 salt;
}

/// @title IPaymentProcessor
/// @notice Plaza's merchant payment processor: one-signature checkout (EIP-3009), escrow (authorize, capture,
/// void, reclaim, refund), settlement after the merchant's refund window, fees with a referral share, loyalty
/// points and the ledger of AdvancePool advances. See contracts/README.md (PayFi) for the lifecycle.
interface IPaymentProcessor {
    // ------------------------------------------------------------------------------------------------ payments

    /// @notice Escrow authorization from the payer's EIP-3009 `ReceiveWithAuthorization` (nonce = payment id,
    /// validAfter = 0, validBefore = `authorizationExpiry`, value = `amount`, to = this processor).
    /// Anyone may submit. Requires `autoCapture == false`.
    function authorize(PaymentInfo calldata payment, uint8 v, bytes32 r, bytes32 s) external returns (bytes32 id);

    /// @notice `authorize` with a `bytes` signature (65-byte ECDSA, or anything an ERC-1271 payer accepts).
    function authorize(PaymentInfo calldata payment, bytes calldata signature) external returns (bytes32 id);

    /// @notice Escrow authorization pulled with the payer's pUSD allowance; only the payer may call.
    function authorizeFrom(PaymentInfo calldata payment) external returns (bytes32 id);

    /// @notice Direct payment from the payer's EIP-3009 authorization (same typed data as `authorize`); anyone may
    /// submit. Requires `autoCapture == true`. Settled at once unless the merchant has a refund window.
    function payWithAuthorization(PaymentInfo calldata payment, uint8 v, bytes32 r, bytes32 s)
        external
        returns (bytes32 id);

    /// @notice `payWithAuthorization` with a `bytes` signature (ECDSA or ERC-1271).
    function payWithAuthorization(PaymentInfo calldata payment, bytes calldata signature) external returns (bytes32 id);

    /// @notice Direct payment pulled with the payer's pUSD allowance; only the payer may call.
    function pay(PaymentInfo calldata payment) external returns (bytes32 id);

    /// @notice `pay` after an EIP-2612 permit (a permit already used is tolerated).
    function payWithPermit(PaymentInfo calldata payment, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (bytes32 id);

    /// @notice Captures `amount` of an authorization (partial and repeated captures allowed) before its expiry.
    /// Only the merchant or its operators.
    function capture(PaymentInfo calldata payment, uint256 amount) external;

    /// @notice Captures many authorizations in one transaction (all or nothing).
    function captureBatch(PaymentInfo[] calldata payments, uint256[] calldata amounts) external;

    /// @notice Returns what is still capturable to the payer. Only the merchant or its operators.
    function void(PaymentInfo calldata payment) external;

    /// @notice Returns what is still capturable to the payer after the authorization expiry. Only the payer.
    function reclaim(PaymentInfo calldata payment) external;

    /// @notice Refunds `amount` of captured funds still held (inside the refund window) to the payer.
    /// Only the merchant or its operators.
    function refund(PaymentInfo calldata payment, uint256 amount) external;

    /// @notice Settles a payment whose refund window has ended: fee split, points, merchant credit, then pays the
    /// merchant out (pool repaid first). Permissionless.
    function settle(PaymentInfo calldata payment) external;

    /// @notice Settles every payment of the list whose refund window has ended (others are skipped), then pays out
    /// each merchant of the list. Permissionless.
    /// @return settled How many payments were settled.
    function settleBatch(PaymentInfo[] calldata payments) external returns (uint256 settled);

    // ------------------------------------------------------------------------------------------------ balances

    /// @notice Pays `merchant`'s released balance to its payout address (advance debt repaid first). If the
    /// transfer fails (e.g. a blocked payout address) the balance stays claimable. Permissionless.
    function payout(address merchant) external returns (uint256 paid);

    /// @notice The calling merchant withdraws its released balance to `to` (advance debt repaid first).
    function withdraw(address to) external returns (uint256 paid);

    /// @notice The caller withdraws its credit (referral fees, returns that could not be pushed) to `to`.
    function claim(address to) external returns (uint256 amount);

    /// @notice Sends the accrued protocol fees to the FeeCollector. Permissionless.
    function sweepFees() external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------ registry

    /// @notice Mirrors a merchant's payment terms; only the MerchantRegistry.
    function syncMerchant(address merchant, uint24 earnRateBps, uint24 refundWindow, uint8 tier, uint8 status) external;

    /// @notice Mirrors an operator permission; only the MerchantRegistry.
    function syncOperator(address merchant, address operator, bool allowed) external;

    /// @notice Mirrors whether `account` is a registered referrer; only the MerchantRegistry.
    function syncReferrer(address account, bool active) external;

    /// @notice Sets the fee of `tier` (≤ 10%); applies to payments authorized afterwards. Only the registry.
    function setTierFee(uint8 tier, uint16 feeBps) external;

    /// @notice Sets the referrers' share of the fee (≤ 60%). Only the registry.
    function setReferralShare(uint16 shareBps) external;

    /// @notice Sets where fees are swept. Only the registry.
    function setFeeCollector(address collector) external;

    /// @notice Sets the AdvancePool, once. Only the registry.
    function setAdvancePool(address pool) external;

    // ------------------------------------------------------------------------------------------------ advances

    /// @notice Records an advance of `amount` against `merchant`'s receivables; only the AdvancePool.
    /// @return debt The merchant's debt afterwards.
    function openAdvance(address merchant, uint256 amount) external returns (uint256 debt);

    /// @notice Writes off `amount` of `merchant`'s advance debt as the pool's loss; only the AdvancePool.
    function writeOffAdvance(address merchant, uint256 amount) external;

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The payment id of `payment`: its EIP-712 typed-data hash under the processor's domain.
    function paymentId(PaymentInfo calldata payment) external view returns (bytes32);

    /// @notice The stored state of payment `id` (all zero once a finished 3009 payment's storage is cleared).
    function paymentState(bytes32 id)
        external
        view
        returns (uint256 capturable, uint256 held, uint256 releaseAt, uint16 feeBps, bool exists);

    /// @notice `merchant`'s funds: held in escrow (captured, inside the refund window), released but not yet paid
    /// out, and advance debt owed to the AdvancePool.
    function merchantBalances(address merchant) external view returns (uint256 pending, uint256 claimable, uint256 debt);

    /// @notice What a merchant's advances are secured by: held plus released funds not yet paid out.
    function collateralOf(address merchant) external view returns (uint256);

    /// @notice The credit of `account` (referral fees and returns that could not be pushed).
    function creditOf(address account) external view returns (uint256);

    /// @notice Advance ledger: outstanding debt, and cumulative advanced, repaid and written off.
    function advanceTotals()
        external
        view
        returns (uint256 outstanding, uint256 advanced, uint256 repaid, uint256 writtenOff);

    /// @notice The address of `merchant`'s LoyaltyPoints clone (it may not be deployed yet).
    function loyaltyProgramOf(address merchant) external view returns (address);

    /// @notice The EIP-712 domain separator of payment ids.
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice The LoyaltyPoints implementation that merchants' programs clone.
    function loyaltyImplementation() external view returns (address);

    /// @notice The MerchantRegistry that configures this processor.
    function registry() external view returns (IMerchantRegistry);

    /// @notice The AdvancePool, once set.
    function advancePool() external view returns (address);
}
