// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {PayFiErrors} from "../../src/payfi/libraries/PayFiErrors.sol";
import {PayFiEvents} from "../../src/payfi/libraries/PayFiEvents.sol";
import {PayFiSetup} from "../utils/PayFiSetup.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice LoyaltyPoints: a real, transferable ERC-20 clone per merchant; minting on settlement, discount burns,
/// the pUSD reserve with redemption at the posted value, value decreases with notice, and expiry.
contract LoyaltyPointsTest is PayFiSetup {
    LoyaltyPoints internal points;
    address internal holder = makeAddr("holder");
    address internal other = makeAddr("other");

    function setUp() public {
        _deployPayFi();
        points = _createProgram(cafe, 10_000, 0.01e18); // 1 point per pUSD, worth 0.01 pUSD
    }

    function _mintPoints(address to, uint256 amount) internal {
        vm.prank(address(processor));
        points.mint(to, amount);
    }

    function _fund(uint256 amount) internal {
        vm.startPrank(payer);
        pusd.approve(address(points), amount);
        points.fundReserve(amount);
        vm.stopPrank();
    }

    // ================================================================ initialization

    function test_initialize_onlyRegistryOnce() public {
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotRegistry.selector, address(this)));
        points.initialize(cafe, "X", "X", 0, 0);
        vm.prank(address(merchants));
        vm.expectRevert(PayFiErrors.AlreadyInitialized.selector);
        points.initialize(cafe, "X", "X", 0, 0);
        LoyaltyPoints impl = LoyaltyPoints(processor.loyaltyImplementation());
        vm.prank(address(merchants));
        vm.expectRevert(PayFiErrors.AlreadyInitialized.selector);
        impl.initialize(cafe, "X", "X", 0, 0);
    }

    function test_initialize_validation() public {
        vm.prank(shop);
        vm.expectRevert(
            abi.encodeWithSelector(
                PayFiErrors.InvalidExpiry.selector, block.timestamp + 1 days, block.timestamp + 30 days
            )
        );
        merchants.createLoyaltyProgram("S", "S", 1, 0, uint48(block.timestamp + 1 days));
        vm.prank(shop);
        LoyaltyPoints s =
            LoyaltyPoints(merchants.createLoyaltyProgram("S", "S", 1, 0, uint48(block.timestamp + 30 days)));
        assertEq(s.expiresAt(), block.timestamp + 30 days);
    }

    function test_metadata() public view {
        assertEq(points.name(), "Points");
        assertEq(points.symbol(), "PTS");
        assertEq(points.decimals(), 18);
        assertEq(points.merchant(), cafe);
        assertEq(points.processor(), address(processor));
        assertEq(address(points.pusd()), address(pusd));
        assertEq(points.totalSupply(), 0);
        assertEq(points.expiresAt(), 0);
        assertFalse(points.isExpired());
    }

    // ================================================================ ERC-20

    function test_transfer() public {
        _mintPoints(holder, 10e18);
        vm.expectEmit(true, true, true, true, address(points));
        emit IERC20.Transfer(holder, other, 4e18);
        vm.prank(holder);
        assertTrue(points.transfer(other, 4e18));
        assertEq(points.balanceOf(holder), 6e18);
        assertEq(points.balanceOf(other), 4e18);
        assertEq(points.totalSupply(), 10e18);
    }

    function test_transfer_reverts() public {
        _mintPoints(holder, 1e18);
        vm.startPrank(holder);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, holder, 1e18, 2e18));
        points.transfer(other, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        points.transfer(address(0), 1);
        vm.stopPrank();
    }

    function test_approveAndTransferFrom() public {
        _mintPoints(holder, 10e18);
        vm.prank(holder);
        points.approve(other, 5e18);
        assertEq(points.allowance(holder, other), 5e18);
        vm.prank(other);
        points.transferFrom(holder, other, 3e18);
        assertEq(points.allowance(holder, other), 2e18);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, other, 2e18, 3e18));
        points.transferFrom(holder, other, 3e18);
        vm.prank(holder);
        points.approve(other, type(uint256).max);
        vm.prank(other);
        points.transferFrom(holder, other, 7e18);
        assertEq(points.allowance(holder, other), type(uint256).max, "infinite allowance kept");
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        points.approve(address(0), 1);
    }

    // ================================================================ processor hooks

    function test_mint_onlyProcessor() public {
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotProcessor.selector, address(this)));
        points.mint(holder, 1);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotProcessor.selector, address(this)));
        points.burnForDiscount(holder, 1);
    }

    function test_burnForDiscount() public {
        _mintPoints(holder, 300e18);
        vm.prank(address(processor));
        assertEq(points.burnForDiscount(holder, 300e18), 3e18);
        assertEq(points.totalSupply(), 0);
    }

    function test_earnedOnSettledPayments() public {
        PaymentInfo memory p = _info(payer, cafe, 12.5e18, true);
        _pay3009(p);
        assertEq(points.balanceOf(payer), 12.5e18);
        assertEq(points.totalSupply(), 12.5e18);
    }

    // ================================================================ reserve

    function test_fundReserve() public {
        vm.startPrank(payer);
        pusd.approve(address(points), 5e18);
        vm.expectEmit(true, true, true, true, address(points));
        emit PayFiEvents.ReserveFunded(payer, 5e18);
        points.fundReserve(5e18);
        vm.stopPrank();
        assertEq(points.reserve(), 5e18);
        vm.expectRevert(PayFiErrors.ZeroAmount.selector);
        points.fundReserve(0);
    }

    function test_redeem_atPostedValue() public {
        _mintPoints(holder, 100e18);
        _fund(10e18);
        assertEq(points.liability(), 1e18);
        assertEq(points.reserveSurplus(), 9e18);
        vm.expectEmit(true, true, true, true, address(points));
        emit PayFiEvents.Redeemed(holder, other, 40e18, 0.4e18);
        vm.prank(holder);
        assertEq(points.redeem(40e18, other), 0.4e18);
        assertEq(pusd.balanceOf(other), 0.4e18);
        assertEq(points.balanceOf(holder), 60e18);
    }

    function test_redeem_shortReserve_proRata() public {
        _mintPoints(holder, 100e18);
        _mintPoints(other, 100e18);
        _fund(1e18); // liability 2 pUSD, reserve 1: everybody gets half
        assertEq(points.previewRedeem(100e18), 0.5e18);
        vm.prank(holder);
        points.redeem(100e18, holder);
        assertEq(points.previewRedeem(100e18), 0.5e18, "the second holder is not worse off");
    }

    function test_redeem_reverts() public {
        _mintPoints(holder, 100e18);
        vm.prank(holder);
        vm.expectRevert(PayFiErrors.NothingToRedeem.selector);
        points.redeem(100e18, holder);
        _fund(1e18);
        vm.prank(holder);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        points.redeem(100e18, address(0));
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, other, 0, 1e18));
        points.redeem(1e18, other);
        assertEq(points.previewRedeem(0), 0);
    }

    function test_withdrawReserve_onlySurplus() public {
        _mintPoints(holder, 100e18);
        _fund(3e18);
        vm.prank(cafe);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ExceedsSurplus.selector, 2.5e18, 2e18));
        points.withdrawReserve(2.5e18, cafe);
        vm.expectEmit(true, true, true, true, address(points));
        emit PayFiEvents.ReserveWithdrawn(cafe, 2e18);
        vm.prank(cafe);
        points.withdrawReserve(2e18, cafe);
        assertEq(points.reserve(), 1e18);
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchant.selector, holder));
        points.withdrawReserve(1, holder);
        vm.prank(cafe);
        vm.expectRevert(PayFiErrors.ZeroAddress.selector);
        points.withdrawReserve(0, address(0));
    }

    // ================================================================ posted value

    function test_setPointValue_increaseImmediate() public {
        vm.expectEmit(true, true, true, true, address(points));
        emit PayFiEvents.PointValueSet(0.02e18, block.timestamp);
        vm.prank(cafe);
        points.setPointValue(0.02e18);
        assertEq(points.pointValue(), 0.02e18);
    }

    function test_setPointValue_decreaseAfterNotice() public {
        _mintPoints(holder, 100e18);
        _fund(1e18);
        vm.prank(cafe);
        points.setPointValue(0.005e18);
        assertEq(points.pointValue(), 0.01e18, "old value until effective");
        (uint256 value, uint256 at) = points.pendingPointValue();
        assertEq(value, 0.005e18);
        assertEq(at, block.timestamp + 7 days);
        assertEq(points.reserveSurplus(), 0, "the merchant cannot pull the reserve before holders can react");
        vm.warp(block.timestamp + 7 days);
        assertEq(points.pointValue(), 0.005e18);
        assertEq(points.reserveSurplus(), 0.5e18);
        (value, at) = points.pendingPointValue();
        assertEq(value + at, 0);
        // a later increase overrides
        vm.prank(cafe);
        points.setPointValue(0.006e18);
        assertEq(points.pointValue(), 0.006e18);
    }

    function test_setPointValue_onlyMerchant() public {
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchant.selector, address(this)));
        points.setPointValue(1);
    }

    // ================================================================ expiry

    function test_expiry_endsTheProgram() public {
        _mintPoints(holder, 100e18);
        _fund(5e18);
        uint48 expiry = uint48(block.timestamp + 30 days);
        vm.expectEmit(true, true, true, true, address(points));
        emit PayFiEvents.ExpirySet(expiry);
        vm.prank(cafe);
        points.setExpiry(expiry);
        vm.warp(expiry);
        assertTrue(points.isExpired());
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ProgramExpired.selector, expiry));
        points.transfer(other, 1);
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ProgramExpired.selector, expiry));
        points.redeem(1e18, holder);
        vm.prank(address(processor));
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ProgramExpired.selector, expiry));
        points.burnForDiscount(holder, 1);
        // minting becomes a no-op, so payments keep working
        _pay3009(_info(payer, cafe, 10e18, true));
        assertEq(points.balanceOf(payer), 0);
        // the whole reserve returns to the merchant
        assertEq(points.liability(), 0);
        vm.prank(cafe);
        points.withdrawReserve(5e18, cafe);
        vm.prank(cafe);
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.ProgramExpired.selector, expiry));
        points.setExpiry(0);
    }

    function test_setExpiry_noticeAndExtensions() public {
        vm.startPrank(cafe);
        vm.expectRevert(
            abi.encodeWithSelector(
                PayFiErrors.InvalidExpiry.selector, block.timestamp + 29 days, block.timestamp + 30 days
            )
        );
        points.setExpiry(uint48(block.timestamp + 29 days));
        points.setExpiry(uint48(block.timestamp + 60 days));
        vm.warp(block.timestamp + 50 days);
        points.setExpiry(uint48(block.timestamp + 20 days)); // extension: allowed with less notice
        assertEq(points.expiresAt(), block.timestamp + 20 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                PayFiErrors.InvalidExpiry.selector, block.timestamp + 10 days, block.timestamp + 30 days
            )
        );
        points.setExpiry(uint48(block.timestamp + 10 days)); // shortening needs full notice
        points.setExpiry(0); // never
        assertEq(points.expiresAt(), 0);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(PayFiErrors.NotMerchant.selector, address(this)));
        points.setExpiry(0);
    }
}
