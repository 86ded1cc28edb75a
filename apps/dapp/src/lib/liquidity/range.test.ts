import {
  liquidityForAmounts,
  mintAmounts,
  nearestUsableTick,
  priceToTick,
  sqrtPriceX96AtTick,
  type UniswapPoolState,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountToInput } from '../amount';
import {
  chooseRange,
  describeTicks,
  fullRangeTicks,
  planDeposit,
  poolView,
  pusdPriceAtTick,
  rangeHolds,
  rangeStatus,
  tickForPusdPrice,
  PUSD,
  USDC,
  type PoolView,
} from './range';

const LOW = '0x1000000000000000000000000000000000000001';
const HIGH = '0x2000000000000000000000000000000000000002';

/** A pUSD/USDC pool at a pUSD price (USDC per pUSD), with pUSD as token0 or token1 (Uniswap sorts by address). */
function pool(pusdFirst: boolean, price = '1', tickSpacing = 1): PoolView {
  const pusd = { address: pusdFirst ? LOW : HIGH, decimals: 18 } as const;
  const usdc = { address: pusdFirst ? HIGH : LOW, decimals: 6 } as const;
  const [token0, token1] = pusdFirst ? [pusd, usdc] : [usdc, pusd];
  const tick = priceToTick(price, pusd, usdc);
  const state: UniswapPoolState = {
    address: '0x3000000000000000000000000000000000000003',
    token0,
    token1,
    fee: tickSpacing === 1 ? 100 : 500,
    tickSpacing,
    sqrtPriceX96: sqrtPriceX96AtTick(tick),
    tick,
    liquidity: 10n ** 24n,
  };
  return poolView(state, pusd.address);
}

const orientations = [
  ['pUSD is token0', true],
  ['pUSD is token1', false],
] as const;

describe.each(orientations)('range presets (%s)', (_, pusdFirst) => {
  const p = pool(pusdFirst);

  it('±0.1% spans 0.999–1.001 USDC per pUSD on usable ticks', () => {
    const choice = chooseRange(p, 'narrow');
    if (choice.state !== 'valid') throw new Error(choice.state);
    const { range } = choice;
    expect(Number(range.minPrice)).toBeCloseTo(0.999, 3);
    expect(Number(range.maxPrice)).toBeCloseTo(1.001, 3);
    expect(range.tickUpper - range.tickLower).toBeGreaterThanOrEqual(19);
    expect(range.tickUpper - range.tickLower).toBeLessThanOrEqual(21);
    expect(rangeStatus(p.state.tick, range.tickLower, range.tickUpper)).toBe('in-range');
  });

  it('±0.5% is five times as wide as ±0.1%', () => {
    const narrow = chooseRange(p, 'narrow');
    const wide = chooseRange(p, 'wide');
    if (narrow.state !== 'valid' || wide.state !== 'valid') throw new Error('invalid');
    expect(Number(wide.range.minPrice)).toBeCloseTo(0.995, 3);
    expect(Number(wide.range.maxPrice)).toBeCloseTo(1.005, 3);
    const width = (r: typeof narrow.range) => r.tickUpper - r.tickLower;
    expect(Math.abs(width(wide.range) - 5 * width(narrow.range))).toBeLessThanOrEqual(5);
  });

  it('full range uses the outermost usable ticks and reads 0 to ∞', () => {
    const choice = chooseRange(p, 'full');
    expect(choice).toEqual({
      state: 'valid',
      range: { ...fullRangeTicks(1), minPrice: '0', maxPrice: '∞', full: true },
    });
  });
});

describe('custom ranges', () => {
  it('round each price to the nearest usable tick, lowest price first', () => {
    for (const pusdFirst of [true, false]) {
      const p = pool(pusdFirst, '1', 10);
      const choice = chooseRange(p, 'custom', { min: '0.99', max: '1.02' });
      if (choice.state !== 'valid') throw new Error(choice.state);
      const { range } = choice;
      // Each end is the usable tick whose price is nearest to the price typed.
      const ends = pusdFirst
        ? [
            [range.tickLower, 0.99],
            [range.tickUpper, 1.02],
          ]
        : [
            [range.tickUpper, 0.99],
            [range.tickLower, 1.02],
          ];
      for (const [tick, typed] of ends) {
        const off = (t: number) => Math.abs(Number(pusdPriceAtTick(p, t)) - typed!);
        expect(off(tick!)).toBeLessThan(off(tick! - 10));
        expect(off(tick!)).toBeLessThan(off(tick! + 10));
      }
      expect(Math.abs(range.tickLower % 10)).toBe(0);
      expect(Math.abs(range.tickUpper % 10)).toBe(0);
      // The shown prices are the prices at the rounded ticks, close to what was typed.
      expect(Number(range.minPrice)).toBeCloseTo(0.99, 2);
      expect(Number(range.maxPrice)).toBeCloseTo(1.02, 2);
      expect(Number(range.minPrice)).toBeLessThan(Number(range.maxPrice));
    }
  });

  it('round-trips: the prices shown choose the same ticks again', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 400 }),
        (pusdFirst, spacing, width) => {
          const p = pool(pusdFirst, '1', spacing);
          const lower = nearestUsableTick(p.state.tick - width * spacing, spacing);
          const upper = lower + width * spacing;
          const shown = describeTicks(p, lower, upper);
          const again = chooseRange(p, 'custom', { min: shown.minPrice, max: shown.maxPrice });
          return (
            again.state === 'valid' && again.range.tickLower === lower && again.range.tickUpper === upper
          );
        },
      ),
    );
  });

  it('say what is wrong with the prices typed', () => {
    const p = pool(true, '1', 10);
    expect(chooseRange(p, 'custom', { min: '', max: '1.01' })).toEqual({ state: 'empty' });
    expect(chooseRange(p, 'custom', { min: 'abc', max: '1.01' })).toEqual({
      state: 'invalid',
      message: 'Enter the minimum price as a number, e.g. 0.998.',
    });
    expect(chooseRange(p, 'custom', { min: '0', max: '1.01' })).toMatchObject({
      message: 'The minimum price must be above 0.',
    });
    expect(chooseRange(p, 'custom', { min: '1.01', max: '1.01' })).toMatchObject({
      message: 'The minimum price must be below the maximum price.',
    });
    expect(chooseRange(p, 'custom', { min: '1.0001', max: '1.0002' })).toMatchObject({
      state: 'invalid',
      message: 'The range is narrower than one tick (0.1%): widen it.',
    });
  });

  it('accepts ".99" and "1." style prices', () => {
    const choice = chooseRange(pool(true), 'custom', { min: '.99', max: '1.' });
    expect(choice.state).toBe('valid');
    if (choice.state === 'valid') expect(choice.range.tickUpper).toBe(tickForPusdPrice(pool(true), '1'));
  });
});

