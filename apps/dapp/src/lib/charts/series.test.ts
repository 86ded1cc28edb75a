import type { OverviewPoint } from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactNumber, layoutChart, niceScale, overviewSeries, toUnits } from './series';

const point = (day: number, supply: bigint, tvl: bigint): OverviewPoint => ({
  period: day,
  start: day * 86_400,
  pusdSupply: supply,
  psmReserves: 0n,
  tvl,
  lendingSupply: 0n,
  lendingBorrow: 0n,
  pusdMinted: 0n,
  pusdBurned: 0n,
  psmVolume: 0n,
  paymentVolume: 0n,
  eventCount: 1,
});

describe('toUnits', () => {
  it('converts base units without losing the fraction', () => {
    expect(toUnits(1_234_500_000_000_000_000_000n, 18)).toBe(1234.5);
    expect(toUnits(1n, 6)).toBe(0.000001);
    expect(toUnits(0n, 18)).toBe(0);
  });
});

describe('overviewSeries', () => {
  it('orders the snapshots by time and reads supply and TVL in dollars', () => {
    const { supply, tvl } = overviewSeries([
      point(20_002, 3n * 10n ** 21n, 5n * 10n ** 21n),
      point(20_000, 10n ** 21n, 2n * 10n ** 21n),
    ]);
    expect(supply).toEqual([
      { t: 20_000 * 86_400, v: 1000 },
      { t: 20_002 * 86_400, v: 3000 },
    ]);
    expect(tvl.map((p) => p.v)).toEqual([2000, 5000]);
  });
});

describe('niceScale', () => {
  it('covers every value with round steps, from zero when the values are not far from it', () => {
    expect(niceScale([120, 870])).toEqual({ min: 0, max: 1000, step: 500 });
    expect(niceScale([9000, 9800])).toEqual({ min: 9000, max: 9800, step: 200 });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e12, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        (values) => {
          const { min, max, step } = niceScale(values);
          const mantissa = step / 10 ** Math.floor(Math.log10(step));
          return (
            min <= Math.min(...values) &&
            max >= Math.max(...values) &&
            max > min &&
            [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9)
          );
        },
      ),
    );
  });

  it('draws a spread lost to float rounding as flat', () => {
    const values = [999999999999.9987, 999999999999.9994];
    const { min, max } = niceScale(values);
    expect(min).toBeLessThanOrEqual(values[0]!);
    expect(max).toBeGreaterThanOrEqual(values[1]!);
  });

  it('gives a flat series some room', () => {
    const { min, max } = niceScale([5000, 5000]);
    expect(min).toBeLessThan(5000);
    expect(max).toBeGreaterThan(5000);
    expect(min).toBeGreaterThanOrEqual(0);
  });
});

describe('layoutChart', () => {
  it('puts the first point on the left edge, the last on the right, higher values higher', () => {
    const g = layoutChart(
      [
        { t: 0, v: 100 },
        { t: 50, v: 300 },
        { t: 100, v: 200 },
      ],
      300,
      100,
    );
    expect(g.points.map((p) => p.x)).toEqual([0, 150, 300]);
    expect(g.points[1]!.y).toBeLessThan(g.points[2]!.y);
    expect(g.points[2]!.y).toBeLessThan(g.points[0]!.y);
    expect(g.line).toBe(g.points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' '));
    expect(g.area.endsWith('L300 100 L0 100 Z')).toBe(true);
    expect(g.yTicks[0]).toEqual({ y: 100, value: 0 });
    expect(g.yTicks[g.yTicks.length - 1]!.y).toBe(0);
  });

  it('draws a single snapshot as a flat line across the chart', () => {
    const g = layoutChart([{ t: 7, v: 42 }], 300, 100);
    expect(g.points).toHaveLength(1);
    expect(g.line).toMatch(/^M0 ([\d.]+) L300 \1$/);
  });
});

describe('compactNumber', () => {
  it('abbreviates thousands and millions', () => {
    expect(compactNumber(950)).toBe('950');
    expect(compactNumber(12_500)).toBe('12.5K');
    expect(compactNumber(3_210_000)).toBe('3.21M');
  });
});
