// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";

/// @notice Off-chain agreement: digests and signatures produced by viem (`signTypedData`, `hashTypedData`,
/// checked with `verifyTypedData`) in test/fixtures/generate-eip712.mjs are computed identically and accepted by
/// pUSD deployed at the fixture's address on the fixture's chain id.
contract EIP712FixtureTest is StablecoinSetup {
    string internal json;
    address internal signer;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/eip712.json"));
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        vm.warp(1_800_000_000);

        registry = new ComplianceRegistry(0, admin);
        implementation = new PlazaUSD();
        address at = vm.parseJsonAddress(json, ".verifyingContract");
        deployCodeTo(
            "ERC1967Proxy.sol:ERC1967Proxy", abi.encode(address(implementation), _initData(address(registry))), at
        );
        pusd = PlazaUSD(at);
        vm.prank(masterMinter);
        pusd.configureMinter(minter, 1_000_000e18);

        signer = vm.parseJsonAddress(json, ".signer");
        _mint(signer, 1000e18);
    }

    function _u(string memory key) internal view returns (uint256) {
        return vm.parseJsonUint(json, key);
    }

    function _a(string memory key) internal view returns (address) {
        return vm.parseJsonAddress(json, key);
    }

    function _b32(string memory key) internal view returns (bytes32) {
        return vm.parseJsonBytes32(json, key);
    }

    function _sig(string memory prefix) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        v = uint8(_u(string.concat(prefix, ".v")));
        r = _b32(string.concat(prefix, ".r"));
        s = _b32(string.concat(prefix, ".s"));
    }

    function _contractDigest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", pusd.DOMAIN_SEPARATOR(), structHash));
    }

    function test_domainSeparatorMatchesViem() public view {
        assertEq(pusd.DOMAIN_SEPARATOR(), _b32(".domainSeparator"));
    }

    function test_permit_digestAndSignatureMatchViem() public {
        assertEq(_a(".permit.owner"), signer);
        bytes32 structHash = keccak256(
            abi.encode(
                pusd.PERMIT_TYPEHASH(),
                signer,
                _a(".permit.spender"),
                _u(".permit.value"),
                pusd.nonces(signer),
                _u(".permit.deadline")
            )
        );
        assertEq(_u(".permit.nonce"), pusd.nonces(signer));
        assertEq(_contractDigest(structHash), _b32(".permit.digest"));

        uint256 snapshot = vm.snapshotState();
        (uint8 v, bytes32 r, bytes32 s) = _sig(".permit");
        pusd.permit(signer, _a(".permit.spender"), _u(".permit.value"), _u(".permit.deadline"), v, r, s);
        assertEq(pusd.allowance(signer, _a(".permit.spender")), _u(".permit.value"));

        vm.revertToState(snapshot);
        pusd.permit(
            signer,
            _a(".permit.spender"),
            _u(".permit.value"),
            _u(".permit.deadline"),
            vm.parseJsonBytes(json, ".permit.signature")
        );
        assertEq(pusd.allowance(signer, _a(".permit.spender")), _u(".permit.value"));
    }

    struct FixtureAuth {
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
        bytes signature;
    }

    function _loadAuth(string memory p) internal view returns (FixtureAuth memory a) {
        a.from = _a(string.concat(p, ".from"));
        a.to = _a(string.concat(p, ".to"));
        a.value = _u(string.concat(p, ".value"));
        a.validAfter = _u(string.concat(p, ".validAfter"));
        a.validBefore = _u(string.concat(p, ".validBefore"));
        a.nonce = _b32(string.concat(p, ".nonce"));
        a.signature = vm.parseJsonBytes(json, string.concat(p, ".signature"));
    }

    function _authStructHash(bytes32 typeHash, FixtureAuth memory a) internal pure returns (bytes32) {
        return keccak256(abi.encode(typeHash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce));
    }

    function test_transferWithAuthorization_digestAndSignatureMatchViem() public {
        string memory p = ".transferWithAuthorization";
        FixtureAuth memory a = _loadAuth(p);
        assertEq(a.from, signer);
        assertEq(
            _contractDigest(_authStructHash(pusd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), a)),
            _b32(string.concat(p, ".digest"))
        );

        uint256 snapshot = vm.snapshotState();
        (uint8 v, bytes32 r, bytes32 s) = _sig(p);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(a.to), a.value);

        vm.revertToState(snapshot);
        pusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, a.signature);
        assertEq(pusd.balanceOf(a.to), a.value);
        assertTrue(pusd.authorizationState(signer, a.nonce));
    }

    function test_receiveWithAuthorization_digestAndSignatureMatchViem() public {
        string memory p = ".receiveWithAuthorization";
        FixtureAuth memory a = _loadAuth(p);
        assertEq(a.from, signer);
        assertEq(
            _contractDigest(_authStructHash(pusd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), a)),
            _b32(string.concat(p, ".digest"))
        );

        uint256 snapshot = vm.snapshotState();
        (uint8 v, bytes32 r, bytes32 s) = _sig(p);
        vm.prank(a.to);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(pusd.balanceOf(a.to), a.value);

        vm.revertToState(snapshot);
        vm.prank(a.to);
        pusd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, a.signature);
        assertEq(pusd.balanceOf(a.to), a.value);
    }

    function test_cancelAuthorization_digestAndSignatureMatchViem() public {
        string memory p = ".cancelAuthorization";
        bytes32 nonce = _b32(string.concat(p, ".nonce"));
        bytes32 structHash = keccak256(abi.encode(pusd.CANCEL_AUTHORIZATION_TYPEHASH(), signer, nonce));
        assertEq(_contractDigest(structHash), _b32(string.concat(p, ".digest")));

        (uint8 v, bytes32 r, bytes32 s) = _sig(p);
        pusd.cancelAuthorization(signer, nonce, v, r, s);
        assertTrue(pusd.authorizationState(signer, nonce));
    }

    /// The same viem signature is worthless on another chain id or at another address.
    function test_viemSignatureBoundToChainAndContract() public {
        (uint8 v, bytes32 r, bytes32 s) = _sig(".permit");
        uint256 snapshot = vm.snapshotState();
        vm.chainId(1);
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(signer, _a(".permit.spender"), _u(".permit.value"), _u(".permit.deadline"), v, r, s);
        vm.revertToState(snapshot);

        _deployStablecoin(); // a second pUSD at a fresh address
        vm.expectRevert(PlazaUSDErrors.InvalidSignature.selector);
        pusd.permit(signer, _a(".permit.spender"), _u(".permit.value"), _u(".permit.deadline"), v, r, s);
    }
}
