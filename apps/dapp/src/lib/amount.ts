// Amounts as users type and read them: parsing with validation messages, and display with grouping. Pure
// bigint code (no floats anywhere), shared by every form.

/** A token as forms need it. */
export interface TokenUnit {
  readonly symbol: string;
  readonly decimals: number;
}

/** The result of reading an amount field. */
export type AmountField =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string }
  | { readonly state: 'valid'; readonly value: bigint };

/** Limits a form puts on an amount (in base units). */
export interface AmountLimits {
  /** The user's balance: more is refused with a message naming it. */
  readonly balance?: bigint | undefined;
  /** Any other ceiling, with how to describe it ("the PSM's reserves"). */
  readonly max?: { readonly value: bigint; readonly label: string } | undefined;
  /** Allow zero (default: an amount must be positive). */
  readonly allowZero?: boolean;
}

/**
 * Reads what the user typed as an amount of `token`: digits with at most one decimal point (".5" and "5." are
 * fine, spaces and "_" are ignored), no more decimals than the token has, positive, and within the limits.
 */
export function parseAmount(text: string, token: TokenUnit, limits: AmountLimits = {}): AmountField {
  const input = text.replace(/[\s_]/g, '');
  if (input === '') return { state: 'empty' };
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(input)) {
    return invalid('Leave out the thousands separators (write 1000.5, not 1,000.5).');
  }
  if (input.includes(',')) return invalid('Use a point for decimals, e.g. 12.5.');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(input)) return invalid('Enter a number, e.g. 12.5.');
  const [whole = '', fraction = ''] = input.split('.');
  if (fraction.length > token.decimals) {
    return invalid(
      token.decimals === 0
        ? `${token.symbol} has no decimals.`
        : `${token.symbol} has at most ${token.decimals} decimals.`,
    );
  }
  const value = BigInt((whole || '0') + fraction.padEnd(token.decimals, '0'));
  if (value === 0n && !limits.allowZero) return invalid('Enter an amount greater than 0.');
  if (limits.balance !== undefined && value > limits.balance) {
    return invalid(`More than your balance of ${formatAmount(limits.balance, token)} ${token.symbol}.`);
  }
  if (limits.max && value > limits.max.value) {
    return invalid(
      `More than ${limits.max.label} (${formatAmount(limits.max.value, token)} ${token.symbol}).`,
    );
  }
  return { state: 'valid', value };
}

function invalid(message: string): AmountField {
  return { state: 'invalid', message };
}

/** How many decimals to show, and whether to group thousands. */
export interface FormatOptions {
  /** At most this many decimals (rounded down, so a balance is never overstated); default: all. */
  readonly maxDecimals?: number;
  /** At least this many decimals (padded with zeros); default 0. */
  readonly minDecimals?: number;
  /** Thousands separators (default true). */
  readonly group?: boolean;
}

/** Base units → "1,234.5" (no rounding up; trailing zeros trimmed down to `minDecimals`). */
export function formatAmount(value: bigint, token: Pick<TokenUnit, 'decimals'>, options: FormatOptions = {}) {
  const { decimals } = token;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let fraction = decimals > 0 ? (abs % base).toString().padStart(decimals, '0') : '';
  if (options.maxDecimals !== undefined) fraction = fraction.slice(0, options.maxDecimals);
  fraction = fraction.replace(/0+$/, '');
  const minDecimals = Math.min(options.minDecimals ?? 0, options.maxDecimals ?? Infinity);
  fraction = fraction.padEnd(minDecimals, '0');
  const wholeText = options.group === false ? whole.toString() : groupThousands(whole.toString());
  const truncatedToZero = abs > 0n && whole === 0n && /^0*$/.test(fraction);
  const text = `${wholeText}${fraction ? `.${fraction}` : ''}`;
  return `${negative && !truncatedToZero ? '-' : ''}${truncatedToZero ? `<${smallest(options.maxDecimals ?? 0)}` : text}`;
}

function smallest(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An amount as an input field's value: no grouping, every decimal, so it parses back to the same value. */
export function amountToInput(value: bigint, token: Pick<TokenUnit, 'decimals'>): string {
  return formatAmount(value, token, { group: false });
}

/** `part / whole` as a percentage with `digits` decimals ("61.5%"); "—" when `whole` is 0. */
export function formatPercent(part: bigint, whole: bigint, digits = 1): string {
  if (whole === 0n) return '—';
  const scale = 10n ** BigInt(digits);
  const scaled = (part * 100n * scale) / whole;
  const text = (Number(scaled) / Number(scale)).toFixed(digits);
  return `${text}%`;
}

/** Basis points → "0.05%". */
export function formatBps(bps: bigint): string {
  const hundredths = Number(bps); // 1 bp = 0.01%
  return `${(hundredths / 100).toFixed(2).replace(/\.?0+$/, '') || '0'}%`;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
