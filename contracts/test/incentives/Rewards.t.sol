// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

/// @notice The reward formula against the real pool: accrual proportional to liquidity x time while in range,
/// nothing out of range, several stakers and programs, claims mid-program, unstake and restake, refunds that do
/// not wait for stakers, no dilution of late unstakers, and the envelope cap.
contract RewardsTest is IncentivesBase {
    uint256 internal constant DUST = 10; // wei lost to rounding per claim

    /// @dev Unstaked liquidity in range around the peg (the pool's other LPs).
    function _background(uint256 usd) internal returns (uint128 liquidity) {
        (, liquidity) = _mintPosition(address(this), peg - 100, peg + 100, usd);
    }

    function test_aloneInThePool_earnsTheWholeRate() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        _skip(1 days);
        assertApproxEqAbs(_pending(a, key), uint256(RATE) * 1 days, DUST);
    }

    function test_shareOfInRangePoolLiquidity_restIsForfeitedAndRefundable() public {
        ProgramKey memory key = _createStarted();
        _background(90_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 active = pool.liquidity();
        _skip(1 days);
        uint256 expected = uint256(RATE) * 1 days * la / active;
        assertApproxEqAbs(_pending(a, key), expected, DUST);
        uint256 reward = _claim(alice, a, key);
        assertApproxEqAbs(reward, expected, DUST);
        // Everything emitted while staked was either paid or forfeited; forfeits are refundable at once.
        assertApproxEqAbs(reward + _forfeited(key), uint256(RATE) * 1 days, DUST);
        assertEq(incentives.refundable(key), _forfeited(key));
        uint256 refunded = incentives.refund(key);
        assertEq(rewardToken.balanceOf(refundee), refunded);
        assertApproxEqAbs(refunded, uint256(RATE) * 1 days - expected, DUST);
    }

    function testFuzz_accrualProportionalToLiquidityTimesTime(uint256 multiple, uint256 before, uint256 together)
        public
    {
        multiple = bound(multiple, 1, 20);
        before = bound(before, 1 hours, 10 days);
        together = bound(together, 1 hours, 10 days);
        ProgramKey memory key = _createStarted();
        _background(50_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        (uint256 b, uint128 lb) = _mintPosition(bob, peg - 5, peg + 5, 1000 * multiple);
        uint256 active = pool.liquidity();
        _depositAndStake(alice, a, key);
        _skip(before);
        _depositAndStake(bob, b, key);
        _skip(together);
        uint256 ra = _pending(a, key);
        uint256 rb = _pending(b, key);
        assertApproxEqRel(ra, uint256(RATE) * (before + together) * la / active, 1e9);
        assertApproxEqRel(rb, uint256(RATE) * together * lb / active, 1e9);
        // reward / (liquidity x seconds) is the same for both.
        assertApproxEqRel(ra * lb * together, rb * la * (before + together), 1e9);
    }

    function test_outOfRange_stopsAccrual_backInRange_resumes() public {
        ProgramKey memory key = _createStarted();
        _background(50_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 activeWithAlice = pool.liquidity();
        _skip(1 days);
        uint256 day1 = _pending(a, key);
        assertApproxEqAbs(day1, uint256(RATE) * 1 days * la / activeWithAlice, DUST);

        _moveTo(peg + 10); // above alice's range, still inside the band
        uint256 atExit = _pending(a, key);
        _skip(1 days);
        assertEq(_pending(a, key), atExit, "no accrual out of range");
        _moveTo(peg - 12); // below it
        _skip(1 days);
        assertEq(_pending(a, key), atExit, "no accrual out of range");

        _moveTo(peg);
        uint256 atReentry = _pending(a, key);
        _skip(1 days);
        assertApproxEqAbs(_pending(a, key) - atReentry, uint256(RATE) * 1 days * la / pool.liquidity(), DUST);
    }

    function test_outOfRange_aloneInThePool_stopsAndResumes() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        _skip(1 days);
        _moveTo(peg + 8);
        uint256 atExit = _pending(a, key);
        assertApproxEqAbs(atExit, uint256(RATE) * 1 days, DUST);
        _skip(3 days);
        assertEq(_pending(a, key), atExit);
        _moveTo(peg);
        _skip(1 days);
        assertApproxEqAbs(_pending(a, key), uint256(RATE) * 2 days, 2 * DUST);
        // The 3 days out of range were emitted to alice's envelope and forfeited when settled.
        _claim(alice, a, key);
        assertApproxEqAbs(_forfeited(key), uint256(RATE) * 3 days, 2 * DUST);
    }

    function test_severalStakersAndPrograms_areIndependent() public {
        ProgramKey memory r = _createStarted();
        pusd.transfer(creator, 1e24);
        vm.startPrank(creator);
        pusd.approve(address(incentives), type(uint256).max);
        ProgramKey memory p = _key(address(pusd), 3e12);
        p.startTime = r.startTime;
        p.endTime = r.endTime;
        incentives.createProgram(p);
        vm.stopPrank();
        _background(10_000);

        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b, uint128 lb) = _mintPosition(bob, peg - 2, peg + 3, 10_000);
        ProgramKey[] memory both = new ProgramKey[](2);
        (both[0], both[1]) = (r, p);
        vm.prank(alice);
        npm.safeTransferFrom(alice, address(incentives), a, abi.encode(both));
        _depositAndStake(bob, b, p);
        uint256 active = pool.liquidity();
        _skip(2 days);

        assertApproxEqRel(_pending(a, r), uint256(RATE) * 2 days * la / active, 1e9);
        assertApproxEqRel(_pending(a, p), uint256(p.rate) * 2 days * la / active, 1e9);
        assertApproxEqRel(_pending(b, p), uint256(p.rate) * 2 days * lb / active, 1e9);
        assertEq(_pending(b, r), 0);

        // Claiming one program does not touch the other.
        uint256 before = _pending(a, p);
        _claim(alice, a, r);
        assertEq(_pending(a, p), before);
        assertEq(_pending(a, r), 0);
        // Each program emitted at most its rate.
        assertLe(_pending(a, p) + _pending(b, p), uint256(p.rate) * 2 days);
    }

    function test_claimingMidProgram_losesNothing() public {
        ProgramKey memory key = _createStarted();
        _background(50_000);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b,) = _mintPosition(bob, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        uint256 claimed;
        for (uint256 i; i < 5; ++i) {
            _skip(1 days);
            claimed += _claim(alice, a, key);
        }
        assertApproxEqAbs(claimed, _pending(b, key), 5 * DUST);
        assertEq(rewardToken.balanceOf(alice), claimed);
    }

    function test_unstakeAndRestake() public {
        ProgramKey memory key = _createStarted();
        _background(50_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 active = pool.liquidity();
        _skip(1 days);
        uint256 first = _unstake(alice, a, key);
        _skip(1 days); // not staked: earns nothing
        _stake(alice, a, key);
        _skip(1 days);
        uint256 second = _unstake(alice, a, key);
        assertApproxEqAbs(first, uint256(RATE) * 1 days * la / active, DUST);
        assertApproxEqAbs(second, first, DUST);
        assertEq(incentives.rewards(rewardToken, alice), first + second);
        // The unstaked day had no stake at all: its emission is refundable after the end.
        vm.warp(key.endTime);
        _claimRefund();
        assertApproxEqAbs(
            rewardToken.balanceOf(refundee) + first + second, uint256(RATE) * DURATION, 2 * DUST, "all accounted"
        );
    }

    function test_secondsWithoutStakes_areRefundedAfterTheEnd() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _skip(10 days);
        _depositAndStake(alice, a, key);
        vm.warp(key.endTime + 5 days);
        uint256 reward = _unstake(alice, a, key);
        assertApproxEqAbs(reward, uint256(RATE) * 20 days, DUST);
        uint256 refunded = _claimRefund();
        assertApproxEqAbs(refunded, uint256(RATE) * 10 days, DUST);
        assertLe(reward + refunded, uint256(RATE) * DURATION);
        assertEq(rewardToken.balanceOf(address(incentives)), uint256(RATE) * DURATION - refunded);
    }

    function test_refundDoesNotWaitForStakers() public {
        ProgramKey memory key = _createStarted();
        _background(30_000);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b,) = _mintPosition(bob, peg - 3, peg + 3, 10_000);
        _skip(1 days); // a day without stakes
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        vm.warp(key.endTime);

        // Right at the end, with both still staked: the idle day comes back at once.
        uint256 idle = _claimRefund();
        assertEq(idle, uint256(RATE) * 1 days);
        // Anyone settles the stakes (no unstake needed): their forfeits become refundable.
        uint256 ra = incentives.settle(a, key);
        uint256 rb = incentives.settle(b, key);
        uint256 forfeits = _claimRefund();
        assertGt(forfeits, 0);
        assertApproxEqAbs(idle + forfeits + ra + rb, uint256(RATE) * DURATION, 2 * DUST);
        // The stakers leave whenever they like, with exactly what they were credited.
        _skip(60 days);
        assertEq(_unstake(alice, a, key), 0);
        assertEq(_unstake(bob, b, key), 0);
        assertEq(incentives.rewards(rewardToken, alice), ra);
        assertEq(incentives.rewards(rewardToken, bob), rb);
        // What stays behind is the credited rewards plus rounding dust (never less).
        assertGe(rewardToken.balanceOf(address(incentives)), ra + rb);
        assertLe(rewardToken.balanceOf(address(incentives)), ra + rb + DUST);
    }

    function test_lateUnstaker_isNotDiluted() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b,) = _mintPosition(bob, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        vm.warp(key.endTime);
        uint256 bobAtEnd = _pending(b, key);
        uint256 aliceReward = _unstake(alice, a, key);
        assertApproxEqAbs(aliceReward, bobAtEnd, DUST);

        // Long after the end, with the price out of bob's range and new liquidity arriving, bob leaves: he gets
        // what he had earned at the end, no less.
        _moveTo(peg + 30);
        (uint256 c,) = _mintPosition(carol, peg + 25, peg + 35, 100_000);
        c;
        _skip(90 days);
        assertEq(_pending(b, key), bobAtEnd);
        assertEq(_unstake(bob, b, key), bobAtEnd);
    }

    function test_afterTheEnd_pendingNeverExceedsTheEnvelope_andSettlePinsIt() public {
        ProgramKey memory key = _createStarted();
        _background(10_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b,) = _mintPosition(bob, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        uint256 active = pool.liquidity();
        vm.warp(key.endTime);
        uint256 atEnd = _pending(a, key);
        assertApproxEqRel(atEnd, uint256(RATE) * DURATION * la / active, 1e9);
        uint256 settled = incentives.settle(b, key); // pinned at the end
        assertApproxEqAbs(settled, atEnd, DUST);

        // In range after the end, an unsettled stake's pool share keeps counting, but only up to its envelope
        // (its staked share of the emission, here half of it): the refundee pins it by settling at the end.
        _skip(DURATION);
        uint256 late = _pending(a, key);
        assertGe(late, atEnd);
        assertLe(late, uint256(RATE) * DURATION / 2);
        assertEq(_pending(b, key), 0);
    }

    /// Documented bound: a stake earns the smaller of its pool share and its staked share. With the only in-range
    /// liquidity staked next to an out-of-range stake, the in-range one is capped at its staked share.
    function test_envelope_capsAnInRangeStakeWhenStakedLiquidityIsOutOfRange() public {
        ProgramKey memory key = _createStarted();
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (uint256 b, uint128 lb) = _mintPosition(bob, peg + 10, peg + 15, 10_000); // one-sided, above the price
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        assertEq(pool.liquidity(), la);
        _skip(1 days);
        uint256 ra = _claim(alice, a, key);
        assertApproxEqRel(ra, uint256(RATE) * 1 days * la / (la + lb), 1e9);
        assertEq(_pending(b, key), 0);
        // Alice's envelope is her staked share; the part she did not earn is forfeited.
        assertApproxEqRel(ra + _forfeited(key), uint256(RATE) * 1 days * la / (la + lb), 1e9);
        // Bob, out of range, forfeits his whole envelope: the day's emission is paid or refundable.
        assertEq(_claim(bob, b, key), 0);
        assertApproxEqAbs(ra + _forfeited(key), uint256(RATE) * 1 days, DUST);
    }

    function _claimRefund() internal returns (uint256) {
        return incentives.refund(_key0());
    }

    /// @dev The key of `_createStarted` (created at setUp time + START_DELAY).
    function _key0() internal view returns (ProgramKey memory key) {
        key = _key();
        key.startTime = SETUP_TIME + START_DELAY;
        key.endTime = SETUP_TIME + START_DELAY + DURATION;
    }
}

/// @notice The same reward tests with the token order reversed (USDC token0, pUSD token1: the peg at tick +276,324).
contract RewardsUsdcToken0Test is RewardsTest {
    function setUp() public override {
        super.setUp();
        assertEq(pool.token0(), address(usdc));
        assertGt(peg, 0);
    }

    function _deployUsdc() internal override returns (MockUSDC) {
        address low = address(uint160(1) << 140); // below any CREATE address the tests produce
        deployCodeTo("MockUSDC.sol:MockUSDC", low);
        return MockUSDC(low);
    }
}
