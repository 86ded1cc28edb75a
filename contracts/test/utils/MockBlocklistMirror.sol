// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBlocklistMirror} from "../../src/interfaces/IBlocklistMirror.sol";

/// @notice Records what the registry pushes; can be told to revert.
contract MockBlocklistMirror is IBlocklistMirror {
    address public immutable registry;
    mapping(address => bool) public isBlocked;
    uint256 public pushes;
    bool public shouldRevert;

    error MirrorDown();
    error NotRegistry(address caller);

    constructor(address registry_) {
        registry = registry_;
    }

    function setShouldRevert(bool value) external {
        shouldRevert = value;
    }

    function setBlocked(address account, bool blocked) external {
        if (msg.sender != registry) revert NotRegistry(msg.sender);
        if (shouldRevert) revert MirrorDown();
        isBlocked[account] = blocked;
        ++pushes;
    }
}
