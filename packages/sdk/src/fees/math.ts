import type { Address } from 'viem';
import { BPS } from '../psm/math.js';

/**
 * One recipient of the fee split.
 *
 * @example
 * ```ts
 * import type { FeeRecipient } from '@plaza/sdk';
 * const treasury: FeeRecipient = { account: '0x…', bps: 7000, notify: false };
 * ```
 */
export interface FeeRecipient {
  readonly account: Address;
  readonly bps: number;
  /** Whether the collector calls the recipient's `onFeesReceived` hook. */
  readonly notify: boolean;
}

/**
 * One payment of a distribution.
 *
 * @example
 * ```ts
 * import type { FeeShare } from '@plaza/sdk';
 * const show = (s: FeeShare) => `${s.account}: ${formatPusd(s.amount)}`;
 * ```
 */
export interface FeeShare {
  readonly account: Address;
  readonly amount: bigint;
}

/**
 * How `distribute` splits `amount`: each recipient gets `floor(amount × bps / 10,000)`, the last one also the
 * rounding remainder; zero shares are skipped (no transfer), as in the contract.
 *
 * @example
 * ```ts
 * import { splitFees } from '@plaza/sdk';
 * splitFees(10n, [{ account: a, bps: 3333, notify: false }, { account: b, bps: 6667, notify: false }]);
 * // [{ account: a, amount: 3n }, { account: b, amount: 7n }]
 * ```
 */
export function splitFees(amount: bigint, recipients: readonly FeeRecipient[]): FeeShare[] {
  const shares: FeeShare[] = [];
  let remaining = amount;
  recipients.forEach((recipient, i) => {
    const share = i === recipients.length - 1 ? remaining : (amount * BigInt(recipient.bps)) / BPS;
    remaining -= share;
    if (share !== 0n) shares.push({ account: recipient.account, amount: share });
  });
  return shares;
}
