import type { Address } from 'viem';

/**
 * A feed's status for readers: `None` (no accepted answer yet), `Fresh`, `Stale` (older than the heartbeat) or
 * `Frozen` (a round moved beyond the maximum and waits for a guardian; takes precedence over `Stale`).
 *
 * @example
 * ```ts
 * import type { FeedStatus } from '@plaza/sdk';
 * const usable = (status: FeedStatus) => status === 'Fresh';
 * ```
 */
export type FeedStatus = 'None' | 'Fresh' | 'Stale' | 'Frozen';

/**
 * A reporter's life cycle in one feed (`INavOracle.ReporterStatus`).
 *
 * @example
 * ```ts
 * import type { ReporterStatus } from '@plaza/sdk';
 * const canSubmit = (status: ReporterStatus) => status === 'Active';
 * ```
 */
export type ReporterStatus = 'None' | 'Approved' | 'Active' | 'Underbonded' | 'Unbonding' | 'Jailed';

/** @internal */
export const FEED_STATUSES: readonly FeedStatus[] = ['None', 'Fresh', 'Stale', 'Frozen'];
/** @internal */
export const REPORTER_STATUSES: readonly ReporterStatus[] = [
  'None',
  'Approved',
  'Active',
  'Underbonded',
  'Unbonding',
  'Jailed',
];

/**
 * A feed's parameters (`INavOracle.FeedParams`); bonds in pUSD wei.
 *
 * @example
 * ```ts
 * import { parsePusd, type FeedParams } from '@plaza/sdk';
 * const params: FeedParams = {
 *   quorum: 3, maxMoveBps: 500, toleranceBps: 200, jailThreshold: 3, heartbeat: 86_400, roundTimeout: 3600,
 *   minRoundInterval: 3600, slashAmount: parsePusd('100'), minBond: parsePusd('1000'),
 * };
 * ```
 */
export interface FeedParams {
  readonly quorum: number;
  readonly maxMoveBps: number;
  readonly toleranceBps: number;
  readonly jailThreshold: number;
  readonly heartbeat: number;
  readonly roundTimeout: number;
  readonly minRoundInterval: number;
  readonly slashAmount: bigint;
  readonly minBond: bigint;
}

/**
 * One submission of a round.
 *
 * @example
 * ```ts
 * import { parsePusd, type Submission } from '@plaza/sdk';
 * const submission: Submission = { reporter, answer: parsePusd('101.5') };
 * ```
 */
export interface Submission {
  readonly reporter: Address;
  readonly answer: bigint;
}

/**
 * What the submission that completes a round does (`previewSettlement`): the lower median, whether the feed
 * freezes for a guardian, and who is slashed if it is accepted.
 *
 * @example
 * ```ts
 * import type { SettlementPreview } from '@plaza/sdk';
 * const show = (p: SettlementPreview) => (p.frozen ? `waits for a guardian at ${p.median}` : `accepted ${p.median}`);
 * ```
 */
export interface SettlementPreview {
  /** The lower median of the quorum's submissions (the element at ⌊(q − 1) / 2⌋ after sorting). */
  readonly median: bigint;
  /** True when the median moves more than `maxMoveBps` from the last answer, or there is none yet. */
  readonly frozen: boolean;
  /** Submissions further than `toleranceBps` from the median; slashed when the round is accepted. */
  readonly outliers: readonly Submission[];
}

const BPS = 10_000n;
const ANSWER_SHIFT = 160n;

/**
 * The contract's distance test (`MedianLib.exceeds`): `|value − center| × 10,000 > center × bps`.
 *
 * @example
 * ```ts
 * import { exceedsBps } from '@plaza/sdk';
 * exceedsBps(103n, 100n, 200); // true: 3% is beyond 2%
 * exceedsBps(102n, 100n, 200); // false: exactly 2% is within
 * ```
 */
export function exceedsBps(value: bigint, center: bigint, bps: number | bigint): boolean {
  const distance = value > center ? value - center : center - value;
  return distance * BPS > center * BigInt(bps);
}

