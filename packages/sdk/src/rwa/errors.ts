import { rwaShareTokenAbi } from '@plaza/abi';
import {
  accessControlErrorMessages,
  erc20ErrorMessages,
  safeErc20ErrorMessages,
} from '../core/commonErrors.js';
import { defineErrorTable, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of an RwaShareToken.
 *
 * @example
 * ```ts
 * import { rwaErrorMessages } from '@plaza/sdk';
 * rwaErrorMessages.NotAllowed({ policyId, account }, info);
 * ```
 */
export const rwaErrorMessages: ErrorMessages<typeof rwaShareTokenAbi> = {
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  ERC20InsufficientAllowance: erc20ErrorMessages.ERC20InsufficientAllowance,
  ERC20InsufficientBalance: erc20ErrorMessages.ERC20InsufficientBalance,
  ERC20InvalidApprover: erc20ErrorMessages.ERC20InvalidApprover,
  ERC20InvalidReceiver: erc20ErrorMessages.ERC20InvalidReceiver,
  ERC20InvalidSender: erc20ErrorMessages.ERC20InvalidSender,
  ERC20InvalidSpender: erc20ErrorMessages.ERC20InvalidSpender,
  Blocked: ({ account }) =>
    `${account} is blocked (sanctioned) in the compliance registry: it cannot claim income or receive it.`,
  InvalidIncomeToken: ({ token }) => `${token} cannot be the income token (it is the share token itself).`,
  InvalidStreamDuration: ({ duration }) =>
    `A streaming period of ${duration} s is out of range (1 hour to 730 days).`,
  NotAllowed: ({ policyId, account }) =>
    `${account} does not pass the asset's compliance policy ${policyId}: shares move only between accounts that do (a KYC record meeting the policy, or an exempt protocol contract).`,
  ReentrancyGuardReentrantCall: () =>
    'The share token was re-entered (the income token called back into it).',
  SafeCastOverflowedIntToUint: ({ value }) => `${value} is negative where a non-negative value is needed.`,
  SafeCastOverflowedUintToInt: ({ value }) => `${value} does not fit in a signed 256-bit integer.`,
  ZeroAddress: () => 'An address that must be set is zero.',
  ZeroAmount: () => 'Nothing to deposit: the amount is zero and no income was carried over.',
};

/**
 * How RwaShareToken reverts are decoded and described (contract name `RwaShareToken` for every asset).
 *
 * @example
 * ```ts
 * import { rwaErrors } from '@plaza/sdk';
 * rwaErrors.contract; // 'RwaShareToken'
 * ```
 */
export const rwaErrors = defineErrorTable('RwaShareToken', rwaShareTokenAbi, rwaErrorMessages);
