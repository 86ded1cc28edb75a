// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {KinkedRateModel} from "../../src/lending/KinkedRateModel.sol";
import {LendingHub} from "../../src/lending/LendingHub.sol";
import {LendingBase} from "../lending/LendingBase.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {MorphoMockERC20} from "../utils/MorphoMockERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Morpho Blue's gas scenario (shared/reference/lending-anchors.md §3.2), step by step: background lender and
/// borrower, 1,200 s (and 101 blocks) before each measured operation, first vs recurrent. Each measured call is its
/// own transaction (isolate mode), so figures include the 21,000 intrinsic gas and calldata.
abstract contract LendingScenario is Test {
    address internal alice = makeAddr("alice"); // the measured lender/borrower
    address internal bob = makeAddr("bob"); // background lender and borrower
    address internal carol = makeAddr("carol"); // second borrower (repay_full)
    address internal dave = makeAddr("dave"); // liquidator

    function _hub() internal view virtual returns (LendingHub);
    function _params() internal view virtual returns (MarketParams memory);
    function _group() internal pure virtual returns (string memory);
    /// @dev Collateral price in loan units per collateral unit, WAD (1e18 = 1:1).
    function _setPrice(uint256 priceWad) internal virtual;
    /// @dev Gives `account` 1e27 of both tokens, approved to the hub.
    function _prepare(address account) internal virtual;

    function _skip() internal {
        vm.warp(block.timestamp + 1200);
        vm.roll(block.number + 101);
    }

    function _background() internal {
        _prepare(alice);
        _prepare(bob);
        _prepare(carol);
        _prepare(dave);
        LendingHub hub = _hub();
        MarketParams memory p = _params();
        vm.startPrank(bob);
        hub.supply(p, 1_000_000e18, 0, bob);
        hub.supplyCollateral(p, 1_000_000e18, bob);
        hub.borrow(p, 100_000e18, 0, bob, bob);
        vm.stopPrank();
        _skip();
    }

    function test_gas_scenario() public {
        LendingHub hub = _hub();
        MarketParams memory p = _params();
        string memory group = _group();

        vm.prank(alice);
        hub.supply(p, 1000e18, 0, alice);
        vm.snapshotGasLastCall(group, "supply_first");
        _skip();
        vm.prank(alice);
        hub.supply(p, 1000e18, 0, alice);
        vm.snapshotGasLastCall(group, "supply");

        vm.prank(alice);
        hub.supplyCollateral(p, 1000e18, alice);
        vm.snapshotGasLastCall(group, "supplyCollateral_first");
        vm.prank(alice);
        hub.supplyCollateral(p, 1000e18, alice);
        vm.snapshotGasLastCall(group, "supplyCollateral");

        _skip();
        vm.prank(alice);
        hub.borrow(p, 1000e18, 0, alice, alice);
        vm.snapshotGasLastCall(group, "borrow_first");
        _skip();
        vm.prank(alice);
        hub.borrow(p, 100e18, 0, alice, alice);
        vm.snapshotGasLastCall(group, "borrow");

        _skip();
        vm.prank(alice);
        hub.repay(p, 100e18, 0, alice);
        vm.snapshotGasLastCall(group, "repay_partial");

        _skip();
        vm.prank(alice);
        hub.withdraw(p, 100e18, 0, alice, alice);
        vm.snapshotGasLastCall(group, "withdraw_partial");
        _skip();
        Id id = Id.wrap(keccak256(abi.encode(p)));
        (uint256 shares,,) = hub.position(id, alice);
        vm.prank(alice);
        hub.withdraw(p, 0, shares, alice, alice);
        vm.snapshotGasLastCall(group, "withdraw_full");

        vm.prank(alice);
        hub.withdrawCollateral(p, 100e18, alice, alice);
        vm.snapshotGasLastCall(group, "withdrawCollateral");

        vm.startPrank(carol);
        hub.supplyCollateral(p, 1000e18, carol);
        hub.borrow(p, 500e18, 0, carol, carol);
        vm.stopPrank();
        _skip();
        (, uint256 carolShares,) = hub.position(id, carol);
        vm.prank(carol);
        hub.repay(p, 0, carolShares, carol);
        vm.snapshotGasLastCall(group, "repay_full");

        _setPrice(0.5e18);
        vm.prank(dave);
        hub.liquidate(p, alice, 100e18, 0, dave);
        vm.snapshotGasLastCall(group, "liquidate_partial");

        _setPrice(0.1e18);
        (,, uint256 collateral) = hub.position(id, alice);
        vm.prank(dave);
        hub.liquidate(p, alice, collateral, 0, dave);
        vm.snapshotGasLastCall(group, "liquidate_full");
        (, uint256 left,) = hub.position(id, alice);
        assertEq(left, 0, "bad debt realized");
    }
}

