// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentInfo} from "../../../src/interfaces/IPaymentProcessor.sol";
import {PaymentProcessor} from "../../../src/payfi/PaymentProcessor.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice A payer smart wallet whose ERC-1271 check (called by pUSD during the EIP-3009 pull) tries to re-enter
/// the processor to capture a payment. It still approves the signature, so the outer payment goes through.
contract ReentrantWallet is IERC1271 {
    address public immutable owner;
    PaymentProcessor public immutable processor;
    PaymentInfo internal _target;

    constructor(address owner_, PaymentProcessor processor_) {
        owner = owner_;
        processor = processor_;
    }

    function setTarget(PaymentInfo memory target) external {
        _target = target;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        // try to capture the target while the processor is mid-call (a static context: it must fail)
        (bool ok,) = address(processor).staticcall(abi.encodeCall(PaymentProcessor.capture, (_target, 1)));
        if (ok) return bytes4(0);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}
