// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title RwaEvents
/// @notice Events of the RwaShareToken (besides ERC-20 `Transfer`/`Approval`), designed so a subgraph can follow
/// income streams and claims from logs alone.
library RwaEvents {
    /// @notice `distributor` deposited `amount`; together with `restreamed` (the previous stream's unstreamed remainder
    /// plus carried income, rounded down) it streams at `ratePerSecond` (income per second scaled by 1e18) until
    /// `periodFinish`.
    event IncomeDeposited(
        address indexed distributor, uint256 amount, uint256 restreamed, uint256 ratePerSecond, uint256 periodFinish
    );
    /// @notice `account` claimed `amount` of income, paid to `to`.
    event IncomeClaimed(address indexed account, address indexed to, uint256 amount);
    /// @notice The issuer moved `amount` shares from `from` to `to` without `from`'s consent (court order);
    /// `orderRef` identifies the order off-chain. A `Transfer` event is emitted as well.
    event ForcedTransfer(
        address indexed from, address indexed to, uint256 amount, address indexed issuer, bytes32 orderRef
    );
    /// @notice The streaming period of future deposits was set.
    event StreamDurationSet(uint256 duration);
}
