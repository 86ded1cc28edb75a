// The Earn (spUSD) forms: deposit and withdraw previews with the vault's exact ERC-4626 rounding (the SDK's
// savings math), validation against balances and the vault's liquidity, and the APY split.
import {
  SPUSD_DECIMALS,
  savingsPreviewDeposit,
  savingsPreviewRedeem,
  savingsPreviewWithdraw,
  type SavingsApy,
  type VaultSnapshot,
} from '@plaza/sdk';
import { formatAmount, parseAmount, type TokenUnit } from '../amount';
import { PUSD } from '../lending/forms';

export { PUSD };
export const SPUSD: TokenUnit = { symbol: 'spUSD', decimals: SPUSD_DECIMALS };

export type SavingsForm<T> =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string }
  | ({ readonly state: 'valid' } & T);

/** Depositing pUSD: the spUSD it mints (rounded down, as `previewDeposit`). */
export function planSavingsDeposit(
  typed: string,
  vault: VaultSnapshot,
  balance: bigint | undefined,
): SavingsForm<{ assets: bigint; shares: bigint }> {
  const field = parseAmount(typed, PUSD, { balance });
  if (field.state !== 'valid') return field;
  const shares = savingsPreviewDeposit(vault, field.value);
  if (shares === 0n) return { state: 'invalid', message: 'Too little to mint any spUSD.' };
  return { state: 'valid', assets: field.value, shares };
}

/**
 * Withdrawing pUSD: the spUSD it burns (rounded up, as `previewWithdraw`); the whole position is redeemed by
 * shares (so no dust is left). Capped by what the vault can pay out now.
 */
export function planSavingsWithdraw(
  typed: string,
  vault: VaultSnapshot,
  position: { readonly shares: bigint; readonly maxWithdraw: bigint },
  all: boolean,
): SavingsForm<{ assets: bigint; shares: bigint; all: boolean }> {
  const whole = savingsPreviewRedeem(vault, position.shares);
  if (
    all ||
    (typed.trim() !== '' && parseAmount(typed, PUSD).state === 'valid' && sameAmount(typed, whole))
  ) {
    if (position.shares === 0n) return { state: 'invalid', message: 'You have no spUSD.' };
    if (whole > position.maxWithdraw) {
      return {
        state: 'invalid',
        message: `The vault can pay out ${formatAmount(position.maxWithdraw, PUSD)} pUSD to you right now (the rest is lent out).`,
      };
    }
    return { state: 'valid', assets: whole, shares: position.shares, all: true };
  }
  const field = parseAmount(typed, PUSD, { max: { value: whole, label: 'your savings' } });
  if (field.state !== 'valid') return field;
  if (field.value > position.maxWithdraw) {
    return {
      state: 'invalid',
      message: `The vault can pay out ${formatAmount(position.maxWithdraw, PUSD)} pUSD to you right now (the rest is lent out).`,
    };
  }
  return {
    state: 'valid',
    assets: field.value,
    shares: savingsPreviewWithdraw(vault, field.value),
    all: false,
  };
}

function sameAmount(typed: string, value: bigint): boolean {
  const field = parseAmount(typed, PUSD);
  return field.state === 'valid' && field.value === value;
}

/** The APY split as shares of the total, for the bar: lending and RWA income parts in basis points. */
export function apySplit(apy: SavingsApy): { lendingBps: number; incomeBps: number } {
  if (apy.apy === 0n) return { lendingBps: 0, incomeBps: 0 };
  const lendingBps = Number((apy.lendingApy * 10_000n) / apy.apy);
  return { lendingBps, incomeBps: 10_000 - lendingBps };
}