/**
 * Sorts submissions as the contract does: by the packed word `answer << 160 | reporter`, so equal answers are
 * ordered by reporter address.
 *
 * @example
 * ```ts
 * import { sortSubmissions } from '@plaza/sdk';
 * const sorted = sortSubmissions(pending);
 * ```
 */
export function sortSubmissions(submissions: readonly Submission[]): Submission[] {
  const word = (s: Submission) => (s.answer << ANSWER_SHIFT) | BigInt(s.reporter);
  return [...submissions].sort((a, b) => {
    const x = word(a);
    const y = word(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * The lower median of answers: the element at index ⌊(n − 1) / 2⌋ after sorting (always an actual submission;
 * for even counts the lower of the two middles, which a coalition of half the quorum cannot push up).
 *
 * @example
 * ```ts
 * import { lowerMedian } from '@plaza/sdk';
 * lowerMedian([102n, 100n, 101n]); // 101n
 * lowerMedian([4n, 1n, 3n, 2n]); // 2n
 * ```
 */
export function lowerMedian(answers: readonly bigint[]): bigint {
  if (answers.length === 0) throw new RangeError('lowerMedian of no answers');
  const sorted = [...answers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * What settling a round with these submissions does, exactly as `NavOracle._settle`: the lower median of the
 * (quorum) submissions; frozen if the feed has no answer yet or the median moves more than `maxMoveBps` from
 * `lastAnswer`; otherwise accepted, and the submissions further than `toleranceBps` from it are slashed.
 *
 * @example
 * ```ts
 * import { previewSettlement } from '@plaza/sdk';
 * const preview = previewSettlement({
 *   submissions: [...pending, { reporter: me, answer }],
 *   lastAnswer: latest.answer, hasAnswer: latest.roundId > 0n, maxMoveBps: 500, toleranceBps: 200,
 * });
 * ```
 */
export function previewSettlement(params: {
  submissions: readonly Submission[];
  lastAnswer: bigint;
  hasAnswer: boolean;
  maxMoveBps: number;
  toleranceBps: number;
}): SettlementPreview {
  const sorted = sortSubmissions(params.submissions);
  if (sorted.length === 0) throw new RangeError('previewSettlement of no submissions');
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!.answer;
  const frozen = !params.hasAnswer || exceedsBps(median, params.lastAnswer, params.maxMoveBps);
  const outliers = sorted.filter((s) => exceedsBps(s.answer, median, params.toleranceBps));
  return { median, frozen, outliers };
}

/**
 * The scale a NavFeedAdapter applies: `price() = nav × 10^(36 + loanDecimals − collateralDecimals − 18)`
 * (Morpho's 1e36 convention; `nav` has 18 decimals).
 *
 * @example
 * ```ts
 * import { adapterScaleFactor } from '@plaza/sdk';
 * adapterScaleFactor(18, 18); // 10n ** 18n (an 18-decimal share quoted in pUSD)
 * adapterScaleFactor(18, 6); // 10n ** 6n (quoted in USDC)
 * ```
 */
export function adapterScaleFactor(collateralDecimals: number, loanDecimals: number): bigint {
  const exponent = 36 + loanDecimals - collateralDecimals - 18;
  if (exponent < 0 || exponent > 48) {
    throw new RangeError(
      `An adapter cannot quote ${collateralDecimals}-decimal collateral in ${loanDecimals} decimals`,
    );
  }
  return 10n ** BigInt(exponent);
}

/**
 * The value of `collateral` base units at an adapter `price` (scaled by 1e36), in loan base units, rounded down
 * as a lending market computes it.
 *
 * @example
 * ```ts
 * import { collateralValue, parsePusd } from '@plaza/sdk';
 * collateralValue(parsePusd('10'), parsePusd('101') * 10n ** 18n); // 1010 pUSD in wei
 * ```
 */
export function collateralValue(collateral: bigint, price: bigint): bigint {
  return (collateral * price) / 10n ** 36n;
}
