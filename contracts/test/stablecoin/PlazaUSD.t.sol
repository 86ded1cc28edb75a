// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PlazaUSDEvents} from "../../src/stablecoin/libraries/PlazaUSDEvents.sol";
import {ERC1967ProxyDeployer} from "../utils/ProxyDeployer.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice ERC-20 behaviour, minters, roles, pause and rescue of pUSD (signatures, blocklist and upgrades have
/// their own files).
contract PlazaUSDTest is StablecoinSetup {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        _deployStablecoin();
        _mint(alice, 1000e18);
    }

    // ---------------------------------------------------------------- metadata and initialization

    function test_metadata() public view {
        assertEq(pusd.name(), "Plaza USD");
        assertEq(pusd.symbol(), "pUSD");
        assertEq(pusd.decimals(), 18);
        assertEq(pusd.totalSupply(), 1000e18);
    }

    function test_initialize_setsRoles() public view {
        assertEq(pusd.owner(), admin);
        assertEq(pusd.masterMinter(), masterMinter);
        assertEq(pusd.pauser(), pauser);
        assertEq(pusd.blocklister(), address(registry));
        assertEq(pusd.rescuer(), rescuer);
        assertFalse(pusd.paused());
    }

    function test_initialize_emitsRoleEvents() public {
        PlazaUSD impl = new PlazaUSD();
        vm.expectEmit(true, true, true, true);
        emit PlazaUSDEvents.MasterMinterChanged(address(0), masterMinter);
        vm.expectEmit(true, true, true, true);
        emit PlazaUSDEvents.PauserChanged(address(0), pauser);
        vm.expectEmit(true, true, true, true);
        emit PlazaUSDEvents.BlocklisterChanged(address(0), address(registry));
        vm.expectEmit(true, true, true, true);
        emit PlazaUSDEvents.RescuerChanged(address(0), rescuer);
        new ERC1967ProxyDeployer().deploy(address(impl), _initData(address(registry)));
    }

    function test_initialize_revertsOnZeroRole() public {
        PlazaUSD impl = new PlazaUSD();
        ERC1967ProxyDeployer deployer = new ERC1967ProxyDeployer();
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        deployer.deploy(
            address(impl), abi.encodeCall(PlazaUSD.initialize, (admin, address(0), pauser, address(registry), rescuer))
        );
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableInvalidOwner.selector, address(0)));
        deployer.deploy(
            address(impl),
            abi.encodeCall(PlazaUSD.initialize, (address(0), masterMinter, pauser, address(registry), rescuer))
        );
    }

    // ---------------------------------------------------------------- transfer

    function test_transfer_movesBalanceAndEmits() public {
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Transfer(alice, bob, 300e18);
        vm.prank(alice);
        assertTrue(pusd.transfer(bob, 300e18));
        assertEq(pusd.balanceOf(alice), 700e18);
        assertEq(pusd.balanceOf(bob), 300e18);
        assertEq(pusd.totalSupply(), 1000e18);
    }

    function test_transfer_toSelf() public {
        vm.prank(alice);
        pusd.transfer(alice, 10e18);
        assertEq(pusd.balanceOf(alice), 1000e18);
    }

    function test_transfer_zeroValue() public {
        vm.prank(bob);
        assertTrue(pusd.transfer(alice, 0));
    }

    function test_transfer_revertsOnInsufficientBalance() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1000e18, 1000e18 + 1)
        );
        pusd.transfer(bob, 1000e18 + 1);
    }

    function test_transfer_revertsToZeroOrToken() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        pusd.transfer(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(pusd)));
        pusd.transfer(address(pusd), 1);
        vm.stopPrank();
    }

    function testFuzz_transfer(uint256 amount, address to) public {
        vm.assume(to != address(0) && to != address(pusd) && to != alice);
        amount = bound(amount, 0, 1000e18);
        vm.prank(alice);
        pusd.transfer(to, amount);
        assertEq(pusd.balanceOf(alice), 1000e18 - amount);
        assertEq(pusd.balanceOf(to), amount);
        assertEq(pusd.totalSupply(), 1000e18);
    }

    // ---------------------------------------------------------------- approve and transferFrom

    function test_approve_setsAllowanceAndEmits() public {
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Approval(alice, bob, 5e18);
        vm.prank(alice);
        assertTrue(pusd.approve(bob, 5e18));
        assertEq(pusd.allowance(alice, bob), 5e18);
    }

    function test_approve_revertsOnZeroSpender() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        pusd.approve(address(0), 1);
    }

    function test_transferFrom_spendsAllowance() public {
        vm.prank(alice);
        pusd.approve(bob, 100e18);
        vm.prank(bob);
        assertTrue(pusd.transferFrom(alice, carol, 60e18));
        assertEq(pusd.allowance(alice, bob), 40e18);
        assertEq(pusd.balanceOf(carol), 60e18);
        assertEq(pusd.balanceOf(alice), 940e18);
    }

    function test_transferFrom_infiniteAllowanceIsNotSpent() public {
        vm.prank(alice);
        pusd.approve(bob, type(uint256).max);
        vm.prank(bob);
        pusd.transferFrom(alice, carol, 60e18);
        assertEq(pusd.allowance(alice, bob), type(uint256).max);
    }

    function test_transferFrom_revertsOnInsufficientAllowance() public {
        vm.prank(alice);
        pusd.approve(bob, 10e18);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 10e18, 10e18 + 1));
        pusd.transferFrom(alice, carol, 10e18 + 1);
    }

    function test_transferFrom_revertsFromZeroAddress() public {
        // Nobody can have an allowance from the zero address, so this reverts on the allowance first.
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, 1));
        pusd.transferFrom(address(0), carol, 1);
    }

    function testFuzz_transferFrom(uint256 allowed, uint256 amount) public {
        allowed = bound(allowed, 0, 1000e18);
        amount = bound(amount, 0, 1000e18);
        vm.prank(alice);
        pusd.approve(bob, allowed);
        vm.prank(bob);
        if (amount > allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, allowed, amount)
            );
            pusd.transferFrom(alice, carol, amount);
        } else {
            pusd.transferFrom(alice, carol, amount);
            assertEq(pusd.allowance(alice, bob), allowed - amount);
            assertEq(pusd.balanceOf(carol), amount);
        }
    }

    // ---------------------------------------------------------------- minters

    function test_configureMinter_setsAllowanceAndEmits() public {
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.MinterConfigured(carol, 50e18);
        vm.prank(masterMinter);
        pusd.configureMinter(carol, 50e18);
        assertTrue(pusd.isMinter(carol));
        assertEq(pusd.minterAllowance(carol), 50e18);
    }

    function test_configureMinter_unlimited() public {
        vm.prank(masterMinter);
        pusd.configureMinter(carol, type(uint256).max);
        assertEq(pusd.minterAllowance(carol), type(uint256).max);
        vm.startPrank(carol);
        pusd.mint(bob, 1e30);
        pusd.mint(bob, 1e30);
        vm.stopPrank();
        assertEq(pusd.minterAllowance(carol), type(uint256).max, "unlimited allowance is not decreased");
        assertEq(pusd.balanceOf(bob), 2e30);
    }

    function test_configureMinter_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMasterMinter.selector, stranger));
        pusd.configureMinter(carol, 1);
        vm.prank(admin); // the admin is not the master minter
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMasterMinter.selector, admin));
        pusd.configureMinter(carol, 1);

        vm.startPrank(masterMinter);
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        pusd.configureMinter(address(0), 1);
        uint256 tooLarge = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.InvalidMinterAllowance.selector, tooLarge));
        pusd.configureMinter(carol, tooLarge);
        vm.stopPrank();
    }

    function test_removeMinter() public {
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.MinterRemoved(minter);
        vm.prank(masterMinter);
        pusd.removeMinter(minter);
        assertFalse(pusd.isMinter(minter));
        assertEq(pusd.minterAllowance(minter), 0);
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, minter));
        pusd.mint(bob, 1);
    }

    function test_removeMinter_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMasterMinter.selector, stranger));
        pusd.removeMinter(minter);
        vm.prank(masterMinter);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, carol));
        pusd.removeMinter(carol);
    }

    function test_mint_reducesAllowanceAndEmits() public {
        uint256 before = pusd.minterAllowance(minter);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Transfer(address(0), bob, 7e18);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Mint(minter, bob, 7e18);
        vm.prank(minter);
        assertTrue(pusd.mint(bob, 7e18));
        assertEq(pusd.minterAllowance(minter), before - 7e18);
        assertEq(pusd.balanceOf(bob), 7e18);
        assertEq(pusd.totalSupply(), 1007e18);
    }

    /// Adversarial: a minter cannot mint over its allowance, even by one wei.
    function test_mint_revertsOverAllowance() public {
        vm.prank(masterMinter);
        pusd.configureMinter(carol, 100);
        vm.startPrank(carol);
        pusd.mint(bob, 60);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.MinterAllowanceExceeded.selector, carol, 40, 41));
        pusd.mint(bob, 41);
        pusd.mint(bob, 40);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.MinterAllowanceExceeded.selector, carol, 0, 1));
        pusd.mint(bob, 1);
        vm.stopPrank();
        assertEq(pusd.balanceOf(bob), 100);
    }

    function test_mint_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, stranger));
        pusd.mint(bob, 1);
        vm.startPrank(minter);
        vm.expectRevert(PlazaUSDErrors.ZeroAmount.selector);
        pusd.mint(bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        pusd.mint(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(pusd)));
        pusd.mint(address(pusd), 1);
        vm.stopPrank();
    }

    function test_mint_revertsAboveMaxSupply() public {
        vm.prank(masterMinter);
        pusd.configureMinter(carol, type(uint256).max);
        uint256 max = pusd.MAX_SUPPLY();
        uint256 room = max - pusd.totalSupply();
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.MaxSupplyExceeded.selector, max + 1));
        pusd.mint(bob, room + 1);
        pusd.mint(bob, room);
        vm.stopPrank();
        assertEq(pusd.totalSupply(), max);
        assertFalse(pusd.isBlocked(bob), "a balance at the cap never touches the blocked bit");
        assertEq(pusd.balanceOf(bob), room);
    }

    function testFuzz_mint_withinAllowance(uint128 allowance, uint256 amount) public {
        vm.prank(masterMinter);
        pusd.configureMinter(carol, allowance);
        amount = bound(amount, 1, type(uint128).max);
        vm.prank(carol);
        if (amount > allowance) {
            vm.expectRevert(
                abi.encodeWithSelector(PlazaUSDErrors.MinterAllowanceExceeded.selector, carol, allowance, amount)
            );
            pusd.mint(bob, amount);
        } else {
            pusd.mint(bob, amount);
            assertEq(pusd.minterAllowance(carol), allowance - amount);
            assertEq(pusd.balanceOf(bob), amount);
        }
    }

    function test_burn_ownBalance() public {
        _mint(minter, 10e18);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Transfer(minter, address(0), 4e18);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Burn(minter, minter, 4e18);
        vm.prank(minter);
        pusd.burn(4e18);
        assertEq(pusd.balanceOf(minter), 6e18);
        assertEq(pusd.totalSupply(), 1006e18);
    }

    function test_burn_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, alice));
        pusd.burn(1);
        vm.startPrank(minter);
        vm.expectRevert(PlazaUSDErrors.ZeroAmount.selector);
        pusd.burn(0);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, minter, 0, 1));
        pusd.burn(1);
        vm.stopPrank();
    }

    function test_burnFrom_spendsAllowance() public {
        vm.prank(alice);
        pusd.approve(minter, 50e18);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Burn(minter, alice, 20e18);
        vm.prank(minter);
        pusd.burnFrom(alice, 20e18);
        assertEq(pusd.balanceOf(alice), 980e18);
        assertEq(pusd.allowance(alice, minter), 30e18);
        assertEq(pusd.totalSupply(), 980e18);
    }

    function test_burnFrom_reverts() public {
        vm.prank(alice);
        pusd.approve(stranger, 50e18);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, stranger));
        pusd.burnFrom(alice, 1);

        vm.startPrank(minter);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, minter, 0, 1));
        pusd.burnFrom(alice, 1);
        vm.expectRevert(PlazaUSDErrors.ZeroAmount.selector);
        pusd.burnFrom(alice, 0);
        vm.stopPrank();
    }

    function test_removedMinterCannotBurn() public {
        _mint(minter, 10e18);
        vm.prank(masterMinter);
        pusd.removeMinter(minter);
        vm.prank(minter);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, minter));
        pusd.burn(1);
    }

    // ---------------------------------------------------------------- pause

    function test_pause_stopsEveryMovementOfFunds() public {
        vm.prank(alice);
        pusd.approve(bob, 100e18);
        _mint(minter, 10e18);

        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Paused(pauser);
        vm.prank(pauser);
        pusd.pause();
        assertTrue(pusd.paused());

        vm.prank(alice);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        pusd.transfer(bob, 1);
        vm.prank(bob);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        pusd.transferFrom(alice, bob, 1);
        vm.prank(minter);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        pusd.mint(bob, 1);
        vm.prank(minter);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        pusd.burn(1);

        // approvals move no funds and still work
        vm.prank(alice);
        pusd.approve(carol, 1);
        assertEq(pusd.allowance(alice, carol), 1);

        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Unpaused(pauser);
        vm.prank(pauser);
        pusd.unpause();
        vm.prank(alice);
        pusd.transfer(bob, 1);
        assertEq(pusd.balanceOf(bob), 1);
    }

    function test_pause_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotPauser.selector, admin));
        pusd.pause();
        vm.prank(pauser);
        vm.expectRevert(PlazaUSDErrors.ExpectedPause.selector);
        pusd.unpause();
        vm.prank(pauser);
        pusd.pause();
        vm.prank(pauser);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        pusd.pause();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotPauser.selector, stranger));
        pusd.unpause();
    }

    // ---------------------------------------------------------------- rescue

    function test_rescueERC20() public {
        TestERC20 stray = new TestERC20("Stray", "STR", 18);
        stray.mint(address(pusd), 5e18);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.TokensRescued(address(stray), bob, 5e18);
        vm.prank(rescuer);
        pusd.rescueERC20(IERC20(address(stray)), bob, 5e18);
        assertEq(stray.balanceOf(bob), 5e18);
    }

    function test_rescueERC20_revertsForNonRescuer() public {
        TestERC20 stray = new TestERC20("Stray", "STR", 18);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotRescuer.selector, admin));
        pusd.rescueERC20(IERC20(address(stray)), bob, 0);
    }

    // ---------------------------------------------------------------- admin and roles

    function test_roleSetters() public {
        address next = makeAddr("next");
        vm.startPrank(admin);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.MasterMinterChanged(masterMinter, next);
        pusd.setMasterMinter(next);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.PauserChanged(pauser, next);
        pusd.setPauser(next);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.BlocklisterChanged(address(registry), next);
        pusd.setBlocklister(next);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.RescuerChanged(rescuer, next);
        pusd.setRescuer(next);
        vm.stopPrank();
        assertEq(pusd.masterMinter(), next);
        assertEq(pusd.pauser(), next);
        assertEq(pusd.blocklister(), next);
        assertEq(pusd.rescuer(), next);
    }

    function test_roleSetters_revertForNonAdminAndZero() public {
        bytes memory unauthorized =
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, masterMinter);
        vm.startPrank(masterMinter);
        vm.expectRevert(unauthorized);
        pusd.setMasterMinter(stranger);
        vm.expectRevert(unauthorized);
        pusd.setPauser(stranger);
        vm.expectRevert(unauthorized);
        pusd.setBlocklister(stranger);
        vm.expectRevert(unauthorized);
        pusd.setRescuer(stranger);
        vm.stopPrank();

        vm.startPrank(admin);
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        pusd.setMasterMinter(address(0));
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        pusd.setPauser(address(0));
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        pusd.setBlocklister(address(0));
        vm.expectRevert(PlazaUSDErrors.ZeroAddress.selector);
        pusd.setRescuer(address(0));
        vm.stopPrank();
    }

    function test_adminTransfer_isTwoStep() public {
        address next = makeAddr("next");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        pusd.transferOwnership(next);

        vm.prank(admin);
        pusd.transferOwnership(next);
        assertEq(pusd.owner(), admin, "not transferred until accepted");
        assertEq(pusd.pendingOwner(), next);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger));
        pusd.acceptOwnership();

        vm.prank(next);
        pusd.acceptOwnership();
        assertEq(pusd.owner(), next);
        assertEq(pusd.pendingOwner(), address(0));
    }

    function test_renounceOwnership_isDisabled() public {
        vm.prank(admin);
        vm.expectRevert(PlazaUSDErrors.RenounceDisabled.selector);
        pusd.renounceOwnership();
        assertEq(pusd.owner(), admin);
    }
}
