// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeCollector, IFeeRecipient} from "../../src/interfaces/IFeeCollector.sol";

/// @notice A fee recipient that records every hook call.
contract RecordingRecipient is IFeeRecipient {
    address public lastToken;
    uint256 public received;
    uint256 public calls;

    function onFeesReceived(address token, uint256 amount) external virtual {
        lastToken = token;
        received += amount;
        ++calls;
    }
}

/// @notice A fee recipient whose hook reverts while `broken` is set.
contract RevertingRecipient is RecordingRecipient {
    bool public broken = true;

    error HookFailed();

    function setBroken(bool value) external {
        broken = value;
    }

    function onFeesReceived(address token, uint256 amount) external override {
        if (broken) revert HookFailed();
        lastToken = token;
        received += amount;
        ++calls;
    }
}

/// @notice A fee recipient whose hook tries to re-enter the collector.
contract ReentrantRecipient is IFeeRecipient {
    IFeeCollector public immutable collector;

    constructor(IFeeCollector collector_) {
        collector = collector_;
    }

    function onFeesReceived(address token, uint256) external {
        collector.distribute(token);
    }
}
