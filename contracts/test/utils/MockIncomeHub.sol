// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRwaShareToken} from "../../src/interfaces/IRwaShareToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Reference implementation of the pattern `IRwaShareToken` documents for a contract that holds shares for
/// others (what the LendingHub does with collateral): per depositor, a checkpoint of `incomePerShare()` and the
/// income credited so far; credits are settled before every balance change; income is claimed from the token for
/// the hub itself and paid out of what it received.
contract MockIncomeHub {
    IRwaShareToken public immutable share;
    IERC20 public immutable income;

    mapping(address depositor => uint256) public deposited;
    mapping(address depositor => uint256) public checkpoint;
    mapping(address depositor => uint256) public credited;
    uint256 public totalPaid;

    constructor(IRwaShareToken share_) {
        share = share_;
        income = IERC20(share_.incomeToken());
    }

    function deposit(uint256 amount) external {
        _settle(msg.sender);
        deposited[msg.sender] += amount;
        share.transferFrom(msg.sender, address(this), amount);
    }

    function withdraw(uint256 amount) external {
        _settle(msg.sender);
        deposited[msg.sender] -= amount;
        share.transfer(msg.sender, amount);
    }

    /// @notice Income owed to `depositor` now.
    function owed(address depositor) public view returns (uint256) {
        return credited[depositor] + deposited[depositor] * (share.incomePerShare() - checkpoint[depositor])
            / share.INCOME_PRECISION();
    }

    /// @notice Pays the caller its income: claims the hub's own income from the token first.
    function claim() external returns (uint256 amount) {
        _settle(msg.sender);
        amount = credited[msg.sender];
        credited[msg.sender] = 0;
        if (income.balanceOf(address(this)) < amount) share.claimIncome(address(this));
        totalPaid += amount;
        income.transfer(msg.sender, amount);
    }

    function _settle(address depositor) internal {
        uint256 acc = share.incomePerShare();
        credited[depositor] += deposited[depositor] * (acc - checkpoint[depositor]) / share.INCOME_PRECISION();
        checkpoint[depositor] = acc;
    }
}
