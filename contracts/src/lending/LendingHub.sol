// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {Authorization, IFlashBorrower, ILendingHub, Id, MarketParams, Signature} from "../interfaces/ILendingHub.sol";
import {IOracle} from "../interfaces/IOracle.sol";
import {IRateModel} from "../interfaces/IRateModel.sol";
import {IRwaShareToken} from "../interfaces/IRwaShareToken.sol";
import {LendingErrors} from "./libraries/LendingErrors.sol";
import {LendingEvents} from "./libraries/LendingEvents.sol";
import {LendingMath} from "./libraries/LendingMath.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title LendingHub
/// @notice One contract, many isolated lending markets: lenders supply a loan token (pUSD) for shares, borrowers post
/// collateral (RWA shares) and borrow against it up to a liquidation LTV priced by an oracle. Morpho Blue's shape, plus
/// what RWA markets need: supply and borrow caps, a guardian pause and freeze, a reserve factor for the FeeCollector,
/// compliance-gated borrowers and liquidation receivers, dust-free liquidations, and collateral income passed through
/// to borrowers (paid out, or repaying their debt).
/// @dev Roles: the default admin (two-step with a delay; a timelock in production) enables rate models, LLTVs and
/// oracles, sets the FeeCollector and the defaults of new markets; `RISK_MANAGER_ROLE` sets a market's reserve factor,
/// caps and minimum leftover; `GUARDIAN_ROLE` pauses and freezes markets. Nobody can move users' funds.
///
/// Storage is packed so that each operation reads every slot it needs once: a market is three slots (supply totals,
/// borrow totals, `lastUpdate | reserveFactor | flags | minLeftover | reserveShares`) plus one slot of caps read only
/// by `supply` and `borrow`; a position is one slot for lenders, one for borrowers (`borrowShares | collateral`, as
/// Morpho) and, in income-bearing markets only, one income slot (`checkpoint | owed | autoRepay`).
///
/// Collateral income: the hub holds the collateral, so an `IRwaShareToken` streams its income to the hub. Each
/// position keeps the token's `incomePerShare()` seen at its last collateral change; before every change the hub
/// credits `collateral * (incomePerShare - checkpoint) / 1e30` to the position (exactly what the borrower would have
/// earned holding the shares itself). Credits are paid out of income the hub actually received (`claimIncome`,
/// measured by balance difference), so a market's collateral token can never make the hub pay more than it received.
contract LendingHub is ILendingHub, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using LendingMath for uint256;

    // ------------------------------------------------------------------------------------------------------------
    // Constants
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Largest reserve factor (bps of interest): 50%.
    uint256 public constant MAX_RESERVE_FACTOR = 5000;
    /// @notice Scale of `IRwaShareToken.incomePerShare()`.
    uint256 public constant INCOME_PRECISION = 1e30;
    /// @notice EIP-712 domain type: `{name: "Plaza LendingHub", version: "1", chainId, verifyingContract}`.
    bytes32 public constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @notice EIP-712 type of `Authorization`.
    bytes32 public constant AUTHORIZATION_TYPEHASH = keccak256(
        "Authorization(address authorizer,address authorized,bool isAuthorized,uint256 nonce,uint256 deadline)"
    );

    bytes32 internal constant _NAME_HASH = keccak256("Plaza LendingHub");
    bytes32 internal constant _VERSION_HASH = keccak256("1");
    uint256 internal constant _BPS = 10_000;
    /// @dev Largest `s` of a non-malleable ECDSA signature (secp256k1n / 2).
    uint256 internal constant _MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    uint256 internal constant _PAUSED = 1;
    uint256 internal constant _FROZEN = 2;
    uint256 internal constant _INCOME = 4;
    uint256 internal constant _INCOME_REPAYS = 8;

    // ------------------------------------------------------------------------------------------------------------
    // Storage
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Three slots. `lastUpdate` is 0 until the market is created.
    struct MarketState {
        uint128 totalSupplyAssets;
        uint128 totalSupplyShares;
        uint128 totalBorrowAssets;
        uint128 totalBorrowShares;
        uint32 lastUpdate;
        uint16 reserveFactor;
        uint8 flags;
        uint72 minLeftover;
        uint128 reserveShares;
    }

    /// @dev Results of a liquidation (memory, to keep the stack shallow without via-IR).
    struct Liquidation {
        uint256 seizedAssets;
        uint256 repaidShares;
        uint256 repaidAssets;
        uint256 badDebtAssets;
        uint256 badDebtShares;
    }

    /// @dev A position's debt and its market's borrow totals, updated in memory by income repayments.
    struct DebtState {
        uint256 borrowShares;
        uint256 totalAssets;
        uint256 totalShares;
    }

    struct Defaults {
        uint16 reserveFactor;
        uint72 minLeftover;
    }

    struct IncomeAccount {
        address incomeToken;
        uint96 cash;
    }

    struct Caps {
        uint128 supplyCap;
        uint128 borrowCap;
    }

    struct Pos {
        uint256 supplyShares;
        uint128 borrowShares;
        uint128 collateral;
    }

    /// @dev `checkpoint` is `incomePerShare()` modulo 2^128: differences are taken modulo 2^128 (like Uniswap's fee
    /// growth), exact as long as one position's collateral earns less than 2^128 / 1e30 per base unit between two
    /// settlements.
    struct Income {
        uint128 checkpoint;
        uint120 owed;
        bool autoRepay;
    }

    /// @notice The ComplianceRegistry that decides who passes a market's policy.
    IComplianceRegistry public immutable complianceRegistry;

    /// @notice Where reserves are paid.
    address public feeCollector;
    /// @notice Accounts that may set a market's reserve factor, caps and minimum leftover.
    mapping(address => bool) public isRiskManager;
    /// @notice Accounts that may pause and freeze markets.
    mapping(address => bool) public isGuardian;
    /// @notice Reserve factor (bps) and minimum leftover (loan base units, e.g. 100e18 for 100 pUSD; markets of loan
    /// tokens with other decimals get theirs from a risk manager) of new markets.
    Defaults public defaults;

    /// @notice Market state: totals (interest accrued up to `lastUpdate`, which is 0 for a market never created),
    /// reserve factor (bps), flags (1 paused, 2 frozen, 4 income-bearing, 8 income repays debt), minimum leftover
    /// and the reserve's supply shares.
    mapping(Id => MarketState) public market;
    /// @notice Market caps: largest total supply and total borrow (loan base units) an operation may leave.
    mapping(Id => Caps) public caps;
    /// @notice Positions: supply shares, borrow shares, collateral.
    mapping(Id => mapping(address => Pos)) public position;
    /// @notice Collateral income of positions: `incomePerShare()` (mod 2^128) at the last settlement, income owed,
    /// auto-repay choice.
    mapping(Id => mapping(address => Income)) public income;
    /// @notice The parameters of each market (zeros for a market never created).
    mapping(Id => MarketParams) public idToMarketParams;

    /// @notice Rate models markets may be created with.
    mapping(address => bool) public isRateModelEnabled;
    /// @notice LLTVs markets may be created with.
    mapping(uint256 => bool) public isLltvEnabled;
    /// @notice Oracles markets may be created with.
    mapping(address => bool) public isOracleEnabled;
    /// @notice Whether `authorized` may manage `authorizer`'s positions.
    mapping(address authorizer => mapping(address authorized => bool)) public isAuthorized;
    /// @notice Next nonce of `setAuthorizationWithSig` for each authorizer.
    mapping(address authorizer => uint256) public nonce;
    /// @notice Per income-bearing collateral token: its income token (fixed at its first market's creation) and the
    /// income received from it and not paid or applied yet.
    mapping(address collateralToken => IncomeAccount) public incomeAccount;

    /// @param registry The ComplianceRegistry.
    /// @param feeCollector_ Where reserves go.
    /// @param defaultReserveFactor_ Reserve factor (bps) of new markets.
    /// @param defaultMinLeftover_ Minimum leftover of new markets in whole loan tokens.
    /// @param admin The owner (a timelock in production; two-step transfer).
    constructor(
        IComplianceRegistry registry,
        address feeCollector_,
        uint16 defaultReserveFactor_,
        uint72 defaultMinLeftover_,
        address admin
    ) Ownable(admin) {
        if (address(registry) == address(0) || feeCollector_ == address(0)) {
            revert LendingErrors.ZeroAddress();
        }
        complianceRegistry = registry;
        feeCollector = feeCollector_;
        emit LendingEvents.FeeCollectorSet(feeCollector_);
        _setDefaults(defaultReserveFactor_, defaultMinLeftover_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Owner, risk managers, guardians
    // ------------------------------------------------------------------------------------------------------------

    modifier onlyRiskManager() {
        if (!isRiskManager[msg.sender]) revert LendingErrors.NotRiskManager(msg.sender);
        _;
    }

    modifier onlyGuardian() {
        if (!isGuardian[msg.sender]) revert LendingErrors.NotGuardian(msg.sender);
        _;
    }

    /// @notice Owner: grants or revokes the risk-manager role.
    function setRiskManager(address account, bool enabled) external onlyOwner {
        if (isRiskManager[account] == enabled) revert LendingErrors.AlreadySet();
        isRiskManager[account] = enabled;
        emit LendingEvents.RiskManagerSet(account, enabled);
    }

    /// @notice Owner: grants or revokes the guardian role.
    function setGuardian(address account, bool enabled) external onlyOwner {
        if (isGuardian[account] == enabled) revert LendingErrors.AlreadySet();
        isGuardian[account] = enabled;
        emit LendingEvents.GuardianSet(account, enabled);
    }

    /// @notice Disabled: the hub always has an owner.
    function renounceOwnership() public view override onlyOwner {
        revert LendingErrors.RenounceDisabled();
    }

    /// @notice Admin: allows (or stops allowing) new markets to use `rateModel`. Existing markets are unaffected.
    function setRateModelEnabled(address rateModel, bool enabled) external onlyOwner {
        if (isRateModelEnabled[rateModel] == enabled) revert LendingErrors.AlreadySet();
        isRateModelEnabled[rateModel] = enabled;
        emit LendingEvents.RateModelEnabled(rateModel, enabled);
    }

    /// @notice Admin: allows (or stops allowing) new markets to use `lltv` (WAD, below 1).
    function setLltvEnabled(uint256 lltv, bool enabled) external onlyOwner {
        if (lltv >= LendingMath.WAD) revert LendingErrors.InvalidLltv(lltv);
        if (isLltvEnabled[lltv] == enabled) revert LendingErrors.AlreadySet();
        isLltvEnabled[lltv] = enabled;
        emit LendingEvents.LltvEnabled(lltv, enabled);
    }

    /// @notice Admin: allows (or stops allowing) new markets to use `oracle`. Existing markets are unaffected.
    function setOracleEnabled(address oracle, bool enabled) external onlyOwner {
        if (isOracleEnabled[oracle] == enabled) revert LendingErrors.AlreadySet();
        isOracleEnabled[oracle] = enabled;
        emit LendingEvents.OracleEnabled(oracle, enabled);
    }

    /// @notice Admin: sets where reserves are paid.
    function setFeeCollector(address newFeeCollector) external onlyOwner {
        if (newFeeCollector == address(0)) revert LendingErrors.ZeroAddress();
        feeCollector = newFeeCollector;
        emit LendingEvents.FeeCollectorSet(newFeeCollector);
    }

    /// @notice Admin: sets the reserve factor (bps) and minimum leftover (whole loan tokens) of new markets.
    function setDefaults(uint16 reserveFactor, uint72 minLeftover_) external onlyOwner {
        _setDefaults(reserveFactor, minLeftover_);
    }

    /// @notice Risk manager: sets a market's reserve factor (bps, ≤ `MAX_RESERVE_FACTOR`), supply and borrow caps
    /// (loan base units, < 2^128; `type(uint128).max` = none) and minimum leftover (loan base units, < 2^72).
    /// Interest is accrued first (at the old reserve factor). Lowering a cap below the current total only stops
    /// further supply or borrowing.
    function setMarketConfig(
        MarketParams calldata params,
        uint256 reserveFactor,
        uint256 supplyCap,
        uint256 borrowCap,
        uint256 minLeftover
    ) external onlyRiskManager nonReentrant {
        if (reserveFactor > MAX_RESERVE_FACTOR) {
            revert LendingErrors.InvalidReserveFactor(reserveFactor);
        }
        if (supplyCap > type(uint128).max) revert LendingErrors.InvalidCap(supplyCap);
        if (borrowCap > type(uint128).max) revert LendingErrors.InvalidCap(borrowCap);
        if (minLeftover > type(uint72).max) revert LendingErrors.InvalidMinLeftover(minLeftover);
        Id id = _id(params);
        MarketState storage m = _accrueInterest(params, id);
        // forge-lint: disable-start(unsafe-typecast)
        m.reserveFactor = uint16(reserveFactor);
        m.minLeftover = uint72(minLeftover);
        caps[id] = Caps({supplyCap: uint128(supplyCap), borrowCap: uint128(borrowCap)});
        // forge-lint: disable-end(unsafe-typecast)
        emit LendingEvents.MarketConfigSet(id, reserveFactor, supplyCap, borrowCap, minLeftover);
    }

    /// @notice Guardian: pauses (supply, supplyCollateral, borrow and withdrawCollateral with debt refused) or
    /// unpauses a market. Repay, withdraw, liquidate and income keep working.
    function setPaused(Id id, bool paused) external onlyGuardian {
        _setFlag(id, _PAUSED, paused);
        emit LendingEvents.PausedSet(id, paused, msg.sender);
    }

    /// @notice Guardian: freezes (no new borrows) or unfreezes a market.
    function setFrozen(Id id, bool frozen) external onlyGuardian {
        _setFlag(id, _FROZEN, frozen);
        emit LendingEvents.FrozenSet(id, frozen, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Markets
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev The collateral is income-bearing when it answers `INCOME_PRECISION() == 1e30` and a non-zero
    /// `incomeToken()`; its income can repay debt when that income token is the loan token. Caps start unlimited;
    /// the reserve factor and minimum leftover start at the hub's `defaults`.
    function createMarket(MarketParams calldata params) external returns (Id id) {
        id = _id(params);
        if (params.loanToken == address(0) || params.collateralToken == address(0)) {
            revert LendingErrors.ZeroAddress();
        }
        if (!isRateModelEnabled[params.rateModel]) revert LendingErrors.RateModelNotEnabled(params.rateModel);
        if (!isLltvEnabled[params.lltv]) revert LendingErrors.LltvNotEnabled(params.lltv);
        if (!isOracleEnabled[params.oracle]) revert LendingErrors.OracleNotEnabled(params.oracle);
        MarketState storage m = market[id];
        if (m.lastUpdate != 0) revert LendingErrors.MarketAlreadyCreated(id);

        uint256 flags;
        address incomeToken = _detectIncomeToken(params.collateralToken);
        if (incomeToken != address(0)) {
            flags = _INCOME;
            if (incomeToken == params.loanToken) flags |= _INCOME_REPAYS;
        }
        Defaults memory d = defaults;
        uint256 minLeftover = d.minLeftover;
        uint256 reserveFactor = d.reserveFactor;

        m.lastUpdate = uint32(block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast)
        m.reserveFactor = uint16(reserveFactor);
        // forge-lint: disable-next-line(unsafe-typecast)
        m.flags = uint8(flags);
        // forge-lint: disable-next-line(unsafe-typecast)
        m.minLeftover = uint72(minLeftover);
        caps[id] = Caps({supplyCap: type(uint128).max, borrowCap: type(uint128).max});
        idToMarketParams[id] = params;

        emit LendingEvents.CreateMarket(id, params, msg.sender, flags & _INCOME != 0, reserveFactor, minLeftover);
    }

    /// @inheritdoc ILendingHub
    function accrueInterest(MarketParams calldata params) external nonReentrant {
        _accrueInterest(params, _id(params));
    }

    /// @inheritdoc ILendingHub
    /// @dev Pays `min(value of reserveShares, totalSupplyAssets - totalBorrowAssets)` to the FeeCollector.
    function claimReserves(MarketParams calldata params) external nonReentrant returns (uint256 assets) {
        Id id = _id(params);
        _accrueInterest(params, id);
        MarketState storage m = market[id];
        uint256 reserveShares = m.reserveShares;
        uint256 totalAssets = m.totalSupplyAssets;
        uint256 totalShares = m.totalSupplyShares;
        uint256 shares = reserveShares;
        assets = shares.toAssetsDown(totalAssets, totalShares);
        uint256 liquidity = totalAssets - m.totalBorrowAssets;
        if (assets > liquidity) {
            assets = liquidity;
            shares = assets.toSharesUp(totalAssets, totalShares);
        }
        if (assets == 0) return 0;
        // forge-lint: disable-start(unsafe-typecast)
        m.totalSupplyAssets = uint128(totalAssets - assets);
        m.totalSupplyShares = uint128(totalShares - shares);
        m.reserveShares = uint128(reserveShares - shares);
        // forge-lint: disable-end(unsafe-typecast)
        address collector = feeCollector;
        emit LendingEvents.ReservesClaimed(id, collector, assets, shares);
        IERC20(params.loanToken).safeTransfer(collector, assets);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lenders
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev Refused while paused and above the supply cap. Lenders pass no compliance check (the loan token enforces
    /// its own blocklist).
    function supply(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf)
        external
        nonReentrant
        returns (uint256, uint256)
    {
        Id id = _id(params);
        if ((assets == 0) == (shares == 0)) revert LendingErrors.InconsistentInput();
        if (onBehalf == address(0)) revert LendingErrors.ZeroAddress();
        MarketState storage m = _accrueInterest(params, id);
        if (m.flags & _PAUSED != 0) revert LendingErrors.MarketPaused(id);

        uint256 totalAssets = m.totalSupplyAssets;
        uint256 totalShares = m.totalSupplyShares;
        if (assets != 0) shares = assets.toSharesDown(totalAssets, totalShares);
        else assets = shares.toAssetsUp(totalAssets, totalShares);
        totalAssets += assets;
        uint256 cap = caps[id].supplyCap;
        if (totalAssets > cap) revert LendingErrors.SupplyCapExceeded(id, totalAssets, cap);

        // forge-lint: disable-next-line(unsafe-typecast)
        m.totalSupplyAssets = uint128(totalAssets); // ≤ cap < 2^128
        m.totalSupplyShares = _toUint128(totalShares + shares);
        position[id][onBehalf].supplyShares += shares;

        emit LendingEvents.Supply(id, msg.sender, onBehalf, assets, shares);
        IERC20(params.loanToken).safeTransferFrom(msg.sender, address(this), assets);
        return (assets, shares);
    }

    /// @inheritdoc ILendingHub
    function withdraw(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        nonReentrant
        returns (uint256, uint256)
    {
        Id id = _id(params);
        if ((assets == 0) == (shares == 0)) revert LendingErrors.InconsistentInput();
        if (receiver == address(0)) revert LendingErrors.ZeroAddress();
        _checkAuthorized(onBehalf);
        MarketState storage m = _accrueInterest(params, id);

        uint256 totalAssets = m.totalSupplyAssets;
        uint256 totalShares = m.totalSupplyShares;
        if (assets != 0) shares = assets.toSharesUp(totalAssets, totalShares);
        else assets = shares.toAssetsDown(totalAssets, totalShares);

        position[id][onBehalf].supplyShares -= shares;
        totalAssets -= assets;
        // forge-lint: disable-start(unsafe-typecast)
        m.totalSupplyShares = uint128(totalShares - shares);
        m.totalSupplyAssets = uint128(totalAssets);
        // forge-lint: disable-end(unsafe-typecast)
        if (m.totalBorrowAssets > totalAssets) revert LendingErrors.InsufficientLiquidity(id);

        emit LendingEvents.Withdraw(id, msg.sender, onBehalf, receiver, assets, shares);
        IERC20(params.loanToken).safeTransfer(receiver, assets);
        return (assets, shares);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Borrowers
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev No interest accrual (not needed). Refused while paused. In income-bearing markets the position's income
    /// is settled first, so new collateral earns only from now on.
    function supplyCollateral(MarketParams calldata params, uint256 assets, address onBehalf) external nonReentrant {
        Id id = _id(params);
        if (assets == 0) revert LendingErrors.ZeroAssets();
        if (onBehalf == address(0)) revert LendingErrors.ZeroAddress();
        MarketState storage m = market[id];
        uint256 flags = m.flags;
        if (m.lastUpdate == 0) revert LendingErrors.MarketNotCreated(id);
        if (flags & _PAUSED != 0) revert LendingErrors.MarketPaused(id);

        Pos storage p = position[id][onBehalf];
        uint256 collateral = p.collateral;
        if (flags & _INCOME != 0) _settleIncome(id, params.collateralToken, onBehalf, collateral);
        p.collateral = _toUint128(collateral + assets);

        emit LendingEvents.SupplyCollateral(id, msg.sender, onBehalf, assets);
        IERC20(params.collateralToken).safeTransferFrom(msg.sender, address(this), assets);
    }

    /// @inheritdoc ILendingHub
    /// @dev With debt, the price must be available (`PriceUnavailable` otherwise) and the market not paused; without
    /// debt neither is needed.
    function withdrawCollateral(MarketParams calldata params, uint256 assets, address onBehalf, address receiver)
        external
        nonReentrant
    {
        Id id = _id(params);
        if (assets == 0) revert LendingErrors.ZeroAssets();
        if (receiver == address(0)) revert LendingErrors.ZeroAddress();
        _checkAuthorized(onBehalf);
        MarketState storage m = _accrueInterest(params, id);

        Pos storage p = position[id][onBehalf];
        uint256 collateral = p.collateral;
        uint256 borrowShares = p.borrowShares;
        uint256 flags = m.flags;
        if (flags & _INCOME != 0) _settleIncome(id, params.collateralToken, onBehalf, collateral);
        collateral -= assets;
        // forge-lint: disable-next-line(unsafe-typecast)
        p.collateral = uint128(collateral);

        if (borrowShares != 0) {
            if (flags & _PAUSED != 0) revert LendingErrors.MarketPaused(id);
            uint256 price = _price(id, params.oracle);
            if (!_isHealthy(m, params.lltv, collateral, borrowShares, price)) {
                revert LendingErrors.InsufficientCollateral(id, onBehalf);
            }
        }

        emit LendingEvents.WithdrawCollateral(id, msg.sender, onBehalf, receiver, assets);
        IERC20(params.collateralToken).safeTransfer(receiver, assets);
    }

    /// @inheritdoc ILendingHub
    /// @dev Refused while paused or frozen, for a borrower failing the policy, above the borrow cap, beyond the
    /// market's liquidity, when the position would be unhealthy (`PriceUnavailable` if the oracle cannot price), and
    /// when the resulting debt would be below the minimum leftover.
    function borrow(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        nonReentrant
        returns (uint256, uint256)
    {
        Id id = _id(params);
        if ((assets == 0) == (shares == 0)) revert LendingErrors.InconsistentInput();
        if (receiver == address(0)) revert LendingErrors.ZeroAddress();
        _checkAuthorized(onBehalf);
        MarketState storage m = _accrueInterest(params, id);
        {
            uint256 flags = m.flags;
            if (flags & (_PAUSED | _FROZEN) != 0) {
                if (flags & _PAUSED != 0) revert LendingErrors.MarketPaused(id);
                revert LendingErrors.MarketFrozen(id);
            }
        }
        _checkPolicy(params.policyId, onBehalf);

        {
            uint256 totalAssets = m.totalBorrowAssets;
            uint256 totalShares = m.totalBorrowShares;
            if (assets != 0) shares = assets.toSharesUp(totalAssets, totalShares);
            else assets = shares.toAssetsDown(totalAssets, totalShares);
            totalAssets += assets;
            totalShares += shares;
            {
                uint256 cap = caps[id].borrowCap;
                if (totalAssets > cap) revert LendingErrors.BorrowCapExceeded(id, totalAssets, cap);
            }
            if (totalAssets > m.totalSupplyAssets) revert LendingErrors.InsufficientLiquidity(id);
            // forge-lint: disable-next-line(unsafe-typecast)
            m.totalBorrowAssets = uint128(totalAssets); // ≤ totalSupplyAssets < 2^128
            m.totalBorrowShares = _toUint128(totalShares);

            Pos storage p = position[id][onBehalf];
            uint256 borrowShares = p.borrowShares + shares;
            p.borrowShares = _toUint128(borrowShares);
            _checkBorrowedPosition(
                params, id, m, onBehalf, p.collateral, borrowShares.toAssetsUp(totalAssets, totalShares)
            );
        }

        emit LendingEvents.Borrow(id, msg.sender, onBehalf, receiver, assets, shares);
        IERC20(params.loanToken).safeTransfer(receiver, assets);
        return (assets, shares);
    }

    /// @inheritdoc ILendingHub
    function repay(MarketParams calldata params, uint256 assets, uint256 shares, address onBehalf)
        external
        nonReentrant
        returns (uint256, uint256)
    {
        Id id = _id(params);
        if ((assets == 0) == (shares == 0)) revert LendingErrors.InconsistentInput();
        if (onBehalf == address(0)) revert LendingErrors.ZeroAddress();
        MarketState storage m = _accrueInterest(params, id);

        uint256 totalAssets = m.totalBorrowAssets;
        uint256 totalShares = m.totalBorrowShares;
        if (assets != 0) shares = assets.toSharesDown(totalAssets, totalShares);
        else assets = shares.toAssetsUp(totalAssets, totalShares);

        Pos storage p = position[id][onBehalf];
        p.borrowShares = _toUint128(uint256(p.borrowShares) - shares);
        // forge-lint: disable-start(unsafe-typecast)
        m.totalBorrowShares = uint128(totalShares - shares);
        m.totalBorrowAssets = uint128(totalAssets.zeroFloorSub(assets));
        // forge-lint: disable-end(unsafe-typecast)

        emit LendingEvents.Repay(id, msg.sender, onBehalf, assets, shares);
        IERC20(params.loanToken).safeTransferFrom(msg.sender, address(this), assets);
        return (assets, shares);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Liquidation
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev Incentive factor `LIF = min(1.15, 1 / (1 - 0.3 (1 - lltv)))`. Given `seizedAssets`, the liquidator repays
    /// `toSharesUp(seizedAssets * price / 1e36 (up) / LIF (up))` shares; given `repaidShares`, it seizes
    /// `toAssetsDown(repaidShares) * LIF / 1e18 (down) * 1e36 / price (down)`. In income-bearing markets the
    /// borrower's income is settled first (it stays the borrower's) and, for auto-repay positions, applied to the debt
    /// before the health check. When no collateral is left, the remaining debt is bad debt, removed from total supply
    /// at once (lenders share the loss pro rata). A partial liquidation must leave both the debt and the collateral
    /// value at or above `minLeftover`.
    function liquidate(
        MarketParams calldata params,
        address borrower,
        uint256 seizedAssets,
        uint256 repaidShares,
        address receiver
    ) external nonReentrant returns (uint256, uint256) {
        Id id = _id(params);
        if ((seizedAssets == 0) == (repaidShares == 0)) revert LendingErrors.InconsistentInput();
        if (receiver == address(0)) revert LendingErrors.ZeroAddress();
        MarketState storage m = _accrueInterest(params, id);
        _checkPolicy(params.policyId, receiver);
        Liquidation memory liq;
        liq.seizedAssets = seizedAssets;
        liq.repaidShares = repaidShares;
        _liquidate(params, id, m, borrower, liq);
        emit LendingEvents.Liquidate(
            id,
            msg.sender,
            borrower,
            receiver,
            liq.repaidAssets,
            liq.repaidShares,
            liq.seizedAssets,
            liq.badDebtAssets,
            liq.badDebtShares
        );
        IERC20(params.collateralToken).safeTransfer(receiver, liq.seizedAssets);
        IERC20(params.loanToken).safeTransferFrom(msg.sender, address(this), liq.repaidAssets);
        return (liq.seizedAssets, liq.repaidAssets);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Collateral income
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev Only in income-bearing markets whose collateral's income token is the loan token (`AutoRepayUnavailable`
    /// otherwise, including for a market that does not exist).
    function setAutoRepay(MarketParams calldata params, address onBehalf, bool autoRepay) external nonReentrant {
        Id id = _id(params);
        _checkAuthorized(onBehalf);
        if (market[id].flags & _INCOME_REPAYS == 0) revert LendingErrors.AutoRepayUnavailable(id);
        Income storage inc = income[id][onBehalf];
        if (inc.autoRepay == autoRepay) revert LendingErrors.AlreadySet();
        inc.autoRepay = autoRepay;
        emit LendingEvents.AutoRepaySet(id, onBehalf, autoRepay);
    }

    /// @inheritdoc ILendingHub
    function claimCollateralIncome(MarketParams calldata params, address onBehalf, address receiver)
        external
        nonReentrant
        returns (uint256 paid)
    {
        Id id = _id(params);
        if (receiver == address(0)) revert LendingErrors.ZeroAddress();
        _checkAuthorized(onBehalf);
        MarketState storage m = _accrueInterest(params, id);
        if (m.flags & _INCOME == 0) revert LendingErrors.NotIncomeBearing(id);
        Pos storage p = position[id][onBehalf];
        _settleIncome(id, params.collateralToken, onBehalf, p.collateral);
        Income storage inc = income[id][onBehalf];
        if (inc.autoRepay) _applyIncome(id, params.collateralToken, onBehalf, false);
        paid = inc.owed;
        if (paid == 0) return 0;
        inc.owed = 0;
        _takeIncome(params.collateralToken, paid);
        emit LendingEvents.IncomeClaimed(id, onBehalf, receiver, paid);
        IERC20(incomeAccount[params.collateralToken].incomeToken).safeTransfer(receiver, paid);
    }

    /// @inheritdoc ILendingHub
    /// @dev Returns 0 for a position that has not chosen auto-repay (only possible in markets where it is available).
    function applyIncome(MarketParams calldata params, address borrower)
        external
        nonReentrant
        returns (uint256 repaid)
    {
        Id id = _id(params);
        _accrueInterest(params, id);
        if (!income[id][borrower].autoRepay) return 0;
        _settleIncome(id, params.collateralToken, borrower, position[id][borrower].collateral);
        return _applyIncome(id, params.collateralToken, borrower, false);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Flash loans and authorizations
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILendingHub
    /// @dev Free. Not guarded against re-entry on purpose: the callback may use the hub (its other entry points are
    /// guarded one by one); the only invariant of a flash loan is that the assets come back in the same call.
    function flashLoan(address token, uint256 assets, bytes calldata data) external {
        if (assets == 0) revert LendingErrors.ZeroAssets();
        emit LendingEvents.FlashLoan(msg.sender, token, assets);
        IERC20(token).safeTransfer(msg.sender, assets);
        IFlashBorrower(msg.sender).onFlashLoan(token, assets, data);
        IERC20(token).safeTransferFrom(msg.sender, address(this), assets);
    }

    /// @inheritdoc ILendingHub
    function setAuthorization(address authorized, bool newIsAuthorized) external {
        if (isAuthorized[msg.sender][authorized] == newIsAuthorized) revert LendingErrors.AlreadySet();
        isAuthorized[msg.sender][authorized] = newIsAuthorized;
        emit LendingEvents.SetAuthorization(msg.sender, msg.sender, authorized, newIsAuthorized);
    }

    /// @inheritdoc ILendingHub
    /// @dev EIP-712 domain `{name: "Plaza LendingHub", version: "1", chainId, verifyingContract}`. The nonce must be
    /// the authorizer's next one and is consumed even if the authorization changes nothing, so a signature can be
    /// used once, on one chain, on this hub only. ECDSA with low `s` only (smart wallets call `setAuthorization`).
    function setAuthorizationWithSig(Authorization calldata authorization, Signature calldata signature) external {
        if (block.timestamp > authorization.deadline) revert LendingErrors.SignatureExpired(authorization.deadline);
        address authorizer = authorization.authorizer;
        uint256 expected = nonce[authorizer];
        if (authorization.nonce != expected) {
            revert LendingErrors.InvalidNonce(authorizer, authorization.nonce, expected);
        }
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01", DOMAIN_SEPARATOR(), keccak256(abi.encode(AUTHORIZATION_TYPEHASH, authorization))
            )
        );
        if (uint256(signature.s) > _MAX_S) revert LendingErrors.InvalidSignature();
        address signer = ecrecover(digest, signature.v, signature.r, signature.s);
        if (signer == address(0) || signer != authorizer) revert LendingErrors.InvalidSignature();
        nonce[authorizer] = expected + 1;
        emit LendingEvents.IncrementNonce(msg.sender, authorizer, expected);
        isAuthorized[authorizer][authorization.authorized] = authorization.isAuthorized;
        emit LendingEvents.SetAuthorization(
            msg.sender, authorizer, authorization.authorized, authorization.isAuthorized
        );
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice The EIP-712 domain separator of signed authorizations, computed for the current chain (so it stays
    /// right after a fork).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _id(MarketParams calldata params) internal pure returns (Id) {
        return Id.wrap(keccak256(abi.encode(params)));
    }

    /// @dev Accrues interest up to now and returns the market; reverts if it does not exist.
    function _accrueInterest(MarketParams calldata params, Id id) internal returns (MarketState storage m) {
        m = market[id];
        uint256 last = m.lastUpdate;
        if (last == 0) revert LendingErrors.MarketNotCreated(id);
        uint256 elapsed = block.timestamp - last;
        if (elapsed == 0) return m;
        uint256 borrowAssets = m.totalBorrowAssets;
        if (borrowAssets != 0) {
            uint256 supplyAssets = m.totalSupplyAssets;
            uint256 rate = IRateModel(params.rateModel).borrowRate(supplyAssets, borrowAssets);
            uint256 interest = borrowAssets.wMulDown(LendingMath.wTaylorCompounded(rate, elapsed));
            if (interest != 0) {
                supplyAssets += interest;
                m.totalBorrowAssets = _toUint128(borrowAssets + interest);
                m.totalSupplyAssets = _toUint128(supplyAssets);
                uint256 reserveFactor = m.reserveFactor;
                uint256 feeShares;
                if (reserveFactor != 0) {
                    uint256 fee = interest * reserveFactor / _BPS;
                    uint256 totalShares = m.totalSupplyShares;
                    feeShares = fee.toSharesDown(supplyAssets - fee, totalShares);
                    m.totalSupplyShares = _toUint128(totalShares + feeShares);
                    m.reserveShares = _toUint128(m.reserveShares + feeShares);
                }
                emit LendingEvents.AccrueInterest(id, rate, interest, feeShares);
            }
        }
        m.lastUpdate = uint32(block.timestamp);
    }

    /// @dev The accounting of `liquidate`: settles income, checks health at a fresh price, computes the repaid and
    /// seized amounts, realizes bad debt or enforces the minimum leftover, and writes the position and the totals.
    function _liquidate(
        MarketParams calldata params,
        Id id,
        MarketState storage m,
        address borrower,
        Liquidation memory liq
    ) internal {
        uint256 price = _price(id, params.oracle);
        Pos storage p = position[id][borrower];
        uint256 collateral = p.collateral;
        if (m.flags & _INCOME != 0) _settleIncomeBeforeLiquidation(params, id, borrower, collateral);
        uint256 borrowShares = p.borrowShares;
        if (_isHealthy(m, params.lltv, collateral, borrowShares, price)) {
            revert LendingErrors.HealthyPosition(id, borrower);
        }

        uint256 totalAssets = m.totalBorrowAssets;
        uint256 totalShares = m.totalBorrowShares;
        _liquidationAmounts(liq, params.lltv, price, totalAssets, totalShares);
        borrowShares -= liq.repaidShares;
        collateral -= liq.seizedAssets;
        totalShares -= liq.repaidShares;
        totalAssets = totalAssets.zeroFloorSub(liq.repaidAssets);

        if (collateral == 0) {
            liq.badDebtShares = borrowShares;
            liq.badDebtAssets = LendingMath.min(totalAssets, borrowShares.toAssetsUp(totalAssets, totalShares));
            totalAssets -= liq.badDebtAssets;
            totalShares -= borrowShares;
            borrowShares = 0;
            // forge-lint: disable-next-line(unsafe-typecast)
            m.totalSupplyAssets = uint128(m.totalSupplyAssets - liq.badDebtAssets);
        } else if (borrowShares != 0) {
            uint256 debtLeft = borrowShares.toAssetsUp(totalAssets, totalShares);
            uint256 valueLeft = collateral.mulDivDown(price, LendingMath.ORACLE_PRICE_SCALE);
            uint256 minLeftover = m.minLeftover;
            if (debtLeft < minLeftover || valueLeft < minLeftover) {
                revert LendingErrors.DustLeft(id, debtLeft, valueLeft, minLeftover);
            }
        }
        // forge-lint: disable-start(unsafe-typecast)
        m.totalBorrowAssets = uint128(totalAssets);
        m.totalBorrowShares = uint128(totalShares);
        p.borrowShares = uint128(borrowShares);
        p.collateral = uint128(collateral);
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @dev Completes `liq` from whichever of `seizedAssets` and `repaidShares` is given (see `liquidate`).
    function _liquidationAmounts(
        Liquidation memory liq,
        uint256 lltv,
        uint256 price,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure {
        uint256 lif = LendingMath.liquidationIncentiveFactor(lltv);
        if (liq.seizedAssets != 0) {
            liq.repaidShares = liq.seizedAssets.mulDivUp(price, LendingMath.ORACLE_PRICE_SCALE).wDivUp(lif)
                .toSharesUp(totalAssets, totalShares);
        } else {
            liq.seizedAssets = liq.repaidShares.toAssetsDown(totalAssets, totalShares).wMulDown(lif)
                .mulDivDown(LendingMath.ORACLE_PRICE_SCALE, price);
        }
        liq.repaidAssets = liq.repaidShares.toAssetsUp(totalAssets, totalShares);
    }

    /// @dev Whether `maxBorrow = collateral * price / 1e36 * lltv / 1e18` (down) covers the debt (rounded up).
    function _isHealthy(MarketState storage m, uint256 lltv, uint256 collateral, uint256 borrowShares, uint256 price)
        internal
        view
        returns (bool)
    {
        if (borrowShares == 0) return true;
        uint256 debt = borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        return collateral.mulDivDown(price, LendingMath.ORACLE_PRICE_SCALE).wMulDown(lltv) >= debt;
    }

    /// @dev After a borrow: the debt must be at least the minimum leftover and covered by `collateral` at a fresh
    /// price.
    function _checkBorrowedPosition(
        MarketParams calldata params,
        Id id,
        MarketState storage m,
        address borrower,
        uint256 collateral,
        uint256 debt
    ) internal view {
        uint256 minLeftover = m.minLeftover;
        if (debt < minLeftover) revert LendingErrors.DustLeft(id, debt, 0, minLeftover);
        uint256 price = _price(id, params.oracle);
        if (collateral.mulDivDown(price, LendingMath.ORACLE_PRICE_SCALE).wMulDown(params.lltv) < debt) {
            revert LendingErrors.InsufficientCollateral(id, borrower);
        }
    }

    /// @dev The oracle's price, or `PriceUnavailable` with the oracle's revert data.
    function _price(Id id, address oracle) internal view returns (uint256) {
        try IOracle(oracle).price() returns (uint256 price) {
            return price;
        } catch (bytes memory reason) {
            revert LendingErrors.PriceUnavailable(id, oracle, reason);
        }
    }

    function _checkAuthorized(address onBehalf) internal view {
        if (msg.sender != onBehalf && !isAuthorized[onBehalf][msg.sender]) {
            revert LendingErrors.Unauthorized(msg.sender, onBehalf);
        }
    }

    /// @dev The open policy (`bytes32(0)`) costs nothing: no registry call.
    function _checkPolicy(bytes32 policyId, address account) internal view {
        if (policyId != bytes32(0) && !complianceRegistry.isAllowed(policyId, account)) {
            revert LendingErrors.NotAllowed(policyId, account);
        }
    }

    /// @dev Credits the income earned by `collateral` since the position's checkpoint and moves the checkpoint.
    function _settleIncome(Id id, address collateralToken, address borrower, uint256 collateral) internal {
        uint256 acc = IRwaShareToken(collateralToken).incomePerShare();
        Income storage inc = income[id][borrower];
        uint256 delta;
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast)
            delta = uint128(uint128(acc) - inc.checkpoint);
        }
        if (delta == 0) return;
        uint256 earned = collateral * delta / INCOME_PRECISION;
        // forge-lint: disable-next-line(unsafe-typecast)
        inc.checkpoint = uint128(acc);
        if (earned != 0) {
            uint256 owed = inc.owed + earned;
            if (owed > type(uint120).max) revert LendingErrors.Overflow();
            // forge-lint: disable-next-line(unsafe-typecast)
            inc.owed = uint120(owed);
            emit LendingEvents.IncomeAccrued(id, borrower, earned, acc);
        }
    }

    /// @dev Settles the borrower's income before a liquidation and, for an auto-repay position, applies it to the
    /// debt (as much as the hub can pay now: a liquidation never reverts for lack of income).
    function _settleIncomeBeforeLiquidation(MarketParams calldata params, Id id, address borrower, uint256 collateral)
        internal
    {
        _settleIncome(id, params.collateralToken, borrower, collateral);
        if (market[id].flags & _INCOME_REPAYS != 0 && income[id][borrower].autoRepay) {
            _applyIncome(id, params.collateralToken, borrower, true);
        }
    }

    /// @dev Applies an auto-repay position's income to its debt (see `_coverWithIncome`) and writes the result.
    function _applyIncome(Id id, address collateralToken, address borrower, bool capAtCash)
        internal
        returns (uint256 repaid)
    {
        MarketState storage m = market[id];
        Pos storage p = position[id][borrower];
        DebtState memory d = DebtState(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
        repaid = _coverWithIncome(id, collateralToken, borrower, d, capAtCash);
        if (repaid == 0) return 0;
        // forge-lint: disable-start(unsafe-typecast)
        p.borrowShares = uint128(d.borrowShares);
        m.totalBorrowAssets = uint128(d.totalAssets);
        m.totalBorrowShares = uint128(d.totalShares);
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @dev Repays debt in `d` with the position's owed income, using income the hub holds (claiming from the token
    /// when needed). With `capAtCash` the repayment is capped at what the hub can pay now (liquidations never revert
    /// for lack of income); without, a shortfall reverts. Returns the assets repaid; `d` is updated in place.
    function _coverWithIncome(Id id, address collateralToken, address borrower, DebtState memory d, bool capAtCash)
        internal
        returns (uint256 repaid)
    {
        Income storage inc = income[id][borrower];
        uint256 owed = inc.owed;
        if (owed == 0 || d.borrowShares == 0) return 0;
        uint256 usable = owed;
        if (capAtCash) {
            uint256 cash = incomeAccount[collateralToken].cash;
            if (cash < owed) {
                cash = _claimFromToken(collateralToken);
                if (cash < usable) usable = cash;
            }
        }
        uint256 debt = d.borrowShares.toAssetsUp(d.totalAssets, d.totalShares);
        uint256 repaidShares;
        if (usable >= debt) {
            repaid = debt;
            repaidShares = d.borrowShares;
        } else {
            repaid = usable;
            repaidShares = usable.toSharesDown(d.totalAssets, d.totalShares);
        }
        if (repaid == 0) return 0;
        // forge-lint: disable-next-line(unsafe-typecast)
        inc.owed = uint120(owed - repaid);
        _takeIncome(collateralToken, repaid);
        d.borrowShares -= repaidShares;
        d.totalAssets = d.totalAssets.zeroFloorSub(repaid);
        d.totalShares -= repaidShares;
        emit LendingEvents.IncomeApplied(id, borrower, repaid, repaidShares);
    }

    /// @dev Takes `amount` from the income held for `collateralToken`, claiming from the token when needed.
    function _takeIncome(address collateralToken, uint256 amount) internal {
        IncomeAccount storage account = incomeAccount[collateralToken];
        uint256 cash = account.cash;
        if (cash < amount) {
            cash = _claimFromToken(collateralToken);
            if (cash < amount) revert LendingErrors.IncomeShortfall(collateralToken, cash, amount);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        account.cash = uint96(cash - amount);
    }

    /// @dev Claims the hub's income from `collateralToken` and returns the cash now held for it. What counts is what
    /// arrived (balance difference of the income token), not what the token says.
    function _claimFromToken(address collateralToken) internal returns (uint256 cash) {
        IncomeAccount storage account = incomeAccount[collateralToken];
        IERC20 incomeToken = IERC20(account.incomeToken);
        uint256 before = incomeToken.balanceOf(address(this));
        IRwaShareToken(collateralToken).claimIncome(address(this));
        cash = account.cash + incomeToken.balanceOf(address(this)) - before;
        if (cash > type(uint96).max) revert LendingErrors.Overflow();
        // forge-lint: disable-next-line(unsafe-typecast)
        account.cash = uint96(cash);
    }

    /// @dev The income token of an income-bearing collateral token (0 if it is not one); recorded on first sight.
    function _detectIncomeToken(address collateralToken) internal returns (address incomeToken) {
        incomeToken = incomeAccount[collateralToken].incomeToken;
        if (incomeToken != address(0)) return incomeToken;
        try IRwaShareToken(collateralToken).INCOME_PRECISION() returns (uint256 precision) {
            if (precision != INCOME_PRECISION) return address(0);
        } catch {
            return address(0);
        }
        try IRwaShareToken(collateralToken).incomeToken() returns (address token) {
            incomeToken = token;
        } catch {
            return address(0);
        }
        if (incomeToken == address(0) || incomeToken == collateralToken) return address(0);
        incomeAccount[collateralToken].incomeToken = incomeToken;
    }

    function _setDefaults(uint16 reserveFactor, uint72 minLeftover_) internal {
        if (reserveFactor > MAX_RESERVE_FACTOR) revert LendingErrors.InvalidReserveFactor(reserveFactor);
        defaults = Defaults({reserveFactor: reserveFactor, minLeftover: minLeftover_});
        emit LendingEvents.DefaultsSet(reserveFactor, minLeftover_);
    }

    function _setFlag(Id id, uint256 flag, bool on) internal {
        MarketState storage m = market[id];
        if (m.lastUpdate == 0) revert LendingErrors.MarketNotCreated(id);
        uint256 flags = m.flags;
        if ((flags & flag != 0) == on) revert LendingErrors.AlreadySet();
        // forge-lint: disable-next-line(unsafe-typecast)
        m.flags = uint8(on ? flags | flag : flags & ~flag);
    }

    function _toUint128(uint256 x) internal pure returns (uint128) {
        if (x > type(uint128).max) revert LendingErrors.Overflow();
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint128(x);
    }
}
