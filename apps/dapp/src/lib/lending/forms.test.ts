import {
  MAX_UINT256,
  ORACLE_PRICE_SCALE,
  WAD,
  healthFactor,
  liquidationPrice,
  positionFigures,
  toAssetsUp,
  type LendingSnapshot,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountToInput } from '../amount';
import {
  PUSD,
  formatHealthFactor,
  formatWadPercent,
  healthLevel,
  healthWarning,
  planBorrow,
  planLenderWithdraw,
  planRepay,
  planSupply,
  positionHealthNote,
  pricePerToken,
} from './forms';

const E18 = 10n ** 18n;
const HRBR = { symbol: 'HRBR', decimals: 18 };
const pusd = (n: number | string) => BigInt(Math.round(Number(n) * 1e6)) * 10n ** 12n;

/** A market with 100k supplied, 40k borrowed (shares 1e6 per asset as the hub starts), a 100 pUSD NAV, LLTV 77%. */
function snapshot(over: Partial<LendingSnapshot> = {}): LendingSnapshot {
  return {
    market: {
      totalSupplyAssets: pusd(100_000),
      totalSupplyShares: pusd(100_000) * 10n ** 6n,
      totalBorrowAssets: pusd(40_000),
      totalBorrowShares: pusd(40_000) * 10n ** 6n,
    },
    lltv: 77n * 10n ** 16n,
    minLeftover: pusd(100),
    borrowCap: pusd(8_000_000),
    supplyCap: pusd(10_000_000),
    price: 100n * ORACLE_PRICE_SCALE, // 100 pUSD per share (both 18 decimals)
    supplyShares: 0n,
    borrowShares: 0n,
    collateral: 0n,
    ...over,
  };
}

describe('health levels and formatting', () => {
  it('grades the health factor with warnings below 1.5 and 1.2, refusal below 1', () => {
    expect(healthLevel(undefined)).toBe('none');
    expect(healthLevel(MAX_UINT256)).toBe('none');
    expect(healthLevel(2n * WAD)).toBe('safe');
    expect(healthLevel(15n * 10n ** 17n)).toBe('safe');
    expect(healthLevel(15n * 10n ** 17n - 1n)).toBe('caution');
    expect(healthLevel(12n * 10n ** 17n - 1n)).toBe('danger');
    expect(healthLevel(WAD - 1n)).toBe('liquidatable');
    expect(healthWarning(2n * WAD)).toBeUndefined();
    expect(healthWarning(14n * 10n ** 17n)).toMatch(/below 1\.50/);
    expect(healthWarning(11n * 10n ** 17n)).toMatch(/below 1\.20/);
    expect(positionHealthNote(2n * WAD)).toBeUndefined();
    expect(positionHealthNote(MAX_UINT256)).toBeUndefined();
    expect(positionHealthNote(WAD - 1n)).toMatch(/can be liquidated now/);
    expect(positionHealthNote(105n * 10n ** 16n)).toMatch(/below 1\.20/);
  });

  it('shows health factors rounded down, ∞ without debt', () => {
    expect(formatHealthFactor(1_859_999_999_999_999_999n)).toBe('1.85');
    expect(formatHealthFactor(MAX_UINT256)).toBe('∞');
    expect(formatHealthFactor(undefined)).toBe('—');
    expect(formatWadPercent(51_234n * 10n ** 12n)).toBe('5.12%');
  });

  it('prices one whole collateral token from the oracle scale', () => {
    expect(pricePerToken(100n * ORACLE_PRICE_SCALE, 18)).toBe(100n * E18);
    // A 6-decimal token priced at 2 pUSD: 2e18 wei per 1e6 units → price = 2e18 × 1e36 / 1e6.
    expect(pricePerToken((2n * E18 * ORACLE_PRICE_SCALE) / 10n ** 6n, 6)).toBe(2n * E18);
  });
});

