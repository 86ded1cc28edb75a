// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title ILoyaltyPoints
/// @notice A merchant's loyalty points: an ERC-20 clone minted by the PaymentProcessor on settled payments,
/// redeemable as a discount at that merchant and, when the merchant funds a pUSD reserve, for pUSD at a posted value.
interface ILoyaltyPoints is IERC20Metadata {
    /// @notice Sets up a fresh clone; only the processor's MerchantRegistry (which deploys clones), once.
    function initialize(
        address merchant,
        string calldata name,
        string calldata symbol,
        uint128 pointValue,
        uint48 expiresAt
    ) external;

    /// @notice Mints `amount` to `to`; only the PaymentProcessor. Does nothing once the program has expired.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `points` of `from` for a checkout discount the payer signed; only the PaymentProcessor.
    /// @return discount The discount's value in pUSD (points × posted value).
    function burnForDiscount(address from, uint256 points) external returns (uint256 discount);

    /// @notice The merchant that runs the program.
    function merchant() external view returns (address);

    /// @notice pUSD (18 decimals) per whole point (1e18 units), as posted now.
    function pointValue() external view returns (uint256);

    /// @notice When the program expires (0 = never).
    function expiresAt() external view returns (uint48);
}
