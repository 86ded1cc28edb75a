// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StablecoinSetup} from "../../utils/StablecoinSetup.sol";
import {PlazaUSDHandler} from "./PlazaUSDHandler.sol";

/// @notice pUSD invariants under random transfers, authorizations, mints, burns, blocks and pauses:
/// sum of balances = totalSupply; each minter's total minted ≤ the allowances it was given; the registry and
/// pUSD's blocked cache always agree; a blocked account's balance never moves.
contract PlazaUSDInvariantTest is StablecoinSetup {
    PlazaUSDHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        address[] memory minters = new address[](3);
        minters[0] = minter;
        minters[1] = makeAddr("minter2");
        minters[2] = makeAddr("minter3");
        handler = new PlazaUSDHandler(pusd, registry, masterMinter, attester, pauser, minters);
        // every minter starts with an allowance booked by the handler (this replaces the setup's)
        for (uint256 i; i < minters.length; ++i) {
            handler.configureMinter(i, 1e24);
        }
        targetContract(address(handler));
    }

    function invariant_sumOfBalancesEqualsTotalSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += pusd.balanceOf(handler.actors(i));
        }
        for (uint256 i; i < handler.minterCount(); ++i) {
            sum += pusd.balanceOf(handler.minters(i));
        }
        assertEq(sum, pusd.totalSupply());
    }

    function invariant_mintedNeverExceedsAllowancesGiven() public view {
        uint256 totalMinted;
        for (uint256 i; i < handler.minterCount(); ++i) {
            address m = handler.minters(i);
            uint256 given = handler.ghostGiven(m);
            assertLe(handler.ghostMinted(m), given, "minted <= given");
            // what is left plus what was minted since the last configuration equals that configuration,
            // so minted in total plus the remaining allowance never exceeds what was given
            assertLe(handler.ghostMinted(m) + pusd.minterAllowance(m), given, "minted + remaining <= given");
            totalMinted += handler.ghostMinted(m);
        }
        assertGe(totalMinted, pusd.totalSupply(), "supply only comes from minters");
    }

    function invariant_registryAndPusdAgree() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(registry.isBlocked(a), pusd.isBlocked(a));
        }
    }

    function invariant_blockedBalanceIsFrozen() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            if (pusd.isBlocked(a)) assertEq(pusd.balanceOf(a), handler.ghostFrozenBalance(a));
        }
    }
}
