// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id} from "../../interfaces/ILendingHub.sol";

/// @title VaultErrors
/// @notice Custom errors of the SavingsVault.
library VaultErrors {
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The performance fee is above `MAX_PERFORMANCE_FEE`.
    error FeeTooHigh(uint256 fee);
    /// @notice A fee is set but there is no fee recipient.
    error NoFeeRecipient();
    /// @notice The vesting period is outside [`MIN_VESTING_PERIOD`, `MAX_VESTING_PERIOD`].
    error InvalidVestingPeriod(uint256 period);
    /// @notice The market does not exist in the hub or does not lend the vault's asset.
    error InvalidMarket(Id id);
    /// @notice The cap does not fit in 96 bits.
    error CapTooHigh(uint256 cap);
    /// @notice The market is not enabled in the vault (no cap was ever set).
    error MarketNotEnabled(Id id);
    /// @notice The same market appears twice in a queue.
    error DuplicateMarket(Id id);
    /// @notice A queue is longer than `MAX_QUEUE_LENGTH`.
    error QueueTooLong(uint256 length);
    /// @notice A market left out of the new withdraw queue still has a cap or a supply.
    error MarketNotRemovable(Id id, uint256 cap, uint256 supplied);
    /// @notice The target allocation exceeds the market's cap.
    error AllocationExceedsCap(Id id, uint256 target, uint256 cap);
    /// @notice Markets cannot return enough liquidity now for this withdrawal.
    error NotEnoughLiquidity(uint256 requested, uint256 available);
    /// @notice The token is not the vault's asset.
    error WrongToken(address token);
}
