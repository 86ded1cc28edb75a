// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../../src/interfaces/ILendingHub.sol";
import {LendingHub} from "../../../src/lending/LendingHub.sol";
import {LendingLens} from "../../../src/lending/LendingLens.sol";
import {LendingErrors} from "../../../src/lending/libraries/LendingErrors.sol";
import {LendingMath} from "../../../src/lending/libraries/LendingMath.sol";
import {NavFeedAdapter} from "../../../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../../../src/oracle/NavOracle.sol";
import {RwaShareToken} from "../../../src/rwa/RwaShareToken.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives one real market (pUSD loan, RWA share collateral with streaming income, NavOracle price, KYC policy)
/// with several actors at random: lenders, borrowers, a liquidator, price moves through reporter rounds, time, rent.
/// Ghost variables record what the invariants need; `violations` counts breaches of the liquidation property
/// (a healthy position was liquidated, an unhealthy one could not be, or a liquidation left dust).
contract LendingHubHandler is Test {
    using LendingMath for uint256;

    struct Env {
        LendingHub hub;
        LendingLens lens;
        PlazaUSD pusd;
        RwaShareToken rwa;
        NavOracle navOracle;
        NavFeedAdapter adapter;
        uint256 feedId;
        address pusdMinter;
        address issuer;
        address distributor;
        address guardian;
        address liquidator;
    }

    Env internal env;
    MarketParams internal params;
    Id internal id;
    address[] internal actors;
    address[] internal reporters;
    uint256 public nav;
    uint256 public minLeftover;

    mapping(address => uint256) public supplied;
    mapping(address => uint256) public withdrawn;
    uint256 public ghostInterest;
    /// @dev Operations that round in the market's favour (each can leave at most a wei or so to the other lenders).
    uint256 public ghostRoundings;
    uint256 public ghostSettlements;
    uint256 public violations;
    uint256 public liquidations;
    uint256 public badDebtEvents;

    constructor(Env memory env_, MarketParams memory params_, address[] memory actors_, address[] memory reporters_) {
        env = env_;
        params = params_;
        id = Id.wrap(keccak256(abi.encode(params_)));
        actors = actors_;
        reporters = reporters_;
        nav = 1e18;
        (,,,,,,, uint72 leftover,) = env_.hub.market(id);
        minLeftover = leftover;
        for (uint256 i; i < actors_.length; ++i) {
            _approve(actors_[i]);
        }
        _approve(env_.liquidator);
        vm.prank(env_.distributor);
        env_.pusd.approve(address(env_.rwa), type(uint256).max);
    }

    // ============================================================================================ lenders

    function supply(uint256 seed, uint256 amount) external {
        address a = _actor(seed);
        amount = bound(amount, 1e18, 1_000_000e18);
        _mintPusd(a, amount);
        _accrue();
        vm.prank(a);
        (uint256 assets,) = env.hub.supply(params, amount, 0, a);
        supplied[a] += assets;
    }

    function withdraw(uint256 seed, uint256 amount, bool byShares) external {
        address a = _actor(seed);
        _accrue();
        (uint256 shares,,) = env.hub.position(id, a);
        if (shares == 0) return;
        vm.prank(a);
        if (byShares) {
            try env.hub.withdraw(params, 0, bound(amount, 1, shares), a, a) returns (uint256 out, uint256) {
                withdrawn[a] += out;
            } catch {}
        } else {
            try env.hub.withdraw(params, bound(amount, 1, 1_000_000e18), 0, a, a) returns (uint256 out, uint256) {
                withdrawn[a] += out;
            } catch {}
        }
    }

    // ============================================================================================ borrowers

    function supplyCollateral(uint256 seed, uint256 amount) external {
        address a = _actor(seed);
        amount = bound(amount, 1e18, 100_000e18);
        vm.prank(env.issuer);
        env.rwa.mint(a, amount);
        vm.prank(a);
        env.hub.supplyCollateral(params, amount, a);
        ++ghostSettlements;
    }

    function withdrawCollateral(uint256 seed, uint256 amount) external {
        address a = _actor(seed);
        (,, uint256 collateral) = env.hub.position(id, a);
        if (collateral == 0) return;
        _accrue();
        vm.prank(a);
        try env.hub.withdrawCollateral(params, bound(amount, 1, collateral), a, a) {
            ++ghostSettlements;
        } catch {}
    }

    /// @dev Borrows a random fraction of what the position and the market allow (at least the minimum leftover).
    function borrow(uint256 seed, uint256 fractionBps) external {
        address a = _actor(seed);
        _accrue();
        (uint256 sa,, uint256 ba,) = _totals();
        uint256 room = env.lens.borrowingPower(params, a);
        if (sa - ba < room) room = sa - ba;
        uint256 amount = room * bound(fractionBps, 1, 10_000) / 10_000;
        if (amount < minLeftover) amount = minLeftover;
        vm.prank(a);
        try env.hub.borrow(params, amount, 0, a, a) {} catch {}
    }

    function repay(uint256 seed, uint256 amount, bool byShares) external {
        address a = _actor(seed);
        _accrue();
        (, uint256 borrowShares,) = env.hub.position(id, a);
        if (borrowShares == 0) return;
        _mintPusd(a, 2_000_000e18);
        vm.prank(a);
        if (byShares) {
            env.hub.repay(params, 0, bound(amount, 1, borrowShares), a);
        } else {
            try env.hub.repay(params, bound(amount, 1, 1_000_000e18), 0, a) {} catch {}
        }
    }

    function setAutoRepay(uint256 seed, bool on) external {
        address a = _actor(seed);
        vm.prank(a);
        try env.hub.setAutoRepay(params, a, on) {} catch {}
    }

    function claimIncome(uint256 seed) external {
        address a = _actor(seed);
        _accrue();
        vm.prank(a);
        try env.hub.claimCollateralIncome(params, a, a) {
            ++ghostSettlements;
        } catch {
            ++violations; // a KYC'd borrower can always claim what it is owed
        }
    }

    function applyIncome(uint256 seed) external {
        _accrue();
        try env.hub.applyIncome(params, _actor(seed)) {
            ++ghostSettlements;
        } catch {
            ++violations;
        }
    }

    // ============================================================================================ liquidator

    /// @dev Checks the liquidation property at a fresh price: a healthy position must refuse with `HealthyPosition`;
    /// an unhealthy one must be liquidatable (a random partial, else repay-all, else seize-all), and a successful
    /// liquidation must leave no dust.
    function liquidate(uint256 seed, uint256 fraction, bool bySeized) external {
        address a = _actor(seed);
        _accrue();
        (, uint256 borrowShares, uint256 collateral) = env.hub.position(id, a);
        if (borrowShares == 0) return;
        uint256 price = env.adapter.price();
        fraction = bound(fraction, 1, 10_000);
        _mintPusd(env.liquidator, 10_000_000e18);
        bool healthy = _healthyAfterAutoRepay(a, price);
        uint256 seized = bySeized ? _max1(collateral * fraction / 10_000) : 0;
        uint256 repaid = bySeized ? 0 : _max1(borrowShares * fraction / 10_000);
        if (healthy) {
            if (_try(a, seized, repaid) || _try(a, collateral, 0) || _try(a, 0, borrowShares)) ++violations;
            return;
        }
        if (_try(a, seized, repaid) || _try(a, 0, borrowShares) || _try(a, collateral, 0)) {
            ++liquidations;
            (, uint256 sharesLeft, uint256 collateralLeft) = env.hub.position(id, a);
            if (collateralLeft == 0) {
                if (sharesLeft != 0) ++violations;
                ++badDebtEvents;
            } else if (sharesLeft != 0) {
                (,, uint256 ba, uint256 bs) = _totals();
                if (sharesLeft.toAssetsUp(ba, bs) < minLeftover) ++violations;
                if (collateralLeft.mulDivDown(price, 1e36) < minLeftover) ++violations;
            }
        } else {
            ++violations;
        }
        ++ghostSettlements;
    }

    // ============================================================================================ world

    /// @dev A reporter round moves the NAV by -50%..+50% (a large move freezes the feed; the guardian confirms it).
    function movePrice(uint256 bps) external {
        uint256 next = nav * bound(bps, 5000, 15_000) / 10_000;
        if (next < 0.01e18) next = 0.01e18;
        if (next > 100e18) next = 100e18;
        _round(next);
    }

    /// @dev Time passes (up to 12 hours); the reporters then confirm the NAV, so prices stay fresh.
    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 12 hours));
        _round(nav);
    }

    function depositIncome(uint256 amount) external {
        amount = bound(amount, 1e18, 100_000e18);
        _mintPusd(env.distributor, amount);
        vm.prank(env.distributor);
        env.rwa.depositIncome(amount);
    }

    // ============================================================================================ views for invariants

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    // ============================================================================================ internal

    function _try(address borrower, uint256 seized, uint256 repaidShares) internal returns (bool ok) {
        vm.prank(env.liquidator);
        try env.hub.liquidate(params, borrower, seized, repaidShares, env.liquidator) {
            return true;
        } catch {
            return false;
        }
    }

    /// @dev Health as the hub sees it inside `liquidate`: an auto-repay position's income is applied first.
    function _healthyAfterAutoRepay(address a, uint256 price) internal view returns (bool) {
        (, uint256 borrowShares, uint256 collateral) = env.hub.position(id, a);
        (,, uint256 ba, uint256 bs) = _totals();
        uint256 debt = borrowShares.toAssetsUp(ba, bs);
        (,, bool autoRepay) = env.hub.income(id, a);
        if (autoRepay) {
            uint256 owed = env.lens.pendingIncome(params, a);
            (uint128 cashHeld) = _cash();
            uint256 available = cashHeld + env.rwa.claimableIncome(address(env.hub));
            uint256 usable = owed < available ? owed : available;
            if (usable >= debt) return true;
            uint256 repaidShares = usable.toSharesDown(ba, bs);
            debt = (borrowShares - repaidShares).toAssetsUp(ba.zeroFloorSub(usable), bs - repaidShares);
        }
        return collateral.mulDivDown(price, 1e36).wMulDown(params.lltv) >= debt;
    }

    function _cash() internal view returns (uint128) {
        (, uint96 cash) = env.hub.incomeAccount(address(env.rwa));
        return cash;
    }

    function _accrue() internal {
        ++ghostRoundings;
        (,, uint256 before,) = _totals();
        env.hub.accrueInterest(params);
        (,, uint256 afterwards,) = _totals();
        ghostInterest += afterwards - before;
    }

    function _totals() internal view returns (uint256, uint256, uint256, uint256) {
        (uint128 sa, uint128 ss, uint128 ba, uint128 bs,,,,,) = env.hub.market(id);
        return (sa, ss, ba, bs);
    }

    function _round(uint256 value) internal {
        uint256 round = env.navOracle.currentRound(env.feedId);
        for (uint256 i; i < reporters.length; ++i) {
            vm.prank(reporters[i]);
            env.navOracle.submit(env.feedId, round, value);
        }
        if (env.navOracle.roundState(env.feedId).frozen) {
            vm.prank(env.guardian);
            env.navOracle.confirmAnswer(env.feedId);
        }
        nav = value;
    }

    function _mintPusd(address to, uint256 amount) internal {
        vm.prank(env.pusdMinter);
        env.pusd.mint(to, amount);
    }

    function _approve(address a) internal {
        vm.startPrank(a);
        env.pusd.approve(address(env.hub), type(uint256).max);
        env.rwa.approve(address(env.hub), type(uint256).max);
        vm.stopPrank();
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _max1(uint256 x) internal pure returns (uint256) {
        return x == 0 ? 1 : x;
    }
}
