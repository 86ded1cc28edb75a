// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Signing} from "../utils/Signing.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";

/// @notice Gas per transaction of pUSD's hot paths through the ERC-1967 proxy, written to snapshots/pUSD.json.
/// Scenario (same as the USDC anchors): sender and receiver both keep a non-zero balance; the permit and the
/// authorizations are not the owner's first; every call is relayed or sent as its own transaction.
/// forge-config: default.isolate = true
contract PlazaUSDGasTest is StablecoinSetup, Signing {
    uint256 internal aliceKey = 0xA11CE;
    address internal alice = vm.addr(aliceKey);
    address internal bob = makeAddr("bob");
    address internal spender = makeAddr("spender");
    address internal relayer = makeAddr("relayer");

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        _mint(alice, 1000e18);
        _mint(bob, 1000e18);
        vm.prank(alice);
        pusd.approve(spender, 500e18);

        // The owner's first permit and first authorization happened before.
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(aliceKey, _permitDigest(address(pusd), alice, relayer, 1, 0, block.timestamp + 1 hours));
        pusd.permit(alice, relayer, 1, block.timestamp + 1 hours, v, r, s);
        vm.prank(relayer);
        pusd.transferFrom(alice, bob, 1); // the permitted allowance was used: the next permit writes 0 -> value
        _transferWithAuth(pusd, aliceKey, _auth(alice, bob, 1e18, keccak256("first")));
    }

    function test_gas_transfer() public {
        vm.prank(alice);
        pusd.transfer(bob, 100e18);
        vm.snapshotGasLastCall("pUSD", "transfer");
    }

    function test_gas_transferFrom() public {
        vm.prank(spender);
        pusd.transferFrom(alice, bob, 100e18);
        vm.snapshotGasLastCall("pUSD", "transferFrom");
    }

    function test_gas_approve() public {
        vm.prank(alice);
        pusd.approve(bob, 100e18);
        vm.snapshotGasLastCall("pUSD", "approve");
    }

    function test_gas_permit() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) =
            _sign(aliceKey, _permitDigest(address(pusd), alice, relayer, 100e18, 1, deadline));
        vm.prank(relayer);
        pusd.permit(alice, relayer, 100e18, deadline, v, r, s);
        vm.snapshotGasLastCall("pUSD", "permit");
    }

    function test_gas_transferWithAuthorization() public {
        Auth memory a = _auth(alice, bob, 100e18, keccak256("second"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), TRANSFER_TYPEHASH, a));
        vm.prank(relayer);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.snapshotGasLastCall("pUSD", "transferWithAuthorization");
    }

    function test_gas_receiveWithAuthorization() public {
        Auth memory a = _auth(alice, bob, 100e18, keccak256("second"));
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _authDigest(address(pusd), RECEIVE_TYPEHASH, a));
        vm.prank(bob);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.snapshotGasLastCall("pUSD", "receiveWithAuthorization");
    }

    function test_gas_cancelAuthorization() public {
        bytes32 nonce = keccak256("second");
        (uint8 v, bytes32 r, bytes32 s) = _sign(aliceKey, _cancelDigest(address(pusd), alice, nonce));
        vm.prank(relayer);
        pusd.cancelAuthorization(alice, nonce, v, r, s);
        vm.snapshotGasLastCall("pUSD", "cancelAuthorization");
    }

    function test_gas_mint() public {
        vm.prank(minter);
        pusd.mint(bob, 100e18);
        vm.snapshotGasLastCall("pUSD", "mint");
    }
}
