// The liquidity form's math: the price range of a pUSD/USDC Uniswap v3 position (presets and custom prices,
// rounded to usable ticks through the SDK's @uniswap/v3-sdk helpers), and the amounts of both tokens it takes.
// Prices are always "USDC per pUSD", whichever token the pool sorts first.
import {
  MAX_TICK,
  MIN_TICK,
  bandAroundPrice,
  liquidityForAmounts,
  mintAmounts,
  nearestUsableTick,
  priceToTick,
  tickToPrice,
  type PoolToken,
  type UniswapPoolState,
} from '@plaza/sdk';
import { formatAmount, parseAmount, type TokenUnit } from '../amount';
import { PUSD, USDC } from '../psm/swap';

export { PUSD, USDC };

/** The range choices of the form. `narrow` is ±0.1% around the peg, `wide` ±0.5%. */
export type RangePreset = 'narrow' | 'wide' | 'full' | 'custom';

export const RANGE_PRESETS: readonly {
  readonly id: RangePreset;
  readonly label: string;
  readonly bps?: number;
}[] = [
  { id: 'narrow', label: '±0.1%', bps: 10 },
  { id: 'wide', label: '±0.5%', bps: 50 },
  { id: 'full', label: 'Full range' },
  { id: 'custom', label: 'Custom' },
];

/** The pool as the form needs it: which token is pUSD, and the tokens in the SDK's shape. */
export interface PoolView {
  readonly state: UniswapPoolState;
  readonly pusdIsToken0: boolean;
  readonly pusd: PoolToken;
  readonly usdc: PoolToken;
}

/** Reads which side of the pool pUSD is on. */
export function poolView(state: UniswapPoolState, pusdAddress: string): PoolView {
  const pusdIsToken0 = state.token0.address.toLowerCase() === pusdAddress.toLowerCase();
  const pusdIsToken1 = state.token1.address.toLowerCase() === pusdAddress.toLowerCase();
  if (!pusdIsToken0 && !pusdIsToken1) throw new Error(`Pool ${state.address} does not hold pUSD.`);
  return {
    state,
    pusdIsToken0,
    pusd: pusdIsToken0 ? state.token0 : state.token1,
    usdc: pusdIsToken0 ? state.token1 : state.token0,
  };
}

/** A position's ticks, with the prices (USDC per pUSD) at its ends, lowest price first. */
export interface TickRange {
  readonly tickLower: number;
  readonly tickUpper: number;
  /** The lowest price in the range (decimal string, 10 significant digits), `'0'` for full range. */
  readonly minPrice: string;
  /** The highest price, `'∞'` for full range. */
  readonly maxPrice: string;
  readonly full: boolean;
}

/** The lowest and highest usable ticks for a spacing. */
export function fullRangeTicks(tickSpacing: number): { tickLower: number; tickUpper: number } {
  return {
    tickLower: nearestUsableTick(MIN_TICK, tickSpacing),
    tickUpper: nearestUsableTick(MAX_TICK, tickSpacing),
  };
}

/** The price of pUSD in USDC at a tick. */
export function pusdPriceAtTick(pool: PoolView, tick: number): string {
  return tickToPrice(tick, pool.pusd, pool.usdc);
}

/** The usable tick nearest to a price of pUSD in USDC. */
export function tickForPusdPrice(pool: PoolView, price: string): number {
  // Uniswap's priceToClosestTick floors to the tick at or below the price (in pool terms); the usable ticks on
  // either side of it are compared by price, so a price shown with 10 significant digits maps back to its tick.
  const spacing = pool.state.tickSpacing;
  const { tickLower: lowest, tickUpper: highest } = fullRangeTicks(spacing);
  const floor = priceToTick(price, pool.pusd, pool.usdc);
  const base = Math.floor(floor / spacing) * spacing;
  const target = Number(price);
  const candidates = [base - spacing, base, base + spacing, base + 2 * spacing].filter(
    (t) => t >= lowest && t <= highest,
  );
  if (candidates.length === 0) return floor < lowest ? lowest : highest;
  let best = candidates[0]!;
  let bestDistance = Infinity;
  for (const tick of candidates) {
    const distance = Math.abs(Number(pusdPriceAtTick(pool, tick)) - target);
    if (distance < bestDistance) [best, bestDistance] = [tick, distance];
  }
  return best;
}

