// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILoyaltyPoints} from "../interfaces/ILoyaltyPoints.sol";
import {IPaymentProcessor} from "../interfaces/IPaymentProcessor.sol";
import {PayFiErrors} from "./libraries/PayFiErrors.sol";
import {PayFiEvents} from "./libraries/PayFiEvents.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title LoyaltyPoints
/// @notice One merchant's loyalty points: a plain, transferable ERC-20 (18 decimals), deployed as an EIP-1167 clone
/// of one implementation (deployed by the PaymentProcessor) per merchant by the MerchantRegistry.
/// - Earning: the processor mints points to the payer when a payment at the merchant settles.
/// - Discount: a payer may burn points at checkout (bound by its payment signature); the merchant absorbs the
///   discount (`points × pointValue`).
/// - Reserve (optional): anyone may fund a pUSD reserve; holders `redeem` points for pUSD at the posted value, pro
///   rata if the reserve is short. The merchant may withdraw only the surplus over the liability
///   (`totalSupply × pointValue`), lowering the value takes effect after `VALUE_DECREASE_DELAY` so holders can
///   redeem first.
/// - Expiry (optional): at `expiresAt` the program ends: transfers, discounts and redemptions stop, minting becomes
///   a no-op (so payments never fail on it) and the whole reserve returns to the merchant. An expiry is announced at
///   least `EXPIRY_NOTICE` ahead (extensions are immediate).
/// @dev A lean ERC-20 rather than OpenZeppelin's: the total supply and the expiry share one word, so a mint (on
/// the checkout path) reads and writes two slots: that word and the holder's balance.
contract LoyaltyPoints is ILoyaltyPoints, IERC20Errors, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Delay before a lower posted value takes effect.
    uint256 public constant VALUE_DECREASE_DELAY = 7 days;
    /// @notice Minimum notice before the program can expire.
    uint256 public constant EXPIRY_NOTICE = 30 days;

    uint256 internal constant _SUPPLY_BITS = 208;
    uint256 internal constant _SUPPLY_MASK = type(uint208).max;
    uint256 internal constant _WAD = 1e18;

    /// @notice The PaymentProcessor: deployer of the clones, sole minter.
    address public immutable processor;
    /// @notice pUSD, the reserve asset.
    IERC20 public immutable pusd;

    address internal _merchant;
    /// @dev Total supply in the low 208 bits, expiry (unix seconds, 0 = never) in the high 48.
    uint256 internal _supplyAndExpiry;
    mapping(address account => uint256) internal _balances;
    mapping(address owner => mapping(address spender => uint256)) internal _allowances;
    uint128 internal _value;
    uint128 internal _pendingValue;
    uint48 internal _pendingValueAt;
    string internal _name;
    string internal _symbol;

    modifier onlyProcessor() {
        if (msg.sender != processor) revert PayFiErrors.NotProcessor(msg.sender);
        _;
    }

    modifier onlyMerchant() {
        if (msg.sender != _merchant) revert PayFiErrors.NotMerchant(msg.sender);
        _;
    }

    /// @param pusd_ pUSD. The deployer (the PaymentProcessor) becomes `processor`.
    constructor(address pusd_) {
        processor = msg.sender;
        pusd = IERC20(pusd_);
        _merchant = address(0xdead); // the implementation itself is never initialized
    }

    /// @inheritdoc ILoyaltyPoints
    /// @dev Callable by the processor's registry, which deploys the clones.
    function initialize(
        address merchant_,
        string calldata name_,
        string calldata symbol_,
        uint128 pointValue_,
        uint48 expiresAt_
    ) external {
        if (msg.sender != address(IPaymentProcessor(processor).registry())) {
            revert PayFiErrors.NotRegistry(msg.sender);
        }
        if (_merchant != address(0)) revert PayFiErrors.AlreadyInitialized();
        if (merchant_ == address(0)) revert PayFiErrors.ZeroAddress();
        if (expiresAt_ != 0 && expiresAt_ < block.timestamp + EXPIRY_NOTICE) {
            revert PayFiErrors.InvalidExpiry(expiresAt_, block.timestamp + EXPIRY_NOTICE);
        }
        _merchant = merchant_;
        _name = name_;
        _symbol = symbol_;
        _value = pointValue_;
        _supplyAndExpiry = uint256(expiresAt_) << _SUPPLY_BITS;
        emit PayFiEvents.PointValueSet(pointValue_, block.timestamp);
        emit PayFiEvents.ExpirySet(expiresAt_);
    }

    // ------------------------------------------------------------------------------------------------ ERC-20

    /// @inheritdoc IERC20
    function transfer(address to, uint256 amount) external returns (bool) {
        _requireLive();
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _requireLive();
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert ERC20InsufficientAllowance(msg.sender, allowed, amount);
            unchecked {
                _allowances[from][msg.sender] = allowed - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function totalSupply() public view returns (uint256) {
        return _supplyAndExpiry & _SUPPLY_MASK;
    }

    /// @notice The program's name, e.g. "Cafe Points".
    function name() external view returns (string memory) {
        return _name;
    }

    /// @notice The program's symbol.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice 18, like pUSD.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    // ------------------------------------------------------------------------------------------------ processor

    /// @inheritdoc ILoyaltyPoints
    function mint(address to, uint256 amount) external onlyProcessor {
        uint256 word = _supplyAndExpiry;
        uint256 expiry = word >> _SUPPLY_BITS;
        if (expiry != 0 && block.timestamp >= expiry) return;
        uint256 supply = (word & _SUPPLY_MASK) + amount;
        if (supply > _SUPPLY_MASK) revert PayFiErrors.InvalidParameters();
        _supplyAndExpiry = (expiry << _SUPPLY_BITS) | supply;
        // supply fits in 208 bits, so does every balance
        unchecked {
            _balances[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc ILoyaltyPoints
    function burnForDiscount(address from, uint256 points) external onlyProcessor returns (uint256 discount) {
        _requireLive();
        _burn(from, points);
        discount = Math.mulDiv(points, pointValue(), _WAD);
    }

    // ------------------------------------------------------------------------------------------------ reserve

    /// @notice Adds `amount` pUSD from the caller to the reserve (anyone may fund it).
    function fundReserve(uint256 amount) external nonReentrant {
        if (amount == 0) revert PayFiErrors.ZeroAmount();
        pusd.safeTransferFrom(msg.sender, address(this), amount);
        emit PayFiEvents.ReserveFunded(msg.sender, amount);
    }

    /// @notice Burns `points` of the caller for pUSD sent to `to`: `points × pointValue`, or the holder's pro-rata
    /// share of the reserve if that is less (a short reserve is shared fairly, never first come first served).
    /// @return paid pUSD sent.
    function redeem(uint256 points, address to) external nonReentrant returns (uint256 paid) {
        _requireLive();
        if (to == address(0)) revert PayFiErrors.ZeroAddress();
        paid = previewRedeem(points);
        if (paid == 0) revert PayFiErrors.NothingToRedeem();
        _burn(msg.sender, points);
        pusd.safeTransfer(to, paid);
        emit PayFiEvents.Redeemed(msg.sender, to, points, paid);
    }

    /// @notice What `redeem(points, …)` would pay now.
    function previewRedeem(uint256 points) public view returns (uint256) {
        uint256 supply = totalSupply();
        if (points == 0 || supply == 0) return 0;
        uint256 atValue = Math.mulDiv(points, pointValue(), _WAD);
        uint256 proRata = Math.mulDiv(reserve(), Math.min(points, supply), supply);
        return Math.min(atValue, proRata);
    }

    /// @notice The merchant withdraws `amount` of reserve above the liability (all of it once expired) to `to`.
    function withdrawReserve(uint256 amount, address to) external onlyMerchant nonReentrant {
        if (to == address(0)) revert PayFiErrors.ZeroAddress();
        uint256 surplus = reserveSurplus();
        if (amount > surplus) revert PayFiErrors.ExceedsSurplus(amount, surplus);
        pusd.safeTransfer(to, amount);
        emit PayFiEvents.ReserveWithdrawn(to, amount);
    }

    /// @notice Sets the posted value (pUSD per whole point). Raising it is immediate; lowering it takes effect
    /// after `VALUE_DECREASE_DELAY` (until then the old value applies, to redemptions and to the liability).
    function setPointValue(uint128 newValue) external onlyMerchant {
        uint256 current = pointValue();
        if (newValue >= current) {
            _value = newValue;
            _pendingValueAt = 0;
            emit PayFiEvents.PointValueSet(newValue, block.timestamp);
        } else {
            _value = uint128(current);
            _pendingValue = newValue;
            uint256 effectiveAt = block.timestamp + VALUE_DECREASE_DELAY;
            _pendingValueAt = uint48(effectiveAt);
            emit PayFiEvents.PointValueSet(newValue, effectiveAt);
        }
    }

    /// @notice Sets when the program expires: 0 (never), a date at least `EXPIRY_NOTICE` ahead, or any extension of
    /// the current expiry. Not possible once expired.
    function setExpiry(uint48 newExpiry) external onlyMerchant {
        _requireLive();
        uint256 word = _supplyAndExpiry;
        uint256 current = word >> _SUPPLY_BITS;
        bool extension = current != 0 && (newExpiry == 0 || newExpiry >= current);
        if (!extension && newExpiry != 0 && newExpiry < block.timestamp + EXPIRY_NOTICE) {
            revert PayFiErrors.InvalidExpiry(newExpiry, block.timestamp + EXPIRY_NOTICE);
        }
        _supplyAndExpiry = (uint256(newExpiry) << _SUPPLY_BITS) | (word & _SUPPLY_MASK);
        emit PayFiEvents.ExpirySet(newExpiry);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc ILoyaltyPoints
    function merchant() external view returns (address) {
        return _merchant;
    }

    /// @inheritdoc ILoyaltyPoints
    function pointValue() public view returns (uint256) {
        uint256 at = _pendingValueAt;
        return at != 0 && block.timestamp >= at ? _pendingValue : _value;
    }

    /// @notice A scheduled lower value and when it takes effect (0, 0 if none).
    function pendingPointValue() external view returns (uint256 value, uint256 effectiveAt) {
        uint256 at = _pendingValueAt;
        if (at == 0 || block.timestamp >= at) return (0, 0);
        return (_pendingValue, at);
    }

    /// @inheritdoc ILoyaltyPoints
    function expiresAt() public view returns (uint48) {
        return uint48(_supplyAndExpiry >> _SUPPLY_BITS);
    }

    /// @notice Whether the program has expired.
    function isExpired() public view returns (bool) {
        uint256 expiry = expiresAt();
        return expiry != 0 && block.timestamp >= expiry;
    }

    /// @notice pUSD held as reserve.
    function reserve() public view returns (uint256) {
        return pusd.balanceOf(address(this));
    }

    /// @notice What the points are worth at the posted value (0 once expired).
    function liability() public view returns (uint256) {
        return isExpired() ? 0 : Math.mulDiv(totalSupply(), pointValue(), _WAD, Math.Rounding.Ceil);
    }

    /// @notice Reserve above the liability (what the merchant may withdraw).
    function reserveSurplus() public view returns (uint256) {
        uint256 held = reserve();
        uint256 owed = liability();
        return held > owed ? held - owed : 0;
    }

    // ------------------------------------------------------------------------------------------------ internal

    function _requireLive() internal view {
        uint256 expiry = expiresAt();
        if (expiry != 0 && block.timestamp >= expiry) revert PayFiErrors.ProgramExpired(expiry);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 balance = _balances[from];
        if (balance < amount) revert ERC20InsufficientBalance(from, balance, amount);
        // the sum of balances is the supply, below 2^208
        unchecked {
            _balances[from] = balance - amount;
            _balances[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _burn(address from, uint256 amount) internal {
        uint256 balance = _balances[from];
        if (balance < amount) revert ERC20InsufficientBalance(from, balance, amount);
        // amount <= balance <= supply
        unchecked {
            _balances[from] = balance - amount;
            _supplyAndExpiry -= amount;
        }
        emit Transfer(from, address(0), amount);
    }
}
