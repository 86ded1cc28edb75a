// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../../src/interfaces/IPaymentProcessor.sol";
import {PaymentProcessor} from "../../../src/payfi/PaymentProcessor.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An attacker's token for the Commerce Payments critical finding: while the processor pulls funds
/// (`receiveWithAuthorization`, `transferFrom`) or pushes them (`transfer`), it calls back into the processor to
/// authorize or capture again. It either bubbles the processor's answer up or swallows it and records it.
contract ReentrantToken is ERC20 {
    enum Attack {
        None,
        Authorize,
        Capture,
        Void
    }

    PaymentProcessor public processor;
    Attack public attack;
    bool public swallow;
    PaymentInfo internal _target;
    bool public reentered;
    bytes public lastError;

    constructor() ERC20("Evil", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(PaymentProcessor processor_, Attack attack_, PaymentInfo memory target, bool swallow_) external {
        processor = processor_;
        attack = attack_;
        _target = target;
        swallow = swallow_;
    }

    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256,
        uint256,
        bytes32,
        uint8,
        bytes32,
        bytes32
    ) external {
        _transfer(from, to, value);
        _reenter();
    }

    function authorizationState(address, bytes32) external pure returns (bool) {
        return false;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        super.transfer(to, value);
        _reenter();
        return true;
    }

    function _reenter() internal {
        Attack a = attack;
        if (a == Attack.None) return;
        attack = Attack.None; // once
        bytes memory call;
        if (a == Attack.Authorize) {
            call = abi.encodeWithSignature(
                "authorize((address,address,address,uint256,uint256,bytes32,uint48,uint48,uint16,uint16,address,bool,uint256),uint8,bytes32,bytes32)",
                _target,
                uint8(0),
                bytes32(0),
                bytes32(0)
            );
        } else if (a == Attack.Capture) {
            call = abi.encodeCall(PaymentProcessor.capture, (_target, _target.amount));
        } else {
            call = abi.encodeCall(PaymentProcessor.void, (_target));
        }
        (bool ok, bytes memory ret) = address(processor).call(call);
        reentered = ok;
        lastError = ret;
        if (!ok && !swallow) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}
