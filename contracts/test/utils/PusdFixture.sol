// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys the real pUSD (PlazaUSD behind an ERC-1967 proxy) wired to a ComplianceRegistry as in production
/// (the registry is pUSD's blocklister, pUSD the registry's blocklist mirror), with an unlimited test minter.
abstract contract PusdFixture is Test {
    PlazaUSD internal pusd;
    address internal pusdMinter = makeAddr("pusd minter");

    /// @param registry The registry pUSD mirrors.
    /// @param registryAdmin The registry's default admin (sets the mirror).
    function _deployPusd(ComplianceRegistry registry, address registryAdmin) internal {
        address owner = makeAddr("pusd owner");
        address masterMinter = makeAddr("pusd master minter");
        PlazaUSD implementation = new PlazaUSD();
        bytes memory init = abi.encodeCall(
            PlazaUSD.initialize,
            (owner, masterMinter, makeAddr("pusd pauser"), address(registry), makeAddr("pusd rescuer"))
        );
        pusd = PlazaUSD(address(new ERC1967Proxy(address(implementation), init)));
        vm.prank(registryAdmin);
        registry.setBlocklistMirror(address(pusd));
        vm.prank(masterMinter);
        pusd.configureMinter(pusdMinter, type(uint256).max);
    }

    /// @dev Mints `amount` pUSD to `to` (pUSD refuses zero mints; zero is a no-op here).
    function _fund(address to, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(pusdMinter);
        pusd.mint(to, amount);
    }
}
