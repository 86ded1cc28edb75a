// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title FeeMath
/// @notice Fee, referral and points arithmetic. Amounts are below 2^96 and rates below 2^24, so products fit in
/// 256 bits without overflow checks of their own.
library FeeMath {
    /// @notice 100% in basis points.
    uint256 internal constant BPS = 10_000;

    /// @notice The fee on `amount` at `feeBps`, rounded up: any non-zero amount at a non-zero rate pays at least
    /// 1 wei, so splitting a payment into tiny settlements can never round the fee away.
    function fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return (amount * feeBps + BPS - 1) / BPS;
    }

    /// @notice The referrer's share of `fee_` at `shareBps`, rounded down (the rounding stays with the protocol).
    function referralShare(uint256 fee_, uint256 shareBps) internal pure returns (uint256) {
        return fee_ * shareBps / BPS;
    }

    /// @notice Points earned on `amount` pUSD at `earnRateBps` (10,000 = one point per pUSD), rounded down.
    function points(uint256 amount, uint256 earnRateBps) internal pure returns (uint256) {
        return amount * earnRateBps / BPS;
    }

    /// @notice Redeemed points given back when `returned` of a payment of `amount` goes back to the payer.
    function restoredPoints(uint256 pointsRedeemed, uint256 returned, uint256 amount) internal pure returns (uint256) {
        return Math.mulDiv(pointsRedeemed, returned, amount);
    }
}
