const BPS = 10_000n;
const WAD = 10n ** 18n;

/**
 * A payment's fee, as `FeeMath.fee`: `ceil(amount × feeBps / 10,000)` — any non-zero amount at a non-zero rate
 * pays at least 1 wei, so splitting a payment can never round its fee away.
 *
 * @example
 * ```ts
 * import { paymentFee } from '@plaza/sdk';
 * paymentFee(parsePusd('25'), 100); // 0.25 pUSD
 * paymentFee(1n, 1); // 1n
 * ```
 */
export function paymentFee(amount: bigint, feeBps: number | bigint): bigint {
  return (amount * BigInt(feeBps) + BPS - 1n) / BPS;
}

/**
 * The referrer's share of a fee, as `FeeMath.referralShare`: `floor(fee × shareBps / 10,000)`.
 *
 * @example
 * ```ts
 * import { referralFee } from '@plaza/sdk';
 * referralFee(parsePusd('0.25'), 2000); // 0.05 pUSD
 * ```
 */
export function referralFee(fee: bigint, shareBps: number | bigint): bigint {
  return (fee * BigInt(shareBps)) / BPS;
}

/**
 * Points earned on a settled amount, as `FeeMath.points`: `floor(amount × earnRateBps / 10,000)` (10,000 = one
 * point per pUSD).
 *
 * @example
 * ```ts
 * import { pointsEarned } from '@plaza/sdk';
 * pointsEarned(parsePusd('25'), 10_000); // 25 points (wei)
 * ```
 */
export function pointsEarned(amount: bigint, earnRateBps: number | bigint): bigint {
  return (amount * BigInt(earnRateBps)) / BPS;
}

/**
 * Redeemed points given back when `returned` of a payment of `amount` goes back to the payer (void, reclaim,
 * refund), as `FeeMath.restoredPoints`: `floor(pointsRedeemed × returned / amount)`.
 *
 * @example
 * ```ts
 * import { restoredPoints } from '@plaza/sdk';
 * restoredPoints(100n, 5n, 10n); // 50n
 * ```
 */
export function restoredPoints(pointsRedeemed: bigint, returned: bigint, amount: bigint): bigint {
  return (pointsRedeemed * returned) / amount;
}

/**
 * How a settled amount is split (the processor's `_split`).
 *
 * @example
 * ```ts
 * import type { SettlementSplit } from '@plaza/sdk';
 * const show = (s: SettlementSplit) => `${formatPusd(s.merchant)} to the merchant, ${formatPusd(s.fee)} fee`;
 * ```
 */
export interface SettlementSplit {
  readonly amount: bigint;
  readonly fee: bigint;
  /** The referrer's part of the fee (0 without an eligible referrer). */
  readonly referralFee: bigint;
  /** The protocol's part (swept to the FeeCollector). */
  readonly protocolFee: bigint;
  /** `amount − fee`, credited to the merchant. */
  readonly merchant: bigint;
  /** Points minted to the payer. */
  readonly points: bigint;
}

/**
 * The split of a settled amount, exactly as the processor computes it: the fee rounded up; the referral share
 * of it (rounded down) only if the referrer is a registered referrer and neither the merchant nor the payer;
 * the rest of the fee to the protocol; `amount − fee` to the merchant; points at the merchant's earn rate.
 *
 * @example
 * ```ts
 * import { settlementSplit } from '@plaza/sdk';
 * settlementSplit({ amount: parsePusd('25'), feeBps: 100, referralShareBps: 2000, referrerEligible: true, earnRateBps: 10_000 });
 * // { fee: 0.25, referralFee: 0.05, protocolFee: 0.2, merchant: 24.75, points: 25 } (in wei)
 * ```
 */
export function settlementSplit(params: {
  amount: bigint;
  feeBps: number | bigint;
  referralShareBps: number | bigint;
  referrerEligible: boolean;
  earnRateBps: number | bigint;
}): SettlementSplit {
  const fee = paymentFee(params.amount, params.feeBps);
  const referral = params.referrerEligible && fee !== 0n ? referralFee(fee, params.referralShareBps) : 0n;
  return {
    amount: params.amount,
    fee,
    referralFee: referral,
    protocolFee: fee - referral,
    merchant: params.amount - fee,
    points: pointsEarned(params.amount, params.earnRateBps),
  };
}