/** Describes ticks with their prices (whichever way pUSD sits in the pool). */
export function describeTicks(pool: PoolView, tickLower: number, tickUpper: number): TickRange {
  const full = isFullRange(pool.state.tickSpacing, tickLower, tickUpper);
  if (full) return { tickLower, tickUpper, minPrice: '0', maxPrice: '∞', full };
  const a = pusdPriceAtTick(pool, tickLower);
  const b = pusdPriceAtTick(pool, tickUpper);
  // With pUSD as token1 a higher tick is a lower pUSD price.
  const [minPrice, maxPrice] = pool.pusdIsToken0 ? [a, b] : [b, a];
  return { tickLower, tickUpper, minPrice, maxPrice, full };
}

export function isFullRange(tickSpacing: number, tickLower: number, tickUpper: number): boolean {
  const full = fullRangeTicks(tickSpacing);
  return tickLower <= full.tickLower && tickUpper >= full.tickUpper;
}

/** The verdict on a range choice. */
export type RangeChoice =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string }
  | { readonly state: 'valid'; readonly range: TickRange };

const PRICE = /^(\d+\.?\d*|\.\d+)$/;

/**
 * The ticks of a preset, or of the custom prices typed (USDC per pUSD). Custom prices are rounded to the nearest
 * usable tick; a range that rounds to nothing is refused.
 */
export function chooseRange(
  pool: PoolView,
  preset: RangePreset,
  custom: { readonly min: string; readonly max: string } = { min: '', max: '' },
): RangeChoice {
  const spacing = pool.state.tickSpacing;
  if (preset === 'full') {
    const { tickLower, tickUpper } = fullRangeTicks(spacing);
    return { state: 'valid', range: describeTicks(pool, tickLower, tickUpper) };
  }
  if (preset !== 'custom') {
    const bps = RANGE_PRESETS.find((p) => p.id === preset)!.bps!;
    const band = bandAroundPrice({ bps, base: pool.pusd, quote: pool.usdc, tickSpacing: spacing });
    return { state: 'valid', range: describeTicks(pool, band.tickLower, band.tickUpper) };
  }
  const min = custom.min.trim();
  const max = custom.max.trim();
  if (min === '' || max === '') return { state: 'empty' };
  for (const [text, name] of [
    [min, 'minimum'],
    [max, 'maximum'],
  ] as const) {
    if (!PRICE.test(text))
      return { state: 'invalid', message: `Enter the ${name} price as a number, e.g. 0.998.` };
    if (Number(text) === 0) return { state: 'invalid', message: `The ${name} price must be above 0.` };
  }
  if (Number(min) >= Number(max)) {
    return { state: 'invalid', message: 'The minimum price must be below the maximum price.' };
  }
  const normalise = (text: string) => (text.startsWith('.') ? `0${text}` : text.replace(/\.$/, ''));
  let a: number;
  let b: number;
  try {
    a = tickForPusdPrice(pool, normalise(min));
    b = tickForPusdPrice(pool, normalise(max));
  } catch {
    return { state: 'invalid', message: 'These prices are outside what Uniswap v3 can represent.' };
  }
  const full = fullRangeTicks(spacing);
  const tickLower = Math.max(Math.min(a, b), full.tickLower);
  const tickUpper = Math.min(Math.max(a, b), full.tickUpper);
  if (tickLower >= tickUpper) {
    return {
      state: 'invalid',
      message: `The range is narrower than one tick (${formatTickStep(spacing)}): widen it.`,
    };
  }
  return { state: 'valid', range: describeTicks(pool, tickLower, tickUpper) };
}

/** One tick spacing as a price step, e.g. "0.01%" for a spacing of 1. */
export function formatTickStep(tickSpacing: number): string {
  const pct = (1.0001 ** tickSpacing - 1) * 100;
  return `${Number(pct.toPrecision(2))}%`;
}

/** Where the pool's price is relative to a range. */
export type RangeStatus = 'in-range' | 'below' | 'above';

/**
 * Whether the pool's tick is inside `[tickLower, tickUpper)` — the rule the pool uses for earning fees and the
 * incentives contract for earning rewards. `below`/`above` are in ticks (token1 per token0).
 */
export function rangeStatus(tick: number, tickLower: number, tickUpper: number): RangeStatus {
  if (tick < tickLower) return 'below';
  if (tick >= tickUpper) return 'above';
  return 'in-range';
}

