// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PlazaUSDEvents
/// @notice pUSD's events besides ERC-20's `Transfer`/`Approval`, OpenZeppelin's
/// `OwnershipTransferStarted`/`OwnershipTransferred` (the admin), `Initialized` and ERC-1967's `Upgraded`.
library PlazaUSDEvents {
    /// @notice `minter` minted `amount` to `to` (a `Transfer` from zero is emitted too).
    event Mint(address indexed minter, address indexed to, uint256 amount);
    /// @notice `burner` burned `amount` from `from` (a `Transfer` to zero is emitted too).
    event Burn(address indexed burner, address indexed from, uint256 amount);
    /// @notice `minter` may now mint `allowance` (`type(uint256).max` = unlimited).
    event MinterConfigured(address indexed minter, uint256 allowance);
    /// @notice `minter` is no longer a minter.
    event MinterRemoved(address indexed minter);
    /// @notice The master minter (configures minters) changed.
    event MasterMinterChanged(address indexed previous, address indexed next);
    /// @notice The pauser changed.
    event PauserChanged(address indexed previous, address indexed next);
    /// @notice The blocklister (the ComplianceRegistry, which pushes the sanctions flag) changed.
    event BlocklisterChanged(address indexed previous, address indexed next);
    /// @notice The rescuer changed.
    event RescuerChanged(address indexed previous, address indexed next);
    /// @notice The pauser `account` paused movements of funds (same signature as OpenZeppelin's).
    event Paused(address account);
    /// @notice The pauser `account` resumed movements of funds.
    event Unpaused(address account);
    /// @notice `account` was blocked (its balance is frozen).
    event Blocked(address indexed account);
    /// @notice `account` was unblocked.
    event Unblocked(address indexed account);
    /// @notice EIP-3009: the authorization `nonce` of `authorizer` was used.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    /// @notice EIP-3009: the authorization `nonce` of `authorizer` was canceled.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);
    /// @notice The rescuer sent `amount` of `token` held by pUSD to `to`.
    event TokensRescued(address indexed token, address indexed to, uint256 amount);
}
