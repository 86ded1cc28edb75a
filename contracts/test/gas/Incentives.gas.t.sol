// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "../incentives/IncentivesBase.sol";
import {PlainERC20} from "../utils/PlainERC20.sol";

/// @notice Gas of the LiquidityIncentives operations, per transaction (forge --isolate, incl. 21k intrinsic),
/// against the real Uniswap v3 contracts and the pUSD/USDC pool, in a steady state: the reward token (a plain
/// OpenZeppelin ERC-20, like v3-staker's test token) is already held by the contract (another program exists), the
/// program already has a staker, the pool has unstaked liquidity, and the LPs already hold some reward tokens.
/// `npmTransfer` is a reference, not an Incentives operation: the position manager's own safeTransferFrom between
/// two wallets, which `depositAndStake` and `withdraw` include.
/// forge-config: default.isolate = true
contract IncentivesGasTest is IncentivesBase {
    PlainERC20 internal token;
    ProgramKey internal key;
    uint256 internal aliceId;
    uint256 internal bobId;
    uint256 internal carolOther;

    function setUp() public override {
        super.setUp();
        token = new PlainERC20();
        token.mint(creator, 1e30);
        vm.prank(creator);
        token.approve(address(incentives), type(uint256).max);

        ProgramKey memory other = _key(address(token), RATE + 1);
        _create(other);
        _mintPosition(address(this), peg - 100, peg + 100, 1_000_000);
        key = _key(address(token), RATE);
        (aliceId,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        (bobId,) = _mintPosition(bob, peg - 3, peg + 4, 20_000);
        (uint256 carolId,) = _mintPosition(carol, peg - 10, peg + 10, 5000);
        (carolOther,) = _mintPosition(carol, peg - 10, peg + 10, 5000);
        token.mint(alice, 1e18);
        token.mint(bob, 1e18);
        vm.warp(key.startTime - 10);
        _create(key);
        vm.warp(key.startTime + 1 hours);
        _depositAndStake(carol, carolId, key);
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_incentives() public {
        ProgramKey memory next = _key(address(token), RATE);
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
        incentives.claimReward(IERC20(address(token)), alice, 0);
        vm.snapshotGasLastCall("Incentives", "claimReward");

        vm.prank(alice);
        incentives.withdraw(aliceId, alice, "");
        vm.snapshotGasLastCall("Incentives", "withdraw");

        vm.prank(carol);
        npm.safeTransferFrom(carol, makeAddr("dave"), carolOther);
        vm.snapshotGasLastCall("Incentives", "npmTransfer");
    }
}
