// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../../src/interfaces/ILendingHub.sol";
import {LendingHub} from "../../../src/lending/LendingHub.sol";
import {LendingLens} from "../../../src/lending/LendingLens.sol";
import {SavingsVault} from "../../../src/lending/SavingsVault.sol";
import {NavOracle} from "../../../src/oracle/NavOracle.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives spUSD at random: deposits, mints, withdrawals and redemptions (checked against their previews and
/// `maxWithdraw`/`maxRedeem`), round trips, income pushes, plain donations, time, borrower activity in the markets it
/// lends to, and the curator's reallocations. `violations` counts breaches of ERC-4626's promises.
contract SavingsVaultHandler is Test {
    SavingsVault internal vault;
    LendingHub internal hub;
    LendingLens internal lens;
    PlazaUSD internal pusd;
    MarketParams internal paramsA;
    Id internal idA;
    Id internal idB;
    address internal pusdMinter;
    address internal incomeSource;
    address internal curator;
    address internal borrower;
    address[] internal actors;
    NavOracle internal navOracle;
    uint256 internal feedId;
    address[] internal reporters;

    uint256 public violations;
    uint256 public roundTrips;

    struct Env {
        SavingsVault vault;
        LendingHub hub;
        LendingLens lens;
        PlazaUSD pusd;
        MarketParams paramsA;
        Id idB;
        address pusdMinter;
        address incomeSource;
        address curator;
        address borrower;
        NavOracle navOracle;
        uint256 feedId;
    }

    constructor(Env memory env, address[] memory actors_, address[] memory reporters_) {
        navOracle = env.navOracle;
        feedId = env.feedId;
        reporters = reporters_;
        vault = env.vault;
        hub = env.hub;
        lens = env.lens;
        pusd = env.pusd;
        paramsA = env.paramsA;
        idA = Id.wrap(keccak256(abi.encode(env.paramsA)));
        idB = env.idB;
        pusdMinter = env.pusdMinter;
        incomeSource = env.incomeSource;
        curator = env.curator;
        borrower = env.borrower;
        actors = actors_;
        for (uint256 i; i < actors_.length; ++i) {
            vm.prank(actors_[i]);
            pusd.approve(address(vault), type(uint256).max);
        }
        vm.prank(incomeSource);
        pusd.approve(address(vault), type(uint256).max);
        vm.prank(borrower);
        pusd.approve(address(hub), type(uint256).max);
    }

    // ============================================================================================ depositors

    function deposit(uint256 seed, uint256 assets) external {
        address a = _actor(seed);
        assets = bound(assets, 1, 2_000_000e18);
        _mint(a, assets);
        uint256 preview = vault.previewDeposit(assets);
        vm.prank(a);
        uint256 shares = vault.deposit(assets, a);
        if (shares < preview) ++violations;
    }

    function mint(uint256 seed, uint256 shares) external {
        address a = _actor(seed);
        shares = bound(shares, 1, 2_000_000e24);
        uint256 preview = vault.previewMint(shares);
        _mint(a, preview);
        vm.prank(a);
        uint256 assets = vault.mint(shares, a);
        if (assets > preview) ++violations;
    }

    /// @dev Withdraws a random part of `maxWithdraw`, which must always succeed and never burn more than previewed.
    function withdraw(uint256 seed, uint256 fractionBps) external {
        address a = _actor(seed);
        uint256 max = vault.maxWithdraw(a);
        if (max == 0) return;
        uint256 assets = max * bound(fractionBps, 1, 10_000) / 10_000;
        if (assets == 0) return;
        uint256 preview = vault.previewWithdraw(assets);
        vm.prank(a);
        try vault.withdraw(assets, a, a) returns (uint256 shares) {
            if (shares > preview) ++violations;
        } catch {
            ++violations; // maxWithdraw promised it
        }
    }

    /// @dev Redeems a random part of `maxRedeem`, which must always succeed and pay at least the preview.
    function redeem(uint256 seed, uint256 fractionBps) external {
        address a = _actor(seed);
        uint256 max = vault.maxRedeem(a);
        if (max == 0) return;
        uint256 shares = max * bound(fractionBps, 1, 10_000) / 10_000;
        if (shares == 0) return;
        uint256 preview = vault.previewRedeem(shares);
        vm.prank(a);
        try vault.redeem(shares, a, a) returns (uint256 assets) {
            if (assets < preview) ++violations;
        } catch {
            ++violations;
        }
    }

    /// @dev Deposit then redeem everything just minted: never more back than was put in.
    function roundTrip(uint256 seed, uint256 assets) external {
        address a = _actor(seed);
        assets = bound(assets, 1, 1_000_000e18);
        _mint(a, assets);
        vm.startPrank(a);
        uint256 shares = vault.deposit(assets, a);
        uint256 max = vault.maxRedeem(a);
        if (shares > max) shares = max;
        uint256 out = shares == 0 ? 0 : vault.redeem(shares, a, a);
        vm.stopPrank();
        if (out > assets) ++violations;
        ++roundTrips;
    }

    // ============================================================================================ world

    function distributeIncome(uint256 amount) external {
        amount = bound(amount, 1e18, 100_000e18);
        _mint(incomeSource, amount);
        vm.prank(incomeSource);
        vault.distributeIncome(amount);
    }

    /// @dev A plain transfer to the vault: not counted until an income source vests it.
    function donate(uint256 amount) external {
        amount = bound(amount, 1, 100_000e18);
        _mint(address(this), amount);
        pusd.transfer(address(vault), amount);
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 12 hours));
        // the reporters confirm the NAV, so the borrower's price stays fresh
        uint256 round = navOracle.currentRound(feedId);
        for (uint256 i; i < reporters.length; ++i) {
            vm.prank(reporters[i]);
            navOracle.submit(feedId, round, 1e18);
        }
    }

    /// @dev The borrower takes a part of market A's liquidity (interest for the vault) or repays.
    function borrowerActs(uint256 fractionBps, bool doRepay) external {
        if (doRepay) {
            (, uint256 shares,) = hub.position(idA, borrower);
            if (shares == 0) return;
            uint256 toRepay = shares * bound(fractionBps, 1, 10_000) / 10_000;
            _mint(borrower, 10_000_000e18);
            vm.prank(borrower);
            hub.repay(paramsA, 0, toRepay == 0 ? 1 : toRepay, borrower);
            return;
        }
        uint256 room = lens.borrowingPower(paramsA, borrower);
        uint256 liquidity = lens.liquidity(paramsA);
        if (liquidity < room) room = liquidity;
        uint256 amount = room * bound(fractionBps, 1, 9000) / 10_000;
        if (amount < 100e18) return;
        vm.prank(borrower);
        try hub.borrow(paramsA, amount, 0, borrower, borrower) {} catch {}
    }

    /// @dev The curator moves a random part of the funds between idle, A and B (within caps).
    function reallocate(uint256 targetA, uint256 targetB) external {
        (, uint96 capA) = vault.config(idA);
        (, uint96 capB) = vault.config(idB);
        SavingsVault.Allocation[] memory moves = new SavingsVault.Allocation[](2);
        uint256 a = vault.allocation(idA);
        uint256 b = vault.allocation(idB);
        uint256 pool = a + b + vault.idle();
        moves[0] = SavingsVault.Allocation({id: idA, assets: bound(targetA, 0, _min(capA, pool))});
        moves[1] = SavingsVault.Allocation({id: idB, assets: bound(targetB, 0, capB)});
        vm.prank(curator);
        try vault.reallocate(moves) {} catch {}
    }

    // ============================================================================================ internal

    function _mint(address to, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(pusdMinter);
        pusd.mint(to, amount);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
