// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PlazaUSDErrors
/// @notice Custom errors of pUSD (the standard ERC-20 ones come from OpenZeppelin's IERC20Errors).
library PlazaUSDErrors {
    /// @notice Movements of funds are paused.
    error EnforcedPause();
    /// @notice `unpause` while not paused.
    error ExpectedPause();
    /// @notice `account` is on the sanctions blocklist and cannot send or receive.
    error AccountBlocked(address account);
    /// @notice The caller is not a minter.
    error NotMinter(address caller);
    /// @notice The caller is not the master minter.
    error NotMasterMinter(address caller);
    /// @notice The caller is not the pauser.
    error NotPauser(address caller);
    /// @notice The caller is not the blocklister (the ComplianceRegistry).
    error NotBlocklister(address caller);
    /// @notice The caller is not the rescuer.
    error NotRescuer(address caller);
    /// @notice The mint exceeds the minter's remaining allowance.
    error MinterAllowanceExceeded(address minter, uint256 allowance, uint256 amount);
    /// @notice A minter allowance must fit in 128 bits, or be `type(uint256).max` (unlimited).
    error InvalidMinterAllowance(uint256 allowance);
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice Minting or burning zero.
    error ZeroAmount();
    /// @notice The supply would exceed `MAX_SUPPLY` (2^248 − 1).
    error MaxSupplyExceeded(uint256 supply);
    /// @notice The signature is not the signer's (neither ECDSA nor ERC-1271).
    error InvalidSignature();
    /// @notice EIP-2612: the permit's deadline has passed.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice EIP-3009: `block.timestamp` is not after `validAfter` yet.
    error AuthorizationNotYetValid(uint256 validAfter);
    /// @notice EIP-3009: `block.timestamp` is not before `validBefore` any more.
    error AuthorizationExpired(uint256 validBefore);
    /// @notice EIP-3009: the nonce was already used or canceled.
    error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce);
    /// @notice EIP-3009 `receiveWithAuthorization`: the caller must be the payee.
    error CallerNotPayee(address caller, address payee);
    /// @notice Renouncing the admin would make pUSD un-upgradeable and its roles frozen.
    error RenounceDisabled();
}
