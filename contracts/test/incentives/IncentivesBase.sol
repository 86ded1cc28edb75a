// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {LiquidityIncentives} from "../../src/incentives/LiquidityIncentives.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {INonfungiblePositionManager, IUniswapV3Pool} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Deployer} from "../utils/UniswapV3Deployer.sol";

/// @dev Real Uniswap v3 (from the npm artifacts), the real pUSD (behind its ERC-1967 proxy, with its compliance
/// registry) and MockUSDC in a 0.01% pool initialized at 1.0, and LiquidityIncentives.
abstract contract IncentivesBase is StablecoinSetup {
    UniswapV3Deployer.Contracts internal uni;
    INonfungiblePositionManager internal npm;
    LiquidityIncentives internal incentives;
    MockUSDC internal usdc;
    TestERC20 internal rewardToken;
    IUniswapV3Pool internal pool;

    /// @dev The pool's tick at 1.0 (its sign depends on the token order).
    int24 internal peg;

    address internal owner = makeAddr("owner");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal creator = makeAddr("creator");
    address internal refundee = makeAddr("refundee");
    address internal feeCollector = makeAddr("feeCollector");

    uint32 internal constant SETUP_TIME = 1_750_000_000;
    uint32 internal constant START_DELAY = 1 hours;
    uint32 internal constant DURATION = 30 days;
    uint96 internal constant RATE = 1e15; // reward token units per second (86.4 tokens/day at 18 decimals)
    int24 internal constant BAND = 20; // ±20 ticks ≈ ±20 bps around the peg

    function setUp() public virtual {
        vm.warp(SETUP_TIME);
        uni = UniswapV3Deployer.deploy();
        npm = uni.positionManager;
        _deployStablecoin();
        vm.prank(masterMinter);
        pusd.configureMinter(minter, type(uint256).max);
        usdc = _deployUsdc();
        rewardToken = new TestERC20("Reward", "RWD", 18);
        pool = UniswapV3Deployer.createPoolAtParity(uni, address(pusd), address(usdc), 100);
        (, peg,,,,,) = pool.slot0();
        incentives = new LiquidityIncentives(npm, owner);
        vm.prank(owner);
        incentives.setFeeCollector(feeCollector);

        _mint(address(this), 1e30);
        usdc.mint(address(this), 1e18);
        rewardToken.mint(creator, 1e30);
        vm.prank(creator);
        rewardToken.approve(address(incentives), type(uint256).max);
    }

    /// @dev Where MockUSDC lives decides the pool's token order; suites re-run with USDC as token0 override it.
    function _deployUsdc() internal virtual returns (MockUSDC) {
        return new MockUSDC();
    }

    // ------------------------------------------------------------------------------------------------------
    // Programs
    // ------------------------------------------------------------------------------------------------------

    function _key() internal view returns (ProgramKey memory) {
        return _key(address(rewardToken), RATE);
    }

    function _key(address token, uint96 rate) internal view returns (ProgramKey memory) {
        return ProgramKey({
            rewardToken: IERC20(token),
            pool: address(pool),
            refundee: refundee,
            startTime: uint32(block.timestamp) + START_DELAY,
            endTime: uint32(block.timestamp) + START_DELAY + DURATION,
            tickLower: peg - BAND,
            tickUpper: peg + BAND,
            rate: rate
        });
    }

    function _create(ProgramKey memory key) internal returns (bytes32 id) {
        vm.prank(creator);
        id = incentives.createProgram(key);
    }

    function _createStarted() internal returns (ProgramKey memory key) {
        key = _key();
        _create(key);
        vm.warp(key.startTime);
    }

    // ------------------------------------------------------------------------------------------------------
    // Positions
    // ------------------------------------------------------------------------------------------------------

    /// @dev Mints a position of about `usd` dollars (half each side at the peg) in [lower, upper) for `to`.
    function _mintPosition(address to, int24 lower, int24 upper, uint256 usd)
        internal
        returns (uint256 tokenId, uint128 liquidity)
    {
        bool pusdIs0 = pool.token0() == address(pusd);
        uint256 pusdAmount = usd * 1e18;
        uint256 usdcAmount = usd * 1e6;
        (tokenId, liquidity,,) = UniswapV3Deployer.mintPosition(
            uni, pool, lower, upper, pusdIs0 ? pusdAmount : usdcAmount, pusdIs0 ? usdcAmount : pusdAmount, to
        );
    }

    function _deposit(address from, uint256 tokenId) internal {
        vm.prank(from);
        npm.safeTransferFrom(from, address(incentives), tokenId);
    }

    function _depositAndStake(address from, uint256 tokenId, ProgramKey memory key) internal {
        ProgramKey[] memory keys = new ProgramKey[](1);
        keys[0] = key;
        vm.prank(from);
        npm.safeTransferFrom(from, address(incentives), tokenId, abi.encode(keys));
    }

    function _stake(address from, uint256 tokenId, ProgramKey memory key) internal {
        vm.prank(from);
        incentives.stake(tokenId, key);
    }

    // ------------------------------------------------------------------------------------------------------
    // Prices
    // ------------------------------------------------------------------------------------------------------

    function _tick() internal view returns (int24 tick) {
        (, tick,,,,,) = pool.slot0();
    }

    /// @dev Swaps until the pool's price is in the middle of tick `target`.
    function _moveTo(int24 target) internal {
        uint160 limit = uint160(
            Math.sqrt(
                uint256(UniswapV3Deployer.sqrtPriceX96AtTick(target)) * UniswapV3Deployer.sqrtPriceX96AtTick(target + 1)
            )
        );
        (uint160 current,,,,,,) = pool.slot0();
        if (limit == current) return;
        address tokenIn = limit < current ? pool.token0() : pool.token1();
        UniswapV3Deployer.swapExactIn(uni, pool, tokenIn, 1e30, limit, address(this));
        assertEq(_tick(), target, "moveTo");
    }

    // ------------------------------------------------------------------------------------------------------
    // Actions and reads
    // ------------------------------------------------------------------------------------------------------

    function _claim(address from, uint256 tokenId, ProgramKey memory key) internal returns (uint256) {
        vm.prank(from);
        return incentives.claim(tokenId, key, from);
    }

    function _unstake(address from, uint256 tokenId, ProgramKey memory key) internal returns (uint256) {
        vm.prank(from);
        return incentives.unstake(tokenId, key);
    }

    function _pending(uint256 tokenId, ProgramKey memory key) internal view returns (uint256) {
        return incentives.pendingReward(tokenId, key);
    }

    function _id(ProgramKey memory key) internal pure returns (bytes32) {
        return keccak256(abi.encode(key));
    }

    function _stakedLiquidity(ProgramKey memory key) internal view returns (uint128 liquidity) {
        (,,,, liquidity,) = incentives.programs(_id(key));
    }

    function _forfeited(ProgramKey memory key) internal view returns (uint128 forfeited) {
        (,,,,, forfeited) = incentives.programs(_id(key));
    }

    function _stakedSeconds(ProgramKey memory key) internal view returns (uint32 stakedSeconds) {
        (,, stakedSeconds,,,) = incentives.programs(_id(key));
    }

    function _depositLiquidity(uint256 tokenId) internal view returns (uint96 liquidity) {
        (,,,,, liquidity) = incentives.deposits(tokenId);
    }

    function _numberOfStakes(uint256 tokenId) internal view returns (uint48 count) {
        (,,, count,,) = incentives.deposits(tokenId);
    }

    function _skip(uint256 secondsToSkip) internal {
        vm.warp(block.timestamp + secondsToSkip);
    }
}
