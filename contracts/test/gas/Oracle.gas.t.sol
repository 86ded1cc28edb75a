// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracle} from "../../src/interfaces/IOracle.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {OracleBase} from "../oracle/OracleBase.sol";

/// @notice What a lending market does: read the collateral price from its own contract.
contract PriceReader {
    function read(IOracle oracle_) external view returns (uint256) {
        return oracle_.price();
    }
}

/// @notice Gas per transaction of the oracle's hot paths, written to snapshots/Oracle.json. Steady state: the feed
/// has answered before (its first answer confirmed by the guardian), every reporter has submitted to an earlier
/// round (their submission slots are reused), all submissions are within tolerance (nobody is slashed) and within
/// the maximum move (no freeze). `submit` is the first submission of a round (it opens it); `submitSettlesRound_N`
/// is the submission that reaches quorum N: sorts N answers, writes the answer and the round history.
/// `price` is a lending market's read through `NavFeedAdapter.price()` from a caller contract, everything cold.
/// forge-config: default.isolate = true
contract OracleGasTest is OracleBase {
    uint256 internal feed3;
    uint256 internal feed7;
    NavFeedAdapter internal adapter;
    PriceReader internal reader;

    function setUp() public override {
        super.setUp();
        feed3 = _bootstrap(3, 3, NAV);
        _roundSame(feed3, 0, 3, NAV + 1e18); // a settled round after the bootstrap: slots reused from now on
        delete reporters;
        feed7 = _bootstrap(7, 7, NAV);
        _roundSame(feed7, 0, 7, NAV + 1e18);
        adapter = new NavFeedAdapter(oracle, feed3, 18);
        reader = new PriceReader();
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_submit() public {
        address r = _reporter(0);
        vm.prank(r);
        oracle.submit(feed3, 3, 100.5e18);
        vm.snapshotGasLastCall("Oracle", "submit");
    }

    function test_gas_submitSettlesRound_3() public {
        vm.prank(_reporter(0));
        oracle.submit(feed3, 3, 100.5e18);
        vm.prank(_reporter(1));
        oracle.submit(feed3, 3, 100.7e18);
        vm.prank(_reporter(2));
        oracle.submit(feed3, 3, 100.6e18);
        vm.snapshotGasLastCall("Oracle", "submitSettlesRound_3");
        assertEq(oracle.navOf(feed3), 100.6e18);
    }

    function test_gas_submitSettlesRound_7() public {
        for (uint256 i; i < 6; ++i) {
            vm.prank(reporters[i]);
            oracle.submit(feed7, 3, 100.5e18 + i * 0.1e18);
        }
        vm.prank(reporters[6]);
        oracle.submit(feed7, 3, 100.2e18);
        vm.snapshotGasLastCall("Oracle", "submitSettlesRound_7");
        assertEq(oracle.navOf(feed7), 100.7e18);
    }

    function test_gas_price() public {
        // a plain CALL (not STATICCALL) so that forge measures it as its own transaction
        (bool ok, bytes memory ret) =
            address(reader).call(abi.encodeCall(PriceReader.read, (IOracle(address(adapter)))));
        vm.snapshotGasLastCall("Oracle", "price");
        assertTrue(ok);
        assertEq(abi.decode(ret, (uint256)), (NAV + 1e18) * 1e18);
    }
}
