// The LendingHub's, KinkedRateModel's and LendingLens's math on bigints, rounding exactly like the Solidity
// (contracts/src/lending/libraries/LendingMath.sol, LendingHubLib.sol, KinkedRateModel.sol, LendingLens.sol).
import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';

/**
 * 1.0 in the contracts' fixed point (WAD).
 *
 * @example
 * ```ts
 * import { WAD } from '@plaza/sdk';
 * const ninetyPercent = (9n * WAD) / 10n;
 * ```
 */
export const WAD = 10n ** 18n;
/**
 * Scale of oracle prices: one collateral base unit in loan base units × 1e36 (Morpho's convention).
 *
 * @example
 * ```ts
 * import { ORACLE_PRICE_SCALE } from '@plaza/sdk';
 * const value = (collateral * price) / ORACLE_PRICE_SCALE;
 * ```
 */
export const ORACLE_PRICE_SCALE = 10n ** 36n;
/**
 * Virtual shares of every market side (inflation defence).
 *
 * @example
 * ```ts
 * import { VIRTUAL_SHARES } from '@plaza/sdk';
 * VIRTUAL_SHARES; // 1_000_000n
 * ```
 */
export const VIRTUAL_SHARES = 10n ** 6n;
/**
 * Virtual assets of every market side.
 *
 * @example
 * ```ts
 * import { VIRTUAL_ASSETS } from '@plaza/sdk';
 * VIRTUAL_ASSETS; // 1n
 * ```
 */
export const VIRTUAL_ASSETS = 1n;
/**
 * Seconds per year of the APY views (365 days).
 *
 * @example
 * ```ts
 * import { SECONDS_PER_YEAR } from '@plaza/sdk';
 * const apr = ratePerSecond * SECONDS_PER_YEAR;
 * ```
 */
export const SECONDS_PER_YEAR = 365n * 86_400n;
/**
 * The liquidation incentive's cursor β (0.3) and cap (1.15), WAD.
 *
 * @example
 * ```ts
 * import { LIQUIDATION_CURSOR, MAX_LIQUIDATION_INCENTIVE_FACTOR } from '@plaza/sdk';
 * ```
 */
export const LIQUIDATION_CURSOR = 3n * 10n ** 17n;
/**
 * Cap of the liquidation incentive factor (1.15, WAD).
 *
 * @example
 * ```ts
 * import { MAX_LIQUIDATION_INCENTIVE_FACTOR } from '@plaza/sdk';
 * MAX_LIQUIDATION_INCENTIVE_FACTOR; // 1_150000000000000000n
 * ```
 */
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 115n * 10n ** 16n;
/**
 * `type(uint256).max`: the health factor of a position without debt.
 *
 * @example
 * ```ts
 * import { MAX_UINT256 } from '@plaza/sdk';
 * if (position.healthFactor === MAX_UINT256) console.log('no debt');
 * ```
 */
export const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * A market's parameters; its id is `keccak256(abi.encode(params))`.
 *
 * @example
 * ```ts
 * import type { MarketParams } from '@plaza/sdk';
 * const params: MarketParams = { loanToken, collateralToken, oracle, rateModel, lltv: 77n * 10n ** 16n, policyId };
 * ```
 */
export interface MarketParams {
  readonly loanToken: Address;
  readonly collateralToken: Address;
  readonly oracle: Address;
  readonly rateModel: Address;
  /** Liquidation LTV, WAD. */
  readonly lltv: bigint;
  /** Compliance policy borrowers and liquidation receivers must pass (`0x0…0` = open). */
  readonly policyId: Hex;
}

/**
 * A market's totals (what share conversions need).
 *
 * @example
 * ```ts
 * import { toAssetsDown, type MarketTotals } from '@plaza/sdk';
 * const supplied = (t: MarketTotals, shares: bigint) => toAssetsDown(shares, t.totalSupplyAssets, t.totalSupplyShares);
 * ```
 */
export interface MarketTotals {
  readonly totalSupplyAssets: bigint;
  readonly totalSupplyShares: bigint;
  readonly totalBorrowAssets: bigint;
  readonly totalBorrowShares: bigint;
}

