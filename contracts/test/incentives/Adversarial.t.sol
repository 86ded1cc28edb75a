// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {LiquidityIncentives} from "../../src/incentives/LiquidityIncentives.sol";
import {IncentivesErrors} from "../../src/incentives/libraries/IncentivesErrors.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {INonfungiblePositionManager, IUniswapV3Pool} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {HookToken, PausableRewardToken} from "../utils/HostileTokens.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Deployer} from "../utils/UniswapV3Deployer.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

/// @notice Holds a position and tries to game a program with flash liquidity in one transaction.
contract FlashGamer {
    INonfungiblePositionManager internal immutable npm;
    LiquidityIncentives internal immutable incentives;
    IUniswapV3Pool internal immutable pool;

    constructor(INonfungiblePositionManager npm_, LiquidityIncentives incentives_, IUniswapV3Pool pool_) {
        (npm, incentives, pool) = (npm_, incentives_, pool_);
        IERC20(pool_.token0()).approve(address(npm_), type(uint256).max);
        IERC20(pool_.token1()).approve(address(npm_), type(uint256).max);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    /// @dev Stake a small position, add a huge (flash-borrowed) amount of liquidity to it, claim, take the
    /// liquidity back out, all at once. Returns what the claims paid.
    function attack(uint256 tokenId, ProgramKey calldata key, uint256 amount0, uint256 amount1)
        external
        returns (uint256 paid)
    {
        ProgramKey[] memory keys = new ProgramKey[](1);
        keys[0] = key;
        npm.safeTransferFrom(address(this), address(incentives), tokenId, abi.encode(keys));
        (uint128 added,,) = npm.increaseLiquidity(
            INonfungiblePositionManager.IncreaseLiquidityParams(tokenId, amount0, amount1, 0, 0, block.timestamp)
        );
        paid += incentives.claim(tokenId, key, address(this));
        // Restaking with no stake open re-snapshots the (now huge) liquidity...
        incentives.unstake(tokenId, key);
        incentives.stake(tokenId, key);
        paid += incentives.claim(tokenId, key, address(this));
        // ...but the liquidity can only be taken out after unstaking and withdrawing: zero seconds staked.
        incentives.unstake(tokenId, key);
        paid += incentives.claimReward(key.rewardToken, address(this), 0);
        incentives.withdraw(tokenId, address(this), "");
        npm.decreaseLiquidity(
            INonfungiblePositionManager.DecreaseLiquidityParams(tokenId, added, 0, 0, block.timestamp)
        );
        npm.collect(
            INonfungiblePositionManager.CollectParams(tokenId, address(this), type(uint128).max, type(uint128).max)
        );
    }
}

/// @notice Receives a withdrawn NFT and tries to re-enter LiquidityIncentives from the ERC-721 callback.
contract ReentrantReceiver {
    LiquidityIncentives internal immutable incentives;
    bytes public reentryError;
    bytes internal call;

    constructor(LiquidityIncentives incentives_) {
        incentives = incentives_;
    }

    function arm(bytes calldata call_) external {
        call = call_;
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        (bool ok, bytes memory ret) = address(incentives).call(call);
        if (!ok) reentryError = ret;
        return this.onERC721Received.selector;
    }
}

/// @notice Attacks named in the incentives issue and ARCHITECTURE §4.
contract AdversarialTest is IncentivesBase {
    uint256 internal constant DUST = 10;

    function test_flashLiquidity_earnsNothing() public {
        ProgramKey memory key = _createStarted();
        _skip(1 days);
        FlashGamer gamer = new FlashGamer(npm, incentives, pool);
        (uint256 id,) = _mintPosition(address(gamer), peg - 5, peg + 5, 1);
        bool pusdIs0 = pool.token0() == address(pusd);
        pusd.transfer(address(gamer), 1e26);
        usdc.transfer(address(gamer), 1e14);
        uint256 paid = gamer.attack(id, key, pusdIs0 ? 1e26 : 1e14, pusdIs0 ? 1e14 : 1e26);
        assertEq(paid, 0);
        assertEq(rewardToken.balanceOf(address(gamer)), 0);
        assertEq(npm.ownerOf(id), address(gamer));
    }

    function test_increaseLiquidityAfterStaking_earnsNothingExtra() public {
        ProgramKey memory key = _createStarted();
        _mintPosition(address(this), peg - 100, peg + 100, 100_000);
        (uint256 a, uint128 la) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        (uint256 b, uint128 lb) = _mintPosition(bob, peg - 5, peg + 5, 1000);
        assertEq(la, lb);
        _depositAndStake(alice, a, key);
        _depositAndStake(bob, b, key);
        // Someone adds 100x liquidity to alice's staked position (anyone may increase any position).
        bool pusdIs0 = pool.token0() == address(pusd);
        npm.increaseLiquidity(
            INonfungiblePositionManager.IncreaseLiquidityParams(
                a, pusdIs0 ? 1e23 : 1e11, pusdIs0 ? 1e11 : 1e23, 0, 0, block.timestamp
            )
        );
        _skip(1 days);
        assertEq(_pending(a, key), _pending(b, key));
        assertEq(_stakedLiquidity(key), uint256(la) + lb);
    }

    function test_someoneElsesNft_cannotBeDepositedStakedClaimedOrWithdrawn() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        vm.expectRevert(); // the position manager refuses: bob is neither owner nor approved
        vm.prank(bob);
        npm.safeTransferFrom(alice, address(incentives), a);

        _deposit(alice, a);
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, a));
        incentives.stake(a, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, a));
        incentives.withdraw(a, bob, "");
        vm.stopPrank();

        _stake(alice, a, key);
        _skip(1 days);
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, a));
        incentives.claim(a, key, bob);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, a));
        incentives.unstake(a, key);
        // claimReward only ever pays the caller's own credit.
        assertEq(incentives.claimReward(rewardToken, bob, 0), 0);
        vm.stopPrank();
        assertEq(rewardToken.balanceOf(bob), 0);
    }

    function test_claimForAnotherOwner_afterEnd_creditsTheOwner() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        _depositAndStake(alice, a, key);
        vm.warp(key.endTime);
        vm.prank(bob);
        uint256 reward = incentives.settle(a, key);
        assertGt(reward, 0);
        assertEq(incentives.rewards(rewardToken, alice), reward);
        assertEq(incentives.rewards(rewardToken, bob), 0);
        vm.prank(bob);
        assertEq(incentives.claimReward(rewardToken, bob, 0), 0);
    }

    function test_programOnAFakePool_cannotTakeGenuinePositions() public {
        ProgramKey memory key = _key();
        key.pool = address(new FlashGamer(npm, incentives, pool)); // any contract posing as the pool
        _create(key);
        vm.warp(key.startTime);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.WrongPool.selector, address(pool), key.pool));
        _depositAndStake(alice, a, key);
    }

    function test_rewardTokenEqualToAPoolToken() public {
        pusd.transfer(creator, 1e24);
        vm.prank(creator);
        pusd.approve(address(incentives), type(uint256).max);
        ProgramKey memory key = _key(address(pusd), 1e12);
        _create(key);
        vm.warp(key.startTime);
        uint256 funded = uint256(key.rate) * DURATION;
        _mintPosition(address(this), peg - 100, peg + 100, 50_000);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        // Trading the pool moves pUSD around the pool, never through the incentives contract.
        for (uint256 i; i < 4; ++i) {
            _skip(3 days);
            _moveTo(i % 2 == 0 ? peg + 3 : peg - 3);
        }
        uint256 paid = _claim(alice, a, key);
        assertGt(paid, 0);
        assertEq(pusd.balanceOf(alice), paid);
        vm.warp(key.endTime);
        paid += _unstake(alice, a, key);
        vm.prank(alice);
        incentives.claimReward(IERC20(address(pusd)), alice, 0);
        uint256 refunded = incentives.refund(key);
        assertLe(paid + refunded, funded);
        assertApproxEqAbs(paid + refunded, funded, DUST);
        assertEq(pusd.balanceOf(address(incentives)), funded - paid - refunded);
    }

    function test_revertingRewardToken_neverTrapsTheNft() public {
        PausableRewardToken bad = new PausableRewardToken();
        bad.mint(creator, 1e30);
        vm.prank(creator);
        bad.approve(address(incentives), type(uint256).max);
        ProgramKey memory key = _key();
        key.rewardToken = IERC20(address(bad));
        ProgramKey memory good = _key();
        _create(key);
        _create(good);
        vm.warp(key.startTime);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        ProgramKey[] memory keys = new ProgramKey[](2);
        (keys[0], keys[1]) = (key, good);
        vm.prank(alice);
        npm.safeTransferFrom(alice, address(incentives), a, abi.encode(keys));
        _skip(1 days);

        bad.setPaused(true);
        vm.expectRevert(PausableRewardToken.Paused.selector);
        _claim(alice, a, key);
        // The other program is unaffected; unstaking never calls the reward token; the NFT comes back.
        assertGt(_claim(alice, a, good), 0);
        uint256 credited = _unstake(alice, a, key);
        assertGt(credited, 0);
        _unstake(alice, a, good);
        vm.prank(alice);
        incentives.withdraw(a, alice, "");
        assertEq(npm.ownerOf(a), alice);
        // The credit waits until the token works again.
        vm.expectRevert(PausableRewardToken.Paused.selector);
        vm.prank(alice);
        incentives.claimReward(IERC20(address(bad)), alice, 0);
        bad.setPaused(false);
        vm.prank(alice);
        assertEq(incentives.claimReward(IERC20(address(bad)), alice, 0), credited);
    }

    function test_rewardTokenBlockingTheOwner_claimElsewhere() public {
        ProgramKey memory key = _createStarted();
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        _depositAndStake(alice, a, key);
        _skip(1 days);
        rewardToken.setFailTo(alice, true);
        vm.expectRevert(abi.encodeWithSelector(TestERC20.TransferRefused.selector, alice));
        _claim(alice, a, key);
        vm.prank(alice);
        uint256 paid = incentives.claim(a, key, carol);
        assertGt(paid, 0);
        assertEq(rewardToken.balanceOf(carol), paid);
    }

    function test_reentrancy_throughTheNftCallbackOnWithdraw() public {
        ProgramKey memory key = _createStarted();
        ReentrantReceiver receiver = new ReentrantReceiver(incentives);
        (uint256 a,) = _mintPosition(address(receiver), peg - 5, peg + 5, 1000);
        (uint256 b,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        _depositAndStake(alice, b, key);
        vm.prank(address(receiver));
        npm.safeTransferFrom(address(receiver), address(incentives), a);

        bytes[3] memory calls = [
            abi.encodeCall(incentives.withdraw, (a, address(receiver), "")),
            abi.encodeCall(incentives.stake, (a, key)),
            abi.encodeCall(incentives.claim, (b, key, address(receiver)))
        ];
        for (uint256 i; i < calls.length; ++i) {
            if (i > 0) {
                vm.prank(address(receiver));
                npm.safeTransferFrom(address(receiver), address(incentives), a);
            }
            receiver.arm(calls[i]);
            vm.prank(address(receiver));
            incentives.withdraw(a, address(receiver), "");
            assertEq(
                receiver.reentryError(),
                abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
            );
            assertEq(npm.ownerOf(a), address(receiver));
            (address o,,,,,) = incentives.deposits(a);
            assertEq(o, address(0));
        }
    }

    function test_reentrancy_throughTheRewardTokenOnClaim() public {
        HookToken hook = new HookToken();
        hook.mint(creator, 1e30);
        vm.prank(creator);
        hook.approve(address(incentives), type(uint256).max);
        ProgramKey memory key = _key();
        key.rewardToken = IERC20(address(hook));
        _create(key);
        vm.warp(key.startTime);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 1000);
        _depositAndStake(alice, a, key);
        _skip(1 days);
        // The token calls back into claim (as alice would, but the guard stops any nested entry).
        hook.arm(address(incentives), address(incentives), abi.encodeCall(incentives.claim, (a, key, alice)));
        uint256 paid = _claim(alice, a, key);
        assertGt(paid, 0);
        assertEq(hook.hooks(), 1);
        assertEq(
            hook.lastRevert(), abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(hook.balanceOf(alice), paid);
        assertEq(_pending(a, key), 0);
    }

    function test_refundee_cannotTakeWhatStakersEarn() public {
        ProgramKey memory key = _createStarted();
        _mintPosition(address(this), peg - 100, peg + 100, 10_000);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 refunded;
        uint256 paid;
        for (uint256 i; i < 10; ++i) {
            _skip(3 days);
            paid += _claim(alice, a, key);
            vm.prank(refundee);
            refunded += incentives.refund(key);
            // Before the end only forfeits come back.
            assertEq(incentives.refundable(key), 0);
        }
        vm.warp(key.endTime);
        paid += _unstake(alice, a, key);
        refunded += incentives.refund(key);
        assertLe(paid + refunded, uint256(RATE) * DURATION);
        assertApproxEqAbs(paid + refunded, uint256(RATE) * DURATION, 11 * DUST);
        assertEq(rewardToken.balanceOf(refundee), refunded);
    }

    function test_owner_cannotRedirectProgramFunds() public {
        ProgramKey memory key = _createStarted();
        vm.warp(key.endTime);
        vm.prank(owner);
        uint256 amount = incentives.refund(key);
        assertEq(rewardToken.balanceOf(owner), 0);
        assertEq(rewardToken.balanceOf(refundee), amount);
    }

    function test_hugePosition_liquidityIsCapped() public {
        TestERC20 x = new TestERC20("X", "X", 18);
        TestERC20 y = new TestERC20("Y", "Y", 18);
        x.mint(address(this), 1e40);
        y.mint(address(this), 1e40);
        IUniswapV3Pool big = UniswapV3Deployer.createPoolAtParity(uni, address(x), address(y), 100);
        (uint256 id, uint128 liquidity,,) = UniswapV3Deployer.mintPosition(uni, big, -1, 1, 1e27, 1e27, alice);
        assertGt(liquidity, incentives.MAX_LIQUIDITY());
        ProgramKey memory key = _key();
        key.pool = address(big);
        key.tickLower = -10;
        key.tickUpper = 10;
        _create(key);
        vm.warp(key.startTime);
        _depositAndStake(alice, id, key);
        assertEq(_depositLiquidity(id), incentives.MAX_LIQUIDITY());
        assertEq(_stakedLiquidity(key), incentives.MAX_LIQUIDITY());
        _skip(1 days);
        // It is alone in its pool yet earns as if it held MAX_LIQUIDITY of the pool's liquidity.
        uint256 expected = uint256(RATE) * 1 days * incentives.MAX_LIQUIDITY() / liquidity;
        assertApproxEqRel(_pending(id, key), expected, 1e9);
        _unstake(alice, id, key);
        assertEq(_stakedLiquidity(key), 0);
    }
}
