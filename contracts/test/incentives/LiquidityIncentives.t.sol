// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {LiquidityIncentives} from "../../src/incentives/LiquidityIncentives.sol";
import {IncentivesErrors} from "../../src/incentives/libraries/IncentivesErrors.sol";
import {IncentivesEvents} from "../../src/incentives/libraries/IncentivesEvents.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {INonfungiblePositionManager, IUniswapV3Pool} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {FeeOnTransferToken} from "../utils/FeeOnTransferToken.sol";
import {UniswapV3Deployer} from "../utils/UniswapV3Deployer.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

/// @notice Receives NFTs and records the data it got.
contract NftReceiver {
    bytes public lastData;
    uint256 public lastTokenId;

    function onERC721Received(address, address, uint256 tokenId, bytes calldata data) external returns (bytes4) {
        lastTokenId = tokenId;
        lastData = data;
        return this.onERC721Received.selector;
    }
}

/// @notice Every external function of LiquidityIncentives: success paths and each revert.
contract LiquidityIncentivesTest is IncentivesBase {
    uint256 internal aliceId;
    uint128 internal aliceLiquidity;

    function setUp() public override {
        super.setUp();
        (aliceId, aliceLiquidity) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
    }

    // ------------------------------------------------------------------------------------------------------
    // Constructor and admin
    // ------------------------------------------------------------------------------------------------------

    function test_constructor() public view {
        assertEq(address(incentives.positionManager()), address(npm));
        assertEq(incentives.factory(), address(uni.factory));
        assertEq(incentives.owner(), owner);
        assertEq(incentives.feeCollector(), feeCollector);
        assertEq(incentives.POOL_INIT_CODE_HASH(), UniswapV3Deployer.POOL_INIT_CODE_HASH);
    }

    function test_setFeeCollector() public {
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.FeeCollectorSet(bob);
        vm.prank(owner);
        incentives.setFeeCollector(bob);
        assertEq(incentives.feeCollector(), bob);
    }

    function test_setFeeCollector_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        incentives.setFeeCollector(alice);
    }

    function test_renounceOwnership_isDisabled() public {
        vm.expectRevert(IncentivesErrors.RenounceDisabled.selector);
        vm.prank(owner);
        incentives.renounceOwnership();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        incentives.renounceOwnership();
        assertEq(incentives.owner(), owner);
    }

    function test_ownership_twoStep() public {
        vm.prank(owner);
        incentives.transferOwnership(bob);
        assertEq(incentives.owner(), owner);
        vm.prank(bob);
        incentives.acceptOwnership();
        assertEq(incentives.owner(), bob);
    }

    // ------------------------------------------------------------------------------------------------------
    // createProgram
    // ------------------------------------------------------------------------------------------------------

    function test_createProgram() public {
        ProgramKey memory key = _key();
        uint256 amount = uint256(RATE) * DURATION;
        uint256 before = rewardToken.balanceOf(creator);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.ProgramCreated(
            _id(key),
            key.rewardToken,
            key.pool,
            key.refundee,
            key.startTime,
            key.endTime,
            key.tickLower,
            key.tickUpper,
            key.rate,
            amount
        );
        bytes32 id = _create(key);
        assertEq(id, _id(key));
        assertEq(id, incentives.programId(key));
        assertEq(rewardToken.balanceOf(address(incentives)), amount);
        assertEq(rewardToken.balanceOf(creator), before - amount);
        (uint128 perLiquidity, uint32 lastUpdate, uint32 stakedSeconds, bool idleRefunded, uint128 staked, uint128 f) =
            incentives.programs(id);
        assertEq(lastUpdate, key.startTime);
        assertEq(perLiquidity, 0);
        assertEq(stakedSeconds, 0);
        assertFalse(idleRefunded);
        assertEq(staked, 0);
        assertEq(f, 0);
    }

    function test_createProgram_startingNow() public {
        ProgramKey memory key = _key();
        key.startTime = uint32(block.timestamp);
        _create(key);
        _depositAndStake(alice, aliceId, key);
        assertEq(_numberOfStakes(aliceId), 1);
    }

    function testFuzz_createProgram_pullsRateTimesDuration(uint96 rate, uint32 duration) public {
        rate = uint96(bound(rate, 1, type(uint96).max));
        duration = uint32(bound(duration, 1, incentives.MAX_DURATION()));
        ProgramKey memory key = _key();
        key.rate = rate;
        key.endTime = key.startTime + duration;
        uint256 amount = uint256(rate) * duration;
        rewardToken.mint(creator, amount);
        uint256 before = rewardToken.balanceOf(address(incentives));
        _create(key);
        assertEq(rewardToken.balanceOf(address(incentives)) - before, amount);
    }

    function test_createProgram_revertsForOpenEndedKey() public {
        ProgramKey memory key = _key();
        key.endTime = 0;
        vm.expectRevert(IncentivesErrors.WrongProgramKind.selector);
        _create(key);
    }

    function test_createProgram_revertsForZeroAddresses() public {
        ProgramKey memory key = _key();
        key.rewardToken = IERC20(address(0));
        vm.expectRevert(IncentivesErrors.ZeroAddress.selector);
        _create(key);
        key = _key();
        key.pool = address(0);
        vm.expectRevert(IncentivesErrors.ZeroAddress.selector);
        _create(key);
        key = _key();
        key.refundee = address(0);
        vm.expectRevert(IncentivesErrors.ZeroAddress.selector);
        _create(key);
    }

    function test_createProgram_revertsForZeroRate() public {
        ProgramKey memory key = _key();
        key.rate = 0;
        vm.expectRevert(IncentivesErrors.ZeroRate.selector);
        _create(key);
    }

    function test_createProgram_revertsForEmptyBand() public {
        ProgramKey memory key = _key();
        key.tickUpper = key.tickLower;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidBand.selector, key.tickLower, key.tickUpper));
        _create(key);
        key.tickUpper = key.tickLower - 1;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidBand.selector, key.tickLower, key.tickUpper));
        _create(key);
    }

    function test_createProgram_revertsForInvalidWindow() public {
        ProgramKey memory key = _key();
        key.startTime = uint32(block.timestamp) - 1;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidWindow.selector, key.startTime, key.endTime));
        _create(key);

        key = _key();
        key.endTime = key.startTime;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidWindow.selector, key.startTime, key.endTime));
        _create(key);

        key = _key();
        key.endTime = key.startTime + uint32(incentives.MAX_DURATION()) + 1;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidWindow.selector, key.startTime, key.endTime));
        _create(key);
    }

    function test_createProgram_revertsWhenItExists() public {
        ProgramKey memory key = _key();
        _create(key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramExists.selector, _id(key)));
        _create(key);
    }

    function test_createProgram_revertsForFeeOnTransferToken() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        fot.mint(creator, 1e30);
        vm.prank(creator);
        fot.approve(address(incentives), type(uint256).max);
        ProgramKey memory key = _key();
        key.rewardToken = IERC20(address(fot));
        uint256 amount = uint256(RATE) * DURATION;
        vm.expectRevert(
            abi.encodeWithSelector(IncentivesErrors.FundingShortfall.selector, amount, amount - amount / 100)
        );
        _create(key);
    }

    function test_createProgram_revertsWithoutAllowance() public {
        ProgramKey memory key = _key();
        rewardToken.mint(bob, 1e30);
        uint256 amount = uint256(RATE) * DURATION;
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(incentives), 0, amount)
        );
        vm.prank(bob);
        incentives.createProgram(key);
    }

    // ------------------------------------------------------------------------------------------------------
    // Deposit (onERC721Received)
    // ------------------------------------------------------------------------------------------------------

    function test_deposit() public {
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Deposited(aliceId, alice, address(pool), peg - 5, peg + 5, aliceLiquidity);
        _deposit(alice, aliceId);
        (address o, int24 lower, int24 upper, uint48 count, address p, uint96 liquidity) = incentives.deposits(aliceId);
        assertEq(o, alice);
        assertEq(lower, peg - 5);
        assertEq(upper, peg + 5);
        assertEq(count, 0);
        assertEq(p, address(pool));
        assertEq(liquidity, aliceLiquidity);
        assertEq(npm.ownerOf(aliceId), address(incentives));
    }

    function test_deposit_byApprovedOperator_ownerIsPreviousOwner() public {
        vm.prank(alice);
        npm.approve(bob, aliceId);
        vm.prank(bob);
        npm.safeTransferFrom(alice, address(incentives), aliceId);
        (address o,,,,,) = incentives.deposits(aliceId);
        assertEq(o, alice);
    }

    function test_depositAndStake_intoSeveralPrograms() public {
        ProgramKey memory a = _key();
        ProgramKey memory b = _key(address(pusd), 1e12);
        pusd.transfer(creator, 1e24);
        vm.prank(creator);
        pusd.approve(address(incentives), type(uint256).max);
        _create(a);
        _create(b);
        vm.warp(a.startTime);
        ProgramKey[] memory keys = new ProgramKey[](2);
        keys[0] = a;
        keys[1] = b;
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Staked(aliceId, _id(a), alice, aliceLiquidity);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Staked(aliceId, _id(b), alice, aliceLiquidity);
        vm.prank(alice);
        npm.safeTransferFrom(alice, address(incentives), aliceId, abi.encode(keys));
        assertEq(_numberOfStakes(aliceId), 2);
        assertEq(_stakedLiquidity(a), aliceLiquidity);
        assertEq(_stakedLiquidity(b), aliceLiquidity);
    }

    function test_depositAndStake_revertsAsAWholeForAnUnknownProgram() public {
        ProgramKey memory key = _key();
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.UnknownProgram.selector, _id(key)));
        _depositAndStake(alice, aliceId, key);
        assertEq(npm.ownerOf(aliceId), alice);
    }

    function test_depositAndStake_revertsForTheSameProgramTwice() public {
        ProgramKey memory key = _createStarted();
        ProgramKey[] memory keys = new ProgramKey[](2);
        keys[0] = key;
        keys[1] = key;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.AlreadyStaked.selector, aliceId, _id(key)));
        vm.prank(alice);
        npm.safeTransferFrom(alice, address(incentives), aliceId, abi.encode(keys));
    }

    function test_onERC721Received_revertsForOtherCallers() public {
        vm.expectRevert(IncentivesErrors.NotPositionManager.selector);
        vm.prank(alice);
        incentives.onERC721Received(alice, alice, aliceId, "");
    }

    // ------------------------------------------------------------------------------------------------------
    // stake
    // ------------------------------------------------------------------------------------------------------

    function test_stake() public {
        ProgramKey memory key = _createStarted();
        _deposit(alice, aliceId);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Staked(aliceId, _id(key), alice, aliceLiquidity);
        _stake(alice, aliceId, key);
        assertEq(_numberOfStakes(aliceId), 1);
        assertEq(_stakedLiquidity(key), aliceLiquidity);
        (bool staked,,) = incentives.stakes(aliceId, _id(key));
        assertTrue(staked);
    }

    function test_stake_acceptsARangeOnTheBandEdges() public {
        ProgramKey memory key = _createStarted();
        (uint256 id,) = _mintPosition(bob, key.tickLower, key.tickUpper, 1000);
        _depositAndStake(bob, id, key);
        assertEq(_numberOfStakes(id), 1);
    }

    function test_stake_revertsForNonOwner() public {
        ProgramKey memory key = _createStarted();
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, aliceId));
        _stake(bob, aliceId, key);
    }

    function test_stake_revertsForAnNftNotDeposited() public {
        ProgramKey memory key = _createStarted();
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, aliceId));
        _stake(alice, aliceId, key);
    }

    function test_stake_revertsForUnknownProgram() public {
        ProgramKey memory key = _key();
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.UnknownProgram.selector, _id(key)));
        _stake(alice, aliceId, key);
    }

    function test_stake_revertsBeforeStart() public {
        ProgramKey memory key = _key();
        _create(key);
        _deposit(alice, aliceId);
        vm.warp(key.startTime - 1);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramNotStarted.selector, _id(key)));
        _stake(alice, aliceId, key);
    }

    function test_stake_revertsAtAndAfterEnd() public {
        ProgramKey memory key = _key();
        _create(key);
        _deposit(alice, aliceId);
        vm.warp(key.endTime);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramEnded.selector, _id(key)));
        _stake(alice, aliceId, key);
        _skip(1 days);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramEnded.selector, _id(key)));
        _stake(alice, aliceId, key);
    }

    function test_stake_revertsForAPositionOfAnotherPool() public {
        ProgramKey memory key = _createStarted();
        IUniswapV3Pool other = UniswapV3Deployer.createPoolAtParity(uni, address(pusd), address(usdc), 500);
        int24 base = peg / 10 * 10; // tick spacing 10
        (uint256 id,,,) = UniswapV3Deployer.mintPosition(uni, other, base - 10, base + 10, 1e24, 1e24, alice);
        _deposit(alice, id);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.WrongPool.selector, address(other), address(pool)));
        _stake(alice, id, key);
    }

    function test_stake_revertsForARangeOutsideTheBand() public {
        ProgramKey memory key = _createStarted();
        (uint256 low,) = _mintPosition(alice, key.tickLower - 1, peg + 1, 1000);
        (uint256 high,) = _mintPosition(alice, peg - 1, key.tickUpper + 1, 1000);
        (uint256 wide,) = _mintPosition(alice, peg - 1000, peg + 1000, 1000);
        _deposit(alice, low);
        _deposit(alice, high);
        _deposit(alice, wide);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.OutsideBand.selector, key.tickLower - 1, peg + 1));
        _stake(alice, low, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.OutsideBand.selector, peg - 1, key.tickUpper + 1));
        _stake(alice, high, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.OutsideBand.selector, peg - 1000, peg + 1000));
        _stake(alice, wide, key);
    }

    function test_stake_revertsForDustLiquidity() public {
        ProgramKey memory key = _createStarted();
        (uint256 id, uint128 liquidity,,) = UniswapV3Deployer.mintPosition(uni, pool, peg - 1, peg + 1, 1e4, 1e4, alice);
        assertLt(liquidity, incentives.MIN_LIQUIDITY());
        _deposit(alice, id);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.LiquidityTooLow.selector, liquidity));
        _stake(alice, id, key);
    }

    function test_stake_revertsWhenAlreadyStaked() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.AlreadyStaked.selector, aliceId, _id(key)));
        _stake(alice, aliceId, key);
    }

    function test_stake_refreshesTheLiquiditySnapshotOnlyWithNoStakeOpen() public {
        ProgramKey memory a = _createStarted();
        ProgramKey memory b = _key(address(rewardToken), RATE + 1);
        b.startTime = a.startTime;
        b.endTime = a.endTime;
        vm.prank(creator);
        incentives.createProgram(b);
        _depositAndStake(alice, aliceId, a);
        (uint128 added,,) = _increase(aliceId, 10_000);
        // With a stake open the snapshot stays: the added liquidity earns nothing extra.
        _stake(alice, aliceId, b);
        assertEq(_depositLiquidity(aliceId), aliceLiquidity);
        assertEq(_stakedLiquidity(b), aliceLiquidity);
        // With every stake closed, the next stake snapshots the current liquidity.
        _unstake(alice, aliceId, a);
        _unstake(alice, aliceId, b);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.LiquiditySnapshot(aliceId, aliceLiquidity + added);
        _stake(alice, aliceId, a);
        assertEq(_depositLiquidity(aliceId), aliceLiquidity + added);
        assertEq(_stakedLiquidity(a), aliceLiquidity + added);
    }

    // ------------------------------------------------------------------------------------------------------
    // claim / unstake / settle / claimReward
    // ------------------------------------------------------------------------------------------------------

    function test_claim() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        _skip(1 days);
        uint256 expected = _pending(aliceId, key);
        assertGt(expected, 0);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Claimed(aliceId, _id(key), alice, carol, expected, 0);
        vm.prank(alice);
        uint256 reward = incentives.claim(aliceId, key, carol);
        assertEq(reward, expected);
        assertEq(rewardToken.balanceOf(carol), expected);
        assertEq(_pending(aliceId, key), 0);
        assertEq(_numberOfStakes(aliceId), 1);
    }

    function test_claim_nothingAccrued_transfersNothing() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        assertEq(_claim(alice, aliceId, key), 0);
        assertEq(rewardToken.balanceOf(alice), 0);
    }

    function test_claim_revertsForNonOwner() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        _skip(1 days);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, aliceId));
        vm.prank(bob);
        incentives.claim(aliceId, key, bob);
    }

    function test_claim_revertsWhenNotStaked() public {
        ProgramKey memory key = _createStarted();
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotStaked.selector, aliceId, _id(key)));
        _claim(alice, aliceId, key);
    }

    function test_unstake() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        _skip(1 days);
        uint256 expected = _pending(aliceId, key);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Unstaked(aliceId, _id(key), alice, aliceLiquidity, expected, 0);
        uint256 reward = _unstake(alice, aliceId, key);
        assertEq(reward, expected);
        assertEq(incentives.rewards(rewardToken, alice), expected);
        assertEq(rewardToken.balanceOf(alice), 0);
        assertEq(_numberOfStakes(aliceId), 0);
        assertEq(_stakedLiquidity(key), 0);
        (bool staked,,) = incentives.stakes(aliceId, _id(key));
        assertFalse(staked);
    }

    function test_unstake_revertsForNonOwner() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, aliceId));
        _unstake(bob, aliceId, key);
    }

    function test_unstake_revertsWhenNotStaked() public {
        ProgramKey memory key = _createStarted();
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotStaked.selector, aliceId, _id(key)));
        _unstake(alice, aliceId, key);
    }

    function test_settle_afterEnd_byAnyone_creditsTheOwner() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        vm.warp(key.endTime + 1 days);
        uint256 expected = _pending(aliceId, key);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Settled(aliceId, _id(key), alice, expected, 0);
        vm.prank(bob);
        uint256 reward = incentives.settle(aliceId, key);
        assertEq(reward, expected);
        assertEq(incentives.rewards(rewardToken, alice), expected);
        assertEq(incentives.rewards(rewardToken, bob), 0);
        assertEq(_pending(aliceId, key), 0);
        assertEq(_numberOfStakes(aliceId), 1);
    }

    function test_settle_revertsWhileRunning() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        vm.warp(key.endTime - 1);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramNotEnded.selector, _id(key)));
        incentives.settle(aliceId, key);
    }

    function test_settle_revertsForUnknownDepositOrStake() public {
        ProgramKey memory key = _createStarted();
        vm.warp(key.endTime);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDeposited.selector, aliceId));
        incentives.settle(aliceId, key);
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotStaked.selector, aliceId, _id(key)));
        incentives.settle(aliceId, key);
    }

    function test_claimReward_allPartialAndCapped() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        _skip(1 days);
        uint256 credited = _unstake(alice, aliceId, key);
        vm.prank(alice);
        assertEq(incentives.claimReward(rewardToken, bob, 100), 100);
        assertEq(rewardToken.balanceOf(bob), 100);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.RewardClaimed(rewardToken, alice, alice, credited - 100);
        vm.prank(alice);
        assertEq(incentives.claimReward(rewardToken, alice, type(uint256).max), credited - 100);
        assertEq(rewardToken.balanceOf(alice), credited - 100);
        vm.prank(alice);
        assertEq(incentives.claimReward(rewardToken, alice, 0), 0);
        assertEq(incentives.rewards(rewardToken, alice), 0);
    }

    function testFuzz_claimReward(uint256 requested) public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        _skip(1 days);
        uint256 credited = _unstake(alice, aliceId, key);
        vm.prank(alice);
        uint256 paid = incentives.claimReward(rewardToken, alice, requested);
        assertEq(paid, requested == 0 || requested > credited ? credited : requested);
        assertEq(incentives.rewards(rewardToken, alice), credited - paid);
        assertEq(rewardToken.balanceOf(alice), paid);
    }

    // ------------------------------------------------------------------------------------------------------
    // withdraw
    // ------------------------------------------------------------------------------------------------------

    function test_withdraw_toAContractWithData() public {
        _deposit(alice, aliceId);
        NftReceiver receiver = new NftReceiver();
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Withdrawn(aliceId, alice, address(receiver));
        vm.prank(alice);
        incentives.withdraw(aliceId, address(receiver), "hello");
        assertEq(npm.ownerOf(aliceId), address(receiver));
        assertEq(receiver.lastData(), "hello");
        (address o,,,,,) = incentives.deposits(aliceId);
        assertEq(o, address(0));
    }

    function test_withdraw_afterUnstakingEverything() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.StakesOpen.selector, aliceId, 1));
        vm.prank(alice);
        incentives.withdraw(aliceId, alice, "");
        _unstake(alice, aliceId, key);
        vm.prank(alice);
        incentives.withdraw(aliceId, alice, "");
        assertEq(npm.ownerOf(aliceId), alice);
    }

    function test_withdraw_revertsForNonOwner() public {
        _deposit(alice, aliceId);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.NotDepositOwner.selector, aliceId));
        vm.prank(bob);
        incentives.withdraw(aliceId, bob, "");
    }

    function test_withdraw_revertsToItself() public {
        _deposit(alice, aliceId);
        vm.expectRevert(IncentivesErrors.InvalidRecipient.selector);
        vm.prank(alice);
        incentives.withdraw(aliceId, address(incentives), "");
    }

    // ------------------------------------------------------------------------------------------------------
    // refund
    // ------------------------------------------------------------------------------------------------------

    function test_refund_revertsForUnknownProgram() public {
        ProgramKey memory key = _key();
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.UnknownProgram.selector, _id(key)));
        incentives.refund(key);
    }

    function test_refund_withoutAnyStake_everythingAfterEnd_byAnyone_once() public {
        ProgramKey memory key = _createStarted();
        vm.warp(key.endTime - 1);
        assertEq(incentives.refundable(key), 0);
        assertEq(incentives.refund(key), 0);
        vm.warp(key.endTime);
        uint256 amount = uint256(RATE) * DURATION;
        assertEq(incentives.refundable(key), amount);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.Refunded(_id(key), refundee, amount);
        vm.prank(bob);
        assertEq(incentives.refund(key), amount);
        assertEq(rewardToken.balanceOf(refundee), amount);
        assertEq(incentives.refundable(key), 0);
        assertEq(incentives.refund(key), 0);
        assertEq(rewardToken.balanceOf(address(incentives)), 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Views and multicall
    // ------------------------------------------------------------------------------------------------------

    function test_pendingRewardsOf_filtersByOwner() public {
        ProgramKey memory key = _createStarted();
        (uint256 bobId,) = _mintPosition(bob, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, aliceId, key);
        _depositAndStake(bob, bobId, key);
        _skip(1 days);
        uint256[] memory ids = new uint256[](3);
        ProgramKey[] memory keys = new ProgramKey[](3);
        (ids[0], ids[1], ids[2]) = (aliceId, bobId, aliceId);
        (keys[0], keys[1], keys[2]) = (key, key, _key());
        uint256[] memory pending = incentives.pendingRewardsOf(alice, ids, keys);
        assertEq(pending.length, 3);
        assertEq(pending[0], _pending(aliceId, key));
        assertGt(pending[0], 0);
        assertEq(pending[1], 0); // bob's
        assertEq(pending[2], 0); // not staked there
        assertEq(incentives.pendingRewardsOf(bob, ids, keys)[1], _pending(bobId, key));
    }

    function test_pendingReward_zeroWhenNotStaked() public {
        ProgramKey memory key = _createStarted();
        assertEq(_pending(aliceId, key), 0);
    }

    function test_refundable_zeroForUnknownProgram() public view {
        assertEq(incentives.refundable(_key()), 0);
    }

    function test_stakes_view() public {
        ProgramKey memory key = _createStarted();
        _depositAndStake(alice, aliceId, key);
        (, uint160 inside,) = pool.snapshotCumulativesInside(peg - 5, peg + 5);
        (bool staked, uint128 s, uint128 t) = incentives.stakes(aliceId, _id(key));
        assertTrue(staked);
        assertEq(s, uint128(inside));
        assertEq(t, 0);
    }

    function test_multicall_stakeClaimAndUnstakeInOneTransaction() public {
        ProgramKey memory a = _createStarted();
        ProgramKey memory b = _key(address(rewardToken), RATE + 1);
        b.startTime = a.startTime;
        b.endTime = a.endTime;
        vm.prank(creator);
        incentives.createProgram(b);
        _deposit(alice, aliceId);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(incentives.stake, (aliceId, a));
        calls[1] = abi.encodeCall(incentives.stake, (aliceId, b));
        vm.prank(alice);
        incentives.multicall(calls);
        assertEq(_numberOfStakes(aliceId), 2);
        _skip(1 days);
        calls[0] = abi.encodeCall(incentives.claim, (aliceId, a, alice));
        calls[1] = abi.encodeCall(incentives.unstake, (aliceId, b));
        vm.prank(alice);
        incentives.multicall(calls);
        assertGt(rewardToken.balanceOf(alice), 0);
        assertGt(incentives.rewards(rewardToken, alice), 0);
        assertEq(_numberOfStakes(aliceId), 1);
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    /// @dev increaseLiquidity on a deposited NFT (anyone may add liquidity to any position), paid by this test.
    function _increase(uint256 tokenId, uint256 usd) internal returns (uint128 liquidity, uint256, uint256) {
        bool pusdIs0 = pool.token0() == address(pusd);
        return npm.increaseLiquidity(
            INonfungiblePositionManager.IncreaseLiquidityParams({
                tokenId: tokenId,
                amount0Desired: pusdIs0 ? usd * 1e18 : usd * 1e6,
                amount1Desired: pusdIs0 ? usd * 1e6 : usd * 1e18,
                amount0Min: 0,
                amount1Min: 0,
                deadline: block.timestamp
            })
        );
    }
}
