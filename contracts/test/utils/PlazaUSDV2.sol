// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";

/// @notice An upgrade candidate for tests: same storage, one extra view.
contract PlazaUSDV2 is PlazaUSD {
    function version2() external pure returns (string memory) {
        return "v2";
    }
}

/// @notice Not UUPS-compatible (no proxiableUUID): an upgrade to it must fail.
contract NotUpgradeable {
    function hello() external pure returns (uint256) {
        return 1;
    }
}
