// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../../src/interfaces/IComplianceRegistry.sol";
import {Authorization, Id, MarketParams, Signature} from "../../src/interfaces/ILendingHub.sol";
import {INavOracle} from "../../src/interfaces/INavOracle.sol";
import {LendingHub} from "../../src/lending/LendingHub.sol";
import {LendingLens} from "../../src/lending/LendingLens.sol";
import {LendingErrors} from "../../src/lending/libraries/LendingErrors.sol";
import {LendingEvents} from "../../src/lending/libraries/LendingEvents.sol";
import {NavFeedAdapter} from "../../src/oracle/NavFeedAdapter.sol";
import {OracleErrors} from "../../src/oracle/libraries/OracleErrors.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {LendingBase} from "./LendingBase.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Attacks on the hub: signature replay, share inflation by donation, oracle manipulation through one
/// reporter, stale and frozen prices, re-entrancy through token callbacks.
contract LendingHubAdversarialTest is LendingBase {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant AUTHORIZATION_TYPEHASH = keccak256(
        "Authorization(address authorizer,address authorized,bool isAuthorized,uint256 nonce,uint256 deadline)"
    );
    uint256 internal constant SECP256K1N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal signer;
    uint256 internal signerKey;
    LendingLens internal lens;

    function setUp() public override {
        super.setUp();
        (signer, signerKey) = makeAddrAndKey("signer");
        lens = new LendingLens(hub);
    }

    // ============================================================================================ signatures

    function test_domainSeparator_independentlyComputed() public view {
        assertEq(hub.DOMAIN_SEPARATOR(), _domain(address(hub), block.chainid));
    }

    function test_setAuthorizationWithSig() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        Signature memory sig = _sign(auth, address(hub), block.chainid);
        vm.expectEmit(address(hub));
        emit LendingEvents.IncrementNonce(liquidator, signer, 0);
        vm.expectEmit(address(hub));
        emit LendingEvents.SetAuthorization(liquidator, signer, stranger, true);
        vm.prank(liquidator); // anyone may submit
        hub.setAuthorizationWithSig(auth, sig);
        assertTrue(hub.isAuthorized(signer, stranger));
        assertEq(hub.nonce(signer), 1);
        // revocation by signature
        auth = _auth(stranger, false, 1, block.timestamp);
        hub.setAuthorizationWithSig(auth, _sign(auth, address(hub), block.chainid));
        assertFalse(hub.isAuthorized(signer, stranger));
    }

    function test_setAuthorizationWithSig_replayRefused() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        Signature memory sig = _sign(auth, address(hub), block.chainid);
        hub.setAuthorizationWithSig(auth, sig);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidNonce.selector, signer, 0, 1));
        hub.setAuthorizationWithSig(auth, sig);
        // the authorizer revoked directly; the old signature still cannot restore the authorization
        vm.prank(signer);
        hub.setAuthorization(stranger, false);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InvalidNonce.selector, signer, 0, 1));
        hub.setAuthorizationWithSig(auth, sig);
    }

    function test_setAuthorizationWithSig_nonceConsumedEvenWithoutChange() public {
        Authorization memory auth = _auth(stranger, false, 0, block.timestamp);
        hub.setAuthorizationWithSig(auth, _sign(auth, address(hub), block.chainid));
        assertEq(hub.nonce(signer), 1);
    }

    function test_setAuthorizationWithSig_expired() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp - 1);
        Signature memory sig = _sign(auth, address(hub), block.chainid);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.SignatureExpired.selector, block.timestamp - 1));
        hub.setAuthorizationWithSig(auth, sig);
    }

    function test_setAuthorizationWithSig_wrongSignerOrTampered() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        Signature memory sig = _sign(auth, address(hub), block.chainid);
        auth.authorized = liquidator; // tampered
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, sig);
        // someone else's key
        auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        (, uint256 otherKey) = makeAddrAndKey("other");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, _digest(auth, address(hub), block.chainid));
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, Signature(v, r, s));
        // garbage signature (ecrecover returns 0)
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, Signature(27, bytes32(0), bytes32(0)));
    }

    function test_setAuthorizationWithSig_malleableSignatureRefused() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        Signature memory sig = _sign(auth, address(hub), block.chainid);
        // the same signature with s' = n - s and the other v recovers the same signer: refused
        Signature memory twin = Signature(sig.v == 27 ? 28 : 27, sig.r, bytes32(SECP256K1N - uint256(sig.s)));
        assertEq(ecrecover(_digest(auth, address(hub), block.chainid), twin.v, twin.r, twin.s), signer);
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, twin);
    }

    function test_setAuthorizationWithSig_otherChainOrHubRefused() public {
        Authorization memory auth = _auth(stranger, true, 0, block.timestamp + 1 hours);
        // signed for another chain
        Signature memory sig = _sign(auth, address(hub), block.chainid + 1);
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, sig);
        // signed for this chain, replayed after a fork on the other chain: the domain follows block.chainid
        sig = _sign(auth, address(hub), block.chainid);
        uint256 chain = block.chainid;
        vm.chainId(chain + 7);
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        hub.setAuthorizationWithSig(auth, sig);
        vm.chainId(chain);
        // replayed on another hub
        LendingHub other = new LendingHub(IComplianceRegistry(address(registry)), address(collector), 0, 0, admin);
        vm.expectRevert(LendingErrors.InvalidSignature.selector);
        other.setAuthorizationWithSig(auth, sig);
        // the original still works here
        hub.setAuthorizationWithSig(auth, sig);
        assertTrue(hub.isAuthorized(signer, stranger));
    }

    function test_signedAuthorization_letsABundlerBorrowForTheUser() public {
        _supply(lender, 10_000e18);
        _kyc(signer);
        _supplyCollateral(signer, 1000e18);
        address bundler = makeAddr("bundler");
        Authorization memory auth = _auth(bundler, true, 0, block.timestamp + 1 hours);
        hub.setAuthorizationWithSig(auth, _sign(auth, address(hub), block.chainid));
        vm.prank(bundler);
        hub.borrow(params, 500e18, 0, signer, signer);
        assertEq(pusd.balanceOf(signer), 500e18);
    }

    // ============================================================================================ share inflation

    function test_inflationByDonation_doesNotMoveSharePrice() public {
        // the attacker is the first supplier with 1 wei and donates a fortune straight to the hub
        _pusdTo(stranger, 1_000_000e18 + 1);
        vm.startPrank(stranger);
        hub.supply(params, 1, 0, stranger);
        pusd.transfer(address(hub), 1_000_000e18);
        vm.stopPrank();
        (uint256 sa,,,) = _totals();
        assertEq(sa, 1, "donations are not market assets");
        // the victim supplies and can take everything back
        _supply(lender, 1000e18);
        uint256 back = lens.expectedSupplyAssets(params, lender);
        assertGe(back, 1000e18 - 1);
        vm.prank(lender);
        hub.withdraw(params, back, 0, lender, lender);
        assertEq(pusd.balanceOf(lender), back);
    }

    function testFuzz_sharesRoundTripNeverProfits(uint256 seedSupply, uint256 amount) public {
        seedSupply = bound(seedSupply, 1, 1e24);
        amount = bound(amount, 1, 1e24);
        _supply(lender, seedSupply);
        _supplyCollateral(borrower, 1e24);
        uint256 borrowable = seedSupply / 2;
        if (borrowable >= MIN_LEFTOVER) _borrow(borrower, borrowable);
        skip(7 days);
        _setNav(NAV);
        _pusdTo(stranger, amount);
        vm.startPrank(stranger);
        (, uint256 shares) = hub.supply(params, amount, 0, stranger);
        if (shares == 0) return;
        (uint256 out,) = hub.withdraw(params, 0, shares, stranger, stranger);
        vm.stopPrank();
        assertLe(out, amount, "a supply-withdraw round trip never returns more than was put in");
    }

    // ============================================================================================ oracle

    function test_singleReporterCannotMoveThePrice() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 800e18);
        _pusdTo(liquidator, 10_000e18);
        // one reporter reports a crash; the other two are honest: the lower median stays at the true NAV
        uint256 round = navOracle.currentRound(feedId);
        vm.prank(reporters[0]);
        navOracle.submit(feedId, round, 0.1e18);
        vm.prank(reporters[1]);
        navOracle.submit(feedId, round, NAV);
        vm.prank(reporters[2]);
        navOracle.submit(feedId, round, NAV);
        assertEq(adapter.price(), 1e36);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.HealthyPosition.selector, id, borrower));
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
        // nor inflate collateral to over-borrow
        round = navOracle.currentRound(feedId);
        vm.prank(reporters[0]);
        navOracle.submit(feedId, round, 10e18);
        vm.prank(reporters[1]);
        navOracle.submit(feedId, round, NAV);
        vm.prank(reporters[2]);
        navOracle.submit(feedId, round, NAV);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingErrors.InsufficientCollateral.selector, id, borrower));
        hub.borrow(params, 1e18, 0, borrower, borrower);
    }

    function test_frozenFeed_blocksBorrowAndLiquidation_untilGuardianDecides() public {
        _supply(lender, 10_000e18);
        _supplyCollateral(borrower, 1000e18);
        _borrow(borrower, 800e18);
        _pusdTo(liquidator, 10_000e18);
        uint256 round = navOracle.currentRound(feedId);
        for (uint256 i; i < 3; ++i) {
            vm.prank(reporters[i]);
            navOracle.submit(feedId, round, 0.5e18); // a 50% drop freezes the feed
        }
        bytes memory frozen = abi.encodeWithSelector(
            LendingErrors.PriceUnavailable.selector,
            id,
            address(adapter),
            abi.encodeWithSelector(OracleErrors.FeedIsFrozen.selector, feedId)
        );
        vm.prank(liquidator);
        vm.expectRevert(frozen);
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
        vm.prank(borrower);
        vm.expectRevert(frozen);
        hub.withdrawCollateral(params, 1e18, borrower, borrower);
        // repaying and lender withdrawals keep working
        _pusdTo(borrower, 100e18);
        vm.prank(borrower);
        hub.repay(params, 100e18, 0, borrower);
        vm.prank(lender);
        hub.withdraw(params, 100e18, 0, lender, lender);
        // the guardian confirms the drop: liquidation proceeds
        vm.prank(guardian);
        navOracle.confirmAnswer(feedId);
        vm.prank(liquidator);
        hub.liquidate(params, borrower, 100e18, 0, liquidator);
    }

    function test_noAnswerYet_isPriceUnavailable() public {
        // a fresh feed has no answer until its first round is confirmed
        INavOracle.FeedParams memory feedParams = navOracle.feedParams(feedId);
        vm.prank(admin);
        uint256 newFeed = navOracle.createFeed(address(rwa), "second", feedParams);
        MarketParams memory p = params;
        p.oracle = address(new NavFeedAdapter(navOracle, newFeed, 18));
        vm.prank(admin);
        hub.setOracleEnabled(p.oracle, true);
        hub.createMarket(p);
        _pusdTo(lender, 1000e18);
        vm.prank(lender);
        hub.supply(p, 1000e18, 0, lender);
        _rwaTo(borrower, 1000e18);
        vm.startPrank(borrower);
        hub.supplyCollateral(p, 1000e18, borrower);
        vm.expectRevert(
            abi.encodeWithSelector(
                LendingErrors.PriceUnavailable.selector,
                Id.wrap(keccak256(abi.encode(p))),
                p.oracle,
                abi.encodeWithSelector(OracleErrors.NoAnswer.selector, newFeed)
            )
        );
        hub.borrow(p, 100e18, 0, borrower, borrower);
        vm.stopPrank();
    }

    // ============================================================================================ re-entrancy

    function test_reentrancyThroughCollateralCallback_refused() public {
        (MarketParams memory p, HookToken token) = _hookMarket();
        _pusdTo(lender, 10_000e18);
        vm.prank(lender);
        hub.supply(p, 10_000e18, 0, lender);
        token.mint(stranger, 1000e18);
        vm.startPrank(stranger);
        token.approve(address(hub), type(uint256).max);
        hub.supplyCollateral(p, 1000e18, stranger);
        hub.setAuthorization(address(token), true);
        vm.stopPrank();
        // the token's transfer hook tries to borrow against the collateral while it is being withdrawn
        token.arm(address(hub), abi.encodeCall(hub.borrow, (p, 700e18, 0, stranger, stranger)));
        vm.prank(stranger);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        hub.withdrawCollateral(p, 1000e18, stranger, stranger);
        // ... or to withdraw twice
        token.arm(address(hub), abi.encodeCall(hub.withdrawCollateral, (p, 1000e18, stranger, stranger)));
        vm.prank(stranger);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        hub.withdrawCollateral(p, 1000e18, stranger, stranger);
        // ... or to liquidate during a supply
        token.arm(address(hub), abi.encodeCall(hub.liquidate, (p, stranger, 1, 0, stranger)));
        token.mint(stranger, 1e18);
        vm.prank(stranger);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        hub.supplyCollateral(p, 1e18, stranger);
        // disarmed, everything works
        token.arm(address(0), "");
        vm.prank(stranger);
        hub.withdrawCollateral(p, 1000e18, stranger, stranger);
        assertEq(token.balanceOf(stranger), 1001e18);
    }

    function _hookMarket() internal returns (MarketParams memory p, HookToken token) {
        token = new HookToken();
        FixedPriceOracle oracle = new FixedPriceOracle(1e36);
        vm.prank(admin);
        hub.setOracleEnabled(address(oracle), true);
        p = params;
        p.collateralToken = address(token);
        p.oracle = address(oracle);
        p.policyId = bytes32(0);
        hub.createMarket(p);
    }

    // ============================================================================================ helpers

    function _auth(address authorized, bool isAuthorized, uint256 nonce, uint256 deadline)
        internal
        view
        returns (Authorization memory)
    {
        return Authorization({
            authorizer: signer, authorized: authorized, isAuthorized: isAuthorized, nonce: nonce, deadline: deadline
        });
    }

    function _domain(address verifying, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Plaza LendingHub"), keccak256("1"), chainId, verifying));
    }

    function _digest(Authorization memory auth, address verifying, uint256 chainId) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                AUTHORIZATION_TYPEHASH, auth.authorizer, auth.authorized, auth.isAuthorized, auth.nonce, auth.deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", _domain(verifying, chainId), structHash));
    }

    function _sign(Authorization memory auth, address verifying, uint256 chainId)
        internal
        view
        returns (Signature memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKey, _digest(auth, verifying, chainId));
        return Signature(v, r, s);
    }
}

/// @notice An ERC-20 whose transfers call an armed target (an ERC-777-style hook), bubbling its revert.
contract HookToken is ERC20 {
    address internal target;
    bytes internal data;

    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target != address(0) && from != address(0)) {
            (bool ok, bytes memory ret) = target.call(data);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 32), mload(ret))
                }
            }
        }
    }
}
