// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script, console} from "forge-std/Script.sol";

import {UniswapV3Deployer} from "../test/utils/UniswapV3Deployer.sol";

/// @title DeployUniswapV3
/// @notice Deploys Uniswap v3 (factory with the 0.01% tier, NFT descriptor, position manager, swap router and a
/// WETH9) from the official npm artifacts on a dev chain, e.g.
/// `forge script script/DeployUniswapV3.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --private-key <key>`.
/// Set WETH9 to reuse an existing WETH9.
contract DeployUniswapV3 is Script {
    function run() external returns (UniswapV3Deployer.Contracts memory uni) {
        address weth9 = vm.envOr("WETH9", address(0));
        vm.startBroadcast();
        uni = weth9 == address(0) ? UniswapV3Deployer.deploy() : UniswapV3Deployer.deploy(weth9);
        vm.stopBroadcast();
        console.log("UniswapV3Factory", address(uni.factory));
        console.log("WETH9", uni.weth9);
        console.log("NFTDescriptor", uni.nftDescriptorLibrary);
        console.log("NonfungibleTokenPositionDescriptor", uni.positionDescriptor);
        console.log("NonfungiblePositionManager", address(uni.positionManager));
        console.log("SwapRouter", address(uni.swapRouter));
    }
}
