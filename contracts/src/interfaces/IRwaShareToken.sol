// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRwaShareToken
/// @notice A permissioned ERC-20 share of one real-world asset that streams the asset's pUSD income to its holders.
/// @dev Income model, exact for every holder including contracts:
/// - each `depositIncome` streams linearly over `streamDuration()` seconds (a deposit made while an earlier one is
///   still streaming merges with the unstreamed remainder, and the total streams over a fresh period);
/// - income streamed during a second belongs to whoever holds the shares during that second, pro rata; income
///   accrued before a transfer stays with the sender;
/// - `incomePerShare()` is the cumulative income per share base unit, scaled by `INCOME_PRECISION()` (1e30); an
///   account holding `b` shares from time t0 to t1 earns `b * (incomePerShare(t1) - incomePerShare(t0)) / 1e30`.
///
/// Pattern for a contract holding shares for others (the LendingHub holding collateral for borrowers): keep, per
/// depositor, the `incomePerShare()` seen at its last balance change and its accrued income, exactly as this token
/// does for its holders; whenever a depositor's balance changes, credit it
/// `balance * (incomePerShare() - checkpoint) / INCOME_PRECISION()` and move its checkpoint. The sum of these credits
/// never exceeds `claimableIncome(hub)` (each rounds down), so the hub can `claimIncome(hub)` (which returns the
/// amount paid) at any time and pay depositors from it. No callback is made to holders.
interface IRwaShareToken is IERC20 {
    // ------------------------------------------------------------------------------------------------------------
    // Holders
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Income `account` can claim now, in the income token.
    function claimableIncome(address account) external view returns (uint256);

    /// @notice Pays the caller's claimable income to `to`; returns the amount (0 when nothing, without reverting).
    /// @dev Any holder, including a contract, claims for itself. Reverts if the caller or `to` is blocked
    /// (sanctioned) in the compliance registry.
    function claimIncome(address to) external returns (uint256 amount);

    /// @notice Cumulative income per share base unit, scaled by `INCOME_PRECISION()`, up to now.
    function incomePerShare() external view returns (uint256);

    /// @notice Income `account` has claimed in total.
    function incomeClaimed(address account) external view returns (uint256);

    // ------------------------------------------------------------------------------------------------------------
    // Issuer (asset manager), distributor and admin
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Distributor: pulls `amount` of the income token from the caller and streams it (plus any unstreamed
    /// remainder and carried income) to holders over `streamDuration()`.
    function depositIncome(uint256 amount) external;

    /// @notice Issuer: mints `amount` shares to `to`, which must pass the policy.
    function mint(address to, uint256 amount) external;

    /// @notice Issuer: burns `amount` shares of `from` (redemption; no allowance and no policy check needed).
    function burn(address from, uint256 amount) external;

    /// @notice Issuer: moves `amount` shares from `from` to `to` without `from`'s consent or policy check (court
    /// order, lost keys); `to` must pass the policy. `orderRef` identifies the order off-chain.
    function forceTransfer(address from, address to, uint256 amount, bytes32 orderRef) external;

    /// @notice Admin: sets the streaming period of future deposits.
    function setStreamDuration(uint32 duration) external;

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Scale of `incomePerShare()` (1e30).
    function INCOME_PRECISION() external view returns (uint256);

    /// @notice The token income is paid in (pUSD).
    function incomeToken() external view returns (address);

    /// @notice The registry that decides who may hold the shares.
    function complianceRegistry() external view returns (address);

    /// @notice The registry policy every holder must pass (exempt protocol contracts pass every policy).
    function policyId() external view returns (bytes32);

    /// @notice Seconds over which each deposit streams.
    function streamDuration() external view returns (uint32);

    /// @notice The current stream: income per second scaled by 1e18, the last checkpoint and the stream's end.
    function incomeStream() external view returns (uint256 ratePerSecond, uint256 lastUpdate, uint256 periodFinish);

    /// @notice Income not streamed yet plus income carried to the next deposit, in the income token (rounded down).
    function undistributedIncome() external view returns (uint256);
}
