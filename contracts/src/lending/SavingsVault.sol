// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeRecipient} from "../interfaces/IFeeCollector.sol";
import {ILendingHub, Id, MarketParams} from "../interfaces/ILendingHub.sol";
import {LendingHubLib} from "./libraries/LendingHubLib.sol";
import {LendingMath} from "./libraries/LendingMath.sol";
import {VaultErrors} from "./libraries/VaultErrors.sol";
import {VaultEvents} from "./libraries/VaultEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title SavingsVault (spUSD)
/// @notice An ERC-4626 vault over pUSD whose yield is lending interest plus real-estate income: a curator allocates
/// deposits across LendingHub markets (per-market caps, a supply queue and a withdraw queue, like a MetaMorpho vault),
/// and approved income sources push pUSD income that vests linearly so that nobody can sandwich a distribution.
/// A performance fee on interest and income is minted as spUSD to the fee recipient (the FeeCollector).
/// @dev Roles: the default admin (two-step with a delay) sets the fee, the fee recipient, the vesting period and
/// grants `CURATOR_ROLE` (caps, queues, reallocation) and `INCOME_SOURCE_ROLE` (who may push income: the asset
/// managers' payers, the FeeCollector).
///
/// Accounting: `totalAssets = idle + Σ supplied(market) − unvested income`, where `idle` is pUSD the vault has
/// accounted for (tracked, not its balance: a plain transfer to the vault is not counted until an income source vests
/// it, so a donation cannot move the share price) and `supplied` is the vault's supply in each withdraw-queue market
/// with interest accrued to now. Shares carry a decimals offset of 6 (OpenZeppelin's virtual shares) against the
/// first-depositor inflation attack. Conversions round against the caller: deposit/redeem down, mint/withdraw up.
contract SavingsVault is ERC4626, AccessControlDefaultAdminRules, ReentrancyGuardTransient, IFeeRecipient {
    using Math for uint256;
    using SafeERC20 for IERC20;

    /// @notice Role that sets caps and queues and reallocates.
    bytes32 public constant CURATOR_ROLE = keccak256("CURATOR_ROLE");
    /// @notice Role that may push income (`distributeIncome`, `onFeesReceived`).
    bytes32 public constant INCOME_SOURCE_ROLE = keccak256("INCOME_SOURCE_ROLE");
    /// @notice Longest supply or withdraw queue.
    uint256 public constant MAX_QUEUE_LENGTH = 30;
    /// @notice Highest performance fee (WAD): 50%.
    uint256 public constant MAX_PERFORMANCE_FEE = 0.5e18;
    /// @notice Shortest vesting period.
    uint32 public constant MIN_VESTING_PERIOD = 1 hours;
    /// @notice Longest vesting period.
    uint32 public constant MAX_VESTING_PERIOD = 90 days;

    uint8 internal constant _DECIMALS_OFFSET = 6;
    uint256 internal constant _VIRTUAL_SHARES = 10 ** _DECIMALS_OFFSET;

    /// @notice A market the vault may supply to: its rate model (non-zero iff enabled) and the vault's cap on it.
    struct MarketConfig {
        address rateModel;
        uint96 cap;
    }

    /// @notice A target allocation for `reallocate`: the vault's supply in market `id` after the call.
    struct Allocation {
        Id id;
        uint256 assets;
    }

    /// @notice Income vesting: `amount` vests linearly from `start` to `end`.
    struct Vesting {
        uint128 amount;
        uint64 start;
        uint64 end;
    }

    /// @notice The LendingHub the vault lends through.
    ILendingHub public immutable hub;

    /// @notice Configuration of each market.
    mapping(Id => MarketConfig) public config;
    /// @notice Markets deposits are supplied to, in order.
    Id[] public supplyQueue;
    /// @notice Markets withdrawals are taken from, in order (every enabled market is in it).
    Id[] public withdrawQueue;

    /// @notice Receives the performance fee (spUSD shares).
    address public feeRecipient;
    /// @notice Performance fee (WAD) on the growth of total assets (interest and vested income).
    uint96 public performanceFee;
    /// @notice Total assets after the last fee accrual and the operation that followed it.
    uint256 public lastTotalAssets;
    /// @notice pUSD held and accounted for by the vault (not supplied to markets), unvested income included.
    uint256 public idle;
    /// @notice The current vesting of income.
    Vesting public vesting;
    /// @notice Period over which each distribution (plus what had not vested yet) vests.
    uint32 public vestingPeriod;

    /// @param hub_ The LendingHub.
    /// @param asset_ pUSD.
    /// @param name_ ERC-20 name ("Plaza Savings USD").
    /// @param symbol_ ERC-20 symbol ("spUSD").
    /// @param feeRecipient_ Receives the performance fee (the FeeCollector).
    /// @param performanceFee_ Performance fee (WAD, ≤ 50%).
    /// @param vestingPeriod_ Vesting period of income (1 hour – 90 days).
    /// @param initialDelay Delay before a new default admin can accept the role.
    /// @param admin The default admin.
    constructor(
        ILendingHub hub_,
        IERC20 asset_,
        string memory name_,
        string memory symbol_,
        address feeRecipient_,
        uint256 performanceFee_,
        uint32 vestingPeriod_,
        uint48 initialDelay,
        address admin
    ) ERC4626(asset_) ERC20(name_, symbol_) AccessControlDefaultAdminRules(initialDelay, admin) {
        if (address(hub_) == address(0)) revert VaultErrors.ZeroAddress();
        hub = hub_;
        feeRecipient = feeRecipient_;
        emit VaultEvents.SetFeeRecipient(feeRecipient_);
        _setPerformanceFee(performanceFee_);
        _setVestingPeriod(vestingPeriod_);
        asset_.forceApprove(address(hub_), type(uint256).max);
    }

    // ------------------------------------------------------------------------------------------------------------
    // ERC-4626
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ERC4626
    /// @dev Accrues the performance fee, mints shares (rounded down), then supplies the assets to the supply-queue
    /// markets within the vault's caps and the markets' own caps; what does not fit stays idle.
    function deposit(uint256 assets, address receiver) public override nonReentrant returns (uint256 shares) {
        uint256 newTotalAssets = _accrueFee();
        shares = _toShares(assets, totalSupply(), newTotalAssets, Math.Rounding.Floor);
        _deposit(msg.sender, receiver, assets, shares);
        lastTotalAssets = newTotalAssets + assets;
    }

    /// @inheritdoc ERC4626
    function mint(uint256 shares, address receiver) public override nonReentrant returns (uint256 assets) {
        uint256 newTotalAssets = _accrueFee();
        assets = _toAssets(shares, totalSupply(), newTotalAssets, Math.Rounding.Ceil);
        _deposit(msg.sender, receiver, assets, shares);
        lastTotalAssets = newTotalAssets + assets;
    }

    /// @inheritdoc ERC4626
    /// @dev Takes idle pUSD first, then withdraws from the withdraw-queue markets in order; reverts with
    /// `NotEnoughLiquidity` when they cannot return enough now (see `maxWithdraw`).
    function withdraw(uint256 assets, address receiver, address owner)
        public
        override
        nonReentrant
        returns (uint256 shares)
    {
        uint256 newTotalAssets = _accrueFee();
        shares = _toShares(assets, totalSupply(), newTotalAssets, Math.Rounding.Ceil);
        _withdraw(msg.sender, receiver, owner, assets, shares);
        lastTotalAssets = LendingMath.zeroFloorSub(newTotalAssets, assets);
    }

    /// @inheritdoc ERC4626
    function redeem(uint256 shares, address receiver, address owner)
        public
        override
        nonReentrant
        returns (uint256 assets)
    {
        uint256 newTotalAssets = _accrueFee();
        assets = _toAssets(shares, totalSupply(), newTotalAssets, Math.Rounding.Floor);
        _withdraw(msg.sender, receiver, owner, assets, shares);
        lastTotalAssets = LendingMath.zeroFloorSub(newTotalAssets, assets);
    }

    /// @inheritdoc ERC4626
    /// @dev `idle + Σ supplied − unvested income`, interest accrued to now, performance fee not deducted (it is paid
    /// in shares: previews account for the fee shares an operation would mint first).
    function totalAssets() public view override returns (uint256) {
        uint256 assets = idle;
        uint256 length = withdrawQueue.length;
        for (uint256 i; i < length; ++i) {
            Id id = withdrawQueue[i];
            assets += LendingHubLib.expectedSupplyAssets(hub, id, config[id].rateModel, address(this));
        }
        return LendingMath.zeroFloorSub(assets, unvestedIncome());
    }

    /// @inheritdoc ERC4626
    /// @dev What `owner`'s shares are worth, capped at the liquidity idle funds and markets can return now.
    function maxWithdraw(address owner) public view override returns (uint256) {
        (uint256 feeShares, uint256 newTotalAssets) = _accruedFeeShares();
        uint256 assets = _toAssets(balanceOf(owner), totalSupply() + feeShares, newTotalAssets, Math.Rounding.Floor);
        return Math.min(assets, availableLiquidity());
    }

    /// @inheritdoc ERC4626
    /// @dev `owner`'s shares, capped at the shares the available liquidity redeems.
    function maxRedeem(address owner) public view override returns (uint256) {
        (uint256 feeShares, uint256 newTotalAssets) = _accruedFeeShares();
        uint256 liquidShares =
            _toShares(availableLiquidity(), totalSupply() + feeShares, newTotalAssets, Math.Rounding.Floor);
        return Math.min(balanceOf(owner), liquidShares);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Curator
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Curator: sets the vault's cap on market `id` (pUSD base units, < 2^96). The first cap enables the
    /// market (it must lend the vault's asset) and appends it to the withdraw queue. A cap of 0 stops new supply;
    /// the market leaves the withdraw queue (`setWithdrawQueue`) once the vault's supply there is 0.
    function setCap(Id id, uint256 cap) external onlyRole(CURATOR_ROLE) nonReentrant {
        if (cap > type(uint96).max) revert VaultErrors.CapTooHigh(cap);
        MarketConfig storage c = config[id];
        if (c.rateModel == address(0)) {
            (address loanToken,,, address rateModel,,) = hub.idToMarketParams(id);
            if (loanToken != asset() || rateModel == address(0)) revert VaultErrors.InvalidMarket(id);
            if (withdrawQueue.length >= MAX_QUEUE_LENGTH) revert VaultErrors.QueueTooLong(withdrawQueue.length + 1);
            // supply someone made on the vault's behalf counts from now on, without a fee
            uint256 newTotalAssets = _accrueFee();
            c.rateModel = rateModel;
            withdrawQueue.push(id);
            lastTotalAssets = newTotalAssets + LendingHubLib.expectedSupplyAssets(hub, id, rateModel, address(this));
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        c.cap = uint96(cap);
        emit VaultEvents.SetCap(msg.sender, id, cap);
    }

    /// @notice Curator: replaces the supply queue (enabled markets, no duplicates, at most `MAX_QUEUE_LENGTH`).
    function setSupplyQueue(Id[] calldata queue) external onlyRole(CURATOR_ROLE) {
        _checkQueue(queue);
        supplyQueue = queue;
        emit VaultEvents.SetSupplyQueue(msg.sender, queue);
    }

    /// @notice Curator: replaces the withdraw queue. It must list enabled markets without duplicates; an enabled
    /// market left out is disabled, which requires a cap of 0 and no supply from the vault.
    function setWithdrawQueue(Id[] calldata queue) external onlyRole(CURATOR_ROLE) nonReentrant {
        _checkQueue(queue);
        uint256 length = withdrawQueue.length;
        for (uint256 i; i < length; ++i) {
            Id id = withdrawQueue[i];
            if (_contains(queue, id)) continue;
            (uint256 shares,,) = hub.position(id, address(this));
            uint256 cap = config[id].cap;
            if (cap != 0 || shares != 0) revert VaultErrors.MarketNotRemovable(id, cap, shares);
            delete config[id];
        }
        withdrawQueue = queue;
        emit VaultEvents.SetWithdrawQueue(msg.sender, queue);
    }

    /// @notice Curator: moves funds between idle and markets so that the vault's supply in each listed market becomes
    /// `assets` (withdrawals and supplies happen in the order given; supplies use idle funds; a target of 0 withdraws
    /// everything by shares). Targets must be within the vault's caps (a lower target is always allowed).
    function reallocate(Allocation[] calldata allocations) external onlyRole(CURATOR_ROLE) nonReentrant {
        for (uint256 i; i < allocations.length; ++i) {
            Id id = allocations[i].id;
            uint256 target = allocations[i].assets;
            MarketConfig memory c = config[id];
            if (c.rateModel == address(0)) revert VaultErrors.MarketNotEnabled(id);
            uint256 supplied = LendingHubLib.expectedSupplyAssets(hub, id, c.rateModel, address(this));
            if (target < supplied) {
                MarketParams memory params = _marketParams(id);
                uint256 withdrawn;
                uint256 shares;
                if (target == 0) {
                    (uint256 all,,) = hub.position(id, address(this));
                    (withdrawn, shares) = hub.withdraw(params, 0, all, address(this), address(this));
                } else {
                    (withdrawn, shares) = hub.withdraw(params, supplied - target, 0, address(this), address(this));
                }
                idle += withdrawn;
                emit VaultEvents.Deallocated(id, withdrawn, shares);
            } else if (target > supplied) {
                if (target > c.cap) revert VaultErrors.AllocationExceedsCap(id, target, c.cap);
                uint256 amount = target - supplied;
                idle -= amount;
                (, uint256 shares) = hub.supply(_marketParams(id), amount, 0, address(this));
                emit VaultEvents.Allocated(id, amount, shares);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Income
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Income source: pulls `amount` pUSD (approve the vault) and vests it, together with any pUSD that
    /// reached the vault by plain transfer, over `vestingPeriod` (merged with what has not vested yet).
    function distributeIncome(uint256 amount) external onlyRole(INCOME_SOURCE_ROLE) nonReentrant {
        if (amount != 0) IERC20(asset()).safeTransferFrom(msg.sender, address(this), amount);
        _vest(msg.sender);
    }

    /// @inheritdoc IFeeRecipient
    /// @dev For the FeeCollector (an income source configured with notification): the fee share it just transferred
    /// vests like any income. Reverts for another token (the collector then keeps it as a claimable credit).
    function onFeesReceived(address token, uint256) external onlyRole(INCOME_SOURCE_ROLE) nonReentrant {
        if (token != asset()) revert VaultErrors.WrongToken(token);
        _vest(msg.sender);
    }

    /// @notice Income not vested yet (rounded up, so vested income is never over-counted).
    function unvestedIncome() public view returns (uint256) {
        Vesting memory v = vesting;
        if (block.timestamp >= v.end) return 0;
        return uint256(v.amount).mulDiv(v.end - block.timestamp, v.end - v.start, Math.Rounding.Ceil);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Admin: sets the performance fee (WAD, ≤ 50%); the fee so far is accrued at the old rate first.
    function setPerformanceFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        lastTotalAssets = _accrueFee();
        _setPerformanceFee(fee);
    }

    /// @notice Admin: sets the fee recipient; the fee so far is accrued to the old one first.
    function setFeeRecipient(address newFeeRecipient) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (newFeeRecipient == address(0) && performanceFee != 0) revert VaultErrors.NoFeeRecipient();
        lastTotalAssets = _accrueFee();
        feeRecipient = newFeeRecipient;
        emit VaultEvents.SetFeeRecipient(newFeeRecipient);
    }

    /// @notice Admin: sets the vesting period of future distributions (1 hour – 90 days).
    function setVestingPeriod(uint32 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setVestingPeriod(period);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Number of markets in the supply queue.
    function supplyQueueLength() external view returns (uint256) {
        return supplyQueue.length;
    }

    /// @notice Number of markets in the withdraw queue.
    function withdrawQueueLength() external view returns (uint256) {
        return withdrawQueue.length;
    }

    /// @notice The vault's supply in market `id`, interest accrued to now.
    function allocation(Id id) external view returns (uint256) {
        return LendingHubLib.expectedSupplyAssets(hub, id, config[id].rateModel, address(this));
    }

    /// @notice pUSD the vault can pay out now: idle funds plus, per withdraw-queue market, the smaller of its supply
    /// and the market's liquidity.
    function availableLiquidity() public view returns (uint256 assets) {
        assets = idle;
        uint256 length = withdrawQueue.length;
        for (uint256 i; i < length; ++i) {
            (uint256 supplied, uint256 marketLiquidity) = _marketState(withdrawQueue[i]);
            assets += Math.min(supplied, marketLiquidity);
        }
    }

    /// @notice Fee shares an accrual now would mint, and total assets now.
    function accruedFee() external view returns (uint256 feeShares, uint256 newTotalAssets) {
        return _accruedFeeShares();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _decimalsOffset() internal pure override returns (uint8) {
        return _DECIMALS_OFFSET;
    }

    /// @dev Conversions include the fee shares an accrual would mint first, so previews match the operations.
    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        (uint256 feeShares, uint256 newTotalAssets) = _accruedFeeShares();
        return _toShares(assets, totalSupply() + feeShares, newTotalAssets, rounding);
    }

    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        (uint256 feeShares, uint256 newTotalAssets) = _accruedFeeShares();
        return _toAssets(shares, totalSupply() + feeShares, newTotalAssets, rounding);
    }

    /// @dev `assets × (supply + 1e6) / (total + 1)`.
    function _toShares(uint256 assets, uint256 supply, uint256 total, Math.Rounding rounding)
        internal
        pure
        returns (uint256)
    {
        return assets.mulDiv(supply + _VIRTUAL_SHARES, total + 1, rounding);
    }

    /// @dev `shares × (total + 1) / (supply + 1e6)`.
    function _toAssets(uint256 shares, uint256 supply, uint256 total, Math.Rounding rounding)
        internal
        pure
        returns (uint256)
    {
        return shares.mulDiv(total + 1, supply + _VIRTUAL_SHARES, rounding);
    }

    /// @dev Pulls the assets, mints, then supplies the new idle funds along the supply queue.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        super._deposit(caller, receiver, assets, shares);
        idle += assets;
        _supplyToMarkets(assets);
    }

    /// @dev Makes `assets` idle (withdrawing from markets as needed), then burns and pays.
    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
    {
        _withdrawFromMarkets(assets);
        idle -= assets;
        super._withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev Fee shares on the growth of total assets since `lastTotalAssets`, and total assets now.
    function _accruedFeeShares() internal view returns (uint256 feeShares, uint256 newTotalAssets) {
        newTotalAssets = totalAssets();
        uint256 last = lastTotalAssets;
        uint256 fee = performanceFee;
        if (fee != 0 && newTotalAssets > last) {
            uint256 feeAssets = (newTotalAssets - last).mulDiv(fee, LendingMath.WAD);
            feeShares = _toShares(feeAssets, totalSupply(), newTotalAssets - feeAssets, Math.Rounding.Floor);
        }
    }

    /// @dev Mints the fee shares due and returns total assets now (the caller updates `lastTotalAssets`).
    function _accrueFee() internal returns (uint256 newTotalAssets) {
        uint256 feeShares;
        (feeShares, newTotalAssets) = _accruedFeeShares();
        if (feeShares != 0) _mint(feeRecipient, feeShares);
        if (feeShares != 0 || newTotalAssets != lastTotalAssets) {
            emit VaultEvents.AccrueFee(newTotalAssets, feeShares);
        }
    }

    /// @dev Supplies up to `assets` of idle funds along the supply queue, within the vault's caps, the markets' caps
    /// and outside paused markets. A market whose supply fails is skipped (it cannot block deposits).
    function _supplyToMarkets(uint256 assets) internal {
        uint256 length = supplyQueue.length;
        for (uint256 i; i < length && assets != 0; ++i) {
            Id id = supplyQueue[i];
            MarketConfig memory c = config[id];
            if (c.cap == 0) continue;
            uint256 room = _supplyRoom(id, c);
            uint256 amount = Math.min(assets, room);
            if (amount == 0) continue;
            try hub.supply(_marketParams(id), amount, 0, address(this)) returns (uint256, uint256 shares) {
                idle -= amount;
                assets -= amount;
                emit VaultEvents.Allocated(id, amount, shares);
            } catch {}
        }
    }

    /// @dev How much more the vault may supply to market `id` now (0 while the market is paused).
    function _supplyRoom(Id id, MarketConfig memory c) internal view returns (uint256) {
        (uint256 totalAssets_, uint256 totalShares,,, uint256 flags) =
            LendingHubLib.expectedMarketState(hub, id, c.rateModel);
        if (flags & 1 != 0) return 0;
        (uint256 shares,,) = hub.position(id, address(this));
        uint256 supplied = LendingMath.toAssetsDown(shares, totalAssets_, totalShares);
        if (supplied >= c.cap) return 0;
        (uint256 hubCap,) = hub.caps(id);
        return Math.min(c.cap - supplied, LendingMath.zeroFloorSub(hubCap, totalAssets_));
    }

    /// @dev Withdraws along the withdraw queue until `assets` are idle; reverts with `NotEnoughLiquidity` otherwise.
    function _withdrawFromMarkets(uint256 assets) internal {
        uint256 available = idle;
        if (available >= assets) return;
        uint256 needed = assets - available;
        uint256 length = withdrawQueue.length;
        for (uint256 i; i < length && needed != 0; ++i) {
            Id id = withdrawQueue[i];
            (uint256 supplied, uint256 marketLiquidity) = _marketState(id);
            uint256 amount = Math.min(needed, Math.min(supplied, marketLiquidity));
            if (amount == 0) continue;
            try hub.withdraw(_marketParams(id), amount, 0, address(this), address(this)) returns (
                uint256, uint256 shares
            ) {
                idle += amount;
                needed -= amount;
                emit VaultEvents.Deallocated(id, amount, shares);
            } catch {}
        }
        if (needed != 0) revert VaultErrors.NotEnoughLiquidity(assets, assets - needed);
    }

    /// @dev The vault's supply in market `id` and the market's liquidity, both with interest accrued to now.
    function _marketState(Id id) internal view returns (uint256 supplied, uint256 marketLiquidity) {
        (uint256 shares,,) = hub.position(id, address(this));
        if (shares == 0) return (0, 0);
        (uint256 totalSupplyAssets, uint256 totalSupplyShares, uint256 totalBorrowAssets,) =
            LendingHubLib.expectedMarketBalances(hub, id, config[id].rateModel);
        supplied = LendingMath.toAssetsDown(shares, totalSupplyAssets, totalSupplyShares);
        marketLiquidity = totalSupplyAssets - totalBorrowAssets;
    }

    function _marketParams(Id id) internal view returns (MarketParams memory params) {
        (params.loanToken, params.collateralToken, params.oracle, params.rateModel, params.lltv, params.policyId) =
            hub.idToMarketParams(id);
    }

    /// @dev Vests everything that reached the vault since it last accounted its balance (the pushed amount plus any
    /// plain transfer), merged with the income not vested yet, over a fresh `vestingPeriod`.
    function _vest(address source) internal {
        uint256 accounted = idle;
        uint256 amount = IERC20(asset()).balanceOf(address(this)) - accounted;
        if (amount == 0) revert VaultErrors.ZeroAmount();
        idle = accounted + amount;
        uint256 total = unvestedIncome() + amount;
        uint256 end = block.timestamp + vestingPeriod;
        // forge-lint: disable-next-line(unsafe-typecast)
        vesting = Vesting({amount: SafeCast.toUint128(total), start: uint64(block.timestamp), end: uint64(end)});
        emit VaultEvents.IncomeDistributed(source, amount, total, end);
    }

    function _checkQueue(Id[] calldata queue) internal view {
        if (queue.length > MAX_QUEUE_LENGTH) revert VaultErrors.QueueTooLong(queue.length);
        for (uint256 i; i < queue.length; ++i) {
            if (config[queue[i]].rateModel == address(0)) revert VaultErrors.MarketNotEnabled(queue[i]);
            for (uint256 j; j < i; ++j) {
                if (Id.unwrap(queue[j]) == Id.unwrap(queue[i])) revert VaultErrors.DuplicateMarket(queue[i]);
            }
        }
    }

    function _contains(Id[] calldata queue, Id id) internal pure returns (bool) {
        for (uint256 i; i < queue.length; ++i) {
            if (Id.unwrap(queue[i]) == Id.unwrap(id)) return true;
        }
        return false;
    }

    function _setPerformanceFee(uint256 fee) internal {
        if (fee > MAX_PERFORMANCE_FEE) revert VaultErrors.FeeTooHigh(fee);
        if (fee != 0 && feeRecipient == address(0)) revert VaultErrors.NoFeeRecipient();
        // forge-lint: disable-next-line(unsafe-typecast)
        performanceFee = uint96(fee);
        emit VaultEvents.SetPerformanceFee(fee);
    }

    function _setVestingPeriod(uint32 period) internal {
        if (period < MIN_VESTING_PERIOD || period > MAX_VESTING_PERIOD) {
            revert VaultErrors.InvalidVestingPeriod(period);
        }
        vestingPeriod = period;
        emit VaultEvents.SetVestingPeriod(period);
    }
}
