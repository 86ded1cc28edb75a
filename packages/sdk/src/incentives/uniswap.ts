// Uniswap v3 arithmetic through @uniswap/v3-sdk: price ↔ tick, usable ticks, position amounts and liquidity,
// and the band around a peg.
import { Percent, Price, Token } from '@uniswap/sdk-core';
import {
  Pool,
  Position,
  TickMath,
  maxLiquidityForAmounts,
  nearestUsableTick as sdkNearestUsableTick,
  priceToClosestTick,
  tickToPrice as sdkTickToPrice,
} from '@uniswap/v3-sdk';
import jsbi from 'jsbi';
import type { Address } from 'viem';

// jsbi is CommonJS (`module.exports = JSBI`): under Node's ESM interop the default import is the class, while its
// typings (and bundlers, which read its ES build) have it as the default export. Either way, this is the class.
const JSBI = ((jsbi as unknown as { default?: typeof jsbi.default }).default ??
  (jsbi as unknown as typeof jsbi.default)) as typeof jsbi.default;

/**
 * A pool token: its address and decimals.
 *
 * @example
 * ```ts
 * import type { PoolToken } from '@plaza/sdk';
 * const usdc: PoolToken = { address: usdcAddress, decimals: 6 };
 * ```
 */
export interface PoolToken {
  readonly address: Address;
  readonly decimals: number;
}

/**
 * A Uniswap v3 pool's state (`slot0`, `liquidity` and its immutables).
 *
 * @example
 * ```ts
 * const pool: UniswapPoolState = await plaza.incentives.pool();
 * console.log(pool.tick, tickToPrice(pool.tick, pool.token0, pool.token1));
 * ```
 */
export interface UniswapPoolState {
  readonly address: Address;
  readonly token0: PoolToken;
  readonly token1: PoolToken;
  readonly fee: number;
  readonly tickSpacing: number;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly liquidity: bigint;
}

const token = (t: PoolToken, chainId: number) => new Token(chainId, t.address, t.decimals);
const big = (value: bigint) => JSBI.BigInt(value.toString());
const native = (value: { toString(): string }) => BigInt(value.toString());

/**
 * The lowest and highest ticks of Uniswap v3.
 *
 * @example
 * ```ts
 * import { MIN_TICK, MAX_TICK } from '@plaza/sdk';
 * [MIN_TICK, MAX_TICK]; // [-887272, 887272]
 * ```
 */
export const MIN_TICK = TickMath.MIN_TICK;
/**
 * The highest tick of Uniswap v3.
 *
 * @example
 * ```ts
 * import { MAX_TICK } from '@plaza/sdk';
 * MAX_TICK; // 887272
 * ```
 */
export const MAX_TICK = TickMath.MAX_TICK;

/**
 * The price of one whole `base` in `quote` at `tick`, as a decimal string (10 significant digits).
 *
 * @example
 * ```ts
 * import { tickToPrice } from '@plaza/sdk';
 * tickToPrice(-276_325, pusd, usdc); // '0.9999…' (pUSD in USDC near the peg)
 * ```
 */
export function tickToPrice(tick: number, base: PoolToken, quote: PoolToken, chainId = 1): string {
  return sdkTickToPrice(token(base, chainId), token(quote, chainId), tick).toSignificant(10);
}

/**
 * The tick closest to a price of one whole `base` in `quote` (a decimal string such as `'1'` or `'0.998'`).
 *
 * @example
 * ```ts
 * import { priceToTick } from '@plaza/sdk';
 * priceToTick('1', pusd, usdc); // -276325 when pUSD is token0
 * ```
 */
export function priceToTick(price: string, base: PoolToken, quote: PoolToken, chainId = 1): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(price.trim());
  if (!match)
    throw new RangeError(`priceToTick: expected a positive decimal price, got ${JSON.stringify(price)}`);
  const [, whole = '0', fraction = ''] = match;
  const numerator = BigInt(whole + fraction) * 10n ** BigInt(quote.decimals);
  const denominator = 10n ** BigInt(fraction.length + base.decimals);
  if (numerator === 0n) throw new RangeError('priceToTick: the price must be positive');
  const p = new Price(
    token(base, chainId),
    token(quote, chainId),
    denominator.toString(),
    numerator.toString(),
  );
  return priceToClosestTick(p);
}

/**
 * The usable tick (a multiple of the spacing, within bounds) nearest to `tick`.
 *
 * @example
 * ```ts
 * import { nearestUsableTick } from '@plaza/sdk';
 * nearestUsableTick(-276_327, 10); // -276330
 * ```
 */
export function nearestUsableTick(tick: number, tickSpacing: number): number {
  return sdkNearestUsableTick(tick, tickSpacing);
}

/**
 * `sqrt(1.0001^tick) × 2^96` exactly as the pool computes it (TickMath).
 *
 * @example
 * ```ts
 * import { sqrtPriceX96AtTick } from '@plaza/sdk';
 * sqrtPriceX96AtTick(0); // 2n ** 96n
 * ```
 */
export function sqrtPriceX96AtTick(tick: number): bigint {
  return native(TickMath.getSqrtRatioAtTick(tick));
}

