import { formatUnits, parseUnits } from 'viem';
import { PlazaError } from './errors.js';

/**
 * pUSD's decimals.
 *
 * @example
 * ```ts
 * import { PUSD_DECIMALS } from '@plaza/sdk';
 * 10n ** BigInt(PUSD_DECIMALS); // one pUSD in wei
 * ```
 */
export const PUSD_DECIMALS = 18;

/**
 * USDC's decimals (the PSM's reserve token).
 *
 * @example
 * ```ts
 * import { USDC_DECIMALS } from '@plaza/sdk';
 * 10n ** BigInt(USDC_DECIMALS); // one USDC in base units
 * ```
 */
export const USDC_DECIMALS = 6;

function parse(value: string, decimals: number, symbol: string): bigint {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new PlazaError(
      `Invalid ${symbol} amount: expected a decimal number such as "12.5", got ${JSON.stringify(value)}.`,
      {
        code: 'InvalidInput',
        errorName: 'InvalidInput',
        args: { name: symbol, value },
      },
    );
  }
  const [, fraction = ''] = value.trim().split('.');
  if (fraction.length > decimals) {
    throw new PlazaError(
      `Invalid ${symbol} amount: ${symbol} has ${decimals} decimals, "${value}" has ${fraction.length}.`,
      {
        code: 'InvalidInput',
        errorName: 'InvalidInput',
        args: { name: symbol, value },
      },
    );
  }
  return parseUnits(value.trim(), decimals);
}

/**
 * "12.5" → 12.5 pUSD in wei (18 decimals). Rejects malformed input and extra decimals with a {@link PlazaError}.
 *
 * @example
 * ```ts
 * import { parsePusd } from '@plaza/sdk';
 * parsePusd('12.5'); // 12500000000000000000n
 * ```
 */
export function parsePusd(value: string): bigint {
  return parse(value, PUSD_DECIMALS, 'pUSD');
}

/**
 * pUSD wei → "12.5".
 *
 * @example
 * ```ts
 * import { formatPusd } from '@plaza/sdk';
 * formatPusd(12_500000000000000000n); // '12.5'
 * ```
 */
export function formatPusd(value: bigint): string {
  return formatUnits(value, PUSD_DECIMALS);
}

/**
 * "100.25" → 100.25 USDC in base units (6 decimals).
 *
 * @example
 * ```ts
 * import { parseUsdc } from '@plaza/sdk';
 * parseUsdc('100.25'); // 100250000n
 * ```
 */
export function parseUsdc(value: string): bigint {
  return parse(value, USDC_DECIMALS, 'USDC');
}

/**
 * USDC base units → "100.25".
 *
 * @example
 * ```ts
 * import { formatUsdc } from '@plaza/sdk';
 * formatUsdc(100_250000n); // '100.25'
 * ```
 */
export function formatUsdc(value: bigint): string {
  return formatUnits(value, USDC_DECIMALS);
}
