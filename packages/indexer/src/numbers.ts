// BigInt and BigDecimal with graph-node's exact semantics.
//
// graph-node keeps BigDecimal in the Rust crate `bigdecimal` pinned at 0.1.2 (num-bigint 0.2.6) and
// normalises every result to at most 34 significant digits (graph/src/data/store/scalar/bigdecimal.rs).
// This is a line-by-line port of the parts it uses, quirks included:
//   - `count_decimal_digits` only corrects its float estimate upwards for positive numbers, so a
//     negative value may keep 35 significant digits after normalisation;
//   - `with_prec` rounds half up on the first dropped digit for positive values and truncates
//     negative ones (its remainder is negative, so the rounding test never fires);
//   - division computes up to 100 digits, rounds the 100th on the next digit, then normalisation
//     rounds again to 34 digits.

/** Thrown for errors graph-node reports as deterministic host errors. */
export class DeterministicError extends Error {
  override readonly name = 'DeterministicError';
}

const LOG2_10 = 3.3219280949;

/** Bits of the magnitude, like num-bigint's `bits()` (0 for zero). */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  return x === 0n ? 0 : x.toString(2).length;
}

const TENS: bigint[] = [];
function tenToThe(n: number): bigint {
  if (n < 64) return (TENS[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/** bigdecimal 0.1.2 `count_decimal_digits` (sic: no upward correction for negative numbers). */
export function countDecimalDigits(int: bigint): number {
  if (int === 0n) return 1;
  let digits = Math.floor(bitLength(int) / LOG2_10);
  let num = tenToThe(digits);
  while (int >= num) {
    num *= 10n;
    digits += 1;
  }
  return digits;
}

/** bigdecimal 0.1.2 `get_rounding_term`: 1 if the most significant digit of `num` is >= 5. */
function roundingTerm(num: bigint): bigint {
  if (num === 0n) return 0n;
  const digits = Math.floor(bitLength(num) / LOG2_10);
  let n = tenToThe(digits);
  for (;;) {
    if (num < n) return 1n;
    n *= 5n;
    if (num < n) return 0n;
    n *= 2n;
  }
}

// ---------------------------------------------------------------------------------------------
// BigInt

/** graph-node's BigInt size limit: Postgres numeric's 131072 digits, in bits, plus the sign. */
export const BIGINT_MAX_BITS = Math.floor(131072.0 * LOG2_10) + 1;

/** graph-node `BigInt::new`: rejects values whose magnitude plus sign bit exceed {@link BIGINT_MAX_BITS}. */
export function checkBigInt(x: bigint): bigint {
  const bits = bitLength(x) + 1;
  if (bits > BIGINT_MAX_BITS) {
    throw new DeterministicError(`BigInt is too big, total bits ${bits} (max ${BIGINT_MAX_BITS})`);
  }
  return x;
}

/** Parses a decimal integer like num-bigint 0.2.6 `BigInt::from_str` (signs, `_` separators). */
export function parseBigIntRust(s: string): bigint | null {
  let negative = false;
  let t = s;
  if (t.startsWith('-')) {
    negative = true;
    if (!t.slice(1).startsWith('+')) t = t.slice(1);
  }
  if (t.startsWith('+') && !t.slice(1).startsWith('+')) t = t.slice(1);
  if (t.length === 0 || t.startsWith('_')) return null;
  let digits = '';
  for (const ch of t) {
    if (ch === '_') continue;
    if (ch < '0' || ch > '9') return null;
    digits += ch;
  }
  if (digits.length === 0) return 0n;
  const v = BigInt(digits);
  return negative ? -v : v;
}

/** Decodes a little-endian two's complement byte array (graph-ts's BigInt layout). */
export function bigIntFromSignedLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += bytes[i]!.toString(16).padStart(2, '0');
  let v = BigInt('0x' + hex);
  if (bytes[bytes.length - 1]! & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

/** Decodes little-endian unsigned bytes. */
export function bigIntFromUnsignedLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += bytes[i]!.toString(16).padStart(2, '0');
  return BigInt('0x' + hex);
}

/** Minimal little-endian two's complement encoding, as num-bigint's `to_signed_bytes_le`. */
export function bigIntToSignedLE(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array([0]);
  const out: number[] = [];
  let x = v;
  for (;;) {
    const byte = Number(x & 0xffn);
    out.push(byte);
    x >>= 8n;
    if ((x === 0n && (byte & 0x80) === 0) || (x === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// BigDecimal

/** A decimal `int × 10^(−scale)`; every value produced by this module is normalised like graph-node's. */
export class BigDecimal {
  /** @param int the unscaled digits  @param scale minus the power of ten (bigdecimal's convention) */
  constructor(
    readonly int: bigint,
    readonly scale: number,
  ) {}

  static readonly MIN_EXP = -6143;
  static readonly MAX_EXP = 6144;
  static readonly MAX_SIGNIFICANT_DIGITS = 34;

  static zero(): BigDecimal {
    return new BigDecimal(0n, 0);
  }

  /** graph-node `BigDecimal::new(digits, exp)`: value = digits × 10^exp, normalised. */
  static fromDigitsExp(digits: bigint, exp: number): BigDecimal {
    return new BigDecimal(digits, -exp).normalized();
  }

  static fromBigInt(x: bigint): BigDecimal {
    return new BigDecimal(x, 0).normalized();
  }

  /** graph-node `BigDecimal::from_str` (bigdecimal 0.1.2 parsing, then normalisation); null if invalid. */
  static parse(s: string): BigDecimal | null {
    const raw = parseRaw(s);
    return raw ? raw.normalized() : null;
  }

  /** Like {@link parse} but throws graph-node's deterministic error text. */
  static fromString(s: string): BigDecimal {
    const v = BigDecimal.parse(s);
    if (!v) throw new DeterministicError(`string  is not a BigDecimal: '${s}'`);
    return v;
  }

  /** The power of ten (`exp` in graph-ts): value = int × 10^exp. */
  get exp(): number {
    return -this.scale;
  }

  isZero(): boolean {
    return this.int === 0n;
  }

  /** Value equality (bigdecimal's `PartialEq` aligns scales). */
  equals(other: BigDecimal): boolean {
    return compareRaw(this, other) === 0;
  }

  compare(other: BigDecimal): number {
    return compareRaw(this, other);
  }

  /** graph-node `normalized()`: round to 34 significant digits, strip trailing zeros. */
  normalized(): BigDecimal {
    if (this.int === 0n) return BigDecimal.zero();
    const rounded = withPrec(this, BigDecimal.MAX_SIGNIFICANT_DIGITS);
    let int = rounded.int;
    let scale = rounded.scale;
    if (int === 0n) return new BigDecimal(0n, scale);
    while (int % 10n === 0n) {
      int /= 10n;
      scale -= 1;
    }
    return new BigDecimal(int, scale);
  }

  plus(other: BigDecimal): BigDecimal {
    return addRaw(this, other).normalized();
  }

  minus(other: BigDecimal): BigDecimal {
    return addRaw(this, new BigDecimal(-other.int, other.scale)).normalized();
  }

  times(other: BigDecimal): BigDecimal {
    return new BigDecimal(this.int * other.int, this.scale + other.scale).normalized();
  }

  /** graph-node `bigDecimal.dividedBy`, including its zero check and error text. */
  dividedBy(other: BigDecimal): BigDecimal {
    if (other.isZero()) {
      throw new DeterministicError(`attempted to divide BigDecimal \`${this.toString()}\` by zero`);
    }
    return divRaw(this, other).normalized();
  }

  neg(): BigDecimal {
    return new BigDecimal(-this.int, this.scale);
  }

  /** bigdecimal 0.1.2 `Display`: plain notation, never an exponent. */
  toString(): string {
    const negative = this.int < 0n;
    let abs = (negative ? -this.int : this.int).toString();
    let before: string;
    let after: string;
    if (this.scale >= abs.length) {
      before = '0';
      after = '0'.repeat(this.scale - abs.length) + abs;
    } else {
      const location = abs.length - this.scale;
      if (location > abs.length) {
        before = abs + '0'.repeat(location - abs.length);
        after = '';
      } else {
        before = abs.slice(0, location);
        after = abs.slice(location);
        abs = before;
      }
    }
    const s = after.length > 0 ? `${before}.${after}` : before;
    return negative ? `-${s}` : s;
  }

  /** Converts an integral value to bigint, or null if it has a fractional part. */
  toBigIntExact(): bigint | null {
    if (this.scale <= 0) return this.int * tenToThe(-this.scale);
    const p = tenToThe(this.scale);
    return this.int % p === 0n ? this.int / p : null;
  }
}

function withPrec(v: BigDecimal, prec: number): BigDecimal {
  const digits = countDecimalDigits(v.int);
  if (digits > prec) {
    const diff = digits - prec;
    const p = tenToThe(diff);
    let q = v.int / p;
    const r = v.int % p;
    if (p < 10n * r) q += roundingTerm(r);
    return new BigDecimal(q, v.scale - diff);
  }
  if (digits < prec) {
    const diff = prec - digits;
    return new BigDecimal(v.int * tenToThe(diff), v.scale + diff);
  }
  return v;
}

function addRaw(a: BigDecimal, b: BigDecimal): BigDecimal {
  if (a.scale === b.scale) return new BigDecimal(a.int + b.int, a.scale);
  if (a.scale < b.scale) return new BigDecimal(a.int * tenToThe(b.scale - a.scale) + b.int, b.scale);
  return new BigDecimal(a.int + b.int * tenToThe(a.scale - b.scale), a.scale);
}

function compareRaw(a: BigDecimal, b: BigDecimal): number {
  let x = a.int;
  let y = b.int;
  if (a.scale > b.scale) y *= tenToThe(a.scale - b.scale);
  else if (a.scale < b.scale) x *= tenToThe(b.scale - a.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function implDivision(numIn: bigint, den: bigint, scaleIn: number, maxPrecision: number): BigDecimal {
  let num = numIn;
  let scale = scaleIn;
  if (num === 0n) return new BigDecimal(0n, 0);
  if (num < 0n && den < 0n) return implDivision(-num, -den, scale, maxPrecision);
  if (num < 0n) return implDivision(-num, den, scale, maxPrecision).neg();
  if (den < 0n) return implDivision(num, -den, scale, maxPrecision).neg();
  while (num < den) {
    scale += 1;
    num *= 10n;
  }
  let quotient = num / den;
  let remainder = num % den;
  if (remainder === 0n) return new BigDecimal(quotient, scale);
  let precision = countDecimalDigits(quotient);
  remainder *= 10n;
  while (remainder !== 0n && precision < maxPrecision) {
    const q = remainder / den;
    const r = remainder % den;
    quotient = quotient * 10n + q;
    remainder = r * 10n;
    precision += 1;
    scale += 1;
  }
  if (remainder !== 0n) quotient += roundingTerm(remainder / den);
  return new BigDecimal(quotient, scale);
}

function divRaw(a: BigDecimal, b: BigDecimal): BigDecimal {
  if (a.isZero() || compareRaw(b, new BigDecimal(1n, 0)) === 0) return a;
  const scale = a.scale - b.scale;
  if (a.int === b.int) return new BigDecimal(1n, scale);
  return implDivision(a.int, b.int, scale, 100);
}

/** bigdecimal 0.1.2 `from_str_radix(s, 10)`, without normalisation. */
function parseRaw(s: string): BigDecimal | null {
  let base = s;
  let exponent = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    base = s.slice(0, e);
    let exp = s.slice(e + 1);
    if (exp.startsWith('+')) exp = exp.slice(1);
    // Rust's i64::from_str: optional sign, at least one ASCII digit, i64 range
    if (!/^[+-]?[0-9]+$/.test(exp)) return null;
    const n = BigInt(exp);
    if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
    if (n > 1_000_000_000n || n < -1_000_000_000n) return null; // beyond any representable BigDecimal
    exponent = Number(n);
  }
  if (base === '') return null;
  let digits = base;
  let offset = 0;
  const dot = base.indexOf('.');
  if (dot >= 0) {
    const trail = base.slice(dot + 1);
    digits = base.slice(0, dot) + trail;
    offset = Buffer.byteLength(trail, 'utf8');
  }
  const int = parseBigIntRust(digits);
  if (int === null) return null;
  return new BigDecimal(int, offset - exponent);
}
