/**
 * Scale of `incomePerShare()` (income per share base unit × 1e30).
 *
 * @example
 * ```ts
 * import { INCOME_PRECISION } from '@plaza/sdk';
 * const earned = (balance * (after - before)) / INCOME_PRECISION;
 * ```
 */
export const INCOME_PRECISION = 10n ** 30n;

/**
 * Scale of the stream rate (income per second × 1e18).
 *
 * @example
 * ```ts
 * import { RATE_PRECISION } from '@plaza/sdk';
 * const pusdPerDay = (stream.ratePerSecond * 86_400n) / RATE_PRECISION;
 * ```
 */
export const RATE_PRECISION = 10n ** 18n;

/**
 * Below this supply (one whole share) streamed income is carried to the next deposit, not distributed.
 *
 * @example
 * ```ts
 * import { MIN_DISTRIBUTION_SUPPLY } from '@plaza/sdk';
 * const distributing = totalSupply >= MIN_DISTRIBUTION_SUPPLY;
 * ```
 */
export const MIN_DISTRIBUTION_SUPPLY = 10n ** 18n;

/**
 * An asset's income stream as `incomeStream()` returns it.
 *
 * @example
 * ```ts
 * import type { StreamState } from '@plaza/sdk';
 * const state: StreamState = { ratePerSecond, lastUpdate, periodFinish };
 * ```
 */
export interface StreamState {
  /** Income per second × 1e18. */
  readonly ratePerSecond: bigint;
  /** The last checkpoint (mint, burn or deposit). */
  readonly lastUpdate: bigint;
  readonly periodFinish: bigint;
}

function streamedTerm(stream: StreamState, totalSupply: bigint, at: bigint): bigint {
  const end = at < stream.periodFinish ? at : stream.periodFinish;
  if (end <= stream.lastUpdate || totalSupply < MIN_DISTRIBUTION_SUPPLY) return 0n;
  return (stream.ratePerSecond * (end - stream.lastUpdate) * 10n ** 12n) / totalSupply;
}

/**
 * `incomePerShare()` at a later time `at`, exactly as the contract will compute it, given its value `now`, the
 * stream and the supply (both constant until the next mint, burn or deposit). The stored accumulator is
 * recovered from `incomePerShareNow` (the contract's formula is `stored + rate × Δt × 1e12 / supply`, floored),
 * so the projection rounds exactly like the contract.
 *
 * @example
 * ```ts
 * import { projectIncomePerShare } from '@plaza/sdk';
 * const inADay = projectIncomePerShare({ incomePerShareNow, stream, totalSupply, now, at: now + 86_400n });
 * ```
 */
export function projectIncomePerShare(params: {
  incomePerShareNow: bigint;
  stream: StreamState;
  totalSupply: bigint;
  now: bigint;
  at: bigint;
}): bigint {
  const { incomePerShareNow, stream, totalSupply, now, at } = params;
  if (at < now) throw new RangeError('projectIncomePerShare: `at` is before `now`');
  const stored = incomePerShareNow - streamedTerm(stream, totalSupply, now);
  return stored + streamedTerm(stream, totalSupply, at);
}

/**
 * Income `balance` shares earn while `incomePerShare()` grows from `from` to `to` (rounded down; the contract's
 * claimable amount can be 1 wei more, because each holder's entitlement is floored only once).
 *
 * @example
 * ```ts
 * import { incomeBetween } from '@plaza/sdk';
 * const nextWeek = incomeBetween(balance, incomePerShareNow, projected);
 * ```
 */
export function incomeBetween(balance: bigint, from: bigint, to: bigint): bigint {
  return (balance * (to - from)) / INCOME_PRECISION;
}

/**
 * The value of `shares` (18 decimals) at `nav` (pUSD per whole share, 18 decimals), rounded down.
 *
 * @example
 * ```ts
 * import { shareValue, parsePusd } from '@plaza/sdk';
 * shareValue(parsePusd('10'), parsePusd('101')); // 1010 pUSD in wei
 * ```
 */
export function shareValue(shares: bigint, nav: bigint): bigint {
  return (shares * nav) / 10n ** 18n;
}
