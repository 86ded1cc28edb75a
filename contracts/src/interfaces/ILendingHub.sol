// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev A market's id: `keccak256(abi.encode(MarketParams))`.
type Id is bytes32;

/// @notice What defines an isolated market. Anyone may create a market from enabled components.
/// @param loanToken The token lent and borrowed (pUSD).
/// @param collateralToken The token borrowers post (an RwaShareToken, or any ERC-20).
/// @param oracle An enabled `IOracle`: price of one collateral base unit in loan base units, scaled by 1e36.
/// @param rateModel An enabled `IRateModel`.
/// @param lltv Liquidation loan-to-value (WAD), from the enabled list; a position is liquidatable when
/// `debt > collateral * price / 1e36 * lltv / 1e18`.
/// @param policyId ComplianceRegistry policy borrowers and receivers of seized collateral must pass; `bytes32(0)`
/// is an open market (no check, no external call).
struct MarketParams {
    address loanToken;
    address collateralToken;
    address oracle;
    address rateModel;
    uint256 lltv;
    bytes32 policyId;
}

/// @notice An EIP-712 authorization: `authorizer` lets `authorized` manage its positions (or revokes it).
struct Authorization {
    address authorizer;
    address authorized;
    bool isAuthorized;
    uint256 nonce;
    uint256 deadline;
}

/// @notice An ECDSA signature.
struct Signature {
    uint8 v;
    bytes32 r;
    bytes32 s;
}

/// @title ILendingHub
/// @notice One contract, many isolated lending markets (Morpho Blue's shape) with supply and borrow caps, a guardian
/// pause and freeze, a reserve factor, permissioned borrowers, dust-free liquidations and collateral income
/// pass-through.
/// @dev Amount arguments come in pairs `(assets, shares)`: exactly one must be non-zero. Rounding always favours the
/// market (lenders): supplying and repaying round shares down, withdrawing and borrowing round shares up.
interface ILendingHub {
    // ------------------------------------------------------------------------------------------------------------
    // Lenders
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Supplies loan tokens (pulled from the caller) to `onBehalf`'s supply position.
    function supply(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf)
        external
        returns (uint256 assetsSupplied, uint256 sharesSupplied);

    /// @notice Withdraws from `onBehalf`'s supply position (caller authorized) to `receiver`; works while paused.
    function withdraw(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256 assetsWithdrawn, uint256 sharesWithdrawn);

    // ------------------------------------------------------------------------------------------------------------
    // Borrowers
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Adds collateral (pulled from the caller) to `onBehalf`'s position.
    function supplyCollateral(MarketParams calldata params, uint256 assets, address onBehalf) external;

    /// @notice Removes collateral from `onBehalf`'s position (caller authorized) to `receiver`; the position must stay
    /// healthy at a fresh price.
    function withdrawCollateral(MarketParams calldata params, uint256 assets, address onBehalf, address receiver)
        external;

    /// @notice Borrows for `onBehalf` (caller authorized; `onBehalf` must pass the market's policy) to `receiver`.
    function borrow(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256 assetsBorrowed, uint256 sharesBorrowed);

    /// @notice Repays `onBehalf`'s debt with loan tokens pulled from the caller; works while paused or frozen.
    function repay(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf)
        external
        returns (uint256 assetsRepaid, uint256 sharesRepaid);

    // ------------------------------------------------------------------------------------------------------------
    // Liquidators
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Liquidates an unhealthy position: repays debt (pulled from the caller) and sends seized collateral,
    /// with the liquidation incentive, to `receiver` (which must pass the market's policy). Give either the collateral
    /// to seize or the borrow shares to repay.
    function liquidate(
        MarketParams calldata params,
        address borrower,
        uint256 seizedAssets,
        uint256 repaidShares,
        address receiver
    ) external returns (uint256 seized, uint256 repaidAssets);

    // ------------------------------------------------------------------------------------------------------------
    // Collateral income
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Chooses whether `onBehalf`'s collateral income repays its debt in this market (caller authorized).
    function setAutoRepay(MarketParams calldata params, address onBehalf, bool autoRepay) external;