describe('planBorrow: the health factor as you type', () => {
  it('posting collateral and borrowing: HF and liquidation price equal the contract math', () => {
    const s = snapshot();
    const form = planBorrow(s, '100', '5000', HRBR, 1000n * E18);
    if (form.state !== 'valid') throw new Error(form.state === 'invalid' ? form.message : 'empty');
    // 100 shares × 100 pUSD × 77% = 7,700 max debt; 5,000 borrowed (rounded up by a share at most).
    const debt = form.after.debt;
    expect(debt - pusd(5000)).toBeLessThanOrEqual(1n);
    expect(form.after.healthFactor).toBe(
      healthFactor({ collateral: 100n * E18, debt, price: s.price!, lltv: s.lltv }),
    );
    expect(formatHealthFactor(form.after.healthFactor)).toBe('1.54'); // 7,700 / 5,000
    expect(form.after.liquidationPrice).toBe(
      liquidationPrice({ collateral: 100n * E18, debt, lltv: s.lltv }),
    );
    expect(pricePerToken(form.after.liquidationPrice, 18) / 10n ** 16n).toBe(6493n); // ≈ 64.93 pUSD per share
    expect(form.level).toBe('safe');
    expect(form.before.debt).toBe(0n);
  });

  it('warns as the borrow approaches the limit and refuses past it', () => {
    const s = snapshot({ collateral: 100n * E18 });
    expect(planBorrow(s, '', '6000', HRBR, 0n)).toMatchObject({ state: 'valid', level: 'caution' });
    expect(planBorrow(s, '', '7000', HRBR, 0n)).toMatchObject({ state: 'valid', level: 'danger' });
    const over = planBorrow(s, '', '7701', HRBR, 0n);
    expect(over).toMatchObject({ state: 'invalid', field: 'borrow' });
    if (over.state === 'invalid') {
      expect(over.message).toBe(
        'Not enough collateral for this borrow: add collateral or borrow less. The health factor would be 0.99.',
      );
    }
  });

  it('the health factor falls as the borrow grows, and the hub accepts exactly when it is ≥ 1', () => {
    const s = snapshot({ collateral: 100n * E18 });
    fc.assert(
      fc.property(fc.bigInt({ min: pusd(100), max: pusd(20_000) }), (borrow) => {
        const form = planBorrow(s, '', amountToInput(borrow, PUSD), HRBR, 0n);
        const debt = toAssetsUp(
          (borrow * s.market.totalBorrowShares + s.market.totalBorrowAssets - 1n) /
            s.market.totalBorrowAssets,
          s.market.totalBorrowAssets + borrow,
          s.market.totalBorrowShares +
            (borrow * s.market.totalBorrowShares + s.market.totalBorrowAssets - 1n) /
              s.market.totalBorrowAssets,
        );
        const fits = (100n * E18 * 100n * 77n) / 100n >= debt;
        return fits ? form.state === 'valid' : form.state === 'invalid';
      }),
    );
  });

  it('says why the hub would refuse: dust, liquidity, cap, no price; and bad input per field', () => {
    const s = snapshot({ collateral: 1000n * E18 });
    expect(planBorrow(s, '', '50', HRBR, 0n)).toMatchObject({
      state: 'invalid',
      message: 'The debt must be at least the market’s minimum (100 pUSD).',
    });
    expect(planBorrow(s, '', '60001', HRBR, 0n)).toMatchObject({
      message: 'The market does not have this much pUSD to lend right now.',
    });
    expect(planBorrow({ ...s, borrowCap: pusd(41_000) }, '', '2000', HRBR, 0n)).toMatchObject({
      message: 'This would exceed the market’s borrow cap.',
    });
    expect(planBorrow({ ...s, price: undefined }, '', '2000', HRBR, 0n)).toMatchObject({
      message: 'The collateral has no fresh price: borrowing is paused until its NAV is reported again.',
    });
    expect(planBorrow(s, '5', '', HRBR, 1n * E18)).toEqual({
      state: 'invalid',
      field: 'collateral',
      message: 'More than your balance of 1 HRBR.',
    });
    expect(planBorrow(s, '', 'x', HRBR, 0n)).toMatchObject({ state: 'invalid', field: 'borrow' });
    expect(planBorrow(s, '', '', HRBR, 0n)).toEqual({ state: 'empty' });
  });

  it('collateral alone raises the health factor of an existing debt', () => {
    const s = snapshot({ collateral: 100n * E18, borrowShares: pusd(7000) * 10n ** 6n });
    const form = planBorrow(s, '50', '', HRBR, 100n * E18);
    if (form.state !== 'valid') throw new Error('invalid');
    expect(form.after.healthFactor! > form.before.healthFactor!).toBe(true);
    expect(form.before.debt).toBe(form.after.debt);
    expect(form.after.liquidationPrice < form.before.liquidationPrice).toBe(true);
  });
});

