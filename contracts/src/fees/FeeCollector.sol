// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeCollector, IFeeRecipient} from "../interfaces/IFeeCollector.sol";
import {FeeCollectorErrors} from "./libraries/FeeCollectorErrors.sol";
import {FeeCollectorEvents} from "./libraries/FeeCollectorEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title FeeCollector
/// @notice Receives every Plaza module's fees in any ERC-20 and splits them by bps among the configured
/// recipients (treasury, LP incentives, savings vault).
/// @dev Modules pay by plain ERC-20 transfer. `distribute(token)` accounts the undistributed balance (the token
/// balance minus credits owed but not yet claimed), emits `FeesAccounted`, and pays each recipient its share;
/// the last recipient also gets the rounding remainder. Each payment (transfer, plus `onFeesReceived` for
/// recipients flagged `notify`) runs in a self-call inside try/catch, so a revert undoes both and the share becomes
/// a credit the recipient can `claim` later, without blocking the other recipients.
///
/// Only the default admin (two-step transfer with a delay) changes the recipients. A recipient hook that burns all
/// the gas it is given can still make `distribute` run out of gas; recipients are trusted protocol contracts, and
/// the admin removes one that misbehaves.
contract FeeCollector is IFeeCollector, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice One recipient of the split.
    /// @param account Where its share goes.
    /// @param bps Its share in basis points; all recipients add up to 10,000.
    /// @param notify Whether `IFeeRecipient.onFeesReceived` is called with each payment.
    struct Recipient {
        address account;
        uint16 bps;
        bool notify;
    }

    /// @notice 100% in basis points.
    uint16 public constant BPS = 10_000;
    /// @notice Most recipients the split may have (bounds the gas of `distribute`).
    uint256 public constant MAX_RECIPIENTS = 8;

    Recipient[] internal _recipients;

    /// @notice Credits owed in `token` to recipients whose payment failed, not yet claimed.
    mapping(address token => uint256) public totalCredit;
    /// @notice Credit owed in `token` to `recipient`.
    mapping(address token => mapping(address recipient => uint256)) public creditOf;

    /// @param initialDelay Delay (seconds) before a new default admin can accept the role.
    /// @param initialAdmin The default admin.
    /// @param recipients_ The initial split (see `setRecipients`).
    constructor(uint48 initialDelay, address initialAdmin, Recipient[] memory recipients_)
        AccessControlDefaultAdminRules(initialDelay, initialAdmin)
    {
        _setRecipients(recipients_);
    }

    /// @notice Replaces the recipient set. Bps must add up to 10,000, with 1–8 distinct non-zero recipients.
    /// @dev Fees already in the collector and not yet distributed follow the new split.
    function setRecipients(Recipient[] calldata recipients_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRecipients(recipients_);
    }

    /// @inheritdoc IFeeCollector
    /// @dev Permissionless. Returns 0 (and emits nothing) when nothing new arrived.
    function distribute(address token) external nonReentrant returns (uint256 amount) {
        if (token == address(0)) revert FeeCollectorErrors.ZeroAddress();
        amount = undistributed(token);
        if (amount == 0) return 0;
        emit FeeCollectorEvents.FeesAccounted(token, amount);

        uint256 count = _recipients.length;
        uint256 remaining = amount;
        for (uint256 i; i < count; ++i) {
            Recipient memory recipient = _recipients[i];
            uint256 share = i == count - 1 ? remaining : amount * recipient.bps / BPS;
            remaining -= share;
            if (share == 0) continue;
            try this.pushShare(token, recipient.account, share, recipient.notify) {
                emit FeeCollectorEvents.FeesDistributed(token, recipient.account, share);
            } catch {
                creditOf[token][recipient.account] += share;
                totalCredit[token] += share;
                emit FeeCollectorEvents.FeesCredited(token, recipient.account, share);
            }
        }
    }

    /// @notice Pays `recipient` its credit in `token` (and calls its hook if it is a notified recipient).
    /// @dev Permissionless: the funds can only go to the recipient they are owed to. Reverts if the transfer or
    /// the hook reverts, leaving the credit in place.
    function claim(address token, address recipient) external nonReentrant returns (uint256 amount) {
        amount = creditOf[token][recipient];
        if (amount == 0) revert FeeCollectorErrors.NothingToClaim(token, recipient);
        creditOf[token][recipient] = 0;
        totalCredit[token] -= amount;
        _pay(token, recipient, amount, _notifies(recipient));
        emit FeeCollectorEvents.FeesClaimed(token, recipient, amount);
    }

    /// @notice Transfer plus optional hook of one share; only callable by the collector itself, from `distribute`,
    /// so that a revert of either undoes both.
    function pushShare(address token, address recipient, uint256 amount, bool notify) external {
        if (msg.sender != address(this)) revert FeeCollectorErrors.OnlySelf();
        _pay(token, recipient, amount, notify);
    }

    /// @notice The current recipients.
    function recipients() external view returns (Recipient[] memory) {
        return _recipients;
    }

    /// @notice What `distribute(token)` would split now: the balance minus credits owed.
    function undistributed(address token) public view returns (uint256) {
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 owed = totalCredit[token];
        return balance > owed ? balance - owed : 0;
    }

    function _pay(address token, address recipient, uint256 amount, bool notify) internal {
        IERC20(token).safeTransfer(recipient, amount);
        if (notify) IFeeRecipient(recipient).onFeesReceived(token, amount);
    }

    function _notifies(address account) internal view returns (bool) {
        uint256 count = _recipients.length;
        for (uint256 i; i < count; ++i) {
            if (_recipients[i].account == account) return _recipients[i].notify;
        }
        return false;
    }

    function _setRecipients(Recipient[] memory recipients_) internal {
        uint256 count = recipients_.length;
        if (count == 0 || count > MAX_RECIPIENTS) revert FeeCollectorErrors.InvalidRecipientCount(count);
        delete _recipients;
        address[] memory accounts = new address[](count);
        uint16[] memory bps = new uint16[](count);
        bool[] memory notify = new bool[](count);
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            Recipient memory recipient = recipients_[i];
            if (recipient.account == address(0) || recipient.account == address(this)) {
                revert FeeCollectorErrors.InvalidRecipient(recipient.account);
            }
            if (recipient.bps == 0) revert FeeCollectorErrors.ZeroBps(recipient.account);
            for (uint256 j; j < i; ++j) {
                if (accounts[j] == recipient.account) revert FeeCollectorErrors.DuplicateRecipient(recipient.account);
            }
            sum += recipient.bps;
            accounts[i] = recipient.account;
            bps[i] = recipient.bps;
            notify[i] = recipient.notify;
            _recipients.push(recipient);
        }
        if (sum != BPS) revert FeeCollectorErrors.InvalidBpsSum(sum);
        emit FeeCollectorEvents.RecipientsSet(accounts, bps, notify);
    }
}
