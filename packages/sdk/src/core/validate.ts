import { isAddress, type Address, type Hex } from 'viem';
import { PlazaError } from './errors.js';

function invalid(name: string, value: unknown, expected: string): PlazaError {
  const shown = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  return new PlazaError(`Invalid ${name}: expected ${expected}, got ${shown}.`, {
    code: 'InvalidInput',
    errorName: 'InvalidInput',
    args: { name, value },
  });
}

/**
 * Throws an `InvalidInput` {@link PlazaError} unless `value` is a 0x-prefixed 20-byte address (any case).
 *
 * @example
 * ```ts
 * import { assertAddress } from '@plaza/sdk';
 * assertAddress(input, 'recipient'); // "Invalid recipient: expected an address (0x + 40 hex digits), got "0x12"."
 * ```
 */
export function assertAddress(value: unknown, name: string): asserts value is Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) {
    throw invalid(name, value, 'an address (0x + 40 hex digits)');
  }
}

/**
 * Throws an `InvalidInput` {@link PlazaError} unless `value` is a bigint amount in base units within
 * `[min, max]` (default `[0, 2^256 − 1]`).
 *
 * @example
 * ```ts
 * import { assertAmount } from '@plaza/sdk';
 * assertAmount(100_000000n, 'gemAmount', { min: 1n }); // ok
 * assertAmount(1.5, 'gemAmount'); // throws: expected a bigint amount in base units
 * ```
 */
export function assertAmount(
  value: unknown,
  name: string,
  bounds: { min?: bigint; max?: bigint } = {},
): asserts value is bigint {
  const min = bounds.min ?? 0n;
  const max = bounds.max ?? 2n ** 256n - 1n;
  if (typeof value !== 'bigint') {
    throw invalid(name, value, 'a bigint amount in base units (e.g. parsePusd("1.5") or 1_500000n for USDC)');
  }
  if (value < min || value > max) throw invalid(name, value, `an amount between ${min} and ${max}`);
}

/**
 * Throws an `InvalidInput` {@link PlazaError} unless `value` is 32 bytes of hex (an EIP-3009 nonce, a policy id).
 *
 * @example
 * ```ts
 * import { assertBytes32 } from '@plaza/sdk';
 * assertBytes32(nonce, 'nonce');
 * ```
 */
export function assertBytes32(value: unknown, name: string): asserts value is Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw invalid(name, value, '32 bytes of hex (0x + 64 hex digits)');
  }
}
