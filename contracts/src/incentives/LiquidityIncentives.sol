// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IFeeRecipient} from "../interfaces/IFeeCollector.sol";
import {ILiquidityIncentives, ProgramKey} from "../interfaces/ILiquidityIncentives.sol";
import {INonfungiblePositionManager, IUniswapV3Pool} from "../interfaces/uniswap/IUniswapV3.sol";
import {IncentiveMath} from "./libraries/IncentiveMath.sol";
import {IncentivesErrors} from "./libraries/IncentivesErrors.sol";
import {IncentivesEvents} from "./libraries/IncentivesEvents.sol";

/// @title LiquidityIncentives
/// @notice Liquidity mining for Uniswap v3 positions: programs per pool with an eligible tick band, rewards for
/// in-range liquidity over time from Uniswap's seconds-per-liquidity, claims without unstaking, many programs per
/// position, open-ended fee-share streams fed by the FeeCollector, and refunds that never wait for stakers.
/// @dev Reward formula and its bounds: see IncentiveMath and contracts/README.md. In short, a program emits
/// `rate` per second while at least one position is staked; each stake's envelope is its share of the staked
/// liquidity (a Synthetix-style accumulator over staked liquidity, frozen at the end, so nobody is diluted by
/// anyone's timing); within it, a stake earns its share of the pool's in-range liquidity (Uniswap's
/// secondsPerLiquidityInside), so it earns nothing while out of range; the rest is forfeited to the refundee.
contract LiquidityIncentives is
    ILiquidityIncentives,
    IFeeRecipient,
    IERC721Receiver,
    Ownable2Step,
    ReentrancyGuardTransient,
    Multicall
{
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Longest fixed program.
    uint256 public constant MAX_DURATION = 4 * 365 days;

    /// @notice Smallest stakeable liquidity (keeps the accumulators' growth between checkpoints below 2^127).
    uint128 public constant MIN_LIQUIDITY = 1 << 32;

    /// @notice Liquidity counted for a position is capped here (a larger position earns as if it had this much;
    /// split it to earn on all of it).
    uint256 public constant MAX_LIQUIDITY = type(uint96).max;

    /// @notice Init code hash of the canonical UniswapV3Pool (the periphery's PoolAddress.POOL_INIT_CODE_HASH).
    bytes32 public constant POOL_INIT_CODE_HASH = 0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54;

    /// @notice The Uniswap v3 NonfungiblePositionManager whose NFTs can be staked.
    INonfungiblePositionManager public immutable positionManager;

    /// @notice Its factory (pools of deposits are derived from it, so only genuine pools are ever called).
    address public immutable factory;

    /// @notice The contract allowed to call `onFeesReceived`.
    address public feeCollector;

    /// @notice Deposited NFTs by token id.
    mapping(uint256 tokenId => Deposit) public deposits;

    /// @notice Program accounting by program id.
    mapping(bytes32 programId => Program) public programs;

    /// @notice Stream funding by program id.
    mapping(bytes32 programId => Stream) public streams;

    /// @notice Rewards credited (by `unstake` and `settle`) and not yet claimed.
    mapping(IERC20 rewardToken => mapping(address owner => uint256)) public rewards;

    /// @notice Fees received while no stream of that token was open; the next stream of the token takes them.
    mapping(IERC20 token => uint256) public unallocatedFees;

    /// @dev Packed stake checkpoints (IncentiveMath.checkpoint); 0 when not staked.
    mapping(uint256 tokenId => mapping(bytes32 programId => uint256)) internal _stakes;

    /// @dev Open streams per reward token, and their keys (fee routing needs them).
    mapping(IERC20 token => bytes32[]) internal _openStreams;
    mapping(bytes32 programId => ProgramKey) internal _streamKeys;

    /// @param positionManager_ Uniswap v3 NonfungiblePositionManager.
    /// @param owner_ Owner: manages fee-share streams and the FeeCollector address, nothing else.
    constructor(INonfungiblePositionManager positionManager_, address owner_) Ownable(owner_) {
        positionManager = positionManager_;
        factory = positionManager_.factory();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Programs
    // ----------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityIncentives
    function createProgram(ProgramKey calldata key) external nonReentrant returns (bytes32 id) {
        if (key.endTime == 0) revert IncentivesErrors.WrongProgramKind();
        _validateKey(key);
        if (
            key.startTime < block.timestamp || key.endTime <= key.startTime
                || key.endTime - key.startTime > MAX_DURATION
        ) revert IncentivesErrors.InvalidWindow(key.startTime, key.endTime);

        id = keccak256(abi.encode(key));
        Program storage program = programs[id];
        if (program.lastUpdate != 0) revert IncentivesErrors.ProgramExists(id);
        program.lastUpdate = key.startTime;

        uint256 amount = uint256(key.rate) * (key.endTime - key.startTime);
        _pull(key.rewardToken, amount);
        _emitCreated(id, key, amount);
    }

    /// @inheritdoc ILiquidityIncentives
    function refund(ProgramKey calldata key) external nonReentrant returns (uint256 amount) {
        bytes32 id = keccak256(abi.encode(key));
        Program memory program = _program(id);
        _accrue(program, id, key.endTime, key.rate);
        amount = _refundable(program, id, key);
        if (key.endTime != 0) {
            if (block.timestamp >= key.endTime) program.idleRefunded = true;
            program.forfeited = 0;
        } else if (streams[id].endedAt != 0) {
            // An ended stream keeps exactly what it emitted (its stakes' envelopes).
            streams[id].funded = (uint256(key.rate) * program.stakedSeconds).toUint128();
            program.forfeited = 0;
        }
        programs[id] = program;

        if (amount != 0) {
            key.rewardToken.safeTransfer(key.refundee, amount);
            emit IncentivesEvents.Refunded(id, key.refundee, amount);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Fee-share streams
    // ----------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityIncentives
    function createStream(ProgramKey calldata key) external onlyOwner nonReentrant returns (bytes32 id) {
        if (key.endTime != 0) revert IncentivesErrors.WrongProgramKind();
        _validateKey(key);

        id = keccak256(abi.encode(key));
        Program storage program = programs[id];
        if (program.lastUpdate != 0) revert IncentivesErrors.ProgramExists(id);
        program.lastUpdate = uint32(block.timestamp > key.startTime ? block.timestamp : key.startTime);

        uint256 absorbed = unallocatedFees[key.rewardToken];
        delete unallocatedFees[key.rewardToken];
        streams[id].funded = absorbed.toUint128();
        _openStreams[key.rewardToken].push(id);
        _streamKeys[id] = key;
        _emitCreated(id, key, absorbed);
    }

    /// @inheritdoc ILiquidityIncentives
    function endStream(ProgramKey calldata key) external onlyOwner nonReentrant {
        bytes32 id = keccak256(abi.encode(key));
        Program memory program = _program(id);
        Stream storage stream = streams[id];
        if (key.endTime != 0) revert IncentivesErrors.WrongProgramKind();
        if (stream.endedAt != 0) revert IncentivesErrors.ProgramEnded(id);
        _accrue(program, id, 0, key.rate);
        programs[id] = program;
        stream.endedAt = uint32(block.timestamp);

        bytes32[] storage open = _openStreams[key.rewardToken];
        uint256 last = open.length - 1;
        for (uint256 i; i <= last; ++i) {
            if (open[i] == id) {
                open[i] = open[last];
                open.pop();
                break;
            }
        }
        emit IncentivesEvents.StreamEnded(id, uint32(block.timestamp));
    }

    /// @notice Disabled: streams and the FeeCollector address always need an owner.
    function renounceOwnership() public view override onlyOwner {
        revert IncentivesErrors.RenounceDisabled();
    }

    /// @inheritdoc ILiquidityIncentives
    function setFeeCollector(address feeCollector_) external onlyOwner {
        feeCollector = feeCollector_;
        emit IncentivesEvents.FeeCollectorSet(feeCollector_);
    }

    /// @notice FeeCollector hook, called right after it transferred `amount` of `token` here: the amount is split
    /// among the open streams of `token` in proportion to their rates (or kept for the next stream of `token`).
    function onFeesReceived(address token, uint256 amount) external nonReentrant {
        if (msg.sender != feeCollector) revert IncentivesErrors.NotFeeCollector();
        IERC20 rewardToken = IERC20(token);
        bytes32[] storage open = _openStreams[rewardToken];
        uint256 count = open.length;
        if (count == 0) {
            unallocatedFees[rewardToken] += amount;
            emit IncentivesEvents.FeesReceived(rewardToken, amount, amount);
            return;
        }

        uint256 totalRate;
        for (uint256 i; i < count; ++i) {
            totalRate += _streamKeys[open[i]].rate;
        }
        uint256 left = amount;
        for (uint256 i; i < count; ++i) {
            bytes32 id = open[i];
            ProgramKey memory key = _streamKeys[id];
            uint256 share = i == count - 1 ? left : amount * key.rate / totalRate;
            left -= share;
            Program memory program = programs[id];
            _accrue(program, id, 0, key.rate); // seconds already unfunded stay unfunded
            programs[id] = program;
            streams[id].funded += share.toUint128();
            emit IncentivesEvents.StreamFunded(id, rewardToken, share);
        }
        emit IncentivesEvents.FeesReceived(rewardToken, amount, 0);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Deposits and stakes
    // ----------------------------------------------------------------------------------------------------------

    /// @notice Deposits a position NFT sent with `safeTransferFrom`; `data`, if not empty, is
    /// `abi.encode(ProgramKey[])` of programs to stake it into at once. The previous owner owns the deposit.
    function onERC721Received(address, address from, uint256 tokenId, bytes calldata data)
        external
        nonReentrant
        returns (bytes4)
    {
        if (msg.sender != address(positionManager)) revert IncentivesErrors.NotPositionManager();
        (,, address token0, address token1, uint24 fee, int24 tickLower, int24 tickUpper, uint128 liquidity,,,,) =
            positionManager.positions(tokenId);

        Deposit memory deposit = Deposit({
            owner: from,
            tickLower: tickLower,
            tickUpper: tickUpper,
            numberOfStakes: 0,
            pool: _poolAddress(token0, token1, fee),
            liquidity: _cap(liquidity)
        });
        emit IncentivesEvents.Deposited(tokenId, from, deposit.pool, tickLower, tickUpper, deposit.liquidity);

        if (data.length != 0) {
            ProgramKey[] memory keys = abi.decode(data, (ProgramKey[]));
            for (uint256 i; i < keys.length; ++i) {
                _stake(tokenId, deposit, keys[i]);
            }
        }
        deposits[tokenId] = deposit;
        return this.onERC721Received.selector;
    }

    /// @inheritdoc ILiquidityIncentives
    function stake(uint256 tokenId, ProgramKey calldata key) external nonReentrant {
        Deposit memory deposit = _ownedDeposit(tokenId);
        if (deposit.numberOfStakes == 0) {
            // With no stake open the snapshot may be refreshed (every stake of a deposit shares one liquidity).
            (,,,,,,, uint128 liquidity,,,,) = positionManager.positions(tokenId);
            uint96 capped = _cap(liquidity);
            if (capped != deposit.liquidity) {
                deposit.liquidity = capped;
                emit IncentivesEvents.LiquiditySnapshot(tokenId, capped);
            }
        }
        _stake(tokenId, deposit, key);
        deposits[tokenId] = deposit;
    }

    /// @inheritdoc ILiquidityIncentives
    function claim(uint256 tokenId, ProgramKey calldata key, address to)
        external
        nonReentrant
        returns (uint256 reward)
    {
        Deposit memory deposit = _ownedDeposit(tokenId);
        bytes32 id = keccak256(abi.encode(key));
        uint256 forfeit;
        (reward, forfeit) = _checkpoint(tokenId, id, key, deposit, false);
        emit IncentivesEvents.Claimed(tokenId, id, deposit.owner, to, reward, forfeit);
        if (reward != 0) key.rewardToken.safeTransfer(to, reward);
    }

    /// @inheritdoc ILiquidityIncentives
    function unstake(uint256 tokenId, ProgramKey calldata key) external nonReentrant returns (uint256 reward) {
        Deposit memory deposit = _ownedDeposit(tokenId);
        bytes32 id = keccak256(abi.encode(key));
        uint256 forfeit;
        (reward, forfeit) = _checkpoint(tokenId, id, key, deposit, true);
        if (reward != 0) rewards[key.rewardToken][deposit.owner] += reward;
        deposits[tokenId].numberOfStakes = deposit.numberOfStakes - 1;
        emit IncentivesEvents.Unstaked(tokenId, id, deposit.owner, deposit.liquidity, reward, forfeit);
    }

    /// @inheritdoc ILiquidityIncentives
    function settle(uint256 tokenId, ProgramKey calldata key) external nonReentrant returns (uint256 reward) {
        bytes32 id = keccak256(abi.encode(key));
        if (_isRunning(key.endTime, id)) revert IncentivesErrors.ProgramNotEnded(id);
        Deposit memory deposit = deposits[tokenId];
        if (deposit.owner == address(0)) revert IncentivesErrors.NotDeposited(tokenId);
        uint256 forfeit;
        (reward, forfeit) = _checkpoint(tokenId, id, key, deposit, false);
        if (reward != 0) rewards[key.rewardToken][deposit.owner] += reward;
        emit IncentivesEvents.Settled(tokenId, id, deposit.owner, reward, forfeit);
    }

    /// @inheritdoc ILiquidityIncentives
    function claimReward(IERC20 rewardToken, address to, uint256 amountRequested)
        external
        nonReentrant
        returns (uint256 amount)
    {
        amount = rewards[rewardToken][msg.sender];
        if (amountRequested != 0 && amountRequested < amount) amount = amountRequested;
        if (amount == 0) return 0;
        rewards[rewardToken][msg.sender] -= amount;
        emit IncentivesEvents.RewardClaimed(rewardToken, msg.sender, to, amount);
        rewardToken.safeTransfer(to, amount);
    }

    /// @inheritdoc ILiquidityIncentives
    function withdraw(uint256 tokenId, address to, bytes calldata data) external nonReentrant {
        if (to == address(this)) revert IncentivesErrors.InvalidRecipient();
        Deposit memory deposit = _ownedDeposit(tokenId);
        if (deposit.numberOfStakes != 0) revert IncentivesErrors.StakesOpen(tokenId, deposit.numberOfStakes);
        delete deposits[tokenId];
        emit IncentivesEvents.Withdrawn(tokenId, deposit.owner, to);
        positionManager.safeTransferFrom(address(this), to, tokenId, data);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityIncentives
    function programId(ProgramKey calldata key) external pure returns (bytes32) {
        return keccak256(abi.encode(key));
    }

    /// @notice A stake's checkpoint: whether it is open, Uniswap's seconds per liquidity inside (mod 2^128) and
    /// the program's seconds per staked liquidity (mod 2^127) when it was last settled.
    function stakes(uint256 tokenId, bytes32 id)
        external
        view
        returns (bool staked, uint128 secondsPerLiquidityInsideX128, uint128 secondsPerStakedLiquidityX128)
    {
        uint256 packed = _stakes[tokenId][id];
        return (packed != 0, uint128(packed), uint128(packed >> 128) & type(uint128).max >> 1);
    }

    /// @notice Open streams of `token`.
    function openStreams(IERC20 token) external view returns (bytes32[] memory) {
        return _openStreams[token];
    }

    /// @inheritdoc ILiquidityIncentives
    function pendingReward(uint256 tokenId, ProgramKey calldata key) public view returns (uint256 reward) {
        bytes32 id = keccak256(abi.encode(key));
        uint256 packed = _stakes[tokenId][id];
        if (packed == 0) return 0;
        Program memory program = programs[id];
        _accrue(program, id, key.endTime, key.rate);
        (reward,,) = _earned(packed, deposits[tokenId], program.secondsPerStakedLiquidityX128, key.rate);
    }

    /// @inheritdoc ILiquidityIncentives
    function pendingRewardsOf(address owner, uint256[] calldata tokenIds, ProgramKey[] calldata keys)
        external
        view
        returns (uint256[] memory amounts)
    {
        amounts = new uint256[](tokenIds.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            if (deposits[tokenIds[i]].owner == owner) amounts[i] = pendingReward(tokenIds[i], keys[i]);
        }
    }

    /// @inheritdoc ILiquidityIncentives
    function refundable(ProgramKey calldata key) external view returns (uint256) {
        bytes32 id = keccak256(abi.encode(key));
        Program memory program = programs[id];
        if (program.lastUpdate == 0) return 0;
        _accrue(program, id, key.endTime, key.rate);
        return _refundable(program, id, key);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------------------------------

    function _stake(uint256 tokenId, Deposit memory deposit, ProgramKey memory key) internal {
        bytes32 id = keccak256(abi.encode(key));
        Program memory program = _program(id);
        if (block.timestamp < key.startTime) revert IncentivesErrors.ProgramNotStarted(id);
        if (!_isRunning(key.endTime, id)) revert IncentivesErrors.ProgramEnded(id);
        if (deposit.pool != key.pool) revert IncentivesErrors.WrongPool(deposit.pool, key.pool);
        if (deposit.tickLower < key.tickLower || deposit.tickUpper > key.tickUpper) {
            revert IncentivesErrors.OutsideBand(deposit.tickLower, deposit.tickUpper);
        }
        if (deposit.liquidity < MIN_LIQUIDITY) revert IncentivesErrors.LiquidityTooLow(deposit.liquidity);
        if (_stakes[tokenId][id] != 0) revert IncentivesErrors.AlreadyStaked(tokenId, id);

        _accrue(program, id, key.endTime, key.rate);
        (, uint160 secondsPerLiquidityInside,) =
            IUniswapV3Pool(deposit.pool).snapshotCumulativesInside(deposit.tickLower, deposit.tickUpper);
        _stakes[tokenId][id] =
            IncentiveMath.checkpoint(secondsPerLiquidityInside, program.secondsPerStakedLiquidityX128);
        program.stakedLiquidity += deposit.liquidity;
        programs[id] = program;
        ++deposit.numberOfStakes;
        emit IncentivesEvents.Staked(tokenId, id, deposit.owner, deposit.liquidity);
    }

    /// @dev Brings the program forward, computes the stake's reward and forfeit since its checkpoint, books the
    /// forfeit, and either moves the checkpoint to now or (close) deletes the stake.
    function _checkpoint(uint256 tokenId, bytes32 id, ProgramKey calldata key, Deposit memory deposit, bool close)
        internal
        returns (uint256 reward, uint256 forfeit)
    {
        uint256 packed = _stakes[tokenId][id];
        if (packed == 0) revert IncentivesErrors.NotStaked(tokenId, id);
        Program memory program = programs[id];
        _accrue(program, id, key.endTime, key.rate);
        uint256 envelope;
        uint256 next;
        (reward, envelope, next) = _earned(packed, deposit, program.secondsPerStakedLiquidityX128, key.rate);

        if (close) {
            delete _stakes[tokenId][id];
            program.stakedLiquidity -= deposit.liquidity;
        } else {
            _stakes[tokenId][id] = next;
        }
        // forfeit <= envelope <= rate * elapsed seconds < 2^96 * 2^32: the cast cannot truncate.
        forfeit = envelope - reward;
        program.forfeited += uint128(forfeit);
        programs[id] = program;
    }

    /// @dev Reward and envelope of a stake since checkpoint `packed`, and the checkpoint for now.
    function _earned(uint256 packed, Deposit memory deposit, uint128 secondsPerStakedLiquidity, uint256 rate)
        internal
        view
        returns (uint256 reward, uint256 envelope, uint256 next)
    {
        (, uint160 secondsPerLiquidityInside,) =
            IUniswapV3Pool(deposit.pool).snapshotCumulativesInside(deposit.tickLower, deposit.tickUpper);
        (uint256 dT, uint256 dS) = IncentiveMath.deltas(packed, secondsPerLiquidityInside, secondsPerStakedLiquidity);
        (reward, envelope) = IncentiveMath.rewards(deposit.liquidity, rate, dT, dS);
        next = IncentiveMath.checkpoint(secondsPerLiquidityInside, secondsPerStakedLiquidity);
    }

    /// @dev Brings a program's accumulators (in memory) forward to now: its seconds per staked liquidity grows by
    /// 2^128 / stakedLiquidity for each emitting second (inside the window, funded, with a stake open).
    function _accrue(Program memory program, bytes32 id, uint256 endTime, uint256 rate) internal view {
        uint256 lastUpdate = program.lastUpdate;
        if (lastUpdate >= block.timestamp) return; // also: a fixed program before its start
        uint256 stakedLiquidity = program.stakedLiquidity;
        if (stakedLiquidity != 0) {
            uint256 windowEnd = endTime;
            uint256 secondsLeft = type(uint256).max;
            if (windowEnd == 0) {
                Stream memory stream = streams[id];
                windowEnd = stream.endedAt == 0 ? block.timestamp : stream.endedAt;
                uint256 covered = (uint256(stream.funded) + program.forfeited) / rate;
                secondsLeft = covered > program.stakedSeconds ? covered - program.stakedSeconds : 0;
            }
            uint256 elapsed = IncentiveMath.emittingSeconds(lastUpdate, block.timestamp, windowEnd, secondsLeft);
            if (elapsed != 0) {
                program.secondsPerStakedLiquidityX128 =
                    IncentiveMath.grow(program.secondsPerStakedLiquidityX128, elapsed, stakedLiquidity);
                program.stakedSeconds += uint32(elapsed);
            }
        }
        program.lastUpdate = uint32(block.timestamp);
    }

    /// @dev What `refund` sends for a program brought forward to now.
    function _refundable(Program memory program, bytes32 id, ProgramKey calldata key)
        internal
        view
        returns (uint256 amount)
    {
        if (key.endTime != 0) {
            amount = program.forfeited;
            if (block.timestamp >= key.endTime && !program.idleRefunded) {
                amount += uint256(key.rate) * (key.endTime - key.startTime - program.stakedSeconds);
            }
        } else {
            // A running stream recycles its forfeits; an ended one returns what it did not emit.
            Stream memory stream = streams[id];
            if (stream.endedAt != 0) {
                amount = stream.funded + program.forfeited - uint256(key.rate) * program.stakedSeconds;
            }
        }
    }

    /// @dev Whether new stakes are accepted (fixed: before the end; stream: not ended).
    function _isRunning(uint256 endTime, bytes32 id) internal view returns (bool) {
        return endTime != 0 ? block.timestamp < endTime : streams[id].endedAt == 0;
    }

    function _program(bytes32 id) internal view returns (Program memory program) {
        program = programs[id];
        if (program.lastUpdate == 0) revert IncentivesErrors.UnknownProgram(id);
    }

    function _ownedDeposit(uint256 tokenId) internal view returns (Deposit memory deposit) {
        deposit = deposits[tokenId];
        if (deposit.owner != msg.sender) revert IncentivesErrors.NotDepositOwner(tokenId);
    }

    function _validateKey(ProgramKey calldata key) internal pure {
        if (address(key.rewardToken) == address(0) || key.pool == address(0) || key.refundee == address(0)) {
            revert IncentivesErrors.ZeroAddress();
        }
        if (key.rate == 0) revert IncentivesErrors.ZeroRate();
        if (key.tickLower >= key.tickUpper) revert IncentivesErrors.InvalidBand(key.tickLower, key.tickUpper);
    }

    /// @dev Pulls exactly `amount` of `token` from the caller.
    function _pull(IERC20 token, uint256 amount) internal {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert IncentivesErrors.FundingShortfall(amount, received);
    }

    function _emitCreated(bytes32 id, ProgramKey calldata key, uint256 amount) internal {
        emit IncentivesEvents.ProgramCreated(
            id,
            key.rewardToken,
            key.pool,
            key.refundee,
            key.startTime,
            key.endTime,
            key.tickLower,
            key.tickUpper,
            key.rate,
            amount
        );
    }

    /// @dev The pool of (token0, token1, fee) as the factory deploys it (CREATE2), like the periphery's PoolAddress.
    function _poolAddress(address token0, address token1, uint24 fee) internal view returns (address) {
        return address(
            uint160(
                uint256(
                    keccak256(
                        abi.encodePacked(
                            hex"ff", factory, keccak256(abi.encode(token0, token1, fee)), POOL_INIT_CODE_HASH
                        )
                    )
                )
            )
        );
    }

    function _cap(uint128 liquidity) internal pure returns (uint96) {
        return liquidity > MAX_LIQUIDITY ? uint96(MAX_LIQUIDITY) : uint96(liquidity);
    }
}
