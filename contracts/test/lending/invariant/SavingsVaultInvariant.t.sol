// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id} from "../../../src/interfaces/ILendingHub.sol";
import {LendingLens} from "../../../src/lending/LendingLens.sol";
import {VaultBase} from "../VaultBase.sol";
import {SavingsVaultHandler} from "./SavingsVaultHandler.sol";

/// @notice spUSD invariants under random deposits, mints, withdrawals, redemptions, round trips, income, donations,
/// time, borrowing in its markets and reallocations: totalAssets = idle + allocations − unvested income, the vault
/// holds its idle funds, previews never over-promise, maxWithdraw/maxRedeem are always honoured, no round trip
/// profits, and balances add up to the supply.
contract SavingsVaultInvariantTest is VaultBase {
    SavingsVaultHandler internal handler;
    LendingLens internal lens;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        lens = new LendingLens(hub);
        actors.push(alice);
        actors.push(bob);
        actors.push(makeAddr("carol"));
        _kyc(borrower);
        _supplyCollateral(borrower, 10_000_000e18);
        handler = new SavingsVaultHandler(
            SavingsVaultHandler.Env({
                vault: vault,
                hub: hub,
                lens: lens,
                pusd: pusd,
                paramsA: params,
                idB: idB,
                pusdMinter: pusdMinter,
                incomeSource: incomeSource,
                curator: curator,
                borrower: borrower,
                navOracle: navOracle,
                feedId: feedId
            }),
            actors,
            reporters
        );
        _deposit(alice, 100_000e18);
        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = SavingsVaultHandler.deposit.selector;
        selectors[1] = SavingsVaultHandler.mint.selector;
        selectors[2] = SavingsVaultHandler.withdraw.selector;
        selectors[3] = SavingsVaultHandler.redeem.selector;
        selectors[4] = SavingsVaultHandler.roundTrip.selector;
        selectors[5] = SavingsVaultHandler.distributeIncome.selector;
        selectors[6] = SavingsVaultHandler.donate.selector;
        selectors[7] = SavingsVaultHandler.warp.selector;
        selectors[8] = SavingsVaultHandler.borrowerActs.selector;
        selectors[9] = SavingsVaultHandler.borrowerActs.selector;
        selectors[10] = SavingsVaultHandler.reallocate.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function invariant_totalAssetsIsIdlePlusAllocationsMinusUnvested() public view {
        uint256 sum = vault.idle() + lens.expectedSupplyAssets(params, address(vault))
            + lens.expectedSupplyAssets(paramsB, address(vault));
        uint256 unvested = vault.unvestedIncome();
        assertEq(vault.totalAssets(), sum > unvested ? sum - unvested : 0);
        assertEq(vault.allocation(id), lens.expectedSupplyAssets(params, address(vault)));
    }

    function invariant_holdsItsIdleFunds() public view {
        assertGe(pusd.balanceOf(address(vault)), vault.idle());
    }

    function invariant_erc4626Promises() public view {
        assertEq(handler.violations(), 0, "previews, max* and round trips");
    }

    function invariant_balancesAddUp() public view {
        uint256 sum = vault.balanceOf(address(collector));
        for (uint256 i; i < actors.length; ++i) {
            sum += vault.balanceOf(actors[i]);
        }
        assertEq(sum, vault.totalSupply());
    }

    function invariant_withdrawQueueCoversEveryAllocation() public view {
        uint256 length = vault.withdrawQueueLength();
        assertEq(length, 2);
        assertEq(Id.unwrap(vault.withdrawQueue(0)), Id.unwrap(id));
        assertEq(Id.unwrap(vault.withdrawQueue(1)), Id.unwrap(idB));
    }
}
