// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {RwaShareToken} from "../../src/rwa/RwaShareToken.sol";
import {PusdFixture} from "../utils/PusdFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared fixture of the RwaShareToken tests: the real ComplianceRegistry with a KYC policy, the real pUSD
/// (proxy, mirroring the registry's blocklist), and a share token with an issuer and a distributor.
abstract contract RwaBase is PusdFixture {
    ComplianceRegistry internal registry;
    RwaShareToken internal token;

    address internal admin = makeAddr("admin");
    address internal attester = makeAddr("attester");
    address internal issuer = makeAddr("issuer");
    address internal distributor = makeAddr("distributor");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave"); // no KYC record
    address internal hub = makeAddr("hub"); // an exempt protocol contract

    bytes32 internal constant POLICY = keccak256("RWA_ACCREDITED");
    uint32 internal constant PERIOD = 30 days;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        registry = new ComplianceRegistry(0, admin);
        vm.startPrank(admin);
        registry.grantRole(registry.ATTESTER_ROLE(), attester);
        bytes2[] memory blocked = new bytes2[](1);
        blocked[0] = "KP";
        registry.setPolicy(POLICY, 2, 0, blocked);
        registry.setExempt(hub, true);
        vm.stopPrank();
        _deployPusd(registry, admin);
        _kyc(alice);
        _kyc(bob);
        _kyc(carol);

        token =
            new RwaShareToken("Harbor Tower share", "HRBR", registry, POLICY, IERC20(address(pusd)), PERIOD, 0, admin);
        vm.startPrank(admin);
        token.grantRole(token.ISSUER_ROLE(), issuer);
        token.grantRole(token.DISTRIBUTOR_ROLE(), distributor);
        vm.stopPrank();
        vm.prank(distributor);
        pusd.approve(address(token), type(uint256).max);
    }

    function _kyc(address account) internal {
        vm.prank(attester);
        registry.setRecord(
            account,
            IComplianceRegistry.Record({
                kycLevel: 2,
                jurisdiction: "FR",
                expiry: uint40(block.timestamp + 3650 days),
                creditScore: 0,
                blocked: false
            })
        );
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(issuer);
        token.mint(to, amount);
    }

    function _deposit(uint256 amount) internal {
        _fund(distributor, amount);
        vm.prank(distributor);
        token.depositIncome(amount);
    }

    function _claim(address account) internal returns (uint256 amount) {
        vm.prank(account);
        amount = token.claimIncome(account);
    }
}
