// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @dev Deploys an ERC-1967 proxy from a contract, so `vm.expectRevert` can target the deployment.
contract ERC1967ProxyDeployer {
    function deploy(address impl, bytes memory data) external returns (address) {
        return address(new ERC1967Proxy(impl, data));
    }
}
