// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPlazaUSD} from "../interfaces/IPlazaUSD.sol";
import {PSMErrors} from "./libraries/PSMErrors.sol";
import {PSMEvents} from "./libraries/PSMEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title PegStabilityModule
/// @notice 1:1 swaps between a reserve stablecoin (the "gem", USDC) and pUSD: `sellGem` takes gem and mints pUSD,
/// `buyGem` burns pUSD and pays out gem. Fees `tin`/`tout` (bps) are paid in pUSD to the FeeCollector by plain
/// transfer (minted to it on `sellGem`); pUSD minted through the PSM is capped by a debt ceiling.
/// @dev Decimal scaling is exact (gem × 10^(18 − decimals)); fees round up, so every rounding is against the
/// caller. Every unit of gem taken mints exactly `to18` pUSD (to the user and the collector together) and every
/// unit paid out burns exactly `to18`, so `reserves × to18 ≥ minted` always holds (equality absent donations).
/// The gem must not charge fees on transfer (USDC does not).
///
/// The PSM is an unlimited pUSD minter (`configureMinter(psm, type(uint256).max)`): pUSD then reads the minter
/// slot but does not write an allowance on every swap, and the ceiling that matters (pUSD backed by gem) is
/// enforced here, in the same storage slot as the fees and the pause flag, which every swap reads once and writes
/// once. With a finite minter allowance the PSM still works; the allowance then also caps cumulative sales.
///
/// Sanctions: pUSD refuses a blocked receiver on mint and a blocked payer on burn; the PSM also refuses a blocked
/// `msg.sender` on `sellGem` and a blocked gem receiver on `buyGem`, so pUSD's blocklist cannot be bypassed by
/// routing value through the gem side.
///
/// Roles (OpenZeppelin `AccessControlDefaultAdminRules`, two-step admin transfer with a delay): the default admin
/// sets fees, the debt ceiling and the fee collector, and rescues surplus tokens; `PAUSER_ROLE` pauses and
/// unpauses swaps. Immutable: a new PSM is a new deployment (and a new pUSD minter).
contract PegStabilityModule is AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    /// @notice Role that pauses and unpauses swaps.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice 100% in basis points.
    uint256 public constant BPS = 10_000;
    /// @notice Highest fee each way: 10%.
    uint256 public constant MAX_FEE_BPS = 1000;
    /// @notice Highest debt ceiling (the packed state keeps it in 104 bits, about 2 × 10^13 pUSD).
    uint256 public constant MAX_DEBT_CEILING = type(uint104).max;

    /// @notice The stablecoin minted and burned.
    IPlazaUSD public immutable pusd;
    /// @notice The reserve stablecoin (USDC).
    IERC20 public immutable gem;
    /// @notice 10^(18 − gem decimals): pUSD wei per gem unit.
    uint256 public immutable to18;

    /// @dev Everything a swap reads and writes, in one slot.
    struct State {
        uint104 minted;
        uint104 debtCeiling;
        uint16 tin;
        uint16 tout;
        bool paused;
    }

    State internal _state;

    /// @notice Where fees go (the FeeCollector).
    address public feeCollector;

    /// @param pusd_ pUSD (the PSM must be made a minter of it).
    /// @param gem_ The reserve stablecoin, at most 18 decimals.
    /// @param feeCollector_ Where fees go.
    /// @param debtCeiling_ Most pUSD outstanding through the PSM.
    /// @param initialDelay Delay (seconds) before a new default admin can accept the role.
    /// @param initialAdmin The default admin.
    constructor(
        IPlazaUSD pusd_,
        IERC20Metadata gem_,
        address feeCollector_,
        uint256 debtCeiling_,
        uint48 initialDelay,
        address initialAdmin
    ) AccessControlDefaultAdminRules(initialDelay, initialAdmin) {
        if (address(pusd_) == address(0) || address(gem_) == address(0)) {
            revert PSMErrors.ZeroAddress();
        }
        uint8 decimals = gem_.decimals();
        if (decimals > 18) revert PSMErrors.UnsupportedGemDecimals(decimals);
        pusd = pusd_;
        gem = IERC20(address(gem_));
        to18 = 10 ** (18 - decimals);
        _setFeeCollector(feeCollector_);
        _setDebtCeiling(debtCeiling_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Swaps
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Sells `gemAmount` gem (pulled from the caller, who must have approved it) for pUSD sent to `to`.
    /// @return pusdOut pUSD received by `to`: `gemAmount × to18` minus the `tin` fee (rounded up).
    function sellGem(address to, uint256 gemAmount) external returns (uint256 pusdOut) {
        State memory state = _state;
        if (state.paused) revert PSMErrors.SwapsPaused();
        if (gemAmount == 0) revert PSMErrors.ZeroAmount();
        uint256 gross = gemAmount * to18;
        uint256 mintedAfter = state.minted + gross;
        if (mintedAfter > state.debtCeiling) revert PSMErrors.DebtCeilingExceeded(mintedAfter, state.debtCeiling);
        uint256 fee = _fee(gross, state.tin);
        pusdOut = gross - fee;
        // forge-lint: disable-next-line(unsafe-typecast)
        _state.minted = uint104(mintedAfter); // mintedAfter <= debtCeiling < 2^104

        if (pusd.isBlocked(msg.sender)) revert PSMErrors.AccountBlocked(msg.sender);
        gem.safeTransferFrom(msg.sender, address(this), gemAmount);
        pusd.mint(to, pusdOut);
        if (fee != 0) pusd.mint(feeCollector, fee);
        emit PSMEvents.SellGem(msg.sender, to, gemAmount, pusdOut, fee);
    }

    /// @notice Buys `gemAmount` gem, sent to `to`, for pUSD taken from the caller (who must have approved the PSM
    /// for `pusdIn`).
    /// @return pusdIn pUSD paid: `gemAmount × to18` (burned) plus the `tout` fee (rounded up, to the collector).
    function buyGem(address to, uint256 gemAmount) external returns (uint256 pusdIn) {
        State memory state = _state;
        if (state.paused) revert PSMErrors.SwapsPaused();
        if (gemAmount == 0) revert PSMErrors.ZeroAmount();
        uint256 gross = gemAmount * to18;
        if (gross > state.minted) revert PSMErrors.InsufficientMinted(gross, state.minted);
        uint256 fee = _fee(gross, state.tout);
        pusdIn = gross + fee;
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast)
            _state.minted = uint104(state.minted - gross);
        }

        pusd.burnFrom(msg.sender, gross);
        if (fee != 0) pusd.transferFrom(msg.sender, feeCollector, fee);
        if (pusd.isBlocked(to)) revert PSMErrors.AccountBlocked(to);
        gem.safeTransfer(to, gemAmount);
        emit PSMEvents.BuyGem(msg.sender, to, gemAmount, pusdIn, fee);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Sets the fees in bps (each at most `MAX_FEE_BPS`). Only the admin.
    function setFees(uint16 tin_, uint16 tout_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (tin_ > MAX_FEE_BPS) revert PSMErrors.FeeTooHigh(tin_);
        if (tout_ > MAX_FEE_BPS) revert PSMErrors.FeeTooHigh(tout_);
        _state.tin = tin_;
        _state.tout = tout_;
        emit PSMEvents.FeesSet(tin_, tout_);
    }

    /// @notice Sets the ceiling on pUSD outstanding through the PSM. Below the current `minted` it stops sales
    /// and leaves purchases open. Only the admin.
    function setDebtCeiling(uint256 debtCeiling_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDebtCeiling(debtCeiling_);
    }

    /// @notice Sets where fees go. Only the admin.
    function setFeeCollector(address feeCollector_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFeeCollector(feeCollector_);
    }

    /// @notice Pauses both swap directions. Only the pauser.
    function pause() external onlyRole(PAUSER_ROLE) {
        _state.paused = true;
        emit PSMEvents.Paused(msg.sender);
    }

    /// @notice Resumes swaps. Only the pauser.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _state.paused = false;
        emit PSMEvents.Unpaused(msg.sender);
    }

    /// @notice Sends `amount` of `token` held by the PSM to `to`; for the gem, only the surplus above what backs
    /// the minted pUSD (donations). Only the admin.
    function rescue(IERC20 token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == gem) {
            uint256 surplus = surplusGem();
            if (amount > surplus) revert PSMErrors.GemNotSurplus(amount, surplus);
        }
        token.safeTransfer(to, amount);
        emit PSMEvents.TokensRescued(address(token), to, amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice pUSD outstanding through the PSM (minted by sales, not yet burned by purchases), fees included.
    function minted() external view returns (uint256) {
        return _state.minted;
    }

    /// @notice Most pUSD outstanding through the PSM.
    function debtCeiling() external view returns (uint256) {
        return _state.debtCeiling;
    }

    /// @notice Fee on `sellGem`, in bps.
    function tin() external view returns (uint256) {
        return _state.tin;
    }

    /// @notice Fee on `buyGem`, in bps.
    function tout() external view returns (uint256) {
        return _state.tout;
    }

    /// @notice Whether swaps are paused.
    function paused() external view returns (bool) {
        return _state.paused;
    }

    /// @notice Gem held by the PSM.
    function reserves() public view returns (uint256) {
        return gem.balanceOf(address(this));
    }

    /// @notice Gem held above what backs the minted pUSD.
    function surplusGem() public view returns (uint256) {
        uint256 backing = _state.minted / to18; // exact: minted is always a multiple of to18
        uint256 held = reserves();
        return held > backing ? held - backing : 0;
    }

    /// @notice What `sellGem(gemAmount)` would give now (ignores pause, ceiling and blocklist).
    function previewSellGem(uint256 gemAmount) external view returns (uint256 pusdOut, uint256 fee) {
        uint256 gross = gemAmount * to18;
        fee = _fee(gross, _state.tin);
        pusdOut = gross - fee;
    }

    /// @notice What `buyGem(gemAmount)` would cost now (ignores pause and available gem).
    function previewBuyGem(uint256 gemAmount) external view returns (uint256 pusdIn, uint256 fee) {
        uint256 gross = gemAmount * to18;
        fee = _fee(gross, _state.tout);
        pusdIn = gross + fee;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev `amount × bps / 10,000`, rounded up (against the caller). Swaps pass `amount < 2^104` (ceiling or
    /// minted), so this cannot overflow there; a preview of an absurd amount reverts on overflow.
    function _fee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        if (bps == 0) return 0;
        return (amount * bps + BPS - 1) / BPS;
    }

    function _setDebtCeiling(uint256 debtCeiling_) internal {
        if (debtCeiling_ > MAX_DEBT_CEILING) revert PSMErrors.DebtCeilingTooHigh(debtCeiling_);
        // forge-lint: disable-next-line(unsafe-typecast)
        _state.debtCeiling = uint104(debtCeiling_);
        emit PSMEvents.DebtCeilingSet(debtCeiling_);
    }

    function _setFeeCollector(address feeCollector_) internal {
        if (feeCollector_ == address(0)) revert PSMErrors.ZeroAddress();
        feeCollector = feeCollector_;
        emit PSMEvents.FeeCollectorSet(feeCollector_);
    }
}
