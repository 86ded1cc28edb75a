import { mockUsdcAbi } from '@plaza/abi';
import { erc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of MockUSDC (the dev-chain USDC).
 *
 * @example
 * ```ts
 * import { usdcErrorMessages } from '@plaza/sdk';
 * usdcErrorMessages.MockUSDCInvalidSignature({}, info);
 * ```
 */
export const usdcErrorMessages: ErrorMessages<typeof mockUsdcAbi> = {
  ...erc20ErrorMessages,
  InvalidShortString: () => 'A string is too long for a short string.',
  MockUSDCAuthorizationNotValidNow: ({ validAfter, validBefore }) =>
    `The authorization is valid only after ${formatTimestamp(validAfter)} and before ${formatTimestamp(validBefore)}.`,
  MockUSDCAuthorizationUsed: ({ authorizer, nonce }) =>
    `Authorization nonce ${nonce} of ${authorizer} was already used or canceled.`,
  MockUSDCCallerNotPayee: ({ caller, payee }) =>
    `receiveWithAuthorization must be submitted by the payee ${payee}, not ${caller}.`,
  MockUSDCExpired: ({ deadline }) => `The permit expired at ${formatTimestamp(deadline)}.`,
  MockUSDCInvalidSignature: () => "The signature is not the signer's (neither ECDSA nor ERC-1271).",
  StringTooLong: ({ str }) => `"${str}" is too long.`,
};

/**
 * How MockUSDC's reverts are decoded and described (amounts shown in USDC).
 *
 * @example
 * ```ts
 * import { usdcErrors } from '@plaza/sdk';
 * usdcErrors.contract; // 'MockUSDC'
 * ```
 */
export const usdcErrors = defineErrorTable('MockUSDC', mockUsdcAbi, usdcErrorMessages, {
  symbol: 'USDC',
  decimals: 6,
});
