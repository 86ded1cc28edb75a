// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPlazaUSD} from "../../src/interfaces/IPlazaUSD.sol";
import {PegStabilityModule} from "../../src/psm/PegStabilityModule.sol";
import {PSMErrors} from "../../src/psm/libraries/PSMErrors.sol";
import {PSMEvents} from "../../src/psm/libraries/PSMEvents.sol";
import {PlazaUSDErrors} from "../../src/stablecoin/libraries/PlazaUSDErrors.sol";
import {PSMSetup} from "../utils/PSMSetup.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract PegStabilityModuleTest is PSMSetup {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        _deployPSM();
        _fund(alice, 1_000_000e6);
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor() public view {
        assertEq(address(psm.pusd()), address(pusd));
        assertEq(address(psm.gem()), address(usdc));
        assertEq(psm.to18(), 1e12);
        assertEq(psm.feeCollector(), address(collector));
        assertEq(psm.debtCeiling(), CEILING);
        assertEq(psm.tin(), 0);
        assertEq(psm.tout(), 0);
        assertFalse(psm.paused());
        assertEq(psm.defaultAdmin(), admin);
    }

    function test_constructor_reverts() public {
        IPlazaUSD p = IPlazaUSD(address(pusd));
        vm.expectRevert(PSMErrors.ZeroAddress.selector);
        new PegStabilityModule(IPlazaUSD(address(0)), usdc, address(collector), 1, 0, admin);
        vm.expectRevert(PSMErrors.ZeroAddress.selector);
        new PegStabilityModule(p, TestERC20(address(0)), address(collector), 1, 0, admin);
        vm.expectRevert(PSMErrors.ZeroAddress.selector);
        new PegStabilityModule(p, usdc, address(0), 1, 0, admin);
        TestERC20 weird = new TestERC20("Weird", "W", 19);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.UnsupportedGemDecimals.selector, 19));
        new PegStabilityModule(p, weird, address(collector), 1, 0, admin);
        uint256 tooHigh = uint256(type(uint104).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingTooHigh.selector, tooHigh));
        new PegStabilityModule(p, usdc, address(collector), tooHigh, 0, admin);
    }

    function test_constructor_gemWith18Decimals() public {
        TestERC20 gem18 = new TestERC20("Gem", "G", 18);
        PegStabilityModule p = new PegStabilityModule(IPlazaUSD(address(pusd)), gem18, address(collector), 1, 0, admin);
        assertEq(p.to18(), 1);
    }

    // ---------------------------------------------------------------- sellGem

    function test_sellGem_mintsOneToOne() public {
        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.SellGem(alice, bob, 100e6, 100e18, 0);
        vm.prank(alice);
        uint256 out = psm.sellGem(bob, 100e6);
        assertEq(out, 100e18);
        assertEq(pusd.balanceOf(bob), 100e18);
        assertEq(usdc.balanceOf(address(psm)), 100e6);
        assertEq(psm.reserves(), 100e6);
        assertEq(psm.minted(), 100e18);
        assertEq(usdc.balanceOf(alice), 999_900e6);
    }

    function test_sellGem_feeRoundsUpToCollector() public {
        _setFees(1, 0); // 1 bp
        vm.prank(alice);
        uint256 out = psm.sellGem(alice, 3); // 3 micro-USDC = 3e12 wei; fee = ceil(3e12 / 1e4) = 3e8
        assertEq(out, 3e12 - 3e8);
        assertEq(pusd.balanceOf(address(collector)), 3e8);
        assertEq(psm.minted(), 3e12, "fees count as pUSD minted through the PSM");
        collector.distribute(address(pusd));
        assertEq(pusd.balanceOf(treasury), 3e8);
    }

    /// Adversarial: the smallest swap (1 wei of gem) still pays a fee; rounding never favours the caller.
    function test_sellGem_oneWei() public {
        vm.prank(alice);
        assertEq(psm.sellGem(alice, 1), 1e12);
        _setFees(1000, 0);
        vm.prank(alice);
        assertEq(psm.sellGem(alice, 1), 9e11);
        assertEq(pusd.balanceOf(address(collector)), 1e11);
        _setFees(3, 0); // 1e12 * 3 / 1e4 = 3e8 exactly
        vm.prank(alice);
        assertEq(psm.sellGem(alice, 1), 1e12 - 3e8);
    }

    /// Adversarial: sales stop exactly at the debt ceiling.
    function test_sellGem_atTheCeiling() public {
        vm.prank(admin);
        psm.setDebtCeiling(500e18);
        vm.prank(alice);
        psm.sellGem(alice, 499e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingExceeded.selector, 500e18 + 1e12, 500e18));
        psm.sellGem(alice, 1e6 + 1);
        vm.prank(alice);
        psm.sellGem(alice, 1e6); // reaches the ceiling exactly
        assertEq(psm.minted(), 500e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingExceeded.selector, 500e18 + 1e12, 500e18));
        psm.sellGem(alice, 1);
        // purchases free room again
        vm.prank(alice);
        psm.buyGem(alice, 1);
        vm.prank(alice);
        psm.sellGem(alice, 1);
    }

    function test_sellGem_reverts() public {
        vm.prank(alice);
        vm.expectRevert(PSMErrors.ZeroAmount.selector);
        psm.sellGem(alice, 0);

        vm.prank(bob); // no USDC approval
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(psm), 0, 1));
        psm.sellGem(bob, 1);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        psm.sellGem(address(0), 1);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(pusd)));
        psm.sellGem(address(pusd), 1);
    }

    function test_sellGem_pausedAndPusdPaused() public {
        vm.prank(psmPauser);
        psm.pause();
        vm.prank(alice);
        vm.expectRevert(PSMErrors.SwapsPaused.selector);
        psm.sellGem(alice, 1);
        vm.prank(psmPauser);
        psm.unpause();

        vm.prank(pauser);
        pusd.pause();
        vm.prank(alice);
        vm.expectRevert(PlazaUSDErrors.EnforcedPause.selector);
        psm.sellGem(alice, 1);
    }

    /// Adversarial: blocked payer or payee through the PSM.
    function test_sellGem_blockedSenderOrReceiver() public {
        _block(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.AccountBlocked.selector, alice));
        psm.sellGem(bob, 1e6);
        _unblock(alice);

        _block(bob);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, bob));
        psm.sellGem(bob, 1e6);
    }

    function test_sellGem_revertsWhenNotMinter() public {
        vm.prank(masterMinter);
        pusd.removeMinter(address(psm));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.NotMinter.selector, address(psm)));
        psm.sellGem(alice, 1);
    }

    function test_sellGem_withFiniteMinterAllowance() public {
        vm.prank(masterMinter);
        pusd.configureMinter(address(psm), 10e18);
        vm.prank(alice);
        psm.sellGem(alice, 10e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.MinterAllowanceExceeded.selector, address(psm), 0, 1e12));
        psm.sellGem(alice, 1);
    }

    // ---------------------------------------------------------------- buyGem

    function test_buyGem_burnsOneToOne() public {
        vm.prank(alice);
        psm.sellGem(alice, 500e6);
        uint256 supply = pusd.totalSupply();

        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.BuyGem(alice, bob, 200e6, 200e18, 0);
        vm.prank(alice);
        uint256 paid = psm.buyGem(bob, 200e6);
        assertEq(paid, 200e18);
        assertEq(usdc.balanceOf(bob), 200e6);
        assertEq(pusd.balanceOf(alice), 300e18);
        assertEq(pusd.totalSupply(), supply - 200e18);
        assertEq(psm.minted(), 300e18);
        assertEq(psm.reserves(), 300e6);
    }

    function test_buyGem_feeRoundsUpToCollector() public {
        vm.prank(alice);
        psm.sellGem(alice, 500e6);
        _setFees(0, 7);
        vm.prank(alice);
        uint256 paid = psm.buyGem(alice, 3); // 3e12 + ceil(3e12 * 7 / 1e4) = 3e12 + 2.1e9
        assertEq(paid, 3e12 + 21e8);
        assertEq(pusd.balanceOf(address(collector)), 21e8);
        assertEq(psm.minted(), 500e18 - 3e12, "only the gross is burned; the fee stays in circulation");
        assertGe(psm.reserves() * 1e12, psm.minted());
    }

    /// Adversarial: 1 wei of gem costs the full 1e12 pUSD wei plus a fee rounded up.
    function test_buyGem_oneWei() public {
        vm.prank(alice);
        psm.sellGem(alice, 10e6);
        vm.prank(alice);
        assertEq(psm.buyGem(alice, 1), 1e12);
        _setFees(0, 1);
        vm.prank(alice);
        assertEq(psm.buyGem(alice, 1), 1e12 + 1e8);
    }

    function test_buyGem_reverts() public {
        vm.prank(alice);
        psm.sellGem(alice, 10e6);

        vm.prank(alice);
        vm.expectRevert(PSMErrors.ZeroAmount.selector);
        psm.buyGem(alice, 0);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.InsufficientMinted.selector, 10e18 + 1e12, 10e18));
        psm.buyGem(alice, 10e6 + 1);

        vm.prank(bob); // no pUSD allowance, no balance
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(psm), 0, 1e12));
        psm.buyGem(bob, 1);

        vm.prank(alice);
        pusd.transfer(bob, 10e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 1e12));
        psm.buyGem(alice, 1);

        vm.prank(psmPauser);
        psm.pause();
        vm.prank(bob);
        vm.expectRevert(PSMErrors.SwapsPaused.selector);
        psm.buyGem(bob, 1);
    }

    /// Adversarial: blocked payer or payee through the PSM.
    function test_buyGem_blockedSenderOrReceiver() public {
        vm.prank(alice);
        psm.sellGem(alice, 10e6);

        _block(bob);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.AccountBlocked.selector, bob));
        psm.buyGem(bob, 1e6);

        _block(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PlazaUSDErrors.AccountBlocked.selector, alice));
        psm.buyGem(stranger, 1e6);
    }

    function test_buyGem_stillOpenAboveLoweredCeiling() public {
        vm.prank(alice);
        psm.sellGem(alice, 100e6);
        vm.prank(admin);
        psm.setDebtCeiling(0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingExceeded.selector, 100e18 + 1e12, 0));
        psm.sellGem(alice, 1);
        vm.prank(alice);
        psm.buyGem(alice, 100e6);
        assertEq(psm.minted(), 0);
    }

    // ---------------------------------------------------------------- admin

    function test_setFees() public {
        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.FeesSet(5, 1000);
        vm.prank(admin);
        psm.setFees(5, 1000);
        assertEq(psm.tin(), 5);
        assertEq(psm.tout(), 1000);
    }

    function test_setFees_reverts() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.FeeTooHigh.selector, 1001));
        psm.setFees(1001, 0);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.FeeTooHigh.selector, 1001));
        psm.setFees(0, 1001);
        vm.stopPrank();
        vm.prank(psmPauser);
        vm.expectRevert(_unauthorized(psmPauser, bytes32(0)));
        psm.setFees(1, 1);
    }

    function test_setDebtCeiling() public {
        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.DebtCeilingSet(7e18);
        vm.prank(admin);
        psm.setDebtCeiling(7e18);
        assertEq(psm.debtCeiling(), 7e18);

        uint256 tooHigh = psm.MAX_DEBT_CEILING() + 1;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingTooHigh.selector, tooHigh));
        psm.setDebtCeiling(tooHigh);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        psm.setDebtCeiling(1);
    }

    function test_setFeeCollector() public {
        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.FeeCollectorSet(treasury);
        vm.prank(admin);
        psm.setFeeCollector(treasury);
        assertEq(psm.feeCollector(), treasury);

        vm.prank(admin);
        vm.expectRevert(PSMErrors.ZeroAddress.selector);
        psm.setFeeCollector(address(0));
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        psm.setFeeCollector(treasury);
    }

    function test_pauseAndUnpause() public {
        bytes32 role = psm.PAUSER_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        psm.pause();
        vm.prank(admin); // the admin does not hold the pauser role by default
        vm.expectRevert(_unauthorized(admin, role));
        psm.pause();

        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.Paused(psmPauser);
        vm.prank(psmPauser);
        psm.pause();
        assertTrue(psm.paused());

        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        psm.unpause();

        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.Unpaused(psmPauser);
        vm.prank(psmPauser);
        psm.unpause();
        assertFalse(psm.paused());
    }

    function test_rescue_onlySurplusGem() public {
        vm.prank(alice);
        psm.sellGem(alice, 100e6);
        usdc.mint(address(psm), 5e6); // a donation
        assertEq(psm.surplusGem(), 5e6);

        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(PSMErrors.GemNotSurplus.selector, 5e6 + 1, 5e6));
        psm.rescue(IERC20(address(usdc)), treasury, 5e6 + 1);

        vm.expectEmit(true, true, true, true, address(psm));
        emit PSMEvents.TokensRescued(address(usdc), treasury, 5e6);
        vm.prank(admin);
        psm.rescue(IERC20(address(usdc)), treasury, 5e6);
        assertEq(usdc.balanceOf(treasury), 5e6);
        assertEq(psm.reserves() * 1e12, psm.minted());
        assertEq(psm.surplusGem(), 0);
    }

    function test_rescue_otherTokens() public {
        TestERC20 stray = new TestERC20("S", "S", 18);
        stray.mint(address(psm), 9);
        vm.prank(admin);
        psm.rescue(IERC20(address(stray)), treasury, 9);
        assertEq(stray.balanceOf(treasury), 9);

        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        psm.rescue(IERC20(address(stray)), treasury, 0);
    }

    // ---------------------------------------------------------------- previews and fuzz

    function testFuzz_previewsMatchSwaps(uint256 amount, uint16 tin, uint16 tout) public {
        amount = bound(amount, 1, 1_000_000e6);
        tin = uint16(bound(tin, 0, 1000));
        tout = uint16(bound(tout, 0, 1000));
        _setFees(tin, tout);
        (uint256 expectedOut, uint256 sellFee) = psm.previewSellGem(amount);
        vm.prank(alice);
        assertEq(psm.sellGem(alice, amount), expectedOut);
        assertEq(pusd.balanceOf(address(collector)), sellFee);

        uint256 buyable = pusd.balanceOf(alice) * 10_000 / (10_000 + tout) / 1e12;
        vm.assume(buyable > 0);
        (uint256 expectedIn, uint256 buyFee) = psm.previewBuyGem(buyable);
        vm.prank(alice);
        assertEq(psm.buyGem(alice, buyable), expectedIn);
        assertEq(pusd.balanceOf(address(collector)), sellFee + buyFee);
    }

    /// A round trip never gains the caller anything, and every fee is at least its exact value.
    function testFuzz_roundTripNeverProfits(uint256 amount, uint16 tin, uint16 tout) public {
        amount = bound(amount, 1, 1_000_000e6);
        tin = uint16(bound(tin, 0, 1000));
        tout = uint16(bound(tout, 0, 1000));
        _setFees(tin, tout);
        uint256 usdcBefore = usdc.balanceOf(alice);

        vm.prank(alice);
        uint256 out = psm.sellGem(alice, amount);
        uint256 gross = amount * 1e12;
        uint256 sellFee = gross - out;
        assertGe(sellFee * 10_000, gross * tin, "sell fee rounded up");
        assertLt(sellFee * 10_000, gross * tin + 10_000, "by less than one wei");

        uint256 back = out * 10_000 / (10_000 + tout) / 1e12;
        if (back > 0) {
            vm.prank(alice);
            uint256 paid = psm.buyGem(alice, back);
            uint256 buyFee = paid - back * 1e12;
            assertGe(buyFee * 10_000, back * 1e12 * tout, "buy fee rounded up");
        }
        assertLe(usdc.balanceOf(alice), usdcBefore, "no profit in gem");
        assertLe(usdc.balanceOf(alice) * 1e12 + pusd.balanceOf(alice), usdcBefore * 1e12, "no profit overall");
        assertGe(psm.reserves() * 1e12, psm.minted());
        assertEq(pusd.totalSupply(), psm.minted(), "all pUSD here came through the PSM; buy fees are not burned");
    }

    function testFuzz_sellGem_ceiling(uint256 ceiling, uint256 amount) public {
        ceiling = bound(ceiling, 0, 1e30);
        amount = bound(amount, 1, 1e12);
        vm.prank(admin);
        psm.setDebtCeiling(ceiling);
        usdc.mint(alice, amount);
        vm.prank(alice);
        if (amount * 1e12 > ceiling) {
            vm.expectRevert(abi.encodeWithSelector(PSMErrors.DebtCeilingExceeded.selector, amount * 1e12, ceiling));
            psm.sellGem(alice, amount);
        } else {
            psm.sellGem(alice, amount);
            assertLe(psm.minted(), ceiling);
        }
    }
}
