// Payment links: the Plaza checkout link (https, carries a whole PaymentInfo except, usually, the payer) and the
// EIP-681 `ethereum:` transfer link for plain wallets, both ways; and QR codes of either.
import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { PlazaError } from '../core/errors.js';
import { formatPusd, parsePusd } from '../core/units.js';
import { decodeOrderRef, encodeOrderRef, type PaymentInfo } from './payment.js';

/**
 * A payment as a link carries it: every field of `PaymentInfo` plus the chain and processor it is for. The payer
 * is usually left out — whoever opens the link pays, and their wallet fills it in (the id is computed then);
 * the merchant matches the payment by `orderRef`, which every event carries.
 *
 * @example
 * ```ts
 * import type { PaymentRequest } from '@plaza/sdk';
 * const request: PaymentRequest = { ...info, chainId: 31337, processor, payer: undefined };
 * ```
 */
export interface PaymentRequest extends Omit<PaymentInfo, 'payer'> {
  readonly chainId: number;
  readonly processor: Address;
  readonly payer?: Address | undefined;
}

/**
 * A plain ERC-20 transfer as an EIP-681 link describes it.
 *
 * @example
 * ```ts
 * import type { TransferRequest } from '@plaza/sdk';
 * const transfer: TransferRequest = { token, chainId: 31337, to: payout, amount: parsePusd('25') };
 * ```
 */
export interface TransferRequest {
  readonly token: Address;
  readonly chainId: number | undefined;
  readonly to: Address;
  readonly amount: bigint;
}

/**
 * What `parsePaymentLink` found: a Plaza checkout (one signature, fees, escrow, points) or a plain transfer.
 *
 * @example
 * ```ts
 * const parsed: ParsedPaymentLink = parsePaymentLink(scanned);
 * if (parsed.kind === 'plaza') await checkout(parsed.request);
 * ```
 */
export type ParsedPaymentLink =
  | { readonly kind: 'plaza'; readonly request: PaymentRequest }
  | { readonly kind: 'transfer'; readonly transfer: TransferRequest };

const ZERO: Address = '0x0000000000000000000000000000000000000000';
const ZERO_REF: Hex = `0x${'0'.repeat(64)}`;

function invalid(what: string, value: unknown): PlazaError {
  return new PlazaError(`Invalid payment link: ${what} (got ${JSON.stringify(value)}).`, {
    code: 'InvalidInput',
    errorName: 'InvalidInput',
    args: { name: 'link', value },
  });
}

/**
 * The https checkout link of a payment request: `<baseUrl>/pay?v=1&chain=…&processor=…&token=…&merchant=…&amount=…`
 * (amounts in pUSD and points as decimals, exact; `order` as text when it is text, else hex; `mode=pay|escrow`;
 * `fee=<min>-<max>` bps; `expires`/`refund` unix seconds; `salt` hex; `referrer`, `points` and `payer` only when
 * set). The dApp's `/pay` page parses it back with `parsePaymentLink`.
 *
 * @example
 * ```ts
 * import { paymentLink } from '@plaza/sdk';
 * paymentLink(request, { baseUrl: 'https://app.plaza.example' });
 * // 'https://app.plaza.example/pay?v=1&chain=31337&processor=0x…&merchant=0x…&amount=25&order=A-1042&…'
 * ```
 */
