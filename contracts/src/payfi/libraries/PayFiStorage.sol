// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A payment's state, one storage word.
/// @param capturable Authorized and not yet captured, voided or reclaimed (held in escrow for the payer).
/// @param held Captured and not yet settled or refunded (held in escrow inside the refund window).
/// @param releaseAt When the held funds may be settled; refunds are possible before it.
/// @param feeBps The fee fixed when the payment was authorized.
/// @param flags `EXISTS` and `PERSIST` (see PayFiStorage).
struct Payment {
    uint96 capturable;
    uint96 held;
    uint40 releaseAt;
    uint16 feeBps;
    uint8 flags;
}

/// @notice A merchant's balances and mirrored payment terms, one storage word.
/// @param pending Sum of `held` over the merchant's payments (escrowed, refundable).
/// @param claimable Settled funds not yet paid out.
/// @param earnRateBps Points per pUSD settled, in bps (mirrored from the registry).
/// @param refundWindow Seconds captured funds are held (mirrored from the registry).
/// @param tier Fee tier (mirrored from the registry).
/// @param status `REGISTERED`, `SUSPENDED`, `HAS_PROGRAM` bits (mirrored from the registry).
struct MerchantAccount {
    uint96 pending;
    uint96 claimable;
    uint24 earnRateBps;
    uint24 refundWindow;
    uint8 tier;
    uint8 status;
}

/// @notice Protocol fee state, one storage word: accrued fees, the referral share and eight tier fees.
struct FeeState {
    uint96 accrued;
    uint16 referralShareBps;
    uint128 tierFees;
}

/// @title PayFiStorage
/// @notice Packing of the PaymentProcessor's hot state into single storage words (one SLOAD and one SSTORE per
/// record and per call), written out explicitly rather than left to the compiler, which stores struct members one
/// by one.
library PayFiStorage {
    /// @notice The payment record exists.
    uint8 internal constant EXISTS = 1;
    /// @notice The record must never be cleared: its id was not consumed as a pUSD EIP-3009 nonce (allowance or
    /// permit path), so the record is what keeps the id from being used twice.
    uint8 internal constant PERSIST = 2;

    /// @notice Masks of a payment word (see `Payment`).
    uint256 internal constant CAPTURABLE_MASK = type(uint96).max;
    uint256 internal constant HELD_MASK = uint256(type(uint96).max) << 96;
    uint256 internal constant EXISTS_BIT = uint256(EXISTS) << 248;
    uint256 internal constant PERSIST_BIT = uint256(PERSIST) << 248;

    /// @notice Merchant status bit: registered.
    uint8 internal constant REGISTERED = 1;
    /// @notice Merchant status bit: suspended (by the admin or for compliance).
    uint8 internal constant SUSPENDED = 2;
    /// @notice Merchant status bit: has a loyalty program.
    uint8 internal constant HAS_PROGRAM = 4;

    function loadPayment(mapping(bytes32 => uint256) storage map, bytes32 id) internal view returns (Payment memory p) {
        uint256 word = map[id];
        p.capturable = uint96(word);
        p.held = uint96(word >> 96);
        p.releaseAt = uint40(word >> 192);
        p.feeBps = uint16(word >> 232);
        p.flags = uint8(word >> 248);
    }

    function storePayment(mapping(bytes32 => uint256) storage map, bytes32 id, Payment memory p) internal {
        map[id] = uint256(p.capturable) | (uint256(p.held) << 96) | (uint256(p.releaseAt) << 192)
            | (uint256(p.feeBps) << 232) | (uint256(p.flags) << 248);
    }

    function loadMerchant(mapping(address => uint256) storage map, address merchant)
        internal
        view
        returns (MerchantAccount memory m)
    {
        uint256 word = map[merchant];
        m.pending = uint96(word);
        m.claimable = uint96(word >> 96);
        m.earnRateBps = uint24(word >> 192);
        m.refundWindow = uint24(word >> 216);
        m.tier = uint8(word >> 240);
        m.status = uint8(word >> 248);
    }

    function storeMerchant(mapping(address => uint256) storage map, address merchant, MerchantAccount memory m)
        internal
    {
        map[merchant] = uint256(m.pending) | (uint256(m.claimable) << 96) | (uint256(m.earnRateBps) << 192)
            | (uint256(m.refundWindow) << 216) | (uint256(m.tier) << 240) | (uint256(m.status) << 248);
    }

    function loadFees(uint256 word) internal pure returns (FeeState memory f) {
        f.accrued = uint96(word);
        f.referralShareBps = uint16(word >> 96);
        f.tierFees = uint128(word >> 112);
    }

    function packFees(FeeState memory f) internal pure returns (uint256) {
        return uint256(f.accrued) | (uint256(f.referralShareBps) << 96) | (uint256(f.tierFees) << 112);
    }

    /// @notice The fee of `tier` (bps) in the packed tier table.
    function tierFee(FeeState memory f, uint256 tier) internal pure returns (uint16) {
        return uint16(f.tierFees >> (tier * 16));
    }

    /// @notice The table with the fee of `tier` replaced by `feeBps`.
    function withTierFee(uint128 tierFees, uint256 tier, uint16 feeBps) internal pure returns (uint128) {
        uint256 shift = tier * 16;
        return uint128((uint256(tierFees) & ~(uint256(0xffff) << shift)) | (uint256(feeBps) << shift));
    }

    /// @notice Whether the merchant may take new payments and captures.
    function isActive(MerchantAccount memory m) internal pure returns (bool) {
        return m.status & (REGISTERED | SUSPENDED) == REGISTERED;
    }
}
