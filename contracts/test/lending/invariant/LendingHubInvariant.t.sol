// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LendingLens} from "../../../src/lending/LendingLens.sol";
import {LendingBase} from "../LendingBase.sol";
import {LendingHubHandler} from "./LendingHubHandler.sol";

/// @notice LendingHub invariants under random lenders, borrowers, liquidations, price moves (reporter rounds with
/// freezes confirmed by the guardian), time and rent: borrow never exceeds supply (bad debt realized), shares add
/// up, the hub is solvent, lenders never take out more than they put in plus interest, healthy positions are never
/// liquidated and unhealthy ones always are (without dust), and borrowers' attributed income equals what the hub
/// received to within rounding dust.
contract LendingHubInvariantTest is LendingBase {
    LendingHubHandler internal handler;
    LendingLens internal lens;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        lens = new LendingLens(hub);
        for (uint256 i; i < 4; ++i) {
            address a = makeAddr(string.concat("actor", vm.toString(i)));
            _kyc(a);
            actors.push(a);
        }
        // a holder outside the hub, so that income streams from the start
        address holder = makeAddr("holder");
        _kyc(holder);
        _rwaTo(holder, 1000e18);
        handler = new LendingHubHandler(
            LendingHubHandler.Env({
                hub: hub,
                lens: lens,
                pusd: pusd,
                rwa: rwa,
                navOracle: navOracle,
                adapter: adapter,
                feedId: feedId,
                pusdMinter: pusdMinter,
                issuer: issuer,
                distributor: distributor,
                guardian: guardian,
                liquidator: liquidator
            }),
            params,
            actors,
            reporters
        );
        bytes4[] memory selectors = new bytes4[](14);
        selectors[0] = LendingHubHandler.supply.selector;
        selectors[1] = LendingHubHandler.withdraw.selector;
        selectors[2] = LendingHubHandler.supplyCollateral.selector;
        selectors[3] = LendingHubHandler.withdrawCollateral.selector;
        selectors[4] = LendingHubHandler.borrow.selector;
        selectors[5] = LendingHubHandler.borrow.selector; // twice as likely: keeps markets utilized
        selectors[6] = LendingHubHandler.repay.selector;
        selectors[7] = LendingHubHandler.setAutoRepay.selector;
        selectors[8] = LendingHubHandler.claimIncome.selector;
        selectors[9] = LendingHubHandler.applyIncome.selector;
        selectors[10] = LendingHubHandler.liquidate.selector;
        selectors[11] = LendingHubHandler.movePrice.selector;
        selectors[12] = LendingHubHandler.warp.selector;
        selectors[13] = LendingHubHandler.depositIncome.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function invariant_borrowNeverExceedsSupply() public view {
        (uint256 sa,, uint256 ba,) = _totals();
        assertLe(ba, sa, "bad debt is realized: total borrow <= total supply");
    }

    function invariant_sharesAddUp() public view {
        uint256 supplyShares;
        uint256 borrowShares;
        uint256 collateral;
        for (uint256 i; i < actors.length; ++i) {
            supplyShares += _supplyShares(actors[i]);
            borrowShares += _borrowShares(actors[i]);
            collateral += _collateral(actors[i]);
        }
        supplyShares += _supplyShares(liquidator) + _supplyShares(address(collector));
        (,,,,,,,, uint128 reserveShares) = hub.market(id);
        (, uint256 ss,, uint256 bs) = _totals();
        assertEq(supplyShares + reserveShares, ss, "supply shares");
        assertEq(borrowShares, bs, "borrow shares");
        assertEq(collateral, rwa.balanceOf(address(hub)), "collateral held");
    }

    function invariant_solvent() public view {
        (uint256 sa,, uint256 ba,) = _totals();
        (, uint96 cash) = hub.incomeAccount(address(rwa));
        assertGe(pusd.balanceOf(address(hub)), sa - ba + cash, "the hub holds the liquidity and the income it owes");
    }

    function invariant_lendersGetAtMostSuppliedPlusInterest() public view {
        (uint256 sa, uint256 ss,,) = _totals();
        // interest, plus the wei each rounding in the market's favour leaves to the remaining lenders
        uint256 interest = handler.ghostInterest() + 2 * handler.ghostRoundings();
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            uint256 value = _supplyShares(a) * (sa + 1) / (ss + 1e6);
            assertLe(handler.withdrawn(a) + value, handler.supplied(a) + interest, "no lender gets more");
        }
    }

    function invariant_liquidationProperty() public view {
        assertEq(handler.violations(), 0, "healthy never liquidated, unhealthy always, no dust, claims never fail");
    }

    function invariant_attributedIncomeEqualsReceived() public view {
        uint256 owed;
        for (uint256 i; i < actors.length; ++i) {
            owed += lens.pendingIncome(params, actors[i]);
        }
        (, uint96 cash) = hub.incomeAccount(address(rwa));
        uint256 available = uint256(cash) + rwa.claimableIncome(address(hub));
        assertLe(owed, available, "never attributes more than received");
        assertLe(available - owed, handler.ghostSettlements() + actors.length + 1, "short by rounding dust only");
    }
}