/**
 * A market's storage (`LendingHub.market(id)`): totals with interest up to `lastUpdate`, reserve factor (bps),
 * flags (1 paused, 2 frozen, 4 income-bearing collateral, 8 income can repay debt), minimum leftover and the
 * reserve's supply shares.
 *
 * @example
 * ```ts
 * import { accrueInterest, type MarketState } from '@plaza/sdk';
 * const now = accrueInterest(state, rateModel, timestamp);
 * ```
 */
export interface MarketState extends MarketTotals {
  readonly lastUpdate: bigint;
  readonly reserveFactor: bigint;
  readonly flags: number;
  readonly minLeftover: bigint;
  readonly reserveShares: bigint;
}

/**
 * A KinkedRateModel's parameters (per second, WAD; the kink is a utilization, WAD).
 *
 * @example
 * ```ts
 * import type { KinkedRateParams } from '@plaza/sdk';
 * const model: KinkedRateParams = { baseRate, slope1, kink: 8n * 10n ** 17n, slope2 };
 * ```
 */
export interface KinkedRateParams {
  readonly baseRate: bigint;
  readonly slope1: bigint;
  readonly kink: bigint;
  readonly slope2: bigint;
}

/**
 * The id of a market: `keccak256(abi.encode(params))`, as the hub computes it.
 *
 * @example
 * ```ts
 * import { marketId } from '@plaza/sdk';
 * const id = marketId(params); // '0x…' (bytes32)
 * ```
 */
export function marketId(params: MarketParams): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'address' },
        { type: 'address' },
        { type: 'address' },
        { type: 'address' },
        { type: 'uint256' },
        { type: 'bytes32' },
      ],
      [
        params.loanToken,
        params.collateralToken,
        params.oracle,
        params.rateModel,
        params.lltv,
        params.policyId,
      ],
    ),
  );
}

/**
 * `x * y / d`, rounded down.
 *
 * @example
 * ```ts
 * import { mulDivDown } from '@plaza/sdk';
 * mulDivDown(7n, 3n, 2n); // 10n
 * ```
 */
export const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
/**
 * `x * y / d`, rounded up.
 *
 * @example
 * ```ts
 * import { mulDivUp } from '@plaza/sdk';
 * mulDivUp(7n, 3n, 2n); // 11n
 * ```
 */
export const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => (x * y + (d - 1n)) / d;
/**
 * `x * y / WAD`, rounded down.
 *
 * @example
 * ```ts
 * import { wMulDown, WAD } from '@plaza/sdk';
 * wMulDown(10n * WAD, WAD / 2n); // 5n * WAD
 * ```
 */
export const wMulDown = (x: bigint, y: bigint): bigint => (x * y) / WAD;
/**
 * `x * WAD / y`, rounded down.
 *
 * @example
 * ```ts
 * import { wDivDown } from '@plaza/sdk';
 * wDivDown(1n, 3n); // 333333333333333333n
 * ```
 */
export const wDivDown = (x: bigint, y: bigint): bigint => (x * WAD) / y;
/**
 * `x * WAD / y`, rounded up.
 *
 * @example
 * ```ts
 * import { wDivUp } from '@plaza/sdk';
 * wDivUp(1n, 3n); // 333333333333333334n
 * ```
 */
export const wDivUp = (x: bigint, y: bigint): bigint => (x * WAD + (y - 1n)) / y;
/**
 * `a − b`, or 0 if `b > a`.
 *
 * @example
 * ```ts
 * import { zeroFloorSub } from '@plaza/sdk';
 * zeroFloorSub(1n, 2n); // 0n
 * ```
 */
export const zeroFloorSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

/**
 * `e^(rate × elapsed) − 1` (WAD) by three Taylor terms, each rounded down (the hub's interest growth).
 *
 * @example
 * ```ts
 * import { wTaylorCompounded } from '@plaza/sdk';
 * const growth = wTaylorCompounded(ratePerSecond, 3600n);
 * ```
 */
