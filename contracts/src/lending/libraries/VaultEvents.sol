// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id} from "../../interfaces/ILendingHub.sol";

/// @title VaultEvents
/// @notice Events of the SavingsVault (besides ERC-4626's `Deposit`/`Withdraw` and ERC-20's `Transfer`).
library VaultEvents {
    /// @notice The performance fee was accrued: `feeShares` minted to the fee recipient; `totalAssets` is the vault's
    /// total after the accrual (the new high mark `lastTotalAssets` before the operation's own amount).
    event AccrueFee(uint256 totalAssets, uint256 feeShares);
    /// @notice A market's cap changed (a first cap enables the market and appends it to the withdraw queue).
    event SetCap(address indexed caller, Id indexed id, uint256 cap);
    /// @notice The supply queue changed.
    event SetSupplyQueue(address indexed caller, Id[] queue);
    /// @notice The withdraw queue changed (markets left out are disabled).
    event SetWithdrawQueue(address indexed caller, Id[] queue);
    /// @notice Assets moved from idle into a market.
    event Allocated(Id indexed id, uint256 assets, uint256 shares);
    /// @notice Assets moved from a market to idle.
    event Deallocated(Id indexed id, uint256 assets, uint256 shares);
    /// @notice Income started vesting: `amount` new (pushed by `source`, including surplus found in the balance);
    /// `vestingAmount` (new plus what had not vested yet) vests linearly until `vestingEnd`.
    event IncomeDistributed(address indexed source, uint256 amount, uint256 vestingAmount, uint256 vestingEnd);
    /// @notice The performance fee changed.
    event SetPerformanceFee(uint256 fee);
    /// @notice The fee recipient changed.
    event SetFeeRecipient(address indexed feeRecipient);
    /// @notice The vesting period of future distributions changed.
    event SetVestingPeriod(uint256 period);
}
