import { quoteBuyGem, quoteSellGem, type PsmFeeParams } from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountToInput } from '../amount';
import { PUSD, USDC, maxPay, planSwap } from './swap';

// The devnet's PSM: 0.05% in, 0.1% out, USDC (6 decimals) → pUSD (18).
const params: PsmFeeParams = { tin: 5n, tout: 10n, to18: 10n ** 12n };
const feeParams = fc.record({
  tin: fc.bigInt({ min: 0n, max: 1000n }),
  tout: fc.bigInt({ min: 0n, max: 1000n }),
  to18: fc.constant(10n ** 12n),
});

describe('planSwap: selling USDC for pUSD', () => {
  it('quotes exactly what sellGem pays', () => {
    const form = planSwap('sell', '1000', params, undefined);
    expect(form).toEqual({
      state: 'valid',
      plan: {
        direction: 'sell',
        gemAmount: 1_000_000_000n,
        pay: 1_000_000_000n,
        receive: 999_500_000_000_000_000_000n, // 1000 − 0.05%
        fee: 500_000_000_000_000_000n,
        feeBps: 5n,
      },
    });
  });

  it('agrees with the SDK’s contract math for any amount and fee', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), feeParams, (gem, p) => {
        const form = planSwap('sell', amountToInput(gem, USDC), p, undefined);
        if (form.state !== 'valid') return false;
        const quote = quoteSellGem(gem, p);
        return (
          form.plan.gemAmount === gem && form.plan.receive === quote.pusdOut && form.plan.fee === quote.fee
        );
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('validates before quoting: format, decimals, balance', () => {
    expect(planSwap('sell', '', params, 10n)).toEqual({ state: 'empty' });
    expect(planSwap('sell', '1.0000001', params, undefined)).toEqual({
      state: 'invalid',
      message: 'USDC has at most 6 decimals.',
    });
    expect(planSwap('sell', '10.5', params, 10_000_000n)).toEqual({
      state: 'invalid',
      message: 'More than your balance of 10 USDC.',
    });
  });
});

describe('planSwap: buying USDC with pUSD', () => {
  it('treats the pUSD typed as a budget and buys the most USDC it pays for', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 13n, max: 10n ** 27n }), feeParams, (budget, p) => {
        const form = planSwap('buy', amountToInput(budget, PUSD), p, undefined);
        if (form.state !== 'valid') return false;
        const { gemAmount, pay, receive } = form.plan;
        return (
          receive === gemAmount &&
          pay === quoteBuyGem(gemAmount, p).pusdIn &&
          pay <= budget &&
          quoteBuyGem(gemAmount + 1n, p).pusdIn > budget &&
          (pay === budget) === (form.note === undefined)
        );
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('quotes an exact budget without a note, and explains a rounded one', () => {
    // 100.1 pUSD buys exactly 100 USDC at 0.1%.
    const exact = planSwap('buy', '100.1', params, undefined);
    expect(exact.state === 'valid' && exact.plan.receive).toBe(100_000_000n);
    expect(exact.state === 'valid' && exact.note).toBeUndefined();
    const rounded = planSwap('buy', '100.2', params, undefined);
    expect(rounded.state === 'valid' && rounded.plan.pay < 100_200_000_000_000_000_000n).toBe(true);
    expect(rounded.state === 'valid' && rounded.note).toMatch(/slightly under what you typed/);
  });

  it('refuses a budget too small for one USDC unit', () => {
    expect(planSwap('buy', '0.0000001', params, undefined)).toEqual({
      state: 'invalid',
      message: 'Too little to buy the smallest USDC unit (0.000001 USDC) with its fee.',
    });
  });
});

describe('maxPay', () => {
  it('is the whole USDC balance for a sale, and the exact cost of the most USDC the pUSD buys', () => {
    expect(maxPay('sell', 123n, params)).toBe(123n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 27n }), feeParams, (balance, p) => {
        const pay = maxPay('buy', balance, p);
        if (pay > balance) return false;
        if (pay === 0n) return true;
        // Typing the Max amount plans a purchase of exactly that cost.
        const form = planSwap('buy', amountToInput(pay, PUSD), p, balance);
        return form.state === 'valid' && form.plan.pay === pay && form.note === undefined;
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
