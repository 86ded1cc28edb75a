// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBlocklistMirror} from "./IBlocklistMirror.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IPlazaUSD
/// @notice pUSD as other Plaza contracts and integrators call it: ERC-20, EIP-2612 (plus an ERC-1271 `bytes`
/// overload), EIP-3009 and the minter functions.
interface IPlazaUSD is IERC20Metadata, IERC20Permit, IBlocklistMirror {
    /// @notice EIP-2612 permit with a `bytes` signature: 65-byte ECDSA for EOAs, anything for ERC-1271 wallets.
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes calldata signature) external;

    /// @notice EIP-3009: executes a transfer signed by `from`; anyone may submit it.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice EIP-3009 `transferWithAuthorization` with a `bytes` signature (ECDSA or ERC-1271).
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice EIP-3009: executes a transfer signed by `from`; only the payee `to` may submit it (front-running
    /// safe for contracts that pull funds).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice EIP-3009 `receiveWithAuthorization` with a `bytes` signature (ECDSA or ERC-1271).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice EIP-3009: marks an unused authorization nonce of `authorizer` as used, without a transfer.
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice EIP-3009 `cancelAuthorization` with a `bytes` signature (ECDSA or ERC-1271).
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external;

    /// @notice Whether the authorization nonce of `authorizer` has been used or canceled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);

    /// @notice Mints `amount` to `to`; only minters, within their allowance (unlimited minters skip the allowance).
    function mint(address to, uint256 amount) external returns (bool);

    /// @notice Burns `amount` of the calling minter's own balance.
    function burn(uint256 amount) external;

    /// @notice Burns `amount` from `from`, spending the allowance `from` gave the calling minter.
    function burnFrom(address from, uint256 amount) external;
}
