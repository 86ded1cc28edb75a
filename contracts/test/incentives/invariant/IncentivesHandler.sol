// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Test} from "forge-std/Test.sol";

import {LiquidityIncentives} from "../../../src/incentives/LiquidityIncentives.sol";
import {ProgramKey} from "../../../src/interfaces/ILiquidityIncentives.sol";
import {INonfungiblePositionManager, IUniswapV3Pool} from "../../../src/interfaces/uniswap/IUniswapV3.sol";
import {UniswapV3Deployer} from "../../utils/UniswapV3Deployer.sol";

/// @notice Drives LiquidityIncentives with random stakes, claims, unstakes, settles, withdrawals, swaps, time and
/// fees, and watches every stake's accrued rewards (realized + pending) for decreases.
contract IncentivesHandler is Test {
    UniswapV3Deployer.Contracts internal uni;
    LiquidityIncentives public incentives;
    IUniswapV3Pool internal pool;
    IERC20 internal pusd;
    address internal feeCollector;
    int24 internal peg;

    ProgramKey[] internal _keys;
    uint256[] public positions;
    mapping(uint256 tokenId => address) public ownerOf;
    address[] public actors;

    /// @dev Per (position, program): rewards realized (paid or credited) during the current stake, and the last
    /// accrued value seen (realized + pending).
    mapping(uint256 => mapping(uint256 => uint256)) public realized;
    mapping(uint256 => mapping(uint256 => uint256)) public lastAccrued;
    /// @dev Largest decrease of accrued rewards ever seen (pending views may be 1 wei off after a rounding step).
    uint256 public maxDecrease;
    uint256 public calls;
    uint256 public stakesMade;
    uint256 public claimsMade;

    constructor(
        UniswapV3Deployer.Contracts memory uni_,
        LiquidityIncentives incentives_,
        IUniswapV3Pool pool_,
        IERC20 pusd_,
        address feeCollector_,
        int24 peg_
    ) {
        uni = uni_;
        incentives = incentives_;
        pool = pool_;
        pusd = pusd_;
        feeCollector = feeCollector_;
        peg = peg_;
    }

    function addProgram(ProgramKey memory key) external {
        _keys.push(key);
    }

    function addPosition(address owner, uint256 tokenId) external {
        positions.push(tokenId);
        ownerOf[tokenId] = owner;
        bool known;
        for (uint256 i; i < actors.length; ++i) {
            if (actors[i] == owner) known = true;
        }
        if (!known) actors.push(owner);
    }

    function keys() external view returns (ProgramKey[] memory) {
        return _keys;
    }

    function positionCount() external view returns (uint256) {
        return positions.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // ------------------------------------------------------------------------------------------------------
    // Actions
    // ------------------------------------------------------------------------------------------------------

    function stake(uint256 positionSeed, uint256 programSeed) external {
        (uint256 tokenId, address owner) = _position(positionSeed);
        uint256 p = programSeed % _keys.length;
        ProgramKey memory key = _keys[p];
        (bool staked,,) = incentives.stakes(tokenId, _id(key));
        if (staked || !_accepts(key, tokenId)) return;
        (address depositor,,,,,) = incentives.deposits(tokenId);
        if (depositor == address(0)) {
            ProgramKey[] memory one = new ProgramKey[](1);
            one[0] = key;
            vm.prank(owner);
            uni.positionManager.safeTransferFrom(owner, address(incentives), tokenId, abi.encode(one));
        } else {
            vm.prank(owner);
            incentives.stake(tokenId, key);
        }
        ++stakesMade;
        _after();
    }

    function claim(uint256 positionSeed, uint256 programSeed) external {
        (uint256 tokenId, address owner, uint256 p, bool staked) = _stake(positionSeed, programSeed);
        if (!staked) return;
        vm.prank(owner);
        realized[tokenId][p] += incentives.claim(tokenId, _keys[p], owner);
        ++claimsMade;
        _after();
    }

    function unstake(uint256 positionSeed, uint256 programSeed) external {
        (uint256 tokenId, address owner, uint256 p, bool staked) = _stake(positionSeed, programSeed);
        if (!staked) return;
        vm.prank(owner);
        uint256 reward = incentives.unstake(tokenId, _keys[p]);
        realized[tokenId][p] += reward;
        _checkAccrued(tokenId, p, realized[tokenId][p]);
        realized[tokenId][p] = 0;
        lastAccrued[tokenId][p] = 0;
        _after();
    }

    function settle(uint256 positionSeed, uint256 programSeed) external {
        (uint256 tokenId,, uint256 p, bool staked) = _stake(positionSeed, programSeed);
        if (!staked || _running(_keys[p])) return;
        realized[tokenId][p] += incentives.settle(tokenId, _keys[p]);
        _after();
    }

    function withdraw(uint256 positionSeed) external {
        (uint256 tokenId, address owner) = _position(positionSeed);
        (address depositor,,, uint48 count,,) = incentives.deposits(tokenId);
        if (depositor == address(0) || count != 0) return;
        vm.prank(owner);
        incentives.withdraw(tokenId, owner, "");
        _after();
    }

    function claimReward(uint256 actorSeed, uint256 tokenSeed, uint256 amount) external {
        address actor = actors[actorSeed % actors.length];
        IERC20 token = _keys[tokenSeed % _keys.length].rewardToken;
        vm.prank(actor);
        incentives.claimReward(token, actor, amount % 3 == 0 ? 0 : amount);
        _after();
    }

    function refund(uint256 programSeed) external {
        incentives.refund(_keys[programSeed % _keys.length]);
        _after();
    }

    function swapTo(uint256 tickSeed) external {
        int24 target = peg - 30 + int24(int256(tickSeed % 61));
        uint160 limit = uint160(
            Math.sqrt(
                uint256(UniswapV3Deployer.sqrtPriceX96AtTick(target)) * UniswapV3Deployer.sqrtPriceX96AtTick(target + 1)
            )
        );
        (uint160 current,,,,,,) = pool.slot0();
        if (limit == current) return;
        address tokenIn = limit < current ? pool.token0() : pool.token1();
        UniswapV3Deployer.swapExactIn(uni, pool, tokenIn, 1e33, limit, address(this));
        _after();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 minutes, 10 days));
        _after();
    }

    function fees(uint256 amount) external {
        amount = bound(amount, 0, 1e22);
        pusd.transfer(address(incentives), amount);
        vm.prank(feeCollector);
        incentives.onFeesReceived(address(pusd), amount);
        _after();
    }

    // ------------------------------------------------------------------------------------------------------
    // Ghost checks
    // ------------------------------------------------------------------------------------------------------

    function _after() internal {
        ++calls;
        for (uint256 i; i < positions.length; ++i) {
            for (uint256 p; p < _keys.length; ++p) {
                (bool staked,,) = incentives.stakes(positions[i], _id(_keys[p]));
                if (!staked) continue;
                _checkAccrued(
                    positions[i], p, realized[positions[i]][p] + incentives.pendingReward(positions[i], _keys[p])
                );
            }
        }
    }

    function _checkAccrued(uint256 tokenId, uint256 p, uint256 accrued) internal {
        uint256 last = lastAccrued[tokenId][p];
        if (accrued < last && last - accrued > maxDecrease) maxDecrease = last - accrued;
        lastAccrued[tokenId][p] = accrued;
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    function _position(uint256 seed) internal view returns (uint256 tokenId, address owner) {
        tokenId = positions[seed % positions.length];
        owner = ownerOf[tokenId];
    }

    function _stake(uint256 positionSeed, uint256 programSeed)
        internal
        view
        returns (uint256 tokenId, address owner, uint256 p, bool staked)
    {
        (tokenId, owner) = _position(positionSeed);
        p = programSeed % _keys.length;
        (staked,,) = incentives.stakes(tokenId, _id(_keys[p]));
    }

    function _accepts(ProgramKey memory key, uint256 tokenId) internal view returns (bool) {
        if (block.timestamp < key.startTime || !_running(key)) return false;
        (,,,,, int24 lower, int24 upper,,,,,) = uni.positionManager.positions(tokenId);
        return lower >= key.tickLower && upper <= key.tickUpper;
    }

    function _running(ProgramKey memory key) internal view returns (bool) {
        if (key.endTime != 0) return block.timestamp < key.endTime;
        (, uint32 endedAt) = incentives.streams(_id(key));
        return endedAt == 0;
    }

    function _id(ProgramKey memory key) internal pure returns (bytes32) {
        return keccak256(abi.encode(key));
    }
}
