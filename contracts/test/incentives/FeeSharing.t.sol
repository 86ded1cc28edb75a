// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {FeeCollectorEvents} from "../../src/fees/libraries/FeeCollectorEvents.sol";
import {IncentivesEvents} from "../../src/incentives/libraries/IncentivesEvents.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

/// @notice The real FeeCollector streams its LP share into the pUSD/USDC pool's fee-share stream.
contract FeeSharingTest is IncentivesBase {
    FeeCollector internal collector;
    address internal treasury = makeAddr("treasury");
    address internal vault = makeAddr("vault");
    address internal psm = makeAddr("psm");
    uint96 internal constant STREAM_RATE = 1e14; // 8.64 pUSD per day

    ProgramKey internal stream;

    function setUp() public override {
        super.setUp();
        FeeCollector.Recipient[] memory split = new FeeCollector.Recipient[](3);
        split[0] = FeeCollector.Recipient({account: treasury, bps: 5000, notify: false});
        split[1] = FeeCollector.Recipient({account: address(incentives), bps: 3000, notify: true});
        split[2] = FeeCollector.Recipient({account: vault, bps: 2000, notify: false});
        collector = new FeeCollector(0, admin, split);
        vm.prank(owner);
        incentives.setFeeCollector(address(collector));

        stream = _key(address(pusd), STREAM_RATE);
        stream.startTime = uint32(block.timestamp);
        stream.endTime = 0;
        stream.refundee = treasury;
        vm.prank(owner);
        incentives.createStream(stream);
        _mint(psm, 1_000_000e18);
    }

    /// @dev A module pays fees the cheapest way, by plain transfer; anyone then distributes.
    function _collect(uint256 amount) internal {
        vm.prank(psm);
        pusd.transfer(address(collector), amount);
        collector.distribute(address(pusd));
    }

    function _funded() internal view returns (uint128 funded) {
        (funded,) = incentives.streams(_id(stream));
    }

    function test_lpShareStreamsToStakers() public {
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, stream);

        vm.prank(psm);
        pusd.transfer(address(collector), 100e18);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.StreamFunded(_id(stream), IERC20(address(pusd)), 30e18);
        vm.expectEmit(address(collector));
        emit FeeCollectorEvents.FeesDistributed(address(pusd), address(incentives), 30e18);
        collector.distribute(address(pusd));
        assertEq(_funded(), 30e18);
        assertEq(pusd.balanceOf(address(incentives)), 30e18);
        assertEq(pusd.balanceOf(treasury), 50e18);

        _skip(1 days);
        assertApproxEqAbs(_pending(a, stream), uint256(STREAM_RATE) * 1 days, 10);
        uint256 paid = _claim(alice, a, stream);
        assertEq(pusd.balanceOf(alice), paid);

        // Funding (30 pUSD at 8.64 per day) runs out after ~3.47 days; more fees extend it.
        _skip(10 days);
        uint256 dry = _pending(a, stream);
        assertApproxEqAbs(paid + dry, 30e18, 10);
        _collect(100e18);
        _skip(1 days);
        assertApproxEqAbs(_pending(a, stream) - dry, uint256(STREAM_RATE) * 1 days, 10);
    }

    function test_feesBeforeAnyStream_waitForTheFirstStream() public {
        vm.prank(owner);
        incentives.endStream(stream);
        _collect(100e18);
        assertEq(incentives.unallocatedFees(IERC20(address(pusd))), 30e18);
        ProgramKey memory next = stream;
        next.rate = 2 * STREAM_RATE;
        vm.prank(owner);
        incentives.createStream(next);
        (uint128 funded,) = incentives.streams(_id(next));
        assertEq(funded, 30e18);
    }

    function test_hookFailure_isCreditedByTheCollector_andClaimedLater() public {
        vm.prank(owner);
        incentives.setFeeCollector(address(0)); // misconfigured: the hook reverts
        _collect(100e18);
        assertEq(collector.creditOf(address(pusd), address(incentives)), 30e18);
        assertEq(_funded(), 0);
        assertEq(pusd.balanceOf(treasury), 50e18); // the other recipients are unaffected

        vm.prank(owner);
        incentives.setFeeCollector(address(collector));
        collector.claim(address(pusd), address(incentives));
        assertEq(_funded(), 30e18);
        assertEq(pusd.balanceOf(address(incentives)), 30e18);
    }

    function test_blockedStaker_cannotReceivePusd_butCanLeave() public {
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, stream);
        _collect(100e18);
        _skip(1 days);
        _block(alice);
        vm.expectRevert();
        _claim(alice, a, stream);
        // Unstaking credits (no transfer), the NFT goes back; the credit stays until the block is lifted.
        uint256 credited = _unstake(alice, a, stream);
        assertGt(credited, 0);
        vm.prank(alice);
        incentives.withdraw(a, alice, "");
        assertEq(npm.ownerOf(a), alice);
        _unblock(alice);
        vm.prank(alice);
        assertEq(incentives.claimReward(IERC20(address(pusd)), alice, 0), credited);
    }
}
