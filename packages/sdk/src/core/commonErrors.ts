import type { complianceRegistryAbi, plazaUsdAbi } from '@plaza/abi';
import type { ErrorMessages } from './errors.js';

type Pick_<T, K extends keyof T> = { readonly [P in K]: T[P] };

/**
 * Messages for OpenZeppelin's `AccessControlDefaultAdminRules` errors, shared by every role-gated Plaza
 * contract's table (spread it into yours).
 *
 * @example
 * ```ts
 * import { accessControlErrorMessages } from '@plaza/sdk';
 * const messages = { ...accessControlErrorMessages, MyError: () => '…' };
 * ```
 */
export const accessControlErrorMessages = {
  AccessControlBadConfirmation: () => 'renounceRole must be called by the account renouncing its own role.',
  AccessControlEnforcedDefaultAdminDelay: ({ schedule }) =>
    `The admin transfer cannot be completed before ${new Date(Number(schedule) * 1000).toISOString()} (the admin delay).`,
  AccessControlEnforcedDefaultAdminRules: () =>
    'The default admin role changes only through the two-step transfer (beginDefaultAdminTransfer, then accept).',
  AccessControlInvalidDefaultAdmin: ({ defaultAdmin }) =>
    `${defaultAdmin} is not the pending default admin (or the zero address was given).`,
  AccessControlUnauthorizedAccount: ({ account, neededRole }) =>
    `${account} lacks the role this needs (${neededRole === `0x${'0'.repeat(64)}` ? 'the default admin' : `role ${neededRole}`}).`,
  SafeCastOverflowedUintDowncast: ({ bits, value }) => `${value} does not fit in ${bits} bits.`,
} as const satisfies Pick_<
  ErrorMessages<typeof complianceRegistryAbi>,
  | 'AccessControlBadConfirmation'
  | 'AccessControlEnforcedDefaultAdminDelay'
  | 'AccessControlEnforcedDefaultAdminRules'
  | 'AccessControlInvalidDefaultAdmin'
  | 'AccessControlUnauthorizedAccount'
  | 'SafeCastOverflowedUintDowncast'
>;

/**
 * Messages for OpenZeppelin's ERC-20 errors (IERC6093) and permit nonces, shared by the token tables.
 *
 * @example
 * ```ts
 * import { erc20ErrorMessages } from '@plaza/sdk';
 * const messages = { ...erc20ErrorMessages, MyTokenError: () => '…' };
 * ```
 */
export const erc20ErrorMessages = {
  ERC20InsufficientAllowance: ({ spender, allowance, needed }, info) =>
    `${spender} may spend ${info.amount(allowance)} but needs ${info.amount(needed)}: approve (or permit) it first.`,
  ERC20InsufficientBalance: ({ sender, balance, needed }, info) =>
    `${sender} holds ${info.amount(balance)} but needs ${info.amount(needed)}.`,
  ERC20InvalidApprover: ({ approver }) => `${approver} cannot approve (the zero address).`,
  ERC20InvalidReceiver: ({ receiver }) =>
    `${receiver} cannot receive this token (the zero address, or the token contract itself).`,
  ERC20InvalidSender: ({ sender }) => `${sender} cannot send (the zero address).`,
  ERC20InvalidSpender: ({ spender }) => `${spender} cannot be approved (the zero address).`,
  InvalidAccountNonce: ({ account, currentNonce }) =>
    `The signature used a stale nonce for ${account}; its current nonce is ${currentNonce}.`,
} as const satisfies Pick_<
  ErrorMessages<typeof plazaUsdAbi>,
  | 'ERC20InsufficientAllowance'
  | 'ERC20InsufficientBalance'
  | 'ERC20InvalidApprover'
  | 'ERC20InvalidReceiver'
  | 'ERC20InvalidSender'
  | 'ERC20InvalidSpender'
  | 'InvalidAccountNonce'
>;

/**
 * Message for OpenZeppelin's SafeERC20 failure.
 *
 * @example
 * ```ts
 * import { safeErc20ErrorMessages } from '@plaza/sdk';
 * const messages = { ...safeErc20ErrorMessages };
 * ```
 */
export const safeErc20ErrorMessages = {
  SafeERC20FailedOperation: ({ token }) =>
    `The token ${token} refused the transfer (it returned false or reverted).`,
} as const satisfies Pick_<ErrorMessages<typeof plazaUsdAbi>, 'SafeERC20FailedOperation'>;