/// @notice The official scenario: real pUSD (UUPS proxy, blocklist in the balance word), a real RwaShareToken
/// collateral (two registry policy checks and income bookkeeping per transfer, an income stream running), the price
/// from a NavOracle feed through a NavFeedAdapter, the market gated by a KYC policy in the ComplianceRegistry, a 10%
/// reserve factor and caps set. Written to snapshots/LendingHub.json.
/// forge-config: default.isolate = true
contract LendingHubGasTest is LendingBase, LendingScenario {
    function setUp() public override {
        super.setUp();
        vm.prank(riskManager);
        hub.setMarketConfig(params, RESERVE_FACTOR, 100_000_000e18, 50_000_000e18, MIN_LEFTOVER);
        // the share already has holders and a running income stream; accounts acquire their shares while income
        // streams (as every holder after the first distribution does), so their income corrections are non-zero
        address holder = makeAddr("existing holder");
        _kyc(holder);
        _rwaTo(holder, 10_000_000e18);
        _depositIncome(100_000e18);
        vm.warp(block.timestamp + 1 days);
        _setNav(NAV);
        _background();
    }

    function _hub() internal view override returns (LendingHub) {
        return hub;
    }

    function _params() internal view override returns (MarketParams memory) {
        return params;
    }

    function _group() internal pure override returns (string memory) {
        return "LendingHub";
    }

    function _setPrice(uint256 priceWad) internal override {
        _setNav(priceWad);
    }

    function _prepare(address account) internal override {
        _kyc(account);
        _pusdTo(account, 1e27);
        _rwaTo(account, 1e27);
    }
}

/// @notice The same scenario with what Morpho Blue was measured with: plain mock ERC-20s, a fixed-price oracle, an
/// open market (no policy), no reserve factor and no caps. Informational: the difference with LendingHub.json is what
/// the real tokens, oracle and compliance cost. Written to snapshots/LendingHub-plainTokens.json.
/// forge-config: default.isolate = true
contract LendingHubPlainGasTest is LendingScenario {
    LendingHub internal hub;
    MorphoMockERC20 internal loan;
    MorphoMockERC20 internal collateralToken;
    FixedPriceOracle internal oracle;
    MarketParams internal params;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        loan = new MorphoMockERC20(18);
        collateralToken = new MorphoMockERC20(18);
        oracle = new FixedPriceOracle(1e36);
        KinkedRateModel model = new KinkedRateModel(0, uint256(0.04e18) / 365 days, 0.8e18, uint256(0.6e18) / 365 days);
        // an open market never calls the registry
        hub = new LendingHub(IComplianceRegistry(makeAddr("registry")), makeAddr("collector"), 0, 100e18, admin);
        vm.startPrank(admin);
        hub.setRateModelEnabled(address(model), true);
        hub.setLltvEnabled(0.8e18, true);
        hub.setOracleEnabled(address(oracle), true);
        vm.stopPrank();
        params = MarketParams({
            loanToken: address(loan),
            collateralToken: address(collateralToken),
            oracle: address(oracle),
            rateModel: address(model),
            lltv: 0.8e18,
            policyId: bytes32(0)
        });
        hub.createMarket(params);
        _background();
    }

    function _hub() internal view override returns (LendingHub) {
        return hub;
    }

    function _params() internal view override returns (MarketParams memory) {
        return params;
    }

    function _group() internal pure override returns (string memory) {
        return "LendingHub-plainTokens";
    }

    function _setPrice(uint256 priceWad) internal override {
        oracle.setPrice(priceWad * 1e18);
    }

    function _prepare(address account) internal override {
        loan.mint(account, 1e27);
        collateralToken.mint(account, 1e27);
        vm.startPrank(account);
        loan.approve(address(hub), type(uint256).max);
        collateralToken.approve(address(hub), type(uint256).max);
        vm.stopPrank();
    }
}
