// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoyaltyPoints} from "../../../src/payfi/LoyaltyPoints.sol";
import {PayFiSetup} from "../../utils/PayFiSetup.sol";
import {PayFiHandler} from "./PayFiHandler.sol";
import {console} from "forge-std/console.sol";

/// @notice PayFi invariants under random sequences of payments, captures, voids, reclaims, refunds, settlements,
/// payouts, claims, fee sweeps, pool deposits and withdrawals, advances, write-offs and time.
contract PayFiInvariantTest is PayFiSetup {
    PayFiHandler internal handler;
    LoyaltyPoints internal shopPoints;
    LoyaltyPoints internal cafePoints;
    uint256 internal payer3Key = 0xD06;
    address internal riskManager = makeAddr("riskManager");

    function setUp() public {
        _deployPayFi();
        shopPoints = _createProgram(shop, 10_000, 0.01e18);
        cafePoints = _createProgram(cafe, 10_000, 0.01e18);
        _mint(vm.addr(payer3Key), 1_000_000e18);
        _depositLp(200_000e18);
        bytes32 role = pool.RISK_MANAGER_ROLE();
        vm.prank(admin);
        pool.grantRole(role, riskManager);

        handler = new PayFiHandler(
            pusd,
            processor,
            pool,
            [shop, cafe],
            [shopOperator, cafeOperator],
            [payerKey, payer2Key, payer3Key],
            referrer,
            lp,
            riskManager
        );
        targetContract(address(handler));
    }

    /// Call summary (visible with -vv): which actions really ran.
    function afterInvariant() external view {
        bytes32[10] memory actions = [
            bytes32("authorize"),
            "pay",
            "capture",
            "void",
            "reclaim",
            "refund",
            "claim",
            "advance",
            "refundAfterAdvance",
            "writeOff"
        ];
        for (uint256 i; i < actions.length; ++i) {
            console.log(string(abi.encodePacked(actions[i])), handler.ran(actions[i]));
        }
    }

    /// Per payment: captured + voided + reclaimed ≤ authorized, refunded ≤ captured, and the stored capturable is
    /// exactly what is left.
    function invariant_perPaymentBounds() public view {
        uint256 n = handler.ghostCount();
        for (uint256 i; i < n; ++i) {
            PayFiHandler.Ghost memory g = handler.ghost(i);
            assertLe(g.captured + g.returned, g.authorized, "captured + voided + reclaimed <= authorized");
            assertLe(g.refunded, g.captured, "refunded <= captured");
            (uint256 capturable, uint256 held,,,) = processor.paymentState(g.id);
            assertEq(capturable, g.authorized - g.captured - g.returned, "capturable is what is left");
            assertLe(held, g.captured - g.refunded, "held <= captured - refunded");
        }
    }

    /// The processor's pUSD = escrowed + held + merchants' released balances + unswept fees + credits.
    function invariant_processorHoldsWhatItOwes() public view {
        uint256 owed = processor.feesAccrued();
        uint256 n = handler.ghostCount();
        for (uint256 i; i < n; ++i) {
            (uint256 capturable, uint256 held,,,) = processor.paymentState(handler.ghost(i).id);
            owed += capturable + held;
        }
        address[2] memory ms = handler.merchants();
        for (uint256 i; i < 2; ++i) {
            (, uint256 claimable,) = processor.merchantBalances(ms[i]);
            owed += claimable + processor.creditOf(ms[i]);
        }
        address[3] memory ps = handler.payers();
        for (uint256 i; i < 3; ++i) {
            owed += processor.creditOf(ps[i]);
        }
        owed += processor.creditOf(referrer) + processor.creditOf(address(pool));
        assertEq(pusd.balanceOf(address(processor)), owed);
    }

    /// Σ held over payments = Σ merchants' pending, and every captured pUSD is refunded, held or settled.
    function invariant_heldMatchesPendingAndCaptures() public view {
        uint256 held;
        uint256 captured;
        uint256 refunded;
        uint256 n = handler.ghostCount();
        for (uint256 i; i < n; ++i) {
            PayFiHandler.Ghost memory g = handler.ghost(i);
            (, uint256 h,,,) = processor.paymentState(g.id);
            held += h;
            captured += g.captured;
            refunded += g.refunded;
        }
        (uint256 shopPending,,) = processor.merchantBalances(shop);
        (uint256 cafePending,,) = processor.merchantBalances(cafe);
        assertEq(held, shopPending + cafePending, "held == pending");
        assertEq(captured - refunded - held, handler.sumReleased(), "captured = refunded + held + settled");
    }

    /// fee + referral + merchant share = settled amount, each traced to where it is now.
    function invariant_feeSplitAddsUp() public view {
        assertEq(handler.splitViolations(), 0, "every split: fee rounded up, referral share, points at the rate");
        (, uint256 shopClaimable,) = processor.merchantBalances(shop);
        (, uint256 cafeClaimable,) = processor.merchantBalances(cafe);
        assertEq(
            handler.sumReleased() - handler.sumFee(),
            shopClaimable + cafeClaimable + handler.paidToMerchants() + handler.repaidToPool(),
            "merchant share: claimable, paid out or repaid to the pool"
        );
        assertEq(handler.sumFee() - handler.sumReferral(), processor.feesAccrued() + handler.swept(), "protocol fee");
        assertEq(handler.sumReferral(), processor.creditOf(referrer) + handler.claimedReferral(), "referral share");
    }

    /// Points minted follow the earn rate (1 point per settled pUSD at both merchants).
    function invariant_pointsFollowEarnRate() public view {
        assertEq(shopPoints.totalSupply() + cafePoints.totalSupply(), handler.sumPoints());
        assertEq(handler.sumPoints(), handler.sumReleased());
    }

    /// AdvancePool: advanced − repaid − written off = outstanding = Σ debts; total assets as documented.
    function invariant_advanceLedger() public view {
        (uint256 outstanding, uint256 advanced, uint256 repaid, uint256 writtenOff) = processor.advanceTotals();
        assertEq(advanced - repaid - writtenOff, outstanding, "advanced - repaid - loss = outstanding");
        (,, uint256 shopDebt) = processor.merchantBalances(shop);
        (,, uint256 cafeDebt) = processor.merchantBalances(cafe);
        assertEq(shopDebt + cafeDebt, outstanding);
        assertEq(repaid, handler.repaidToPool());
        uint256 gross = pool.idleAssets() + processor.creditOf(address(pool)) + outstanding;
        uint256 unvested = pool.unvestedFees();
        assertEq(pool.totalAssets(), gross > unvested ? gross - unvested : 0);
    }

    /// ERC-4626: previews never over-promise and a round trip makes no profit.
    function invariant_erc4626() public view {
        uint256 maxRedeem = pool.maxRedeem(lp);
        assertLe(pool.previewRedeem(maxRedeem), pool.idleAssets(), "redeemable is really there");
        assertLe(pool.maxWithdraw(lp), pool.idleAssets());
        uint256 assets = 1000e18;
        uint256 shares = pool.previewDeposit(assets);
        assertLe(pool.convertToAssets(pool.convertToShares(assets)), assets, "no free profit from a round trip");
        assertLe(pool.previewRedeem(shares), assets, "deposit then redeem: no profit");
        assertLe(pool.previewMint(shares), assets, "minting what a deposit gives costs no more");
        assertGe(pool.previewWithdraw(assets), shares, "withdrawing burns at least what depositing mints");
    }
}
