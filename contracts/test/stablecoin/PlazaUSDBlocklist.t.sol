// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PlazaUSDEvents} from "../../src/stablecoin/libraries/PlazaUSDEvents.sol";
import {Signing} from "../utils/Signing.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";

/// @notice The sanctions blocklist: the registry is the source of truth, pUSD's cache follows it in the same
/// transaction, and a blocked payer, payee or spender cannot move funds through any entry point.
contract PlazaUSDBlocklistTest is StablecoinSetup, Signing {
    uint256 internal aliceKey = 0xA11CE;
    address internal alice = vm.addr(aliceKey);
    uint256 internal bobKey = 0xB0B;
    address internal bob = vm.addr(bobKey);
    address internal carol = makeAddr("carol");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        _mint(alice, 1000e18);
        _mint(bob, 1000e18);
        _mint(minter, 1000e18);
    }

    function _blocked(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, account);
    }

    // ---------------------------------------------------------------- the cache follows the registry

    function test_registryBlockPushesIntoPusd() public {
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Blocked(alice);
        _block(alice);
        assertTrue(pusd.isBlocked(alice));
        assertTrue(registry.isBlocked(alice));
        assertEq(pusd.balanceOf(alice), 1000e18, "balance is frozen, not lost");
        assertEq(pusd.totalSupply(), 3000e18);

        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.Unblocked(alice);
        _unblock(alice);
        assertFalse(pusd.isBlocked(alice));
        assertEq(pusd.balanceOf(alice), 1000e18);
        vm.prank(alice);
        pusd.transfer(bob, 1e18);
    }

    function test_registryRecordWithBlockedFlagPushesIntoPusd() public {
        IComplianceRegistry.Record memory r = IComplianceRegistry.Record({
            kycLevel: 1, jurisdiction: "DE", expiry: uint40(block.timestamp + 1 days), creditScore: 0, blocked: true
        });
        vm.prank(attester);
        registry.setRecord(alice, r);
        assertTrue(pusd.isBlocked(alice));
        r.blocked = false;
        vm.prank(attester);
        registry.setRecord(alice, r);
        assertFalse(pusd.isBlocked(alice));
    }

    function test_setBlocked_onlyBlocklister() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotBlocklister.selector, stranger));
        pusd.setBlocked(alice, true);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotBlocklister.selector, admin));
        pusd.setBlocked(alice, true);
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotBlocklister.selector, attester));
        pusd.setBlocked(alice, true);
        assertFalse(pusd.isBlocked(alice));
    }

    function test_setBlocked_unchangedFlagEmitsNothing() public {
        vm.recordLogs();
        vm.prank(address(registry));
        pusd.setBlocked(alice, false);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function testFuzz_blockUnblockKeepsBalance(uint256 amount, bool twice) public {
        amount = bound(amount, 1, 1e26);
        _mint(carol, amount);
        _block(carol);
        if (twice) _block(carol);
        assertEq(pusd.balanceOf(carol), amount);
        assertTrue(pusd.isBlocked(carol));
        _unblock(carol);
        if (twice) _unblock(carol);
        assertEq(pusd.balanceOf(carol), amount);
        assertFalse(pusd.isBlocked(carol));
    }

    // ---------------------------------------------------------------- blocked payer through every entry point

    function test_blockedPayer_transfer() public {
        _block(alice);
        vm.prank(alice);
        vm.expectRevert(_blocked(alice));
        pusd.transfer(bob, 1);
    }

    function test_blockedPayer_transferFrom() public {
        vm.prank(alice);
        pusd.approve(carol, 10e18);
        _block(alice);
        vm.prank(carol);
        vm.expectRevert(_blocked(alice));
        pusd.transferFrom(alice, bob, 1);
    }

    function test_blockedPayer_permitThenTransferFrom() public {
        _block(alice);
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, carol, 5e18, 0, deadline));
        pusd.permit(alice, carol, 5e18, deadline, v, r, s); // approvals move no funds (USDC v2.2 semantics)
        assertEq(pusd.allowance(alice, carol), 5e18);
        vm.prank(carol);
        vm.expectRevert(_blocked(alice));
        pusd.transferFrom(alice, carol, 5e18);
    }

    function test_blockedPayer_transferWithAuthorization_bothForms() public {
        _block(alice);
        Auth memory a = _auth(alice, bob, 1e18, keccak256("a"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.expectRevert(_blocked(alice));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(_blocked(alice));
        pusd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        assertFalse(pusd.authorizationState(alice, a.nonce), "nonce not burned by the failed attempt");
    }

    function test_blockedPayer_receiveWithAuthorization_bothForms() public {
        _block(alice);
        Auth memory a = _auth(alice, bob, 1e18, keccak256("a"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.startPrank(bob);
        vm.expectRevert(_blocked(alice));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(_blocked(alice));
        pusd.receiveWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        vm.stopPrank();
    }

    function test_blockedPayer_burn() public {
        _block(minter);
        vm.prank(minter);
        vm.expectRevert(_blocked(minter));
        pusd.burn(1);
    }

    function test_blockedPayer_burnFrom() public {
        vm.prank(alice);
        pusd.approve(minter, 10e18);
        _block(alice);
        vm.prank(minter);
        vm.expectRevert(_blocked(alice));
        pusd.burnFrom(alice, 1);
    }

    // ---------------------------------------------------------------- blocked payee through every entry point

    function test_blockedPayee_transfer() public {
        _block(bob);
        vm.prank(alice);
        vm.expectRevert(_blocked(bob));
        pusd.transfer(bob, 1);
    }

    function test_blockedPayee_transferFrom() public {
        vm.prank(alice);
        pusd.approve(carol, 10e18);
        _block(bob);
        vm.prank(carol);
        vm.expectRevert(_blocked(bob));
        pusd.transferFrom(alice, bob, 1);
    }

    function test_blockedPayee_transferWithAuthorization_bothForms() public {
        _block(bob);
        Auth memory a = _auth(alice, bob, 1e18, keccak256("a"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.expectRevert(_blocked(bob));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(_blocked(bob));
        pusd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
    }

    function test_blockedPayee_receiveWithAuthorization_bothForms() public {
        _block(bob);
        Auth memory a = _auth(alice, bob, 1e18, keccak256("a"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.startPrank(bob);
        vm.expectRevert(_blocked(bob));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(_blocked(bob));
        pusd.receiveWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        vm.stopPrank();
    }

    function test_blockedPayee_mint() public {
        _block(carol);
        vm.prank(minter);
        vm.expectRevert(_blocked(carol));
        pusd.mint(carol, 1);
    }

    // ---------------------------------------------------------------- blocked spender

    function test_blockedSpender_transferFrom() public {
        vm.prank(alice);
        pusd.approve(carol, 10e18);
        _block(carol);
        vm.prank(carol);
        vm.expectRevert(_blocked(carol));
        pusd.transferFrom(alice, bob, 1);
        _unblock(carol);
        vm.prank(carol);
        pusd.transferFrom(alice, bob, 1);
    }

    function test_blockedAccountCanStillApproveAndCancel() public {
        _block(alice);
        vm.prank(alice);
        pusd.approve(carol, 1);
        assertEq(pusd.allowance(alice, carol), 1);
        bytes32 nonce = keccak256("n");
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _cancelDigest(address(pusd), alice, nonce));
        pusd.cancelAuthorization(alice, nonce, v, r, s);
        assertTrue(pusd.authorizationState(alice, nonce));
    }

    function test_blockedRelayerDoesNotMatterForAuthorizations() public {
        _block(carol);
        Auth memory a = _auth(alice, bob, 1e18, keccak256("relay"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.prank(carol);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(bob), 1001e18);
    }

    function testFuzz_blockedSideAlwaysReverts(uint8 which, uint256 amount) public {
        amount = bound(amount, 0, 1000e18);
        address target = which % 2 == 0 ? alice : bob;
        _block(target);
        vm.prank(alice);
        vm.expectRevert(_blocked(target));
        pusd.transfer(bob, amount);
        assertEq(pusd.balanceOf(alice), 1000e18);
        assertEq(pusd.balanceOf(bob), 1000e18);
    }
}
