// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

contract SmokeTest is IncentivesBase {
    function test_smoke() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mint(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        vm.warp(block.timestamp + 1 days);
        emit log_uint(incentives.pendingReward(a, key));
        vm.prank(alice);
        uint256 r = incentives.claim(a, key, alice);
        assertEq(r, uint256(RATE) * 1 days - 1);
        _moveTo(peg + 10);
        vm.warp(block.timestamp + 1 days);
        assertEq(incentives.pendingReward(a, key), 0);
        _moveTo(peg);
        vm.warp(block.timestamp + 1 days);
        emit log_uint(incentives.pendingReward(a, key));
    }
}
