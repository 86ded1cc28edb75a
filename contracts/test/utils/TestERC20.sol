// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Plain mintable ERC-20 for tests. `failTo` makes transfers to one address revert (a token that blocks a
/// recipient, like USDC's blacklist).
contract TestERC20 is ERC20 {
    uint8 internal immutable _decimals;
    mapping(address => bool) public failTo;

    error TransferRefused(address to);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailTo(address to, bool fail) external {
        failTo[to] = fail;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (failTo[to]) revert TransferRefused(to);
        super._update(from, to, value);
    }
}
