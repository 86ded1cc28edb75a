// Payment links both ways: the https checkout link and the EIP-681 transfer link round-trip across fuzzed
// payments, EIP-681 links parse the same with an independent parser (eth-url-parser), malformed links are refused
// naming the field, and QR codes decode (jsQR) back to the exact link.
import {
  PlazaError,
  decodeOrderRef,
  eip681TransferLink,
  encodeOrderRef,
  paymentInfoFromRequest,
  paymentLink,
  paymentQrCode,
  parseEip681,
  parsePaymentLink,
  parsePusd,
  type PaymentRequest,
} from '@plaza/sdk';
import { parse as independentParse } from 'eth-url-parser';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { getAddress, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { SEED } from './support/helpers.js';

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => getAddress(`0x${Buffer.from(bytes).toString('hex')}`) as Address);
const zero: Address = '0x0000000000000000000000000000000000000000';
const orderRef: fc.Arbitrary<Hex> = fc.oneof(
  fc.constant(`0x${'0'.repeat(64)}` as Hex),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => Buffer.byteLength(s) <= 31)
    .map((s) => encodeOrderRef(s)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex),
);
const request: fc.Arbitrary<PaymentRequest> = fc.record({
  chainId: fc.integer({ min: 1, max: 2 ** 40 }),
  processor: address,
  token: address,
  merchant: address,
  amount: fc.bigInt({ min: 1n, max: 2n ** 96n - 1n }),
  pointsRedeemed: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 2n ** 100n })),
  orderRef,
  authorizationExpiry: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
  refundExpiry: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
  minFeeBps: fc.integer({ min: 0, max: 65_535 }),
  maxFeeBps: fc.integer({ min: 0, max: 65_535 }),
  referrer: fc.oneof(fc.constant(zero), address),
  autoCapture: fc.boolean(),
  salt: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
  payer: fc.option(address, { nil: undefined }),
});

