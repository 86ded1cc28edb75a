import {
  bytesToHex,
  hashTypedData,
  hexToString,
  isHex,
  size,
  stringToHex,
  trim,
  type Address,
  type Hex,
  type TypedDataDefinition,
} from 'viem';
import { PlazaError } from '../core/errors.js';
import type { TokenDomain } from '../core/typedData.js';
import { receiveAuthorizationTypedData } from '../core/typedData.js';

/**
 * Everything a payer's one signature binds (the contract's `PaymentInfo`). `amount` and `pointsRedeemed` are
 * wei (18 decimals); expiries are unix seconds; `autoCapture` is true for a direct payment, false for an escrow
 * authorization.
 *
 * @example
 * ```ts
 * import type { PaymentInfo } from '@plaza/sdk';
 * const info: PaymentInfo = await plaza.payments.createPayment({ merchant, amount: parsePusd('25'), orderRef: 'A-1042' });
 * ```
 */
export interface PaymentInfo {
  readonly payer: Address;
  readonly merchant: Address;
  readonly token: Address;
  readonly amount: bigint;
  readonly pointsRedeemed: bigint;
  readonly orderRef: Hex;
  readonly authorizationExpiry: number;
  readonly refundExpiry: number;
  readonly minFeeBps: number;
  readonly maxFeeBps: number;
  readonly referrer: Address;
  readonly autoCapture: boolean;
  readonly salt: bigint;
}

/**
 * The EIP-712 types of `PaymentInfo` (the payment id is its typed-data hash).
 *
 * @example
 * ```ts
 * import { paymentInfoTypes } from '@plaza/sdk';
 * paymentInfoTypes.PaymentInfo.map((f) => f.name); // ['payer', 'merchant', …, 'salt']
 * ```
 */
export const paymentInfoTypes = {
  PaymentInfo: [
    { name: 'payer', type: 'address' },
    { name: 'merchant', type: 'address' },
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'pointsRedeemed', type: 'uint256' },
    { name: 'orderRef', type: 'bytes32' },
    { name: 'authorizationExpiry', type: 'uint48' },
    { name: 'refundExpiry', type: 'uint48' },
    { name: 'minFeeBps', type: 'uint16' },
    { name: 'maxFeeBps', type: 'uint16' },
    { name: 'referrer', type: 'address' },
    { name: 'autoCapture', type: 'bool' },
    { name: 'salt', type: 'uint256' },
  ],
} as const;

/**
 * The EIP-712 domain of payment ids: `{ name: 'Plaza Payments', version: '1', chainId, verifyingContract: processor }`.
 *
 * @example
 * ```ts
 * import { paymentDomain } from '@plaza/sdk';
 * const domain = paymentDomain(31337, processorAddress);
 * ```
 */
export function paymentDomain(chainId: number, processor: Address): TokenDomain {
  return { name: 'Plaza Payments', version: '1', chainId, verifyingContract: processor };
}

/**
 * The payment's typed data (what its id hashes).
 *
 * @example
 * ```ts
 * import { paymentInfoTypedData } from '@plaza/sdk';
 * const typedData = paymentInfoTypedData(info, { chainId: 31337, processor });
 * ```
 */
export function paymentInfoTypedData(
  info: PaymentInfo,
  at: { chainId: number; processor: Address },
): TypedDataDefinition<typeof paymentInfoTypes, 'PaymentInfo'> {
  return {
    domain: paymentDomain(at.chainId, at.processor),
    types: paymentInfoTypes,
    primaryType: 'PaymentInfo',
    message: { ...info },
  };
}

/**
 * The payment id, computed exactly as `PaymentProcessor.paymentId(info)` does: the EIP-712 hash of the
 * `PaymentInfo` under the processor's domain. It is also the nonce of the payer's EIP-3009 signature.
 *
 * @example
 * ```ts
 * import { computePaymentId } from '@plaza/sdk';
 * const id = computePaymentId(info, { chainId: 31337, processor });
 * ```
 */
export function computePaymentId(info: PaymentInfo, at: { chainId: number; processor: Address }): Hex {
  return hashTypedData(paymentInfoTypedData(info, at));
}

/**
 * The payer's one signature: pUSD's EIP-3009 `ReceiveWithAuthorization` to the processor for `amount`, valid
 * until `authorizationExpiry`, whose nonce is the payment id — so it binds every field of the payment.
 *
 * @example
 * ```ts
 * import { paymentAuthorizationTypedData } from '@plaza/sdk';
 * const typedData = paymentAuthorizationTypedData(info, { pusdDomain, processor, chainId: 31337 });
 * const signature = await account.signTypedData(typedData);
 * ```
 */
export function paymentAuthorizationTypedData(
  info: PaymentInfo,
  at: { pusdDomain: TokenDomain; processor: Address; chainId: number },
) {
  return receiveAuthorizationTypedData(at.pusdDomain, {
    from: info.payer,
    to: at.processor,
    value: info.amount,
    validAfter: 0n,
    validBefore: BigInt(info.authorizationExpiry),
    nonce: computePaymentId(info, at),
  });
}

/**
 * 64 random bits for a payment's salt: enough to make ids unique, and cheaper in calldata than 256.
 *
 * @example
 * ```ts
 * import { randomPaymentSalt } from '@plaza/sdk';
 * const salt = randomPaymentSalt(); // e.g. 0x1f2e3d4c5b6a7988n
 * ```
 */
export function randomPaymentSalt(): bigint {
  return BigInt(bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(8))));
}

/**
 * An order reference as the contract's `bytes32`: 32 bytes of hex as they are, or a text of up to 31 UTF-8
 * bytes (right-padded with zeros, like Solidity's `bytes32("A-1042")`).
 *
 * @example
 * ```ts
 * import { encodeOrderRef } from '@plaza/sdk';
 * encodeOrderRef('A-1042'); // '0x412d313034320000…'
 * ```
 */
export function encodeOrderRef(orderRef: string): Hex {
  if (isHex(orderRef) && size(orderRef) === 32) return orderRef.toLowerCase() as Hex;
  const encoded = stringToHex(orderRef);
  if (size(encoded) > 31) {
    throw new PlazaError(
      `Invalid order reference: at most 31 bytes of text (or 32 bytes of hex), got ${size(encoded)} bytes.`,
      { code: 'InvalidInput', errorName: 'InvalidInput', args: { name: 'orderRef', value: orderRef } },
    );
  }
  return stringToHex(orderRef, { size: 32 });
}

/**
 * An order reference back as text when it is printable text padded with zeros (what `encodeOrderRef` makes of
 * a string), otherwise its hex.
 *
 * @example
 * ```ts
 * import { decodeOrderRef, encodeOrderRef } from '@plaza/sdk';
 * decodeOrderRef(encodeOrderRef('A-1042')); // 'A-1042'
 * ```
 */
export function decodeOrderRef(orderRef: Hex): string {
  const trimmed = trim(orderRef, { dir: 'right' });
  if (/^0x0*$/.test(trimmed)) return orderRef;
  // trim keeps an odd-length nibble: re-pad to whole bytes
  const body = trimmed.length % 2 === 0 ? trimmed : (`${trimmed}0` as Hex);
  if (size(body) === 32) return orderRef;
  let text: string;
  try {
    text = hexToString(body);
  } catch {
    return orderRef;
  }
  const printable = /^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(text) && !text.startsWith('0x');
  return printable && encodeOrderRef(text) === orderRef.toLowerCase() ? text : orderRef;
}
