// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {NotUpgradeable, PlazaUSDV2} from "../utils/PlazaUSDV2.sol";
import {Signing} from "../utils/Signing.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

/// @notice UUPS upgrades and initialization of pUSD.
contract PlazaUSDUpgradeTest is StablecoinSetup, Signing {
    uint256 internal aliceKey = 0xA11CE;
    address internal alice = vm.addr(aliceKey);
    address internal bob = makeAddr("bob");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        _mint(alice, 1000e18);
        _mint(bob, 5e18);
    }

    /// Adversarial: nobody can initialize the implementation (it would otherwise be taken over).
    function test_implementationCannotBeInitialized() public {
        vm.prank(stranger);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(stranger, stranger, stranger, stranger, stranger);
    }

    /// Adversarial: the proxy cannot be initialized twice.
    function test_proxyCannotBeReinitialized() public {
        vm.prank(stranger);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        pusd.initialize(stranger, stranger, stranger, stranger, stranger);
        vm.prank(admin);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        pusd.initialize(admin, admin, admin, admin, admin);
    }

    /// Adversarial: only the admin can upgrade.
    function test_upgrade_revertsForNonAdmin() public {
        PlazaUSDV2 v2 = new PlazaUSDV2();
        address[4] memory others = [stranger, masterMinter, pauser, address(registry)];
        for (uint256 i; i < others.length; ++i) {
            vm.prank(others[i]);
            vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, others[i]));
            pusd.upgradeToAndCall(address(v2), "");
        }
        assertEq(_implementationOf(address(pusd)), address(implementation));
    }

    function test_upgrade_byAdminKeepsState() public {
        vm.prank(alice);
        pusd.approve(bob, 77);
        _transferWithAuthAt(keccak256("used"));
        _block(bob);
        uint256 permitNonce = _permitOnce();

        PlazaUSDV2 v2 = new PlazaUSDV2();
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC1967.Upgraded(address(v2));
        vm.prank(admin);
        pusd.upgradeToAndCall(address(v2), "");

        assertEq(_implementationOf(address(pusd)), address(v2));
        assertEq(PlazaUSDV2(address(pusd)).version2(), "v2");
        assertEq(pusd.balanceOf(alice), 999e18);
        assertEq(pusd.balanceOf(bob), 6e18);
        assertEq(pusd.totalSupply(), 1005e18);
        assertEq(pusd.allowance(alice, bob), 77);
        assertTrue(pusd.isBlocked(bob));
        assertTrue(pusd.authorizationState(alice, keccak256("used")));
        assertEq(pusd.nonces(alice), permitNonce);
        assertEq(pusd.owner(), admin);
        assertEq(pusd.masterMinter(), masterMinter);
        assertEq(pusd.blocklister(), address(registry));
        assertTrue(pusd.isMinter(minter));
        assertEq(pusd.DOMAIN_SEPARATOR(), _domain(address(pusd), block.chainid), "domain stays the proxy's");
    }

    function test_upgrade_toNonUupsFails() public {
        NotUpgradeable bad = new NotUpgradeable();
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, address(bad)));
        pusd.upgradeToAndCall(address(bad), "");
    }

    function test_upgrade_onImplementationDirectlyFails() public {
        PlazaUSDV2 v2 = new PlazaUSDV2();
        vm.prank(admin);
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        implementation.upgradeToAndCall(address(v2), "");
    }

    function test_proxiableUUID_onlyOnImplementation() public {
        assertEq(implementation.proxiableUUID(), ERC1967Utils.IMPLEMENTATION_SLOT);
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        pusd.proxiableUUID();
    }

    function test_upgrade_byNewAdminAfterTransfer() public {
        address next = makeAddr("next");
        vm.prank(admin);
        pusd.transferOwnership(next);
        vm.prank(next);
        pusd.acceptOwnership();
        PlazaUSDV2 v2 = new PlazaUSDV2();
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, admin));
        pusd.upgradeToAndCall(address(v2), "");
        vm.prank(next);
        pusd.upgradeToAndCall(address(v2), "");
        assertEq(_implementationOf(address(pusd)), address(v2));
    }

    /// The storage lives at the ERC-7201 slot of "plaza.storage.PlazaUSD": the balance word of an account is
    /// at keccak256(account, location), and its top bit is the blocked flag.
    function test_storageLayout_erc7201() public {
        bytes32 location =
            keccak256(abi.encode(uint256(keccak256("plaza.storage.PlazaUSD")) - 1)) & ~bytes32(uint256(0xff));
        bytes32 balanceSlot = keccak256(abi.encode(alice, location));
        assertEq(uint256(vm.load(address(pusd), balanceSlot)), 1000e18);
        _block(alice);
        assertEq(uint256(vm.load(address(pusd), balanceSlot)), (1 << 255) | 1000e18);
        // totalSupply is the fifth member, packed with the pause flag (byte 31)
        assertEq(uint256(vm.load(address(pusd), bytes32(uint256(location) + 4))), 1005e18);
        vm.prank(pauser);
        pusd.pause();
        assertEq(uint256(vm.load(address(pusd), bytes32(uint256(location) + 4))), (1 << 248) | 1005e18, "paused flag");
        // nothing is written to the classic slots 0..9
        for (uint256 i; i < 10; ++i) {
            assertEq(vm.load(address(pusd), bytes32(i)), bytes32(0));
        }
    }

    function _implementationOf(address proxy) internal view returns (address) {
        return address(uint160(uint256(vm.load(proxy, ERC1967Utils.IMPLEMENTATION_SLOT))));
    }

    function _transferWithAuthAt(bytes32 nonce) internal {
        _transferWithAuth(pusd, aliceKey, _auth(alice, bob, 1e18, nonce));
    }

    function _permitOnce() internal returns (uint256) {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, stranger, 1, 0, deadline));
        pusd.permit(alice, stranger, 1, deadline, v, r, s);
        return pusd.nonces(alice);
    }
}
