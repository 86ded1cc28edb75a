// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../src/interfaces/ILendingHub.sol";
import {SavingsVault} from "../../src/lending/SavingsVault.sol";
import {FixedPriceOracle} from "../utils/FixedPriceOracle.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice Fixture of the SavingsVault tests: the lending fixture plus a second market on the same share (priced by
/// a settable oracle), and spUSD allocating to both (caps 1M and 500k, supply and withdraw queues [A, B]), a 10%
/// performance fee to the FeeCollector and a 7-day vesting period.
abstract contract VaultBase is LendingBase {
    SavingsVault internal vault;
    MarketParams internal paramsB;
    Id internal idB;
    FixedPriceOracle internal oracleB;

    address internal curator = makeAddr("curator");
    address internal incomeSource = makeAddr("income source");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    uint256 internal constant FEE = 0.1e18;
    uint32 internal constant VESTING = 7 days;

    function setUp() public virtual override {
        super.setUp();
        (paramsB, oracleB) = _fixedPriceMarket(1e36);
        idB = Id.wrap(keccak256(abi.encode(paramsB)));
        vault = new SavingsVault(hub, pusd, "Plaza Savings USD", "spUSD", address(collector), FEE, VESTING, 0, admin);
        vm.startPrank(admin);
        vault.grantRole(vault.CURATOR_ROLE(), curator);
        vault.grantRole(vault.INCOME_SOURCE_ROLE(), incomeSource);
        vm.stopPrank();
        vm.startPrank(curator);
        vault.setCap(id, 1_000_000e18);
        vault.setCap(idB, 500_000e18);
        Id[] memory queue = new Id[](2);
        queue[0] = id;
        queue[1] = idB;
        vault.setSupplyQueue(queue);
        vm.stopPrank();
        _fundVault(alice, 10_000_000e18);
        _fundVault(bob, 10_000_000e18);
        _fund(incomeSource, 10_000_000e18);
        vm.prank(incomeSource);
        pusd.approve(address(vault), type(uint256).max);
    }

    function _fundVault(address who, uint256 amount) internal {
        _fund(who, amount);
        vm.prank(who);
        pusd.approve(address(vault), type(uint256).max);
    }

    function _deposit(address who, uint256 assets) internal returns (uint256 shares) {
        vm.prank(who);
        shares = vault.deposit(assets, who);
    }

    /// @dev A borrower takes `amount` from market A (collateral at 2x).
    function _borrowFromA(uint256 amount) internal {
        _supplyCollateral(borrower, amount * 2);
        _borrow(borrower, amount);
    }
}
