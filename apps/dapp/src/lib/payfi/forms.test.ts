import {
  encodeOrderRef,
  parsePaymentLink,
  paymentLink,
  paymentsToCsv,
  type PaymentCsvRow,
  type PaymentRequest,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkoutProblem,
  checkoutProblemMessage,
  csvFileName,
  MAX_PAYMENT,
  orderRefProblem,
  pageQuery,
  pageRows,
  paymentActions,
  planAdvance,
  planCapture,
  planPaymentLink,
  planRedeem,
  planRefund,
  readCsv,
  searchTerm,
  timeLeft,
} from './forms';

const E18 = 10n ** 18n;
const NOW = 1_800_000_000;

describe('order references', () => {
  it('accepts what encodeOrderRef accepts and refuses the rest with a reason', () => {
    expect(orderRefProblem('')).toBeUndefined();
    expect(orderRefProblem('INV-1042')).toBeUndefined();
    expect(orderRefProblem('x'.repeat(31))).toBeUndefined();
    expect(orderRefProblem('x'.repeat(32))).toBe('At most 31 bytes of text (this is 32).');
    expect(orderRefProblem('é'.repeat(16))).toBe('At most 31 bytes of text (this is 32).');
    expect(orderRefProblem(`0x${'ab'.repeat(32)}`)).toBeUndefined();
    expect(orderRefProblem(`0x${'ab'.repeat(33)}`)).toMatch(/exactly 32 bytes/);
    expect(orderRefProblem('a\u0001b')).toBe('Use printable characters only.');
  });

  it('agrees with the SDK: whatever passes encodes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (ref) => {
        const trimmed = ref.trim();
        if (orderRefProblem(ref) === undefined && trimmed !== '') {
          expect(() => encodeOrderRef(trimmed)).not.toThrow();
        }
      }),
    );
  });
});

