// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys the ComplianceRegistry and pUSD behind an ERC-1967 proxy, wired together as in production:
/// the registry is pUSD's blocklister and pUSD is the registry's blocklist mirror.
abstract contract StablecoinSetup is Test {
    ComplianceRegistry internal registry;
    PlazaUSD internal implementation;
    PlazaUSD internal pusd;

    address internal admin = makeAddr("admin");
    address internal masterMinter = makeAddr("masterMinter");
    address internal pauser = makeAddr("pauser");
    address internal rescuer = makeAddr("rescuer");
    address internal attester = makeAddr("attester");
    address internal minter = makeAddr("minter");

    function _deployStablecoin() internal {
        registry = new ComplianceRegistry(0, admin);
        implementation = new PlazaUSD();
        pusd = PlazaUSD(address(new ERC1967Proxy(address(implementation), _initData(address(registry)))));
        vm.startPrank(admin);
        registry.grantRole(registry.ATTESTER_ROLE(), attester);
        registry.setBlocklistMirror(address(pusd));
        vm.stopPrank();
        vm.prank(masterMinter);
        pusd.configureMinter(minter, 1_000_000_000e18);
    }

    function _initData(address blocklister) internal view returns (bytes memory) {
        return abi.encodeCall(PlazaUSD.initialize, (admin, masterMinter, pauser, blocklister, rescuer));
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(minter);
        pusd.mint(to, amount);
    }

    function _block(address account) internal {
        vm.prank(attester);
        registry.setBlocked(account, true);
    }

    function _unblock(address account) internal {
        vm.prank(attester);
        registry.setBlocked(account, false);
    }
}
