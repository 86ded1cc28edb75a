// The PayFi forms' math and validation, as pure functions (unit-tested): payment links (amount, order reference,
// expiry), capture / refund amounts against what the processor still holds, which actions a payment offers,
// the checkout's refusals in words, the payments list's paging, advances and points redemption.
import type { PaymentRequest, PaymentStatus, PaymentSummary } from '@plaza/sdk';
import { formatAmount, parseAmount, type AmountField, type TokenUnit } from '../amount';

export const PUSD: TokenUnit = { symbol: 'pUSD', decimals: 18 };

/** The processor stores amounts in 96 bits. */
export const MAX_PAYMENT = 2n ** 96n - 1n;

/** A link may be paid for 5 minutes up to 30 days (the devnet's open demo link runs 30 days). */
export const MIN_LINK_MINUTES = 5;
export const MAX_LINK_MINUTES = 30 * 24 * 60;

/** Expiry choices the link form offers (minutes). */
export const LINK_EXPIRY_CHOICES: readonly { readonly minutes: number; readonly label: string }[] = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '1 day' },
  { minutes: 7 * 24 * 60, label: '7 days' },
  { minutes: 30 * 24 * 60, label: '30 days' },
];

// ── order references ───────────────────────────────────────────────────────────────────────────────────────────

/** Bytes of UTF-8 text. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Checks an order reference the way the SDK's `encodeOrderRef` will read it: text of at most 31 bytes (UTF-8), or
 * exactly 32 bytes of hex. Returns the message to show, or undefined when it is fine (empty is fine: no reference).
 */
export function orderRefProblem(orderRef: string): string | undefined {
  const ref = orderRef.trim();
  if (ref === '') return undefined;
  if (/^0x[0-9a-fA-F]{64}$/.test(ref)) return undefined;
  if (/^0x[0-9a-fA-F]*$/.test(ref) && ref.length > 2 + 62) {
    return 'A hex order reference must be exactly 32 bytes (64 hex digits).';
  }
  const bytes = utf8Length(ref);
  if (bytes > 31) return `At most 31 bytes of text (this is ${bytes}).`;
  if ([...ref].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return 'Use printable characters only.';
  return undefined;
}

// ── payment link form ──────────────────────────────────────────────────────────────────────────────────────────

export interface LinkFormInput {
  readonly amount: string;
  readonly orderRef: string;
  /** Minutes until the link expires. */
  readonly expiresInMinutes: number;
  readonly mode: 'pay' | 'escrow';
}

export interface LinkPlan {
  readonly amount: bigint;
  /** Trimmed; empty for none. */
  readonly orderRef: string;
  /** Unix seconds: the link's `expires` (the payment's authorization expiry). */
  readonly authorizationExpiry: number;
  readonly mode: 'pay' | 'escrow';
}

export type LinkForm =
  | { readonly state: 'empty' }
  | {
      readonly state: 'invalid';
      readonly amountError?: string | undefined;
      readonly orderRefError?: string | undefined;
      readonly expiryError?: string | undefined;
    }
  | { readonly state: 'valid'; readonly plan: LinkPlan };

/** The payment link form: `now` is chain time (Unix seconds). */
export function planPaymentLink(input: LinkFormInput, now: number): LinkForm {
  const amount = parseAmount(input.amount, PUSD, {
    max: { value: MAX_PAYMENT, label: 'the largest payment' },
  });
  const orderRefError = orderRefProblem(input.orderRef);
  const minutes = input.expiresInMinutes;
  const expiryError =
    !Number.isInteger(minutes) || minutes < MIN_LINK_MINUTES || minutes > MAX_LINK_MINUTES
      ? `Choose an expiry from ${MIN_LINK_MINUTES} minutes to 30 days.`
      : undefined;
  if (amount.state === 'empty' && !orderRefError && !expiryError) return { state: 'empty' };
  if (amount.state !== 'valid' || orderRefError || expiryError) {
    return {
      state: 'invalid',
      amountError: amount.state === 'invalid' ? amount.message : undefined,
      orderRefError,
      expiryError,
    };
  }
  return {
    state: 'valid',
    plan: {
      amount: amount.value,
      orderRef: input.orderRef.trim(),
      authorizationExpiry: now + minutes * 60,
      mode: input.mode,
    },
  };
}

// ── capture and refund amounts ─────────────────────────────────────────────────────────────────────────────────

/** An amount to capture: at most what is still capturable. Empty means "all of it". */
export function planCapture(typed: string, capturable: bigint): AmountField {
  if (typed.trim() === '')
    return capturable > 0n ? { state: 'valid', value: capturable } : { state: 'empty' };
  return parseAmount(typed, PUSD, { max: { value: capturable, label: 'what is still capturable' } });
}

export interface RefundPlan {
  readonly amount: bigint;
  /** True when it refunds everything still held (the payment becomes REFUNDED). */
  readonly full: boolean;
}

/**
 * A refund: at most what the processor still holds for the payment, and only while the refund window is open
 * (`now < releaseAt`). Empty means a full refund.
 */
export function planRefund(
  typed: string,
  held: bigint,
  releaseAt: number | null,
  now: number,
): { state: 'valid'; plan: RefundPlan } | { state: 'invalid'; message: string } {
  if (held === 0n) return { state: 'invalid', message: 'Nothing of this payment is held any more.' };
  if (releaseAt !== null && now >= releaseAt) {
    return { state: 'invalid', message: 'The refund window has closed: the funds are the merchant’s now.' };
  }
  if (typed.trim() === '') return { state: 'valid', plan: { amount: held, full: true } };
  const field = parseAmount(typed, PUSD, { max: { value: held, label: 'what is still held' } });
  if (field.state === 'invalid') return { state: 'invalid', message: field.message };
  if (field.state === 'empty') return { state: 'valid', plan: { amount: held, full: true } };
  return { state: 'valid', plan: { amount: field.value, full: field.value === held } };
}

// ── the payments list ──────────────────────────────────────────────────────────────────────────────────────────

export const STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  AUTHORIZED: 'Authorized',
  PARTIALLY_CAPTURED: 'Partly captured',
  HELD: 'Held (refundable)',
  SETTLED: 'Settled',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
  VOIDED: 'Voided',
  RECLAIMED: 'Reclaimed',
};

