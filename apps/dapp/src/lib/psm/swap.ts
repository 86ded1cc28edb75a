// The PSM swap form's math: what the user pays and receives, exactly as the contract rounds (the SDK's quote
// functions), and what the form refuses before anything is sent.
import { maxBuyGem, quoteBuyGem, quoteSellGem, type PsmFeeParams } from '@plaza/sdk';
import { parseAmount, type AmountField, type TokenUnit } from '../amount';

export const USDC: TokenUnit = { symbol: 'USDC', decimals: 6 };
export const PUSD: TokenUnit = { symbol: 'pUSD', decimals: 18 };

/** `sell`: USDC in, pUSD out (`sellGem`). `buy`: pUSD in, USDC out (`buyGem`). */
export type SwapDirection = 'sell' | 'buy';

export const payToken = (direction: SwapDirection): TokenUnit => (direction === 'sell' ? USDC : PUSD);
export const receiveToken = (direction: SwapDirection): TokenUnit => (direction === 'sell' ? PUSD : USDC);

/** A swap the form can send: the contract call's `gemAmount` and what each side moves. */
export interface SwapPlan {
  readonly direction: SwapDirection;
  /** `sellGem`/`buyGem`'s argument: USDC base units. */
  readonly gemAmount: bigint;
  /** What leaves the wallet (USDC for sell, pUSD for buy), in its base units. */
  readonly pay: bigint;
  /** What arrives (pUSD for sell, USDC for buy). */
  readonly receive: bigint;
  /** The PSM fee, in pUSD wei. */
  readonly fee: bigint;
  /** The fee rate in bps (tin for sell, tout for buy). */
  readonly feeBps: bigint;
}

/** The form's verdict on what was typed. */
export type SwapForm =
  | { readonly state: 'empty' }
  | { readonly state: 'invalid'; readonly message: string }
  | { readonly state: 'valid'; readonly plan: SwapPlan; readonly note?: string };

/**
 * The swap for what the user typed in "You pay": for a sale the USDC amount is sold as is; for a purchase the
 * pUSD typed is a budget, and the plan buys the most USDC it pays for (fee included), so the exact cost may be a
 * few wei below the budget — the note then says so.
 */
export function planSwap(
  direction: SwapDirection,
  typed: string,
  params: PsmFeeParams,
  balance: bigint | undefined,
): SwapForm {
  const field: AmountField = parseAmount(typed, payToken(direction), { balance });
  if (field.state !== 'valid') return field;
  if (direction === 'sell') {
    const quote = quoteSellGem(field.value, params);
    return {
      state: 'valid',
      plan: {
        direction,
        gemAmount: field.value,
        pay: field.value,
        receive: quote.pusdOut,
        fee: quote.fee,
        feeBps: params.tin,
      },
    };
  }
  const gemAmount = maxBuyGem(field.value, params);
  if (gemAmount === 0n) {
    return {
      state: 'invalid',
      message: 'Too little to buy the smallest USDC unit (0.000001 USDC) with its fee.',
    };
  }
  const quote = quoteBuyGem(gemAmount, params);
  const plan: SwapPlan = {
    direction,
    gemAmount,
    pay: quote.pusdIn,
    receive: gemAmount,
    fee: quote.fee,
    feeBps: params.tout,
  };
  return quote.pusdIn === field.value
    ? { state: 'valid', plan }
    : {
        state: 'valid',
        plan,
        note: 'USDC has 6 decimals: you pay exactly the cost of the USDC received, slightly under what you typed.',
      };
}

/** The most the user can put in "You pay": their whole balance of the token paid. */
export function maxPay(direction: SwapDirection, balance: bigint, params: PsmFeeParams): bigint {
  if (direction === 'sell') return balance;
  return quoteBuyGem(maxBuyGem(balance, params), params).pusdIn;
}