describe('payment link form', () => {
  const input = { amount: '12.5', orderRef: ' A-7 ', expiresInMinutes: 60, mode: 'pay' as const };

  it('plans a link: amount in wei, trimmed reference, expiry from chain time', () => {
    expect(planPaymentLink(input, NOW)).toEqual({
      state: 'valid',
      plan: { amount: (125n * E18) / 10n, orderRef: 'A-7', authorizationExpiry: NOW + 3600, mode: 'pay' },
    });
  });

  it('reports every field’s problem at once', () => {
    const form = planPaymentLink(
      { ...input, amount: '0', orderRef: 'x'.repeat(40), expiresInMinutes: 1 },
      NOW,
    );
    expect(form).toEqual({
      state: 'invalid',
      amountError: 'Enter an amount greater than 0.',
      orderRefError: 'At most 31 bytes of text (this is 40).',
      expiryError: 'Choose an expiry from 5 minutes to 30 days.',
    });
    expect(planPaymentLink({ ...input, expiresInMinutes: 30 * 24 * 60 + 1 }, NOW)).toMatchObject({
      state: 'invalid',
    });
    expect(planPaymentLink({ ...input, amount: '' }, NOW)).toEqual({ state: 'empty' });
    expect(planPaymentLink({ ...input, amount: '1.0000000000000000001' }, NOW)).toMatchObject({
      amountError: 'pUSD has at most 18 decimals.',
    });
    expect(planPaymentLink({ ...input, amount: (MAX_PAYMENT + 1n).toString() }, NOW)).toMatchObject({
      state: 'invalid',
    });
  });

  it('round-trips through the SDK’s link: the checkout reads back what the merchant typed', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: MAX_PAYMENT }),
        fc.stringMatching(/^[A-Za-z0-9-]{0,31}$/),
        fc.integer({ min: 5, max: 30 * 24 * 60 }),
        (wei, ref, minutes) => {
          const typed = `${wei / E18}.${(wei % E18).toString().padStart(18, '0')}`;
          const form = planPaymentLink(
            { amount: typed, orderRef: ref, expiresInMinutes: minutes, mode: 'pay' },
            NOW,
          );
          if (form.state !== 'valid') throw new Error(JSON.stringify(form));
          const zero = '0x0000000000000000000000000000000000000000' as const;
          const request: PaymentRequest = {
            chainId: 31337,
            processor: '0x1111111111111111111111111111111111111111',
            merchant: '0x2222222222222222222222222222222222222222',
            token: '0x3333333333333333333333333333333333333333',
            amount: form.plan.amount,
            pointsRedeemed: 0n,
            orderRef: form.plan.orderRef ? encodeOrderRef(form.plan.orderRef) : `0x${'0'.repeat(64)}`,
            authorizationExpiry: form.plan.authorizationExpiry,
            refundExpiry: form.plan.authorizationExpiry,
            minFeeBps: 0,
            maxFeeBps: 100,
            referrer: zero,
            autoCapture: true,
            salt: 7n,
          };
          const parsed = parsePaymentLink(paymentLink(request, { baseUrl: 'http://127.0.0.1:5173' }));
          expect(parsed.kind).toBe('plaza');
          if (parsed.kind !== 'plaza') return;
          expect(parsed.request.amount).toBe(wei);
          expect(parsed.request.authorizationExpiry).toBe(NOW + minutes * 60);
          expect(parsed.request.orderRef).toBe(request.orderRef);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('capture and refund', () => {
  it('captures all by default, never more than capturable', () => {
    expect(planCapture('', 50n * E18)).toEqual({ state: 'valid', value: 50n * E18 });
    expect(planCapture('', 0n)).toEqual({ state: 'empty' });
    expect(planCapture('20', 50n * E18)).toEqual({ state: 'valid', value: 20n * E18 });
    expect(planCapture('50.01', 50n * E18)).toEqual({
      state: 'invalid',
      message: 'More than what is still capturable (50 pUSD).',
    });
  });

  it('refunds in full by default, partially up to what is held, only inside the window', () => {
    const held = 60n * E18;
    expect(planRefund('', held, NOW + 10, NOW)).toEqual({
      state: 'valid',
      plan: { amount: held, full: true },
    });
    expect(planRefund('12.5', held, NOW + 10, NOW)).toEqual({
      state: 'valid',
      plan: { amount: (125n * E18) / 10n, full: false },
    });
    expect(planRefund('60', held, NOW + 10, NOW)).toEqual({
      state: 'valid',
      plan: { amount: held, full: true },
    });
    expect(planRefund('60.000000000000000001', held, NOW + 10, NOW)).toEqual({
      state: 'invalid',
      message: 'More than what is still held (60 pUSD).',
    });
    expect(planRefund('1', held, NOW, NOW)).toMatchObject({
      message: expect.stringMatching(/window has closed/),
    });
    expect(planRefund('1', 0n, NOW + 10, NOW)).toMatchObject({ state: 'invalid' });
  });

  it('property: a valid refund never exceeds what is held, and is full exactly when equal', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        (held, wei) => {
          const typed = `${wei / E18}.${(wei % E18).toString().padStart(18, '0')}`;
          const r = planRefund(typed, held, NOW + 1, NOW);
          expect(r.state).toBe(wei <= held ? 'valid' : 'invalid');
          if (r.state === 'valid') expect(r.plan).toEqual({ amount: wei, full: wei === held });
        },
      ),
    );
  });

  it('offers the actions the processor would accept', () => {
    expect(paymentActions({ capturable: 5n, held: 0n, releaseAt: null }, NOW)).toEqual({
      capture: true,
      void: true,
      refund: false,
    });
    expect(paymentActions({ capturable: 0n, held: 5n, releaseAt: NOW + 1 }, NOW)).toEqual({
      capture: false,
      void: false,
      refund: true,
    });
    expect(paymentActions({ capturable: 0n, held: 5n, releaseAt: NOW }, NOW).refund).toBe(false);
  });
});