    /// @notice Pays `onBehalf`'s collateral income (caller authorized) to `receiver`; an auto-repay position first
    /// repays its debt with it. Returns the amount paid out.
    function claimCollateralIncome(MarketParams calldata params, address onBehalf, address receiver)
        external
        returns (uint256 paid);

    /// @notice Anyone: applies an auto-repay position's collateral income to its debt. Returns the assets repaid.
    function applyIncome(MarketParams calldata params, address borrower) external returns (uint256 repaid);

    // ------------------------------------------------------------------------------------------------------------
    // Markets, interest, reserves, flash loans, authorizations
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Creates a market from enabled components; returns its id.
    function createMarket(MarketParams calldata params) external returns (Id id);

    /// @notice Accrues interest of a market up to now.
    function accrueInterest(MarketParams calldata params) external;

    /// @notice Anyone: sends the reserve's supply (as much as liquidity allows) to the FeeCollector.
    function claimReserves(MarketParams calldata params) external returns (uint256 assets);

    /// @notice Lends `assets` of `token` held by the hub to the caller for one call, for free: the hub calls
    /// `IFlashBorrower(msg.sender).onFlashLoan(token, assets, data)` and then pulls `assets` back.
    function flashLoan(address token, uint256 assets, bytes calldata data) external;

    /// @notice Lets `authorized` manage the caller's positions (withdraw, borrow, withdraw collateral, income).
    function setAuthorization(address authorized, bool newIsAuthorized) external;

    /// @notice Same as `setAuthorization`, signed by the authorizer (EIP-712, ECDSA), submitted by anyone.
    function setAuthorizationWithSig(Authorization calldata authorization, Signature calldata signature) external;

    // ------------------------------------------------------------------------------------------------------------
    // Views (storage as packed; interest accrued up to `lastUpdate`)
    // ------------------------------------------------------------------------------------------------------------

    /// @notice A market's totals and settings. `lastUpdate` is 0 for a market never created. `flags`: 1 paused,
    /// 2 frozen, 4 income-bearing collateral, 8 collateral income can repay debt (income token = loan token).
    /// `reserveFactor` in bps; `reserveShares` are the FeeCollector's supply shares (part of `totalSupplyShares`).
    function market(Id id)
        external
        view
        returns (
            uint128 totalSupplyAssets,
            uint128 totalSupplyShares,
            uint128 totalBorrowAssets,
            uint128 totalBorrowShares,
            uint32 lastUpdate,
            uint16 reserveFactor,
            uint8 flags,
            uint72 minLeftover,
            uint128 reserveShares
        );

    /// @notice A market's supply and borrow caps (loan base units; `type(uint128).max` = no cap).
    function caps(Id id) external view returns (uint128 supplyCap, uint128 borrowCap);

    /// @notice An account's supply shares, borrow shares and collateral in a market.
    function position(Id id, address account)
        external
        view
        returns (uint256 supplyShares, uint128 borrowShares, uint128 collateral);

    /// @notice An account's collateral income in a market: `incomePerShare()` (mod 2^128) at its last settlement,
    /// income owed as of then, and whether income repays its debt.
    function income(Id id, address account) external view returns (uint128 checkpoint, uint120 owed, bool autoRepay);

    /// @notice The parameters of a market (zeros for a market never created).
    function idToMarketParams(Id id)
        external
        view
        returns (
            address loanToken,
            address collateralToken,
            address oracle,
            address rateModel,
            uint256 lltv,
            bytes32 policyId
        );

    /// @notice Whether `authorized` may manage `authorizer`'s positions.
    function isAuthorized(address authorizer, address authorized) external view returns (bool);

    /// @notice The next nonce of `setAuthorizationWithSig` for `authorizer`.
    function nonce(address authorizer) external view returns (uint256);
}

/// @title IFlashBorrower
/// @notice Callback of `ILendingHub.flashLoan`.
interface IFlashBorrower {
    /// @notice Called with the borrowed `assets` of `token` already transferred; the hub pulls them back afterwards
    /// (approve the hub).
    function onFlashLoan(address token, uint256 assets, bytes calldata data) external;
}