describe('rangeStatus', () => {
  it('is in range on [tickLower, tickUpper), like the pool', () => {
    expect(rangeStatus(-10, -10, 10)).toBe('in-range');
    expect(rangeStatus(9, -10, 10)).toBe('in-range');
    expect(rangeStatus(10, -10, 10)).toBe('above');
    expect(rangeStatus(-11, -10, 10)).toBe('below');
  });
});

describe.each(orientations)('planDeposit (%s)', (_, pusdFirst) => {
  const p = pool(pusdFirst);
  const narrow = chooseRange(p, 'narrow');
  if (narrow.state !== 'valid') throw new Error('preset');
  const range = { tickLower: narrow.range.tickLower, tickUpper: narrow.range.tickUpper };

  it('computes the USDC a pUSD amount needs in a range around the price', () => {
    const form = planDeposit(p, range, 'pusd', '1000');
    if (form.state !== 'valid') throw new Error(form.state);
    const { plan } = form;
    expect(plan.pusd).toBe(1000n * 10n ** 18n);
    // Symmetric range at the peg: about as much USDC as pUSD.
    expect(Number(plan.usdc) / 1e6).toBeGreaterThan(900);
    expect(Number(plan.usdc) / 1e6).toBeLessThan(1100);
    expect([plan.amount0Desired, plan.amount1Desired]).toEqual(
      pusdFirst ? [plan.pusd, plan.usdc] : [plan.usdc, plan.pusd],
    );
  });

  it('asks for amounts the position manager accepts: the liquidity shown, within what is approved', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 12n, max: 10n ** 30n }), fc.boolean(), (raw, pusdSide) => {
        const side = pusdSide ? 'pusd' : 'usdc';
        const amount = pusdSide ? raw : raw / 10n ** 12n + 1n;
        const form = planDeposit(p, range, side, amountToInput(amount, pusdSide ? PUSD : USDC));
        if (form.state !== 'valid') return false;
        const { plan } = form;
        // What mintPosition will compute from the desired amounts:
        const liquidity = liquidityForAmounts({
          sqrtPriceX96: p.state.sqrtPriceX96,
          ...range,
          amount0: plan.amount0Desired,
          amount1: plan.amount1Desired,
        });
        const needs = mintAmounts({ pool: p.state, liquidity, ...range });
        return (
          liquidity === plan.liquidity &&
          liquidity > 0n &&
          needs.amount0 <= plan.amount0Desired &&
          needs.amount1 <= plan.amount1Desired
        );
      }),
      { numRuns: 200 },
    );
  });

  it('refuses more than a balance, on either side', () => {
    expect(planDeposit(p, range, 'pusd', '1000', { pusd: 10n ** 20n })).toEqual({
      state: 'invalid',
      field: 'pusd',
      message: 'More than your balance of 100 pUSD.',
    });
    const form = planDeposit(p, range, 'pusd', '1000', { pusd: 10n ** 22n, usdc: 10n ** 6n });
    expect(form).toMatchObject({ state: 'invalid', field: 'pusd' });
    if (form.state === 'invalid')
      expect(form.message).toMatch(/^This needs (9\d\d|1,0\d\d)\.\d+ USDC, more than your balance of 1\.$/);
  });

  it('a range above or below the price takes one token only', () => {
    // A range entirely above the current pUSD price holds only pUSD (it sells pUSD as the price rises).
    const above = chooseRange(p, 'custom', { min: '1.01', max: '1.02' });
    if (above.state !== 'valid') throw new Error('range');
    const r = { tickLower: above.range.tickLower, tickUpper: above.range.tickUpper };
    expect(rangeHolds(p, r.tickLower, r.tickUpper)).toBe('pusd');
    const form = planDeposit(p, r, 'pusd', '50');
    expect(form).toMatchObject({ state: 'valid', plan: { pusd: 50n * 10n ** 18n, usdc: 0n } });
    expect(planDeposit(p, r, 'usdc', '50')).toEqual({
      state: 'invalid',
      field: 'usdc',
      message: 'At the current price this range holds only pUSD: enter the pUSD amount.',
    });
    const below = chooseRange(p, 'custom', { min: '0.98', max: '0.99' });
    if (below.state !== 'valid') throw new Error('range');
    expect(rangeHolds(p, below.range.tickLower, below.range.tickUpper)).toBe('usdc');
  });

  it('passes on the amount parser’s messages', () => {
    expect(planDeposit(p, range, 'usdc', '1.1234567')).toEqual({
      state: 'invalid',
      field: 'usdc',
      message: 'USDC has at most 6 decimals.',
    });
    expect(planDeposit(p, range, 'usdc', '')).toEqual({ state: 'empty' });
  });
});
