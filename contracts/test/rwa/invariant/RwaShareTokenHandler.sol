// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RwaShareToken} from "../../../src/rwa/RwaShareToken.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random deposits, transfers (including attempts to non-allowed accounts), mints, burns, forced transfers,
/// claims and time, with ghost totals for the income-conservation invariant.
contract RwaShareTokenHandler is CommonBase, StdCheats, StdUtils {
    RwaShareToken public immutable token;
    PlazaUSD public immutable pusd;
    address public immutable minter;
    address public immutable issuer;
    address public immutable distributor;
    address public immutable outsider; // fails the policy

    address[] public actors;

    uint256 public ghostDeposited;
    uint256 public ghostCheckpoints; // mints, burns and deposits (each may leave < 1 wei of accumulator dust)
    uint256 public ghostLastIncomePerShare;
    uint256 public violations;
    uint256 public deposits;
    uint256 public claims;

    constructor(
        RwaShareToken token_,
        PlazaUSD pusd_,
        address minter_,
        address issuer_,
        address distributor_,
        address outsider_,
        address[] memory actors_
    ) {
        token = token_;
        pusd = pusd_;
        minter = minter_;
        issuer = issuer_;
        distributor = distributor_;
        outsider = outsider_;
        actors = actors_;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function deposit(uint256 amountSeed) external {
        uint256 amount = bound(amountSeed, 0, 1_000_000e18);
        _fund(distributor, amount);
        vm.prank(distributor);
        token.depositIncome(amount);
        ghostDeposited += amount;
        ++ghostCheckpoints;
        ++deposits;
        _checkMonotonic();
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external {
        address from = actors[fromSeed % actors.length];
        address to = actors[toSeed % actors.length];
        uint256 amount = bound(amountSeed, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(to, amount);
        _checkMonotonic();
    }

    function transferToOutsider(uint256 fromSeed, uint256 amountSeed) external {
        address from = actors[fromSeed % actors.length];
        uint256 amount = bound(amountSeed, 0, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(outsider, amount) {
            ++violations; // must never succeed
        } catch {}
    }

    function mint(uint256 toSeed, uint256 amountSeed) external {
        address to = actors[toSeed % actors.length];
        vm.prank(issuer);
        token.mint(to, bound(amountSeed, 0, 1_000_000e18));
        ++ghostCheckpoints;
        _checkMonotonic();
    }

    function burn(uint256 fromSeed, uint256 amountSeed) external {
        address from = actors[fromSeed % actors.length];
        uint256 amount = bound(amountSeed, 0, token.balanceOf(from));
        vm.prank(issuer);
        token.burn(from, amount);
        ++ghostCheckpoints;
        _checkMonotonic();
    }

    function forceTransfer(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external {
        address from = actors[fromSeed % actors.length];
        address to = actors[toSeed % actors.length];
        uint256 amount = bound(amountSeed, 0, token.balanceOf(from));
        vm.prank(issuer);
        token.forceTransfer(from, to, amount, "order");
        _checkMonotonic();
    }

    function claim(uint256 whoSeed) external {
        address who = actors[whoSeed % actors.length];
        uint256 expected = token.claimableIncome(who);
        uint256 before = pusd.balanceOf(who);
        vm.prank(who);
        uint256 paid = token.claimIncome(who);
        if (paid != expected || pusd.balanceOf(who) - before != paid) ++violations;
        ++claims;
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 20 days));
        _checkMonotonic();
    }

    function _checkMonotonic() internal {
        uint256 acc = token.incomePerShare();
        if (acc < ghostLastIncomePerShare) ++violations;
        ghostLastIncomePerShare = acc;
    }

    function _fund(address to, uint256 amount) internal {
        if (amount == 0) return;
        vm.prank(minter);
        pusd.mint(to, amount);
    }
}
