// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IncentivesErrors} from "../../src/incentives/libraries/IncentivesErrors.sol";
import {IncentivesEvents} from "../../src/incentives/libraries/IncentivesEvents.sol";
import {ProgramKey} from "../../src/interfaces/ILiquidityIncentives.sol";
import {IncentivesBase} from "./IncentivesBase.sol";

/// @notice Open-ended fee-share streams: pUSD per second funded by the FeeCollector's LP share.
contract StreamsTest is IncentivesBase {
    address internal treasury = makeAddr("treasury");
    uint96 internal constant STREAM_RATE = 1e14;
    uint256 internal constant DUST = 10;

    function _streamKey(address token, uint96 rate) internal view returns (ProgramKey memory key) {
        key = _key(token, rate);
        key.startTime = uint32(block.timestamp);
        key.endTime = 0;
        key.refundee = treasury;
    }

    function _createStream(ProgramKey memory key) internal returns (bytes32 id) {
        vm.prank(owner);
        id = incentives.createStream(key);
    }

    /// @dev What the FeeCollector does: transfer the LP share, then call the hook.
    /// @dev pUSD fees, as the FeeCollector delivers them: transfer, then the hook.
    function _fees(uint256 amount) internal {
        if (amount != 0) _mint(address(incentives), amount);
        _notify(amount);
    }

    function _notify(uint256 amount) internal {
        vm.prank(feeCollector);
        incentives.onFeesReceived(address(pusd), amount);
    }

    function _funded(ProgramKey memory key) internal view returns (uint128 funded) {
        (funded,) = incentives.streams(_id(key));
    }

    // ------------------------------------------------------------------------------------------------------
    // createStream / setup
    // ------------------------------------------------------------------------------------------------------

    function test_createStream() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.ProgramCreated(
            _id(key),
            key.rewardToken,
            key.pool,
            treasury,
            key.startTime,
            0,
            key.tickLower,
            key.tickUpper,
            STREAM_RATE,
            0
        );
        bytes32 id = _createStream(key);
        assertEq(id, _id(key));
        bytes32[] memory open = incentives.openStreams(IERC20(address(pusd)));
        assertEq(open.length, 1);
        assertEq(open[0], id);
        (, uint32 lastUpdate,,,,) = incentives.programs(id);
        assertEq(lastUpdate, block.timestamp);
    }

    function test_createStream_absorbsFeesReceivedWithoutAStream() public {
        _mint(address(incentives), 5e18);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.FeesReceived(IERC20(address(pusd)), 5e18, 5e18);
        _notify(5e18);
        assertEq(incentives.unallocatedFees(IERC20(address(pusd))), 5e18);
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        _createStream(key);
        assertEq(_funded(key), 5e18);
        assertEq(incentives.unallocatedFees(IERC20(address(pusd))), 0);
    }

    function test_createStream_reverts() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        incentives.createStream(key);

        key.endTime = key.startTime + 1 days;
        vm.expectRevert(IncentivesErrors.WrongProgramKind.selector);
        _createStream(key);

        key = _streamKey(address(pusd), 0);
        vm.expectRevert(IncentivesErrors.ZeroRate.selector);
        _createStream(key);

        key = _streamKey(address(pusd), STREAM_RATE);
        key.refundee = address(0);
        vm.expectRevert(IncentivesErrors.ZeroAddress.selector);
        _createStream(key);

        key = _streamKey(address(pusd), STREAM_RATE);
        key.tickUpper = key.tickLower;
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.InvalidBand.selector, key.tickLower, key.tickLower));
        _createStream(key);

        key = _streamKey(address(pusd), STREAM_RATE);
        _createStream(key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramExists.selector, _id(key)));
        _createStream(key);
    }

    // ------------------------------------------------------------------------------------------------------
    // onFeesReceived
    // ------------------------------------------------------------------------------------------------------

    function test_onFeesReceived_revertsForOtherCallers() public {
        vm.expectRevert(IncentivesErrors.NotFeeCollector.selector);
        vm.prank(alice);
        incentives.onFeesReceived(address(pusd), 1e18);
    }

    function test_onFeesReceived_splitsAmongStreamsByRate() public {
        ProgramKey memory a = _streamKey(address(pusd), STREAM_RATE);
        ProgramKey memory b = _streamKey(address(pusd), 3 * STREAM_RATE);
        b.tickLower = peg - 10;
        ProgramKey memory other = _streamKey(address(usdc), STREAM_RATE);
        _createStream(a);
        _createStream(b);
        _createStream(other);
        _mint(address(incentives), 101);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.StreamFunded(_id(a), IERC20(address(pusd)), 25);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.StreamFunded(_id(b), IERC20(address(pusd)), 76);
        vm.expectEmit(address(incentives));
        emit IncentivesEvents.FeesReceived(IERC20(address(pusd)), 101, 0);
        _notify(101);
        assertEq(_funded(a), 25);
        assertEq(_funded(b), 76); // the last stream takes the rounding remainder
        assertEq(_funded(other), 0);
    }

    function testFuzz_onFeesReceived_allocatesExactly(uint96 rateA, uint96 rateB, uint128 amount) public {
        rateA = uint96(bound(rateA, 1, type(uint96).max));
        rateB = uint96(bound(rateB, 1, type(uint96).max));
        ProgramKey memory a = _streamKey(address(pusd), rateA);
        ProgramKey memory b = _streamKey(address(pusd), rateB);
        b.tickLower = peg - 10;
        _createStream(a);
        _createStream(b);
        _fees(amount);
        assertEq(uint256(_funded(a)) + _funded(b), amount);
        assertLe(_funded(a), uint256(amount) * rateA / (uint256(rateA) + rateB));
    }

    // ------------------------------------------------------------------------------------------------------
    // Emission
    // ------------------------------------------------------------------------------------------------------

    function test_stream_emitsPerSecondWhileFunded_pausesWhenDry_resumesWithNewFees() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        _createStream(key);
        _fees(uint256(STREAM_RATE) * 10 days);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);

        _skip(5 days);
        assertApproxEqAbs(_pending(a, key), uint256(STREAM_RATE) * 5 days, DUST);
        _skip(15 days); // funding runs out after 10 days
        assertApproxEqAbs(_pending(a, key), uint256(STREAM_RATE) * 10 days, DUST);
        assertEq(_stakedSeconds(key), 0); // not persisted yet: the view projects

        // New fees: emission resumes from now, not retroactively over the dry spell.
        _fees(uint256(STREAM_RATE) * 10 days);
        assertEq(_stakedSeconds(key), 10 days);
        _skip(2 days);
        assertApproxEqAbs(_pending(a, key), uint256(STREAM_RATE) * 12 days, DUST);
        uint256 reward = _claim(alice, a, key);
        assertApproxEqAbs(reward, uint256(STREAM_RATE) * 12 days, DUST);
        assertEq(pusd.balanceOf(alice), reward);
    }

    function test_stream_recyclesForfeits() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        _createStream(key);
        _mintPosition(address(this), peg - 100, peg + 100, 10_000); // unstaked liquidity: alice earns a share only
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 funded = uint256(STREAM_RATE) * 10 days;
        _fees(funded);
        uint256 paid;
        for (uint256 i; i < 40; ++i) {
            _skip(1 days);
            paid += _claim(alice, a, key);
        }
        // Forfeits went back into the stream, so it emitted for longer than funded / rate.
        assertGt(_stakedSeconds(key), 10 days);
        assertEq(incentives.refundable(key), 0); // a running stream refunds nothing
        assertEq(incentives.refund(key), 0);
        assertLe(paid, funded);
        assertGt(paid, funded * 9 / 10);
    }

    function test_stakeBeforeAStartInTheFuture_reverts() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        key.startTime += 1 days;
        _createStream(key);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramNotStarted.selector, _id(key)));
        _depositAndStake(alice, a, key);
        vm.warp(key.startTime);
        _depositAndStake(alice, a, key);
    }

    // ------------------------------------------------------------------------------------------------------
    // endStream and refunds
    // ------------------------------------------------------------------------------------------------------

    function test_endStream_stakesKeepRewards_leftoverRefunded() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        _createStream(key);
        _mintPosition(address(this), peg - 100, peg + 100, 10_000);
        (uint256 a,) = _mintPosition(alice, peg - 5, peg + 5, 10_000);
        _depositAndStake(alice, a, key);
        uint256 funded = uint256(STREAM_RATE) * 30 days;
        _fees(funded);
        _skip(10 days);
        uint256 pendingAtEnd = _pending(a, key);

        vm.expectEmit(address(incentives));
        emit IncentivesEvents.StreamEnded(_id(key), uint32(block.timestamp));
        vm.prank(owner);
        incentives.endStream(key);
        assertEq(incentives.openStreams(IERC20(address(pusd))).length, 0);

        // Fees now wait for another stream.
        _fees(7e18);
        assertEq(incentives.unallocatedFees(IERC20(address(pusd))), 7e18);
        // No new stakes; existing ones keep what they earned.
        (uint256 b,) = _mintPosition(bob, peg - 5, peg + 5, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramEnded.selector, _id(key)));
        _depositAndStake(bob, b, key);
        _skip(10 days);

        // The refundee takes the unemitted part without waiting; settling releases the forfeits.
        uint256 first = incentives.refund(key);
        assertApproxEqAbs(first, funded - uint256(STREAM_RATE) * 10 days, DUST);
        uint256 reward = incentives.settle(a, key);
        assertGe(reward, pendingAtEnd);
        uint256 second = incentives.refund(key);
        assertApproxEqAbs(first + second + reward, funded, DUST);
        assertEq(pusd.balanceOf(treasury), first + second);
        assertEq(incentives.refund(key), 0);
        assertEq(_unstake(alice, a, key), 0);
    }

    function test_endStream_reverts() public {
        ProgramKey memory key = _streamKey(address(pusd), STREAM_RATE);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.UnknownProgram.selector, _id(key)));
        vm.prank(owner);
        incentives.endStream(key);

        _createStream(key);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        incentives.endStream(key);

        ProgramKey memory fixedKey = _key();
        _create(fixedKey);
        vm.expectRevert(IncentivesErrors.WrongProgramKind.selector);
        vm.prank(owner);
        incentives.endStream(fixedKey);

        vm.prank(owner);
        incentives.endStream(key);
        vm.expectRevert(abi.encodeWithSelector(IncentivesErrors.ProgramEnded.selector, _id(key)));
        vm.prank(owner);
        incentives.endStream(key);
    }

    function test_endStream_keepsOtherStreamsOpen() public {
        ProgramKey memory a = _streamKey(address(pusd), STREAM_RATE);
        ProgramKey memory b = _streamKey(address(pusd), STREAM_RATE);
        b.tickLower = peg - 10;
        ProgramKey memory c = _streamKey(address(pusd), STREAM_RATE);
        c.tickLower = peg - 11;
        _createStream(a);
        _createStream(b);
        _createStream(c);
        vm.prank(owner);
        incentives.endStream(a);
        bytes32[] memory open = incentives.openStreams(IERC20(address(pusd)));
        assertEq(open.length, 2);
        assertEq(open[0], _id(c));
        assertEq(open[1], _id(b));
        _fees(10);
        assertEq(_funded(a), 0);
        assertEq(uint256(_funded(b)) + _funded(c), 10);
    }
}
