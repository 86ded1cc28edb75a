// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymentProcessor} from "../../../src/payfi/PaymentProcessor.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A contract that is both a processor's token and its registry: while the processor pulls funds it tries to
/// rewrite the merchant's terms (e.g. to a cheaper tier) in the middle of the payment.
contract RegistryToken is ERC20 {
    PaymentProcessor public processor;
    address public merchant;
    bool public armed;

    constructor() ERC20("Evil", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setProcessor(PaymentProcessor processor_) external {
        processor = processor_;
    }

    function registerMerchant(address merchant_) external {
        merchant = merchant_;
        processor.syncMerchant(merchant_, 0, 0, 0, 1);
    }

    function arm() external {
        armed = true;
    }

    function payoutOf(address) external pure returns (address) {
        return address(0);
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
        if (armed) processor.syncMerchant(merchant, 0, 0, 1, 1);
    }

    function authorizationState(address, bytes32) external pure returns (bool) {
        return false;
    }
}
