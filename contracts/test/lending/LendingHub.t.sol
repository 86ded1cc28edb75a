// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {LendingHub} from "../../src/lending/LendingHub.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {LendingEvents} from "../../src/lending/libraries/LendingEvents.sol";
import {LendingMath} from "../../src/lending/libraries/LendingMath.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {RwaErrors} from "../../src/rwa/libraries/RwaErrors.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {LendingBase} from "./LendingBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {stdError} from "forge-std/StdError.sol";

/// @notice Unit tests of the LendingHub: every external function's success path and each of its revert paths.
contract LendingHubTest is LendingBase {
    using LendingMath for uint256;

    // ============================================================================================ owner and roles

    function test_constructor_setsStateAndDefaults() public view {
        assertEq(address(hub.complianceRegistry()), address(registry));
        assertEq(hub.feeCollector(), address(collector));
        (uint16 rf, uint72 minLeftover) = hub.defaults();
        assertEq(rf, RESERVE_FACTOR);
        assertEq(minLeftover, MIN_LEFTOVER);
        assertEq(hub.owner(), admin);
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        new LendingHub(registry, address(0), 0, 0, admin);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        new LendingHub(IComplianceRegistry(address(0)), address(collector), 0, 0, admin);
    }

    function test_constructor_revertsOnReserveFactorTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidReserveFactor.selector, 5001));
        new LendingHub(registry, address(collector), 5001, 0, admin);
    }

    function test_setRateModelEnabled() public {
        address model = makeAddr("model");
        vm.expectEmit(address(hub));
        emit LendingEvents.RateModelEnabled(model, true);
        vm.prank(admin);
        hub.setRateModelEnabled(model, true);
        assertTrue(hub.isRateModelEnabled(model));
        vm.prank(admin);
        hub.setRateModelEnabled(model, false);
        assertFalse(hub.isRateModelEnabled(model));
    }

    function test_setRateModelEnabled_reverts() public {
        vm.prank(admin);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setRateModelEnabled(address(rateModel), true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setRateModelEnabled(address(rateModel), false);
    }

    function test_setLltvEnabled() public {
        vm.expectEmit(address(hub));
        emit LendingEvents.LltvEnabled(0.5e18, true);
        vm.prank(admin);
        hub.setLltvEnabled(0.5e18, true);
        assertTrue(hub.isLltvEnabled(0.5e18));
    }

    function test_setLltvEnabled_reverts() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidLltv.selector, 1e18));
        hub.setLltvEnabled(1e18, true);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setLltvEnabled(LLTV, true);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setLltvEnabled(0.5e18, true);
    }

    function test_setOracleEnabled() public {
        address oracle = makeAddr("oracle");
        vm.expectEmit(address(hub));
        emit LendingEvents.OracleEnabled(oracle, true);
        vm.prank(admin);
        hub.setOracleEnabled(oracle, true);
        assertTrue(hub.isOracleEnabled(oracle));
    }

    function test_setOracleEnabled_reverts() public {
        vm.prank(admin);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setOracleEnabled(address(adapter), true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setOracleEnabled(address(adapter), false);
    }

    function test_setFeeCollector() public {
        vm.expectEmit(address(hub));
        emit LendingEvents.FeeCollectorSet(treasury);
        vm.prank(admin);
        hub.setFeeCollector(treasury);
        assertEq(hub.feeCollector(), treasury);
    }

    function test_setFeeCollector_reverts() public {
        vm.prank(admin);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.setFeeCollector(address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setFeeCollector(treasury);
    }

    function test_setDefaults() public {
        vm.expectEmit(address(hub));
        emit LendingEvents.DefaultsSet(2000, 5e18);
        vm.prank(admin);
        hub.setDefaults(2000, 5e18);
        (uint16 rf, uint72 minLeftover) = hub.defaults();
        assertEq(rf, 2000);
        assertEq(minLeftover, 5e18);
    }

    function test_setDefaults_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidReserveFactor.selector, 5001));
        hub.setDefaults(5001, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setDefaults(0, 0);
    }

    function test_setRiskManagerAndGuardian() public {
        vm.startPrank(admin);
        vm.expectEmit(address(hub));
        emit LendingEvents.RiskManagerSet(stranger, true);
        hub.setRiskManager(stranger, true);
        vm.expectEmit(address(hub));
        emit LendingEvents.GuardianSet(stranger, true);
        hub.setGuardian(stranger, true);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setRiskManager(stranger, true);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setGuardian(stranger, true);
        vm.stopPrank();
        assertTrue(hub.isRiskManager(stranger));
        assertTrue(hub.isGuardian(stranger));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setGuardian(stranger, false);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        hub.setRiskManager(stranger, false);
    }

    function test_ownership_twoStepAndNoRenounce() public {
        vm.prank(admin);
        hub.transferOwnership(stranger);
        assertEq(hub.owner(), admin);
        vm.prank(stranger);
        hub.acceptOwnership();
        assertEq(hub.owner(), stranger);
        vm.prank(stranger);
        vm.expectRevert(LendingErrors.RenounceDisabled.selector);
        hub.renounceOwnership();
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, admin));
        hub.renounceOwnership();
    }

    // ============================================================================================ market config

    function test_setMarketConfig_accruesFirstAndSets() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 10_000e18);
        _borrow(borrower, 5000e18);
        skip(30 days);
        _setNav(NAV);
        (,, uint256 borrowBefore,) = _totals();
        vm.expectEmit(address(hub));
        emit LendingEvents.MarketConfigSet(id, 2000, 1e24, 5e23, 1e18);
        vm.prank(riskManager);
        hub.setMarketConfig(params, 2000, 1e24, 5e23, 1e18);
        (,, uint256 borrowAfter,) = _totals();
        assertGt(borrowAfter, borrowBefore, "interest accrued at the old factor first");
        (,,,, uint32 lastUpdate, uint16 rf,, uint72 minLeftover,) = hub.market(id);
        assertEq(lastUpdate, block.timestamp);
        assertEq(rf, 2000);
        assertEq(minLeftover, 1e18);
        (uint128 supplyCap, uint128 borrowCap) = hub.caps(id);
        assertEq(supplyCap, 1e24);
        assertEq(borrowCap, 5e23);
    }

    function test_setMarketConfig_reverts() public {
        vm.startPrank(riskManager);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidReserveFactor.selector, 5001));
        hub.setMarketConfig(params, 5001, 0, 0, 0);
        uint256 big = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidCap.selector, big));
        hub.setMarketConfig(params, 0, big, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidCap.selector, big));
        hub.setMarketConfig(params, 0, 0, big, 0);
        uint256 bigLeftover = uint256(type(uint72).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidMinLeftover.selector, bigLeftover));
        hub.setMarketConfig(params, 0, 0, 0, bigLeftover);
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.setMarketConfig(other, 0, 0, 0, 0);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotRiskManager.selector, stranger));
        hub.setMarketConfig(params, 0, 0, 0, 0);
    }

    function test_setPausedAndFrozen() public {
        vm.startPrank(guardian);
        vm.expectEmit(address(hub));
        emit LendingEvents.PausedSet(id, true, guardian);
        hub.setPaused(id, true);
        vm.expectEmit(address(hub));
        emit LendingEvents.FrozenSet(id, true, guardian);
        hub.setFrozen(id, true);
        (,,,,,, uint8 flags,,) = hub.market(id);
        assertEq(flags & 3, 3);
        hub.setPaused(id, false);
        hub.setFrozen(id, false);
        (,,,,,, flags,,) = hub.market(id);
        assertEq(flags & 3, 0);
        vm.stopPrank();
    }

    function test_setPausedAndFrozen_reverts() public {
        vm.startPrank(guardian);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setPaused(id, false);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setFrozen(id, false);
        Id missing = Id.wrap(keccak256("missing"));
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, missing));
        hub.setPaused(missing, true);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, missing));
        hub.setFrozen(missing, true);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotGuardian.selector, stranger));
        hub.setPaused(id, true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotGuardian.selector, stranger));
        hub.setFrozen(id, true);
    }

    // ============================================================================================ createMarket

    function test_createMarket_incomeBearingRwa() public view {
        (,,,, uint32 lastUpdate, uint16 rf, uint8 flags, uint72 minLeftover,) = hub.market(id);
        assertEq(lastUpdate, block.timestamp);
        assertEq(rf, RESERVE_FACTOR);
        assertEq(minLeftover, MIN_LEFTOVER);
        assertEq(flags, 4 | 8, "income-bearing, income token is the loan token");
        (uint128 supplyCap, uint128 borrowCap) = hub.caps(id);
        assertEq(supplyCap, type(uint128).max);
        assertEq(borrowCap, type(uint128).max);
        (address loanToken, address collateralToken, address oracle, address model, uint256 lltv, bytes32 policy) =
            hub.idToMarketParams(id);
        assertEq(loanToken, address(pusd));
        assertEq(collateralToken, address(rwa));
        assertEq(oracle, address(adapter));
        assertEq(model, address(rateModel));
        assertEq(lltv, LLTV);
        assertEq(policy, POLICY);
        (address incomeToken,) = hub.incomeAccount(address(rwa));
        assertEq(incomeToken, address(pusd));
        assertEq(Id.unwrap(id), keccak256(abi.encode(params)));
    }

    function test_createMarket_plainCollateralAndEvent() public {
        TestERC20 plain = new TestERC20("Plain", "PLN", 18);
        MarketParams memory p = params;
        p.collateralToken = address(plain);
        p.policyId = bytes32(0);
        Id expected = _idOf(p);
        vm.expectEmit(address(hub));
        emit LendingEvents.CreateMarket(expected, p, stranger, false, RESERVE_FACTOR, MIN_LEFTOVER);
        vm.prank(stranger);
        Id created = hub.createMarket(p);
        assertEq(Id.unwrap(created), Id.unwrap(expected));
        (,,,,,, uint8 flags,,) = hub.market(created);
        assertEq(flags, 0);
    }

    function test_createMarket_incomeInAnotherToken_cannotAutoRepay() public {
        TestERC20 otherLoan = new TestERC20("Other", "OTH", 18);
        MarketParams memory p = params;
        p.loanToken = address(otherLoan);
        Id other = hub.createMarket(p);
        (,,,,,, uint8 flags,,) = hub.market(other);
        assertEq(flags, 4, "income-bearing, but its income token is not the loan token");
    }

    function test_createMarket_reverts() public {
        MarketParams memory p = params;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketAlreadyCreated.selector, id));
        hub.createMarket(p);

        p = params;
        p.loanToken = address(0);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.createMarket(p);
        p = params;
        p.collateralToken = address(0);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.createMarket(p);

        p = params;
        p.rateModel = makeAddr("unknown model");
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.RateModelNotEnabled.selector, p.rateModel));
        hub.createMarket(p);

        p = params;
        p.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.LltvNotEnabled.selector, 0.5e18));
        hub.createMarket(p);

        p = params;
        p.oracle = makeAddr("unknown oracle");
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.OracleNotEnabled.selector, p.oracle));
        hub.createMarket(p);
    }

    // ============================================================================================ supply

    function test_supply_byAssets() public {
        _pusdTo(lender, 1000e18);
        vm.expectEmit(address(hub));
        emit LendingEvents.Supply(id, lender, lender, 1000e18, 1000e18 * 1e6);
        vm.prank(lender);
        (uint256 assets, uint256 shares) = hub.supply(params, 1000e18, 0, lender);
        assertEq(assets, 1000e18);
        assertEq(shares, 1000e18 * 1e6, "1e6 virtual shares per asset in an empty market");
        assertEq(_supplyShares(lender), shares);
        assertEq(pusd.balanceOf(address(hub)), 1000e18);
        (uint256 sa, uint256 ss,,) = _totals();
        assertEq(sa, 1000e18);
        assertEq(ss, shares);
    }

    function test_supply_bySharesOnBehalf() public {
        _pusdTo(lender, 1000e18);
        vm.prank(lender);
        (uint256 assets, uint256 shares) = hub.supply(params, 0, 500e24, borrower);
        assertEq(shares, 500e24);
        assertEq(assets, 500e18);
        assertEq(_supplyShares(borrower), 500e24);
        assertEq(_supplyShares(lender), 0);
    }

    function test_supply_reverts() public {
        _pusdTo(lender, 1000e18);
        vm.startPrank(lender);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.supply(params, 0, 0, lender);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.supply(params, 1, 1, lender);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.supply(params, 1, 0, address(0));
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.supply(other, 1, 0, lender);
        vm.stopPrank();

        vm.prank(riskManager);
        hub.setMarketConfig(params, RESERVE_FACTOR, 600e18, type(uint128).max, MIN_LEFTOVER);
        vm.prank(lender);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.SupplyCapExceeded.selector, id, 1000e18, 600e18));
        hub.supply(params, 1000e18, 0, lender);

        vm.prank(guardian);
        hub.setPaused(id, true);
        vm.prank(lender);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketPaused.selector, id));
        hub.supply(params, 1e18, 0, lender);
    }

    function testFuzz_supply_sharesRoundDown(uint256 first, uint256 second, uint256 elapsed) public {
        first = bound(first, 1000e18, 1e27);
        second = bound(second, 1, 1e27);
        elapsed = bound(elapsed, 0, 365 days);
        _supply(lender, first);
        _supplyCollateral(borrower, first * 2);
        _borrow(borrower, first / 2);
        skip(elapsed);
        _setNav(NAV);
        hub.accrueInterest(params);
        (uint256 sa, uint256 ss,,) = _totals();
        _pusdTo(stranger, second);
        vm.prank(stranger);
        (, uint256 shares) = hub.supply(params, second, 0, stranger);
        assertEq(shares, second * (ss + 1e6) / (sa + 1));
        // the new shares are never worth more than what was paid
        (sa, ss,,) = _totals();
        assertLe(shares.toAssetsDown(sa, ss), second);
    }

    // ============================================================================================ withdraw

    function test_withdraw_byAssetsAndShares() public {
        _supply(lender, 1000e18);
        vm.expectEmit(address(hub));
        emit LendingEvents.Withdraw(id, lender, lender, stranger, 400e18, 400e24);
        vm.prank(lender);
        (uint256 assets, uint256 shares) = hub.withdraw(params, 400e18, 0, lender, stranger);
        assertEq(assets, 400e18);
        assertEq(shares, 400e24);
        assertEq(pusd.balanceOf(stranger), 400e18);
        uint256 rest = _supplyShares(lender);
        vm.prank(lender);
        (assets,) = hub.withdraw(params, 0, rest, lender, lender);
        assertEq(assets, 600e18);
        assertEq(_supplyShares(lender), 0);
    }

    function test_withdraw_byAuthorizedManager_andWhilePaused() public {
        _supply(lender, 1000e18);
        vm.prank(lender);
        hub.setAuthorization(stranger, true);
        vm.prank(guardian);
        hub.setPaused(id, true);
        vm.prank(stranger);
        hub.withdraw(params, 100e18, 0, lender, stranger);
        assertEq(pusd.balanceOf(stranger), 100e18);
    }

    function test_withdraw_reverts() public {
        _supply(lender, 1000e18);
        _supplyCollateral(borrower, 2000e18);
        _borrow(borrower, 800e18);
        vm.startPrank(lender);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.withdraw(params, 0, 0, lender, lender);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.withdraw(params, 1, 1, lender, lender);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.withdraw(params, 1, 0, lender, address(0));
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientLiquidity.selector, id));
        hub.withdraw(params, 300e18, 0, lender, lender);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.Unauthorized.selector, stranger, lender));
        hub.withdraw(params, 1e18, 0, lender, stranger);
        // more than the position: arithmetic underflow
        vm.prank(borrower);
        vm.expectRevert(stdError.arithmeticError);
        hub.withdraw(params, 1e18, 0, borrower, borrower);
    }

    // ============================================================================================ collateral

    function test_supplyCollateral() public {
        _rwaTo(borrower, 1000e18);
        vm.expectEmit(address(hub));
        emit LendingEvents.SupplyCollateral(id, borrower, borrower, 1000e18);
        vm.prank(borrower);
        hub.supplyCollateral(params, 1000e18, borrower);
        assertEq(_collateral(borrower), 1000e18);
        assertEq(rwa.balanceOf(address(hub)), 1000e18);
    }

    function test_supplyCollateral_reverts() public {
        _rwaTo(borrower, 1000e18);
        vm.startPrank(borrower);
        vm.expectRevert(LendingErrors.ZeroAssets.selector);
        hub.supplyCollateral(params, 0, borrower);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.supplyCollateral(params, 1, address(0));
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.supplyCollateral(other, 1, borrower);
        vm.stopPrank();
        vm.prank(guardian);
        hub.setPaused(id, true);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketPaused.selector, id));
        hub.supplyCollateral(params, 1, borrower);
    }

    function test_supplyCollateral_permissionedTokenRefusesNonAllowedSender() public {
        _rwaTo(borrower, 1000e18);
        // the borrower's KYC lapses: the share itself refuses to move from it
        _kycWith(borrower, 1, "FR", 0);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.NotAllowed.selector, POLICY, borrower));
        hub.supplyCollateral(params, 1000e18, borrower);
    }

    function test_withdrawCollateral_noDebt_evenWhenPausedOrPriceStale() public {
        _supplyCollateral(borrower, 1000e18);
        vm.prank(guardian);
        hub.setPaused(id, true);
        skip(2 days); // the feed is stale now
        vm.expectEmit(address(hub));
        emit LendingEvents.WithdrawCollateral(id, borrower, borrower, borrower, 400e18);
        vm.prank(borrower);
        hub.withdrawCollateral(params, 400e18, borrower, borrower);
        assertEq(_collateral(borrower), 600e18);
        assertEq(rwa.balanceOf(borrower), 400e18);
    }

    function test_withdrawCollateral_withDebt_healthy() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 500e18);
        vm.prank(borrower);
        hub.withdrawCollateral(params, 300e18, borrower, borrower);
        assertEq(_collateral(borrower), 700e18);
    }

    function test_withdrawCollateral_reverts() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 500e18);
        vm.startPrank(borrower);
        vm.expectRevert(LendingErrors.ZeroAssets.selector);
        hub.withdrawCollateral(params, 0, borrower, borrower);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.withdrawCollateral(params, 1, borrower, address(0));
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientCollateral.selector, id, borrower));
        hub.withdrawCollateral(params, 400e18, borrower, borrower);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.Unauthorized.selector, stranger, borrower));
        hub.withdrawCollateral(params, 1, borrower, stranger);

        vm.prank(guardian);
        hub.setPaused(id, true);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketPaused.selector, id));
        hub.withdrawCollateral(params, 1, borrower, borrower);
        vm.prank(guardian);
        hub.setPaused(id, false);

        uint256 updatedAt = block.timestamp;
        skip(1 days + 1);
        vm.prank(borrower);
        vm.expectRevert(
            abi.encodeWithSelector(
                LendingErrors.PriceUnavailable.selector,
                id,
                address(adapter),
                abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, feedId, updatedAt, 1 days)
            )
        );
        hub.withdrawCollateral(params, 1, borrower, borrower);
    }

    function test_withdrawCollateral_toNonAllowedReceiver_refusedByToken() public {
        _supplyCollateral(borrower, 1000e18);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.NotAllowed.selector, POLICY, stranger));
        hub.withdrawCollateral(params, 1, borrower, stranger);
    }

    // ============================================================================================ borrow

    function test_borrow() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        vm.expectEmit(address(hub));
        emit LendingEvents.Borrow(id, borrower, borrower, stranger, 500e18, 500e24);
        vm.prank(borrower);
        (uint256 assets, uint256 shares) = hub.borrow(params, 500e18, 0, borrower, stranger);
        assertEq(assets, 500e18);
        assertEq(shares, 500e24);
        assertEq(pusd.balanceOf(stranger), 500e18);
        assertEq(_borrowShares(borrower), 500e24);
        (,, uint256 ba, uint256 bs) = _totals();
        assertEq(ba, 500e18);
        assertEq(bs, 500e24);
    }

    function test_borrow_byShares_upToLltv() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        vm.prank(borrower);
        (uint256 assets,) = hub.borrow(params, 0, 800e24, borrower, borrower);
        assertEq(assets, 800e18, "exactly at the LLTV is allowed");
    }

    function test_borrow_byAuthorizedManager() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        vm.prank(borrower);
        hub.setAuthorization(stranger, true);
        vm.prank(stranger);
        hub.borrow(params, 100e18, 0, borrower, stranger);
        assertEq(pusd.balanceOf(stranger), 100e18);
    }

    function test_borrow_reverts_inputsAndAuth() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        vm.startPrank(borrower);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.borrow(params, 0, 0, borrower, borrower);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.borrow(params, 1, 1, borrower, borrower);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.borrow(params, 1, 0, borrower, address(0));
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.Unauthorized.selector, stranger, borrower));
        hub.borrow(params, 100e18, 0, borrower, stranger);
    }

    function test_borrow_reverts_pausedFrozen() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        vm.prank(guardian);
        hub.setFrozen(id, true);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketFrozen.selector, id));
        hub.borrow(params, 100e18, 0, borrower, borrower);
        vm.prank(guardian);
        hub.setPaused(id, true);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketPaused.selector, id));
        hub.borrow(params, 100e18, 0, borrower, borrower);
    }

    function test_borrow_reverts_policy() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        // the borrower's record expires: it no longer passes the market's policy
        vm.warp(block.timestamp + 3651 days);
        _setNav(NAV);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotAllowed.selector, POLICY, borrower));
        hub.borrow(params, 100e18, 0, borrower, borrower);
    }

    function test_borrow_reverts_capsLiquidityDustCollateral() public {
        _supply(lender, 1000e18);
        _supplyCollateral(borrower, 10_000e18);
        vm.prank(riskManager);
        hub.setMarketConfig(params, RESERVE_FACTOR, type(uint128).max, 700e18, MIN_LEFTOVER);
        vm.startPrank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.BorrowCapExceeded.selector, id, 800e18, 700e18));
        hub.borrow(params, 800e18, 0, borrower, borrower);
        vm.stopPrank();
        vm.prank(riskManager);
        hub.setMarketConfig(params, RESERVE_FACTOR, type(uint128).max, type(uint128).max, MIN_LEFTOVER);
        vm.startPrank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientLiquidity.selector, id));
        hub.borrow(params, 1001e18, 0, borrower, borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.DustLeft.selector, id, 99e18, 0, MIN_LEFTOVER));
        hub.borrow(params, 99e18, 0, borrower, borrower);
        vm.stopPrank();

        _supplyCollateral(liquidator, 200e18);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientCollateral.selector, id, liquidator));
        hub.borrow(params, 161e18, 0, liquidator, liquidator);
    }

    function test_borrow_reverts_priceUnavailable_frozenFeed() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        // a 50% jump freezes the feed until a guardian decides
        uint256 round = navOracle.currentRound(feedId);
        for (uint256 i; i < 3; ++i) {
            vm.prank(reporters[i]);
            navOracle.submit(feedId, round, 2e18);
        }
        vm.prank(borrower);
        vm.expectRevert(
            abi.encodeWithSelector(
                LendingErrors.PriceUnavailable.selector,
                id,
                address(adapter),
                abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, feedId)
            )
        );
        hub.borrow(params, 100e18, 0, borrower, borrower);
    }

    function test_borrow_creditTieredMarket() public {
        bytes32 tier = keccak256("MERCHANT_TIER_A");
        vm.prank(admin);
        registry.setPolicy(tier, 1, 700, new bytes2[](0));
        MarketParams memory p = params;
        p.policyId = tier;
        hub.createMarket(p);
        _pusdTo(lender, 10_000e18);
        vm.prank(lender);
        hub.supply(p, 10_000e18, 0, lender);
        _rwaTo(borrower, 1000e18);
        vm.prank(borrower);
        hub.supplyCollateral(p, 1000e18, borrower);
        // credit score 0 < 700
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.NotAllowed.selector, tier, borrower));
        hub.borrow(p, 100e18, 0, borrower, borrower);
        _kycWith(borrower, 2, "FR", 750);
        vm.prank(borrower);
        hub.borrow(p, 100e18, 0, borrower, borrower);
        assertEq(pusd.balanceOf(borrower), 100e18);
    }

    function test_borrow_openMarket_noRegistryCall() public {
        MarketParams memory p = params;
        p.policyId = bytes32(0);
        hub.createMarket(p);
        _pusdTo(lender, 10_000e18);
        vm.prank(lender);
        hub.supply(p, 10_000e18, 0, lender);
        _rwaTo(borrower, 1000e18);
        vm.prank(borrower);
        hub.supplyCollateral(p, 1000e18, borrower);
        vm.expectCall(address(registry), abi.encodeWithSignature("isAllowed(bytes32,address)"), 0);
        vm.prank(borrower);
        hub.borrow(p, 100e18, 0, borrower, borrower);
    }

    // ============================================================================================ repay

    function test_repay_partialAndFull() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 500e18);
        skip(30 days);
        _pusdTo(borrower, 100e18);
        vm.expectEmit(true, true, true, false, address(hub));
        emit LendingEvents.Repay(id, borrower, borrower, 100e18, 0);
        vm.prank(borrower);
        (uint256 assets, uint256 shares) = hub.repay(params, 100e18, 0, borrower);
        assertEq(assets, 100e18);
        assertLt(shares, 100e24, "interest accrued: fewer shares per asset");
        uint256 rest = _borrowShares(borrower);
        vm.prank(borrower);
        (assets,) = hub.repay(params, 0, rest, borrower);
        assertGt(assets, 400e18);
        assertEq(_borrowShares(borrower), 0);
        (,, uint256 ba, uint256 bs) = _totals();
        assertEq(ba, 0);
        assertEq(bs, 0);
    }

    function test_repay_byAnyoneOnBehalf_whilePausedAndFrozen() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 500e18);
        vm.startPrank(guardian);
        hub.setPaused(id, true);
        hub.setFrozen(id, true);
        vm.stopPrank();
        _pusdTo(stranger, 500e18);
        vm.prank(stranger);
        hub.repay(params, 0, 500e24, borrower);
        assertEq(_borrowShares(borrower), 0);
    }

    function test_repay_reverts() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 500e18);
        _pusdTo(borrower, 1000e18);
        vm.startPrank(borrower);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.repay(params, 0, 0, borrower);
        vm.expectRevert(LendingErrors.InconsistentInput.selector);
        hub.repay(params, 1, 1, borrower);
        vm.expectRevert(LendingErrors.ZeroAddress.selector);
        hub.repay(params, 1, 0, address(0));
        // more than the debt: arithmetic underflow
        vm.expectRevert(stdError.arithmeticError);
        hub.repay(params, 0, 501e24, borrower);
        vm.stopPrank();
    }

    // ============================================================================================ interest and reserves

    function test_accrueInterest_taylorAndReserve() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 20_000e18);
        _borrow(borrower, 8000e18);
        skip(10 days);
        (uint256 sa, uint256 ss, uint256 ba,) = _totals();
        uint256 rate = rateModel.borrowRate(sa, ba);
        uint256 interest = ba.wMulDown(LendingMath.wTaylorCompounded(rate, 10 days));
        uint256 fee = interest * RESERVE_FACTOR / 10_000;
        uint256 feeShares = fee.toSharesDown(sa + interest - fee, ss);
        vm.expectEmit(address(hub));
        emit LendingEvents.AccrueInterest(id, rate, interest, feeShares);
        hub.accrueInterest(params);
        (uint256 sa2, uint256 ss2, uint256 ba2,) = _totals();
        assertEq(ba2, ba + interest);
        assertEq(sa2, sa + interest);
        assertEq(ss2, ss + feeShares);
        (,,,,,,,, uint128 reserveShares) = hub.market(id);
        assertEq(reserveShares, feeShares);
        // second call in the same block: nothing
        hub.accrueInterest(params);
        (,, uint256 ba3,) = _totals();
        assertEq(ba3, ba2);
    }

    function test_accrueInterest_revertsForMissingMarket() public {
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.accrueInterest(other);
    }

    function testFuzz_accrueInterest_matchesFormula(uint256 borrowed, uint256 elapsed) public {
        borrowed = bound(borrowed, 100e18, 9000e18);
        elapsed = bound(elapsed, 1, 5 * 365 days);
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 20_000e18);
        _borrow(borrower, borrowed);
        (uint256 sa,, uint256 ba,) = _totals();
        skip(elapsed);
        hub.accrueInterest(params);
        uint256 rate = rateModel.borrowRate(sa, ba);
        uint256 x = rate * elapsed;
        uint256 expected = ba * (x + x * x / 2e18 + (x * x / 2e18) * x / 3e18) / 1e18;
        (uint256 sa2,, uint256 ba2,) = _totals();
        assertEq(ba2 - ba, expected);
        assertEq(sa2 - sa, expected);
    }

    function test_claimReserves_paysCollector() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 20_000e18);
        _borrow(borrower, 8000e18);
        skip(365 days);
        _setNav(NAV);
        hub.accrueInterest(params);
        (uint256 sa, uint256 ss,,) = _totals();
        (,,,,,,,, uint128 reserveShares) = hub.market(id);
        uint256 expected = uint256(reserveShares).toAssetsDown(sa, ss);
        assertGt(expected, 0);
        vm.expectEmit(address(hub));
        emit LendingEvents.ReservesClaimed(id, address(collector), expected, reserveShares);
        uint256 paid = hub.claimReserves(params);
        assertEq(paid, expected);
        assertEq(pusd.balanceOf(address(collector)), expected);
        (,,,,,,,, reserveShares) = hub.market(id);
        assertEq(reserveShares, 0);
        assertEq(hub.claimReserves(params), 0, "nothing left");
    }

    function test_claimReserves_limitedByLiquidity() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 20_000e18);
        _borrow(borrower, 8000e18);
        skip(365 days);
        _setNav(NAV);
        hub.accrueInterest(params);
        // the borrower borrows everything left (the market stays healthy at 80% of 20,000)
        (uint256 sa,, uint256 ba,) = _totals();
        _borrow(borrower, sa - ba - 1e18);
        (,,,,,,,, uint128 reserveBefore) = hub.market(id);
        uint256 paid = hub.claimReserves(params);
        assertLe(paid, 1e18 + 1);
        (,,,,,,,, uint128 reserveAfter) = hub.market(id);
        assertGt(reserveAfter, 0, "the rest stays as reserve shares");
        assertLt(reserveAfter, reserveBefore);
        (sa,, ba,) = _totals();
        assertGe(sa, ba);
    }

    function test_claimReservesAndApplyIncome_revertForMissingMarket() public {
        MarketParams memory other = params;
        other.lltv = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.claimReserves(other);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.applyIncome(other, borrower);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.MarketNotCreated.selector, _idOf(other)));
        hub.claimCollateralIncome(other, borrower, borrower);
    }

    /// @dev For any enabled LLTV and any price, a borrower can borrow exactly `collateral × price × lltv` and not
    /// one wei more.
    function testFuzz_borrowUpToLltv(uint256 lltv, uint256 collateral, uint256 priceBps) public {
        lltv = bound(lltv, 0.01e18, 0.99e18);
        collateral = bound(collateral, 1000e18, 1_000_000e18);
        uint256 price = uint256(1e36) * bound(priceBps, 100, 100_000) / 10_000;
        uint256 maxDebt = collateral.mulDivDown(price, 1e36).wMulDown(lltv);
        vm.assume(maxDebt >= MIN_LEFTOVER);
        (MarketParams memory p,) = _fixedPriceMarket(price);
        if (lltv != LLTV) {
            vm.prank(admin);
            hub.setLltvEnabled(lltv, true);
            p.lltv = lltv;
            hub.createMarket(p);
        }
        _pusdTo(lender, 100_000_000e18);
        vm.prank(lender);
        hub.supply(p, 100_000_000e18, 0, lender);
        _rwaTo(borrower, collateral);
        vm.prank(borrower);
        hub.supplyCollateral(p, collateral, borrower);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientCollateral.selector, _idOf(p), borrower));
        hub.borrow(p, maxDebt + 1, 0, borrower, borrower);
        vm.prank(borrower);
        hub.borrow(p, maxDebt, 0, borrower, borrower);
        assertEq(pusd.balanceOf(borrower), maxDebt);
    }

    // ============================================================================================ authorizations

    function test_setAuthorization() public {
        vm.expectEmit(address(hub));
        emit LendingEvents.SetAuthorization(borrower, borrower, stranger, true);
        vm.prank(borrower);
        hub.setAuthorization(stranger, true);
        assertTrue(hub.isAuthorized(borrower, stranger));
        vm.prank(borrower);
        vm.expectRevert(LendingErrors.AlreadySet.selector);
        hub.setAuthorization(stranger, true);
        vm.prank(borrower);
        hub.setAuthorization(stranger, false);
        assertFalse(hub.isAuthorized(borrower, stranger));
    }

    // ============================================================================================ flash loans

    function test_flashLoan_freeAndUsableInCallback() public {
        _supply(lender, 10_000e18);
        FlashUser user = new FlashUser(hub, params);
        _pusdTo(address(user), 1e18);
        vm.expectEmit(address(hub));
        emit LendingEvents.FlashLoan(address(user), address(pusd), 5000e18);
        user.run(address(pusd), 5000e18);
        assertEq(user.seen(), 5001e18);
        assertEq(pusd.balanceOf(address(hub)), 10_000e18 + 1e18, "the callback supplied 1 pUSD, nothing was charged");
    }

    function test_flashLoan_reverts() public {
        FlashUser user = new FlashUser(hub, params);
        vm.expectRevert(LendingErrors.ZeroAssets.selector);
        user.run(address(pusd), 0);
        _supply(lender, 10_000e18);
        user.setKeep(true);
        // the hub cannot pull the assets back
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(hub), 0, 5000e18)
        );
        user.run(address(pusd), 5000e18);
    }

    // ============================================================================================ helpers

    function _idOf(MarketParams memory p) internal pure returns (Id) {
        return Id.wrap(keccak256(abi.encode(p)));
    }
}

/// @notice Flash borrower that uses the hub inside its callback (supplies 1 pUSD of its own, so the balance seen in
/// the callback is the loan plus 1 pUSD) and returns the loan, or keeps it when told to.
contract FlashUser {
    LendingHub internal immutable hub;
    MarketParams internal params;
    uint256 public seen;
    bool internal keep;

    constructor(LendingHub hub_, MarketParams memory params_) {
        hub = hub_;
        params = params_;
    }

    function setKeep(bool keep_) external {
        keep = keep_;
    }

    function run(address token, uint256 assets) external {
        hub.flashLoan(token, assets, abi.encode(uint256(42)));
    }

    function onFlashLoan(address token, uint256 assets, bytes calldata data) external {
        require(msg.sender == address(hub) && abi.decode(data, (uint256)) == 42, "bad callback");
        seen = IERC20(token).balanceOf(address(this));
        if (keep) return;
        IERC20(token).approve(address(hub), type(uint256).max);
        // re-entering the hub from the callback is allowed (its other entry points guard themselves)
        hub.supply(params, 1e18, 0, address(this));
        require(IERC20(token).balanceOf(address(this)) == assets, "balance");
    }
}
