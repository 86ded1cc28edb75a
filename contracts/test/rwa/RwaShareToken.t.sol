// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {RwaShareToken} from "../../src/rwa/RwaShareToken.sol";
import {RwaErrors} from "../../src/rwa/libraries/RwaErrors.sol";
import {RwaEvents} from "../../src/rwa/libraries/RwaEvents.sol";
import {RwaBase} from "./RwaBase.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RwaShareTokenTest is RwaBase {
    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _notAllowed(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(RwaErrors.NotAllowed.selector, POLICY, account);
    }

    // ---------------------------------------------------------------- constructor

    function test_constructor_storesConfiguration() public view {
        assertEq(token.name(), "Harbor Tower share");
        assertEq(token.symbol(), "HRBR");
        assertEq(token.decimals(), 18);
        assertEq(token.complianceRegistry(), address(registry));
        assertEq(token.policyId(), POLICY);
        assertEq(token.incomeToken(), address(pusd));
        assertEq(token.streamDuration(), PERIOD);
        assertEq(token.INCOME_PRECISION(), 1e30);
        assertEq(token.defaultAdmin(), admin);
        assertTrue(token.hasRole(token.ISSUER_ROLE(), issuer));
        assertTrue(token.hasRole(token.DISTRIBUTOR_ROLE(), distributor));
    }

    function test_constructor_reverts() public {
        IERC20 income = IERC20(address(pusd));
        vm.expectRevert(RwaErrors.ZeroAddress.selector);
        new RwaShareToken("n", "s", IComplianceRegistry(address(0)), POLICY, income, PERIOD, 0, admin);
        vm.expectRevert(RwaErrors.ZeroAddress.selector);
        new RwaShareToken("n", "s", registry, POLICY, IERC20(address(0)), PERIOD, 0, admin);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.InvalidStreamDuration.selector, uint256(1 hours - 1)));
        new RwaShareToken("n", "s", registry, POLICY, income, 1 hours - 1, 0, admin);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.InvalidStreamDuration.selector, uint256(730 days + 1)));
        new RwaShareToken("n", "s", registry, POLICY, income, 730 days + 1, 0, admin);
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.InvalidIncomeToken.selector, next));
        new RwaShareToken("n", "s", registry, POLICY, IERC20(next), PERIOD, 0, admin);
    }

    // ---------------------------------------------------------------- mint / burn

    function test_mint_toAllowedAndExempt() public {
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(address(0), alice, 10e18);
        _mint(alice, 10e18);
        _mint(hub, 5e18);
        assertEq(token.balanceOf(alice), 10e18);
        assertEq(token.balanceOf(hub), 5e18);
        assertEq(token.totalSupply(), 15e18);
    }

    function test_mint_reverts() public {
        bytes32 issuerRole = token.ISSUER_ROLE();
        vm.prank(alice);
        vm.expectRevert(_unauthorized(alice, issuerRole));
        token.mint(alice, 1e18);
        vm.startPrank(issuer);
        vm.expectRevert(_notAllowed(dave));
        token.mint(dave, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.mint(address(0), 1e18);
        vm.stopPrank();
    }

    function test_burn_evenWhenHolderNoLongerAllowed() public {
        _mint(alice, 10e18);
        vm.prank(attester);
        registry.revokeRecord(alice);
        assertFalse(registry.isAllowed(POLICY, alice));
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(alice, address(0), 4e18);
        vm.prank(issuer);
        token.burn(alice, 4e18);
        assertEq(token.balanceOf(alice), 6e18);
        assertEq(token.totalSupply(), 6e18);
    }

    function test_burn_reverts() public {
        _mint(alice, 1e18);
        bytes32 issuerRole = token.ISSUER_ROLE();
        vm.prank(alice);
        vm.expectRevert(_unauthorized(alice, issuerRole));
        token.burn(alice, 1e18);
        vm.prank(issuer);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1e18, 2e18));
        token.burn(alice, 2e18);
    }

    // ---------------------------------------------------------------- compliance on transfers

    function test_transfer_betweenAllowedAccounts() public {
        _mint(alice, 10e18);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 3e18));
        assertEq(token.balanceOf(bob), 3e18);
        vm.prank(alice);
        token.approve(carol, 2e18);
        vm.prank(carol);
        assertTrue(token.transferFrom(alice, carol, 2e18));
        assertEq(token.balanceOf(carol), 2e18);
        assertEq(token.balanceOf(alice), 5e18);
    }

    function test_transfer_toNonAllowedFails() public {
        _mint(alice, 10e18);
        vm.prank(alice);
        vm.expectRevert(_notAllowed(dave));
        token.transfer(dave, 1e18);
        vm.prank(alice);
        token.approve(bob, 1e18);
        vm.prank(bob);
        vm.expectRevert(_notAllowed(dave));
        token.transferFrom(alice, dave, 1e18);
    }

    function test_transferFrom_revertsWithoutAllowance() public {
        _mint(alice, 10e18);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, 1e18));
        token.transferFrom(alice, bob, 1e18);
    }

    /// @dev Random KYC records: a transfer succeeds exactly when the registry allows the receiver.
    function testFuzz_transfer_succeedsIffReceiverPassesPolicy(uint8 kyc, uint8 jurisdictionSeed, bool expired) public {
        bytes2[3] memory jurisdictions = [bytes2("FR"), bytes2("KP"), bytes2("US")];
        address receiver = makeAddr("receiver");
        vm.prank(attester);
        registry.setRecord(
            receiver,
            IComplianceRegistry.Record({
                kycLevel: kyc % 5,
                jurisdiction: jurisdictions[jurisdictionSeed % 3],
                expiry: uint40(block.timestamp + 1 days),
                creditScore: 0,
                blocked: false
            })
        );
        if (expired) vm.warp(block.timestamp + 2 days);
        _mint(alice, 10e18);
        bool allowed = registry.isAllowed(POLICY, receiver);
        assertEq(allowed, kyc % 5 >= 2 && jurisdictionSeed % 3 != 1 && !expired);
        if (!allowed) vm.expectRevert(_notAllowed(receiver));
        vm.prank(alice);
        token.transfer(receiver, 1e18);
        assertEq(token.balanceOf(receiver), allowed ? 1e18 : 0);
    }

    function test_transfer_toBlockedJurisdictionFails() public {
        _mint(alice, 10e18);
        vm.prank(attester);
        registry.setRecord(
            carol,
            IComplianceRegistry.Record({
                kycLevel: 3,
                jurisdiction: "KP",
                expiry: uint40(block.timestamp + 1 days),
                creditScore: 0,
                blocked: false
            })
        );
        vm.prank(alice);
        vm.expectRevert(_notAllowed(carol));
        token.transfer(carol, 1e18);
    }

    function test_transfer_fromNoLongerAllowedFails() public {
        _mint(alice, 10e18);
        vm.warp(block.timestamp + 3651 days); // KYC expired
        _kyc(bob);
        vm.prank(alice);
        vm.expectRevert(_notAllowed(alice));
        token.transfer(bob, 1e18);
    }

    function test_transfer_toAndFromExemptContract() public {
        _mint(alice, 10e18);
        vm.prank(alice);
        token.transfer(hub, 4e18); // collateral into the lending hub
        assertEq(token.balanceOf(hub), 4e18);
        vm.prank(hub);
        token.transfer(bob, 1e18); // hub releases to an allowed borrower or liquidator
        assertEq(token.balanceOf(bob), 1e18);
        vm.prank(hub);
        vm.expectRevert(_notAllowed(dave));
        token.transfer(dave, 1e18); // never to a non-allowed one
    }

    function test_transfer_blockedExemptContractFails() public {
        _mint(alice, 10e18);
        vm.prank(admin);
        registry.setBlocked(hub, true);
        vm.prank(alice);
        vm.expectRevert(_notAllowed(hub));
        token.transfer(hub, 1e18);
    }

    // ---------------------------------------------------------------- forced transfer

    function test_forceTransfer_movesFromAnyHolderAndEmits() public {
        _mint(alice, 10e18);
        vm.prank(admin);
        registry.setBlocked(alice, true); // the sender need not pass
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(alice, bob, 6e18);
        vm.expectEmit(true, true, true, true, address(token));
        emit RwaEvents.ForcedTransfer(alice, bob, 6e18, issuer, bytes32("COURT-2024-17"));
        vm.prank(issuer);
        token.forceTransfer(alice, bob, 6e18, "COURT-2024-17");
        assertEq(token.balanceOf(alice), 4e18);
        assertEq(token.balanceOf(bob), 6e18);
    }

    function test_forceTransfer_reverts() public {
        _mint(alice, 10e18);
        bytes32 issuerRole = token.ISSUER_ROLE();
        vm.prank(alice);
        vm.expectRevert(_unauthorized(alice, issuerRole));
        token.forceTransfer(alice, bob, 1e18, "x");
        vm.startPrank(issuer);
        vm.expectRevert(_notAllowed(dave));
        token.forceTransfer(alice, dave, 1e18, "x");
        vm.expectRevert(RwaErrors.ZeroAddress.selector);
        token.forceTransfer(address(0), bob, 1e18, "x");
        vm.expectRevert(RwaErrors.ZeroAddress.selector);
        token.forceTransfer(alice, address(0), 1e18, "x");
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10e18, 11e18));
        token.forceTransfer(alice, bob, 11e18, "x");
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- income: deposit

    function test_depositIncome_startsStreamAndEmits() public {
        _mint(alice, 100e18);
        _fund(distributor, 3000e18);
        uint256 rate = uint256(3000e18) * 1e18 / PERIOD;
        vm.expectEmit(true, true, true, true, address(token));
        emit RwaEvents.IncomeDeposited(distributor, 3000e18, 0, rate, block.timestamp + PERIOD);
        vm.prank(distributor);
        token.depositIncome(3000e18);
        (uint256 r, uint256 lastUpdate, uint256 finish) = token.incomeStream();
        assertEq(r, rate);
        assertEq(lastUpdate, block.timestamp);
        assertEq(finish, block.timestamp + PERIOD);
        assertEq(pusd.balanceOf(address(token)), 3000e18);
        assertEq(token.undistributedIncome(), 3000e18, "the rate's rounding remainder is carried");
        assertEq(token.claimableIncome(alice), 0, "nothing streamed yet");
    }

    function test_depositIncome_streamsLinearly() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD / 3);
        assertApproxEqAbs(token.claimableIncome(alice), 1000e18, 1);
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 3000e18, 1);
        assertLe(token.claimableIncome(alice), 3000e18);
    }

    function test_depositIncome_mergesWithUnstreamedRemainder() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD / 2);
        _fund(distributor, 1000e18);
        vm.prank(distributor);
        token.depositIncome(1000e18);
        (uint256 rate,, uint256 finish) = token.incomeStream();
        assertEq(finish, block.timestamp + PERIOD);
        // 1500 left + 1000 new stream over a fresh period
        assertApproxEqRel(rate * PERIOD, 2500e18 * 1e18, 1e9);
        vm.warp(finish);
        assertApproxEqAbs(token.claimableIncome(alice), 4000e18, 2);
    }

    function test_depositIncome_reverts() public {
        bytes32 distributorRole = token.DISTRIBUTOR_ROLE();
        vm.prank(alice);
        vm.expectRevert(_unauthorized(alice, distributorRole));
        token.depositIncome(1e18);
        vm.prank(distributor);
        vm.expectRevert(RwaErrors.ZeroAmount.selector);
        token.depositIncome(0);
        vm.prank(distributor);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, distributor, 0, 1e18));
        token.depositIncome(1e18);
    }

    function test_depositIncome_withoutHoldersIsCarriedAndRestreamed() public {
        _deposit(1000e18); // no shares yet
        vm.warp(block.timestamp + PERIOD / 2);
        _mint(alice, 10e18); // checkpoint: half the stream is carried
        vm.warp(block.timestamp + PERIOD);
        uint256 streamedToAlice = token.claimableIncome(alice);
        assertApproxEqAbs(streamedToAlice, 500e18, 1);
        assertApproxEqAbs(token.undistributedIncome(), 500e18, 1, "carried");
        // a zero deposit re-streams what was carried
        vm.prank(distributor);
        token.depositIncome(0);
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 1000e18, 2);
        assertLe(token.claimableIncome(alice), 1000e18);
    }

    function test_depositIncome_belowOneShareIsCarried() public {
        _mint(alice, 0.5e18); // less than one whole share
        _deposit(1000e18);
        vm.warp(block.timestamp + PERIOD);
        assertEq(token.claimableIncome(alice), 0);
        assertApproxEqAbs(token.undistributedIncome(), 1000e18, 1);
    }

    // ---------------------------------------------------------------- income: claim

    function test_claimIncome_paysAndEmits() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD);
        uint256 claimable = token.claimableIncome(alice);
        vm.expectEmit(true, true, true, true, address(token));
        emit RwaEvents.IncomeClaimed(alice, carol, claimable);
        vm.prank(alice);
        uint256 paid = token.claimIncome(carol);
        assertEq(paid, claimable);
        assertEq(pusd.balanceOf(carol), claimable);
        assertEq(token.incomeClaimed(alice), claimable);
        assertEq(token.claimableIncome(alice), 0);
        vm.prank(alice);
        assertEq(token.claimIncome(alice), 0, "nothing left: returns 0 without reverting");
    }

    function test_claimIncome_reverts() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        vm.expectRevert(RwaErrors.ZeroAddress.selector);
        token.claimIncome(address(0));
        vm.prank(admin);
        registry.setBlocked(bob, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.Blocked.selector, bob));
        token.claimIncome(bob);
        vm.prank(admin);
        registry.setBlocked(alice, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.Blocked.selector, alice));
        token.claimIncome(carol);
    }

    function test_claimIncome_holderWhoLostKycStillClaims() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD);
        vm.prank(attester);
        registry.revokeRecord(alice);
        assertApproxEqAbs(_claim(alice), 3000e18, 1);
    }

    function test_income_accruedBeforeTransferStaysWithSender() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD / 3);
        vm.prank(alice);
        token.transfer(bob, 100e18);
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 1000e18, 1);
        assertApproxEqAbs(token.claimableIncome(bob), 2000e18, 1);
        assertLe(token.claimableIncome(alice) + token.claimableIncome(bob), 3000e18);
    }

    function test_income_forcedTransferKeepsAccruedWithSender() public {
        _mint(alice, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD / 2);
        vm.prank(issuer);
        token.forceTransfer(alice, bob, 100e18, "order");
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 1500e18, 1);
        assertApproxEqAbs(token.claimableIncome(bob), 1500e18, 1);
    }

    function test_income_burnKeepsAccrued() public {
        _mint(alice, 100e18);
        _mint(bob, 100e18);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD / 2);
        vm.prank(issuer);
        token.burn(alice, 100e18);
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 750e18, 1);
        assertApproxEqAbs(token.claimableIncome(bob), 2250e18, 1, "bob alone after the burn");
    }

    function test_income_proRataAcrossHolders() public {
        _mint(alice, 300e18);
        _mint(bob, 100e18);
        _deposit(4000e18);
        vm.warp(block.timestamp + PERIOD);
        assertApproxEqAbs(token.claimableIncome(alice), 3000e18, 1);
        assertApproxEqAbs(token.claimableIncome(bob), 1000e18, 1);
    }

    function test_incomePerShare_growsWithTheStream() public {
        _mint(alice, 100e18);
        assertEq(token.incomePerShare(), 0);
        _deposit(3000e18);
        vm.warp(block.timestamp + PERIOD);
        // 30 pUSD per share = 30e18 per 1e18 base units, scaled by 1e30
        assertApproxEqAbs(token.incomePerShare(), 30 * 1e30, 1e13);
    }

    // ---------------------------------------------------------------- admin

    function test_setStreamDuration() public {
        vm.expectEmit(true, true, true, true, address(token));
        emit RwaEvents.StreamDurationSet(7 days);
        vm.prank(admin);
        token.setStreamDuration(7 days);
        assertEq(token.streamDuration(), 7 days);
        _mint(alice, 1e18);
        _deposit(7e18);
        (,, uint256 finish) = token.incomeStream();
        assertEq(finish, block.timestamp + 7 days);
    }

    function test_setStreamDuration_reverts() public {
        vm.prank(issuer);
        vm.expectRevert(_unauthorized(issuer, bytes32(0)));
        token.setStreamDuration(7 days);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(RwaErrors.InvalidStreamDuration.selector, uint256(0)));
        token.setStreamDuration(0);
    }
}
