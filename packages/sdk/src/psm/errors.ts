import { pegStabilityModuleAbi } from '@plaza/abi';
import { accessControlErrorMessages, safeErc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, type ErrorMessages } from '../core/errors.js';
import { formatPusd } from '../core/units.js';

/**
 * A human message for every custom error of the PegStabilityModule.
 *
 * @example
 * ```ts
 * import { psmErrorMessages } from '@plaza/sdk';
 * psmErrorMessages.SwapsPaused({}, info); // 'PSM swaps are paused …'
 * ```
 */
export const psmErrorMessages: ErrorMessages<typeof pegStabilityModuleAbi> = {
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  AccountBlocked: ({ account }) =>
    `${account} is on pUSD's sanctions blocklist: the PSM will not swap with it.`,
  DebtCeilingExceeded: ({ minted, debtCeiling }) =>
    `The PSM's debt ceiling would be exceeded: ${formatPusd(minted)} pUSD minted through it after this sale, ceiling ${formatPusd(debtCeiling)} pUSD. Sell less, or wait for purchases to free room.`,
  DebtCeilingTooHigh: ({ debtCeiling }) =>
    `A debt ceiling of ${debtCeiling} wei does not fit the PSM's 104-bit state.`,
  FeeTooHigh: ({ fee }) => `A PSM fee of ${fee} bps is above the maximum of 1000 bps (10%).`,
  GemNotSurplus: ({ amount, surplus }) =>
    `Only ${surplus} gem units are surplus (not backing minted pUSD); ${amount} cannot be rescued.`,
  InsufficientMinted: ({ requested, minted }) =>
    `The PSM can pay out gem for at most ${formatPusd(minted)} pUSD (what was minted through it); ${formatPusd(requested)} pUSD was asked.`,
  SwapsPaused: () => 'PSM swaps are paused (both directions) until its pauser resumes them.',
  UnsupportedGemDecimals: ({ decimals }) => `A gem with ${decimals} decimals is not supported (at most 18).`,
  ZeroAddress: () => 'An address argument is the zero address.',
  ZeroAmount: () => 'The PSM does not swap zero.',
};

/**
 * How the PSM's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { psmErrors } from '@plaza/sdk';
 * psmErrors.contract; // 'PegStabilityModule'
 * ```
 */
export const psmErrors = defineErrorTable('PegStabilityModule', pegStabilityModuleAbi, psmErrorMessages);