export function paymentLink(request: PaymentRequest, options: { baseUrl: string }): string {
  const url = new URL(options.baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/pay`;
  const params = url.searchParams;
  params.set('v', '1');
  params.set('chain', String(request.chainId));
  params.set('processor', getAddress(request.processor));
  params.set('token', getAddress(request.token));
  params.set('merchant', getAddress(request.merchant));
  params.set('amount', formatPusd(request.amount));
  if (request.orderRef.toLowerCase() !== ZERO_REF) params.set('order', decodeOrderRef(request.orderRef));
  params.set('mode', request.autoCapture ? 'pay' : 'escrow');
  params.set('expires', String(request.authorizationExpiry));
  params.set('refund', String(request.refundExpiry));
  params.set('fee', `${request.minFeeBps}-${request.maxFeeBps}`);
  params.set('salt', `0x${request.salt.toString(16)}`);
  if (request.referrer.toLowerCase() !== ZERO) params.set('referrer', getAddress(request.referrer));
  if (request.pointsRedeemed !== 0n) params.set('points', formatPusd(request.pointsRedeemed));
  if (request.payer) params.set('payer', getAddress(request.payer));
  return url.toString();
}

/**
 * The EIP-681 link of a plain pUSD transfer, for wallets that cannot sign a Plaza checkout:
 * `ethereum:<token>@<chainId>/transfer?address=<to>&uint256=<amount>`. Point it at the merchant's payout
 * address: it settles nothing in the processor (no fee, referral, points, escrow or refund window) — the
 * merchant reconciles it by amount and time. Never point it at the processor, which cannot attribute a plain
 * transfer.
 *
 * @example
 * ```ts
 * import { eip681TransferLink } from '@plaza/sdk';
 * eip681TransferLink({ token: pusd, chainId: 31337, to: payout, amount: parsePusd('25') });
 * // 'ethereum:0x…@31337/transfer?address=0x…&uint256=25000000000000000000'
 * ```
 */
export function eip681TransferLink(transfer: TransferRequest): string {
  const chain = transfer.chainId === undefined ? '' : `@${transfer.chainId}`;
  return `ethereum:${getAddress(transfer.token)}${chain}/transfer?address=${getAddress(transfer.to)}&uint256=${transfer.amount}`;
}

/** An EIP-681 number (`[+]digits[.digits][e[+]digits]`) as an integer, or an error when it is not whole. */
function eip681Integer(value: string, name: string): bigint {
  const match = /^\+?(\d+)(?:\.(\d+))?(?:[eE]\+?(\d+))?$/.exec(value);
  if (!match) throw invalid(`${name} must be a non-negative number`, value);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent);
  if (/[1-9]/.test(fraction.slice(shift)))
    throw invalid(`${name} must be a whole number of base units`, value);
  return BigInt(whole + fraction.slice(0, shift).padEnd(shift, '0'));
}

/**
 * Parses an EIP-681 link (`ethereum:[pay-]<address>[@<chainId>][/<function>][?<params>]`) into its parts;
 * numbers may use EIP-681's scientific notation (`2.5e19`). ENS names are not resolved (an error).
 *
 * @example
 * ```ts
 * import { parseEip681 } from '@plaza/sdk';
 * parseEip681('ethereum:0x…@31337/transfer?address=0x…&uint256=2.5e19');
 * // { target: '0x…', chainId: 31337, functionName: 'transfer', parameters: { address: '0x…', uint256: '2.5e19' } }
 * ```
 */
export function parseEip681(uri: string): {
  target: Address;
  chainId: number | undefined;
  functionName: string | undefined;
  parameters: Record<string, string>;
} {
  const match = /^ethereum:(?:pay-)?([^@/?]+)(?:@(\d+))?(?:\/([A-Za-z_$][\w$]*))?(?:\?(.*))?$/.exec(
    uri.trim(),
  );
  if (!match) throw invalid('not an EIP-681 ethereum: link', uri);
  const [, target, chain, functionName, query] = match;
  if (!target || !isAddress(target, { strict: false })) {
    throw invalid('the target must be an address (ENS names are not resolved)', target);
  }
  const parameters: Record<string, string> = {};
  for (const part of (query ?? '').split('&').filter(Boolean)) {
    const [key, ...rest] = part.split('=');
    parameters[decodeURIComponent(key!)] = decodeURIComponent(rest.join('='));
  }
  return {
    target: getAddress(target),
    chainId: chain === undefined ? undefined : Number(chain),
    functionName,
    parameters,
  };
}

function addressParam(params: URLSearchParams, name: string, required: true): Address;
function addressParam(params: URLSearchParams, name: string, required: false): Address | undefined;
function addressParam(params: URLSearchParams, name: string, required: boolean): Address | undefined {
  const value = params.get(name);
  if (value === null) {
    if (required) throw invalid(`"${name}" is missing`, null);
    return undefined;
  }
  if (!isAddress(value, { strict: false })) throw invalid(`"${name}" must be an address`, value);
  return getAddress(value);
}

function integerParam(params: URLSearchParams, name: string, max: number): number {
  const value = params.get(name);
  if (value === null || !/^\d+$/.test(value)) throw invalid(`"${name}" must be a whole number`, value);
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number > max) throw invalid(`"${name}" is out of range`, value);
  return number;
}

function amountParam(params: URLSearchParams, name: string, required: boolean): bigint {
  const value = params.get(name);
  if (value === null) {
    if (required) throw invalid(`"${name}" is missing`, null);
    return 0n;
  }
  try {
    return parsePusd(value);
  } catch {
    throw invalid(`"${name}" must be a decimal amount such as 25.5`, value);
  }
}

/**
 * Parses a payment link back: the https checkout link of {@link paymentLink} (any host; the path must end in
 * `/pay`) or an EIP-681 `ethereum:…/transfer` link. Malformed links are an `InvalidInput` `PlazaError` naming
 * the field.
 *
 * @example
 * ```ts
 * import { parsePaymentLink } from '@plaza/sdk';
 * const parsed = parsePaymentLink(link);
 * if (parsed.kind === 'plaza') console.log(parsed.request.merchant, parsed.request.amount);
 * ```
 */
export function parsePaymentLink(link: string): ParsedPaymentLink {
  const text = link.trim();
  if (text.startsWith('ethereum:')) {
    const parsed = parseEip681(text);
    if (parsed.functionName !== 'transfer') {
      throw invalid('only EIP-681 ERC-20 transfer links are payment links', text);
    }
    const to = parsed.parameters.address;
    if (!to || !isAddress(to, { strict: false })) throw invalid('"address" must be the recipient', to);
    const amount = parsed.parameters.uint256;
    if (amount === undefined) throw invalid('"uint256" (the amount) is missing', text);
    return {
      kind: 'transfer',
      transfer: {
        token: parsed.target,
        chainId: parsed.chainId,
        to: getAddress(to),
        amount: eip681Integer(amount, 'uint256'),
      },
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('not a URL', text);
  }
  if (!/\/pay\/?$/.test(url.pathname)) throw invalid('a Plaza checkout link ends in /pay', text);
  const p = url.searchParams;
  if (p.get('v') !== '1') throw invalid('unsupported link version "v"', p.get('v'));
  const mode = p.get('mode');
  if (mode !== 'pay' && mode !== 'escrow') throw invalid('"mode" must be pay or escrow', mode);
  const fee = /^(\d+)-(\d+)$/.exec(p.get('fee') ?? '');
  if (!fee || Number(fee[1]) > 65_535 || Number(fee[2]) > 65_535) {
    throw invalid('"fee" must be <minBps>-<maxBps>', p.get('fee'));
  }
  const salt = p.get('salt');
  if (!salt || !/^0x[0-9a-fA-F]{1,64}$/.test(salt)) throw invalid('"salt" must be hex', salt);
  const order = p.get('order');
  let orderRef: Hex = ZERO_REF;
  if (order !== null) {
    try {
      orderRef = encodeOrderRef(order);
    } catch {
      throw invalid('"order" must be at most 31 bytes of text or 32 bytes of hex', order);
    }
  }
  const payer = addressParam(p, 'payer', false);
  const request: PaymentRequest = {
    chainId: integerParam(p, 'chain', Number.MAX_SAFE_INTEGER),
    processor: addressParam(p, 'processor', true),
    token: addressParam(p, 'token', true),
    merchant: addressParam(p, 'merchant', true),
    amount: amountParam(p, 'amount', true),
    pointsRedeemed: amountParam(p, 'points', false),
    orderRef,
    authorizationExpiry: integerParam(p, 'expires', 2 ** 48 - 1),
    refundExpiry: integerParam(p, 'refund', 2 ** 48 - 1),
    minFeeBps: Number(fee[1]),
    maxFeeBps: Number(fee[2]),
    referrer: addressParam(p, 'referrer', false) ?? ZERO,
    autoCapture: mode === 'pay',
    salt: BigInt(salt),
    ...(payer ? { payer } : {}),
  };
  return { kind: 'plaza', request };
}

/**
 * The `PaymentInfo` a payer signs for a request (the request's payer, or `payer`).
 *
 * @example
 * ```ts
 * import { paymentInfoFromRequest } from '@plaza/sdk';
 * const info = paymentInfoFromRequest(parsed.request, myAddress);
 * ```
 */
export function paymentInfoFromRequest(request: PaymentRequest, payer?: Address): PaymentInfo {
  const who = payer ?? request.payer;
  if (!who) {
    throw new PlazaError('The payment request names no payer: pass the payer (the wallet that pays).', {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name: 'payer', value: who },
    });
  }
  return {
    payer: getAddress(who),
    merchant: request.merchant,
    token: request.token,
    amount: request.amount,
    pointsRedeemed: request.pointsRedeemed,
    orderRef: request.orderRef,
    authorizationExpiry: request.authorizationExpiry,
    refundExpiry: request.refundExpiry,
    minFeeBps: request.minFeeBps,
    maxFeeBps: request.maxFeeBps,
    referrer: request.referrer,
    autoCapture: request.autoCapture,
    salt: request.salt,
  };
}

/**
 * How a QR code is rendered: an SVG document, a PNG data URL (for `<img src>`), or text for a terminal.
 *
 * @example
 * ```ts
 * import type { QrFormat } from '@plaza/sdk';
 * const format: QrFormat = 'svg';
 * ```
 */
export type QrFormat = 'svg' | 'dataUrl' | 'terminal';

/**
 * A QR code of a payment link (or any text), rendered by the `qrcode` library (loaded on first use).
 *
 * @example
 * ```ts
 * import { paymentQrCode } from '@plaza/sdk';
 * const svg = await paymentQrCode(link); // '<svg …'
 * console.log(await paymentQrCode(link, { format: 'terminal' }));
 * ```
 */
export async function paymentQrCode(
  text: string,
  options: { format?: QrFormat; errorCorrection?: 'L' | 'M' | 'Q' | 'H'; margin?: number } = {},
): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const common = { errorCorrectionLevel: options.errorCorrection ?? 'M', margin: options.margin ?? 2 };
  switch (options.format ?? 'svg') {
    case 'dataUrl':
      return QRCode.toDataURL(text, common);
    case 'terminal':
      return QRCode.toString(text, { ...common, type: 'terminal', small: true });
    default:
      return QRCode.toString(text, { ...common, type: 'svg' });
  }
}
