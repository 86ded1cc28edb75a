import { keccak256, stringToHex, toBytes, type Hex } from 'viem';
import { PlazaError } from '../core/errors.js';

/**
 * The open policy (id 0): every account that is not blocked passes it.
 *
 * @example
 * ```ts
 * import { OPEN_POLICY } from '@plaza/sdk';
 * await plaza.compliance.isAllowed(OPEN_POLICY, alice);
 * ```
 */
export const OPEN_POLICY: Hex = `0x${'0'.repeat(64)}`;

/**
 * A policy's id: a 32-byte id as is, or `keccak256(name)` for a name (how the deploy config names them).
 *
 * @example
 * ```ts
 * import { policyId } from '@plaza/sdk';
 * policyId('accredited'); // keccak256("accredited")
 * ```
 */
export function policyId(policy: string): Hex {
  if (/^0x[0-9a-fA-F]{64}$/.test(policy)) return policy as Hex;
  if (policy.length === 0) {
    throw new PlazaError('A policy is a 32-byte id or a non-empty name.', {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name: 'policy', value: policy },
    });
  }
  return keccak256(toBytes(policy));
}

/**
 * "US" → `0x5553` (the `bytes2` the registry stores). Rejects anything but two upper-case letters.
 *
 * @example
 * ```ts
 * import { encodeJurisdiction } from '@plaza/sdk';
 * encodeJurisdiction('US'); // '0x5553'
 * ```
 */
export function encodeJurisdiction(code: string): Hex {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) {
    throw new PlazaError(
      `Invalid jurisdiction: expected an ISO 3166-1 alpha-2 code such as "US", got ${JSON.stringify(code)}.`,
      { code: 'InvalidInput', errorName: 'InvalidInput', args: { name: 'jurisdiction', value: code } },
    );
  }
  return stringToHex(code, { size: 2 });
}

/**
 * `0x5553` → "US"; `0x0000` (no record) → "".
 *
 * @example
 * ```ts
 * import { decodeJurisdiction } from '@plaza/sdk';
 * decodeJurisdiction('0x5553'); // 'US'
 * ```
 */
export function decodeJurisdiction(value: Hex): string {
  if (/^0x0{4}$/.test(value)) return '';
  const a = Number.parseInt(value.slice(2, 4), 16);
  const b = Number.parseInt(value.slice(4, 6), 16);
  return String.fromCharCode(a, b);
}
