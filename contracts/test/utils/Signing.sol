// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {Test} from "forge-std/Test.sol";

/// @notice EIP-712 digests and signatures for pUSD's permit and EIP-3009 messages, computed independently of the
/// contract (type strings spelled out here, domain rebuilt from name/version/chain/address).
abstract contract Signing is Test {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant CANCEL_TYPEHASH = keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    struct Auth {
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    function _domain(address token, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Plaza USD"), keccak256("1"), chainId, token));
    }

    function _digest(address token, uint256 chainId, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _domain(token, chainId), structHash));
    }

    function _permitDigest(
        address token,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        return _digest(
            token, block.chainid, keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline))
        );
    }

    function _authDigest(address token, bytes32 typeHash, Auth memory a) internal view returns (bytes32) {
        return _authDigestOn(token, block.chainid, typeHash, a);
    }

    function _authDigestOn(address token, uint256 chainId, bytes32 typeHash, Auth memory a)
        internal
        pure
        returns (bytes32)
    {
        return _digest(
            token, chainId, keccak256(abi.encode(typeHash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce))
        );
    }

    function _cancelDigest(address token, address authorizer, bytes32 nonce) internal view returns (bytes32) {
        return _digest(token, block.chainid, keccak256(abi.encode(CANCEL_TYPEHASH, authorizer, nonce)));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (uint8 v, bytes32 r, bytes32 s) {
        (v, r, s) = vm.sign(key, digest);
    }

    function _signBytes(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _auth(address from, address to, uint256 value, bytes32 nonce) internal view returns (Auth memory) {
        return Auth({
            from: from,
            to: to,
            value: value,
            validAfter: block.timestamp - 1,
            validBefore: block.timestamp + 1 hours,
            nonce: nonce
        });
    }

    function _transferWithAuth(PlazaUSD token, uint256 key, Auth memory a) internal {
        (uint8 v, bytes32 r, bytes32 s) = _sign(key, _authDigest(address(token), TRANSFER_TYPEHASH, a));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }
}
