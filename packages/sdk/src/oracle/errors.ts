import { navFeedAdapterAbi, navOracleAbi } from '@plaza/abi';
import { accessControlErrorMessages, safeErc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';
import { formatPusd } from '../core/units.js';

const STATUS = ['None', 'Approved', 'Active', 'Underbonded', 'Unbonding', 'Jailed'] as const;
const statusName = (status: number) => STATUS[status] ?? `status ${status}`;
const nav = (value: bigint) => `${formatPusd(value)} pUSD`;

/**
 * A human message for every custom error of the NavOracle.
 *
 * @example
 * ```ts
 * import { oracleErrorMessages } from '@plaza/sdk';
 * oracleErrorMessages.FeedIsFrozen({ feedId: 1n }, info); // 'Feed 1 is frozen: …'
 * ```
 */
export const oracleErrorMessages: ErrorMessages<typeof navOracleAbi> = {
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  AlreadySubmitted: ({ feedId, roundId, reporter }) =>
    `${reporter} already submitted to round ${roundId} of feed ${feedId}; wait for the next round.`,
  BondTooSmall: ({ amount, minBond }) =>
    `A bond of ${nav(amount)} is below the feed's minimum of ${nav(minBond)}.`,
  FeedIsFrozen: ({ feedId }) =>
    `Feed ${feedId} is frozen: its last round moved beyond the maximum (a feed's first answer always does) and waits for a guardian to confirm or reject it. No price is served and no submission is accepted meanwhile.`,
  FeedNotFound: ({ feedId }) => `There is no feed ${feedId} (feed ids run from 1 to feedCount()).`,
  InvalidAnswer: ({ answer }) =>
    `${answer} is not a valid answer: a NAV must be at least 1 wei and below 2^96.`,
  InvalidBps: ({ bps }) => `${bps} bps is out of range: maxMoveBps and toleranceBps must be 1 to 10000.`,
  InvalidDuration: ({ duration }) =>
    `A heartbeat or round timeout of ${duration} s is invalid: it must be positive.`,
  InvalidJailThreshold: ({ jailThreshold }) =>
    `A jail threshold of ${jailThreshold} strikes is invalid: it must be at least 1.`,
  InvalidMinBond: () => 'The minimum bond must be positive.',
  InvalidQuorum: ({ quorum }) => `A quorum of ${quorum} is invalid: it must be 1 to 31.`,
  InvalidReporterStatus: ({ feedId, reporter, status }) =>
    `${reporter} is ${statusName(Number(status))} in feed ${feedId}, which does not allow this (reporters are approved by the admin, register with a bond, and submit while Active).`,
  InvalidUnbondingDelay: ({ delay }) =>
    `An unbonding delay of ${delay} s is out of range (1 hour to 90 days).`,
  NoAnswer: ({ feedId }) =>
    `Feed ${feedId} has no accepted answer yet: reporters must complete a round and a guardian confirm it.`,
  NoDataForRound: ({ feedId, roundId }) =>
    `Round ${roundId} of feed ${feedId} has no accepted answer (it never settled, was abandoned or rejected, or is in the future).`,
  NotFrozen: ({ feedId }) => `Feed ${feedId} is not frozen: there is nothing for a guardian to decide.`,
  PendingRound: ({ feedId, roundId }) =>
    `The bond stays locked while round ${roundId} of feed ${feedId}, which this reporter submitted to, is undecided (a pending slash cannot be escaped).`,
  ReentrancyGuardReentrantCall: () => 'The NavOracle was re-entered (a token called back into it).',
  StaleAnswer: ({ feedId, updatedAt, heartbeat }) =>
    `Feed ${feedId}'s answer is stale: updated at ${formatTimestamp(updatedAt)}, older than its ${heartbeat} s heartbeat. Reporters must complete a new round.`,
  StillUnbonding: ({ unbondAt }) => `The bond can be withdrawn from ${formatTimestamp(unbondAt)}.`,
  TooEarly: ({ feedId, opensAt }) =>
    `A new round of feed ${feedId} opens at ${formatTimestamp(opensAt)} (the feed's minimum round interval).`,
  WrongRound: ({ feedId, given, current }) =>
    `The submission names round ${given}, but feed ${feedId} is at round ${current}: submit to the current round.`,
  ZeroAddress: () => 'An address that must be set is zero.',
  ZeroAmount: () => 'The amount is zero.',
};

/**
 * How the NavOracle's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { oracleErrors } from '@plaza/sdk';
 * oracleErrors.contract; // 'NavOracle'
 * ```
 */
export const oracleErrors = defineErrorTable('NavOracle', navOracleAbi, oracleErrorMessages);

/**
 * A human message for every custom error of a NavFeedAdapter (its `price()` reverts come from the NavOracle).
 *
 * @example
 * ```ts
 * import { navFeedAdapterErrorMessages } from '@plaza/sdk';
 * navFeedAdapterErrorMessages.InvalidDecimals({ collateralDecimals: 40n, loanDecimals: 6n }, info);
 * ```
 */
export const navFeedAdapterErrorMessages: ErrorMessages<typeof navFeedAdapterAbi> = {
  InvalidDecimals: ({ collateralDecimals, loanDecimals }) =>
    `An adapter cannot quote a ${collateralDecimals}-decimal asset in a ${loanDecimals}-decimal loan token (the scale would be out of range).`,
  ZeroAddress: () => 'The oracle address is zero.',
};

/**
 * How NavFeedAdapter reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { navFeedAdapterErrors } from '@plaza/sdk';
 * navFeedAdapterErrors.contract; // 'NavFeedAdapter'
 * ```
 */
export const navFeedAdapterErrors = defineErrorTable(
  'NavFeedAdapter',
  navFeedAdapterAbi,
  navFeedAdapterErrorMessages,
);
