// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockIncomeHub} from "../utils/MockIncomeHub.sol";
import {RwaBase} from "./RwaBase.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Income distribution under attack and under random histories: deposit sniping, exactness against an
/// independent per-holder model, and the hub pattern that lending uses for collateral.
contract RwaShareTokenIncomeTest is RwaBase {
    address internal sniper = makeAddr("sniper");

    function setUp() public override {
        super.setUp();
        _kyc(sniper);
    }

    // ---------------------------------------------------------------- deposit sniping

    /// @dev Buying right before a deposit and selling right after earns only the pro-rata share of the time held.
    function test_sniper_buyBeforeDepositSellAfter_getsOnlyTimeHeld() public {
        _mint(alice, 100e18);
        _mint(bob, 100e18);
        vm.warp(block.timestamp + 10 days);
        vm.prank(bob);
        token.transfer(sniper, 100e18); // buys half the supply just before the rent arrives
        _deposit(3000e18);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(sniper);
        token.transfer(bob, 100e18); // sells right after
        vm.warp(block.timestamp + PERIOD);

        uint256 fair = uint256(3000e18) * 1 hours / PERIOD / 2; // one hour of half the supply
        assertApproxEqAbs(_claim(sniper), fair, 1);
        assertEq(token.claimableIncome(sniper), 0);
        assertApproxEqAbs(_claim(alice), 1500e18, 1);
        assertApproxEqAbs(_claim(bob), 1500e18 - fair, 1);
    }

    function test_sniper_sameBlockRoundTripEarnsNothing() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        token.transfer(sniper, 100e18);
        _deposit(3000e18);
        vm.prank(sniper);
        token.transfer(alice, 100e18);
        vm.warp(block.timestamp + PERIOD);
        assertEq(token.claimableIncome(sniper), 0);
        assertApproxEqAbs(token.claimableIncome(alice), 3000e18, 1);
    }

    function testFuzz_sniper_earnsExactlyTimeHeldProRata(uint256 held, uint256 bought, uint256 amount) public {
        held = bound(held, 0, PERIOD);
        bought = bound(bought, 1, 1000e18);
        amount = bound(amount, 1e18, 1e30);
        _mint(alice, 1000e18);
        vm.prank(alice);
        token.transfer(sniper, bought);
        _deposit(amount);
        vm.warp(block.timestamp + held);
        vm.prank(sniper);
        token.transfer(alice, bought);
        vm.warp(block.timestamp + PERIOD);
        (uint256 rate,,) = token.incomeStream();
        uint256 fair = Math.mulDiv(rate * held, bought, 1000e18 * 1e18);
        uint256 got = token.claimableIncome(sniper);
        assertLe(got, fair + 1);
        assertApproxEqAbs(got, fair, 1);
    }

    // ---------------------------------------------------------------- exactness against an independent model

    address[3] internal holders;
    uint256[3] internal modelEarned; // income × 1e18
    uint256 internal modelRate;
    uint256 internal modelFinish;
    uint256 internal modelLast;
    uint256 internal modelCarry;
    uint256 internal deposited;
    uint256 internal checkpoints;

    function _advanceModel() internal {
        uint256 end = block.timestamp < modelFinish ? block.timestamp : modelFinish;
        if (end > modelLast) {
            uint256 streamed = modelRate * (end - modelLast);
            uint256 supply = token.totalSupply();
            if (supply >= 1e18) {
                for (uint256 i; i < 3; ++i) {
                    modelEarned[i] += Math.mulDiv(streamed, token.balanceOf(holders[i]), supply);
                }
            } else {
                modelCarry += streamed;
            }
            modelLast = end;
        }
    }

    /// @dev Random histories of deposits, transfers, mints, burns, claims and time: every holder's claimed +
    /// claimable matches a per-holder model (income split pro rata second by second) within 2 wei, and the totals
    /// respect the documented dust bound.
    function testFuzz_incomeMatchesPerHolderModel(uint256 seed) public {
        holders = [alice, bob, carol];
        for (uint256 i; i < 3; ++i) {
            _mint(holders[i], (i + 1) * 50e18);
        }
        checkpoints = 3;
        for (uint256 step; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            vm.warp(block.timestamp + r % 10 days);
            _advanceModel();
            uint256 op = (r >> 32) % 6;
            address a = holders[(r >> 40) % 3];
            address b = holders[(r >> 48) % 3];
            uint256 x = r >> 64;
            if (op == 0) {
                uint256 amount = x % 10_000e18 + 1;
                uint256 remaining = block.timestamp < modelFinish ? modelRate * (modelFinish - block.timestamp) : 0;
                uint256 total = amount * 1e18 + remaining + modelCarry;
                modelRate = total / PERIOD;
                modelCarry = total - modelRate * PERIOD;
                modelFinish = block.timestamp + PERIOD;
                modelLast = block.timestamp;
                _deposit(amount);
                deposited += amount;
                ++checkpoints;
            } else if (op == 1 || op == 2) {
                uint256 amount = x % (token.balanceOf(a) + 1);
                vm.prank(a);
                token.transfer(b, amount);
            } else if (op == 3) {
                _mint(a, x % 100e18);
                ++checkpoints;
            } else if (op == 4) {
                uint256 amount = x % (token.balanceOf(a) + 1);
                vm.prank(issuer);
                token.burn(a, amount);
                ++checkpoints;
            } else {
                _claim(a);
            }
        }
        vm.warp(block.timestamp + PERIOD + 1);
        _advanceModel();

        uint256 accounted = token.undistributedIncome();
        for (uint256 i; i < 3; ++i) {
            uint256 total = token.incomeClaimed(holders[i]) + token.claimableIncome(holders[i]);
            uint256 model = modelEarned[i] / 1e18;
            assertLe(total, model + 1, "never more than the model");
            assertApproxEqAbs(total, model, 2, "matches the per-holder model");
            accounted += total;
        }
        assertLe(accounted, deposited, "never more than deposited");
        assertLe(deposited - accounted, 3 + checkpoints + 1, "dust bound: 1 wei per account and per checkpoint");
        assertGe(pusd.balanceOf(address(token)) + _claimedTotal(), deposited);
    }

    function _claimedTotal() internal view returns (uint256 sum) {
        for (uint256 i; i < 3; ++i) {
            sum += token.incomeClaimed(holders[i]);
        }
    }

    // ---------------------------------------------------------------- contracts holding for others (the hub)

    /// @dev A hub holding collateral for two depositors attributes income exactly as if they held directly, and
    /// never pays out more than it claimed.
    function test_hubPattern_attributesIncomeToDepositors() public {
        MockIncomeHub mockHub = new MockIncomeHub(token);
        vm.prank(admin);
        registry.setExempt(address(mockHub), true);
        _mint(alice, 100e18);
        _mint(bob, 300e18);
        _mint(carol, 100e18); // holds directly, for comparison with alice
        vm.prank(alice);
        token.approve(address(mockHub), type(uint256).max);
        vm.prank(bob);
        token.approve(address(mockHub), type(uint256).max);

        vm.prank(alice);
        mockHub.deposit(100e18);
        _deposit(5000e18);
        vm.warp(block.timestamp + PERIOD / 4);
        vm.prank(bob);
        mockHub.deposit(300e18);
        vm.warp(block.timestamp + PERIOD / 4);
        vm.prank(alice);
        mockHub.withdraw(50e18);
        vm.warp(block.timestamp + PERIOD);

        assertApproxEqAbs(mockHub.owed(alice), token.claimableIncome(carol) * 75 / 100, 2, "alice held 100 then 50");
        vm.prank(alice);
        uint256 alicePaid = mockHub.claim();
        vm.prank(bob);
        uint256 bobPaid = mockHub.claim();
        uint256 direct = token.claimableIncome(alice) + token.claimableIncome(bob) + token.claimableIncome(carol);
        assertApproxEqAbs(alicePaid + bobPaid + direct, 5000e18, 6);
        assertApproxEqAbs(bobPaid, 2250e18, 2, "bob's three quarters of the period in the hub");
        assertLe(mockHub.totalPaid(), token.incomeClaimed(address(mockHub)), "hub pays only what it claimed");
        assertLe(token.incomeClaimed(address(mockHub)) - mockHub.totalPaid(), 2, "and keeps at most rounding dust");
    }
}
