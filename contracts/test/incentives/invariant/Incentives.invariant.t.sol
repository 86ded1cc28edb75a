// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ProgramKey} from "../../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "../IncentivesBase.sol";
import {IncentivesHandler} from "./IncentivesHandler.sol";

/// @notice Invariants of LiquidityIncentives against the real Uniswap v3 pool:
/// rewards paid + claimable + refundable <= funded, per reward token; a stake's accrued rewards never decrease;
/// staked liquidity and stake counts match the stakes.
contract IncentivesInvariantTest is IncentivesBase {
    IncentivesHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new IncentivesHandler(uni, incentives, pool, IERC20(address(pusd)), feeCollector, peg);
        _mint(address(handler), 1e33);
        usdc.mint(address(handler), 1e22);

        ProgramKey memory a = _key();
        ProgramKey memory b = _key(address(rewardToken), 3e14);
        b.tickLower = peg - 10;
        b.tickUpper = peg + 10;
        _create(a);
        _create(b);
        ProgramKey memory s = _key(address(pusd), 1e14);
        s.startTime = uint32(block.timestamp);
        s.endTime = 0;
        vm.prank(owner);
        incentives.createStream(s);
        handler.addProgram(a);
        handler.addProgram(b);
        handler.addProgram(s);

        _mintPosition(address(this), peg - 100, peg + 100, 20_000); // unstaked liquidity
        _add(alice, peg - 5, peg + 5, 10_000);
        _add(alice, peg - 1, peg + 2, 3000);
        _add(bob, peg - 3, peg + 3, 8000);
        _add(bob, peg + 2, peg + 10, 5000);
        _add(carol, peg - 20, peg + 20, 30_000);
        vm.warp(a.startTime);

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = IncentivesHandler.stake.selector;
        selectors[1] = IncentivesHandler.claim.selector;
        selectors[2] = IncentivesHandler.unstake.selector;
        selectors[3] = IncentivesHandler.settle.selector;
        selectors[4] = IncentivesHandler.withdraw.selector;
        selectors[5] = IncentivesHandler.claimReward.selector;
        selectors[6] = IncentivesHandler.refund.selector;
        selectors[7] = IncentivesHandler.swapTo.selector;
        selectors[8] = IncentivesHandler.warp.selector;
        selectors[9] = IncentivesHandler.fees.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _add(address to, int24 lower, int24 upper, uint256 usd) internal {
        (uint256 id,) = _mintPosition(to, lower, upper, usd);
        handler.addPosition(to, id);
    }

    /// paid + claimable + pending + refundable <= funded, i.e. the balance covers every obligation.
    function invariant_solvency() public view {
        ProgramKey[] memory keys = handler.keys();
        _checkToken(IERC20(address(rewardToken)), keys);
        _checkToken(IERC20(address(pusd)), keys);
    }

    function _checkToken(IERC20 token, ProgramKey[] memory keys) internal view {
        uint256 owed = incentives.unallocatedFees(token);
        for (uint256 i; i < handler.actorCount(); ++i) {
            owed += incentives.rewards(token, handler.actors(i));
        }
        for (uint256 p; p < keys.length; ++p) {
            if (keys[p].rewardToken != token) continue;
            owed += incentives.refundable(keys[p]);
            for (uint256 i; i < handler.positionCount(); ++i) {
                owed += incentives.pendingReward(handler.positions(i), keys[p]);
            }
        }
        assertLe(owed, token.balanceOf(address(incentives)), "obligations exceed the balance");
    }

    /// Realized + pending never goes down (a view may round one wei down after the accumulator is persisted).
    function invariant_accruedNeverDecreases() public view {
        assertLe(handler.maxDecrease(), 1);
    }

    function invariant_stakeAccounting() public view {
        ProgramKey[] memory keys = handler.keys();
        for (uint256 p; p < keys.length; ++p) {
            uint256 sum;
            for (uint256 i; i < handler.positionCount(); ++i) {
                uint256 id = handler.positions(i);
                (bool staked,,) = incentives.stakes(id, keccak256(abi.encode(keys[p])));
                if (staked) sum += _depositLiquidity(id);
            }
            assertEq(_stakedLiquidity(keys[p]), sum);
        }
        for (uint256 i; i < handler.positionCount(); ++i) {
            uint256 id = handler.positions(i);
            uint256 count;
            for (uint256 p; p < keys.length; ++p) {
                (bool staked,,) = incentives.stakes(id, keccak256(abi.encode(keys[p])));
                if (staked) ++count;
            }
            assertEq(_numberOfStakes(id), count);
            (address depositor,,,,,) = incentives.deposits(id);
            assertEq(npm.ownerOf(id), depositor == address(0) ? handler.ownerOf(id) : address(incentives));
        }
    }
}