/** What a merchant (or its operator) can do with a payment now. */
export interface PaymentActions {
  readonly capture: boolean;
  readonly void: boolean;
  readonly refund: boolean;
}

export function paymentActions(
  p: Pick<PaymentSummary, 'capturable' | 'held' | 'releaseAt'>,
  now: number,
): PaymentActions {
  const refundOpen = p.held > 0n && (p.releaseAt === null || now < p.releaseAt);
  return { capture: p.capturable > 0n, void: p.capturable > 0n, refund: refundOpen };
}

/** One page of a list: the query's `first`/`skip` (one extra row tells whether a next page exists). */
export function pageQuery(page: number, pageSize: number): { first: number; skip: number } {
  if (!Number.isInteger(page) || page < 0) throw new Error(`Invalid page ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 999)
    throw new Error(`Invalid page size ${pageSize}`);
  return { first: pageSize + 1, skip: page * pageSize };
}

/** Splits a fetched page (`pageSize + 1` rows at most) into the rows to show and whether there is a next page. */
export function pageRows<T>(rows: readonly T[], pageSize: number): { rows: readonly T[]; hasNext: boolean } {
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** A search term as the subgraph client takes it: trimmed, undefined when empty; a hex term lower-cased. */
export function searchTerm(text: string): string | undefined {
  const term = text.trim();
  if (term === '') return undefined;
  return /^0x[0-9a-fA-F]+$/.test(term) ? term.toLowerCase() : term;
}

/** The export's file name: `plaza-payments-<merchant prefix>-<YYYY-MM-DD>.csv`. */
export function csvFileName(merchant: string, date: Date): string {
  return `plaza-payments-${merchant.slice(0, 10).toLowerCase()}-${date.toISOString().slice(0, 10)}.csv`;
}

/** Reads CSV as `paymentsToCsv` writes it (RFC 4180: quoted fields, doubled quotes, CRLF) into header-keyed rows. */
export function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// ── checkout ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Why a checkout cannot go ahead, in the order a shopper should hear it. */
export type CheckoutProblem =
  'wrong-chain' | 'expired' | 'merchant-inactive' | 'already-paid' | 'blocked' | 'insufficient-balance';

export interface CheckoutFacts {
  readonly request: Pick<PaymentRequest, 'chainId' | 'authorizationExpiry' | 'amount'>;
  readonly appChainId: number;
  /** Chain time, Unix seconds. */
  readonly now: number;
  readonly merchantActive: boolean;
  /** Known once a wallet is connected. */
  readonly shopper?:
    { readonly alreadyPaid: boolean; readonly blocked: boolean; readonly balance: bigint } | undefined;
}

/** The first reason the checkout cannot proceed (undefined: it can). */
export function checkoutProblem(f: CheckoutFacts): CheckoutProblem | undefined {
  if (f.request.chainId !== f.appChainId) return 'wrong-chain';
  if (f.now >= f.request.authorizationExpiry) return 'expired';
  if (!f.merchantActive) return 'merchant-inactive';
  if (!f.shopper) return undefined;
  if (f.shopper.alreadyPaid) return 'already-paid';
  if (f.shopper.blocked) return 'blocked';
  if (f.shopper.balance < f.request.amount) return 'insufficient-balance';
  return undefined;
}

/** The problem in words. */
export function checkoutProblemMessage(
  problem: CheckoutProblem,
  f: Pick<CheckoutFacts, 'request' | 'appChainId'> & { balance?: bigint | undefined },
): string {
  switch (problem) {
    case 'wrong-chain':
      return `This link is for chain ${f.request.chainId}, and this app runs on chain ${f.appChainId}. Ask the merchant for a link to this network.`;
    case 'expired':
      return 'This payment link has expired. Ask the merchant for a new one.';
    case 'merchant-inactive':
      return 'This merchant cannot take payments at the moment (not registered, or suspended).';
    case 'already-paid':
      return 'You have already paid this link: it cannot be paid twice from the same wallet.';
    case 'blocked':
      return 'Your account is blocked from sending pUSD, so it cannot pay.';
    case 'insufficient-balance':
      return `Your pUSD balance${f.balance === undefined ? '' : ` (${formatAmount(f.balance, PUSD)} pUSD)`} is less than the ${formatAmount(f.request.amount, PUSD)} pUSD to pay.`;
  }
}

/** "in 29 days", "in 3 h 5 min", "in 42 s"; "expired" at or after the expiry. */
export function timeLeft(expiry: number, now: number): string {
  const s = expiry - now;
  if (s <= 0) return 'expired';
  if (s >= 2 * 86_400) return `in ${Math.floor(s / 86_400)} days`;
  if (s >= 3600) return `in ${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  if (s >= 60) return `in ${Math.floor(s / 60)} min`;
  return `in ${s} s`;
}

// ── advances and points ────────────────────────────────────────────────────────────────────────────────────────

/** An advance to draw: positive and at most what the pool offers this merchant now. */
export function planAdvance(typed: string, available: bigint): AmountField {
  if (available === 0n) return { state: 'invalid', message: 'No advance is available to you right now.' };
  return parseAmount(typed, PUSD, { max: { value: available, label: 'your available advance' } });
}

/** Points to redeem: positive, at most the balance, and only when the program pays something for them. */
export function planRedeem(
  typed: string,
  balance: bigint,
  program: { readonly expired: boolean; readonly reserve: bigint },
): AmountField {
  if (program.expired) return { state: 'invalid', message: 'This program has expired.' };
  if (program.reserve === 0n) {
    return {
      state: 'invalid',
      message: 'The merchant has not funded a reserve, so points cannot be redeemed.',
    };
  }
  return parseAmount(typed, { symbol: 'points', decimals: 18 }, { balance });
}
