// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {KinkedRateModel} from "../../src/lending/KinkedRateModel.sol";
import {LendingHub} from "../../src/lending/LendingHub.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../../src/oracle/NavOracle.sol";
import {RwaShareToken} from "../../src/rwa/RwaShareToken.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {PusdFixture} from "../utils/PusdFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared fixture of the lending tests, wired as in production: the real ComplianceRegistry (a KYC policy,
/// the hub exempt), the real pUSD proxy, the real FeeCollector, a NavOracle feed with three bonded reporters read
/// through a NavFeedAdapter, an RwaShareToken streaming pUSD income, a KinkedRateModel and the LendingHub with one
/// market (pUSD loan, RWA share collateral, LLTV 80%, the KYC policy).
abstract contract LendingBase is PusdFixture {
    ComplianceRegistry internal registry;
    FeeCollector internal collector;
    NavOracle internal navOracle;
    NavFeedAdapter internal adapter;
    RwaShareToken internal rwa;
    KinkedRateModel internal rateModel;
    LendingHub internal hub;

    MarketParams internal params;
    Id internal id;
    uint256 internal feedId;

    address internal admin = makeAddr("admin");
    address internal attester = makeAddr("attester");
    address internal guardian = makeAddr("guardian");
    address internal riskManager = makeAddr("risk manager");
    address internal issuer = makeAddr("issuer");
    address internal distributor = makeAddr("distributor");
    address internal treasury = makeAddr("treasury");
    address internal lender = makeAddr("lender");
    address internal borrower = makeAddr("borrower");
    address internal liquidator = makeAddr("liquidator");
    address internal stranger = makeAddr("stranger"); // no KYC record
    address[] internal reporters;

    bytes32 internal constant POLICY = keccak256("RWA_ACCREDITED");
    uint256 internal constant LLTV = 0.8e18;
    uint256 internal constant NAV = 1e18; // 1 pUSD per share: price() = 1e36
    uint16 internal constant RESERVE_FACTOR = 1000; // 10%
    uint72 internal constant MIN_LEFTOVER = 100e18;
    uint32 internal constant STREAM = 30 days;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        _deployCompliance();
        _deployPusd(registry, admin);
        FeeCollector.Recipient[] memory split = new FeeCollector.Recipient[](1);
        split[0] = FeeCollector.Recipient({account: treasury, bps: 10_000, notify: false});
        collector = new FeeCollector(0, admin, split);
        _deployRwa();
        _deployOracle();
        rateModel = new KinkedRateModel(0, uint256(0.04e18) / 365 days, 0.8e18, uint256(0.6e18) / 365 days);
        _deployHub();
        params = MarketParams({
            loanToken: address(pusd),
            collateralToken: address(rwa),
            oracle: address(adapter),
            rateModel: address(rateModel),
            lltv: LLTV,
            policyId: POLICY
        });
        id = hub.createMarket(params);
        _kyc(lender);
        _kyc(borrower);
        _kyc(liquidator);
    }

    // ------------------------------------------------------------------------------------------------ deployment

    function _deployCompliance() internal {
        registry = new ComplianceRegistry(0, admin);
        vm.startPrank(admin);
        registry.grantRole(registry.ATTESTER_ROLE(), attester);
        bytes2[] memory blocked = new bytes2[](1);
        blocked[0] = "KP";
        registry.setPolicy(POLICY, 2, 0, blocked);
        vm.stopPrank();
    }

    function _deployRwa() internal {
        rwa = new RwaShareToken("Harbor Tower share", "HRBR", registry, POLICY, IERC20(address(pusd)), STREAM, 0, admin);
        vm.startPrank(admin);
        rwa.grantRole(rwa.ISSUER_ROLE(), issuer);
        rwa.grantRole(rwa.DISTRIBUTOR_ROLE(), distributor);
        vm.stopPrank();
        vm.prank(distributor);
        pusd.approve(address(rwa), type(uint256).max);
    }

    function _deployOracle() internal {
        navOracle = new NavOracle(IERC20(address(pusd)), address(collector), 7 days, 0, admin);
        vm.startPrank(admin);
        navOracle.grantRole(navOracle.GUARDIAN_ROLE(), guardian);
        feedId = navOracle.createFeed(
            address(rwa),
            "HRBR / pUSD NAV",
            INavOracle.FeedParams({
                quorum: 3,
                maxMoveBps: 1000,
                toleranceBps: 10_000,
                jailThreshold: 3,
                heartbeat: 1 days,
                roundTimeout: 1 hours,
                minRoundInterval: 0,
                slashAmount: 1e18,
                minBond: 1000e18
            })
        );
        vm.stopPrank();
        for (uint256 i; i < 3; ++i) {
            address r = makeAddr(string.concat("reporter", vm.toString(i)));
            reporters.push(r);
            vm.prank(admin);
            navOracle.setReporterApproval(feedId, r, true);
            _fund(r, 1000e18);
            vm.startPrank(r);
            pusd.approve(address(navOracle), 1000e18);
            navOracle.register(feedId, 1000e18);
            vm.stopPrank();
        }
        _setNav(NAV);
        adapter = new NavFeedAdapter(navOracle, feedId, 18);
    }

    function _deployHub() internal {
        hub = new LendingHub(registry, address(collector), RESERVE_FACTOR, MIN_LEFTOVER, admin);
        vm.startPrank(admin);
        registry.setExempt(address(hub), true);
        hub.setRateModelEnabled(address(rateModel), true);
        hub.setLltvEnabled(LLTV, true);
        hub.setOracleEnabled(address(adapter), true);
        hub.setGuardian(guardian, true);
        hub.setRiskManager(riskManager, true);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    function _kyc(address account) internal {
        _kycWith(account, 2, "FR", 0);
    }

    function _kycWith(address account, uint8 level, bytes2 jurisdiction, uint16 creditScore) internal {
        vm.prank(attester);
        registry.setRecord(
            account,
            IComplianceRegistry.Record({
                kycLevel: level,
                jurisdiction: jurisdiction,
                expiry: uint40(block.timestamp + 3650 days),
                creditScore: creditScore,
                blocked: false
            })
        );
    }

    /// @dev Three reporters answer `nav`; a move beyond 10% freezes the feed and the guardian confirms it.
    function _setNav(uint256 nav) internal {
        uint256 round = navOracle.currentRound(feedId);
        for (uint256 i; i < reporters.length; ++i) {
            vm.prank(reporters[i]);
            navOracle.submit(feedId, round, nav);
        }
        if (navOracle.roundState(feedId).frozen) {
            vm.prank(guardian);
            navOracle.confirmAnswer(feedId);
        }
    }

    /// @dev Funds `account` with pUSD and approves the hub.
    function _pusdTo(address account, uint256 amount) internal {
        _fund(account, amount);
        vm.prank(account);
        pusd.approve(address(hub), type(uint256).max);
    }

    /// @dev Mints RWA shares to `account` (which must pass the policy) and approves the hub.
    function _rwaTo(address account, uint256 amount) internal {
        vm.prank(issuer);
        rwa.mint(account, amount);
        vm.prank(account);
        rwa.approve(address(hub), type(uint256).max);
    }

    function _depositIncome(uint256 amount) internal {
        _fund(distributor, amount);
        vm.prank(distributor);
        rwa.depositIncome(amount);
    }

    function _supply(address who, uint256 assets) internal {
        _pusdTo(who, assets);
        vm.prank(who);
        hub.supply(params, assets, 0, who);
    }

    function _supplyCollateral(address who, uint256 assets) internal {
        _rwaTo(who, assets);
        vm.prank(who);
        hub.supplyCollateral(params, assets, who);
    }

    function _borrow(address who, uint256 assets) internal {
        vm.prank(who);
        hub.borrow(params, assets, 0, who, who);
    }

    /// @dev A second market on the same share priced by a settable oracle (any price, no rounds), enabled by the
    /// owner like any oracle.
    function _fixedPriceMarket(uint256 price) internal returns (MarketParams memory p, FixedPriceOracle oracle) {
        oracle = new FixedPriceOracle(price);
        vm.prank(admin);
        hub.setOracleEnabled(address(oracle), true);
        p = params;
        p.oracle = address(oracle);
        hub.createMarket(p);
    }

    function _supplyShares(address who) internal view returns (uint256 shares) {
        (shares,,) = hub.position(id, who);
    }

    function _borrowShares(address who) internal view returns (uint256 shares) {
        (, shares,) = hub.position(id, who);
    }

    function _collateral(address who) internal view returns (uint256 collateral) {
        (,, collateral) = hub.position(id, who);
    }

    function _totals()
        internal
        view
        returns (uint256 supplyAssets, uint256 supplyShares, uint256 borrowAssets, uint256 borrowShares)
    {
        (supplyAssets, supplyShares, borrowAssets, borrowShares,,,,,) = hub.market(id);
    }
}
