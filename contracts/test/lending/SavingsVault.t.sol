// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {ILendingHub, Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {SavingsVault} from "../../src/lending/SavingsVault.sol";
import {LendingMath} from "../../src/lending/libraries/LendingMath.sol";
import {VaultErrors} from "../../src/lending/libraries/VaultErrors.sol";
import {VaultEvents} from "../../src/lending/libraries/VaultEvents.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {VaultBase} from "./VaultBase.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {stdError} from "forge-std/StdError.sol";

/// @notice spUSD: ERC-4626 over pUSD allocating across LendingHub markets, vested income, performance fee.
contract SavingsVaultTest is VaultBase {
    using LendingMath for uint256;

    // ============================================================================================ setup and admin

    function test_constructor() public view {
        assertEq(address(vault.hub()), address(hub));
        assertEq(vault.asset(), address(pusd));
        assertEq(vault.decimals(), 24, "18 + a decimals offset of 6");
        assertEq(vault.name(), "Plaza Savings USD");
        assertEq(vault.symbol(), "spUSD");
        assertEq(vault.feeRecipient(), address(collector));
        assertEq(vault.performanceFee(), FEE);
        assertEq(vault.vestingPeriod(), VESTING);
        assertEq(vault.withdrawQueueLength(), 2);
        assertEq(vault.supplyQueueLength(), 2);
        assertEq(pusd.allowance(address(vault), address(hub)), type(uint256).max);
    }

    function test_constructor_reverts() public {
        vm.expectRevert(VaultErrors.ZeroAddress.selector);
        new SavingsVault(ILendingHub(address(0)), pusd, "n", "s", address(collector), 0, VESTING, 0, admin);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.FeeTooHigh.selector, 0.5e18 + 1));
        new SavingsVault(hub, pusd, "n", "s", address(collector), 0.5e18 + 1, VESTING, 0, admin);
        vm.expectRevert(VaultErrors.NoFeeRecipient.selector);
        new SavingsVault(hub, pusd, "n", "s", address(0), 1, VESTING, 0, admin);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.InvalidVestingPeriod.selector, 59 minutes));
        new SavingsVault(hub, pusd, "n", "s", address(collector), 0, 59 minutes, 0, admin);
    }

    function test_admin_setters() public {
        vm.startPrank(admin);
        vm.expectEmit(address(vault));
        emit VaultEvents.SetPerformanceFee(0.2e18);
        vault.setPerformanceFee(0.2e18);
        vm.expectEmit(address(vault));
        emit VaultEvents.SetFeeRecipient(treasury);
        vault.setFeeRecipient(treasury);
        vm.expectEmit(address(vault));
        emit VaultEvents.SetVestingPeriod(30 days);
        vault.setVestingPeriod(30 days);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.FeeTooHigh.selector, 0.6e18));
        vault.setPerformanceFee(0.6e18);
        vm.expectRevert(VaultErrors.NoFeeRecipient.selector);
        vault.setFeeRecipient(address(0));
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.InvalidVestingPeriod.selector, 91 days));
        vault.setVestingPeriod(91 days);
        vault.setPerformanceFee(0);
        vault.setFeeRecipient(address(0));
        vm.expectRevert(VaultErrors.NoFeeRecipient.selector);
        vault.setPerformanceFee(1);
        vm.stopPrank();
        assertEq(vault.vestingPeriod(), 30 days);
    }

    function test_admin_onlyRoles() public {
        bytes32 adminRole = vault.DEFAULT_ADMIN_ROLE();
        bytes32 curatorRole = vault.CURATOR_ROLE();
        bytes32 sourceRole = vault.INCOME_SOURCE_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, adminRole)
        );
        vault.setPerformanceFee(0);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, adminRole)
        );
        vault.setFeeRecipient(treasury);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, adminRole)
        );
        vault.setVestingPeriod(1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, curatorRole)
        );
        vault.setCap(id, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, curatorRole)
        );
        vault.setSupplyQueue(new Id[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, curatorRole)
        );
        vault.setWithdrawQueue(new Id[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, curatorRole)
        );
        vault.reallocate(new SavingsVault.Allocation[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, sourceRole)
        );
        vault.distributeIncome(1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, sourceRole)
        );
        vault.onFeesReceived(address(pusd), 1);
        vm.stopPrank();
    }

    // ============================================================================================ deposit / withdraw

    function test_deposit_allocatesAlongSupplyQueue() public {
        vm.expectEmit(address(vault));
        emit VaultEvents.Allocated(id, 1_000_000e18, 1_000_000e18 * 1e6);
        uint256 shares = _deposit(alice, 1_200_000e18);
        assertEq(shares, 1_200_000e18 * 1e6, "1e6 shares per pUSD in an empty vault");
        assertEq(vault.balanceOf(alice), shares);
        assertEq(vault.allocation(id), 1_000_000e18, "market A up to its cap");
        assertEq(vault.allocation(idB), 200_000e18);
        assertEq(vault.idle(), 0);
        assertEq(vault.totalAssets(), 1_200_000e18);
        _deposit(bob, 400_000e18);
        assertEq(vault.allocation(idB), 500_000e18);
        assertEq(vault.idle(), 100_000e18, "beyond every cap the rest stays idle");
        assertEq(vault.totalAssets(), 1_600_000e18);
    }

    function test_deposit_respectsHubCapAndSkipsPausedMarket() public {
        vm.prank(riskManager);
        hub.setMarketConfig(params, RESERVE_FACTOR, 300_000e18, type(uint128).max, MIN_LEFTOVER);
        _deposit(alice, 400_000e18);
        assertEq(vault.allocation(id), 300_000e18, "the market's own cap");
        assertEq(vault.allocation(idB), 100_000e18);
        vm.prank(guardian);
        hub.setPaused(idB, true);
        _deposit(bob, 50_000e18);
        assertEq(vault.allocation(idB), 100_000e18, "paused market skipped");
        assertEq(vault.idle(), 50_000e18);
    }

    function test_mintAndRedeem() public {
        vm.prank(alice);
        uint256 assets = vault.mint(500e24, alice);
        assertEq(assets, 500e18);
        vm.prank(alice);
        uint256 out = vault.redeem(200e24, alice, alice);
        assertEq(out, 200e18);
        assertEq(vault.balanceOf(alice), 300e24);
    }

    function test_withdraw_idleFirstThenWithdrawQueue() public {
        _deposit(alice, 1_200_000e18);
        _deposit(bob, 400_000e18); // idle 100k
        uint256 before = pusd.balanceOf(alice);
        vm.expectEmit(address(vault));
        emit VaultEvents.Deallocated(id, 50_000e18, 50_000e18 * 1e6);
        vm.prank(alice);
        vault.withdraw(150_000e18, alice, alice);
        assertEq(pusd.balanceOf(alice) - before, 150_000e18);
        assertEq(vault.idle(), 0);
        assertEq(vault.allocation(id), 950_000e18, "then market A, first in the withdraw queue");
        assertEq(vault.allocation(idB), 500_000e18);
    }

    function test_withdraw_byApprovedSpender() public {
        _deposit(alice, 1000e18);
        vm.prank(alice);
        vault.approve(stranger, type(uint256).max);
        vm.prank(stranger);
        vault.withdraw(400e18, stranger, alice);
        assertEq(pusd.balanceOf(stranger), 400e18);
        uint256 shares = vault.previewWithdraw(1e18);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, shares));
        vault.withdraw(1e18, bob, alice);
    }

    function test_maxWithdraw_honestAboutLiquidity() public {
        _deposit(alice, 1_000_000e18); // all in market A
        _borrowFromA(900_000e18);
        assertEq(vault.availableLiquidity(), 100_000e18);
        assertEq(vault.maxWithdraw(alice), 100_000e18, "only what markets can return now");
        assertEq(vault.maxRedeem(alice), vault.convertToShares(100_000e18));
        vm.prank(alice);
        vault.withdraw(100_000e18, alice, alice);
        assertEq(vault.maxWithdraw(alice), 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.NotEnoughLiquidity.selector, 1, 0));
        vault.withdraw(1, alice, alice);
        // bob deposits: his funds go to B (A is at its cap) and are withdrawable by anyone again
        _deposit(bob, 50_000e18);
        assertEq(vault.maxWithdraw(alice), 50_000e18);
    }

    function test_maxRedeem_isOwnersBalanceWhenLiquid() public {
        _deposit(alice, 1000e18);
        assertEq(vault.maxRedeem(alice), vault.balanceOf(alice));
        assertEq(vault.maxWithdraw(alice), 1000e18);
        assertEq(vault.maxDeposit(alice), type(uint256).max);
    }

    // ============================================================================================ yield and fee

    function test_interestAccruesAndPerformanceFeeIsMinted() public {
        _deposit(alice, 1_000_000e18);
        _borrowFromA(800_000e18);
        uint256 before = vault.totalAssets();
        skip(365 days);
        uint256 grown = vault.totalAssets();
        assertGt(grown, before);
        (uint256 feeShares, uint256 total) = vault.accruedFee();
        assertEq(total, grown);
        uint256 feeAssets = (grown - before) * FEE / 1e18;
        assertEq(feeShares, feeAssets.mulDivDown(vault.totalSupply() + 1e6, grown - feeAssets + 1));
        vm.expectEmit(address(vault));
        emit VaultEvents.AccrueFee(grown, feeShares);
        _deposit(bob, 1e18); // any operation accrues
        assertEq(vault.balanceOf(address(collector)), feeShares);
        assertApproxEqAbs(vault.convertToAssets(feeShares), feeAssets, 1e6);
        // alice keeps 90% of the yield
        assertApproxEqAbs(vault.convertToAssets(vault.balanceOf(alice)), grown - feeAssets, 1e6);
    }

    function test_badDebtInAMarketLowersTotalAssets() public {
        _deposit(alice, 1_000_000e18);
        _borrowFromA(400_000e18);
        uint256 before = vault.totalAssets();
        _setNav(0.9e18);
        _setNav(0.1e18);
        _pusdTo(liquidator, 1_000_000e18);
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 800_000e18, 0, liquidator);
        uint256 afterLoss = vault.totalAssets();
        assertLt(afterLoss, before - 300_000e18, "the vault bears its market's bad debt");
        (uint256 feeShares,) = vault.accruedFee();
        assertEq(feeShares, 0, "no fee on a loss");
    }

    // ============================================================================================ income

    function test_income_vestsLinearly() public {
        _deposit(alice, 1_000_000e18);
        vm.expectEmit(address(vault));
        emit VaultEvents.IncomeDistributed(incomeSource, 70_000e18, 70_000e18, block.timestamp + VESTING);
        vm.prank(incomeSource);
        vault.distributeIncome(70_000e18);
        assertEq(vault.totalAssets(), 1_000_000e18, "nothing vested yet");
        assertEq(vault.unvestedIncome(), 70_000e18);
        skip(1 days);
        assertEq(vault.totalAssets(), 1_010_000e18);
        skip(6 days);
        assertEq(vault.totalAssets(), 1_070_000e18);
        assertEq(vault.unvestedIncome(), 0);
    }

    function test_income_mergesWithUnvested() public {
        _deposit(alice, 1_000_000e18);
        vm.prank(incomeSource);
        vault.distributeIncome(70_000e18);
        skip(3.5 days);
        vm.prank(incomeSource);
        vault.distributeIncome(10_000e18);
        (uint128 amount, uint64 start, uint64 end) = vault.vesting();
        assertEq(amount, 45_000e18, "35k unvested + 10k new");
        assertEq(start, block.timestamp);
        assertEq(end, block.timestamp + VESTING);
        assertEq(vault.totalAssets(), 1_035_000e18);
    }

    function test_income_cannotBeSandwiched() public {
        _deposit(alice, 1_000_000e18);
        uint256 shares = _deposit(bob, 1_000_000e18);
        vm.prank(incomeSource);
        vault.distributeIncome(70_000e18);
        vm.prank(bob);
        uint256 out = vault.redeem(shares, bob, bob);
        assertLe(out, 1_000_000e18, "redeeming right after a distribution gains nothing");
        // staying one hour earns exactly one hour of vesting, pro rata
        shares = _deposit(bob, 1_000_000e18);
        skip(1 hours);
        vm.prank(bob);
        out = vault.redeem(shares, bob, bob);
        uint256 hourly = uint256(70_000e18) / 168;
        assertApproxEqRel(out - 1_000_000e18, hourly / 2 * 9 / 10, 0.01e18, "half of an hour of income, after fee");
    }

    function test_donation_notCountedUntilVested_inflationAttackFails() public {
        // the attacker is the first depositor with 1 wei and donates a fortune by plain transfer
        vm.startPrank(bob);
        vault.deposit(1, bob);
        pusd.transfer(address(vault), 1_000_000e18);
        vm.stopPrank();
        assertEq(vault.totalAssets(), 1, "a plain transfer is not accounted");
        uint256 shares = _deposit(alice, 1000e18);
        assertEq(shares, 1000e18 * 1e6);
        vm.prank(alice);
        assertEq(vault.redeem(shares, alice, alice), 1000e18, "the victim loses nothing");
        // an income source may vest the surplus like income
        vm.prank(incomeSource);
        vault.distributeIncome(0);
        assertEq(vault.unvestedIncome(), 1_000_000e18);
    }

    function test_distributeIncome_reverts() public {
        vm.prank(incomeSource);
        vm.expectRevert(VaultErrors.ZeroAmount.selector);
        vault.distributeIncome(0);
    }

    function test_onFeesReceived_fromTheFeeCollector() public {
        FeeCollector.Recipient[] memory split = new FeeCollector.Recipient[](2);
        split[0] = FeeCollector.Recipient({account: treasury, bps: 5000, notify: false});
        split[1] = FeeCollector.Recipient({account: address(vault), bps: 5000, notify: true});
        vm.startPrank(admin);
        collector.setRecipients(split);
        vault.grantRole(vault.INCOME_SOURCE_ROLE(), address(collector));
        vm.stopPrank();
        _deposit(alice, 1000e18);
        _fund(address(collector), 100e18);
        collector.distribute(address(pusd));
        assertEq(vault.unvestedIncome(), 50e18, "the vault's fee share vests like income");
        assertEq(vault.idle(), 50e18);
    }

    function test_onFeesReceived_wrongToken() public {
        TestERC20 other = new TestERC20("Other", "OTH", 18);
        vm.prank(incomeSource);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.WrongToken.selector, address(other)));
        vault.onFeesReceived(address(other), 1);
    }

    // ============================================================================================ curator

    function test_setCap_enablesAndAppendsToWithdrawQueue() public {
        Id pid = _newPusdMarket(0.9e18);
        vm.expectEmit(address(vault));
        emit VaultEvents.SetCap(curator, pid, 1e24);
        vm.prank(curator);
        vault.setCap(pid, 1e24);
        (address model, uint96 cap) = vault.config(pid);
        assertEq(model, address(rateModel));
        assertEq(cap, 1e24);
        assertEq(vault.withdrawQueueLength(), 3);
        assertEq(Id.unwrap(vault.withdrawQueue(2)), Id.unwrap(pid));
    }

    function test_setCap_reverts() public {
        vm.startPrank(curator);
        uint256 big = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.CapTooHigh.selector, big));
        vault.setCap(id, big);
        Id missing = Id.wrap(keccak256("missing"));
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.InvalidMarket.selector, missing));
        vault.setCap(missing, 1);
        vm.stopPrank();
        // a market lending another token
        Id pid = _newMarketWithLoan(address(new TestERC20("Other", "OTH", 18)));
        vm.prank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.InvalidMarket.selector, pid));
        vault.setCap(pid, 1);
    }

    function test_setSupplyQueue_reverts() public {
        Id[] memory queue = new Id[](2);
        queue[0] = id;
        queue[1] = id;
        vm.startPrank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.DuplicateMarket.selector, id));
        vault.setSupplyQueue(queue);
        queue[1] = Id.wrap(keccak256("missing"));
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.MarketNotEnabled.selector, queue[1]));
        vault.setSupplyQueue(queue);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.QueueTooLong.selector, 31));
        vault.setSupplyQueue(new Id[](31));
        vm.stopPrank();
    }

    function test_setSupplyQueue_emptyKeepsEverythingIdle() public {
        vm.expectEmit(address(vault));
        emit VaultEvents.SetSupplyQueue(curator, new Id[](0));
        vm.prank(curator);
        vault.setSupplyQueue(new Id[](0));
        _deposit(alice, 1000e18);
        assertEq(vault.idle(), 1000e18);
    }

    function test_setWithdrawQueue_reorderAndRemove() public {
        _deposit(alice, 1_200_000e18); // A 1M, B 200k
        Id[] memory queue = new Id[](1);
        queue[0] = id;
        (uint256 bShares,,) = hub.position(idB, address(vault));
        vm.startPrank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.MarketNotRemovable.selector, idB, 500_000e18, bShares));
        vault.setWithdrawQueue(queue);
        vault.setCap(idB, 0);
        SavingsVault.Allocation[] memory moves = new SavingsVault.Allocation[](1);
        moves[0] = SavingsVault.Allocation({id: idB, assets: 0});
        vault.reallocate(moves);
        vm.expectEmit(address(vault));
        emit VaultEvents.SetWithdrawQueue(curator, queue);
        vault.setWithdrawQueue(queue);
        vm.stopPrank();
        (address model,) = vault.config(idB);
        assertEq(model, address(0), "disabled");
        assertEq(vault.withdrawQueueLength(), 1);
        assertEq(vault.totalAssets(), 1_200_000e18);
        assertEq(vault.idle(), 200_000e18);
        Id[] memory dup = new Id[](2);
        dup[0] = id;
        dup[1] = id;
        vm.prank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.DuplicateMarket.selector, id));
        vault.setWithdrawQueue(dup);
    }

    function test_setWithdrawQueue_reverts() public {
        Id[] memory queue = new Id[](2);
        queue[0] = id;
        queue[1] = Id.wrap(keccak256("missing"));
        vm.startPrank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.MarketNotEnabled.selector, queue[1]));
        vault.setWithdrawQueue(queue);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.QueueTooLong.selector, 31));
        vault.setWithdrawQueue(new Id[](31));
        vm.stopPrank();
    }

    function test_reallocate() public {
        _deposit(alice, 1_200_000e18); // A 1M, B 200k
        SavingsVault.Allocation[] memory moves = new SavingsVault.Allocation[](2);
        moves[0] = SavingsVault.Allocation({id: id, assets: 600_000e18});
        moves[1] = SavingsVault.Allocation({id: idB, assets: 500_000e18});
        vm.prank(curator);
        vault.reallocate(moves);
        assertEq(vault.allocation(id), 600_000e18);
        assertEq(vault.allocation(idB), 500_000e18);
        assertEq(vault.idle(), 100_000e18);
        assertEq(vault.totalAssets(), 1_200_000e18);
    }

    function test_reallocate_reverts() public {
        _deposit(alice, 1_200_000e18);
        SavingsVault.Allocation[] memory moves = new SavingsVault.Allocation[](1);
        moves[0] = SavingsVault.Allocation({id: idB, assets: 600_000e18});
        vm.startPrank(curator);
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.AllocationExceedsCap.selector, idB, 600_000e18, 500_000e18));
        vault.reallocate(moves);
        moves[0] = SavingsVault.Allocation({id: Id.wrap(keccak256("missing")), assets: 1});
        vm.expectRevert(abi.encodeWithSelector(VaultErrors.MarketNotEnabled.selector, moves[0].id));
        vault.reallocate(moves);
        // supplying more than is idle
        moves[0] = SavingsVault.Allocation({id: idB, assets: 400_000e18});
        vm.expectRevert(stdError.arithmeticError);
        vault.reallocate(moves);
        vm.stopPrank();
    }

    // ============================================================================================ previews

    function testFuzz_previewsMatchOperations(uint256 amount, uint256 elapsed, uint256 income) public {
        amount = bound(amount, 1, 1_000_000e18);
        elapsed = bound(elapsed, 0, 60 days);
        income = bound(income, 0, 100_000e18);
        _deposit(alice, 1_000_000e18);
        _borrowFromA(500_000e18);
        if (income != 0) {
            vm.prank(incomeSource);
            vault.distributeIncome(income);
        }
        skip(elapsed);
        uint256 preview = vault.previewDeposit(amount);
        assertEq(_deposit(bob, amount), preview);
        uint256 shares = vault.balanceOf(bob);
        uint256 previewOut = vault.previewRedeem(shares);
        vm.prank(bob);
        assertEq(vault.redeem(shares, bob, bob), previewOut);
        assertLe(previewOut, amount, "no free profit from a round trip");
        uint256 mintPreview = vault.previewMint(1e24);
        vm.prank(bob);
        assertEq(vault.mint(1e24, bob), mintPreview);
        uint256 withdrawPreview = vault.previewWithdraw(1e18);
        vm.prank(bob);
        assertEq(vault.withdraw(1e18, bob, bob), withdrawPreview);
    }

    // ============================================================================================ helpers

    function _newPusdMarket(uint256 lltv) internal returns (Id) {
        vm.prank(admin);
        hub.setLltvEnabled(lltv, true);
        MarketParams memory p = params;
        p.lltv = lltv;
        return hub.createMarket(p);
    }

    function _newMarketWithLoan(address loan) internal returns (Id) {
        MarketParams memory p = params;
        p.loanToken = loan;
        return hub.createMarket(p);
    }
}
