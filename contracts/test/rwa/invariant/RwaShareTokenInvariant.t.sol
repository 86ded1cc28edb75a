// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RwaBase} from "../RwaBase.sol";
import {RwaShareTokenHandler} from "./RwaShareTokenHandler.sol";

/// @notice RwaShareToken invariants: income is conserved (claimed + claimable + undistributed = deposited, up to the
/// documented dust: 1 wei per account plus 1 wei per checkpoint plus 1 wei), the contract stays solvent, the
/// accumulator never decreases, balances add up to the supply, and only allowed or exempt accounts ever hold shares.
contract RwaShareTokenInvariantTest is RwaBase {
    RwaShareTokenHandler internal handler;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        actors = [alice, bob, carol, hub];
        handler = new RwaShareTokenHandler(token, pusd, pusdMinter, issuer, distributor, dave, actors);
        _mint(alice, 100e18);
        _mint(bob, 50e18);

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = RwaShareTokenHandler.deposit.selector;
        selectors[1] = RwaShareTokenHandler.transfer.selector;
        selectors[2] = RwaShareTokenHandler.transferToOutsider.selector;
        selectors[3] = RwaShareTokenHandler.mint.selector;
        selectors[4] = RwaShareTokenHandler.burn.selector;
        selectors[5] = RwaShareTokenHandler.forceTransfer.selector;
        selectors[6] = RwaShareTokenHandler.claim.selector;
        selectors[7] = RwaShareTokenHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function _accounted() internal view returns (uint256 claimed, uint256 claimable) {
        for (uint256 i; i < actors.length; ++i) {
            claimed += token.incomeClaimed(actors[i]);
            claimable += token.claimableIncome(actors[i]);
        }
    }

    function invariant_incomeConservedUpToDust() public view {
        (uint256 claimed, uint256 claimable) = _accounted();
        uint256 accounted = claimed + claimable + token.undistributedIncome();
        uint256 deposited = handler.ghostDeposited();
        assertLe(accounted, deposited, "never more than deposited");
        uint256 bound = actors.length + handler.ghostCheckpoints() + 1;
        assertLe(deposited - accounted, bound, "dust within the documented bound");
    }

    function invariant_solvent() public view {
        (uint256 claimed, uint256 claimable) = _accounted();
        assertEq(pusd.balanceOf(address(token)), handler.ghostDeposited() - claimed, "holds deposits minus claims");
        assertGe(pusd.balanceOf(address(token)), claimable + token.undistributedIncome(), "can pay every claim");
    }

    function invariant_accumulatorMonotonicAndClaimsExact() public view {
        assertEq(handler.violations(), 0);
        assertGe(token.incomePerShare(), handler.ghostLastIncomePerShare());
    }

    function invariant_balancesAndHolders() public view {
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) {
            sum += token.balanceOf(actors[i]);
        }
        assertEq(sum, token.totalSupply());
        assertEq(token.balanceOf(dave), 0, "a non-allowed account never holds shares");
    }
}
