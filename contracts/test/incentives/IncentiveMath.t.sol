// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Test} from "forge-std/Test.sol";

import {IncentiveMath} from "../../src/incentives/libraries/IncentiveMath.sol";

/// @notice The pure reward arithmetic (mirrored by the SDK).
contract IncentiveMathTest is Test {
    function testFuzz_grow(uint128 start, uint256 elapsed, uint256 stakedLiquidity) public pure {
        elapsed = bound(elapsed, 0, type(uint32).max);
        stakedLiquidity = bound(stakedLiquidity, 1, type(uint128).max);
        uint128 grown = IncentiveMath.grow(start, elapsed, stakedLiquidity);
        unchecked {
            assertEq(grown - start, uint128((elapsed << 128) / stakedLiquidity));
        }
    }

    function test_grow_wrapsModulo2To128() public pure {
        assertEq(IncentiveMath.grow(type(uint128).max, 1, 1 << 128), 0);
        assertEq(IncentiveMath.grow(type(uint128).max - 1, 3, 1 << 128), 1);
    }

    function testFuzz_emittingSeconds(uint32 from, uint32 to, uint32 windowEnd, uint256 secondsLeft) public pure {
        uint256 got = IncentiveMath.emittingSeconds(from, to, windowEnd, secondsLeft);
        uint256 end = to < windowEnd ? to : windowEnd;
        uint256 expected = end > from ? end - from : 0;
        if (secondsLeft < expected) expected = secondsLeft;
        assertEq(got, expected);
        assertLe(got, secondsLeft);
    }

    function test_emittingSeconds_cases() public pure {
        assertEq(IncentiveMath.emittingSeconds(100, 200, 300, type(uint256).max), 100); // inside the window
        assertEq(IncentiveMath.emittingSeconds(100, 400, 300, type(uint256).max), 200); // clipped at the end
        assertEq(IncentiveMath.emittingSeconds(300, 400, 300, type(uint256).max), 0); // after the end
        assertEq(IncentiveMath.emittingSeconds(100, 400, 400, 50), 50); // funding runs out
    }

    /// Checkpoints recover both growths exactly (modulo 2^127 and 2^128), wherever the accumulators wrap.
    function testFuzz_checkpoint_deltas_roundTrip(uint160 inside, uint128 perStaked, uint256 dT, uint256 dS)
        public
        pure
    {
        dT = bound(dT, 0, (uint256(1) << 127) - 1);
        dS = bound(dS, 0, type(uint128).max);
        uint256 packed = IncentiveMath.checkpoint(inside, perStaked);
        assertTrue(IncentiveMath.isStaked(packed));
        uint160 insideLater;
        uint128 perStakedLater;
        unchecked {
            insideLater = inside + uint160(dS);
            perStakedLater = perStaked + uint128(dT);
        }
        (uint256 gotT, uint256 gotS) = IncentiveMath.deltas(packed, insideLater, perStakedLater);
        assertEq(gotT, dT);
        assertEq(gotS, dS);
    }

    function test_checkpoint_isNonZeroForZeroAccumulators() public pure {
        assertTrue(IncentiveMath.isStaked(IncentiveMath.checkpoint(0, 0)));
        assertFalse(IncentiveMath.isStaked(0));
    }

    function testFuzz_rewards_boundedByEnvelope(uint96 liquidity, uint96 rate, uint128 dT, uint128 dS) public pure {
        (uint256 reward, uint256 envelope) = IncentiveMath.rewards(liquidity, rate, dT, dS);
        assertLe(reward, envelope);
        assertEq(envelope, Math.mulDiv(uint256(liquidity) * dT, rate, 1 << 128));
        assertEq(reward, Math.mulDiv(uint256(liquidity) * (dS < dT ? dS : dT), rate, 1 << 128));
    }

    function testFuzz_rewards_monotoneInBothGrowths(
        uint96 liquidity,
        uint96 rate,
        uint128 dT,
        uint128 dS,
        uint128 moreT,
        uint128 moreS
    ) public pure {
        dT = uint128(bound(dT, 0, type(uint128).max / 2));
        dS = uint128(bound(dS, 0, type(uint128).max / 2));
        moreT = uint128(bound(moreT, 0, type(uint128).max / 2));
        moreS = uint128(bound(moreS, 0, type(uint128).max / 2));
        (uint256 before,) = IncentiveMath.rewards(liquidity, rate, dT, dS);
        (uint256 afterGrowth,) = IncentiveMath.rewards(liquidity, rate, uint256(dT) + moreT, uint256(dS) + moreS);
        assertGe(afterGrowth, before);
    }

    /// The staked-share side: stakes whose liquidities add up to the staked liquidity share at most `rate` per
    /// emitting second, whatever the split.
    function testFuzz_rewards_envelopesNeverExceedEmission(uint96[4] memory liquidities, uint32 elapsed, uint96 rate)
        public
        pure
    {
        elapsed = uint32(bound(elapsed, 1, 4 * 365 days));
        uint256 staked;
        for (uint256 i; i < 4; ++i) {
            liquidities[i] = uint96(bound(liquidities[i], 1 << 32, type(uint96).max));
            staked += liquidities[i];
        }
        uint256 dT = uint128(IncentiveMath.grow(0, elapsed, staked));
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            (, uint256 envelope) = IncentiveMath.rewards(liquidities[i], rate, dT, type(uint128).max);
            total += envelope;
        }
        assertLe(total, uint256(rate) * elapsed);
        assertApproxEqAbs(total, uint256(rate) * elapsed, 4 + (uint256(rate) * 4 >> 32)); // loses only rounding
    }

    function test_rewards_example() public pure {
        // A quarter of the staked liquidity for 100 s at 1e18/s, half of it in range: 12.5e18.
        uint256 dT = (uint256(100) << 128) / 4e20; // 100 s at 4e20 staked liquidity
        (uint256 reward, uint256 envelope) = IncentiveMath.rewards(1e20, 1e18, dT, dT / 2);
        assertApproxEqAbs(envelope, 25e18, 1);
        assertApproxEqAbs(reward, 12.5e18, 1);
    }
}