describe('payments list', () => {
  it('pages with one extra row to know whether there is a next page', () => {
    expect(pageQuery(0, 10)).toEqual({ first: 11, skip: 0 });
    expect(pageQuery(3, 10)).toEqual({ first: 11, skip: 30 });
    expect(() => pageQuery(-1, 10)).toThrow();
    expect(() => pageQuery(0, 1000)).toThrow();
    expect(pageRows([1, 2, 3], 2)).toEqual({ rows: [1, 2], hasNext: true });
    expect(pageRows([1, 2], 2)).toEqual({ rows: [1, 2], hasNext: false });
  });

  it('normalises the search term', () => {
    expect(searchTerm('  ')).toBeUndefined();
    expect(searchTerm(' INV-10 ')).toBe('INV-10');
    expect(searchTerm('0xABcd')).toBe('0xabcd');
  });

  it('names the export file and reads the SDK’s CSV back, quotes and formula guards included', () => {
    expect(csvFileName('0xAbCdEf0123456789', new Date('2026-11-21T10:00:00Z'))).toBe(
      'plaza-payments-0xabcdef01-2026-11-21.csv',
    );
    const row: PaymentCsvRow = {
      date: '2026-11-21T10:00:00Z',
      paymentId: `0x${'1'.repeat(64)}`,
      orderRef: 'A, "quoted"',
      payer: '0x2222222222222222222222222222222222222222',
      status: 'REFUNDED',
      mode: 'DIRECT',
      amount: '25',
      captured: '25',
      settled: '0',
      fee: '0',
      referralFee: '0',
      net: '0',
      refunded: '25',
      pointsEarned: '0',
      transactionHash: `0x${'3'.repeat(64)}`,
    };
    const parsed = readCsv(paymentsToCsv([row, { ...row, orderRef: '=SUM(A1)' }]));
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual({ ...row });
    expect(parsed[1]!.orderRef).toBe("'=SUM(A1)");
    expect(readCsv('')).toEqual([]);
  });
});

describe('checkout', () => {
  const request = { chainId: 31337, authorizationExpiry: NOW + 60, amount: 10n * E18 };
  const base = { request, appChainId: 31337, now: NOW, merchantActive: true };
  const shopper = { alreadyPaid: false, blocked: false, balance: 10n * E18 };

  it('finds the first reason a payment cannot go ahead', () => {
    expect(checkoutProblem(base)).toBeUndefined();
    expect(checkoutProblem({ ...base, shopper })).toBeUndefined();
    expect(checkoutProblem({ ...base, appChainId: 1 })).toBe('wrong-chain');
    expect(checkoutProblem({ ...base, now: NOW + 60, shopper })).toBe('expired');
    expect(checkoutProblem({ ...base, merchantActive: false })).toBe('merchant-inactive');
    expect(checkoutProblem({ ...base, shopper: { ...shopper, alreadyPaid: true, blocked: true } })).toBe(
      'already-paid',
    );
    expect(checkoutProblem({ ...base, shopper: { ...shopper, blocked: true, balance: 0n } })).toBe('blocked');
    expect(checkoutProblem({ ...base, shopper: { ...shopper, balance: 10n * E18 - 1n } })).toBe(
      'insufficient-balance',
    );
  });

  it('says it in words', () => {
    expect(
      checkoutProblemMessage('insufficient-balance', { request, appChainId: 31337, balance: 4n * E18 }),
    ).toBe('Your pUSD balance (4 pUSD) is less than the 10 pUSD to pay.');
    expect(checkoutProblemMessage('expired', { request, appChainId: 31337 })).toMatch(/expired/);
    expect(checkoutProblemMessage('wrong-chain', { request, appChainId: 1 })).toMatch(/chain 31337/);
  });

  it('counts down to the expiry', () => {
    expect(timeLeft(NOW + 30 * 86_400, NOW)).toBe('in 30 days');
    expect(timeLeft(NOW + 3 * 3600 + 5 * 60, NOW)).toBe('in 3 h 5 min');
    expect(timeLeft(NOW + 90, NOW)).toBe('in 1 min');
    expect(timeLeft(NOW + 42, NOW)).toBe('in 42 s');
    expect(timeLeft(NOW, NOW)).toBe('expired');
  });
});

describe('advances and points', () => {
  it('draws at most what is available', () => {
    expect(planAdvance('10', 0n)).toMatchObject({ state: 'invalid' });
    expect(planAdvance('10', 20n * E18)).toEqual({ state: 'valid', value: 10n * E18 });
    expect(planAdvance('21', 20n * E18)).toEqual({
      state: 'invalid',
      message: 'More than your available advance (20 pUSD).',
    });
  });

  it('redeems within the balance, only from a live funded program', () => {
    const live = { expired: false, reserve: 5n * E18 };
    expect(planRedeem('3', 5n * E18, live)).toEqual({ state: 'valid', value: 3n * E18 });
    expect(planRedeem('6', 5n * E18, live)).toMatchObject({ state: 'invalid' });
    expect(planRedeem('1', 5n * E18, { ...live, reserve: 0n })).toMatchObject({
      message: expect.stringMatching(/not funded a reserve/),
    });
    expect(planRedeem('1', 5n * E18, { ...live, expired: true })).toMatchObject({ state: 'invalid' });
  });
});
