// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PSMEvents
/// @notice Events of the PegStabilityModule. Amounts: gem in its own decimals, pUSD in wei (18 decimals).
library PSMEvents {
    /// @notice `owner` sold `gemAmount` gem; `to` received `pusdOut` pUSD; `fee` pUSD went to the fee collector.
    event SellGem(address indexed owner, address indexed to, uint256 gemAmount, uint256 pusdOut, uint256 fee);
    /// @notice `owner` paid `pusdIn` pUSD (of which `fee` to the fee collector); `to` received `gemAmount` gem.
    event BuyGem(address indexed owner, address indexed to, uint256 gemAmount, uint256 pusdIn, uint256 fee);
    /// @notice The fees changed (bps of the swapped amount).
    event FeesSet(uint16 tin, uint16 tout);
    /// @notice The ceiling on pUSD minted through the PSM changed.
    event DebtCeilingSet(uint256 debtCeiling);
    /// @notice The fee recipient changed.
    event FeeCollectorSet(address indexed feeCollector);
    /// @notice Swaps were paused by `account`.
    event Paused(address account);
    /// @notice Swaps were resumed by `account`.
    event Unpaused(address account);
    /// @notice `amount` of `token` not backing pUSD was sent to `to`.
    event TokensRescued(address indexed token, address indexed to, uint256 amount);
}
