import {
  savingsPreviewDeposit,
  savingsPreviewRedeem,
  savingsPreviewWithdraw,
  type VaultSnapshot,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountToInput, formatAmount } from '../amount';
import { PUSD, apySplit, planSavingsDeposit, planSavingsWithdraw } from './forms';

const E18 = 10n ** 18n;
// A vault with 10,500 pUSD for 10,000 spUSD-worth of shares (income accrued), 10% performance fee.
const vault: VaultSnapshot = {
  totalAssets: 10_500n * E18,
  totalSupply: 10_000n * 10n ** 24n,
  lastTotalAssets: 10_500n * E18,
  performanceFee: 10n ** 17n,
};

describe('planSavingsDeposit', () => {
  it('mints what the vault’s previewDeposit says, for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 27n }), (assets) => {
        const form = planSavingsDeposit(amountToInput(assets, PUSD), vault, undefined);
        return (
          form.state === 'valid' && form.shares === savingsPreviewDeposit(vault, assets) && form.shares > 0n
        );
      }),
    );
  });

  it('refuses more than the balance', () => {
    expect(planSavingsDeposit('10', vault, 5n * E18)).toEqual({
      state: 'invalid',
      message: 'More than your balance of 5 pUSD.',
    });
  });
});

describe('planSavingsWithdraw', () => {
  const shares = 1000n * 10n ** 24n;
  const whole = savingsPreviewRedeem(vault, shares);
  const position = { shares, maxWithdraw: whole };

  it('burns what previewWithdraw says, and redeems every share for "all" or the whole amount', () => {
    expect(planSavingsWithdraw('100', vault, position, false)).toEqual({
      state: 'valid',
      assets: 100n * E18,
      shares: savingsPreviewWithdraw(vault, 100n * E18),
      all: false,
    });
    expect(planSavingsWithdraw('', vault, position, true)).toEqual({
      state: 'valid',
      assets: whole,
      shares,
      all: true,
    });
    expect(planSavingsWithdraw(amountToInput(whole, PUSD), vault, position, false)).toMatchObject({
      all: true,
      shares,
    });
  });

  it('refuses more than the savings or the vault’s liquidity', () => {
    expect(whole / E18).toBe(1049n); // 1,000 of 10,000 shares of 10,500 pUSD, less the virtual share's part
    expect(planSavingsWithdraw('2000', vault, position, false)).toMatchObject({
      state: 'invalid',
      message: `More than your savings (${formatAmount(whole, PUSD)} pUSD).`,
    });
    expect(planSavingsWithdraw('600', vault, { shares, maxWithdraw: 500n * E18 }, false)).toMatchObject({
      message: 'The vault can pay out 500 pUSD to you right now (the rest is lent out).',
    });
    expect(planSavingsWithdraw('', vault, { shares: 0n, maxWithdraw: 0n }, true)).toMatchObject({
      message: 'You have no spUSD.',
    });
  });
});

describe('apySplit', () => {
  it('splits the APY between lending interest and RWA income', () => {
    const apy = {
      lendingApy: 3n * 10n ** 16n,
      incomeApy: 10n ** 16n,
      apy: 4n * 10n ** 16n,
      grossLendingApy: 0n,
      grossIncomeApy: 0n,
    };
    expect(apySplit(apy)).toEqual({ lendingBps: 7500, incomeBps: 2500 });
    expect(apySplit({ ...apy, lendingApy: 0n, incomeApy: 0n, apy: 0n })).toEqual({
      lendingBps: 0,
      incomeBps: 0,
    });
  });
});
