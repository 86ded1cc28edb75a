// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {IRwaShareToken} from "../interfaces/IRwaShareToken.sol";
import {RwaErrors} from "./libraries/RwaErrors.sol";
import {RwaEvents} from "./libraries/RwaEvents.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title RwaShareToken
/// @notice A permissioned ERC-20 share of one real-world asset (a commercial property, a pool of merchant
/// receivables, a loyalty SPV), issued by its asset manager, that streams the asset's pUSD income to its holders.
/// @dev Roles: the default admin (two-step transfer with a delay) sets the streaming period and grants roles;
/// `ISSUER_ROLE` (the asset manager) mints, burns and force-transfers; `DISTRIBUTOR_ROLE` deposits income.
///
/// Compliance: every transfer requires sender and receiver to pass `policyId` in the ComplianceRegistry (exempt
/// protocol contracts pass every policy unless blocked); mints require the receiver to pass; burns (redemptions by
/// the issuer) check nobody; forced transfers check only the receiver. The registry and policy are immutable: the
/// registry's admin changes what the policy requires.
///
/// Income: a per-share accumulator `incomePerShare` (scaled by 1e30) grows while a stream runs, by
/// `rate * dt * 1e12 / totalSupply` (rate is income per second scaled by 1e18). Each holder's entitlement is
/// `incomePerShare * balance + correction`, in accumulator units; a transfer of `v` at accumulator `a` adds `a * v` to
/// the sender's correction and subtracts it from the receiver's, so income accrued before a transfer stays with the
/// sender and a transfer touches one extra slot per party. The accumulator is written (checkpointed) only when the
/// supply or the rate changes (mint, burn, deposit); transfers and claims use its value computed for now, which is
/// exact because supply and rate are constant between checkpoints. Income streamed while the supply is below one
/// whole share (1e18 base units) is carried to the next deposit instead of being distributed (this also bounds the
/// accumulator: overflow needs lifetime income × balance above ~5e64 wei², e.g. 1e12 pUSD of income and 5e22 shares).
///
/// Rounding: claimable amounts round down. Income deposited minus income claimed, claimable and undistributed is at
/// most 1 wei per account that ever held shares, plus `totalSupply / 1e30` wei (below 1 wei for any supply under
/// 10^12 whole shares) per checkpoint, plus 1 wei; it stays in the contract.
contract RwaShareToken is IRwaShareToken, ERC20, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Role of the asset manager: mint, burn, forced transfer.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Role that deposits income.
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @inheritdoc IRwaShareToken
    uint256 public constant INCOME_PRECISION = 1e30;
    /// @notice Scale of the stream rate (income per second × 1e18).
    uint256 public constant RATE_PRECISION = 1e18;
    /// @notice Below this supply (one whole share) streamed income is carried to the next deposit.
    uint256 public constant MIN_DISTRIBUTION_SUPPLY = 1e18;
    /// @notice Shortest streaming period (a shorter one would let buyers snipe deposits).
    uint32 public constant MIN_STREAM_DURATION = 1 hours;
    /// @notice Longest streaming period.
    uint32 public constant MAX_STREAM_DURATION = 730 days;

    /// @dev Accumulator units per rate unit: INCOME_PRECISION / RATE_PRECISION.
    uint256 internal constant RATE_TO_INCOME = 1e12;

    /// @dev The stream, in one slot: income per second × 1e18, last checkpoint, end.
    struct Stream {
        uint176 rate;
        uint40 lastUpdate;
        uint40 periodFinish;
    }

    IComplianceRegistry internal immutable _registry;
    bytes32 internal immutable _policyId;
    IERC20 internal immutable _incomeToken;

    uint256 internal _incomePerShareStored;
    Stream internal _stream;
    /// @dev Income (× 1e18) carried to the next deposit: streamed while supply was below one share, plus the
    /// remainder of dividing a deposit by the period.
    uint256 internal _carried;
    /// @inheritdoc IRwaShareToken
    uint32 public streamDuration;

    mapping(address account => int256) internal _correction;
    /// @inheritdoc IRwaShareToken
    mapping(address account => uint256) public incomeClaimed;

    /// @param name_ ERC-20 name.
    /// @param symbol_ ERC-20 symbol.
    /// @param registry The ComplianceRegistry.
    /// @param policyId_ The policy holders must pass.
    /// @param incomeToken_ The token income is paid in (pUSD).
    /// @param streamDuration_ Seconds over which each deposit streams.
    /// @param initialDelay Delay (seconds) before a new default admin can accept the role.
    /// @param initialAdmin The default admin.
    constructor(
        string memory name_,
        string memory symbol_,
        IComplianceRegistry registry,
        bytes32 policyId_,
        IERC20 incomeToken_,
        uint32 streamDuration_,
        uint48 initialDelay,
        address initialAdmin
    ) ERC20(name_, symbol_) AccessControlDefaultAdminRules(initialDelay, initialAdmin) {
        if (address(registry) == address(0) || address(incomeToken_) == address(0)) {
            revert RwaErrors.ZeroAddress();
        }
        if (address(incomeToken_) == address(this)) revert RwaErrors.InvalidIncomeToken(address(incomeToken_));
        _registry = registry;
        _policyId = policyId_;
        _incomeToken = incomeToken_;
        _setStreamDuration(streamDuration_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Holders
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IRwaShareToken
    function claimIncome(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert RwaErrors.ZeroAddress();
        if (_registry.isBlocked(msg.sender)) revert RwaErrors.Blocked(msg.sender);
        if (to != msg.sender && _registry.isBlocked(to)) revert RwaErrors.Blocked(to);
        amount = _claimable(msg.sender, incomePerShare());
        if (amount == 0) return 0;
        incomeClaimed[msg.sender] += amount;
        _incomeToken.safeTransfer(to, amount);
        emit RwaEvents.IncomeClaimed(msg.sender, to, amount);
    }

    /// @inheritdoc IRwaShareToken
    function claimableIncome(address account) external view returns (uint256) {
        return _claimable(account, incomePerShare());
    }

    /// @inheritdoc IRwaShareToken
    function incomePerShare() public view returns (uint256) {
        Stream memory stream = _stream;
        uint256 end = block.timestamp < stream.periodFinish ? block.timestamp : stream.periodFinish;
        if (end <= stream.lastUpdate) return _incomePerShareStored;
        uint256 supply = totalSupply();
        if (supply < MIN_DISTRIBUTION_SUPPLY) return _incomePerShareStored;
        return _incomePerShareStored + uint256(stream.rate) * (end - stream.lastUpdate) * RATE_TO_INCOME / supply;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Distributor, issuer, admin
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IRwaShareToken
    /// @dev `amount` may be 0 to re-stream carried income. The income token must transfer exact amounts (pUSD does).
    function depositIncome(uint256 amount) external onlyRole(DISTRIBUTOR_ROLE) nonReentrant {
        _checkpoint();
        Stream memory stream = _stream;
        uint256 remaining =
            block.timestamp < stream.periodFinish ? uint256(stream.rate) * (stream.periodFinish - block.timestamp) : 0;
        uint256 carried = _carried;
        if (amount == 0 && carried == 0) revert RwaErrors.ZeroAmount();
        uint256 total = amount * RATE_PRECISION + remaining + carried;
        uint256 duration = streamDuration;
        uint256 rate = total / duration;
        uint256 periodFinish = block.timestamp + duration;
        _carried = total - rate * duration;
        _stream =
            Stream({rate: rate.toUint176(), lastUpdate: uint40(block.timestamp), periodFinish: uint40(periodFinish)});
        if (amount != 0) _incomeToken.safeTransferFrom(msg.sender, address(this), amount);
        emit RwaEvents.IncomeDeposited(msg.sender, amount, (remaining + carried) / RATE_PRECISION, rate, periodFinish);
    }

    /// @inheritdoc IRwaShareToken
    function mint(address to, uint256 amount) external onlyRole(ISSUER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IRwaShareToken
    /// @dev The holder keeps the income accrued on the burnt shares (claimable as usual).
    function burn(address from, uint256 amount) external onlyRole(ISSUER_ROLE) {
        _burn(from, amount);
    }

    /// @inheritdoc IRwaShareToken
    /// @dev Income accrued before the transfer stays with `from`, as with any transfer.
    function forceTransfer(address from, address to, uint256 amount, bytes32 orderRef) external onlyRole(ISSUER_ROLE) {
        if (from == address(0) || to == address(0)) revert RwaErrors.ZeroAddress();
        _moveShares(from, to, amount, false);
        emit RwaEvents.ForcedTransfer(from, to, amount, msg.sender, orderRef);
    }

    /// @inheritdoc IRwaShareToken
    /// @dev A running stream keeps its end; the new period applies from the next deposit.
    function setStreamDuration(uint32 duration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setStreamDuration(duration);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IRwaShareToken
    function incomeToken() external view returns (address) {
        return address(_incomeToken);
    }

    /// @inheritdoc IRwaShareToken
    function complianceRegistry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IRwaShareToken
    function policyId() external view returns (bytes32) {
        return _policyId;
    }

    /// @inheritdoc IRwaShareToken
    function incomeStream() external view returns (uint256 ratePerSecond, uint256 lastUpdate, uint256 periodFinish) {
        Stream memory stream = _stream;
        return (stream.rate, stream.lastUpdate, stream.periodFinish);
    }

    /// @inheritdoc IRwaShareToken
    function undistributedIncome() external view returns (uint256) {
        Stream memory stream = _stream;
        uint256 undistributed = _carried;
        if (block.timestamp < stream.periodFinish) {
            undistributed += uint256(stream.rate) * (stream.periodFinish - block.timestamp);
        }
        uint256 end = block.timestamp < stream.periodFinish ? block.timestamp : stream.periodFinish;
        if (end > stream.lastUpdate && totalSupply() < MIN_DISTRIBUTION_SUPPLY) {
            undistributed += uint256(stream.rate) * (end - stream.lastUpdate);
        }
        return undistributed / RATE_PRECISION;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev The single path of every balance change (ERC-20 transfers, mint, burn): compliance, then income
    /// bookkeeping, then the balance update.
    function _update(address from, address to, uint256 value) internal override {
        _moveShares(from, to, value, true);
    }

    /// @dev `checkSender` is false only for forced transfers.
    function _moveShares(address from, address to, uint256 value, bool checkSender) internal {
        if (from == address(0)) {
            _checkAllowed(to);
            uint256 acc = _checkpoint();
            super._update(from, to, value);
            _correction[to] -= (acc * value).toInt256();
        } else if (to == address(0)) {
            uint256 acc = _checkpoint();
            super._update(from, to, value);
            _correction[from] += (acc * value).toInt256();
        } else {
            if (checkSender) _checkAllowed(from);
            _checkAllowed(to);
            int256 moved = (incomePerShare() * value).toInt256();
            super._update(from, to, value);
            _correction[from] += moved;
            _correction[to] -= moved;
        }
    }

    /// @dev Brings the stored accumulator to now; called before the supply or the rate changes.
    function _checkpoint() internal returns (uint256 acc) {
        Stream memory stream = _stream;
        acc = _incomePerShareStored;
        uint256 end = block.timestamp < stream.periodFinish ? block.timestamp : stream.periodFinish;
        if (end <= stream.lastUpdate) return acc;
        uint256 streamed = uint256(stream.rate) * (end - stream.lastUpdate);
        uint256 supply = totalSupply();
        if (supply >= MIN_DISTRIBUTION_SUPPLY) {
            acc += streamed * RATE_TO_INCOME / supply;
            _incomePerShareStored = acc;
        } else {
            _carried += streamed;
        }
        _stream.lastUpdate = uint40(end);
    }

    function _claimable(address account, uint256 acc) internal view returns (uint256) {
        int256 entitled = (acc * balanceOf(account)).toInt256() + _correction[account];
        return entitled.toUint256() / INCOME_PRECISION - incomeClaimed[account];
    }

    function _checkAllowed(address account) internal view {
        if (!_registry.isAllowed(_policyId, account)) revert RwaErrors.NotAllowed(_policyId, account);
    }

    function _setStreamDuration(uint32 duration) internal {
        if (duration < MIN_STREAM_DURATION || duration > MAX_STREAM_DURATION) {
            revert RwaErrors.InvalidStreamDuration(duration);
        }
        streamDuration = duration;
        emit RwaEvents.StreamDurationSet(duration);
    }
}
