// Charts over time, hand-rolled: the subgraph's snapshots become points, points become an SVG path on a
// "nice" value axis. No chart library (the landing page's JavaScript budget is 200 KB gzip).
import { createSubgraphClient, type OverviewPoint } from '@plaza/sdk';

/** One point of a chart: Unix seconds and a value in whole units (e.g. dollars). */
export interface SeriesPoint {
  readonly t: number;
  readonly v: number;
}

/** A base-unit amount as a number of whole units (precise enough for drawing: 15–16 significant digits). */
export function toUnits(value: bigint, decimals: number): number {
  const base = 10n ** BigInt(decimals);
  return Number(value / base) + Number(value % base) / Number(base);
}

/** The overview's series: pUSD supply and TVL in dollars, oldest first. */
export function overviewSeries(points: readonly OverviewPoint[]): {
  readonly supply: SeriesPoint[];
  readonly tvl: SeriesPoint[];
} {
  const sorted = [...points].sort((a, b) => a.start - b.start);
  return {
    supply: sorted.map((p) => ({ t: p.start, v: toUnits(p.pusdSupply, 18) })),
    tvl: sorted.map((p) => ({ t: p.start, v: toUnits(p.tvl, 18) })),
  };
}

/** The last `days` daily snapshots from the subgraph at `url`, as the overview's two series. */
export async function loadOverviewHistory(
  url: string,
  days = 30,
): Promise<ReturnType<typeof overviewSeries>> {
  const points = await createSubgraphClient({ url }).overviewSeries({ interval: 'day', count: days });
  return overviewSeries(points);
}

/** Axis bounds that include every value and 0 when it is near, rounded to 1, 2 or 5 × 10^n steps. */
export function niceScale(values: readonly number[], ticks = 4): { min: number; max: number; step: number } {
  if (values.length === 0) return { min: 0, max: 1, step: 0.25 };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo > 0 && lo < hi * 0.5) lo = 0; // Start from zero unless the series is far from it.
  // A spread below a billionth of the values is drawn flat: steps that small are lost to float rounding at this
  // magnitude, and the rounded ends could miss the values.
  if (hi - lo <= Math.abs(hi) * 1e-9) lo = hi;
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
    if (values.every((v) => v >= 0) && lo < 0) lo = 0;
  }
  const raw = (hi - lo) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/** The chart's geometry in a `width × height` box: the line's path, the area under it, and the y-axis ticks. */
export interface ChartGeometry {
  readonly line: string;
  readonly area: string;
  readonly yTicks: readonly { readonly y: number; readonly value: number }[];
  readonly points: readonly { readonly x: number; readonly y: number; readonly point: SeriesPoint }[];
}

/** Lays out a series: time left to right (a single point spans the width), values bottom to top. */
export function layoutChart(series: readonly SeriesPoint[], width: number, height: number): ChartGeometry {
  const scale = niceScale(series.map((p) => p.v));
  const t0 = series[0]?.t ?? 0;
  const t1 = series[series.length - 1]?.t ?? 1;
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - ((v - scale.min) / (scale.max - scale.min)) * height;
  const round = (n: number) => Math.round(n * 100) / 100;
  const points = series.map((point) => ({ x: round(x(point.t)), y: round(y(point.v)), point }));
  // A single point is drawn as a flat line across the chart.
  const drawn =
    points.length === 1
      ? [
          { ...points[0]!, x: 0 },
          { ...points[0]!, x: width },
        ]
      : points;
  const line = drawn.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const area =
    drawn.length === 0 ? '' : `${line} L${drawn[drawn.length - 1]!.x} ${height} L${drawn[0]!.x} ${height} Z`;
  const yTicks: { y: number; value: number }[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) {
    yTicks.push({ y: round(y(v)), value: Number(v.toPrecision(12)) });
  }
  return { line, area, yTicks, points };
}

/** Compact dollars for axis labels: 950, 12.5K, 3.2M. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  const [div, suffix] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'K'] : [1, ''];
  return `${Number((value / div).toPrecision(3))}${suffix}`;
}
