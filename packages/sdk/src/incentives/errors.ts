import { liquidityIncentivesAbi } from '@plaza/abi';
import { accessControlErrorMessages, safeErc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of LiquidityIncentives.
 *
 * @example
 * ```ts
 * import { incentivesErrorMessages } from '@plaza/sdk';
 * incentivesErrorMessages.OutsideBand({ tickLower: -276_400, tickUpper: -276_300 }, info);
 * ```
 */
export const incentivesErrorMessages: ErrorMessages<typeof liquidityIncentivesAbi> = {
  ...safeErc20ErrorMessages,
  AddressEmptyCode: ({ target }) => `${target} has no code (a multicall target).`,
  AlreadyStaked: ({ tokenId, programId }) => `Position ${tokenId} is already staked in program ${programId}.`,
  FailedCall: () => 'A call in the multicall failed without a reason.',
  FundingShortfall: ({ expected, received }) =>
    `The reward token delivered ${received} instead of ${expected} (fee-on-transfer or rebasing tokens are not supported).`,
  InvalidBand: ({ tickLower, tickUpper }) =>
    `The band [${tickLower}, ${tickUpper}] is empty: tickLower must be below tickUpper.`,
  InvalidRecipient: () => 'A position cannot be withdrawn to the incentives contract itself.',
  InvalidWindow: ({ startTime, endTime }) =>
    `The window ${formatTimestamp(startTime)} → ${formatTimestamp(endTime)} is invalid: a program starts now or later, ends after it starts, and lasts at most 4 years.`,
  LiquidityTooLow: ({ liquidity }) =>
    `A position needs at least 2^32 liquidity to be staked (this one has ${liquidity}).`,
  NotDepositOwner: ({ tokenId }) => `Position ${tokenId} is deposited by someone else (or not deposited).`,
  NotDeposited: ({ tokenId }) => `Position ${tokenId} is not deposited in the incentives contract.`,
  NotFeeCollector: () => 'Only the configured FeeCollector may report fees.',
  NotPositionManager: () => 'Only Uniswap v3 position NFTs (from the position manager) can be deposited.',
  NotStaked: ({ tokenId, programId }) => `Position ${tokenId} is not staked in program ${programId}.`,
  OutsideBand: ({ tickLower, tickUpper }) =>
    `The position's range [${tickLower}, ${tickUpper}) is not inside the program's eligible band.`,
  OwnableInvalidOwner: ({ owner }) => `${owner} cannot be the owner.`,
  OwnableUnauthorizedAccount: ({ account }) => `${account} is not the owner of LiquidityIncentives.`,
  ProgramEnded: ({ programId }) => `Program ${programId} has ended: no new stakes.`,
  ProgramExists: ({ programId }) => `A program with this key (${programId}) already exists.`,
  ProgramNotEnded: ({ programId }) => `Program ${programId} is still running.`,
  ProgramNotStarted: ({ programId }) => `Program ${programId} has not started yet.`,
  ReentrancyGuardReentrantCall: () => 'LiquidityIncentives was re-entered (a token called back into it).',
  RenounceDisabled: () => 'Ownership of LiquidityIncentives cannot be renounced.',
  SafeCastOverflowedUintDowncast: accessControlErrorMessages.SafeCastOverflowedUintDowncast,
  StakesOpen: ({ tokenId, numberOfStakes }) =>
    `Position ${tokenId} is still staked in ${numberOfStakes} program(s): unstake first.`,
  UnknownProgram: ({ programId }) => `No program has the key ${programId}.`,
  WrongPool: ({ positionPool, programPool }) =>
    `The position is in pool ${positionPool}, the program rewards pool ${programPool}.`,
  WrongProgramKind: () =>
    'Fixed programs have an end time and are created with createProgram; open-ended fee-share streams (endTime 0) only by the owner with createStream.',
  ZeroAddress: () => 'The reward token, pool and refundee must be set.',
  ZeroRate: () => 'The rate is zero: the amount is smaller than the duration in seconds.',
};

/**
 * How LiquidityIncentives' reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { incentivesErrors } from '@plaza/sdk';
 * incentivesErrors.contract; // 'LiquidityIncentives'
 * ```
 */
export const incentivesErrors = defineErrorTable(
  'LiquidityIncentives',
  liquidityIncentivesAbi,
  incentivesErrorMessages,
);

/**
 * What Uniswap v3's short revert strings mean (its contracts revert with `require` codes, not custom errors).
 *
 * @example
 * ```ts
 * import { uniswapRevertReasons } from '@plaza/sdk';
 * uniswapRevertReasons.STF; // 'a token transfer to Uniswap failed: …'
 * ```
 */
export const uniswapRevertReasons: Readonly<Record<string, string>> = {
  STF: 'a token transfer to Uniswap failed: check the balance and the approval of the position manager or router',
  'Price slippage check':
    'the price moved: the position would take less than the minimum amounts (raise the slippage)',
  'Too little received': 'the swap would return less than the minimum out (raise the slippage)',
  'Too much requested': 'the swap would take more than the maximum in',
  'Transaction too old': 'the deadline passed before the transaction was mined',
  'Not approved': 'the sender is neither the position owner nor approved for it',
  'Invalid token ID': 'no position has this token id',
  'Not cleared': 'the position still has liquidity or uncollected tokens',
  TLM: 'the lower tick is below the minimum tick',
  TUM: 'the upper tick is above the maximum tick',
  TLU: 'the lower tick must be below the upper tick',
  LOK: 'the pool is locked (re-entrancy) or not initialized',
  SPL: 'the price limit is on the wrong side of the current price',
  AS: 'the swap amount is zero',
  IIA: 'the pool received less than the swap requires',
  M0: 'the pool received less token0 than the mint requires',
  M1: 'the pool received less token1 than the mint requires',
};
