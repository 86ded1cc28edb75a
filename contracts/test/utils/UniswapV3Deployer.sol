// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Vm} from "forge-std/Vm.sol";

import {
    INonfungiblePositionManager,
    ISwapRouter,
    IUniswapV3Factory,
    IUniswapV3Pool
} from "../../src/interfaces/uniswap/IUniswapV3.sol";
import {WETH9} from "./WETH9.sol";

/// @title UniswapV3Deployer
/// @notice Deploys the real Uniswap v3 contracts from the official npm artifacts (v3-core 1.0.1 and
/// v3-periphery 1.4.4 hardhat artifacts, never re-compiled) and helps create pools and positions.
/// @dev Internal functions only, so that every deployment is a CREATE of the calling contract: inside a forge
/// Script between `vm.startBroadcast()` and `vm.stopBroadcast()` each one becomes a broadcast transaction.
/// Needs read access to the Uniswap packages in node_modules (`fs_permissions` in foundry.toml).
library UniswapV3Deployer {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    string internal constant CORE = "../node_modules/@uniswap/v3-core/artifacts/contracts/";
    string internal constant PERIPHERY = "../node_modules/@uniswap/v3-periphery/artifacts/contracts/";

    /// @notice Init code hash of UniswapV3Pool hard-coded in the periphery's PoolAddress library (and used by
    /// LiquidityIncentives to recognise genuine pools).
    bytes32 internal constant POOL_INIT_CODE_HASH = 0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54;

    /// @notice The 0.01% fee tier enabled on mainnet in 2021 (not enabled by the factory's constructor).
    uint24 internal constant FEE_LOWEST = 100;
    int24 internal constant TICK_SPACING_LOWEST = 1;

    struct Contracts {
        IUniswapV3Factory factory;
        address weth9;
        address nftDescriptorLibrary;
        address positionDescriptor;
        INonfungiblePositionManager positionManager;
        ISwapRouter swapRouter;
    }

    error DeploymentFailed(string artifact);
    error UnlinkedBytecode(string artifact);

    // ---------------------------------------------------------------------------------------------------------
    // Deployment
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Deploys a WETH9, then everything `deploy(weth9)` deploys.
    function deploy() internal returns (Contracts memory c) {
        return deploy(address(new WETH9()));
    }

    /// @notice Deploys UniswapV3Factory (and enables fee 100 / tick spacing 1), the NFTDescriptor library,
    /// NonfungibleTokenPositionDescriptor (linked to it, native currency label "ETH"),
    /// NonfungiblePositionManager and SwapRouter, all from the npm artifacts.
    /// @dev The caller becomes the factory owner.
    function deploy(address weth9) internal returns (Contracts memory c) {
        c.weth9 = weth9;
        c.factory = IUniswapV3Factory(create(artifactBytecode(CORE, "UniswapV3Factory"), ""));
        c.factory.enableFeeAmount(FEE_LOWEST, TICK_SPACING_LOWEST);

        c.nftDescriptorLibrary = create(artifactBytecode(PERIPHERY, "libraries/NFTDescriptor"), "");
        c.positionDescriptor = create(
            linkedBytecode(
                PERIPHERY,
                "NonfungibleTokenPositionDescriptor",
                "contracts/libraries/NFTDescriptor.sol:NFTDescriptor",
                c.nftDescriptorLibrary
            ),
            abi.encode(weth9, bytes32("ETH"))
        );
        c.positionManager = INonfungiblePositionManager(
            create(
                artifactBytecode(PERIPHERY, "NonfungiblePositionManager"),
                abi.encode(address(c.factory), weth9, c.positionDescriptor)
            )
        );
        c.swapRouter =
            ISwapRouter(create(artifactBytecode(PERIPHERY, "SwapRouter"), abi.encode(address(c.factory), weth9)));
    }

    /// @notice Creation bytecode of `<root><name>.sol/<baseName>.json` (hardhat artifact format).
    /// @param name Path below `artifacts/contracts/` without `.sol`, e.g. "libraries/NFTDescriptor".
    function artifactBytecode(string memory root, string memory name) internal view returns (bytes memory) {
        return vm.parseJsonBytes(vm.readFile(artifactPath(root, name)), ".bytecode");
    }

    /// @notice Creation bytecode of an artifact with the library `fullyQualifiedLibrary` ("path:Name") linked
    /// at `library`: solc's placeholder `__$<first 17 bytes of keccak256(fullyQualifiedLibrary)>$__` is replaced
    /// by the library address.
    function linkedBytecode(
        string memory root,
        string memory name,
        string memory fullyQualifiedLibrary,
        address library_
    ) internal view returns (bytes memory) {
        string memory code = vm.parseJsonString(vm.readFile(artifactPath(root, name)), ".bytecode");
        string memory placeholder = string.concat(
            "__$", withoutPrefix(vm.toString(abi.encodePacked(bytes17(keccak256(bytes(fullyQualifiedLibrary)))))), "$__"
        );
        string memory linked = vm.replace(code, placeholder, withoutPrefix(vm.toString(library_)));
        if (keccak256(bytes(linked)) == keccak256(bytes(code))) revert UnlinkedBytecode(name);
        return vm.parseBytes(linked);
    }

    function artifactPath(string memory root, string memory name) internal pure returns (string memory) {
        bytes memory n = bytes(name);
        uint256 start;
        for (uint256 i; i < n.length; ++i) {
            if (n[i] == "/") start = i + 1;
        }
        bytes memory base = new bytes(n.length - start);
        for (uint256 i; i < base.length; ++i) {
            base[i] = n[start + i];
        }
        return string.concat(root, name, ".sol/", string(base), ".json");
    }

    function create(bytes memory bytecode, bytes memory constructorArgs) internal returns (address deployed) {
        bytes memory initCode = bytes.concat(bytecode, constructorArgs);
        assembly ("memory-safe") {
            deployed := create(0, add(initCode, 0x20), mload(initCode))
        }
        if (deployed == address(0) || deployed.code.length == 0) revert DeploymentFailed(string(bytecode));
    }

    function withoutPrefix(string memory hexString) private pure returns (string memory) {
        return vm.replace(hexString, "0x", "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pools
    // ---------------------------------------------------------------------------------------------------------

    /// @notice keccak256 of UniswapV3Pool's creation code in the v3-core artifact (what the factory deploys).
    function poolBytecodeHash() internal view returns (bytes32) {
        return keccak256(artifactBytecode(CORE, "UniswapV3Pool"));
    }

    function sortTokens(address tokenA, address tokenB) internal pure returns (address token0, address token1) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    /// @notice The pool address the factory deploys for (tokenA, tokenB, fee), computed as the periphery's
    /// PoolAddress.computeAddress does (CREATE2 with salt keccak256(abi.encode(token0, token1, fee))).
    function computePoolAddress(address factory, address tokenA, address tokenB, uint24 fee)
        internal
        pure
        returns (address)
    {
        (address token0, address token1) = sortTokens(tokenA, tokenB);
        return address(
            uint160(
                uint256(
                    keccak256(
                        abi.encodePacked(
                            hex"ff", factory, keccak256(abi.encode(token0, token1, fee)), POOL_INIT_CODE_HASH
                        )
                    )
                )
            )
        );
    }

    /// @notice sqrt(price) in Q64.96 for one whole token0 = one whole token1 (a 1.0 peg), given decimals:
    /// the raw price is 10^(decimals1 - decimals0), so sqrtPriceX96 = sqrt(10^decimals1 * 2^192 / 10^decimals0).
    function sqrtPriceX96AtParity(uint8 decimals0, uint8 decimals1) internal pure returns (uint160) {
        return uint160(Math.sqrt(Math.mulDiv(10 ** decimals1, 1 << 192, 10 ** decimals0)));
    }

    /// @notice Creates the (tokenA, tokenB, fee) pool through the position manager and initializes it at 1.0
    /// (whatever the token order and decimals).
    function createPoolAtParity(Contracts memory c, address tokenA, address tokenB, uint24 fee)
        internal
        returns (IUniswapV3Pool pool)
    {
        (address token0, address token1) = sortTokens(tokenA, tokenB);
        uint160 sqrtPriceX96 =
            sqrtPriceX96AtParity(IERC20Metadata(token0).decimals(), IERC20Metadata(token1).decimals());
        pool = IUniswapV3Pool(c.positionManager.createAndInitializePoolIfNecessary(token0, token1, fee, sqrtPriceX96));
    }

    /// @notice sqrt(1.0001^tick) in Q64.96, computed by exponentiation by squaring. It can differ from TickMath's
    /// exact value in the last bits, so it is meant for swap price limits and test fixtures, not for arithmetic
    /// that must match the pool's.
    function sqrtPriceX96AtTick(int24 tick) internal pure returns (uint160) {
        uint256 base = Math.sqrt(Math.mulDiv(1 << 192, 10_001, 10_000)); // sqrt(1.0001) in Q96
        uint256 exponent = tick < 0 ? uint256(-int256(tick)) : uint256(int256(tick));
        uint256 result = 1 << 96;
        while (exponent != 0) {
            if (exponent & 1 != 0) result = Math.mulDiv(result, base, 1 << 96);
            base = Math.mulDiv(base, base, 1 << 96);
            exponent >>= 1;
        }
        if (tick < 0) result = Math.mulDiv(1 << 96, 1 << 96, result);
        return uint160(result);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Positions and swaps (the calling contract pays)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Mints a position in [tickLower, tickUpper) of `pool` for `recipient`, paid by the calling
    /// contract (which approves the position manager for both tokens).
    function mintPosition(
        Contracts memory c,
        IUniswapV3Pool pool,
        int24 tickLower,
        int24 tickUpper,
        uint256 amount0Desired,
        uint256 amount1Desired,
        address recipient
    ) internal returns (uint256 tokenId, uint128 liquidity, uint256 amount0, uint256 amount1) {
        address token0 = pool.token0();
        address token1 = pool.token1();
        IERC20Metadata(token0).approve(address(c.positionManager), type(uint256).max);
        IERC20Metadata(token1).approve(address(c.positionManager), type(uint256).max);
        return c.positionManager
            .mint(
                INonfungiblePositionManager.MintParams({
                    token0: token0,
                    token1: token1,
                    fee: pool.fee(),
                    tickLower: tickLower,
                    tickUpper: tickUpper,
                    amount0Desired: amount0Desired,
                    amount1Desired: amount1Desired,
                    amount0Min: 0,
                    amount1Min: 0,
                    recipient: recipient,
                    deadline: block.timestamp
                })
            );
    }

    /// @notice Swaps exactly `amountIn` of `tokenIn` through `pool` (paid by the calling contract), stopping at
    /// `sqrtPriceLimitX96` if non-zero.
    function swapExactIn(
        Contracts memory c,
        IUniswapV3Pool pool,
        address tokenIn,
        uint256 amountIn,
        uint160 sqrtPriceLimitX96,
        address recipient
    ) internal returns (uint256 amountOut) {
        IERC20Metadata(tokenIn).approve(address(c.swapRouter), type(uint256).max);
        address token0 = pool.token0();
        return c.swapRouter
            .exactInputSingle(
                ISwapRouter.ExactInputSingleParams({
                    tokenIn: tokenIn,
                    tokenOut: tokenIn == token0 ? pool.token1() : token0,
                    fee: pool.fee(),
                    recipient: recipient,
                    deadline: block.timestamp,
                    amountIn: amountIn,
                    amountOutMinimum: 0,
                    sqrtPriceLimitX96: sqrtPriceLimitX96
                })
            );
    }
}
