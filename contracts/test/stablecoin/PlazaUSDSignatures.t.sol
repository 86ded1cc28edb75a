// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PlazaUSDEvents} from "../../src/stablecoin/libraries/PlazaUSDEvents.sol";
import {Signing} from "../utils/Signing.sol";
import {SmartWallet} from "../utils/SmartWallet.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice EIP-2612 permit, EIP-3009 authorizations and ERC-1271 wallets on pUSD, including the replay and
/// front-running attacks.
contract PlazaUSDSignaturesTest is StablecoinSetup, Signing {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    uint256 internal aliceKey = 0xA11CE;
    address internal alice = vm.addr(aliceKey);
    uint256 internal malloryKey = 0xBAD;
    address internal mallory = vm.addr(malloryKey);
    address internal bob = makeAddr("bob");
    address internal relayer = makeAddr("relayer");
    SmartWallet internal wallet;

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        wallet = new SmartWallet(alice);
        _mint(alice, 1000e18);
        _mint(address(wallet), 1000e18);
    }

    // ================================================================ EIP-712 domain

    function test_domainSeparator_matchesIndependentComputation() public {
        assertEq(pusd.DOMAIN_SEPARATOR(), _domain(address(pusd), block.chainid));
        vm.chainId(8453);
        assertEq(pusd.DOMAIN_SEPARATOR(), _domain(address(pusd), 8453), "follows block.chainid (forks)");
    }

    function test_typeHashes() public view {
        assertEq(pusd.PERMIT_TYPEHASH(), PERMIT_TYPEHASH);
        assertEq(pusd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), TRANSFER_TYPEHASH);
        assertEq(pusd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), RECEIVE_TYPEHASH);
        assertEq(pusd.CANCEL_AUTHORIZATION_TYPEHASH(), CANCEL_TYPEHASH);
    }

    function test_eip712Domain() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = pusd.eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "Plaza USD");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(pusd));
        assertEq(salt, bytes32(0));
        assertEq(extensions.length, 0);
    }

    // ================================================================ permit

    function test_permit_vrs() public {
        uint256 deadline = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 5e18, 0, deadline));
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Approval(alice, bob, 5e18);
        vm.prank(relayer);
        pusd.permit(alice, bob, 5e18, deadline, v, r, s);
        assertEq(pusd.allowance(alice, bob), 5e18);
        assertEq(pusd.nonces(alice), 1);
    }

    function test_permit_bytes() public {
        uint256 deadline = block.timestamp + 1 days;
        bytes memory sig = _signBytes(aliceKey, _permitDigest(address(pusd), alice, bob, 5e18, 0, deadline));
        pusd.permit(alice, bob, 5e18, deadline, sig);
        assertEq(pusd.allowance(alice, bob), 5e18);
        assertEq(pusd.nonces(alice), 1);
    }

    function test_permit_thenTransferFrom() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 5e18, 0, deadline));
        pusd.permit(alice, bob, 5e18, deadline, v, r, s); // deadline == now is still valid
        vm.prank(bob);
        pusd.transferFrom(alice, bob, 5e18);
        assertEq(pusd.balanceOf(bob), 5e18);
        assertEq(pusd.allowance(alice, bob), 0);
    }

    function test_permit_erc1271Wallet_bothForms() public {
        uint256 deadline = block.timestamp + 1 days;
        bytes32 digest = _permitDigest(address(pusd), address(wallet), bob, 7e18, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, digest);
        pusd.permit(address(wallet), bob, 7e18, deadline, v, r, s);
        assertEq(pusd.allowance(address(wallet), bob), 7e18);

        digest = _permitDigest(address(pusd), address(wallet), bob, 8e18, 1, deadline);
        pusd.permit(address(wallet), bob, 8e18, deadline, _signBytes(aliceKey, digest));
        assertEq(pusd.allowance(address(wallet), bob), 8e18);
        assertEq(pusd.nonces(address(wallet)), 2);
    }

    function test_permit_revertsWhenExpired() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.ERC2612ExpiredSignature.selector, deadline));
        pusd.permit(alice, bob, 1, deadline, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.ERC2612ExpiredSignature.selector, deadline));
        pusd.permit(alice, bob, 1, deadline, abi.encodePacked(r, s, v));
    }

    function test_permit_revertsOnWrongSigner() public {
        uint256 deadline = block.timestamp + 1;
        bytes32 digest = _permitDigest(address(pusd), alice, bob, 1, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = _sign(malloryKey, digest);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, abi.encodePacked(r, s, v));
        // a wallet whose owner did not sign
        digest = _permitDigest(address(pusd), address(wallet), bob, 1, 0, deadline);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(address(wallet), bob, 1, deadline, _signBytes(malloryKey, digest));
    }

    function test_permit_revertsOnChangedValue() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, 0, deadline));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 2, deadline, v, r, s);
    }

    function test_permit_revertsOnReplay() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, 0, deadline));
        pusd.permit(alice, bob, 1, deadline, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
    }

    function test_permit_revertsOnMalleableSignature() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, 0, deadline));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, flippedV, r, highS);
    }

    function test_permit_revertsOnZeroSpender() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(aliceKey, _permitDigest(address(pusd), alice, address(0), 1, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        pusd.permit(alice, address(0), 1, deadline, v, r, s);
    }

    function test_permit_zeroOwnerCannotBeForged() public {
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(address(0), bob, 1, block.timestamp, 27, bytes32(0), bytes32(0));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(address(0), bob, 1, block.timestamp, new bytes(65));
    }

    /// Adversarial: a permit signed for another chain id is refused.
    function test_permit_replayAcrossChainIdFails() public {
        uint256 deadline = block.timestamp + 1;
        bytes32 otherChain = _digest(
            address(pusd), 1, keccak256(abi.encode(PERMIT_TYPEHASH, alice, bob, uint256(1), uint256(0), deadline))
        );
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, otherChain);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);

        // signed on this chain, then replayed on a fork with another chain id
        (v, r, s) = _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, 0, deadline));
        uint256 snapshot = vm.snapshotState();
        vm.chainId(block.chainid + 1);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
        vm.revertToState(snapshot);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
    }

    /// Adversarial: a permit signed for another pUSD deployment is refused.
    function test_permit_replayAcrossContractFails() public {
        PlazaUSD other = PlazaUSD(address(new ERC1967Proxy(address(implementation), _initData(address(registry)))));
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _permitDigest(address(other), alice, bob, 1, 0, deadline));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
        other.permit(alice, bob, 1, deadline, v, r, s);
        assertEq(other.allowance(alice, bob), 1);
    }

    function testFuzz_permit(uint256 key, uint256 value, uint256 deadline, uint256 warp, bool viaWallet) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        address owner = viaWallet ? address(new SmartWallet(signer)) : signer;
        deadline = bound(deadline, block.timestamp, type(uint64).max);
        warp = bound(warp, block.timestamp, type(uint64).max);
        bytes32 digest = _permitDigest(address(pusd), owner, bob, value, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = _sign(key, digest);
        vm.warp(warp);
        if (warp > deadline) {
            vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.ERC2612ExpiredSignature.selector, deadline));
            pusd.permit(owner, bob, value, deadline, v, r, s);
        } else {
            pusd.permit(owner, bob, value, deadline, v, r, s);
            assertEq(pusd.allowance(owner, bob), value);
            assertEq(pusd.nonces(owner), 1);
        }
    }

    function testFuzz_permit_nonceMustMatch(uint256 signedNonce) public {
        vm.assume(signedNonce != 0);
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(aliceKey, _permitDigest(address(pusd), alice, bob, 1, signedNonce, deadline));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(alice, bob, 1, deadline, v, r, s);
    }

    // ================================================================ transferWithAuthorization

    function test_transferWithAuthorization_vrs() public {
        Auth memory a = _auth(alice, bob, 10e18, keccak256("n1"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.AuthorizationUsed(alice, a.nonce);
        vm.expectEmit(true, true, true, true, address(pusd));
        emit IERC20.Transfer(alice, bob, 10e18);
        vm.prank(relayer);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(bob), 10e18);
        assertEq(pusd.balanceOf(alice), 990e18);
        assertTrue(pusd.authorizationState(alice, a.nonce));
    }

    function test_transferWithAuthorization_bytes() public {
        Auth memory a = _auth(alice, bob, 10e18, keccak256("n1"));
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        assertEq(pusd.balanceOf(bob), 10e18);
        assertTrue(pusd.authorizationState(alice, a.nonce));
    }

    function test_transferWithAuthorization_erc1271Wallet() public {
        Auth memory a = _auth(address(wallet), bob, 10e18, keccak256("w1"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        a.nonce = keccak256("w2");
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        assertEq(pusd.balanceOf(bob), 20e18);
    }

    function test_transferWithAuthorization_validityWindow() public {
        Auth memory a = _auth(alice, bob, 1, keccak256("n"));
        a.validAfter = block.timestamp;
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationNotYetValid.selector, a.validAfter));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);

        vm.warp(a.validBefore);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationExpired.selector, a.validBefore));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);

        vm.warp(a.validBefore - 1);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        assertEq(pusd.balanceOf(bob), 1);
    }

    /// Adversarial: an EIP-3009 nonce works once.
    function test_transferWithAuthorization_nonceReuseFails() public {
        Auth memory a = _auth(alice, bob, 1e18, keccak256("once"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );

        // the same nonce signed again for a different transfer is still refused
        Auth memory b = _auth(alice, bob, 2e18, a.nonce);
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, b));
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.transferWithAuthorization(b.from, b.to, b.value, b.validAfter, b.validBefore, b.nonce, sig);
        assertEq(pusd.balanceOf(bob), 1e18);
    }

    function test_transferWithAuthorization_revertsOnWrongSignerOrTamperedFields() public {
        Auth memory a = _auth(alice, bob, 1e18, keccak256("n"));
        bytes32 digest = _authDigest(address(pusd), TRANSFER_TYPEHASH, a);
        (uint8 v, bytes32 r, bytes32 s) = _sign(malloryKey, digest);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);

        (v, r, s) = _sign(aliceKey, digest);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, mallory, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value + 1, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore + 1, a.nonce, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v, uint8(0))
        );
    }

    function test_transferWithAuthorization_zeroFromCannotBeForged() public {
        Auth memory a = _auth(address(0), bob, 0, keccak256("z"));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, 27, bytes32(0), bytes32(0)
        );
    }

    function test_transferWithAuthorization_failedTransferDoesNotConsumeNonce() public {
        Auth memory a = _auth(alice, bob, 1001e18, keccak256("big"));
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1000e18, 1001e18));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        assertFalse(pusd.authorizationState(alice, a.nonce));
    }

    /// Adversarial: signatures for another chain id or another contract are refused.
    function test_transferWithAuthorization_replayAcrossChainAndContractFails() public {
        Auth memory a = _auth(alice, bob, 1e18, keccak256("x"));
        bytes memory sig = _signBytes(aliceKey, _authDigestOn(address(pusd), 1, TRANSFER_TYPEHASH, a));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);

        PlazaUSD other = PlazaUSD(address(new ERC1967Proxy(address(implementation), _initData(address(registry)))));
        sig = _signBytes(aliceKey, _authDigest(address(other), TRANSFER_TYPEHASH, a));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);

        // executed on one chain, then replayed on a fork with another chain id
        sig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        vm.chainId(block.chainid + 1);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
    }

    function testFuzz_transferWithAuthorization(
        uint256 key,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint256 at,
        bool viaWallet
    ) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(signer != bob);
        address from = viaWallet ? address(new SmartWallet(signer)) : signer;
        value = bound(value, 0, 1e26);
        _mint(from, value + 1);
        validAfter = bound(validAfter, 0, type(uint64).max);
        validBefore = bound(validBefore, 0, type(uint64).max);
        at = bound(at, 1, type(uint64).max);
        Auth memory a = Auth(from, bob, value, validAfter, validBefore, nonce);
        bytes memory sig = _signBytes(key, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.warp(at);
        if (at <= validAfter) {
            vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationNotYetValid.selector, validAfter));
        } else if (at >= validBefore) {
            vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationExpired.selector, validBefore));
        }
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        bool executed = at > validAfter && at < validBefore;
        assertEq(pusd.authorizationState(from, nonce), executed);
        assertEq(pusd.balanceOf(bob), executed ? value : 0);
    }

    // ================================================================ receiveWithAuthorization

    function test_receiveWithAuthorization_byPayee() public {
        Auth memory a = _auth(alice, bob, 3e18, keccak256("r1"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.AuthorizationUsed(alice, a.nonce);
        vm.prank(bob);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(bob), 3e18);

        a.nonce = keccak256("r2");
        bytes memory sig = _signBytes(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.prank(bob);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        assertEq(pusd.balanceOf(bob), 6e18);
    }

    /// Adversarial: a third party who sees the authorization in the mempool cannot execute it first, neither
    /// through receiveWithAuthorization nor by passing it to transferWithAuthorization.
    function test_receiveWithAuthorization_frontRunByThirdPartyFails() public {
        Auth memory a = _auth(alice, bob, 3e18, keccak256("r"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));

        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.CallerNotPayee.selector, mallory, bob));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.CallerNotPayee.selector, mallory, bob));
        pusd.receiveWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        vm.prank(mallory);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertFalse(pusd.authorizationState(alice, a.nonce));

        vm.prank(bob);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(bob), 3e18);
    }

    function test_receiveWithAuthorization_reverts() public {
        Auth memory a = _auth(alice, bob, 3e18, keccak256("r"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(malloryKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.prank(bob);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);

        (v, r, s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.warp(a.validBefore);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationExpired.selector, a.validBefore));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);

        vm.warp(a.validAfter);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationNotYetValid.selector, a.validAfter));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);

        vm.warp(a.validAfter + 1);
        vm.prank(bob);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function test_receiveWithAuthorization_signedAsTransferIsRefused() public {
        Auth memory a = _auth(alice, bob, 3e18, keccak256("t"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.prank(bob);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    // ================================================================ cancelAuthorization

    function test_cancelAuthorization_vrs() public {
        bytes32 nonce = keccak256("c1");
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _cancelDigest(address(pusd), alice, nonce));
        vm.expectEmit(true, true, true, true, address(pusd));
        emit PlazaUSDEvents.AuthorizationCanceled(alice, nonce);
        vm.prank(relayer);
        pusd.cancelAuthorization(alice, nonce, v, r, s);
        assertTrue(pusd.authorizationState(alice, nonce));
    }

    function test_cancelAuthorization_bytesAndWallet() public {
        bytes32 nonce = keccak256("c1");
        pusd.cancelAuthorization(alice, nonce, _signBytes(aliceKey, _cancelDigest(address(pusd), alice, nonce)));
        assertTrue(pusd.authorizationState(alice, nonce));
        pusd.cancelAuthorization(
            address(wallet), nonce, _signBytes(aliceKey, _cancelDigest(address(pusd), address(wallet), nonce))
        );
        assertTrue(pusd.authorizationState(address(wallet), nonce));
    }

    /// Adversarial: an authorization canceled before use can no longer be executed (any path), and a cancel
    /// cannot be replayed.
    function test_cancelAuthorization_blocksLaterUse() public {
        Auth memory a = _auth(alice, bob, 1e18, keccak256("c"));
        bytes memory transferSig = _signBytes(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        bytes memory receiveSig = _signBytes(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _cancelDigest(address(pusd), alice, a.nonce));
        pusd.cancelAuthorization(alice, a.nonce, v, r, s);

        bytes memory used = abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce);
        vm.expectRevert(used);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, transferSig);
        vm.prank(bob);
        vm.expectRevert(used);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, receiveSig);
        vm.expectRevert(used);
        pusd.cancelAuthorization(alice, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(bob), 0);
    }

    function test_cancelAuthorization_afterUseFails() public {
        Auth memory a = _auth(alice, bob, 1e18, keccak256("u"));
        _transferWithAuth(pusd, aliceKey, a);
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _cancelDigest(address(pusd), alice, a.nonce));
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AuthorizationAlreadyUsed.selector, alice, a.nonce));
        pusd.cancelAuthorization(alice, a.nonce, v, r, s);
    }

    function test_cancelAuthorization_revertsOnWrongSigner() public {
        bytes32 nonce = keccak256("c");
        (uint8 v, bytes32 r, bytes32 s) = _sign(malloryKey, _cancelDigest(address(pusd), alice, nonce));
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.cancelAuthorization(alice, nonce, v, r, s);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.cancelAuthorization(alice, nonce, abi.encodePacked(r, s, v));
        assertFalse(pusd.authorizationState(alice, nonce));
    }

    function test_cancelAuthorization_worksWhilePaused() public {
        vm.prank(pauser);
        pusd.pause();
        bytes32 nonce = keccak256("p");
        pusd.cancelAuthorization(alice, nonce, _signBytes(aliceKey, _cancelDigest(address(pusd), alice, nonce)));
        assertTrue(pusd.authorizationState(alice, nonce));
    }

    function testFuzz_cancelAuthorization(uint256 key, bytes32 nonce, bool viaWallet) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        address authorizer = viaWallet ? address(new SmartWallet(signer)) : signer;
        (uint8 v, bytes32 r, bytes32 s) = _sign(key, _cancelDigest(address(pusd), authorizer, nonce));
        pusd.cancelAuthorization(authorizer, nonce, v, r, s);
        assertTrue(pusd.authorizationState(authorizer, nonce));
    }
}
