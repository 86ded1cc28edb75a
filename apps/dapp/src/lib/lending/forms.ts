// The Lend / Borrow forms' math and validation, on the SDK's exact LendingHub math (@plaza/sdk lending/math):
// supply and withdraw previews, the health factor and liquidation price as the borrower types, warnings below a
// safe level, and repayments (including "repay all", by shares).
import {
  MAX_UINT256,
  ORACLE_PRICE_SCALE,
  WAD,
  positionFigures,
  previewBorrow,
  previewCollateralChange,
  previewRepay,
  previewSupply,
  previewWithdraw,
  type LendingSnapshot,
  type MarketTotals,
  type PositionFigures,
  type PreviewRefusal,
} from '@plaza/sdk';
import { formatAmount, parseAmount, type TokenUnit } from '../amount';

export const PUSD: TokenUnit = { symbol: 'pUSD', decimals: 18 };

/** Health factors below this get a warning; below `DANGER_HF` a strong one; below 1 the hub refuses. */
export const SAFE_HF = 15n * 10n ** 17n; // 1.5
export const DANGER_HF = 12n * 10n ** 17n; // 1.2

export type HealthLevel = 'none' | 'safe' | 'caution' | 'danger' | 'liquidatable';

/** How healthy a health factor (WAD) is: `none` without debt (or price). */
export function healthLevel(hf: bigint | undefined): HealthLevel {
  if (hf === undefined || hf === MAX_UINT256) return 'none';
  if (hf < WAD) return 'liquidatable';
  if (hf < DANGER_HF) return 'danger';
  if (hf < SAFE_HF) return 'caution';
  return 'safe';
}

/** A health factor as people read it: "1.85", "∞" without debt, "—" without a price. Rounded down. */
export function formatHealthFactor(hf: bigint | undefined): string {
  if (hf === undefined) return '—';
  if (hf === MAX_UINT256) return '∞';
  if (hf >= 1000n * WAD) return '>1,000';
  return formatAmount(hf, { decimals: 18 }, { maxDecimals: 2, minDecimals: 2 });
}

/** The warning for a health factor after a change, or undefined when it is safe. */
export function healthWarning(hf: bigint | undefined): string | undefined {
  switch (healthLevel(hf)) {
    case 'liquidatable':
      return 'Below 1.00: the hub refuses this, the position would be liquidatable.';
    case 'danger':
      return 'Health factor below 1.20: a small fall in the collateral’s NAV would make this position liquidatable.';
    case 'caution':
      return 'Health factor below 1.50: keep a margin for NAV moves and accruing interest.';
    default:
      return undefined;
  }
}

/** The note on a position as it stands (not a change): undefined while it is safe or has no debt. */
export function positionHealthNote(hf: bigint | undefined): string | undefined {
  switch (healthLevel(hf)) {
    case 'liquidatable':
      return 'Your health factor is below 1.00: this position can be liquidated now. Repay or add collateral.';
    case 'danger':
      return 'Your health factor is below 1.20: a small fall in the collateral’s NAV would make it liquidatable. Repay or add collateral.';
    case 'caution':
      return 'Your health factor is below 1.50: consider repaying or adding collateral.';
    default:
      return undefined;
  }
}

/** A price of one whole collateral token in pUSD wei, from the oracle's 1e36-scaled price. */
export function pricePerToken(price: bigint, collateralDecimals: number): bigint {
  return (price * 10n ** BigInt(collateralDecimals)) / ORACLE_PRICE_SCALE;
}

/** Percent with two decimals from a WAD fraction: 0.0512e18 → "5.12%". */
export function formatWadPercent(x: bigint): string {
  return `${formatAmount(x * 100n, { decimals: 18 }, { maxDecimals: 2, minDecimals: 2 })}%`;
}

const refusalMessages: Record<PreviewRefusal, string> = {
  InsufficientCollateral: 'Not enough collateral for this borrow: add collateral or borrow less.',
  InsufficientLiquidity: 'The market does not have this much pUSD to lend right now.',
  BorrowCapExceeded: 'This would exceed the market’s borrow cap.',
  DustLeft: 'The debt must be at least the market’s minimum',
  PriceUnavailable: 'The collateral has no fresh price: borrowing is paused until its NAV is reported again.',
};

export type Form<T> =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string }
  | ({ readonly state: 'valid' } & T);

/** Lending pUSD: the shares it mints, within the supply cap. */
export function planSupply(
  typed: string,
  market: MarketTotals & { readonly supplyCap: bigint },
  balance: bigint | undefined,
): Form<{ assets: bigint; shares: bigint }> {
  const room = market.supplyCap > market.totalSupplyAssets ? market.supplyCap - market.totalSupplyAssets : 0n;
  const field = parseAmount(typed, PUSD, {
    balance,
    max: { value: room, label: 'the room under the supply cap' },
  });
  if (field.state !== 'valid') return field;
  const { shares } = previewSupply(market, field.value);
  if (shares === 0n) return { state: 'invalid', message: 'Too little to mint a supply share.' };
  return { state: 'valid', assets: field.value, shares };
}

/**
 * Withdrawing lent pUSD: by assets, or everything (by shares, so no dust is left) when `all` is set or the amount
 * typed is the whole supply. Capped by the market's liquidity.
 */
