// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC-20 whose transfers all revert once `paused` (a frozen or malicious reward token).
contract PausableRewardToken is ERC20 {
    bool public paused;

    error Paused();

    constructor() ERC20("Pausable", "PAUSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setPaused(bool paused_) external {
        paused = paused_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (paused) revert Paused();
        super._update(from, to, value);
    }
}

/// @notice ERC-20 that calls `target` with `data` on every transfer out of `watched` (an ERC-777-style hook), and
/// records the revert data of that call.
contract HookToken is ERC20 {
    address public watched;
    address public target;
    bytes public data;
    bytes public lastRevert;
    uint256 public hooks;

    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address watched_, address target_, bytes calldata data_) external {
        (watched, target, data) = (watched_, target_, data_);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == watched && target != address(0)) {
            ++hooks;
            (bool ok, bytes memory ret) = target.call(data);
            if (!ok) lastRevert = ret;
        }
    }
}
