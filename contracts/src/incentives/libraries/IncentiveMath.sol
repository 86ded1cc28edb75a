// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title IncentiveMath
/// @notice The reward arithmetic of LiquidityIncentives, pure so that off-chain code (the SDK) can mirror it.
/// @dev Reward of a stake of liquidity L over an interval between two of its checkpoints:
///
///     reward   = rate * L * min(dT, dS) / 2^128
///     envelope = rate * L * dT / 2^128           (reward <= envelope; forfeit = envelope - reward)
///
/// where `rate` is the program's emission per second, `dT` the growth of the program's seconds per *staked*
/// liquidity (sum of 2^128 / stakedLiquidity over its emitting seconds) and `dS` the growth of Uniswap's
/// `secondsPerLiquidityInsideX128` of the position's range (sum of 2^128 / poolActiveLiquidity over the seconds
/// the pool's price was inside the range). `L * dT / 2^128` is the stake's share of the program's emitting
/// seconds, `L * dS / 2^128` its share of the pool's in-range liquidity-seconds; a stake earns the smaller.
///
/// Both accumulators are kept modulo 2^128 (the stake checkpoint keeps dT modulo 2^127 to leave room for an
/// existence flag); differences are exact as long as the true growth between two checkpoints is below 2^127,
/// which holds when the staked liquidity is at least 2^32 (then both integrands are at most 2^96 per second)
/// and a stake is checkpointed at least every 2^31 seconds (68 years).
library IncentiveMath {
    uint256 internal constant Q128 = 1 << 128;
    uint256 private constant STAKED_FLAG = 1 << 127;
    uint256 private constant MASK_127 = STAKED_FLAG - 1;

    /// @notice Seconds per staked liquidity (X128, mod 2^128) after `elapsed` emitting seconds at
    /// `stakedLiquidity` (non-zero).
    function grow(uint128 secondsPerStakedLiquidityX128, uint256 elapsed, uint256 stakedLiquidity)
        internal
        pure
        returns (uint128)
    {
        unchecked {
            return uint128(secondsPerStakedLiquidityX128 + (elapsed << 128) / stakedLiquidity);
        }
    }

    /// @notice Emitting seconds between `from` (last update) and `to`, clipped to the program window's end and,
    /// for a stream, to the seconds its funding still covers.
    /// @param windowEnd End of the emission window (the current time for a running stream).
    /// @param secondsLeft Seconds of emission still funded (type(uint256).max for fixed programs).
    function emittingSeconds(uint256 from, uint256 to, uint256 windowEnd, uint256 secondsLeft)
        internal
        pure
        returns (uint256)
    {
        uint256 end = Math.min(to, windowEnd);
        return end > from ? Math.min(end - from, secondsLeft) : 0;
    }

    /// @notice Packs a stake checkpoint: Uniswap's seconds per liquidity inside (mod 2^128) in the low half and
    /// the program's seconds per staked liquidity (mod 2^127) with the existence flag in the high half.
    function checkpoint(uint160 secondsPerLiquidityInsideX128, uint128 secondsPerStakedLiquidityX128)
        internal
        pure
        returns (uint256)
    {
        return (((uint256(secondsPerStakedLiquidityX128) & MASK_127) | STAKED_FLAG) << 128)
            | uint128(secondsPerLiquidityInsideX128);
    }

    /// @notice Whether a packed checkpoint belongs to an open stake.
    function isStaked(uint256 packed) internal pure returns (bool) {
        return packed != 0;
    }

    /// @notice Growth of both accumulators since the checkpoint `packed`.
    /// @return dT Growth of the program's seconds per staked liquidity (X128).
    /// @return dS Growth of the range's seconds per pool liquidity (X128).
    function deltas(uint256 packed, uint160 secondsPerLiquidityInsideX128, uint128 secondsPerStakedLiquidityX128)
        internal
        pure
        returns (uint256 dT, uint256 dS)
    {
        unchecked {
            dT = (uint256(secondsPerStakedLiquidityX128) - (packed >> 128)) & MASK_127;
            dS = uint128(uint128(secondsPerLiquidityInsideX128) - uint128(packed));
        }
    }

    /// @notice Reward and envelope (reward + forfeit) of `liquidity` over growths `dT` and `dS` at `rate`.
    function rewards(uint256 liquidity, uint256 rate, uint256 dT, uint256 dS)
        internal
        pure
        returns (uint256 reward, uint256 envelope)
    {
        envelope = Math.mulDiv(liquidity * dT, rate, Q128);
        reward = dS < dT ? Math.mulDiv(liquidity * dS, rate, Q128) : envelope;
    }
}
