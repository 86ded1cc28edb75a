// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IUniswapV3Pool} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Deployer} from "../utils/UniswapV3Deployer.sol";

contract UniswapV3DeployerTest is Test {
    UniswapV3Deployer.Contracts internal uni;
    TestERC20 internal pusd;
    TestERC20 internal usdc;

    function setUp() public {
        uni = UniswapV3Deployer.deploy();
        pusd = new TestERC20("Plaza USD", "pUSD", 18);
        usdc = new TestERC20("USD Coin", "USDC", 6);
    }

    function test_deploy_wiresPeripheryToFactory() public view {
        assertEq(uni.factory.owner(), address(this));
        assertEq(uni.positionManager.factory(), address(uni.factory));
        assertEq(uni.positionManager.WETH9(), uni.weth9);
        assertEq(uni.swapRouter.factory(), address(uni.factory));
        assertGt(uni.positionDescriptor.code.length, 0);
    }

    function test_deploy_enablesLowestFeeTier() public view {
        assertEq(uni.factory.feeAmountTickSpacing(100), 1);
        assertEq(uni.factory.feeAmountTickSpacing(500), 10);
        assertEq(uni.factory.feeAmountTickSpacing(3000), 60);
        assertEq(uni.factory.feeAmountTickSpacing(10_000), 200);
    }

    /// The periphery's hard-coded POOL_INIT_CODE_HASH must be the hash of the pool bytecode the factory deploys.
    function test_poolInitCodeHash_matchesFactory() public {
        assertEq(UniswapV3Deployer.poolBytecodeHash(), UniswapV3Deployer.POOL_INIT_CODE_HASH);
        address pool = uni.factory.createPool(address(pusd), address(usdc), 100);
        assertEq(UniswapV3Deployer.computePoolAddress(address(uni.factory), address(usdc), address(pusd), 100), pool);
        assertEq(uni.factory.getPool(address(pusd), address(usdc), 100), pool);
    }

    function test_createPoolAtParity_priceIsOne() public {
        IUniswapV3Pool pool = UniswapV3Deployer.createPoolAtParity(uni, address(pusd), address(usdc), 100);
        assertEq(address(pool), uni.factory.getPool(address(pusd), address(usdc), 100));
        (uint160 sqrtPriceX96, int24 tick,,,,,) = pool.slot0();
        // 1 pUSD (1e18 raw) = 1 USDC (1e6 raw): raw price token1/token0 = 1e-12 or 1e12 by token order.
        if (pool.token0() == address(pusd)) {
            assertEq(sqrtPriceX96, uint160((uint256(1) << 96) / 1e6));
            assertEq(tick, -276_325); // log_1.0001(1e-12) = -276324.02
        } else {
            assertEq(sqrtPriceX96, uint160((uint256(1) << 96) * 1e6));
            assertEq(tick, 276_324);
        }
    }

    function test_sqrtPriceX96AtParity_bothOrders() public pure {
        assertEq(UniswapV3Deployer.sqrtPriceX96AtParity(18, 6), (uint256(1) << 96) / 1e6);
        assertEq(UniswapV3Deployer.sqrtPriceX96AtParity(6, 18), (uint256(1) << 96) * 1e6);
        assertEq(UniswapV3Deployer.sqrtPriceX96AtParity(18, 18), uint256(1) << 96);
    }

    function test_mintAndSwap_throughRealPeriphery() public {
        IUniswapV3Pool pool = UniswapV3Deployer.createPoolAtParity(uni, address(pusd), address(usdc), 100);
        (, int24 tick,,,,,) = pool.slot0();
        pusd.mint(address(this), 1_000_000e18);
        usdc.mint(address(this), 1_000_000e6);
        (uint256 tokenId, uint128 liquidity,,) = UniswapV3Deployer.mintPosition(
            uni,
            pool,
            tick - 10,
            tick + 10,
            pool.token0() == address(pusd) ? 1000e18 : 1000e6,
            pool.token0() == address(pusd) ? 1000e6 : 1000e18,
            address(this)
        );
        assertEq(uni.positionManager.ownerOf(tokenId), address(this));
        assertEq(pool.liquidity(), liquidity);
        uint256 out = UniswapV3Deployer.swapExactIn(uni, pool, address(usdc), 100e6, 0, address(this));
        assertApproxEqRel(out, 100e18, 0.002e18);
        // The NFT renders through the linked NFTDescriptor library.
        assertGt(bytes(uni.positionManager.tokenURI(tokenId)).length, 1000);
    }

    function test_sqrtPriceX96AtTick_closeToParity() public pure {
        assertApproxEqRel(UniswapV3Deployer.sqrtPriceX96AtTick(-276_324), (uint256(1) << 96) / 1e6, 0.0001e18);
        assertEq(UniswapV3Deployer.sqrtPriceX96AtTick(0), uint256(1) << 96);
        assertApproxEqRel(UniswapV3Deployer.sqrtPriceX96AtTick(276_324), (uint256(1) << 96) * 1e6, 0.0001e18);
    }
}

/// @notice The production pair: the real pUSD (ERC-1967 proxy, compliance-checked transfers) and MockUSDC.
contract UniswapV3DeployerPlazaTest is StablecoinSetup {
    function test_pusdUsdcPool_atParity_tradesThroughTheRealPeriphery() public {
        UniswapV3Deployer.Contracts memory uni = UniswapV3Deployer.deploy();
        _deployStablecoin();
        MockUSDC usdc = new MockUSDC();
        IUniswapV3Pool pool = UniswapV3Deployer.createPoolAtParity(uni, address(pusd), address(usdc), 100);
        assertEq(pool.tickSpacing(), 1);
        (, int24 tick,,,,,) = pool.slot0();
        bool pusdIs0 = pool.token0() == address(pusd);
        assertEq(tick, pusdIs0 ? -276_325 : int24(276_324));

        _mint(address(this), 2_000_000e18);
        usdc.mint(address(this), 2_000_000e6);
        (uint256 tokenId,,,) = UniswapV3Deployer.mintPosition(
            uni,
            pool,
            tick - 20,
            tick + 20,
            pusdIs0 ? 1_000_000e18 : 1_000_000e6,
            pusdIs0 ? 1_000_000e6 : 1_000_000e18,
            address(this)
        );
        assertEq(uni.positionManager.ownerOf(tokenId), address(this));
        uint256 out = UniswapV3Deployer.swapExactIn(uni, pool, address(usdc), 10_000e6, 0, address(this));
        assertApproxEqRel(out, 10_000e18, 0.0005e18); // 1 bp fee, deep liquidity at the peg
    }
}