export function planLenderWithdraw(
  typed: string,
  market: MarketTotals,
  supplyShares: bigint,
  all: boolean,
): Form<{ assets: bigint; shares: bigint; all: boolean }> {
  const whole = previewWithdraw(market, { shares: supplyShares });
  const liquidity =
    market.totalSupplyAssets > market.totalBorrowAssets
      ? market.totalSupplyAssets - market.totalBorrowAssets
      : 0n;
  if (all) {
    if (supplyShares === 0n) return { state: 'invalid', message: 'You have nothing supplied here.' };
    if (whole.assets > liquidity) {
      return {
        state: 'invalid',
        message: `Only ${formatAmount(liquidity, PUSD)} pUSD is available to withdraw now (the rest is lent out).`,
      };
    }
    return { state: 'valid', ...whole, all: true };
  }
  const field = parseAmount(typed, PUSD, {
    max: { value: whole.assets, label: 'your supply' },
  });
  if (field.state !== 'valid') return field;
  if (field.value > liquidity) {
    return {
      state: 'invalid',
      message: `Only ${formatAmount(liquidity, PUSD)} pUSD is available to withdraw now (the rest is lent out).`,
    };
  }
  if (field.value === whole.assets) return { state: 'valid', ...whole, all: true };
  const { shares } = previewWithdraw(market, field.value);
  return { state: 'valid', assets: field.value, shares, all: false };
}

/** A borrow (with optional collateral posted first) and what the position looks like after it. */
export interface BorrowPlan {
  readonly collateral: bigint;
  readonly borrow: bigint;
  readonly before: PositionFigures;
  readonly after: PositionFigures;
  readonly level: HealthLevel;
  readonly warning: string | undefined;
}

/**
 * Posting `collateralTyped` and borrowing `borrowTyped` (either may be empty): the health factor and
 * liquidation price after both, as the borrower types, and the hub's refusal in words.
 */
export function planBorrow(
  snapshot: LendingSnapshot,
  collateralTyped: string,
  borrowTyped: string,
  collateralToken: TokenUnit,
  collateralBalance: bigint | undefined,
): Form<BorrowPlan> & { readonly preview?: PositionFigures; readonly field?: 'collateral' | 'borrow' } {
  const c = parseAmount(collateralTyped, collateralToken, { balance: collateralBalance });
  const b = parseAmount(borrowTyped, PUSD);
  if (c.state === 'invalid') return { ...c, field: 'collateral' };
  if (b.state === 'invalid') return { ...b, field: 'borrow' };
  if (c.state === 'empty' && b.state === 'empty') return { state: 'empty' };
  const collateral = c.state === 'valid' ? c.value : 0n;
  const borrow = b.state === 'valid' ? b.value : 0n;
  const before = positionFigures(snapshot);
  const withCollateral: LendingSnapshot = { ...snapshot, collateral: snapshot.collateral + collateral };
  if (borrow === 0n) {
    const after = previewCollateralChange(snapshot, collateral);
    const level = healthLevel(after.healthFactor);
    return {
      state: 'valid',
      collateral,
      borrow,
      before,
      after,
      level,
      warning: healthWarning(after.healthFactor),
    };
  }
  const after = previewBorrow(withCollateral, borrow);
  if (after.refusal) {
    const message =
      after.refusal === 'DustLeft'
        ? `${refusalMessages.DustLeft} (${formatAmount(snapshot.minLeftover, PUSD)} pUSD).`
        : after.refusal === 'InsufficientCollateral'
          ? `${refusalMessages.InsufficientCollateral} The health factor would be ${formatHealthFactor(after.healthFactor)}.`
          : refusalMessages[after.refusal];
    return { state: 'invalid', message, preview: after, field: 'borrow' };
  }
  const level = healthLevel(after.healthFactor);
  return {
    state: 'valid',
    collateral,
    borrow,
    before,
    after,
    level,
    warning: healthWarning(after.healthFactor),
  };
}

/** A repayment: by assets, or every borrow share ("repay all", which costs the debt rounded up). */
export function planRepay(
  snapshot: LendingSnapshot,
  typed: string,
  all: boolean,
  balance: bigint | undefined,
): Form<{ assets: bigint; shares: bigint; all: boolean; after: PositionFigures }> {
  if (snapshot.borrowShares === 0n) return { state: 'invalid', message: 'You have no debt in this market.' };
  const debt = positionFigures(snapshot).debt;
  if (all) {
    const p = previewRepay(snapshot, { shares: snapshot.borrowShares });
    if (balance !== undefined && p.assets > balance) {
      return {
        state: 'invalid',
        message: `Repaying everything takes ${formatAmount(p.assets, PUSD)} pUSD, more than your balance of ${formatAmount(balance, PUSD)}.`,
      };
    }
    return { state: 'valid', assets: p.assets, shares: p.shares, all: true, after: p };
  }
  const field = parseAmount(typed, PUSD, { balance, max: { value: debt, label: 'your debt' } });
  if (field.state !== 'valid') return field;
  if (field.value === debt) {
    const p = previewRepay(snapshot, { shares: snapshot.borrowShares });
    return { state: 'valid', assets: p.assets, shares: p.shares, all: true, after: p };
  }
  const p = previewRepay(snapshot, field.value);
  if (p.debt > 0n && p.debt < snapshot.minLeftover) {
    return {
      state: 'invalid',
      message: `This would leave ${formatAmount(p.debt, PUSD)} pUSD of debt, under the market’s minimum of ${formatAmount(snapshot.minLeftover, PUSD)}: repay all or less.`,
    };
  }
  return { state: 'valid', assets: p.assets, shares: p.shares, all: false, after: p };
}
