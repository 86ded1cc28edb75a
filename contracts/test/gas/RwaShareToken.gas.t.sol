// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RwaBase} from "../rwa/RwaBase.sol";

/// @notice Gas per transaction of the RwaShareToken hot paths, written to snapshots/RwaShareToken.json.
/// Steady state: alice and bob both hold shares and have transferred before (their income corrections are
/// non-zero), both pass the KYC policy through the real ComplianceRegistry, an income stream is running, alice has
/// claimed before and holds pUSD (the real pUSD proxy), and the token already holds pUSD.
/// `transfer`: alice → bob, two policy checks, income bookkeeping for both (accumulator computed, not written).
/// `depositIncome`: the distributor adds rent while the previous stream still runs (merge + checkpoint + pull).
/// `claimIncome`: alice claims her streamed income to herself.
/// forge-config: default.isolate = true
contract RwaShareTokenGasTest is RwaBase {
    function setUp() public override {
        super.setUp();
        _mint(alice, 1000e18);
        _mint(bob, 1000e18);
        _deposit(30_000e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        token.transfer(bob, 10e18);
        vm.prank(bob);
        token.transfer(alice, 5e18);
        vm.warp(block.timestamp + 1 days);
        _claim(alice);
        _fund(distributor, 10_000e18);
        vm.warp(block.timestamp + 1 days);
    }

    function test_gas_transfer() public {
        vm.prank(alice);
        token.transfer(bob, 100e18);
        vm.snapshotGasLastCall("RwaShareToken", "transfer");
    }

    function test_gas_depositIncome() public {
        vm.prank(distributor);
        token.depositIncome(10_000e18);
        vm.snapshotGasLastCall("RwaShareToken", "depositIncome");
    }

    function test_gas_claimIncome() public {
        vm.prank(alice);
        token.claimIncome(alice);
        vm.snapshotGasLastCall("RwaShareToken", "claimIncome");
    }
}
