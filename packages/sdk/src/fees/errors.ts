import { feeCollectorAbi } from '@plaza/abi';
import { accessControlErrorMessages, safeErc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of the FeeCollector.
 *
 * @example
 * ```ts
 * import { feesErrorMessages } from '@plaza/sdk';
 * feesErrorMessages.InvalidBpsSum({ sum: 9000n }, info);
 * ```
 */
export const feesErrorMessages: ErrorMessages<typeof feeCollectorAbi> = {
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  DuplicateRecipient: ({ recipient }) => `${recipient} appears twice among the fee recipients.`,
  InvalidBpsSum: ({ sum }) => `The recipients' shares add up to ${sum} bps; they must add up to 10000.`,
  InvalidRecipient: ({ recipient }) =>
    `${recipient} cannot receive fees (the zero address or the collector itself).`,
  InvalidRecipientCount: ({ count }) => `The fee split needs 1 to 8 recipients, not ${count}.`,
  NothingToClaim: ({ token, recipient }) => `${recipient} has no fee credit in ${token} to claim.`,
  OnlySelf: () => 'pushShare is internal to distribute (only the collector itself calls it).',
  ReentrancyGuardReentrantCall: () =>
    'The FeeCollector was re-entered (a recipient hook called back into it).',
  ZeroAddress: () => 'The token address is zero.',
  ZeroBps: ({ recipient }) => `${recipient} is configured with a 0 bps share.`,
};

/**
 * How the FeeCollector's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { feesErrors } from '@plaza/sdk';
 * feesErrors.contract; // 'FeeCollector'
 * ```
 */
export const feesErrors = defineErrorTable('FeeCollector', feeCollectorAbi, feesErrorMessages);
