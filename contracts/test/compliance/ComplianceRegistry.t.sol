// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {ComplianceErrors} from "../../src/compliance/libraries/ComplianceErrors.sol";
import {ComplianceEvents} from "../../src/compliance/libraries/ComplianceEvents.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {MockBlocklistMirror} from "../utils/MockBlocklistMirror.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {Test} from "forge-std/Test.sol";

contract ComplianceRegistryTest is Test {
    ComplianceRegistry internal registry;
    MockBlocklistMirror internal mirror;

    address internal admin = makeAddr("admin");
    address internal attester = makeAddr("attester");
    address internal stranger = makeAddr("stranger");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal hub = makeAddr("hub");

    bytes32 internal constant POLICY = keccak256("RWA_US_ACCREDITED");
    bytes32 internal attesterRole;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ComplianceRegistry(1 days, admin);
        attesterRole = registry.ATTESTER_ROLE();
        mirror = new MockBlocklistMirror(address(registry));
        vm.startPrank(admin);
        registry.grantRole(attesterRole, attester);
        registry.setBlocklistMirror(address(mirror));
        vm.stopPrank();
    }

    function _record(uint8 kyc, bytes2 jur, uint40 expiry, uint16 score, bool blocked)
        internal
        pure
        returns (IComplianceRegistry.Record memory)
    {
        return IComplianceRegistry.Record({
            kycLevel: kyc, jurisdiction: jur, expiry: expiry, creditScore: score, blocked: blocked
        });
    }

    function _live() internal view returns (IComplianceRegistry.Record memory) {
        return _record(2, "FR", uint40(block.timestamp + 365 days), 700, false);
    }

    function _policy(uint8 kyc, uint16 score, bytes2[] memory blocked) internal {
        vm.prank(admin);
        registry.setPolicy(POLICY, kyc, score, blocked);
    }

    function _jurs(bytes2 a) internal pure returns (bytes2[] memory list) {
        list = new bytes2[](1);
        list[0] = a;
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ---------------------------------------------------------------- constructor and admin

    function test_constructor_setsAdminAndDelay() public view {
        assertEq(registry.defaultAdmin(), admin);
        assertEq(registry.defaultAdminDelay(), 1 days);
        assertTrue(registry.hasRole(attesterRole, attester));
        assertEq(address(registry.blocklistMirror()), address(mirror));
        assertEq(registry.OPEN_POLICY(), bytes32(0));
    }

    function test_adminTransfer_isTwoStepWithDelay() public {
        address next = makeAddr("next");
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        registry.beginDefaultAdminTransfer(next);

        vm.prank(admin);
        registry.beginDefaultAdminTransfer(next);
        (address pending, uint48 schedule) = registry.pendingDefaultAdmin();
        assertEq(pending, next);

        vm.prank(next);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, schedule
            )
        );
        registry.acceptDefaultAdminTransfer();

        vm.warp(schedule + 1);
        vm.prank(next);
        registry.acceptDefaultAdminTransfer();
        assertEq(registry.defaultAdmin(), next);
    }

    // ---------------------------------------------------------------- setRecord

    function test_setRecord_writesRecordAndEmits() public {
        IComplianceRegistry.Record memory r = _live();
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.RecordSet(alice, attester, r.kycLevel, r.jurisdiction, r.expiry, r.creditScore, false);
        vm.prank(attester);
        registry.setRecord(alice, r);

        IComplianceRegistry.Record memory got = registry.recordOf(alice);
        assertEq(got.kycLevel, 2);
        assertEq(got.jurisdiction, bytes2("FR"));
        assertEq(got.expiry, r.expiry);
        assertEq(got.creditScore, 700);
        assertFalse(got.blocked);
        assertEq(mirror.pushes(), 0, "unchanged blocked flag is not pushed");
    }

    function test_setRecord_blockingPushesToMirror() public {
        IComplianceRegistry.Record memory r = _live();
        r.blocked = true;
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.BlockedSet(alice, true, attester);
        vm.prank(attester);
        registry.setRecord(alice, r);
        assertTrue(registry.isBlocked(alice));
        assertTrue(mirror.isBlocked(alice));
        assertEq(mirror.pushes(), 1);

        r.blocked = false;
        vm.prank(attester);
        registry.setRecord(alice, r);
        assertFalse(registry.isBlocked(alice));
        assertFalse(mirror.isBlocked(alice));
        assertEq(mirror.pushes(), 2);
    }

    function test_setRecord_keepsExemption() public {
        vm.prank(admin);
        registry.setExempt(hub, true);
        vm.prank(attester);
        registry.setRecord(hub, _live());
        assertTrue(registry.isExempt(hub));
    }

    function test_setRecord_revertsForNonAttester() public {
        IComplianceRegistry.Record memory r = _live();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, attesterRole));
        registry.setRecord(alice, r);
        // even the admin is not an attester
        vm.prank(admin);
        vm.expectRevert(_unauthorized(admin, attesterRole));
        registry.setRecord(alice, r);
    }

    function test_setRecord_revertsOnZeroAccount() public {
        IComplianceRegistry.Record memory r = _live();
        vm.prank(attester);
        vm.expectRevert(ComplianceErrors.ZeroAddress.selector);
        registry.setRecord(address(0), r);
    }

    function test_setRecord_revertsOnCreditScoreAbove1000() public {
        IComplianceRegistry.Record memory r = _live();
        r.creditScore = 1001;
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidCreditScore.selector, uint16(1001)));
        registry.setRecord(alice, r);
    }

    function test_setRecord_revertsOnPastExpiry() public {
        IComplianceRegistry.Record memory r = _live();
        r.expiry = uint40(block.timestamp);
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidExpiry.selector, r.expiry));
        registry.setRecord(alice, r);
    }

    function test_setRecord_revertsOnMalformedJurisdiction() public {
        bytes2[4] memory bad = [bytes2("fr"), bytes2(0), bytes2("F1"), bytes2(0x5B41)];
        for (uint256 i; i < bad.length; ++i) {
            IComplianceRegistry.Record memory r = _live();
            r.jurisdiction = bad[i];
            vm.prank(attester);
            vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidJurisdiction.selector, bad[i]));
            registry.setRecord(alice, r);
        }
    }

    function test_setRecord_revertsWhenMirrorReverts() public {
        mirror.setShouldRevert(true);
        IComplianceRegistry.Record memory r = _live();
        r.blocked = true;
        vm.prank(attester);
        vm.expectRevert(MockBlocklistMirror.MirrorDown.selector);
        registry.setRecord(alice, r);
        assertFalse(registry.isBlocked(alice), "registry and mirror still agree");
    }

    // ---------------------------------------------------------------- setRecords

    function test_setRecords_writesEach() public {
        address[] memory accounts = new address[](2);
        accounts[0] = alice;
        accounts[1] = bob;
        IComplianceRegistry.Record[] memory records = new IComplianceRegistry.Record[](2);
        records[0] = _live();
        records[1] = _live();
        records[1].blocked = true;
        vm.prank(attester);
        registry.setRecords(accounts, records);
        assertEq(registry.recordOf(alice).kycLevel, 2);
        assertTrue(registry.isBlocked(bob));
        assertTrue(mirror.isBlocked(bob));
    }

    function test_setRecords_revertsOnLengthMismatch() public {
        address[] memory accounts = new address[](2);
        IComplianceRegistry.Record[] memory records = new IComplianceRegistry.Record[](1);
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.LengthMismatch.selector, 2, 1));
        registry.setRecords(accounts, records);
    }

    function test_setRecords_revertsForNonAttester() public {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, attesterRole));
        registry.setRecords(new address[](0), new IComplianceRegistry.Record[](0));
    }

    // ---------------------------------------------------------------- revokeRecord

    function test_revokeRecord_clearsKycButKeepsSanctionsAndExemption() public {
        IComplianceRegistry.Record memory r = _live();
        r.blocked = true;
        vm.prank(attester);
        registry.setRecord(alice, r);
        vm.prank(admin);
        registry.setExempt(alice, true);

        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.RecordRevoked(alice, attester);
        vm.prank(attester);
        registry.revokeRecord(alice);

        IComplianceRegistry.Record memory got = registry.recordOf(alice);
        assertEq(got.kycLevel, 0);
        assertEq(got.jurisdiction, bytes2(0));
        assertEq(got.expiry, 0);
        assertEq(got.creditScore, 0);
        assertTrue(got.blocked);
        assertTrue(registry.isExempt(alice));
        assertTrue(mirror.isBlocked(alice));
    }

    function test_revokeRecord_revertsForNonAttester() public {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, attesterRole));
        registry.revokeRecord(alice);
    }

    // ---------------------------------------------------------------- setBlocked / syncBlocked

    function test_setBlocked_byAttesterAndAdmin() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.BlockedSet(alice, true, attester);
        vm.prank(attester);
        registry.setBlocked(alice, true);
        assertTrue(registry.isBlocked(alice));
        assertTrue(mirror.isBlocked(alice));

        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.BlockedSet(alice, false, admin);
        vm.prank(admin);
        registry.setBlocked(alice, false);
        assertFalse(registry.isBlocked(alice));
        assertFalse(mirror.isBlocked(alice));
    }

    function test_setBlocked_keepsRecord() public {
        vm.prank(attester);
        registry.setRecord(alice, _live());
        vm.prank(attester);
        registry.setBlocked(alice, true);
        assertEq(registry.recordOf(alice).creditScore, 700);
    }

    function test_setBlocked_revertsForStranger() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.NotAttesterOrAdmin.selector, stranger));
        registry.setBlocked(alice, true);
    }

    function test_setBlocked_revertsOnZeroAccount() public {
        vm.prank(attester);
        vm.expectRevert(ComplianceErrors.ZeroAddress.selector);
        registry.setBlocked(address(0), true);
    }

    function test_setBlocked_revertsWhenMirrorReverts() public {
        mirror.setShouldRevert(true);
        vm.prank(attester);
        vm.expectRevert(MockBlocklistMirror.MirrorDown.selector);
        registry.setBlocked(alice, true);
        assertFalse(registry.isBlocked(alice));
    }

    function test_setBlocked_withoutMirrorOnlyWritesRegistry() public {
        vm.prank(admin);
        registry.setBlocklistMirror(address(0));
        vm.prank(attester);
        registry.setBlocked(alice, true);
        assertTrue(registry.isBlocked(alice));
        assertEq(mirror.pushes(), 0);
    }

    function test_syncBlocked_copiesRegistryToNewMirror() public {
        vm.prank(admin);
        registry.setBlocklistMirror(address(0));
        vm.prank(attester);
        registry.setBlocked(alice, true);

        MockBlocklistMirror fresh = new MockBlocklistMirror(address(registry));
        vm.prank(admin);
        registry.setBlocklistMirror(address(fresh));
        address[] memory accounts = new address[](2);
        accounts[0] = alice;
        accounts[1] = bob;
        vm.prank(stranger); // permissionless
        registry.syncBlocked(accounts);
        assertTrue(fresh.isBlocked(alice));
        assertFalse(fresh.isBlocked(bob));
        assertEq(fresh.pushes(), 2);
    }

    function test_syncBlocked_revertsWithoutMirror() public {
        vm.prank(admin);
        registry.setBlocklistMirror(address(0));
        vm.expectRevert(ComplianceErrors.MirrorNotSet.selector);
        registry.syncBlocked(new address[](1));
    }

    // ---------------------------------------------------------------- exemptions, jurisdictions, mirror

    function test_setExempt_success() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.ExemptionSet(hub, true);
        vm.prank(admin);
        registry.setExempt(hub, true);
        assertTrue(registry.isExempt(hub));
        vm.prank(admin);
        registry.setExempt(hub, false);
        assertFalse(registry.isExempt(hub));
    }

    function test_setExempt_reverts() public {
        vm.prank(attester);
        vm.expectRevert(_unauthorized(attester, bytes32(0)));
        registry.setExempt(hub, true);
        vm.prank(admin);
        vm.expectRevert(ComplianceErrors.ZeroAddress.selector);
        registry.setExempt(address(0), true);
    }

    function test_setJurisdictionSanctioned_success() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.JurisdictionSanctionSet("KP", true);
        vm.prank(admin);
        registry.setJurisdictionSanctioned("KP", true);
        assertTrue(registry.isJurisdictionSanctioned("KP"));
    }

    function test_setJurisdictionSanctioned_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        registry.setJurisdictionSanctioned("KP", true);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidJurisdiction.selector, bytes2("kp")));
        registry.setJurisdictionSanctioned("kp", true);
    }

    function test_setBlocklistMirror_successAndAuth() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.BlocklistMirrorSet(bob);
        vm.prank(admin);
        registry.setBlocklistMirror(bob);
        assertEq(address(registry.blocklistMirror()), bob);

        vm.prank(attester);
        vm.expectRevert(_unauthorized(attester, bytes32(0)));
        registry.setBlocklistMirror(alice);
    }

    // ---------------------------------------------------------------- policies

    function test_setPolicy_success() public {
        bytes2[] memory blocked = new bytes2[](2);
        blocked[0] = "US";
        blocked[1] = "CN";
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.PolicySet(POLICY, 2, 600, blocked);
        _policy(2, 600, blocked);
        (bool active, uint8 kyc, uint16 score) = registry.policyOf(POLICY);
        assertTrue(active);
        assertEq(kyc, 2);
        assertEq(score, 600);
        assertTrue(registry.isPolicyJurisdictionBlocked(POLICY, "US"));
        assertTrue(registry.isPolicyJurisdictionBlocked(POLICY, "CN"));
        assertFalse(registry.isPolicyJurisdictionBlocked(POLICY, "FR"));
    }

    function test_setPolicy_replacementForgetsOldJurisdictions() public {
        _policy(1, 0, _jurs("US"));
        _policy(1, 0, _jurs("CN"));
        assertFalse(registry.isPolicyJurisdictionBlocked(POLICY, "US"));
        assertTrue(registry.isPolicyJurisdictionBlocked(POLICY, "CN"));
    }

    function test_setPolicy_reverts() public {
        bytes2[] memory none = new bytes2[](0);
        vm.prank(attester);
        vm.expectRevert(_unauthorized(attester, bytes32(0)));
        registry.setPolicy(POLICY, 1, 0, none);

        vm.startPrank(admin);
        vm.expectRevert(ComplianceErrors.OpenPolicyIsFixed.selector);
        registry.setPolicy(bytes32(0), 1, 0, none);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidCreditScore.selector, uint16(1001)));
        registry.setPolicy(POLICY, 1, 1001, none);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidJurisdiction.selector, bytes2("u1")));
        registry.setPolicy(POLICY, 1, 0, _jurs("u1"));
        vm.stopPrank();
    }

    function test_setPolicyJurisdiction_success() public {
        _policy(1, 0, new bytes2[](0));
        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.PolicyJurisdictionSet(POLICY, "US", true);
        vm.prank(admin);
        registry.setPolicyJurisdiction(POLICY, "US", true);
        assertTrue(registry.isPolicyJurisdictionBlocked(POLICY, "US"));
        vm.prank(admin);
        registry.setPolicyJurisdiction(POLICY, "US", false);
        assertFalse(registry.isPolicyJurisdictionBlocked(POLICY, "US"));
    }

    function test_setPolicyJurisdiction_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.PolicyNotFound.selector, POLICY));
        registry.setPolicyJurisdiction(POLICY, "US", true);

        _policy(1, 0, new bytes2[](0));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidJurisdiction.selector, bytes2(0)));
        registry.setPolicyJurisdiction(POLICY, bytes2(0), true);

        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        registry.setPolicyJurisdiction(POLICY, "US", true);
    }

    function test_removePolicy_failsEveryoneButExempt() public {
        vm.prank(attester);
        registry.setRecord(alice, _live());
        vm.prank(admin);
        registry.setExempt(hub, true);
        _policy(1, 0, _jurs("US"));
        assertTrue(registry.isAllowed(POLICY, alice));

        vm.expectEmit(true, true, true, true, address(registry));
        emit ComplianceEvents.PolicyRemoved(POLICY);
        vm.prank(admin);
        registry.removePolicy(POLICY);
        assertFalse(registry.isAllowed(POLICY, alice));
        assertTrue(registry.isAllowed(POLICY, hub));
        assertFalse(registry.isPolicyJurisdictionBlocked(POLICY, "US"));

        // re-creating starts from an empty jurisdiction list
        _policy(1, 0, new bytes2[](0));
        assertFalse(registry.isPolicyJurisdictionBlocked(POLICY, "US"));
    }

    function test_removePolicy_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.PolicyNotFound.selector, POLICY));
        registry.removePolicy(POLICY);
        _policy(1, 0, new bytes2[](0));
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        registry.removePolicy(POLICY);
    }

    // ---------------------------------------------------------------- isAllowed

    function test_isAllowed_openPolicy() public {
        assertTrue(registry.isAllowed(bytes32(0), alice), "no record passes the open policy");
        vm.prank(attester);
        registry.setBlocked(alice, true);
        assertFalse(registry.isAllowed(bytes32(0), alice));
    }

    function test_isAllowed_namedPolicy() public {
        bytes2[] memory blocked = _jurs("US");
        _policy(2, 600, blocked);

        assertFalse(registry.isAllowed(POLICY, alice), "no record");
        vm.prank(attester);
        registry.setRecord(alice, _live());
        assertTrue(registry.isAllowed(POLICY, alice));

        // lower KYC
        vm.prank(attester);
        registry.setRecord(alice, _record(1, "FR", uint40(block.timestamp + 1 days), 700, false));
        assertFalse(registry.isAllowed(POLICY, alice), "kyc");
        // lower score
        vm.prank(attester);
        registry.setRecord(alice, _record(2, "FR", uint40(block.timestamp + 1 days), 599, false));
        assertFalse(registry.isAllowed(POLICY, alice), "score");
        // blocked jurisdiction of the policy
        vm.prank(attester);
        registry.setRecord(alice, _record(2, "US", uint40(block.timestamp + 1 days), 700, false));
        assertFalse(registry.isAllowed(POLICY, alice), "policy jurisdiction");
        // globally sanctioned jurisdiction
        vm.prank(attester);
        registry.setRecord(alice, _record(2, "IR", uint40(block.timestamp + 1 days), 700, false));
        assertTrue(registry.isAllowed(POLICY, alice));
        vm.prank(admin);
        registry.setJurisdictionSanctioned("IR", true);
        assertFalse(registry.isAllowed(POLICY, alice), "sanctioned jurisdiction");
        assertTrue(registry.isAllowed(bytes32(0), alice), "open policy ignores jurisdictions");
    }

    function test_isAllowed_expiryBoundary() public {
        _policy(1, 0, new bytes2[](0));
        uint40 expiry = uint40(block.timestamp + 100);
        vm.prank(attester);
        registry.setRecord(alice, _record(1, "FR", expiry, 500, false));
        vm.warp(expiry);
        assertTrue(registry.isAllowed(POLICY, alice), "valid up to and including expiry");
        assertEq(registry.creditScore(alice), 500);
        vm.warp(uint256(expiry) + 1);
        assertFalse(registry.isAllowed(POLICY, alice), "expired");
        assertEq(registry.creditScore(alice), 0, "no live record, no score");
        assertEq(registry.recordOf(alice).creditScore, 500, "recordOf returns the record as attested");
    }

    function test_isAllowed_unknownPolicyFails() public {
        vm.prank(attester);
        registry.setRecord(alice, _live());
        assertFalse(registry.isAllowed(keccak256("nope"), alice));
    }

    function test_isAllowed_exemptPassesUnlessBlocked() public {
        _policy(5, 1000, new bytes2[](0));
        vm.prank(admin);
        registry.setExempt(hub, true);
        assertTrue(registry.isAllowed(POLICY, hub));
        vm.prank(attester);
        registry.setBlocked(hub, true);
        assertFalse(registry.isAllowed(POLICY, hub));
        assertFalse(registry.isAllowed(bytes32(0), hub));
    }

    function test_blockedFailsEveryPolicy() public {
        _policy(0, 0, new bytes2[](0));
        IComplianceRegistry.Record memory r = _live();
        r.blocked = true;
        vm.prank(attester);
        registry.setRecord(alice, r);
        assertFalse(registry.isAllowed(POLICY, alice));
        assertFalse(registry.isAllowed(bytes32(0), alice));
    }

    struct Case {
        uint8 kyc;
        uint8 minKyc;
        uint16 score;
        uint16 minScore;
        uint8 jurIndex;
        uint8 blockedIndex;
        bool sanctioned;
        bool blocked;
        bool exempt;
        uint32 ttl;
        uint32 elapsed;
    }

    /// Reference model of isAllowed against random records, policies and times.
    function testFuzz_isAllowed_matchesModel(Case memory c) public {
        c.score = uint16(bound(c.score, 0, 1000));
        c.minScore = uint16(bound(c.minScore, 0, 1000));
        c.ttl = uint32(bound(c.ttl, 1, type(uint32).max));
        bytes2[3] memory jurs = [bytes2("FR"), bytes2("US"), bytes2("KP")];
        bytes2 jur = jurs[c.jurIndex % 3];
        bytes2 policyBlocked = jurs[c.blockedIndex % 3];

        _policy(c.minKyc, c.minScore, _jurs(policyBlocked));
        vm.startPrank(admin);
        registry.setJurisdictionSanctioned("KP", c.sanctioned);
        registry.setExempt(alice, c.exempt);
        vm.stopPrank();
        uint40 expiry = uint40(block.timestamp + c.ttl);
        vm.prank(attester);
        registry.setRecord(alice, _record(c.kyc, jur, expiry, c.score, c.blocked));
        vm.warp(block.timestamp + c.elapsed);

        bool live = block.timestamp <= expiry;
        bool passesPolicy = live && c.kyc >= c.minKyc && c.score >= c.minScore && !(c.sanctioned && jur == "KP")
            && jur != policyBlocked;
        assertEq(registry.isAllowed(POLICY, alice), !c.blocked && (c.exempt || passesPolicy));
        assertEq(registry.isAllowed(bytes32(0), alice), !c.blocked);
        assertEq(registry.creditScore(alice), live ? c.score : 0);
        assertEq(registry.isBlocked(alice), c.blocked);
        assertEq(mirror.isBlocked(alice), c.blocked);
    }

    function testFuzz_setRecord_rejectsOutOfRangeScore(uint16 score) public {
        score = uint16(bound(score, 1001, type(uint16).max));
        IComplianceRegistry.Record memory r = _live();
        r.creditScore = score;
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidCreditScore.selector, score));
        registry.setRecord(alice, r);
    }

    function testFuzz_jurisdictionValidation(bytes2 jur) public {
        bool valid = jur[0] >= "A" && jur[0] <= "Z" && jur[1] >= "A" && jur[1] <= "Z";
        vm.prank(admin);
        if (!valid) vm.expectRevert(abi.encodeWithSelector(ComplianceErrors.InvalidJurisdiction.selector, jur));
        registry.setJurisdictionSanctioned(jur, true);
        assertEq(registry.isJurisdictionSanctioned(jur), valid);
    }
}
