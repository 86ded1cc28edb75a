// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../src/interfaces/AggregatorV3Interface.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {IOracle} from "../../src/interfaces/IOracle.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {OracleBase} from "./OracleBase.sol";

contract NavFeedAdapterTest is OracleBase {
    uint256 internal id;
    NavFeedAdapter internal adapter;

    function setUp() public override {
        super.setUp();
        id = _bootstrap(3, 3, NAV);
        adapter = _adapter(id);
    }

    function test_constructor_storesFeedAndScale() public view {
        assertEq(address(adapter.oracle()), address(oracle));
        assertEq(adapter.feedId(), id);
        assertEq(adapter.collateralDecimals(), 18);
        assertEq(adapter.loanDecimals(), 18);
        assertEq(adapter.SCALE_FACTOR(), 1e18);
    }

    function test_constructor_reverts() public {
        vm.expectRevert(OracleErrors.ZeroAddress.selector);
        new NavFeedAdapter(INavOracle(address(0)), id, 18);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedNotFound.selector, uint256(9)));
        new NavFeedAdapter(oracle, 9, 18);

        // collateral decimals + 18 > 36 + loan decimals: the price would need a negative exponent
        TestERC20 wide = new TestERC20("Wide", "WIDE", 37);
        vm.prank(admin);
        uint256 wideFeed = oracle.createFeed(address(wide), "wide", _params(3));
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidDecimals.selector, uint256(37), uint256(0)));
        new NavFeedAdapter(oracle, wideFeed, 0);
        // exponent above 48 could overflow
        TestERC20 narrow = new TestERC20("Narrow", "NRW", 0);
        vm.prank(admin);
        uint256 narrowFeed = oracle.createFeed(address(narrow), "narrow", _params(3));
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.InvalidDecimals.selector, uint256(0), uint256(31)));
        new NavFeedAdapter(oracle, narrowFeed, 31);
        assertEq(new NavFeedAdapter(oracle, narrowFeed, 30).SCALE_FACTOR(), 1e48);
    }

    // ---------------------------------------------------------------- IOracle.price

    function test_price_isNavScaledLikeMorpho() public view {
        uint256 p = IOracle(address(adapter)).price();
        assertEq(p, NAV * 1e18);
        // Morpho: collateral value in loan units = collateralAssets * price / 1e36
        uint256 collateral = 3.5e18; // 3.5 shares
        assertEq(collateral * p / 1e36, 350e18, "3.5 shares at 100 pUSD");
    }

    function test_price_scalesForDecimals() public {
        // a 6-decimal asset token priced in an 18-decimal loan token
        TestERC20 six = new TestERC20("Six", "SIX", 6);
        vm.prank(admin);
        uint256 sixFeed = oracle.createFeed(address(six), "six", _params(1));
        address r = makeAddr("six reporter");
        _approveAndRegister(sixFeed, r, BOND);
        vm.prank(r);
        oracle.submit(sixFeed, 1, 2e18); // 2 pUSD per token
        vm.prank(guardian);
        oracle.confirmAnswer(sixFeed);
        NavFeedAdapter sixAdapter = new NavFeedAdapter(oracle, sixFeed, 18);
        assertEq(sixAdapter.SCALE_FACTOR(), 1e30);
        assertEq(5e6 * sixAdapter.price() / 1e36, 10e18, "5 tokens at 2 pUSD = 10 pUSD");

        // the 18-decimal asset priced in a 6-decimal loan token (e.g. USDC)
        NavFeedAdapter usdc = new NavFeedAdapter(oracle, id, 6);
        assertEq(usdc.SCALE_FACTOR(), 1e6);
        assertEq(2e18 * usdc.price() / 1e36, 200e6, "2 shares at 100 = 200 USDC units");
    }

    function testFuzz_price_valueMatchesNav(uint96 nav, uint64 collateral) public {
        nav = uint96(bound(nav, 1, type(uint96).max));
        INavOracle.FeedParams memory p = _params(1);
        vm.prank(admin);
        uint256 fuzzFeed = oracle.createFeed(address(asset), "fuzz", p);
        address r = makeAddr("fuzz reporter");
        _approveAndRegister(fuzzFeed, r, BOND);
        vm.prank(r);
        oracle.submit(fuzzFeed, 1, nav);
        vm.prank(guardian);
        oracle.confirmAnswer(fuzzFeed);
        NavFeedAdapter a = new NavFeedAdapter(oracle, fuzzFeed, 18);
        assertEq(uint256(collateral) * a.price() / 1e36, uint256(collateral) * nav / 1e18);
    }

    function test_price_revertsWhenStale() public {
        uint256 updatedAt = block.timestamp;
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.StaleAnswer.selector, id, updatedAt, uint256(1 days)));
        adapter.price();
    }

    function test_price_revertsWhenFrozen() public {
        _roundSame(id, 0, 3, 200e18);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, id));
        adapter.price();
        (int256 answer,,, INavOracle.FeedStatus status) = adapter.latestAnswerWithStatus();
        assertEq(answer, int256(NAV));
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Frozen));
    }

    function test_price_revertsWithoutAnswer() public {
        uint256 fresh = _createFeed(_params(3));
        NavFeedAdapter a = _adapter(fresh);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, fresh));
        a.price();
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoAnswer.selector, fresh));
        a.latestRoundData();
        (int256 answer, uint256 updatedAt, uint80 roundId, INavOracle.FeedStatus status) = a.latestAnswerWithStatus();
        assertEq(answer, 0);
        assertEq(updatedAt, 0);
        assertEq(roundId, 0);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.None));
    }

    // ---------------------------------------------------------------- AggregatorV3Interface

    function test_aggregator_metadata() public view {
        AggregatorV3Interface agg = AggregatorV3Interface(address(adapter));
        assertEq(agg.decimals(), 18);
        assertEq(agg.description(), "HRBR / pUSD NAV");
        assertEq(agg.version(), 1);
    }

    function test_aggregator_roundData() public {
        uint256 t0 = block.timestamp;
        vm.warp(t0 + 1 hours);
        _roundSame(id, 0, 3, 101e18);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            adapter.latestRoundData();
        assertEq(roundId, 2);
        assertEq(answer, 101e18);
        assertEq(startedAt, t0 + 1 hours);
        assertEq(updatedAt, t0 + 1 hours);
        assertEq(answeredInRound, 2);
        (roundId, answer,, updatedAt,) = adapter.getRoundData(1);
        assertEq(roundId, 1);
        assertEq(answer, int256(NAV));
        assertEq(updatedAt, t0);
        vm.expectRevert(abi.encodeWithSelector(OracleErrors.NoDataForRound.selector, id, uint256(3)));
        adapter.getRoundData(3);
    }

    function test_latestAnswerWithStatus_freshThenStale() public {
        (int256 answer, uint256 updatedAt, uint80 roundId, INavOracle.FeedStatus status) =
            adapter.latestAnswerWithStatus();
        assertEq(answer, int256(NAV));
        assertEq(updatedAt, block.timestamp);
        assertEq(roundId, 1);
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Fresh));
        vm.warp(block.timestamp + 1 days + 1);
        (,,, status) = adapter.latestAnswerWithStatus();
        assertEq(uint8(status), uint8(INavOracle.FeedStatus.Stale));
    }
}
