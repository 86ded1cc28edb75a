// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../../src/interfaces/IPaymentProcessor.sol";
import {AdvancePool} from "../../../src/payfi/AdvancePool.sol";
import {PaymentProcessor} from "../../../src/payfi/PaymentProcessor.sol";
import {PayFiEvents} from "../../../src/payfi/libraries/PayFiEvents.sol";
import {PlazaUSD} from "../../../src/stablecoin/PlazaUSD.sol";
import {Signing} from "../../utils/Signing.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Drives the PayFi module with several payers, two merchants (one holding funds for a refund window, one
/// settled at once), their operators, a referrer, a liquidity provider and a risk manager. Keeps ghost totals of
/// every payment and of every settlement event for the invariants.
contract PayFiHandler is Signing {
    struct Ghost {
        PaymentInfo info;
        bytes32 id;
        uint256 authorized;
        uint256 captured;
        uint256 returned; // voided + reclaimed
        uint256 refunded;
    }

    uint256 internal constant FEE_BPS = 100;
    uint256 internal constant SHARE_BPS = 2000;

    PlazaUSD internal immutable pusd;
    PaymentProcessor internal immutable processor;
    AdvancePool internal immutable pool;
    address[2] internal merchantList;
    address[2] internal operatorList;
    uint256[3] internal payerKeys;
    address public immutable referrer;
    address internal immutable lp;
    address internal immutable riskManager;

    Ghost[] internal _ghosts;

    uint256 public sumReleased;
    uint256 public sumFee;
    uint256 public sumReferral;
    uint256 public sumPoints;
    uint256 public paidToMerchants;
    uint256 public repaidToPool;
    uint256 public swept;
    uint256 public claimedReferral;
    uint256 public splitViolations;
    /// @notice How many times each action really ran (not an early return), for the call summary.
    mapping(bytes32 action => uint256) public ran;
    uint256 internal _salt;

    constructor(
        PlazaUSD pusd_,
        PaymentProcessor processor_,
        AdvancePool pool_,
        address[2] memory merchants_,
        address[2] memory operators_,
        uint256[3] memory payerKeys_,
        address referrer_,
        address lp_,
        address riskManager_
    ) {
        pusd = pusd_;
        processor = processor_;
        pool = pool_;
        merchantList = merchants_;
        operatorList = operators_;
        payerKeys = payerKeys_;
        referrer = referrer_;
        lp = lp_;
        riskManager = riskManager_;
    }

    // ------------------------------------------------------------------------------------------------ views

    function ghostCount() external view returns (uint256) {
        return _ghosts.length;
    }

    function ghost(uint256 i) external view returns (Ghost memory) {
        return _ghosts[i];
    }

    function payers() public view returns (address[3] memory list) {
        for (uint256 i; i < 3; ++i) {
            list[i] = vm.addr(payerKeys[i]);
        }
    }

    function merchants() external view returns (address[2] memory) {
        return merchantList;
    }

    // ------------------------------------------------------------------------------------------------ payments

    function authorize(uint256 seed, uint256 amount) external {
        _open(seed, amount, false, (seed >> 8) % 2);
    }

    function pay(uint256 seed, uint256 amount) external {
        _open(seed, amount, true, (seed >> 8) % 2);
    }

    function capture(uint256 index, uint256 amount) external {
        (bool found, uint256 i, uint256 capturable,,) = _find(index, _Need.CapturableLive);
        if (!found) return;
        Ghost storage g = _ghosts[i];
        amount = bound(amount, 1, capturable);
        vm.recordLogs();
        vm.prank(_operatorOf(g.info.merchant));
        processor.capture(g.info, amount);
        g.captured += amount;
        ++ran["capture"];
        _scan();
    }

    function voidPayment(uint256 index) external {
        (bool found, uint256 i, uint256 capturable,,) = _find(index, _Need.Capturable);
        if (!found) return;
        Ghost storage g = _ghosts[i];
        vm.prank(_operatorOf(g.info.merchant));
        processor.void(g.info);
        g.returned += capturable;
        ++ran["void"];
    }

    function reclaim(uint256 index) external {
        (bool found, uint256 i, uint256 capturable,,) = _find(index, _Need.Capturable);
        if (!found) return;
        Ghost storage g = _ghosts[i];
        if (block.timestamp < g.info.authorizationExpiry) vm.warp(g.info.authorizationExpiry);
        vm.prank(g.info.payer);
        processor.reclaim(g.info);
        g.returned += capturable;
        ++ran["reclaim"];
    }

    function refund(uint256 index, uint256 amount) external {
        (bool found, uint256 i,, uint256 held,) = _find(index, _Need.Refundable);
        if (!found) return;
        Ghost storage g = _ghosts[i];
        amount = bound(amount, 1, held);
        vm.prank(_operatorOf(g.info.merchant));
        processor.refund(g.info, amount);
        g.refunded += amount;
        ++ran["refund"];
    }

    function settleAll() external {
        uint256 n = _ghosts.length;
        PaymentInfo[] memory infos = new PaymentInfo[](n);
        for (uint256 i; i < n; ++i) {
            infos[i] = _ghosts[i].info;
        }
        vm.recordLogs();
        processor.settleBatch(infos);
        _scan();
    }

    function payout(uint256 seed) external {
        vm.recordLogs();
        processor.payout(merchantList[seed % 2]);
        _scan();
    }

    function claimReferral() external {
        if (processor.creditOf(referrer) == 0) return;
        vm.prank(referrer);
        claimedReferral += processor.claim(referrer);
        ++ran["claim"];
    }

    function sweepFees() external {
        swept += processor.sweepFees();
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 18 hours));
    }

    // ------------------------------------------------------------------------------------------------ pool

    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 100_000e18);
        vm.startPrank(lp);
        pusd.approve(address(pool), amount);
        pool.deposit(amount, lp);
        vm.stopPrank();
    }

    function withdraw(uint256 amount) external {
        uint256 max = pool.maxWithdraw(lp);
        if (max == 0) return;
        amount = bound(amount, 1, max);
        vm.prank(lp);
        pool.withdraw(amount, lp, lp);
    }

    function advance(uint256 seed, uint256 amount) external {
        address merchant = merchantList[0];
        if (pool.advanceLimit(merchant) == 0) _open(seed, amount, true, 0); // funds held at the shop
        _advance(amount);
    }

    /// @notice A merchant takes an advance and then refunds the payment behind it: the debt outlives its
    /// collateral, is charged to later settlements, and may be written off.
    function refundAfterAdvance(uint256 seed, uint256 amount) external {
        uint256 i = _open(seed, amount, true, 0);
        if (_advance(amount) == 0) return;
        Ghost storage g = _ghosts[i];
        (, uint256 held,,,) = processor.paymentState(g.id);
        vm.prank(operatorList[0]);
        processor.refund(g.info, held);
        g.refunded += held;
        ++ran["refundAfterAdvance"];
    }

    function writeOff() external {
        (uint256 pending, uint256 claimable, uint256 debt) = processor.merchantBalances(merchantList[0]);
        if (debt <= pending + claimable) return;
        vm.prank(riskManager);
        pool.writeOff(merchantList[0]);
        ++ran["writeOff"];
    }

    // ------------------------------------------------------------------------------------------------ internal

    enum _Need {
        Capturable,
        CapturableLive,
        Refundable
    }

    /// @dev The first payment from `index` on (wrapping) that meets `need`.
    function _find(uint256 index, _Need need)
        internal
        view
        returns (bool found, uint256 i, uint256 capturable, uint256 held, uint256 releaseAt)
    {
        uint256 n = _ghosts.length;
        for (uint256 k; k < n; ++k) {
            i = (index % n + k) % n;
            (capturable, held, releaseAt,,) = processor.paymentState(_ghosts[i].id);
            if (need == _Need.Capturable && capturable != 0) return (true, i, capturable, held, releaseAt);
            if (
                need == _Need.CapturableLive && capturable != 0 && block.timestamp < _ghosts[i].info.authorizationExpiry
            ) return (true, i, capturable, held, releaseAt);
            if (need == _Need.Refundable && held != 0 && block.timestamp < releaseAt) {
                return (true, i, capturable, held, releaseAt);
            }
        }
    }

    function _advance(uint256 amount) internal returns (uint256) {
        address merchant = merchantList[0];
        uint256 limit = pool.advanceLimit(merchant);
        uint256 idle = pool.idleAssets();
        if (limit < 100 || idle < 100) return 0;
        amount = bound(amount, 100, limit < idle ? limit : idle);
        vm.prank(merchant);
        pool.advance(amount, 0);
        ++ran["advance"];
        return amount;
    }

    function _open(uint256 seed, uint256 amount, bool direct, uint256 merchantIndex) internal returns (uint256 index) {
        uint256 key = payerKeys[seed % 3];
        PaymentInfo memory p = _build(seed, bound(amount, 1, 50_000e18), direct, merchantIndex, vm.addr(key));
        bytes32 id = processor.paymentId(p);
        (uint8 v, bytes32 r, bytes32 s) = _sign(key, _digestFor(p, id));
        vm.recordLogs();
        if (direct) processor.payWithAuthorization(p, v, r, s);
        else processor.authorize(p, v, r, s);
        ++ran[direct ? bytes32("pay") : bytes32("authorize")];
        index = _ghosts.length;
        _ghosts.push(
            Ghost({info: p, id: id, authorized: p.amount, captured: direct ? p.amount : 0, returned: 0, refunded: 0})
        );
        _scan();
    }

    function _build(uint256 seed, uint256 amount, bool direct, uint256 merchantIndex, address payer)
        internal
        returns (PaymentInfo memory)
    {
        return PaymentInfo({
            payer: payer,
            merchant: merchantList[merchantIndex],
            token: address(pusd),
            amount: amount,
            pointsRedeemed: 0,
            orderRef: keccak256(abi.encode("order", ++_salt)),
            authorizationExpiry: uint48(block.timestamp + 1 days + (seed >> 16) % 2 days),
            refundExpiry: uint48(block.timestamp + 40 days),
            minFeeBps: 0,
            maxFeeBps: 1000,
            referrer: (seed >> 24) % 2 == 0 ? referrer : address(0),
            autoCapture: direct,
            salt: _salt
        });
    }

    function _digestFor(PaymentInfo memory p, bytes32 id) internal view returns (bytes32) {
        return _authDigest(
            address(pusd),
            RECEIVE_TYPEHASH,
            Auth({
                from: p.payer,
                to: address(processor),
                value: p.amount,
                validAfter: 0,
                validBefore: p.authorizationExpiry,
                nonce: id
            })
        );
    }

    /// @dev Accumulates every settlement and payout event of the last call and checks each split on the spot:
    /// fee rounded up at the tier rate, referral share only for the registered referrer, points at the earn rate.
    function _scan() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            bytes32 topic = logs[i].topics[0];
            if (
                logs[i].emitter == address(processor)
                    && (topic == PayFiEvents.PaymentReleased.selector || topic == PayFiEvents.PaymentPaid.selector)
            ) {
                (, uint256 amount, uint256 fee, address ref, uint256 referralFee, uint256 points) =
                    abi.decode(logs[i].data, (bytes32, uint256, uint256, address, uint256, uint256));
                sumReleased += amount;
                sumFee += fee;
                sumReferral += referralFee;
                sumPoints += points;
                uint256 expectedReferral = ref == referrer ? fee * SHARE_BPS / 10_000 : 0;
                if (fee != (amount * FEE_BPS + 9999) / 10_000) ++splitViolations;
                if (referralFee != expectedReferral) ++splitViolations;
                if (points != amount) ++splitViolations; // both programs earn 1 point per pUSD
            } else if (logs[i].emitter == address(processor) && topic == PayFiEvents.MerchantPaidOut.selector) {
                (uint256 paid,) = abi.decode(logs[i].data, (uint256, uint256));
                paidToMerchants += paid;
            } else if (logs[i].emitter == address(processor) && topic == PayFiEvents.AdvanceRepaid.selector) {
                (uint256 repaid,) = abi.decode(logs[i].data, (uint256, uint256));
                repaidToPool += repaid;
            }
        }
    }

    function _operatorOf(address merchant) internal view returns (address) {
        return merchant == merchantList[0] ? operatorList[0] : operatorList[1];
    }
}
