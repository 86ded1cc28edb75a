// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {KinkedRateModel} from "../../src/lending/KinkedRateModel.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The kinked borrow-rate curve, its supply rate and APY views.
contract KinkedRateModelTest is Test {
    uint256 internal constant YEAR = 365 days;
    uint256 internal constant BASE = uint256(0.01e18) / YEAR;
    uint256 internal constant SLOPE1 = uint256(0.04e18) / YEAR;
    uint256 internal constant SLOPE2 = uint256(0.75e18) / YEAR;
    uint256 internal constant KINK = 0.8e18;

    KinkedRateModel internal model;

    function setUp() public {
        model = new KinkedRateModel(BASE, SLOPE1, KINK, SLOPE2);
    }

    function test_constructor_setsParameters() public view {
        assertEq(model.baseRate(), BASE);
        assertEq(model.slope1(), SLOPE1);
        assertEq(model.kink(), KINK);
        assertEq(model.slope2(), SLOPE2);
    }

    function test_constructor_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidKink.selector, 0));
        new KinkedRateModel(BASE, SLOPE1, 0, SLOPE2);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidKink.selector, 1e18));
        new KinkedRateModel(BASE, SLOPE1, 1e18, SLOPE2);
        uint256 max = model.MAX_BORROW_RATE();
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.RateTooHigh.selector, max + 1));
        new KinkedRateModel(0, 0, KINK, max + 1);
        new KinkedRateModel(0, 0, KINK, max); // the bound itself is allowed
    }

    function test_borrowRateAt_points() public view {
        assertEq(model.borrowRateAt(0), BASE);
        assertEq(model.borrowRateAt(0.4e18), BASE + SLOPE1 / 2);
        assertEq(model.borrowRateAt(KINK), BASE + SLOPE1);
        assertEq(model.borrowRateAt(0.9e18), BASE + SLOPE1 + SLOPE2 / 2);
        assertEq(model.borrowRateAt(1e18), BASE + SLOPE1 + SLOPE2);
        assertEq(model.borrowRateAt(5e18), BASE + SLOPE1 + SLOPE2, "above 100% counts as 100%");
    }

    function test_utilization() public view {
        assertEq(model.utilization(0, 0), 0);
        assertEq(model.utilization(0, 5), 0);
        assertEq(model.utilization(100, 50), 0.5e18);
        assertEq(model.utilization(3, 1), 333_333_333_333_333_333, "rounded down");
        assertEq(model.utilization(100, 100), 1e18);
        assertEq(model.utilization(100, 150), 1e18);
        assertEq(model.borrowRate(100, 40), model.borrowRateAt(0.4e18));
    }

    function test_supplyRateAt() public view {
        uint256 u = 0.5e18;
        uint256 expected = model.borrowRateAt(u) * u / 1e18 * 9000 / 10_000;
        assertEq(model.supplyRateAt(u, 1000), expected);
        assertEq(model.supplyRateAt(0, 0), 0);
        assertEq(model.supplyRateAt(2e18, 0), model.borrowRateAt(1e18));
    }

    function test_apys() public view {
        // 5% APR (at the kink) compounds continuously to e^0.05 - 1 = 5.1271%
        uint256 apy = model.borrowAPY(KINK);
        assertApproxEqRel(apy, 0.051271096376024e18, 1e12);
        // supply: 5% × 80% × 90% = 3.6% APR -> 3.6656%
        assertApproxEqRel(model.supplyAPY(KINK, 1000), 0.036655846e18, 1e13);
        assertEq(model.borrowAPY(0), _expm1Reference(BASE * YEAR));
    }

    function testFuzz_borrowRate_monotoneAndBounded(uint256 a, uint256 b) public view {
        a = bound(a, 0, 1e18);
        b = bound(b, a, 1e18);
        assertLe(model.borrowRateAt(a), model.borrowRateAt(b));
        assertLe(model.borrowRateAt(b), BASE + SLOPE1 + SLOPE2);
        assertLe(model.supplyRateAt(b, 0), model.borrowRateAt(b));
    }

    function testFuzz_apy_atLeastApr(uint256 u) public view {
        u = bound(u, 0, 1e18);
        assertGe(model.borrowAPY(u), model.borrowRateAt(u) * YEAR);
    }

    /// @dev e^x − 1 by the Taylor series, written independently (terms computed from scratch).
    function _expm1Reference(uint256 x) internal pure returns (uint256 sum) {
        uint256 term = x;
        uint256 n = 1;
        while (term != 0) {
            sum += term;
            ++n;
            term = term * x / (n * 1e18);
        }
    }
}
