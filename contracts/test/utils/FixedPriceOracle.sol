// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracle} from "../../src/interfaces/IOracle.sol";

/// @notice An `IOracle` returning a stored price (Morpho Blue's `OracleMock` pattern), or reverting like a NavFeedAdapter
/// does when `broken` (to test unusable prices without a NavOracle).
contract FixedPriceOracle is IOracle {
    uint256 internal _price;
    bool public broken;

    error Broken();

    constructor(uint256 price_) {
        _price = price_;
    }

    function setPrice(uint256 price_) external {
        _price = price_;
    }

    function setBroken(bool broken_) external {
        broken = broken_;
    }

    function price() external view returns (uint256) {
        if (broken) revert Broken();
        return _price;
    }
}
