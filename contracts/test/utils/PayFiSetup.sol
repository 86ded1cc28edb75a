// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {PaymentInfo} from "../../src/interfaces/IPaymentProcessor.sol";
import {AdvancePool} from "../../src/payfi/AdvancePool.sol";
import {LoyaltyPoints} from "../../src/payfi/LoyaltyPoints.sol";
import {MerchantRegistry} from "../../src/payfi/MerchantRegistry.sol";
import {PaymentProcessor} from "../../src/payfi/PaymentProcessor.sol";
import {Signing} from "./Signing.sol";
import {StablecoinSetup} from "./StablecoinSetup.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deploys the whole PayFi module on the real pUSD, ComplianceRegistry and FeeCollector, wired as in
/// production, plus helpers to build, identify and sign payments. The payment id and the EIP-3009 digest are
/// computed here independently of the processor (type strings spelled out).
abstract contract PayFiSetup is StablecoinSetup, Signing {
    bytes32 internal constant MERCHANT_POLICY = keccak256("PLAZA_MERCHANT");
    bytes32 internal constant PAYMENT_TYPEHASH = keccak256(
        "PaymentInfo(address payer,address merchant,address token,uint256 amount,uint256 pointsRedeemed,bytes32 orderRef,uint48 authorizationExpiry,uint48 refundExpiry,uint16 minFeeBps,uint16 maxFeeBps,address referrer,bool autoCapture,uint256 salt)"
    );
    uint16 internal constant FEE_BPS = 100; // tier 0: 1%
    uint16 internal constant REFERRAL_SHARE_BPS = 2000; // 20% of the fee
    uint24 internal constant WINDOW = 7 days;

    FeeCollector internal feeCollector;
    MerchantRegistry internal merchants;
    PaymentProcessor internal processor;
    AdvancePool internal pool;

    address internal treasury = makeAddr("treasury");
    address internal relayer = makeAddr("relayer");
    address internal lp = makeAddr("lp");

    uint256 internal payerKey = 0xB0B;
    address internal payer = vm.addr(payerKey);
    uint256 internal payer2Key = 0xCA7;
    address internal payer2 = vm.addr(payer2Key);

    // a merchant that holds funds for refunds (7-day window), and one settled at once
    address internal shop = makeAddr("shop");
    address internal shopPayout = makeAddr("shopPayout");
    address internal shopOperator = makeAddr("shopOperator");
    address internal cafe = makeAddr("cafe");
    address internal cafePayout = makeAddr("cafePayout");
    address internal cafeOperator = makeAddr("cafeOperator");
    address internal referrer = makeAddr("referrer");

    uint256 internal salt;

    function _deployPayFi() internal {
        vm.warp(1_700_000_000);
        _deployStablecoin();
        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](1);
        recipients[0] = FeeCollector.Recipient({account: treasury, bps: 10_000, notify: false});
        feeCollector = new FeeCollector(0, admin, recipients);

        vm.startPrank(admin);
        bytes2[] memory none = new bytes2[](0);
        registry.setPolicy(MERCHANT_POLICY, 1, 0, none);
        merchants = new MerchantRegistry(IComplianceRegistry(address(registry)), MERCHANT_POLICY, 0, admin);
        processor = new PaymentProcessor(pusd, merchants, address(feeCollector));
        merchants.setProcessor(processor);
        pool = new AdvancePool(
            IERC20(address(pusd)),
            processor,
            IComplianceRegistry(address(registry)),
            AdvancePool.Parameters({
                minCreditScore: 600,
                minAdvanceRateBps: 5000,
                maxAdvanceRateBps: 9000,
                discountFeeBps: 100,
                maxDebtPerMerchant: 1_000_000e18
            }),
            0,
            admin
        );
        merchants.setAdvancePool(address(pool));
        merchants.setTierFee(0, FEE_BPS);
        merchants.setTierFee(1, 50);
        merchants.setReferralShare(REFERRAL_SHARE_BPS);
        vm.stopPrank();

        _registerMerchant(shop, shopPayout, shopOperator, WINDOW, "SHOP");
        _registerMerchant(cafe, cafePayout, cafeOperator, 0, "CAFE");
        vm.prank(admin);
        merchants.setReferralCodeFor(referrer, "REF");

        _mint(payer, 1_000_000e18);
        _mint(payer2, 1_000_000e18);
        _mint(lp, 1_000_000e18);
    }

    // ------------------------------------------------------------------------------------------------ compliance

    function _kyc(address account, uint16 score) internal {
        vm.prank(attester);
        registry.setRecord(
            account,
            IComplianceRegistry.Record({
                kycLevel: 1,
                jurisdiction: "US",
                expiry: uint40(block.timestamp + 365 days),
                creditScore: score,
                blocked: false
            })
        );
    }

    function _registerMerchant(address merchant, address payout, address operator, uint24 window, bytes32 code)
        internal
    {
        _kyc(merchant, 800);
        vm.startPrank(merchant);
        merchants.register(payout, window, code);
        if (operator != address(0)) merchants.setOperator(operator, true);
        vm.stopPrank();
    }

    function _createProgram(address merchant, uint24 earnRateBps, uint128 pointValue)
        internal
        returns (LoyaltyPoints program)
    {
        vm.prank(merchant);
        program = LoyaltyPoints(merchants.createLoyaltyProgram("Points", "PTS", earnRateBps, pointValue, 0));
    }

    // ------------------------------------------------------------------------------------------------ payments

    function _info(address payer_, address merchant, uint256 amount, bool autoCapture)
        internal
        returns (PaymentInfo memory p)
    {
        p = PaymentInfo({
            payer: payer_,
            merchant: merchant,
            token: address(pusd),
            amount: amount,
            pointsRedeemed: 0,
            orderRef: keccak256(abi.encode("order", ++salt)),
            authorizationExpiry: uint48(block.timestamp + 1 days),
            refundExpiry: uint48(block.timestamp + 30 days),
            minFeeBps: 0,
            maxFeeBps: 1000,
            referrer: address(0),
            autoCapture: autoCapture,
            salt: uint64(uint256(keccak256(abi.encode("salt", salt)))) // 64 random bits, as the SDK uses
        });
    }

    /// @dev EIP-712 payment id computed independently: domain ("Plaza Payments", "1", chain id, processor).
    function _id(PaymentInfo memory p) internal view returns (bytes32) {
        return _idOn(p, address(processor), block.chainid);
    }

    function _idOn(PaymentInfo memory p, address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Plaza Payments"), keccak256("1"), chainId, verifyingContract)
        );
        // a struct of static fields ABI-encodes as its fields in order, exactly EIP-712's encodeData
        bytes32 structHash = keccak256(abi.encode(PAYMENT_TYPEHASH, p));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev The shopper's single signature: pUSD `ReceiveWithAuthorization` to the processor, nonce = payment id.
    function _sign3009(uint256 key, PaymentInfo memory p) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return _sign(key, _digest3009(p, _id(p)));
    }

    function _digest3009(PaymentInfo memory p, bytes32 nonce) internal view returns (bytes32) {
        return _authDigest(
            address(pusd),
            RECEIVE_TYPEHASH,
            Auth({
                from: p.payer,
                to: address(processor),
                value: p.amount,
                validAfter: 0,
                validBefore: p.authorizationExpiry,
                nonce: nonce
            })
        );
    }

    function _keyOf(address account) internal view returns (uint256) {
        if (account == payer) return payerKey;
        if (account == payer2) return payer2Key;
        revert("no key");
    }

    function _authorize3009(PaymentInfo memory p) internal returns (bytes32 id) {
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(_keyOf(p.payer), p);
        vm.prank(relayer);
        return processor.authorize(p, v, r, s);
    }

    function _pay3009(PaymentInfo memory p) internal returns (bytes32 id) {
        (uint8 v, bytes32 r, bytes32 s) = _sign3009(_keyOf(p.payer), p);
        vm.prank(relayer);
        return processor.payWithAuthorization(p, v, r, s);
    }

    function _operatorOf(address merchant) internal view returns (address) {
        if (merchant == shop) return shopOperator;
        if (merchant == cafe) return cafeOperator;
        return merchant;
    }

    function _capture(PaymentInfo memory p, uint256 amount) internal {
        vm.prank(_operatorOf(p.merchant));
        processor.capture(p, amount);
    }

    function _fee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps + 9999) / 10_000;
    }

    function _depositLp(uint256 amount) internal {
        vm.startPrank(lp);
        pusd.approve(address(pool), amount);
        pool.deposit(amount, lp);
        vm.stopPrank();
    }
}
