// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockUSDC} from "../../../src/mocks/MockUSDC.sol";
import {PegStabilityModule} from "../../../src/psm/PegStabilityModule.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Random swaps, fee and ceiling changes, donations and surplus rescues against the PSM.
contract PSMHandler is Test {
    PegStabilityModule public immutable psm;
    PlazaUSD public immutable pusd;
    MockUSDC public immutable usdc;
    address public immutable admin;
    address[] public users;

    uint256 public ghostFees;
    uint256 public ghostMaxCeiling;

    constructor(PegStabilityModule psm_, PlazaUSD pusd_, MockUSDC usdc_, address admin_) {
        psm = psm_;
        pusd = pusd_;
        usdc = usdc_;
        admin = admin_;
        ghostMaxCeiling = psm_.debtCeiling();
        for (uint256 i; i < 4; ++i) {
            address user = makeAddr(string.concat("psm-user-", vm.toString(i)));
            users.push(user);
            vm.startPrank(user);
            usdc.approve(address(psm), type(uint256).max);
            pusd.approve(address(psm), type(uint256).max);
            vm.stopPrank();
        }
    }

    function userCount() external view returns (uint256) {
        return users.length;
    }

    function sellGem(uint256 userSeed, uint256 toSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        uint256 room = (psm.debtCeiling() - _min(psm.minted(), psm.debtCeiling())) / psm.to18();
        if (room == 0) return;
        amount = bound(amount, 1, _min(room, 1e15));
        usdc.mint(user, amount);
        (, uint256 fee) = psm.previewSellGem(amount);
        vm.prank(user);
        psm.sellGem(users[toSeed % users.length], amount);
        ghostFees += fee;
    }

    function buyGem(uint256 userSeed, uint256 toSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        uint256 maxGross = _min(psm.minted(), pusd.balanceOf(user) * 10_000 / (10_000 + psm.tout()));
        uint256 max = maxGross / psm.to18();
        if (max == 0) return;
        amount = bound(amount, 1, max);
        (, uint256 fee) = psm.previewBuyGem(amount);
        vm.prank(user);
        psm.buyGem(users[toSeed % users.length], amount);
        ghostFees += fee;
    }

    function setFees(uint16 tin, uint16 tout) external {
        tin = uint16(bound(tin, 0, 1000));
        tout = uint16(bound(tout, 0, 1000));
        vm.prank(admin);
        psm.setFees(tin, tout);
    }

    function setDebtCeiling(uint256 ceiling) external {
        ceiling = bound(ceiling, 0, psm.MAX_DEBT_CEILING());
        vm.prank(admin);
        psm.setDebtCeiling(ceiling);
        if (ceiling > ghostMaxCeiling) ghostMaxCeiling = ceiling;
    }

    function donateGem(uint256 amount) external {
        amount = bound(amount, 0, 1e12);
        usdc.mint(address(psm), amount);
    }

    function rescueSurplus(uint256 amount) external {
        amount = bound(amount, 0, psm.surplusGem());
        vm.prank(admin);
        psm.rescue(IERC20(address(usdc)), admin, amount);
    }

    /// Tries to take more gem than the surplus: must revert.
    function rescueTooMuch(uint256 extra) external {
        extra = bound(extra, 1, 1e18);
        uint256 amount = psm.surplusGem() + extra;
        vm.prank(admin);
        try psm.rescue(IERC20(address(usdc)), admin, amount) {
            ghostMaxCeiling = 0; // makes the invariant fail loudly
        } catch {}
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
