// BigDecimal and BigInt against graph-node's results. graph-node keeps BigDecimal in the Rust
// crate bigdecimal 0.1.2 and normalises every value to 34 significant digits; the expected values
// below follow from that code (graph/src/data/store/scalar/bigdecimal.rs and bigdecimal 0.1.2's
// with_prec / impl_division / Display), including its quirks with negative numbers.
import { describe, expect, it } from 'vitest';
import {
  BIGINT_MAX_BITS,
  BigDecimal,
  DeterministicError,
  bigIntFromSignedLE,
  bigIntToSignedLE,
  checkBigInt,
  countDecimalDigits,
  parseBigIntRust,
} from '../src/numbers.js';

const d = (s: string) => BigDecimal.fromString(s);

describe('BigDecimal normalisation (graph-node test_normalize)', () => {
  it.each([
    [10n, -2, '0.1', 1n, 1],
    [132400n, 4, '1324000000', 1324n, -6],
    [1_900_000n, -3, '1900', 19n, -2],
    [0n, 3, '0', 0n, 0],
    [0n, -5, '0', 0n, 0],
  ])('new(%s, %s) normalises to %s', (digits, exp, str, int, scale) => {
    const v = BigDecimal.fromDigitsExp(digits, exp);
    expect(v.toString()).toBe(str);
    expect(v.int).toBe(int);
    expect(v.scale).toBe(scale);
  });
});

describe('BigDecimal to/from string', () => {
  it.each([
    ['1.50', '1.5'],
    ['-0.0100', '-0.01'],
    ['100', '100'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['1e+2', '100'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    ['5.', '5'],
    ['1_000.5', '1000.5'],
    ['+7', '7'],
    ['0.000', '0'],
    ['1e-6143', '0.' + '0'.repeat(6142) + '1'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012350000'],
    ['0.12345678901234567890123456789012345', '0.1234567890123456789012345678901235'],
    ['0.12345678901234567890123456789012344', '0.1234567890123456789012345678901234'],
    // negative values: count_decimal_digits underestimates, so 35 digits survive and nothing rounds
    ['-0.12345678901234567890123456789012345', '-0.12345678901234567890123456789012345'],
    ['99999999999999999999999999999999999', '100000000000000000000000000000000000'],
  ])('%s → %s', (input, output) => {
    expect(d(input).toString()).toBe(output);
  });

  it.each(['', '.', 'e5', '1e', '1.2.3', 'abc', '--1', '-+1', '_1', '1 ', ' 1', '0x10', 'NaN'])(
    'rejects %j with graph-node’s error text',
    (s) => {
      expect(() => BigDecimal.fromString(s)).toThrow(
        new DeterministicError(`string  is not a BigDecimal: '${s}'`),
      );
    },
  );

  it('counts digits like bigdecimal 0.1.2 (no correction for negatives)', () => {
    expect(countDecimalDigits(0n)).toBe(1);
    expect(countDecimalDigits(9n)).toBe(1);
    expect(countDecimalDigits(10n)).toBe(2);
    expect(countDecimalDigits(99n)).toBe(2);
    expect(countDecimalDigits(-12n)).toBe(1);
    expect(countDecimalDigits(-99n)).toBe(2);
    expect(countDecimalDigits(10n ** 40n)).toBe(41);
  });
});

describe('BigDecimal arithmetic', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    ['1', '-1', '0'],
    ['1e20', '1e-20', '100000000000000000000'],
    ['1e20', '1e-13', '100000000000000000000.0000000000001'],
    ['-1.5', '0.25', '-1.25'],
  ])('%s + %s = %s', (a, b, c) => {
    expect(d(a).plus(d(b)).toString()).toBe(c);
  });

  it.each([
    ['0.3', '0.1', '0.2'],
    ['1', '2', '-1'],
  ])('%s - %s = %s', (a, b, c) => {
    expect(d(a).minus(d(b)).toString()).toBe(c);
  });

  it.each([
    ['1.5', '1.5', '2.25'],
    ['-2', '0.5', '-1'],
    ['123456789012345678901234567890', '1000', '123456789012345678901234567890000'],
    // 1524157875323883675019051998750190521 rounded to 34 digits
    ['1234567890123456789', '1234567890123456789', '1524157875323883675019051998750191000'],
  ])('%s × %s = %s', (a, b, c) => {
    expect(d(a).times(d(b)).toString()).toBe(c);
  });

  it.each([
    ['1', '3', '0.3333333333333333333333333333333333'],
    ['2', '3', '0.6666666666666666666666666666666667'],
    // -(2/3): 100 digits ending in 7, then normalised with the negative digit-count quirk
    ['-2', '3', '-0.66666666666666666666666666666666666'],
    ['2', '-3', '-0.66666666666666666666666666666666666'],
    ['-2', '-3', '0.6666666666666666666666666666666667'],
    ['10', '4', '2.5'],
    ['1', '1', '1'],
    ['7.5', '1', '7.5'],
    ['5', '5.0', '1'],
    ['1', '8', '0.125'],
    ['1000', '0.001', '1000000'],
    ['1', '7', '0.1428571428571428571428571428571429'],
    ['22', '7', '3.142857142857142857142857142857143'],
    ['0', '7', '0'],
  ])('%s ÷ %s = %s', (a, b, c) => {
    expect(d(a).dividedBy(d(b)).toString()).toBe(c);
  });

  it('division by zero fails with graph-node’s text', () => {
    expect(() => d('1.5').dividedBy(d('0'))).toThrow('attempted to divide BigDecimal `1.5` by zero');
  });

  it('equality and comparison are by value', () => {
    expect(d('1.50').equals(d('1.5'))).toBe(true);
    expect(new BigDecimal(150n, 2).equals(new BigDecimal(15n, 1))).toBe(true);
    expect(d('2').compare(d('10'))).toBe(-1);
    expect(d('-2').compare(d('-10'))).toBe(1);
  });

  it('exposes digits and exponent as graph-ts sees them', () => {
    const v = d('123.4500');
    expect([v.int, v.exp]).toEqual([12345n, -2]);
    expect(d('1200').exp).toBe(2);
  });
});

describe('BigInt', () => {
  it.each([
    ['123', 123n],
    ['-42', -42n],
    ['+5', 5n],
    ['1_000', 1000n],
    ['0', 0n],
    ['-0', 0n],
  ])('parses %j like num-bigint 0.2.6', (s, v) => {
    expect(parseBigIntRust(s)).toBe(v);
  });

  it.each(['', '-', '+', '-+5', '+-5', '++5', '--5', '_1', '1.5', ' 1', '0x10', '1e3'])('rejects %j', (s) => {
    expect(parseBigIntRust(s)).toBeNull();
  });

  it.each([
    [0n, [0]],
    [1n, [1]],
    [127n, [127]],
    [128n, [128, 0]],
    [255n, [255, 0]],
    [256n, [0, 1]],
    [-1n, [255]],
    [-128n, [128]],
    [-129n, [127, 255]],
    [2n ** 200n + 42n, [42, ...new Array(24).fill(0), 1]],
  ])('encodes %s as minimal little-endian two’s complement', (v, bytes) => {
    const enc = bigIntToSignedLE(v);
    expect([...enc]).toEqual(bytes);
    expect(bigIntFromSignedLE(enc)).toBe(v);
  });

  it('caps the size at graph-node’s 435412 bits', () => {
    expect(BIGINT_MAX_BITS).toBe(435412);
    expect(checkBigInt(2n ** 435410n)).toBe(2n ** 435410n);
    expect(() => checkBigInt(2n ** 435411n)).toThrow('BigInt is too big, total bits 435413 (max 435412)');
  });
});
