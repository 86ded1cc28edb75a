// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../../src/oracle/NavOracle.sol";
import {RwaBase} from "./RwaBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice End to end, as lending will use it: an RwaShareToken priced by a NavOracle feed through its adapter,
/// the share held by an exempt protocol contract, and its income still flowing while the price is read.
contract RwaNavFeedTest is RwaBase {
    function test_shareTokenPricedThroughAdapter() public {
        FeeCollector.Recipient[] memory split = new FeeCollector.Recipient[](1);
        split[0] = FeeCollector.Recipient({account: makeAddr("treasury"), bps: 10_000, notify: false});
        FeeCollector collector = new FeeCollector(0, admin, split);
        NavOracle oracle = new NavOracle(IERC20(address(pusd)), address(collector), 7 days, 0, admin);
        address guardian = makeAddr("guardian");
        vm.startPrank(admin);
        oracle.grantRole(oracle.GUARDIAN_ROLE(), guardian);
        uint256 feedId = oracle.createFeed(
            address(token),
            "HRBR / pUSD NAV",
            INavOracle.FeedParams({
                quorum: 1,
                maxMoveBps: 500,
                toleranceBps: 100,
                jailThreshold: 3,
                heartbeat: 1 days,
                roundTimeout: 1 hours,
                minRoundInterval: 1 hours,
                slashAmount: 10e18,
                minBond: 100e18
            })
        );
        address reporter = makeAddr("appraiser");
        oracle.setReporterApproval(feedId, reporter, true);
        vm.stopPrank();
        _fund(reporter, 100e18);
        vm.startPrank(reporter);
        pusd.approve(address(oracle), 100e18);
        oracle.register(feedId, 100e18);
        oracle.submit(feedId, 1, 250e18);
        vm.stopPrank();
        vm.prank(guardian);
        oracle.confirmAnswer(feedId);

        NavFeedAdapter adapter = new NavFeedAdapter(oracle, feedId, 18);
        _mint(alice, 40e18);
        vm.prank(alice);
        token.transfer(hub, 40e18); // collateral into an exempt protocol contract
        _deposit(1000e18);
        vm.warp(block.timestamp + 12 hours);
        assertEq(token.balanceOf(hub) * adapter.price() / 1e36, 10_000e18, "40 shares at 250 pUSD");
        assertApproxEqAbs(token.claimableIncome(hub), 1000e18 * 12 hours / PERIOD, 1, "the hub earns the income");
    }
}