export function wTaylorCompounded(rate: bigint, elapsed: bigint): bigint {
  const first = rate * elapsed;
  const second = (first * first) / (2n * WAD);
  const third = (second * first) / (3n * WAD);
  return first + second + third;
}

/**
 * `e^x − 1` for `x` in WAD by its Taylor series until a term rounds to 0 (the APY views).
 *
 * @example
 * ```ts
 * import { wExpm1, SECONDS_PER_YEAR } from '@plaza/sdk';
 * const apy = wExpm1(ratePerSecond * SECONDS_PER_YEAR);
 * ```
 */
export function wExpm1(x: bigint): bigint {
  let sum = 0n;
  let term = x;
  for (let n = 2n; term !== 0n; n++) {
    sum += term;
    term = (term * x) / (n * WAD);
  }
  return sum;
}

/**
 * Assets → shares, rounded down (`a × (S + 1e6) / (A + 1)`).
 *
 * @example
 * ```ts
 * import { toSharesDown } from '@plaza/sdk';
 * toSharesDown(1n, 0n, 0n); // 1_000_000n
 * ```
 */
export const toSharesDown = (assets: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  (assets * (totalShares + VIRTUAL_SHARES)) / (totalAssets + VIRTUAL_ASSETS);
/**
 * Assets → shares, rounded up.
 *
 * @example
 * ```ts
 * import { toSharesUp } from '@plaza/sdk';
 * const sharesBurnt = toSharesUp(withdrawn, totalSupplyAssets, totalSupplyShares);
 * ```
 */
export const toSharesUp = (assets: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
/**
 * Shares → assets, rounded down (a lender's supply).
 *
 * @example
 * ```ts
 * import { toAssetsDown } from '@plaza/sdk';
 * const supplied = toAssetsDown(supplyShares, totalSupplyAssets, totalSupplyShares);
 * ```
 */
export const toAssetsDown = (shares: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  (shares * (totalAssets + VIRTUAL_ASSETS)) / (totalShares + VIRTUAL_SHARES);
/**
 * Shares → assets, rounded up (a borrower's debt).
 *
 * @example
 * ```ts
 * import { toAssetsUp } from '@plaza/sdk';
 * const debt = toAssetsUp(borrowShares, totalBorrowAssets, totalBorrowShares);
 * ```
 */
export const toAssetsUp = (shares: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);

/**
 * Utilization (WAD, down, capped at 1; 0 without supply), as `KinkedRateModel.utilization`.
 *
 * @example
 * ```ts
 * import { utilization } from '@plaza/sdk';
 * utilization(100n, 80n); // 800000000000000000n
 * ```
 */
export function utilization(totalSupplyAssets: bigint, totalBorrowAssets: bigint): bigint {
  if (totalSupplyAssets === 0n) return 0n;
  if (totalBorrowAssets >= totalSupplyAssets) return WAD;
  return wDivDown(totalBorrowAssets, totalSupplyAssets);
}

/**
 * Borrow rate per second (WAD) of a kinked model at utilization `u`, as `KinkedRateModel.borrowRateAt`.
 *
 * @example
 * ```ts
 * import { borrowRateAt } from '@plaza/sdk';
 * const rate = borrowRateAt(model, utilization(supply, borrow));
 * ```
 */
export function borrowRateAt(model: KinkedRateParams, u: bigint): bigint {
  const x = u > WAD ? WAD : u;
  if (x <= model.kink) return model.baseRate + (model.slope1 * x) / model.kink;
  return model.baseRate + model.slope1 + (model.slope2 * (x - model.kink)) / (WAD - model.kink);
}

/**
 * Supply rate per second (WAD) at utilization `u` with reserve factor `reserveFactor` (bps).
 *
 * @example
 * ```ts
 * import { supplyRateAt } from '@plaza/sdk';
 * const rate = supplyRateAt(model, u, 1000n);
 * ```
 */
export function supplyRateAt(model: KinkedRateParams, u: bigint, reserveFactor: bigint): bigint {
  const x = u > WAD ? WAD : u;
  return (wMulDown(borrowRateAt(model, x), x) * (10_000n - reserveFactor)) / 10_000n;
}

/**
 * A market's rates now, as `LendingLens.rates`: utilization, borrow rate per second, and the borrow and supply
 * APYs (`e^(rate × 365 days) − 1`, WAD).
 *
 * @example
 * ```ts
 * import { marketRates } from '@plaza/sdk';
 * const { borrowApy, supplyApy } = marketRates(totals, model, 1000n);
 * ```
 */
export function marketRates(
  totals: Pick<MarketTotals, 'totalSupplyAssets' | 'totalBorrowAssets'>,
  model: KinkedRateParams,
  reserveFactor: bigint,
): { utilization: bigint; borrowRate: bigint; borrowApy: bigint; supplyApy: bigint } {
  const u = utilization(totals.totalSupplyAssets, totals.totalBorrowAssets);
  const borrowRate = borrowRateAt(model, u);
  const supplyRate = (wMulDown(borrowRate, u) * (10_000n - reserveFactor)) / 10_000n;
  return {
    utilization: u,
    borrowRate,
    borrowApy: wExpm1(borrowRate * SECONDS_PER_YEAR),
    supplyApy: wExpm1(supplyRate * SECONDS_PER_YEAR),
  };
}

/**
 * The market with interest accrued to `now`, exactly as the hub's next operation would write it (totals grow
 * by the interest; the reserve's fee is minted as supply shares; `lastUpdate = now`).
 *
 * @example
 * ```ts
 * import { accrueInterest } from '@plaza/sdk';
 * const later = accrueInterest(market.state, market.rateModel, market.state.lastUpdate + 86_400n);
 * ```
 */
export function accrueInterest(state: MarketState, model: KinkedRateParams, now: bigint): MarketState {
  const elapsed = now - state.lastUpdate;
  if (state.lastUpdate === 0n || elapsed <= 0n) return state;
  if (state.totalBorrowAssets === 0n) return { ...state, lastUpdate: now };
  const rate = borrowRateAt(model, utilization(state.totalSupplyAssets, state.totalBorrowAssets));
  const interest = wMulDown(state.totalBorrowAssets, wTaylorCompounded(rate, elapsed));
  if (interest === 0n) return { ...state, lastUpdate: now };
  const totalSupplyAssets = state.totalSupplyAssets + interest;
  let feeShares = 0n;
  if (state.reserveFactor !== 0n) {
    const fee = (interest * state.reserveFactor) / 10_000n;
    feeShares = toSharesDown(fee, totalSupplyAssets - fee, state.totalSupplyShares);
  }
  return {
    ...state,
    totalSupplyAssets,
    totalBorrowAssets: state.totalBorrowAssets + interest,
    totalSupplyShares: state.totalSupplyShares + feeShares,
    reserveShares: state.reserveShares + feeShares,
    lastUpdate: now,
  };
}

/**
 * Largest debt `collateral` supports at `price`: `wMulDown(mulDivDown(collateral, price, 1e36), lltv)`.
 *
 * @example
 * ```ts
 * import { maxDebt } from '@plaza/sdk';
 * maxDebt(100n * 10n ** 18n, 100n * 10n ** 36n, 77n * 10n ** 16n); // 7,700 pUSD
 * ```
 */
export function maxDebt(collateral: bigint, price: bigint, lltv: bigint): bigint {
  return wMulDown(mulDivDown(collateral, price, ORACLE_PRICE_SCALE), lltv);
}

/**
 * Value of `collateral` in loan base units at `price` (rounded down).
 *
 * @example
 * ```ts
 * import { collateralValueAt } from '@plaza/sdk';
 * collateralValueAt(10n ** 18n, 102n * 10n ** 36n); // 102 pUSD
 * ```
 */
export function collateralValueAt(collateral: bigint, price: bigint): bigint {
  return mulDivDown(collateral, price, ORACLE_PRICE_SCALE);
}

/**
 * `maxDebt / debt` (WAD, down); `MAX_UINT256` without debt. Below `WAD` the position is liquidatable.
 *
 * @example
 * ```ts
 * import { healthFactor } from '@plaza/sdk';
 * const hf = healthFactor({ collateral, debt, price, lltv });
 * ```
 */
export function healthFactor(p: { collateral: bigint; debt: bigint; price: bigint; lltv: bigint }): bigint {
  if (p.debt === 0n) return MAX_UINT256;
  return wDivDown(maxDebt(p.collateral, p.price, p.lltv), p.debt);
}

/**
 * Whether the hub sees the position as healthy: `maxDebt ≥ debt`.
 *
 * @example
 * ```ts
 * import { isHealthy } from '@plaza/sdk';
 * isHealthy({ collateral, debt, price, lltv });
 * ```
 */
export function isHealthy(p: { collateral: bigint; debt: bigint; price: bigint; lltv: bigint }): boolean {
  return p.debt === 0n || maxDebt(p.collateral, p.price, p.lltv) >= p.debt;
}

/**
 * The oracle price (1e36 scale) below which the position is liquidatable: `ceil(debt × 1e54 / (collateral ×
 * lltv))`; 0 without debt, `MAX_UINT256` without collateral.
 *
 * @example
 * ```ts
 * import { liquidationPrice } from '@plaza/sdk';
 * const price = liquidationPrice({ collateral, debt, lltv });
 * ```
 */
export function liquidationPrice(p: { collateral: bigint; debt: bigint; lltv: bigint }): bigint {
  if (p.debt === 0n) return 0n;
  if (p.collateral === 0n) return MAX_UINT256;
  return mulDivUp(p.debt, ORACLE_PRICE_SCALE * WAD, p.collateral * p.lltv);
}

/**
 * Liquidation incentive factor (WAD): `min(1.15, 1 / (1 − 0.3 × (1 − lltv)))`, rounded down.
 *
 * @example
 * ```ts
 * import { liquidationIncentiveFactor } from '@plaza/sdk';
 * liquidationIncentiveFactor(8n * 10n ** 17n); // ≈ 1.0638e18
 * ```
 */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  const lif = (WAD * WAD) / (WAD - (LIQUIDATION_CURSOR * (WAD - lltv)) / WAD);
  return lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR;
}

/**
 * Collateral income a position would be owed if settled at `incomePerShare` (the token's accumulator):
 * `owed + collateral × ((incomePerShare − checkpoint) mod 2^128) / 1e30`, as `LendingLens.pendingIncome`.
 *
 * @example
 * ```ts
 * import { pendingCollateralIncome } from '@plaza/sdk';
 * const claimable = pendingCollateralIncome({ owed, checkpoint, collateral, incomePerShare });
 * ```
 */
export function pendingCollateralIncome(p: {
  owed: bigint;
  checkpoint: bigint;
  collateral: bigint;
  incomePerShare: bigint;
}): bigint {
  const mask = (1n << 128n) - 1n;
  const delta = ((p.incomePerShare & mask) - p.checkpoint) & mask;
  return p.owed + (p.collateral * delta) / 10n ** 30n;
}

/**
 * Everything a preview needs about one position in one market: the market's totals with interest accrued to the
 * time of the preview, its LLTV and minimum leftover, the oracle price (undefined when it has none), the
 * position's shares and collateral, and the borrow cap.
 *
 * @example
 * ```ts
 * const snapshot = (await plaza.lending.position('HRBR', me)).snapshot;
 * previewBorrow(snapshot, parsePusd('1000')).healthFactor;
 * ```
 */
export interface LendingSnapshot {
  readonly market: MarketTotals;
  readonly lltv: bigint;
  readonly minLeftover: bigint;
  readonly borrowCap: bigint;
  readonly supplyCap: bigint;
  readonly price: bigint | undefined;
  readonly supplyShares: bigint;
  readonly borrowShares: bigint;
  readonly collateral: bigint;
}

/**
 * A position's figures: collateral, debt (rounded up), its collateral's value, max debt, health factor,
 * borrowing power (`maxDebt − debt`, 0 if negative), liquidation price. Without a price the value-based figures
 * are undefined.
 *
 * @example
 * ```ts
 * import type { PositionFigures } from '@plaza/sdk';
 * const show = (f: PositionFigures) => `${f.healthFactor ?? '—'}`;
 * ```
 */
export interface PositionFigures {
  readonly collateral: bigint;
  readonly borrowShares: bigint;
  readonly debt: bigint;
  readonly collateralValue: bigint | undefined;
  readonly maxDebt: bigint | undefined;
  readonly healthFactor: bigint | undefined;
  readonly borrowingPower: bigint | undefined;
  readonly liquidationPrice: bigint;
  readonly healthy: boolean | undefined;
}

function figures(
  collateral: bigint,
  borrowShares: bigint,
  totals: MarketTotals,
  lltv: bigint,
  price: bigint | undefined,
): PositionFigures {
  const debt = toAssetsUp(borrowShares, totals.totalBorrowAssets, totals.totalBorrowShares);
  const max = price === undefined ? undefined : maxDebt(collateral, price, lltv);
  return {
    collateral,
    borrowShares,
    debt,
    collateralValue: price === undefined ? undefined : collateralValueAt(collateral, price),
    maxDebt: max,
    healthFactor: max === undefined ? undefined : debt === 0n ? MAX_UINT256 : wDivDown(max, debt),
    borrowingPower: max === undefined ? undefined : zeroFloorSub(max, debt),
    liquidationPrice: liquidationPrice({ collateral, debt, lltv }),
    healthy: max === undefined ? undefined : debt === 0n || max >= debt,
  };
}

/**
 * The position's figures in a snapshot, as `LendingLens` shows them.
 *
 * @example
 * ```ts
 * import { positionFigures } from '@plaza/sdk';
 * const { healthFactor, borrowingPower } = positionFigures(snapshot);
 * ```
 */
export function positionFigures(s: LendingSnapshot): PositionFigures {
  return figures(s.collateral, s.borrowShares, s.market, s.lltv, s.price);
}

/**
 * Why the hub would refuse a previewed change (its own error names), or undefined when it would not.
 *
 * @example
 * ```ts
 * import type { PreviewRefusal } from '@plaza/sdk';
 * const label = (r: PreviewRefusal) => (r === 'InsufficientCollateral' ? 'Add collateral' : r);
 * ```
 */
export type PreviewRefusal =
  'InsufficientCollateral' | 'InsufficientLiquidity' | 'BorrowCapExceeded' | 'DustLeft' | 'PriceUnavailable';

/**
 * A previewed change: the position's figures after it, the shares it moves, and the hub's refusal if any.
 *
 * @example
 * ```ts
 * const preview = previewBorrow(snapshot, parsePusd('500'));
 * if (preview.refusal) console.log('would revert with', preview.refusal);
 * ```
 */
export interface PositionPreview extends PositionFigures {
  /** Borrow shares added (borrow) or removed (repay); 0 for collateral changes. */
  readonly shares: bigint;
  /** Loan assets moved (borrowed, or repaid). */
  readonly assets: bigint;
  readonly refusal: PreviewRefusal | undefined;
}

/**
 * Previews a borrow of `assets` (shares rounded up, as the hub does): the position after it and whether the hub
 * would refuse (unhealthy, below the minimum debt, above the borrow cap or the market's liquidity, no price).
 * Policy, pause and freeze are not part of the snapshot.
 *
 * @example
 * ```ts
 * import { previewBorrow } from '@plaza/sdk';
 * const { healthFactor, refusal } = previewBorrow(snapshot, parsePusd('1000'));
 * ```
 */
export function previewBorrow(s: LendingSnapshot, assets: bigint): PositionPreview {
  const m = s.market;
  const shares = toSharesUp(assets, m.totalBorrowAssets, m.totalBorrowShares);
  const totals = {
    ...m,
    totalBorrowAssets: m.totalBorrowAssets + assets,
    totalBorrowShares: m.totalBorrowShares + shares,
  };
  const after = figures(s.collateral, s.borrowShares + shares, totals, s.lltv, s.price);
  let refusal: PreviewRefusal | undefined;
  if (totals.totalBorrowAssets > s.borrowCap) refusal = 'BorrowCapExceeded';
  else if (totals.totalBorrowAssets > m.totalSupplyAssets) refusal = 'InsufficientLiquidity';
  else if (after.debt < s.minLeftover) refusal = 'DustLeft';
  else if (s.price === undefined) refusal = 'PriceUnavailable';
  else if (!after.healthy) refusal = 'InsufficientCollateral';
  return { ...after, shares, assets, refusal };
}

/**
 * Previews a repayment of `assets` (shares rounded down), or of `shares` (assets rounded up) when
 * `{ shares }` is given — `{ shares: snapshot.borrowShares }` repays everything.
 *
 * @example
 * ```ts
 * import { previewRepay } from '@plaza/sdk';
 * const all = previewRepay(snapshot, { shares: snapshot.borrowShares }); // all.assets is what it costs
 * ```
 */
export function previewRepay(s: LendingSnapshot, amount: bigint | { shares: bigint }): PositionPreview {
  const m = s.market;
  const byShares = typeof amount !== 'bigint';
  const shares = byShares ? amount.shares : toSharesDown(amount, m.totalBorrowAssets, m.totalBorrowShares);
  const assets = byShares ? toAssetsUp(amount.shares, m.totalBorrowAssets, m.totalBorrowShares) : amount;
  const totals = {
    ...m,
    totalBorrowAssets: zeroFloorSub(m.totalBorrowAssets, assets),
    totalBorrowShares: m.totalBorrowShares - shares,
  };
  const after = figures(s.collateral, s.borrowShares - shares, totals, s.lltv, s.price);
  return { ...after, shares, assets, refusal: undefined };
}

/**
 * Previews adding (positive) or withdrawing (negative) collateral: the position after it, and
 * `InsufficientCollateral` when a withdrawal would leave it unhealthy.
 *
 * @example
 * ```ts
 * import { previewCollateralChange } from '@plaza/sdk';
 * previewCollateralChange(snapshot, -10n ** 18n).healthFactor;
 * ```
 */
export function previewCollateralChange(s: LendingSnapshot, delta: bigint): PositionPreview {
  const collateral = s.collateral + delta;
  const after = figures(collateral < 0n ? 0n : collateral, s.borrowShares, s.market, s.lltv, s.price);
  let refusal: PreviewRefusal | undefined;
  if (delta < 0n && s.borrowShares !== 0n) {
    if (s.price === undefined) refusal = 'PriceUnavailable';
    else if (!after.healthy) refusal = 'InsufficientCollateral';
  }
  return { ...after, shares: 0n, assets: 0n, refusal };
}

/**
 * The health factor after a change, for "as you type" previews: `collateral` added (negative: withdrawn) and
 * `borrow` assets borrowed (negative: repaid). Undefined without a price; `MAX_UINT256` without debt.
 *
 * @example
 * ```ts
 * import { healthFactorAfter } from '@plaza/sdk';
 * const hf = healthFactorAfter(snapshot, { collateral: parsePusd('10'), borrow: parsePusd('500') });
 * ```
 */
export function healthFactorAfter(
  s: LendingSnapshot,
  change: { collateral?: bigint; borrow?: bigint },
): bigint | undefined {
  const withCollateral = { ...s, collateral: zeroFloorSub(s.collateral + (change.collateral ?? 0n), 0n) };
  const borrow = change.borrow ?? 0n;
  if (borrow > 0n) return previewBorrow(withCollateral, borrow).healthFactor;
  if (borrow < 0n) {
    const debt = toAssetsUp(s.borrowShares, s.market.totalBorrowAssets, s.market.totalBorrowShares);
    const repay = -borrow >= debt ? { shares: s.borrowShares } : -borrow;
    return previewRepay(withCollateral, repay).healthFactor;
  }
  return positionFigures(withCollateral).healthFactor;
}

/**
 * The largest borrow the position supports now, leaving a margin of `marginBps` of it (default 0) for the share
 * rounding and the interest of the next seconds: `maxDebt − debt`, less the margin, capped by the market's
 * liquidity and borrow cap.
 *
 * @example
 * ```ts
 * import { maxBorrow } from '@plaza/sdk';
 * const safe = maxBorrow(snapshot, 10n); // keep 0.1% below the limit
 * ```
 */
export function maxBorrow(s: LendingSnapshot, marginBps = 0n): bigint {
  const f = positionFigures(s);
  if (f.borrowingPower === undefined) return 0n;
  let power = f.borrowingPower - (f.borrowingPower * marginBps) / 10_000n;
  // A borrow by assets takes shares rounded up: step down until the hub's own check passes.
  for (let i = 0; i < 4 && power > 0n && !previewBorrow(s, power).healthy; i++) power -= 1n;
  const liquidity = zeroFloorSub(s.market.totalSupplyAssets, s.market.totalBorrowAssets);
  const capRoom = zeroFloorSub(s.borrowCap, s.market.totalBorrowAssets);
  return [power, liquidity, capRoom].reduce((a, b) => (a < b ? a : b));
}

/**
 * Previews a liquidation from the collateral to seize (`seizedAssets`) or the debt shares to repay
 * (`repaidShares`), with the market's totals before it, its LLTV and the price, as the hub computes it.
 *
 * @example
 * ```ts
 * import { previewLiquidation } from '@plaza/sdk';
 * const { repaidAssets } = previewLiquidation({ market, lltv, price }, { seizedAssets: 10n ** 18n });
 * ```
 */
export function previewLiquidation(
  s: { market: MarketTotals; lltv: bigint; price: bigint },
  amount: { seizedAssets: bigint } | { repaidShares: bigint },
): { seizedAssets: bigint; repaidShares: bigint; repaidAssets: bigint; incentiveFactor: bigint } {
  const lif = liquidationIncentiveFactor(s.lltv);
  const { totalBorrowAssets: a, totalBorrowShares: sh } = s.market;
  let seizedAssets: bigint;
  let repaidShares: bigint;
  if ('seizedAssets' in amount) {
    seizedAssets = amount.seizedAssets;
    repaidShares = toSharesUp(wDivUp(mulDivUp(seizedAssets, s.price, ORACLE_PRICE_SCALE), lif), a, sh);
  } else {
    repaidShares = amount.repaidShares;
    seizedAssets = mulDivDown(wMulDown(toAssetsDown(repaidShares, a, sh), lif), ORACLE_PRICE_SCALE, s.price);
  }
  return { seizedAssets, repaidShares, repaidAssets: toAssetsUp(repaidShares, a, sh), incentiveFactor: lif };
}

/**
 * Previews a supply of `assets` (shares rounded down) or of `{ shares }` (assets rounded up).
 *
 * @example
 * ```ts
 * import { previewSupply } from '@plaza/sdk';
 * const { shares } = previewSupply(market, parsePusd('1000'));
 * ```
 */
export function previewSupply(
  market: MarketTotals,
  amount: bigint | { shares: bigint },
): { assets: bigint; shares: bigint } {
  if (typeof amount === 'bigint') {
    return {
      assets: amount,
      shares: toSharesDown(amount, market.totalSupplyAssets, market.totalSupplyShares),
    };
  }
  return {
    assets: toAssetsUp(amount.shares, market.totalSupplyAssets, market.totalSupplyShares),
    shares: amount.shares,
  };
}

/**
 * Previews a lender's withdrawal of `assets` (shares rounded up) or of `{ shares }` (assets rounded down).
 *
 * @example
 * ```ts
 * import { previewWithdraw } from '@plaza/sdk';
 * const { assets } = previewWithdraw(market, { shares: position.supplyShares });
 * ```
 */
export function previewWithdraw(
  market: MarketTotals,
  amount: bigint | { shares: bigint },
): { assets: bigint; shares: bigint } {
  if (typeof amount === 'bigint') {
    return { assets: amount, shares: toSharesUp(amount, market.totalSupplyAssets, market.totalSupplyShares) };
  }
  return {
    assets: toAssetsDown(amount.shares, market.totalSupplyAssets, market.totalSupplyShares),
    shares: amount.shares,
  };
}
