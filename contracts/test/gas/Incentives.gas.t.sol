// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "../incentives/IncentivesBase.sol";

/// @notice Gas of the LiquidityIncentives operations, per transaction (forge --isolate, incl. 21k intrinsic),
/// against real Uniswap v3 contracts, in a steady state: the reward token is already held by the contract
/// (another program exists), the program already has stakers, and the claimer already holds reward tokens.
/// forge-config: default.isolate = true
contract IncentivesGasTest is IncentivesBase {
    ProgramKey internal key;
    uint256 internal aliceId;
    uint256 internal bobId;

    function setUp() public override {
        super.setUp();
        // A program of the same token already funded; unstaked background liquidity in the pool.
        ProgramKey memory other = _key();
        other.rate = RATE + 1;
        _create(other);
        _mintPosition(address(this), peg - 100, peg + 100, 1_000_000);
        key = _key();
        (aliceId,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (bobId,) = _mintPosition(bob, peg - 3, peg + 4, 20_000);
        (uint256 carolId,) = _mintPosition(carol, peg - 10, peg + 10, 5000);
        rewardToken.mint(alice, 1e18);
        rewardToken.mint(bob, 1e18);
        // Carol stakes first so the program has stakers.
        vm.warp(key.startTime - 10);
        _create(key);
        vm.warp(key.startTime + 1 hours);
        _depositAndStake(carol, carolId, key);
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_incentives() public {
        ProgramKey memory next = _key();
        next.startTime += 1 days;
        next.endTime += 1 days;
        vm.prank(creator);
        incentives.createProgram(next);
        vm.snapshotGasLastCall("Incentives", "createProgram");

        ProgramKey[] memory keys = new ProgramKey[](1);
        keys[0] = key;
        vm.prank(alice);
        npm.safeTransferFrom(alice, address(incentives), aliceId, abi.encode(keys));
        vm.snapshotGasLastCall("Incentives", "depositAndStake");

        vm.prank(bob);
        npm.safeTransferFrom(bob, address(incentives), bobId);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(bob);
        incentives.stake(bobId, key);
        vm.snapshotGasLastCall("Incentives", "stake");

        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        incentives.claim(aliceId, key, alice);
        vm.snapshotGasLastCall("Incentives", "claim");

        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        incentives.unstake(aliceId, key);
        vm.snapshotGasLastCall("Incentives", "unstake");

        vm.prank(alice);
        incentives.claimReward(rewardToken, alice, 0);
        vm.snapshotGasLastCall("Incentives", "claimReward");

        vm.prank(alice);
        incentives.withdraw(aliceId, alice, "");
        vm.snapshotGasLastCall("Incentives", "withdraw");
    }
}
