// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../../src/oracle/NavOracle.sol";
import {PusdFixture} from "../utils/PusdFixture.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared fixture of the oracle tests: the real pUSD (proxy) and ComplianceRegistry, the real FeeCollector, a NavOracle with one feed,
/// reporters and helpers to run rounds.
abstract contract OracleBase is PusdFixture {
    NavOracle internal oracle;
    FeeCollector internal collector;
    ComplianceRegistry internal registry;
    TestERC20 internal asset;

    address internal admin = makeAddr("admin");
    address internal guardian = makeAddr("guardian");
    address internal treasury = makeAddr("treasury");
    address internal stranger = makeAddr("stranger");

    uint32 internal constant UNBONDING = 7 days;
    uint256 internal constant BOND = 1000e18;
    uint256 internal constant NAV = 100e18;

    uint256 internal feedId;
    address[] internal reporters;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        registry = new ComplianceRegistry(0, admin);
        _deployPusd(registry, admin);
        asset = new TestERC20("Harbor Tower share", "HRBR", 18);
        FeeCollector.Recipient[] memory split = new FeeCollector.Recipient[](1);
        split[0] = FeeCollector.Recipient({account: treasury, bps: 10_000, notify: false});
        collector = new FeeCollector(0, admin, split);
        oracle = new NavOracle(IERC20(address(pusd)), address(collector), UNBONDING, 0, admin);
        bytes32 guardianRole = oracle.GUARDIAN_ROLE();
        vm.prank(admin);
        oracle.grantRole(guardianRole, guardian);
    }

    function _params(uint8 quorum) internal pure returns (INavOracle.FeedParams memory) {
        return INavOracle.FeedParams({
            quorum: quorum,
            maxMoveBps: 1000,
            toleranceBps: 200,
            jailThreshold: 3,
            heartbeat: 1 days,
            roundTimeout: 1 hours,
            minRoundInterval: 0,
            slashAmount: 100e18,
            minBond: 1000e18
        });
    }

    function _createFeed(INavOracle.FeedParams memory params) internal returns (uint256 id) {
        vm.prank(admin);
        id = oracle.createFeed(address(asset), "HRBR / pUSD NAV", params);
    }

    function _reporter(uint256 i) internal returns (address) {
        return makeAddr(string.concat("reporter", vm.toString(i)));
    }

    /// @dev Approves, funds and registers `count` more reporters in `id` (appended to `reporters`).
    function _addReporters(uint256 id, uint256 count) internal {
        uint256 start = reporters.length;
        for (uint256 i = start; i < start + count; ++i) {
            address r = _reporter(i);
            _approveAndRegister(id, r, BOND);
            reporters.push(r);
        }
    }

    function _approveAndRegister(uint256 id, address r, uint256 bond) internal {
        vm.prank(admin);
        oracle.setReporterApproval(id, r, true);
        _fund(r, bond);
        vm.startPrank(r);
        pusd.approve(address(oracle), bond);
        oracle.register(id, bond);
        vm.stopPrank();
    }

    function _submit(uint256 id, address r, uint256 value) internal {
        uint256 round = oracle.currentRound(id);
        vm.prank(r);
        oracle.submit(id, round, value);
    }

    /// @dev Reporters 0..values.length-1 submit `values` in order.
    function _round(uint256 id, uint256[] memory values) internal {
        for (uint256 i; i < values.length; ++i) {
            _submit(id, reporters[i], values[i]);
        }
    }

    /// @dev Reporters `offset`.. submit `value` each, `count` times.
    function _roundSame(uint256 id, uint256 offset, uint256 count, uint256 value) internal {
        for (uint256 i; i < count; ++i) {
            _submit(id, reporters[offset + i], value);
        }
    }

    /// @dev Creates a feed with `quorum`, `reporterCount` reporters, and a first answer `nav` confirmed by the
    /// guardian (a feed's first answer always freezes).
    function _bootstrap(uint8 quorum, uint256 reporterCount, uint256 nav) internal returns (uint256 id) {
        id = _createFeed(_params(quorum));
        _addReporters(id, reporterCount);
        _roundSame(id, 0, quorum, nav);
        vm.prank(guardian);
        oracle.confirmAnswer(id);
    }

    function _values3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory v) {
        v = new uint256[](3);
        v[0] = a;
        v[1] = b;
        v[2] = c;
    }

    /// @dev Lower median computed independently of MedianLib (selection by counting).
    function _lowerMedian(uint256[] memory values) internal pure returns (uint256) {
        uint256 n = values.length;
        uint256 k = (n - 1) / 2;
        for (uint256 i; i < n; ++i) {
            uint256 below;
            uint256 equal;
            for (uint256 j; j < n; ++j) {
                if (values[j] < values[i]) ++below;
                else if (values[j] == values[i]) ++equal;
            }
            if (below <= k && k < below + equal) return values[i];
        }
        revert("no median");
    }

    function _adapter(uint256 id) internal returns (NavFeedAdapter) {
        return new NavFeedAdapter(oracle, id, 18);
    }
}
