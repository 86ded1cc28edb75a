// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PSMSetup} from "../../utils/PSMSetup.sol";
import {PSMHandler} from "./PSMHandler.sol";

/// @notice PSM invariants: reserves × 10^12 ≥ pUSD outstanding through the PSM; outstanding never exceeds the
/// highest ceiling ever set; fees reach the collector in full; pUSD supply is exactly what the PSM minted.
contract PSMInvariantTest is PSMSetup {
    PSMHandler internal handler;

    function setUp() public {
        _deployPSM();
        handler = new PSMHandler(psm, pusd, usdc, admin);
        targetContract(address(handler));
    }

    function invariant_reservesBackMinted() public view {
        assertGe(psm.reserves() * psm.to18(), psm.minted());
    }

    function invariant_mintedWithinCeilingHistory() public view {
        assertLe(psm.minted(), handler.ghostMaxCeiling());
    }

    function invariant_feesReachCollector() public view {
        assertEq(pusd.balanceOf(address(collector)), handler.ghostFees());
    }

    function invariant_supplyIsWhatThePsmMinted() public view {
        // only the PSM mints in this suite; purchase fees move existing pUSD to the collector
        assertEq(pusd.totalSupply(), psm.minted());
        uint256 sum = pusd.balanceOf(address(collector));
        for (uint256 i; i < handler.userCount(); ++i) {
            sum += pusd.balanceOf(handler.users(i));
        }
        assertEq(sum, pusd.totalSupply());
    }
}
