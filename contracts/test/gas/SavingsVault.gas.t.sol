// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VaultBase} from "../lending/VaultBase.sol";

/// @notice Gas per transaction of spUSD's hot paths, written to snapshots/SavingsVault.json. Steady state: the vault
/// allocates to two LendingHub markets (market A priced by a real NavOracle feed, at its 1M cap, with a borrower
/// paying interest; market B below its cap), an income vesting is running, a 10% performance fee is accrued on each
/// operation (fee shares minted to the FeeCollector), and the depositors have deposited before.
/// `deposit`: 1,000 pUSD, supplied to market B (A is full). `withdraw`: 1,000 pUSD, nothing idle, withdrawn from
/// market A. `distributeIncome`: 1,000 pUSD pushed by an income source while a vesting runs.
/// forge-config: default.isolate = true
contract SavingsVaultGasTest is VaultBase {
    function setUp() public override {
        super.setUp();
        _deposit(alice, 1_200_000e18);
        _deposit(bob, 10_000e18);
        _borrowFromA(500_000e18);
        vm.prank(incomeSource);
        vault.distributeIncome(7000e18);
        skip(1 days);
        _setNav(NAV);
    }

    function test_gas_deposit() public {
        vm.prank(bob);
        vault.deposit(1000e18, bob);
        vm.snapshotGasLastCall("SavingsVault", "deposit");
    }

    function test_gas_withdraw() public {
        vm.prank(alice);
        vault.withdraw(1000e18, alice, alice);
        vm.snapshotGasLastCall("SavingsVault", "withdraw");
    }

    function test_gas_distributeIncome() public {
        vm.prank(incomeSource);
        vault.distributeIncome(1000e18);
        vm.snapshotGasLastCall("SavingsVault", "distributeIncome");
    }
}
