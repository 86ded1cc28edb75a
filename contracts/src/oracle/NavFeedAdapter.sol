// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {INavOracle} from "../interfaces/INavOracle.sol";
import {IOracle} from "../interfaces/IOracle.sol";
import {OracleErrors} from "./libraries/OracleErrors.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title NavFeedAdapter
/// @notice One NavOracle feed seen through the two interfaces integrators know: `IOracle.price()` for lending markets
/// (collateral → loan price scaled by 1e36, Morpho Blue's convention) and Chainlink's `AggregatorV3Interface`.
/// @dev Stateless apart from immutables: every read goes to the NavOracle, so the adapter can never disagree with
/// it. Anyone may deploy one for an existing feed (the deployment script deploys one per feed for pUSD, 18
/// decimals); the collateral's decimals are read from the feed's asset. `price()` reverts exactly as `INavOracle.navOf` does (`NoAnswer`, `FeedIsFrozen`,
/// `StaleAnswer`), the Chainlink reads return the last accepted round like Chainlink does (check `updatedAt`, or
/// read `latestAnswerWithStatus()`).
contract NavFeedAdapter is IOracle, AggregatorV3Interface {
    /// @notice Version reported through `AggregatorV3Interface.version()`.
    uint256 public constant VERSION = 1;
    /// @notice Most decimals `price()` may scale by (keeps `answer * SCALE_FACTOR` below 2^256 for answers < 2^96).
    uint256 public constant MAX_SCALE_EXPONENT = 48;

    /// @notice The NavOracle holding the feed.
    INavOracle public immutable oracle;
    /// @notice The feed this adapter reads.
    uint256 public immutable feedId;
    /// @notice Decimals of the priced asset (the collateral).
    uint8 public immutable collateralDecimals;
    /// @notice Decimals of the loan token the price is quoted in.
    uint8 public immutable loanDecimals;
    /// @notice `price() = nav * SCALE_FACTOR`, with `SCALE_FACTOR = 10**(36 + loanDecimals - collateralDecimals - 18)`.
    uint256 public immutable SCALE_FACTOR;

    /// @param oracle_ The NavOracle.
    /// @param feedId_ An existing feed (NAV of one asset token in pUSD, 18 decimals); reverts with `FeedNotFound`
    /// otherwise.
    /// @param loanDecimals_ Decimals of the loan token the price is quoted in (18 for pUSD).
    constructor(INavOracle oracle_, uint256 feedId_, uint8 loanDecimals_) {
        if (address(oracle_) == address(0)) revert OracleErrors.ZeroAddress();
        uint8 collateralDecimals_ = IERC20Metadata(oracle_.assetOf(feedId_)).decimals();
        if (uint256(collateralDecimals_) + 18 > 36 + uint256(loanDecimals_)) {
            revert OracleErrors.InvalidDecimals(collateralDecimals_, loanDecimals_);
        }
        uint256 exponent = 36 + uint256(loanDecimals_) - collateralDecimals_ - 18;
        if (exponent > MAX_SCALE_EXPONENT) revert OracleErrors.InvalidDecimals(collateralDecimals_, loanDecimals_);
        oracle = oracle_;
        feedId = feedId_;
        collateralDecimals = collateralDecimals_;
        loanDecimals = loanDecimals_;
        SCALE_FACTOR = 10 ** exponent;
    }

    /// @inheritdoc IOracle
    /// @dev Reverts with the NavOracle's `NoAnswer(feedId)`, `FeedIsFrozen(feedId)` or
    /// `StaleAnswer(feedId, updatedAt, heartbeat)`.
    function price() external view returns (uint256) {
        return oracle.navOf(feedId) * SCALE_FACTOR;
    }

    /// @notice The latest accepted answer (18 decimals) with what a reader can rely on: `Fresh`, `Stale`, `Frozen`
    /// or `None` (no answer yet). Never reverts for an existing feed.
    function latestAnswerWithStatus()
        external
        view
        returns (int256 answer, uint256 updatedAt, uint80 roundId, INavOracle.FeedStatus status)
    {
        (uint256 nav, uint256 updated, uint256 round, INavOracle.FeedStatus feedStatus) = oracle.latestAnswer(feedId);
        // forge-lint: disable-next-line(unsafe-typecast)
        return (int256(nav), updated, uint80(round), feedStatus);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return oracle.description(feedId);
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return VERSION;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 _roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return oracle.getRoundData(feedId, _roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return oracle.latestRoundData(feedId);
    }
}
