// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../interfaces/ILendingHub.sol";

/// @title LendingEvents
/// @notice Events of the LendingHub. Every event that moves value carries the deltas (assets and shares) so that an
/// indexer can rebuild each market's totals and each position exactly from the event stream alone.
library LendingEvents {
    // ---------------------------------------------------------------- admin, risk manager, guardian

    /// @notice The owner granted or revoked the risk-manager role.
    event RiskManagerSet(address indexed account, bool enabled);
    /// @notice The owner granted or revoked the guardian role.
    event GuardianSet(address indexed account, bool enabled);
    /// @notice A rate model was enabled or disabled for new markets.
    event RateModelEnabled(address indexed rateModel, bool enabled);
    /// @notice An LLTV was enabled or disabled for new markets.
    event LltvEnabled(uint256 lltv, bool enabled);
    /// @notice An oracle was enabled or disabled for new markets.
    event OracleEnabled(address indexed oracle, bool enabled);
    /// @notice The FeeCollector changed.
    event FeeCollectorSet(address indexed feeCollector);
    /// @notice Defaults given to new markets changed.
    event DefaultsSet(uint256 reserveFactor, uint256 minLeftover);
    /// @notice A risk manager set a market's reserve factor (bps), caps and minimum leftover (interest was accrued
    /// first).
    event MarketConfigSet(
        Id indexed id, uint256 reserveFactor, uint256 supplyCap, uint256 borrowCap, uint256 minLeftover
    );
    /// @notice A guardian paused or unpaused a market.
    event PausedSet(Id indexed id, bool paused, address indexed guardian);
    /// @notice A guardian froze or unfroze a market.
    event FrozenSet(Id indexed id, bool frozen, address indexed guardian);

    // ---------------------------------------------------------------- markets

    /// @notice A market was created with its initial configuration.
    /// Caps start at `type(uint128).max` (none).
    event CreateMarket(
        Id indexed id,
        MarketParams params,
        address indexed creator,
        bool incomeBearing,
        uint256 reserveFactor,
        uint256 minLeftover
    );
    /// @notice Interest accrued: `interest` was added to both totals; `reserveShares` supply shares were minted for
    /// the FeeCollector.
    event AccrueInterest(Id indexed id, uint256 borrowRate, uint256 interest, uint256 reserveShares);
    /// @notice The reserve's supply was paid to the FeeCollector.
    event ReservesClaimed(Id indexed id, address indexed feeCollector, uint256 assets, uint256 shares);

    // ---------------------------------------------------------------- positions

    /// @notice Loan tokens supplied.
    event Supply(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice Loan tokens withdrawn.
    event Withdraw(
        Id indexed id,
        address caller,
        address indexed onBehalf,
        address indexed receiver,
        uint256 assets,
        uint256 shares
    );
    /// @notice Loan tokens borrowed.
    event Borrow(
        Id indexed id,
        address caller,
        address indexed onBehalf,
        address indexed receiver,
        uint256 assets,
        uint256 shares
    );
    /// @notice Debt repaid (`assets` may exceed the market's total borrow by 1 through rounding).
    event Repay(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice Collateral supplied.
    event SupplyCollateral(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets);
    /// @notice Collateral withdrawn.
    event WithdrawCollateral(
        Id indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets
    );
    /// @notice A position was liquidated; `badDebtAssets` were removed from both totals (lenders' loss).
    event Liquidate(
        Id indexed id,
        address indexed caller,
        address indexed borrower,
        address receiver,
        uint256 repaidAssets,
        uint256 repaidShares,
        uint256 seizedAssets,
        uint256 badDebtAssets,
        uint256 badDebtShares
    );

    // ---------------------------------------------------------------- income

    /// @notice Collateral income was settled to a position (its collateral changed, or income was claimed/applied).
    event IncomeAccrued(Id indexed id, address indexed borrower, uint256 amount, uint256 incomePerShare);
    /// @notice Collateral income was applied to a position's debt (auto-repay).
    event IncomeApplied(Id indexed id, address indexed borrower, uint256 assets, uint256 shares);
    /// @notice Collateral income was paid out.
    event IncomeClaimed(Id indexed id, address indexed borrower, address indexed receiver, uint256 amount);
    /// @notice A position chose auto-repay or payout.
    event AutoRepaySet(Id indexed id, address indexed borrower, bool autoRepay);

    // ---------------------------------------------------------------- flash loans and authorizations

    /// @notice A flash loan was made.
    event FlashLoan(address indexed caller, address indexed token, uint256 assets);
    /// @notice An authorization changed.
    event SetAuthorization(
        address indexed caller, address indexed authorizer, address indexed authorized, bool newIsAuthorized
    );
    /// @notice A signed authorization used `usedNonce`.
    event IncrementNonce(address indexed caller, address indexed authorizer, uint256 usedNonce);
}
