// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IBlocklistMirror
/// @notice A contract that keeps a cache of the ComplianceRegistry's sanctions flag (pUSD packs it into the
/// balance slot). The registry is the single source of truth and pushes every change in the same transaction.
interface IBlocklistMirror {
    /// @notice Writes the cached blocked flag of `account`. Only the registry (the mirror's blocklister) may call.
    function setBlocked(address account, bool blocked) external;

    /// @notice The cached blocked flag of `account`.
    function isBlocked(address account) external view returns (bool);
}