describe('the https checkout link', () => {
  it('round-trips every field of a payment request', () => {
    fc.assert(
      fc.property(
        request,
        fc.constantFrom('https://app.plaza.example', 'https://shop.example/checkout/'),
        (r, base) => {
          const link = paymentLink(r, { baseUrl: base });
          expect(link.startsWith(`${base.replace(/\/$/, '')}/pay?v=1&`)).toBe(true);
          const parsed = parsePaymentLink(link);
          const expected = r.payer === undefined ? (({ payer: _payer, ...rest }) => rest)(r) : r;
          expect(parsed).toEqual({ kind: 'plaza', request: expected });
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('shows amounts, order references and the mode readably', () => {
    const r: PaymentRequest = {
      chainId: 31337,
      processor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      merchant: '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097',
      amount: parsePusd('25.5'),
      pointsRedeemed: 0n,
      orderRef: encodeOrderRef('A-1042'),
      authorizationExpiry: 1_800_000_000,
      refundExpiry: 1_800_604_800,
      minFeeBps: 0,
      maxFeeBps: 100,
      referrer: zero,
      autoCapture: false,
      salt: 0x1f2e3d4c5b6a7988n,
    };
    expect(paymentLink(r, { baseUrl: 'https://app.plaza.example' })).toBe(
      'https://app.plaza.example/pay?v=1&chain=31337&processor=0x5FbDB2315678afecb367f032d93F642f64180aa3&token=0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512&merchant=0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097&amount=25.5&order=A-1042&mode=escrow&expires=1800000000&refund=1800604800&fee=0-100&salt=0x1f2e3d4c5b6a7988',
    );
    expect(decodeOrderRef(encodeOrderRef('A-1042'))).toBe('A-1042');
    expect(() => paymentInfoFromRequest(r)).toThrow(PlazaError);
    expect(paymentInfoFromRequest(r, r.merchant).payer).toBe(r.merchant);
  });

  it('refuses malformed links, naming the field', () => {
    const good = paymentLink(
      {
        chainId: 1,
        processor: zero,
        token: zero,
        merchant: zero,
        amount: 1n,
        pointsRedeemed: 0n,
        orderRef: `0x${'0'.repeat(64)}`,
        authorizationExpiry: 1,
        refundExpiry: 1,
        minFeeBps: 0,
        maxFeeBps: 0,
        referrer: zero,
        autoCapture: true,
        salt: 1n,
      },
      { baseUrl: 'https://x.example' },
    );
    const broken: [string, RegExp][] = [
      [good.replace('v=1', 'v=2'), /unsupported link version "v"/],
      [good.replace('mode=pay', 'mode=later'), /"mode" must be pay or escrow/],
      [good.replace('amount=0.000000000000000001', 'amount=abc'), /"amount" must be a decimal amount/],
      [good.replace(/merchant=[^&]+/, 'merchant=0x12'), /"merchant" must be an address/],
      [good.replace('fee=0-0', 'fee=70000-0'), /"fee" must be <minBps>-<maxBps>/],
      [good.replace('salt=0x1', 'salt=zz'), /"salt" must be hex/],
      [good.replace('/pay?', '/checkout?'), /a Plaza checkout link ends in \/pay/],
      [`${good}&order=${'x'.repeat(40)}`, /"order" must be at most 31 bytes/],
      ['not a link', /not a URL/],
    ];
    for (const [link, message] of broken) {
      expect(() => parsePaymentLink(link), link).toThrow(message);
      try {
        parsePaymentLink(link);
      } catch (error) {
        expect(error).toMatchObject({ code: 'InvalidInput', errorName: 'InvalidInput' });
      }
    }
  });
});

/** eth-url-parser returns numbers as bignumber.js prints them: integers, or `1e+21`-style above 1e21. */
function integerOf(text: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?(?:e\+(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a number: ${text}`);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  return BigInt(whole + fraction) * 10n ** BigInt(Number(exponent) - fraction.length);
}

describe('the EIP-681 transfer link', () => {
  it('round-trips, and an independent parser (eth-url-parser) reads the same transfer', () => {
    fc.assert(
      fc.property(
        address,
        fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }),
        address,
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        (token, chainId, to, amount) => {
          const link = eip681TransferLink({ token, chainId, to, amount });
          expect(parsePaymentLink(link)).toEqual({
            kind: 'transfer',
            transfer: { token, chainId, to, amount },
          });
          const independent = independentParse(link);
          expect(independent.scheme).toBe('ethereum');
          expect(getAddress(independent.target_address)).toBe(token);
          expect(independent.chain_id).toBe(chainId === undefined ? undefined : String(chainId));
          expect(independent.function_name).toBe('transfer');
          expect(getAddress(independent.parameters!.address!)).toBe(to);
          expect(integerOf(independent.parameters!.uint256!)).toBe(amount);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reads links written by other tools: scientific notation, pay- prefix, no chain', () => {
    const token = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
    const to = '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097';
    expect(parsePaymentLink(`ethereum:pay-${token}@8453/transfer?address=${to}&uint256=2.5e19`)).toEqual({
      kind: 'transfer',
      transfer: { token, chainId: 8453, to, amount: parsePusd('25') },
    });
    expect(parsePaymentLink(`ethereum:${token}/transfer?uint256=1e6&address=${to.toLowerCase()}`)).toEqual({
      kind: 'transfer',
      transfer: { token, chainId: undefined, to, amount: 1_000000n },
    });
    expect(parseEip681(`ethereum:${to}@1?value=1e18`)).toEqual({
      target: to,
      chainId: 1,
      functionName: undefined,
      parameters: { value: '1e18' },
    });
    expect(() => parsePaymentLink(`ethereum:${token}/transfer?address=${to}&uint256=1.5`)).toThrow(
      /whole number of base units/,
    );
    expect(() => parsePaymentLink(`ethereum:${to}@1?value=1`)).toThrow(/only EIP-681 ERC-20 transfer links/);
    expect(() => parsePaymentLink('ethereum:plaza.eth/transfer?address=0x1&uint256=1')).toThrow(/ENS names/);
  });
});

describe('QR codes', () => {
  function decodePng(dataUrl: string): string | undefined {
    const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    // jsqr is CommonJS with `exports.default`: under Node's ESM interop the function is `.default`.
    return jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  }

  it('encode the exact link (decoded back with jsQR), as PNG, SVG and terminal text', async () => {
    const link = paymentLink(
      {
        chainId: 31337,
        processor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
        merchant: '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097',
        amount: parsePusd('4.5'),
        pointsRedeemed: 0n,
        orderRef: encodeOrderRef('LATTE-7'),
        authorizationExpiry: 1_800_000_000,
        refundExpiry: 1_800_000_000,
        minFeeBps: 0,
        maxFeeBps: 100,
        referrer: zero,
        autoCapture: true,
        salt: 0xabcdefn,
      },
      { baseUrl: 'https://app.plaza.example' },
    );
    expect(decodePng(await paymentQrCode(link, { format: 'dataUrl' }))).toBe(link);
    const transfer = eip681TransferLink({
      token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      chainId: 31337,
      to: '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097',
      amount: parsePusd('4.5'),
    });
    expect(decodePng(await paymentQrCode(transfer, { format: 'dataUrl', errorCorrection: 'H' }))).toBe(
      transfer,
    );
    const svg = await paymentQrCode(link);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toBe(await paymentQrCode(transfer));
    expect((await paymentQrCode(link, { format: 'terminal' })).split('\n').length).toBeGreaterThan(20);
  });
});
