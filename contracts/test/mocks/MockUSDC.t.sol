// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {SmartWallet} from "../utils/SmartWallet.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The dev-chain USDC: 6 decimals, USDC's EIP-712 domain, permit and EIP-3009.
contract MockUSDCTest is Test {
    MockUSDC internal usdc;
    uint256 internal aliceKey = 0xA11CE;
    address internal alice = vm.addr(aliceKey);
    address internal bob = makeAddr("bob");
    address internal mallory = makeAddr("mallory");

    function setUp() public {
        vm.warp(1_700_000_000);
        usdc = new MockUSDC();
        usdc.mint(alice, 1000e6);
    }

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("USD Coin"),
                keccak256("2"),
                block.chainid,
                address(usdc)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _authDigest(bytes32 typeHash, address from, address to, uint256 value, bytes32 nonce)
        internal
        view
        returns (bytes32)
    {
        return
            _digest(keccak256(abi.encode(typeHash, from, to, value, block.timestamp - 1, block.timestamp + 1, nonce)));
    }

    function test_metadataAndDomain() public view {
        assertEq(usdc.name(), "USD Coin");
        assertEq(usdc.symbol(), "USDC");
        assertEq(usdc.decimals(), 6);
        assertEq(usdc.balanceOf(alice), 1000e6);
        (, string memory name, string memory version,,,,) = usdc.eip712Domain();
        assertEq(name, "USD Coin");
        assertEq(version, "2");
        assertEq(usdc.DOMAIN_SEPARATOR(), _digestDomain());
    }

    function _digestDomain() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("USD Coin"),
                keccak256("2"),
                block.chainid,
                address(usdc)
            )
        );
    }

    function test_permit_bothForms() public {
        uint256 deadline = block.timestamp + 1;
        bytes32 digest = _digest(keccak256(abi.encode(usdc.PERMIT_TYPEHASH(), alice, bob, 5e6, 0, deadline)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        usdc.permit(alice, bob, 5e6, deadline, v, r, s);
        assertEq(usdc.allowance(alice, bob), 5e6);
        digest = _digest(keccak256(abi.encode(usdc.PERMIT_TYPEHASH(), alice, bob, 6e6, 1, deadline)));
        (v, r, s) = vm.sign(aliceKey, digest);
        usdc.permit(alice, bob, 6e6, deadline, abi.encodePacked(r, s, v));
        assertEq(usdc.allowance(alice, bob), 6e6);
        assertEq(usdc.nonces(alice), 2);
    }

    function test_permit_reverts() public {
        uint256 deadline = block.timestamp - 1;
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDCExpired.selector, deadline));
        usdc.permit(alice, bob, 1, deadline, 27, bytes32(0), bytes32(0));
        deadline = block.timestamp;
        bytes32 digest = _digest(keccak256(abi.encode(usdc.PERMIT_TYPEHASH(), alice, bob, 1, 0, deadline)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(0xBAD, digest);
        vm.expectRevert(MockUSDC.MockUSDCInvalidSignature.selector);
        usdc.permit(alice, bob, 1, deadline, v, r, s);
    }

    function test_transferWithAuthorization_andReuse() public {
        bytes32 nonce = keccak256("n");
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(aliceKey, _authDigest(usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), alice, bob, 3e6, nonce));
        vm.expectEmit(true, true, true, true, address(usdc));
        emit MockUSDC.AuthorizationUsed(alice, nonce);
        usdc.transferWithAuthorization(alice, bob, 3e6, block.timestamp - 1, block.timestamp + 1, nonce, v, r, s);
        assertEq(usdc.balanceOf(bob), 3e6);
        assertTrue(usdc.authorizationState(alice, nonce));
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDCAuthorizationUsed.selector, alice, nonce));
        usdc.transferWithAuthorization(alice, bob, 3e6, block.timestamp - 1, block.timestamp + 1, nonce, v, r, s);
    }

    function test_transferWithAuthorization_windowAndSigner() public {
        bytes32 nonce = keccak256("n");
        bytes32 typeHash = usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH();
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(0xBAD, _authDigest(typeHash, alice, bob, 3e6, nonce));
        vm.expectRevert(MockUSDC.MockUSDCInvalidSignature.selector);
        usdc.transferWithAuthorization(alice, bob, 3e6, block.timestamp - 1, block.timestamp + 1, nonce, v, r, s);
        vm.expectRevert(
            abi.encodeWithSelector(
                MockUSDC.MockUSDCAuthorizationNotValidNow.selector, block.timestamp, block.timestamp + 1
            )
        );
        usdc.transferWithAuthorization(alice, bob, 3e6, block.timestamp, block.timestamp + 1, nonce, v, r, s);
    }

    function test_receiveWithAuthorization_onlyPayee() public {
        bytes32 nonce = keccak256("r");
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(aliceKey, _authDigest(usdc.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), alice, bob, 2e6, nonce));
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDCCallerNotPayee.selector, mallory, bob));
        usdc.receiveWithAuthorization(alice, bob, 2e6, block.timestamp - 1, block.timestamp + 1, nonce, v, r, s);
        vm.prank(bob);
        usdc.receiveWithAuthorization(alice, bob, 2e6, block.timestamp - 1, block.timestamp + 1, nonce, v, r, s);
        assertEq(usdc.balanceOf(bob), 2e6);
    }

    function test_cancelAuthorization_andWallet() public {
        SmartWallet wallet = new SmartWallet(alice);
        usdc.mint(address(wallet), 10e6);
        bytes32 nonce = keccak256("c");
        bytes32 digest = _digest(keccak256(abi.encode(usdc.CANCEL_AUTHORIZATION_TYPEHASH(), alice, nonce)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        vm.expectEmit(true, true, true, true, address(usdc));
        emit MockUSDC.AuthorizationCanceled(alice, nonce);
        usdc.cancelAuthorization(alice, nonce, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDCAuthorizationUsed.selector, alice, nonce));
        usdc.cancelAuthorization(alice, nonce, v, r, s);

        // ERC-1271 wallet as the payer of a bytes-signature authorization
        bytes32 typeHash = usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH();
        (v, r, s) = vm.sign(aliceKey, _authDigest(typeHash, address(wallet), bob, 4e6, nonce));
        usdc.transferWithAuthorization(
            address(wallet), bob, 4e6, block.timestamp - 1, block.timestamp + 1, nonce, abi.encodePacked(r, s, v)
        );
        assertEq(usdc.balanceOf(bob), 4e6);
    }
}
