import { describe, expect, it } from 'vitest';
import { amountToInput, formatAmount, formatBps, formatPercent, parseAmount, shortAddress } from './amount';

const USDC = { symbol: 'USDC', decimals: 6 };
const PUSD = { symbol: 'pUSD', decimals: 18 };

describe('parseAmount', () => {
  it('reads decimals exactly, in base units', () => {
    expect(parseAmount('12.5', USDC)).toEqual({ state: 'valid', value: 12_500_000n });
    expect(parseAmount('0.000001', USDC)).toEqual({ state: 'valid', value: 1n });
    expect(parseAmount('1000', PUSD)).toEqual({ state: 'valid', value: 1000n * 10n ** 18n });
    expect(parseAmount('.5', USDC)).toEqual({ state: 'valid', value: 500_000n });
    expect(parseAmount('5.', USDC)).toEqual({ state: 'valid', value: 5_000_000n });
    expect(parseAmount(' 1 000_000 ', USDC)).toEqual({ state: 'valid', value: 1_000_000_000_000n });
    expect(parseAmount('0.123456789012345678', PUSD)).toEqual({ state: 'valid', value: 123456789012345678n });
  });

  it('says what is wrong with what was typed', () => {
    expect(parseAmount('', USDC)).toEqual({ state: 'empty' });
    expect(parseAmount('   ', USDC)).toEqual({ state: 'empty' });
    expect(parseAmount('abc', USDC)).toEqual({ state: 'invalid', message: 'Enter a number, e.g. 12.5.' });
    expect(parseAmount('-1', USDC)).toEqual({ state: 'invalid', message: 'Enter a number, e.g. 12.5.' });
    expect(parseAmount('1e6', USDC)).toEqual({ state: 'invalid', message: 'Enter a number, e.g. 12.5.' });
    expect(parseAmount('1.2.3', USDC)).toEqual({ state: 'invalid', message: 'Enter a number, e.g. 12.5.' });
    expect(parseAmount('12,5', USDC)).toEqual({
      state: 'invalid',
      message: 'Use a point for decimals, e.g. 12.5.',
    });
    expect(parseAmount('1,000.5', USDC)).toEqual({
      state: 'invalid',
      message: 'Leave out the thousands separators (write 1000.5, not 1,000.5).',
    });
    expect(parseAmount('0.0000001', USDC)).toEqual({
      state: 'invalid',
      message: 'USDC has at most 6 decimals.',
    });
    expect(parseAmount('1.5', { symbol: 'PTS', decimals: 0 })).toEqual({
      state: 'invalid',
      message: 'PTS has no decimals.',
    });
    expect(parseAmount('0', USDC)).toEqual({ state: 'invalid', message: 'Enter an amount greater than 0.' });
    expect(parseAmount('0.000', USDC)).toEqual({
      state: 'invalid',
      message: 'Enter an amount greater than 0.',
    });
    expect(parseAmount('0', USDC, { allowZero: true })).toEqual({ state: 'valid', value: 0n });
  });

  it('refuses more than the balance or a limit, naming it', () => {
    expect(parseAmount('25000.000001', USDC, { balance: 25_000_000_000n })).toEqual({
      state: 'invalid',
      message: 'More than your balance of 25,000 USDC.',
    });
    expect(parseAmount('25000', USDC, { balance: 25_000_000_000n })).toEqual({
      state: 'valid',
      value: 25_000_000_000n,
    });
    expect(parseAmount('11', USDC, { max: { value: 10_000_000n, label: 'the PSM’s reserves' } })).toEqual({
      state: 'invalid',
      message: 'More than the PSM’s reserves (10 USDC).',
    });
  });
});

describe('formatAmount', () => {
  it('groups thousands and trims trailing zeros', () => {
    expect(formatAmount(143_000n * 10n ** 18n, PUSD)).toBe('143,000');
    expect(formatAmount(1_234_567_890_123n, USDC)).toBe('1,234,567.890123');
    expect(formatAmount(1_500_000n, USDC)).toBe('1.5');
    expect(formatAmount(0n, USDC)).toBe('0');
    expect(formatAmount(-2_500_000n, USDC)).toBe('-2.5');
    expect(formatAmount(1_234_000_000n, USDC, { group: false })).toBe('1234');
  });

  it('rounds down (never overstates) and marks amounts too small to show', () => {
    expect(formatAmount(1_999_999n, USDC, { maxDecimals: 2 })).toBe('1.99');
    expect(formatAmount(999n * 10n ** 15n, PUSD, { maxDecimals: 2, minDecimals: 2 })).toBe('0.99');
    expect(formatAmount(5n, PUSD, { maxDecimals: 6 })).toBe('<0.000001');
    expect(formatAmount(5n, PUSD, { maxDecimals: 0 })).toBe('<1');
    expect(formatAmount(2n * 10n ** 18n, PUSD, { minDecimals: 2 })).toBe('2.00');
  });

  it('gives input text that parses back to the same amount', () => {
    for (const value of [0n, 1n, 10n ** 18n, 123456789012345678901234n, 5n * 10n ** 17n]) {
      expect(parseAmount(amountToInput(value, PUSD), PUSD, { allowZero: true })).toEqual({
        state: 'valid',
        value,
      });
    }
  });
});

describe('percentages, bps and addresses', () => {
  it('formats shares and fee rates', () => {
    expect(formatPercent(143_000n, 100_000_000n, 2)).toBe('0.14%');
    expect(formatPercent(1n, 3n)).toBe('33.3%');
    expect(formatPercent(5n, 0n)).toBe('—');
    expect(formatBps(5n)).toBe('0.05%');
    expect(formatBps(10n)).toBe('0.1%');
    expect(formatBps(100n)).toBe('1%');
    expect(formatBps(1000n)).toBe('10%');
    expect(formatBps(0n)).toBe('0%');
    expect(shortAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe('0x7099…79C8');
  });
});
