/**
 * 100% in basis points.
 *
 * @example
 * ```ts
 * import { BPS } from '@plaza/sdk';
 * (amount * 25n) / BPS; // 0.25%
 * ```
 */
export const BPS = 10_000n;

/**
 * A fee of `bps` on `amount`, rounded up as the PSM does (`ceil(amount × bps / 10,000)`; 0 when bps is 0).
 *
 * @example
 * ```ts
 * import { psmFee } from '@plaza/sdk';
 * psmFee(1n, 5n); // 1n: a non-zero fee never rounds to zero
 * ```
 */
export function psmFee(amount: bigint, bps: bigint): bigint {
  if (bps === 0n) return 0n;
  return (amount * bps + BPS - 1n) / BPS;
}

/**
 * The PSM parameters its quotes depend on: fees in bps and pUSD wei per gem unit (10^12 for USDC).
 *
 * @example
 * ```ts
 * import type { PsmFeeParams } from '@plaza/sdk';
 * const params: PsmFeeParams = { tin: 5n, tout: 10n, to18: 10n ** 12n };
 * ```
 */
export interface PsmFeeParams {
  readonly tin: bigint;
  readonly tout: bigint;
  readonly to18: bigint;
}

/**
 * What `sellGem(gemAmount)` gives: `gross = gemAmount × to18`, the `tin` fee (rounded up) and `pusdOut`.
 *
 * @example
 * ```ts
 * import type { SellGemQuote } from '@plaza/sdk';
 * const show = (q: SellGemQuote) => `${formatPusd(q.pusdOut)} pUSD, fee ${formatPusd(q.fee)}`;
 * ```
 */
export interface SellGemQuote {
  readonly gemAmount: bigint;
  readonly gross: bigint;
  readonly fee: bigint;
  readonly pusdOut: bigint;
}

/**
 * What `buyGem(gemAmount)` costs: `gross = gemAmount × to18` (burned) plus the `tout` fee (rounded up).
 *
 * @example
 * ```ts
 * import type { BuyGemQuote } from '@plaza/sdk';
 * const show = (q: BuyGemQuote) => `costs ${formatPusd(q.pusdIn)} pUSD`;
 * ```
 */
export interface BuyGemQuote {
  readonly gemAmount: bigint;
  readonly gross: bigint;
  readonly fee: bigint;
  readonly pusdIn: bigint;
}

/**
 * `sellGem` exactly as the contract computes it (`previewSellGem`).
 *
 * @example
 * ```ts
 * import { quoteSellGem } from '@plaza/sdk';
 * quoteSellGem(100_000000n, { tin: 5n, tout: 10n, to18: 10n ** 12n }).pusdOut; // 99.95 pUSD
 * ```
 */
export function quoteSellGem(gemAmount: bigint, params: Pick<PsmFeeParams, 'tin' | 'to18'>): SellGemQuote {
  const gross = gemAmount * params.to18;
  const fee = psmFee(gross, params.tin);
  return { gemAmount, gross, fee, pusdOut: gross - fee };
}

/**
 * `buyGem` exactly as the contract computes it (`previewBuyGem`).
 *
 * @example
 * ```ts
 * import { quoteBuyGem } from '@plaza/sdk';
 * quoteBuyGem(100_000000n, { tin: 5n, tout: 10n, to18: 10n ** 12n }).pusdIn; // 100.1 pUSD
 * ```
 */
export function quoteBuyGem(gemAmount: bigint, params: Pick<PsmFeeParams, 'tout' | 'to18'>): BuyGemQuote {
  const gross = gemAmount * params.to18;
  const fee = psmFee(gross, params.tout);
  return { gemAmount, gross, fee, pusdIn: gross + fee };
}

/**
 * The least gem to sell so that at least `pusdOut` pUSD arrives (the inverse of {@link quoteSellGem}).
 *
 * @example
 * ```ts
 * import { gemForPusdOut } from '@plaza/sdk';
 * gemForPusdOut(parsePusd('100'), params); // USDC base units to sell for ≥ 100 pUSD
 * ```
 */
export function gemForPusdOut(pusdOut: bigint, params: Pick<PsmFeeParams, 'tin' | 'to18'>): bigint {
  if (pusdOut <= 0n) return 0n;
  const denominator = (BPS - params.tin) * params.to18;
  let gem = (pusdOut * BPS + denominator - 1n) / denominator;
  while (quoteSellGem(gem, params).pusdOut < pusdOut) gem += 1n;
  while (gem > 0n && quoteSellGem(gem - 1n, params).pusdOut >= pusdOut) gem -= 1n;
  return gem;
}

/**
 * The most gem that `pusdBudget` pUSD buys (fee included; the inverse of {@link quoteBuyGem}).
 *
 * @example
 * ```ts
 * import { maxBuyGem } from '@plaza/sdk';
 * maxBuyGem(await plaza.pusd.balanceOf(me), params); // "sell all my pUSD"
 * ```
 */
export function maxBuyGem(pusdBudget: bigint, params: Pick<PsmFeeParams, 'tout' | 'to18'>): bigint {
  if (pusdBudget <= 0n) return 0n;
  let gem = (pusdBudget * BPS) / ((BPS + params.tout) * params.to18);
  while (gem > 0n && quoteBuyGem(gem, params).pusdIn > pusdBudget) gem -= 1n;
  while (quoteBuyGem(gem + 1n, params).pusdIn <= pusdBudget) gem += 1n;
  return gem;
}