/**
 * The discount points give at checkout, as `LoyaltyPoints.burnForDiscount`: `floor(points × pointValue / 1e18)`.
 *
 * @example
 * ```ts
 * import { pointsDiscount } from '@plaza/sdk';
 * pointsDiscount(parsePusd('50'), parsePusd('0.01')); // 0.5 pUSD
 * ```
 */
export function pointsDiscount(points: bigint, pointValue: bigint): bigint {
  return (points * pointValue) / WAD;
}

/**
 * What redeeming `points` pays, as `LoyaltyPoints.previewRedeem`: the smaller of their posted value and the
 * holder's pro-rata share of the reserve (so a short reserve is shared fairly).
 *
 * @example
 * ```ts
 * import { previewPointsRedemption } from '@plaza/sdk';
 * previewPointsRedemption({ points, pointValue, reserve, totalSupply });
 * ```
 */
export function previewPointsRedemption(params: {
  points: bigint;
  pointValue: bigint;
  reserve: bigint;
  totalSupply: bigint;
}): bigint {
  const { points, pointValue, reserve, totalSupply } = params;
  if (points === 0n || totalSupply === 0n) return 0n;
  const atValue = (points * pointValue) / WAD;
  const proRata = (reserve * (points < totalSupply ? points : totalSupply)) / totalSupply;
  return atValue < proRata ? atValue : proRata;
}

/**
 * The AdvancePool's credit parameters (pUSD wei for the cap).
 *
 * @example
 * ```ts
 * import type { AdvanceParameters } from '@plaza/sdk';
 * const params: AdvanceParameters = { minCreditScore: 600, minAdvanceRateBps: 5000, maxAdvanceRateBps: 9000, discountFeeBps: 100, maxDebtPerMerchant: parsePusd('1000000') };
 * ```
 */
export interface AdvanceParameters {
  readonly minCreditScore: number;
  readonly minAdvanceRateBps: number;
  readonly maxAdvanceRateBps: number;
  readonly discountFeeBps: number;
  readonly maxDebtPerMerchant: bigint;
}

/**
 * The credit curve, as `AdvancePool.advanceRateBps`: 0 below the minimum score, else linear from
 * `minAdvanceRateBps` at the minimum to `maxAdvanceRateBps` at 1000 (rounded down).
 *
 * @example
 * ```ts
 * import { advanceRateBps } from '@plaza/sdk';
 * advanceRateBps(800, params); // 7000 with 600 / 50% / 90%
 * ```
 */
export function advanceRateBps(score: number, params: AdvanceParameters): number {
  if (score < params.minCreditScore) return 0;
  if (score >= 1000 || params.minCreditScore === 1000) return params.maxAdvanceRateBps;
  return (
    params.minAdvanceRateBps +
    Math.floor(
      ((params.maxAdvanceRateBps - params.minAdvanceRateBps) * (score - params.minCreditScore)) /
        (1000 - params.minCreditScore),
    )
  );
}

/**
 * How much more a merchant may draw, as `AdvancePool.advanceLimit` (before liquidity): `min(held × rate(score) /
 * 10,000, maxDebtPerMerchant) − debt`, 0 if negative, below the minimum score or when the merchant is inactive.
 *
 * @example
 * ```ts
 * import { advanceLimit } from '@plaza/sdk';
 * advanceLimit({ held: parsePusd('1000'), debt: 0n, score: 800, active: true, params }); // 700 pUSD
 * ```
 */
export function advanceLimit(p: {
  held: bigint;
  debt: bigint;
  score: number;
  active: boolean;
  params: AdvanceParameters;
}): bigint {
  if (!p.active || p.score < p.params.minCreditScore) return 0n;
  const byHeld = (p.held * BigInt(advanceRateBps(p.score, p.params))) / BPS;
  const cap = byHeld < p.params.maxDebtPerMerchant ? byHeld : p.params.maxDebtPerMerchant;
  return cap > p.debt ? cap - p.debt : 0n;
}

/**
 * An advance's discount fee (rounded up) and what the merchant receives.
 *
 * @example
 * ```ts
 * import { quoteAdvance } from '@plaza/sdk';
 * quoteAdvance(parsePusd('500'), 100); // { fee: 5 pUSD, received: 495 pUSD }
 * ```
 */
export function quoteAdvance(
  amount: bigint,
  discountFeeBps: number | bigint,
): { fee: bigint; received: bigint } {
  const fee = paymentFee(amount, discountFeeBps);
  return { fee, received: amount - fee };
}
