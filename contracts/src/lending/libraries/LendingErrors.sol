// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id} from "../../interfaces/ILendingHub.sol";

/// @title LendingErrors
/// @notice Custom errors of the LendingHub and the KinkedRateModel.
library LendingErrors {
    // ---------------------------------------------------------------- inputs

    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice An amount that must be non-zero is zero.
    error ZeroAssets();
    /// @notice Exactly one of `assets` and `shares` (or `seizedAssets` and `repaidShares`) must be non-zero.
    error InconsistentInput();
    /// @notice A value is already set to what the call asks.
    error AlreadySet();
    /// @notice The caller is not a risk manager.
    error NotRiskManager(address caller);
    /// @notice The caller is not a guardian.
    error NotGuardian(address caller);
    /// @notice The hub always has an owner.
    error RenounceDisabled();

    // ---------------------------------------------------------------- markets

    /// @notice No market with this id.
    error MarketNotCreated(Id id);
    /// @notice A market with these parameters exists.
    error MarketAlreadyCreated(Id id);
    /// @notice The rate model is not on the enabled list.
    error RateModelNotEnabled(address rateModel);
    /// @notice The LLTV is not on the enabled list.
    error LltvNotEnabled(uint256 lltv);
    /// @notice The oracle is not on the enabled list.
    error OracleNotEnabled(address oracle);
    /// @notice LLTVs must be below 1 (WAD).
    error InvalidLltv(uint256 lltv);
    /// @notice The reserve factor is above `MAX_RESERVE_FACTOR`.
    error InvalidReserveFactor(uint256 reserveFactor);
    /// @notice The minimum leftover does not fit in 72 bits.
    error InvalidMinLeftover(uint256 minLeftover);
    /// @notice A cap does not fit in 128 bits.
    error InvalidCap(uint256 cap);
    /// @notice The market is paused by the guardian.
    error MarketPaused(Id id);
    /// @notice The market is frozen by the guardian: no new borrows.
    error MarketFrozen(Id id);
    /// @notice The supply would exceed the market's supply cap.
    error SupplyCapExceeded(Id id, uint256 totalSupplyAssets, uint256 supplyCap);
    /// @notice The borrow would exceed the market's borrow cap.
    error BorrowCapExceeded(Id id, uint256 totalBorrowAssets, uint256 borrowCap);

    // ---------------------------------------------------------------- positions

    /// @notice The caller may not manage `onBehalf`'s positions.
    error Unauthorized(address caller, address onBehalf);
    /// @notice `account` does not pass the market's compliance policy.
    error NotAllowed(bytes32 policyId, address account);
    /// @notice The position would be (or is) unhealthy.
    error InsufficientCollateral(Id id, address borrower);
    /// @notice Not enough liquidity in the market (total borrow would exceed total supply).
    error InsufficientLiquidity(Id id);
    /// @notice The position is healthy: it cannot be liquidated.
    error HealthyPosition(Id id, address borrower);
    /// @notice The borrow would leave a debt below the market's minimum, or a partial liquidation would leave a debt
    /// or a collateral value below it (repay all the debt or seize all the collateral instead).
    error DustLeft(Id id, uint256 debtLeft, uint256 collateralValueLeft, uint256 minLeftover);
    /// @notice The market's oracle cannot give a price now (no answer, stale or frozen feed); `reason` is the oracle's
    /// own revert data (e.g. `OracleErrors.StaleAnswer`).
    error PriceUnavailable(Id id, address oracle, bytes reason);
    /// @notice A number does not fit in its storage slot.
    error Overflow();

    // ---------------------------------------------------------------- income

    /// @notice The market's collateral does not pay income.
    error NotIncomeBearing(Id id);
    /// @notice Auto-repay needs an income-bearing collateral whose income token is the loan token.
    error AutoRepayUnavailable(Id id);
    /// @notice The hub's income account cannot pay this (it would mean attributed income exceeds income received).
    error IncomeShortfall(address collateralToken, uint256 available, uint256 amount);

    // ---------------------------------------------------------------- authorizations

    /// @notice The signed authorization's deadline has passed.
    error SignatureExpired(uint256 deadline);
    /// @notice The signed authorization's nonce is not the authorizer's next nonce.
    error InvalidNonce(address authorizer, uint256 nonce, uint256 expected);
    /// @notice The signature is not the authorizer's.
    error InvalidSignature();

    // ---------------------------------------------------------------- rate models

    /// @notice The kink must be strictly between 0 and 1 (WAD).
    error InvalidKink(uint256 kink);
    /// @notice The largest rate of the model exceeds `MAX_BORROW_RATE`.
    error RateTooHigh(uint256 maxRate);
}