describe('planRepay', () => {
  const s = snapshot({ collateral: 100n * E18, borrowShares: pusd(5000) * 10n ** 6n });
  const debt = positionFigures(s).debt;

  it('repay all pays every share, costing the debt rounded up', () => {
    const form = planRepay(s, '', true, 10n ** 30n);
    expect(form).toMatchObject({ state: 'valid', all: true, shares: s.borrowShares, assets: debt });
    if (form.state === 'valid') expect(form.after.debt).toBe(0n);
    // Typing exactly the debt is the same as repay all.
    expect(planRepay(s, amountToInput(debt, PUSD), false, 10n ** 30n)).toMatchObject({ all: true });
  });

  it('refuses leaving dust, more than the debt or the balance', () => {
    expect(planRepay(s, '4950', false, 10n ** 30n)).toMatchObject({
      state: 'invalid',
      message: 'This would leave 50 pUSD of debt, under the market’s minimum of 100: repay all or less.',
    });
    expect(planRepay(s, '6000', false, 10n ** 30n)).toMatchObject({
      message: 'More than your debt (5,000 pUSD).',
    });
    expect(planRepay(s, '', true, pusd(10))).toMatchObject({
      message: 'Repaying everything takes 5,000 pUSD, more than your balance of 10.',
    });
    expect(planRepay(snapshot(), '1', false, 0n)).toMatchObject({
      message: 'You have no debt in this market.',
    });
  });

  it('a partial repayment lowers the debt by what is paid', () => {
    const form = planRepay(s, '1000', false, 10n ** 30n);
    if (form.state !== 'valid') throw new Error('invalid');
    expect(debt - form.after.debt).toBeGreaterThanOrEqual(pusd(1000) - 1n);
    expect(debt - form.after.debt).toBeLessThanOrEqual(pusd(1000) + 1n);
  });
});

describe('supply and withdraw', () => {
  const s = snapshot();
  it('previews the shares a supply mints, within balance and cap', () => {
    expect(planSupply('1000', { ...s.market, supplyCap: s.supplyCap }, pusd(5000))).toEqual({
      state: 'valid',
      assets: pusd(1000),
      shares: pusd(1000) * 10n ** 6n,
    });
    expect(planSupply('1000', { ...s.market, supplyCap: pusd(100_500) }, pusd(5000))).toMatchObject({
      message: 'More than the room under the supply cap (500 pUSD).',
    });
  });

  it('withdraws by assets, everything by shares, never more than the liquidity', () => {
    const shares = pusd(2000) * 10n ** 6n;
    expect(planLenderWithdraw('500', s.market, shares, false)).toMatchObject({
      state: 'valid',
      assets: pusd(500),
      all: false,
    });
    expect(planLenderWithdraw('', s.market, shares, true)).toMatchObject({
      state: 'valid',
      shares,
      all: true,
    });
    expect(planLenderWithdraw('2000', s.market, shares, false)).toMatchObject({ all: true, shares });
    expect(planLenderWithdraw('2001', s.market, shares, false)).toMatchObject({
      message: 'More than your supply (2,000 pUSD).',
    });
    const tight = { ...s.market, totalBorrowAssets: pusd(99_000) };
    expect(planLenderWithdraw('1500', tight, shares, false)).toMatchObject({
      message: 'Only 1,000 pUSD is available to withdraw now (the rest is lent out).',
    });
  });
});