/** What the range holds at the current price: both tokens, only pUSD, or only USDC. */
export function rangeHolds(pool: PoolView, tickLower: number, tickUpper: number): 'both' | 'pusd' | 'usdc' {
  const status = rangeStatus(pool.state.tick, tickLower, tickUpper);
  if (status === 'in-range') return 'both';
  // Below the range the position is all token0; above it, all token1.
  const token0 = status === 'below';
  return token0 === pool.pusdIsToken0 ? 'pusd' : 'usdc';
}

/** The amounts a new position takes. */
export interface DepositPlan {
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly liquidity: bigint;
  readonly pusd: bigint;
  readonly usdc: bigint;
  /** In pool order, for `mintPosition`. */
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
}

export type DepositForm =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string; readonly field?: 'pusd' | 'usdc' }
  | { readonly state: 'valid'; readonly plan: DepositPlan };

const HUGE = 2n ** 127n;

/**
 * The deposit for an amount typed in one token's field (`side`): the liquidity that amount buys in the range at
 * the pool's price, and the other token's amount it needs (rounded up, as the pool charges). Balances, when
 * known, cap both sides.
 */
export function planDeposit(
  pool: PoolView,
  range: { tickLower: number; tickUpper: number },
  side: 'pusd' | 'usdc',
  typed: string,
  balances: { pusd?: bigint | undefined; usdc?: bigint | undefined } = {},
): DepositForm {
  const token: TokenUnit = side === 'pusd' ? PUSD : USDC;
  const holds = rangeHolds(pool, range.tickLower, range.tickUpper);
  const field = parseAmount(typed, token, { balance: balances[side] });
  if (field.state === 'empty') return field;
  if (holds !== 'both' && holds !== side) {
    const only = holds === 'pusd' ? 'pUSD' : 'USDC';
    return {
      state: 'invalid',
      field: side,
      message: `At the current price this range holds only ${only}: enter the ${only} amount.`,
    };
  }
  if (field.state === 'invalid') return { ...field, field: side };
  const mine = field.value;
  const pusdAmount = side === 'pusd' ? mine : HUGE;
  const usdcAmount = side === 'usdc' ? mine : HUGE;
  const liquidity = liquidityForAmounts({
    sqrtPriceX96: pool.state.sqrtPriceX96,
    tickLower: range.tickLower,
    tickUpper: range.tickUpper,
    amount0: pool.pusdIsToken0 ? pusdAmount : usdcAmount,
    amount1: pool.pusdIsToken0 ? usdcAmount : pusdAmount,
  });
  if (liquidity === 0n) {
    return { state: 'invalid', field: side, message: 'Too little to add any liquidity in this range.' };
  }
  const needed = mintAmounts({ pool: pool.state, liquidity, ...range });
  let pusd = pool.pusdIsToken0 ? needed.amount0 : needed.amount1;
  let usdc = pool.pusdIsToken0 ? needed.amount1 : needed.amount0;
  // What was typed is what is deposited on its side (the pool may round its need a wei below it).
  if (side === 'pusd') pusd = mine;
  else usdc = mine;
  const other = side === 'pusd' ? 'usdc' : 'pusd';
  const otherBalance = balances[other];
  const otherAmount = other === 'pusd' ? pusd : usdc;
  if (otherBalance !== undefined && otherAmount > otherBalance) {
    const unit = other === 'pusd' ? PUSD : USDC;
    return {
      state: 'invalid',
      field: side,
      message: `This needs ${formatAmount(otherAmount, unit)} ${unit.symbol}, more than your balance of ${formatAmount(otherBalance, unit)}.`,
    };
  }
  const amount0Desired = pool.pusdIsToken0 ? pusd : usdc;
  const amount1Desired = pool.pusdIsToken0 ? usdc : pusd;
  return {
    state: 'valid',
    plan: {
      ...range,
      // What the position manager will mint for these amounts (it may round a unit below the estimate).
      liquidity: liquidityForAmounts({
        sqrtPriceX96: pool.state.sqrtPriceX96,
        ...range,
        amount0: amount0Desired,
        amount1: amount1Desired,
      }),
      pusd,
      usdc,
      amount0Desired,
      amount1Desired,
    },
  };
}
