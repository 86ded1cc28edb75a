// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../../src/compliance/ComplianceRegistry.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {Signing} from "../../utils/Signing.sol";

/// @notice Drives pUSD and the registry with random but mostly valid actions, and keeps ghost books: what each
/// minter was given and minted, and the balance each blocked account had when it was blocked.
contract PlazaUSDHandler is Signing {
    PlazaUSD public immutable pusd;
    ComplianceRegistry public immutable registry;
    address public immutable masterMinter;
    address public immutable attester;
    address public immutable pauser;

    uint256[] internal keys;
    address[] public actors;
    address[] public minters;

    mapping(address minter => uint256) public ghostGiven;
    mapping(address minter => uint256) public ghostMinted;
    mapping(address minter => uint256) public ghostSinceConfigure;
    mapping(address account => uint256) public ghostFrozenBalance;
    uint256 internal nonceCounter;

    mapping(bytes4 selector => uint256) public calls;

    constructor(
        PlazaUSD pusd_,
        ComplianceRegistry registry_,
        address masterMinter_,
        address attester_,
        address pauser_,
        address[] memory minters_
    ) {
        pusd = pusd_;
        registry = registry_;
        masterMinter = masterMinter_;
        attester = attester_;
        pauser = pauser_;
        minters = minters_;
        for (uint256 i = 1; i <= 5; ++i) {
            keys.push(i * 0x1000 + 7);
            actors.push(vm.addr(i * 0x1000 + 7));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function minterCount() external view returns (uint256) {
        return minters.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _key(uint256 seed) internal view returns (uint256) {
        return keys[seed % keys.length];
    }

    function _minter(uint256 seed) internal view returns (address) {
        return minters[seed % minters.length];
    }

    function _movable(address account) internal view returns (bool) {
        return !pusd.isBlocked(account);
    }

    // ---------------------------------------------------------------- actions

    function configureMinter(uint256 minterSeed, uint256 allowance) external {
        address m = _minter(minterSeed);
        allowance = bound(allowance, 0, 1e27);
        vm.prank(masterMinter);
        pusd.configureMinter(m, allowance);
        ghostGiven[m] += allowance;
        ghostSinceConfigure[m] = 0;
        ++calls[this.configureMinter.selector];
    }

    function mint(uint256 minterSeed, uint256 toSeed, uint256 amount) external {
        address m = _minter(minterSeed);
        address to = _actor(toSeed);
        uint256 remaining = pusd.minterAllowance(m);
        if (remaining == 0 || !_movable(to)) return;
        amount = bound(amount, 1, remaining);
        vm.prank(m);
        pusd.mint(to, amount);
        ghostMinted[m] += amount;
        ghostSinceConfigure[m] += amount;
        ++calls[this.mint.selector];
    }

    /// Deliberately over the allowance: must always revert.
    function mintOverAllowance(uint256 minterSeed, uint256 extra) external {
        address m = _minter(minterSeed);
        uint256 remaining = pusd.minterAllowance(m);
        extra = bound(extra, 1, 1e27);
        vm.prank(m);
        try pusd.mint(actors[0], remaining + extra) {
            ghostMinted[m] += remaining + extra; // makes the invariant fail loudly
        } catch {}
        ++calls[this.mintOverAllowance.selector];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (!_movable(from) || !_movable(to)) return;
        amount = bound(amount, 0, pusd.balanceOf(from));
        vm.prank(from);
        pusd.transfer(to, amount);
        ++calls[this.transfer.selector];
    }

    function approveAndTransferFrom(uint256 fromSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address spender = _actor(spenderSeed);
        address to = _actor(toSeed);
        if (!_movable(from) || !_movable(to) || pusd.isBlocked(spender)) return;
        amount = bound(amount, 0, pusd.balanceOf(from));
        vm.prank(from);
        pusd.approve(spender, amount);
        vm.prank(spender);
        pusd.transferFrom(from, to, amount);
        ++calls[this.approveAndTransferFrom.selector];
    }

    function transferWithAuthorization(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (!_movable(from) || !_movable(to)) return;
        amount = bound(amount, 0, pusd.balanceOf(from));
        Auth memory a = _auth(from, to, amount, bytes32(++nonceCounter));
        _transferWithAuth(pusd, _key(fromSeed), a);
        ++calls[this.transferWithAuthorization.selector];
    }

    function burn(uint256 minterSeed, uint256 fromSeed, uint256 amount) external {
        address m = _minter(minterSeed);
        address from = _actor(fromSeed);
        if (!pusd.isMinter(m) || !_movable(from) || pusd.balanceOf(from) == 0) return;
        amount = bound(amount, 1, pusd.balanceOf(from));
        vm.prank(from);
        pusd.approve(m, amount);
        vm.prank(m);
        pusd.burnFrom(from, amount);
        ++calls[this.burn.selector];
    }

    function setBlocked(uint256 accountSeed, bool blocked) external {
        address account = _actor(accountSeed);
        vm.prank(attester);
        registry.setBlocked(account, blocked);
        if (blocked) ghostFrozenBalance[account] = pusd.balanceOf(account);
        ++calls[this.setBlocked.selector];
    }

    /// Blocked accounts always fail to send.
    function transferFromBlocked(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        if (!pusd.isBlocked(from)) return;
        amount = bound(amount, 0, pusd.balanceOf(from));
        vm.prank(from);
        try pusd.transfer(_actor(toSeed), amount) {
            ghostFrozenBalance[from] = type(uint256).max; // makes the invariant fail loudly
        } catch {}
        ++calls[this.transferFromBlocked.selector];
    }

    /// Pauses, checks that a transfer fails, and unpauses (so the other actions keep running).
    function pausedTransferFails(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, pusd.balanceOf(from));
        vm.prank(pauser);
        pusd.pause();
        vm.prank(from);
        try pusd.transfer(_actor(toSeed), amount) {
            ghostFrozenBalance[from] = type(uint256).max; // makes the invariant fail loudly
            ghostMinted[minters[0]] = type(uint256).max;
        } catch {}
        vm.prank(pauser);
        pusd.unpause();
        ++calls[this.pausedTransferFails.selector];
    }
}