/**
 * The tick of a sqrt price (TickMath), as in `slot0`.
 *
 * @example
 * ```ts
 * import { tickAtSqrtPriceX96 } from '@plaza/sdk';
 * tickAtSqrtPriceX96(2n ** 96n); // 0
 * ```
 */
export function tickAtSqrtPriceX96(sqrtPriceX96: bigint): number {
  return TickMath.getTickAtSqrtRatio(big(sqrtPriceX96));
}

/**
 * The band of usable ticks within `bps` of a price (default the 1.0 peg) of `base` in `quote`: for pUSD/USDC at
 * the 0.01% tier, ±20 bps is about ±20 ticks. Use it as a program's eligible band or an LP's range.
 *
 * @example
 * ```ts
 * import { bandAroundPrice } from '@plaza/sdk';
 * const band = bandAroundPrice({ bps: 20, base: pusd, quote: usdc, tickSpacing: 1 });
 * ```
 */
export function bandAroundPrice(p: {
  bps: number;
  base: PoolToken;
  quote: PoolToken;
  tickSpacing: number;
  price?: string;
  chainId?: number;
}): { tickLower: number; tickUpper: number } {
  const center = Number(p.price ?? '1');
  const low = (center * (10_000 - p.bps)) / 10_000;
  const high = (center * (10_000 + p.bps)) / 10_000;
  const decimals = (x: number) => x.toFixed(12).replace(/\.?0+$/, '');
  const a = priceToTick(decimals(low), p.base, p.quote, p.chainId);
  const b = priceToTick(decimals(high), p.base, p.quote, p.chainId);
  const [lower, upper] = a < b ? [a, b] : [b, a];
  return {
    tickLower: sdkNearestUsableTick(lower, p.tickSpacing),
    tickUpper: sdkNearestUsableTick(upper, p.tickSpacing),
  };
}

function position(
  pool: UniswapPoolState,
  liquidity: bigint,
  tickLower: number,
  tickUpper: number,
  chainId: number,
) {
  const sdkPool = new Pool(
    token(pool.token0, chainId),
    token(pool.token1, chainId),
    pool.fee,
    pool.sqrtPriceX96.toString(),
    pool.liquidity.toString(),
    pool.tick,
  );
  return new Position({ pool: sdkPool, liquidity: liquidity.toString(), tickLower, tickUpper });
}

/**
 * The tokens a position of `liquidity` in `[tickLower, tickUpper)` holds at the pool's price (rounded down, what
 * removing it returns before fees).
 *
 * @example
 * ```ts
 * import { positionAmounts } from '@plaza/sdk';
 * const { amount0, amount1 } = positionAmounts({ pool, liquidity, tickLower, tickUpper });
 * ```
 */
export function positionAmounts(p: {
  pool: UniswapPoolState;
  liquidity: bigint;
  tickLower: number;
  tickUpper: number;
  chainId?: number;
}): { amount0: bigint; amount1: bigint } {
  const pos = position(p.pool, p.liquidity, p.tickLower, p.tickUpper, p.chainId ?? 1);
  return { amount0: native(pos.amount0.quotient), amount1: native(pos.amount1.quotient) };
}

/**
 * The tokens minting `liquidity` takes (rounded up, as the pool charges), and the minimums that tolerate
 * `slippageBps` of price movement (what to pass as `amount0Min`/`amount1Min`).
 *
 * @example
 * ```ts
 * import { mintAmounts } from '@plaza/sdk';
 * const { amount0, amount1, amount0Min, amount1Min } = mintAmounts({ pool, liquidity, tickLower, tickUpper, slippageBps: 50 });
 * ```
 */
export function mintAmounts(p: {
  pool: UniswapPoolState;
  liquidity: bigint;
  tickLower: number;
  tickUpper: number;
  slippageBps?: number;
  chainId?: number;
}): { amount0: bigint; amount1: bigint; amount0Min: bigint; amount1Min: bigint } {
  const pos = position(p.pool, p.liquidity, p.tickLower, p.tickUpper, p.chainId ?? 1);
  const { amount0, amount1 } = pos.mintAmounts;
  const min = pos.mintAmountsWithSlippage(new Percent(p.slippageBps ?? 50, 10_000));
  return {
    amount0: native(amount0),
    amount1: native(amount1),
    amount0Min: native(min.amount0),
    amount1Min: native(min.amount1),
  };
}

/**
 * The most liquidity `amount0` and `amount1` buy in `[tickLower, tickUpper)` at `sqrtPriceX96`, as the position
 * manager computes it (`LiquidityAmounts.getLiquidityForAmounts`).
 *
 * @example
 * ```ts
 * import { liquidityForAmounts } from '@plaza/sdk';
 * const liquidity = liquidityForAmounts({ sqrtPriceX96: pool.sqrtPriceX96, tickLower, tickUpper, amount0, amount1 });
 * ```
 */
export function liquidityForAmounts(p: {
  sqrtPriceX96: bigint;
  tickLower: number;
  tickUpper: number;
  amount0: bigint;
  amount1: bigint;
}): bigint {
  return native(
    maxLiquidityForAmounts(
      big(p.sqrtPriceX96),
      TickMath.getSqrtRatioAtTick(p.tickLower),
      TickMath.getSqrtRatioAtTick(p.tickUpper),
      p.amount0.toString(),
      p.amount1.toString(),
      false,
    ),
  );
}
