// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBlocklistMirror} from "../interfaces/IBlocklistMirror.sol";
import {IPlazaUSD} from "../interfaces/IPlazaUSD.sol";
import {PlazaUSDErrors} from "./libraries/PlazaUSDErrors.sol";
import {PlazaUSDEvents} from "./libraries/PlazaUSDEvents.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title PlazaUSD (pUSD)
/// @notice Plaza's stablecoin: an ERC-20 with EIP-2612 permit, EIP-3009 authorizations, ERC-1271 signatures for
/// smart wallets, per-minter allowances, pause, a sanctions blocklist and token rescue. UUPS-upgradeable.
/// @dev Storage: ERC-7201 namespace `plaza.storage.PlazaUSD` (plus OpenZeppelin's own namespaces for the admin
/// and the permit nonces). The pause flag shares a slot with the total supply (a custom pause rather than
/// OpenZeppelin's Pausable, whose flag would cost mint and burn an extra cold SLOAD). The implementation's
/// initializers are disabled in its constructor.
///
/// Blocklist: the ComplianceRegistry is the source of truth; this contract keeps a cache of the flag in the top
/// bit of each account's balance word, so the transfer path reads it with the balance (no extra SLOAD, no
/// external call). Only the blocklister (the registry) writes it, in the same transaction as the registry's own
/// write. Balances therefore stay below 2^255, which the supply cap (2^248 − 1) guarantees.
///
/// Every movement of funds (transfer, transferFrom, both EIP-3009 paths, mint, burn, burnFrom) goes through
/// `_update`, which enforces the pause and the blocklist of sender and receiver. `transferFrom` also refuses a
/// blocked spender. Approvals (`approve`, `permit`) and `cancelAuthorization` move no funds and work while paused
/// or blocked, as in USDC v2.2.
///
/// Roles: `owner` is the admin (two-step transfer, cannot be renounced): upgrades and sets the other roles.
/// `masterMinter` configures minters; `pauser` pauses; `blocklister` writes the blocked cache; `rescuer` rescues
/// ERC-20 tokens sent to this contract.
contract PlazaUSD is
    IPlazaUSD,
    IERC5267,
    IERC20Errors,
    Initializable,
    UUPSUpgradeable,
    Ownable2StepUpgradeable,
    NoncesUpgradeable
{
    using SafeERC20 for IERC20;

    /// @notice Allowance that makes a minter unlimited (its ceiling is enforced elsewhere, e.g. the PSM's).
    uint256 public constant UNLIMITED_ALLOWANCE = type(uint256).max;
    /// @notice Highest total supply: it shares a slot with the pause flag, and bit 255 of a balance word is the
    /// blocked flag (balances never exceed the supply).
    uint256 public constant MAX_SUPPLY = type(uint248).max;

    /// @notice EIP-2612 permit type hash.
    bytes32 public constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    /// @notice EIP-3009 transferWithAuthorization type hash.
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    /// @notice EIP-3009 receiveWithAuthorization type hash.
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    /// @notice EIP-3009 cancelAuthorization type hash.
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    string internal constant _NAME = "Plaza USD";
    string internal constant _SYMBOL = "pUSD";
    string internal constant _VERSION = "1";
    bytes32 internal constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant _HASHED_NAME = keccak256(bytes(_NAME));
    bytes32 internal constant _HASHED_VERSION = keccak256(bytes(_VERSION));

    /// @dev Bit 255 of a balance word: the account is blocked.
    uint256 internal constant _BLOCKED = 1 << 255;

    /// @dev One slot per minter.
    struct MinterConfig {
        bool isMinter;
        bool unlimited;
        uint128 allowance;
    }

    /// @custom:storage-location erc7201:plaza.storage.PlazaUSD
    struct PlazaUSDStorage {
        mapping(address account => uint256) balanceAndBlocked;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        mapping(address authorizer => mapping(bytes32 nonce => bool)) authorizationStates;
        mapping(address minter => MinterConfig) minters;
        // One slot: every transfer reads `paused`; mint and burn also read and write `totalSupply`.
        uint248 totalSupply;
        bool paused;
        address masterMinter;
        address pauser;
        address blocklister;
        address rescuer;
    }

    // keccak256(abi.encode(uint256(keccak256("plaza.storage.PlazaUSD")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_LOCATION = 0x4e9ec222b7962e0869cbe1b6766869f917a6f55b97e23effffbe8c222e6f8500;

    function _storage() private pure returns (PlazaUSDStorage storage $) {
        assembly {
            $.slot := _STORAGE_LOCATION
        }
    }

    modifier onlyMasterMinter() {
        if (msg.sender != _storage().masterMinter) revert PlazaUSDErrors.NotMasterMinter(msg.sender);
        _;
    }

    modifier onlyPauser() {
        if (msg.sender != _storage().pauser) revert PlazaUSDErrors.NotPauser(msg.sender);
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy's storage.
    /// @param admin The admin (owner): upgrades and role changes.
    /// @param masterMinter_ Configures minters.
    /// @param pauser_ Pauses and unpauses.
    /// @param blocklister_ Writes the blocked cache: the ComplianceRegistry.
    /// @param rescuer_ Rescues tokens sent to pUSD.
    function initialize(address admin, address masterMinter_, address pauser_, address blocklister_, address rescuer_)
        external
        initializer
    {
        __Ownable_init(admin);
        __Ownable2Step_init();
        __Nonces_init();
        __UUPSUpgradeable_init();
        _setMasterMinter(masterMinter_);
        _setPauser(pauser_);
        _setBlocklister(blocklister_);
        _setRescuer(rescuer_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // ERC-20
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    /// @dev Reverts if the spender is blocked, besides the sender and receiver checks of every transfer.
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        PlazaUSDStorage storage $ = _storage();
        if ($.balanceAndBlocked[msg.sender] >= _BLOCKED) revert PlazaUSDErrors.AccountBlocked(msg.sender);
        _spendAllowance($, from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _storage().balanceAndBlocked[account] & ~_BLOCKED;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _storage().allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _storage().totalSupply;
    }

    /// @notice "Plaza USD".
    function name() external pure returns (string memory) {
        return _NAME;
    }

    /// @notice "pUSD".
    function symbol() external pure returns (string memory) {
        return _SYMBOL;
    }

    /// @notice 18.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    // ------------------------------------------------------------------------------------------------------------
    // EIP-2612 and EIP-712
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20Permit
    /// @dev `owner` may also be an ERC-1271 wallet, which then receives `abi.encodePacked(r, s, v)`.
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        _checkSignature(owner, _permitDigest(owner, spender, value, deadline), v, r, s);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IPlazaUSD
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes calldata signature)
        external
    {
        _checkSignature(owner, _permitDigest(owner, spender, value, deadline), signature);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    /// @dev Computed from `block.chainid` and `address(this)` on every call, so it stays right after a fork.
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _HASHED_NAME, _HASHED_VERSION, block.chainid, address(this)));
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name_,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _NAME, _VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // ------------------------------------------------------------------------------------------------------------
    // EIP-3009
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPlazaUSD
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce
        );
        _checkSignature(from, digest, v, r, s);
        _useAuthorizationAndTransfer(from, to, value, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce
        );
        _checkSignature(from, digest, signature);
        _useAuthorizationAndTransfer(from, to, value, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (to != msg.sender) revert PlazaUSDErrors.CallerNotPayee(msg.sender, to);
        bytes32 digest =
            _authorizationDigest(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce);
        _checkSignature(from, digest, v, r, s);
        _useAuthorizationAndTransfer(from, to, value, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        if (to != msg.sender) revert PlazaUSDErrors.CallerNotPayee(msg.sender, to);
        bytes32 digest =
            _authorizationDigest(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce);
        _checkSignature(from, digest, signature);
        _useAuthorizationAndTransfer(from, to, value, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        _checkSignature(authorizer, _cancelDigest(authorizer, nonce), v, r, s);
        _cancelAuthorization(authorizer, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external {
        _checkSignature(authorizer, _cancelDigest(authorizer, nonce), signature);
        _cancelAuthorization(authorizer, nonce);
    }

    /// @inheritdoc IPlazaUSD
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _storage().authorizationStates[authorizer][nonce];
    }

    // ------------------------------------------------------------------------------------------------------------
    // Minters
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPlazaUSD
    function mint(address to, uint256 amount) external returns (bool) {
        PlazaUSDStorage storage $ = _storage();
        MinterConfig memory config = $.minters[msg.sender];
        if (!config.isMinter) revert PlazaUSDErrors.NotMinter(msg.sender);
        if (amount == 0) revert PlazaUSDErrors.ZeroAmount();
        _checkReceiver(to);
        if (!config.unlimited) {
            if (amount > config.allowance) {
                revert PlazaUSDErrors.MinterAllowanceExceeded(msg.sender, config.allowance, amount);
            }
            // amount <= allowance < 2^128
            unchecked {
                $.minters[msg.sender].allowance = uint128(config.allowance - amount);
            }
        }
        _update($, address(0), to, amount);
        emit PlazaUSDEvents.Mint(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IPlazaUSD
    function burn(uint256 amount) external {
        PlazaUSDStorage storage $ = _storage();
        _checkBurner($, amount);
        _update($, msg.sender, address(0), amount);
        emit PlazaUSDEvents.Burn(msg.sender, msg.sender, amount);
    }

    /// @inheritdoc IPlazaUSD
    function burnFrom(address from, uint256 amount) external {
        PlazaUSDStorage storage $ = _storage();
        _checkBurner($, amount);
        _spendAllowance($, from, msg.sender, amount);
        _update($, from, address(0), amount);
        emit PlazaUSDEvents.Burn(msg.sender, from, amount);
    }

    /// @notice Makes `minter` a minter with `allowance` (replacing any remaining allowance);
    /// `type(uint256).max` makes it unlimited. Only the master minter.
    function configureMinter(address minter, uint256 allowance_) external onlyMasterMinter {
        if (minter == address(0)) revert PlazaUSDErrors.ZeroAddress();
        bool unlimited = allowance_ == UNLIMITED_ALLOWANCE;
        if (!unlimited && allowance_ > type(uint128).max) revert PlazaUSDErrors.InvalidMinterAllowance(allowance_);
        // forge-lint: disable-next-line(unsafe-typecast)
        _storage().minters[minter] =
            MinterConfig({isMinter: true, unlimited: unlimited, allowance: unlimited ? 0 : uint128(allowance_)});
        emit PlazaUSDEvents.MinterConfigured(minter, allowance_);
    }

    /// @notice Removes `minter` (it can no longer mint or burn). Only the master minter.
    function removeMinter(address minter) external onlyMasterMinter {
        if (!_storage().minters[minter].isMinter) revert PlazaUSDErrors.NotMinter(minter);
        delete _storage().minters[minter];
        emit PlazaUSDEvents.MinterRemoved(minter);
    }

    /// @notice Whether `account` is a minter.
    function isMinter(address account) external view returns (bool) {
        return _storage().minters[account].isMinter;
    }

    /// @notice What `minter` may still mint (`type(uint256).max` for an unlimited minter, 0 for a non-minter).
    function minterAllowance(address minter) external view returns (uint256) {
        MinterConfig memory config = _storage().minters[minter];
        return config.unlimited ? UNLIMITED_ALLOWANCE : config.allowance;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Blocklist, pause, rescue
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBlocklistMirror
    /// @dev Only the blocklister (the ComplianceRegistry). Emits `Blocked`/`Unblocked` when the flag changes.
    function setBlocked(address account, bool blocked) external {
        PlazaUSDStorage storage $ = _storage();
        if (msg.sender != $.blocklister) revert PlazaUSDErrors.NotBlocklister(msg.sender);
        uint256 word = $.balanceAndBlocked[account];
        if ((word >= _BLOCKED) == blocked) return;
        $.balanceAndBlocked[account] = word ^ _BLOCKED;
        if (blocked) emit PlazaUSDEvents.Blocked(account);
        else emit PlazaUSDEvents.Unblocked(account);
    }

    /// @inheritdoc IBlocklistMirror
    function isBlocked(address account) external view returns (bool) {
        return _storage().balanceAndBlocked[account] >= _BLOCKED;
    }

    /// @notice Stops every movement of funds (transfers, authorizations, mint, burn). Only the pauser.
    function pause() external onlyPauser {
        PlazaUSDStorage storage $ = _storage();
        if ($.paused) revert PlazaUSDErrors.EnforcedPause();
        $.paused = true;
        emit PlazaUSDEvents.Paused(msg.sender);
    }

    /// @notice Resumes movements of funds. Only the pauser.
    function unpause() external onlyPauser {
        PlazaUSDStorage storage $ = _storage();
        if (!$.paused) revert PlazaUSDErrors.ExpectedPause();
        $.paused = false;
        emit PlazaUSDEvents.Unpaused(msg.sender);
    }

    /// @notice Whether movements of funds are paused.
    function paused() external view returns (bool) {
        return _storage().paused;
    }

    /// @notice Sends `amount` of an ERC-20 `token` held by this contract to `to`. Only the rescuer.
    function rescueERC20(IERC20 token, address to, uint256 amount) external {
        if (msg.sender != _storage().rescuer) revert PlazaUSDErrors.NotRescuer(msg.sender);
        token.safeTransfer(to, amount);
        emit PlazaUSDEvents.TokensRescued(address(token), to, amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Admin
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Sets the master minter. Only the admin.
    function setMasterMinter(address account) external onlyOwner {
        _setMasterMinter(account);
    }

    /// @notice Sets the pauser. Only the admin.
    function setPauser(address account) external onlyOwner {
        _setPauser(account);
    }

    /// @notice Sets the blocklister; it must be the ComplianceRegistry (which then re-syncs with `syncBlocked`).
    /// Only the admin.
    function setBlocklister(address account) external onlyOwner {
        _setBlocklister(account);
    }

    /// @notice Sets the rescuer. Only the admin.
    function setRescuer(address account) external onlyOwner {
        _setRescuer(account);
    }

    /// @notice Disabled: pUSD always has an admin.
    function renounceOwnership() public pure override {
        revert PlazaUSDErrors.RenounceDisabled();
    }

    /// @notice The master minter.
    function masterMinter() external view returns (address) {
        return _storage().masterMinter;
    }

    /// @notice The pauser.
    function pauser() external view returns (address) {
        return _storage().pauser;
    }

    /// @notice The blocklister (the ComplianceRegistry).
    function blocklister() external view returns (address) {
        return _storage().blocklister;
    }

    /// @notice The rescuer.
    function rescuer() external view returns (address) {
        return _storage().rescuer;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev UUPS: only the admin upgrades.
    function _authorizeUpgrade(address) internal view override onlyOwner {}

    function _transfer(address from, address to, uint256 value) internal {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        _checkReceiver(to);
        _update(_storage(), from, to, value);
    }

    /// @dev The one path every movement of funds takes: pause, blocklist of both sides, balances, supply.
    function _update(PlazaUSDStorage storage $, address from, address to, uint256 value) internal {
        if ($.paused) revert PlazaUSDErrors.EnforcedPause();
        if (from == address(0)) {
            uint256 supply = $.totalSupply + value;
            if (supply > MAX_SUPPLY) revert PlazaUSDErrors.MaxSupplyExceeded(supply);
            // forge-lint: disable-next-line(unsafe-typecast)
            $.totalSupply = uint248(supply);
        } else {
            uint256 fromWord = $.balanceAndBlocked[from];
            if (fromWord >= _BLOCKED) revert PlazaUSDErrors.AccountBlocked(from);
            if (fromWord < value) revert ERC20InsufficientBalance(from, fromWord, value);
            unchecked {
                $.balanceAndBlocked[from] = fromWord - value;
            }
        }
        if (to == address(0)) {
            // value <= balance of `from` <= totalSupply < 2^248
            unchecked {
                // forge-lint: disable-next-line(unsafe-typecast)
                $.totalSupply -= uint248(value);
            }
        } else {
            uint256 toWord = $.balanceAndBlocked[to];
            if (toWord >= _BLOCKED) revert PlazaUSDErrors.AccountBlocked(to);
            // toWord + value <= totalSupply <= MAX_SUPPLY < 2^248: no overflow, flag bit untouched
            unchecked {
                $.balanceAndBlocked[to] = toWord + value;
            }
        }
        emit Transfer(from, to, value);
    }

    function _approve(address owner, address spender, uint256 value) internal {
        if (owner == address(0)) revert ERC20InvalidApprover(address(0));
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _storage().allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    /// @dev An infinite allowance (`type(uint256).max`) is not decreased.
    function _spendAllowance(PlazaUSDStorage storage $, address owner, address spender, uint256 value) internal {
        uint256 current = $.allowances[owner][spender];
        if (current != type(uint256).max) {
            if (current < value) revert ERC20InsufficientAllowance(spender, current, value);
            unchecked {
                $.allowances[owner][spender] = current - value;
            }
        }
    }

    function _checkReceiver(address to) internal view {
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
    }

    function _checkBurner(PlazaUSDStorage storage $, uint256 amount) internal view {
        if (!$.minters[msg.sender].isMinter) revert PlazaUSDErrors.NotMinter(msg.sender);
        if (amount == 0) revert PlazaUSDErrors.ZeroAmount();
    }

    function _permitDigest(address owner, address spender, uint256 value, uint256 deadline) internal returns (bytes32) {
        if (block.timestamp > deadline) revert PlazaUSDErrors.ERC2612ExpiredSignature(deadline);
        return _hashTypedData(keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline)));
    }

    /// @dev Checks the validity window and that the nonce is unused, then returns the EIP-712 digest.
    function _authorizationDigest(
        bytes32 typeHash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce
    ) internal view returns (bytes32) {
        if (block.timestamp <= validAfter) {
            revert PlazaUSDErrors.AuthorizationNotYetValid(validAfter);
        }
        if (block.timestamp >= validBefore) revert PlazaUSDErrors.AuthorizationExpired(validBefore);
        _requireUnusedAuthorization(from, nonce);
        return _hashTypedData(keccak256(abi.encode(typeHash, from, to, value, validAfter, validBefore, nonce)));
    }

    function _cancelDigest(address authorizer, bytes32 nonce) internal view returns (bytes32) {
        _requireUnusedAuthorization(authorizer, nonce);
        return _hashTypedData(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
    }

    function _requireUnusedAuthorization(address authorizer, bytes32 nonce) internal view {
        if (_storage().authorizationStates[authorizer][nonce]) {
            revert PlazaUSDErrors.AuthorizationAlreadyUsed(authorizer, nonce);
        }
    }

    /// @dev Marks the nonce used before any funds move.
    function _useAuthorizationAndTransfer(address from, address to, uint256 value, bytes32 nonce) internal {
        _storage().authorizationStates[from][nonce] = true;
        emit PlazaUSDEvents.AuthorizationUsed(from, nonce);
        _transfer(from, to, value);
    }

    function _cancelAuthorization(address authorizer, bytes32 nonce) internal {
        _storage().authorizationStates[authorizer][nonce] = true;
        emit PlazaUSDEvents.AuthorizationCanceled(authorizer, nonce);
    }

    function _hashTypedData(bytes32 structHash) internal view returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(DOMAIN_SEPARATOR(), structHash);
    }

    /// @dev ECDSA first; if that does not give `signer`, ERC-1271 with the packed signature.
    function _checkSignature(address signer, bytes32 digest, uint8 v, bytes32 r, bytes32 s) internal view {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return;
        if (!SignatureChecker.isValidERC1271SignatureNow(signer, digest, abi.encodePacked(r, s, v))) {
            revert PlazaUSDErrors.InvalidSignature();
        }
    }

    function _checkSignature(address signer, bytes32 digest, bytes calldata signature) internal view {
        if (!SignatureChecker.isValidSignatureNow(signer, digest, signature)) revert PlazaUSDErrors.InvalidSignature();
    }

    function _setMasterMinter(address account) internal {
        if (account == address(0)) revert PlazaUSDErrors.ZeroAddress();
        PlazaUSDStorage storage $ = _storage();
        emit PlazaUSDEvents.MasterMinterChanged($.masterMinter, account);
        $.masterMinter = account;
    }

    function _setPauser(address account) internal {
        if (account == address(0)) revert PlazaUSDErrors.ZeroAddress();
        PlazaUSDStorage storage $ = _storage();
        emit PlazaUSDEvents.PauserChanged($.pauser, account);
        $.pauser = account;
    }

    function _setBlocklister(address account) internal {
        if (account == address(0)) revert PlazaUSDErrors.ZeroAddress();
        PlazaUSDStorage storage $ = _storage();
        emit PlazaUSDEvents.BlocklisterChanged($.blocklister, account);
        $.blocklister = account;
    }

    function _setRescuer(address account) internal {
        if (account == address(0)) revert PlazaUSDErrors.ZeroAddress();
        PlazaUSDStorage storage $ = _storage();
        emit PlazaUSDEvents.RescuerChanged($.rescuer, account);
        $.rescuer = account;
    }
}
