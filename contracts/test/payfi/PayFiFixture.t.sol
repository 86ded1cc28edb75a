// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {MerchantRegistry} from "../../src/payfi/MerchantRegistry.sol";
import {PaymentProcessor} from "../../src/payfi/PaymentProcessor.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {StablecoinSetup} from "../utils/StablecoinSetup.sol";

/// @notice Off-chain agreement: the payment id and the shopper's EIP-3009 signature produced with viem in
/// test/fixtures/generate-payfi.mjs (what the SDK and the checkout do) are computed identically and accepted by the
/// processor deployed at the fixture's address on the fixture's chain id.
contract PayFiFixtureTest is StablecoinSetup {
    string internal json;
    PaymentProcessor internal processor;
    MerchantRegistry internal merchants;
    PaymentInfo internal payment;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/payfi.json"));
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        vm.warp(1_800_000_000);

        registry = new ComplianceRegistry(0, admin);
        implementation = new PlazaUSD();
        address pusdAt = vm.parseJsonAddress(json, ".pusd");
        deployCodeTo(
            "ERC1967Proxy.sol:ERC1967Proxy", abi.encode(address(implementation), _initData(address(registry))), pusdAt
        );
        pusd = PlazaUSD(pusdAt);
        vm.startPrank(admin);
        registry.grantRole(registry.ATTESTER_ROLE(), attester);
        registry.setBlocklistMirror(address(pusd));
        vm.stopPrank();
        vm.prank(masterMinter);
        pusd.configureMinter(minter, 1_000_000e18);

        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](1);
        recipients[0] = FeeCollector.Recipient({account: admin, bps: 10_000, notify: false});
        FeeCollector collector = new FeeCollector(0, admin, recipients);
        merchants = new MerchantRegistry(IComplianceRegistry(address(registry)), bytes32(0), 0, admin);
        address processorAt = vm.parseJsonAddress(json, ".processor");
        deployCodeTo(
            "PaymentProcessor.sol:PaymentProcessor", abi.encode(pusd, merchants, address(collector)), processorAt
        );
        processor = PaymentProcessor(processorAt);
        vm.startPrank(admin);
        merchants.setProcessor(processor);
        merchants.setTierFee(0, 100);
        merchants.setReferralShare(2000);
        merchants.setReferralCodeFor(vm.parseJsonAddress(json, ".payment.referrer"), "FIXTURE");
        vm.stopPrank();

        payment = PaymentInfo({
            payer: vm.parseJsonAddress(json, ".payment.payer"),
            merchant: vm.parseJsonAddress(json, ".payment.merchant"),
            token: vm.parseJsonAddress(json, ".payment.token"),
            amount: vm.parseJsonUint(json, ".payment.amount"),
            pointsRedeemed: vm.parseJsonUint(json, ".payment.pointsRedeemed"),
            orderRef: vm.parseJsonBytes32(json, ".payment.orderRef"),
            authorizationExpiry: uint48(vm.parseJsonUint(json, ".payment.authorizationExpiry")),
            refundExpiry: uint48(vm.parseJsonUint(json, ".payment.refundExpiry")),
            minFeeBps: uint16(vm.parseJsonUint(json, ".payment.minFeeBps")),
            maxFeeBps: uint16(vm.parseJsonUint(json, ".payment.maxFeeBps")),
            referrer: vm.parseJsonAddress(json, ".payment.referrer"),
            autoCapture: vm.parseJsonBool(json, ".payment.autoCapture"),
            salt: vm.parseJsonUint(json, ".payment.salt")
        });
        vm.prank(payment.merchant);
        merchants.register(makeAddr("payout"), 0, bytes32(0));
        _mint(payment.payer, 100e18);
    }

    function test_domainSeparatorMatchesViem() public view {
        assertEq(processor.DOMAIN_SEPARATOR(), vm.parseJsonBytes32(json, ".paymentDomainSeparator"));
    }

    function test_paymentIdMatchesViem() public view {
        assertEq(processor.paymentId(payment), vm.parseJsonBytes32(json, ".paymentId"));
    }

    function test_viemSignaturePays() public {
        uint8 v = uint8(vm.parseJsonUint(json, ".v"));
        bytes32 r = vm.parseJsonBytes32(json, ".r");
        bytes32 s = vm.parseJsonBytes32(json, ".s");
        vm.prank(makeAddr("relayer"));
        bytes32 id = processor.payWithAuthorization(payment, v, r, s);
        assertEq(id, vm.parseJsonBytes32(json, ".paymentId"));
        assertTrue(pusd.authorizationState(payment.payer, id));
        (, uint256 claimable,) = processor.merchantBalances(payment.merchant);
        assertEq(claimable, 25e18 - 0.25e18);
        assertEq(processor.creditOf(payment.referrer), 0.05e18, "20% of the 1% fee to the signed referrer");
    }

    function test_viemBytesSignaturePays() public {
        processor.payWithAuthorization(payment, vm.parseJsonBytes(json, ".signature"));
        assertEq(pusd.balanceOf(address(processor)), 25e18);
    }
}
