import { loyaltyPointsAbi, merchantRegistryAbi, paymentProcessorAbi, plazaUsdAbi } from '@plaza/abi';
import type { Account, Address, Hex, TypedDataDefinition } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { contractReader, defaultsClock, ensureAllowance, type Approval } from '../core/read.js';
import { signTypedDataWith, splitSignature, type PlazaSigner } from '../core/typedData.js';
import type { SignatureForm } from '../core/token.js';
import { assertAddress, assertAmount, assertBytes32 } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { createPusdModule } from '../pusd/index.js';
import {
  eip681TransferLink,
  parsePaymentLink,
  paymentInfoFromRequest,
  paymentLink,
  type PaymentRequest,
} from './links.js';
import { pointsDiscount, settlementSplit, type SettlementSplit } from './math.js';
import {
  computePaymentId,
  encodeOrderRef,
  paymentAuthorizationTypedData,
  randomPaymentSalt,
  type PaymentInfo,
} from './payment.js';

/**
 * What to pay: the merchant and amount, and optionally everything else `createPayment` fills in.
 *
 * @example
 * ```ts
 * import type { PaymentParams } from '@plaza/sdk';
 * const params: PaymentParams = { merchant, amount: parsePusd('25'), orderRef: 'A-1042', mode: 'escrow' };
 * ```
 */
export interface PaymentParams {
  readonly merchant: Address;
  readonly amount: bigint;
  /** Text (≤ 31 bytes) or 32 bytes of hex; default none (zero). */
  readonly orderRef?: string;
  /** `pay` (direct, captured at once; default) or `escrow` (authorize now, capture later). */
  readonly mode?: 'pay' | 'escrow';
  /** Default: the wallet's account. */
  readonly payer?: Address;
  readonly pointsRedeemed?: bigint;
  /** Default: an hour from now for `pay`, seven days for `escrow` (chain time). */
  readonly authorizationExpiry?: number;
  /** Default: `authorizationExpiry` + the merchant's refund window. */
  readonly refundExpiry?: number;
  /** Default 0. */
  readonly minFeeBps?: number;
  /** Default: the merchant's fee now (a later increase is refused; a decrease is fine). */
  readonly maxFeeBps?: number;
  readonly referrer?: Address;
  /** Default: 64 random bits. */
  readonly salt?: bigint;
}

/**
 * A payment signed by its payer: the `PaymentInfo`, its id, and the EIP-3009 signature anyone may submit.
 *
 * @example
 * ```ts
 * const signed: SignedPayment = await shopper.payments.signPayment(info);
 * await (await relayer.payments.submitPayment(signed)).wait();
 * ```
 */
export interface SignedPayment {
  readonly info: PaymentInfo;
  readonly id: Hex;
  readonly signature: Hex;
}

/**
 * A payment's state in the processor. `used` means its id can never be paid again (a stored record, or the
 * payer's EIP-3009 nonce spent by a finished direct payment whose record was cleared).
 *
 * @example
 * ```ts
 * const state = await plaza.payments.state(info);
 * if (state.refundable) await (await merchant.payments.refund({ payment: info })).wait();
 * ```
 */
export interface PaymentState {
  readonly id: Hex;
  readonly capturable: bigint;
  readonly held: bigint;
  readonly releaseAt: bigint;
  readonly feeBps: number;
  readonly exists: boolean;
  readonly used: boolean;
  /** Held funds the merchant can still refund (now < releaseAt). */
  readonly refundable: boolean;
  /** Held funds anyone can settle (now ≥ releaseAt). */
  readonly settleable: boolean;
}

/**
 * A merchant's terms as the processor mirrors them from the registry.
 *
 * @example
 * ```ts
 * const { feeBps, refundWindow, active } = await plaza.payments.merchantTerms(merchant);
 * ```
 */
export interface MerchantTerms {
  readonly earnRateBps: number;
  readonly refundWindow: number;
  readonly tier: number;
  readonly feeBps: number;
  readonly registered: boolean;
  readonly suspended: boolean;
  readonly hasLoyaltyProgram: boolean;
  readonly active: boolean;
}

/**
 * A merchant's money in the processor: held in escrow, released but not paid out, advance debt, and what secures
 * the debt (held + released).
 *
 * @example
 * ```ts
 * const { pending, claimable, debt } = await plaza.payments.merchantBalances(merchant);
 * ```
 */
export interface MerchantBalances {
  readonly pending: bigint;
  readonly claimable: bigint;
  readonly debt: bigint;
  readonly collateral: bigint;
}

/**
 * What a payment will cost and pay: the fee split at the merchant's current terms, and the discount of the
 * points it redeems.
 *
 * @example
 * ```ts
 * const quote: PaymentQuote = await plaza.payments.quote(info);
 * ```
 */
export interface PaymentQuote extends SettlementSplit {
  readonly feeBps: number;
  /** pUSD value of `pointsRedeemed` at the program's posted value (the merchant's discount). */
  readonly discount: bigint;
}

type Sender = { account?: Account | Address };

/**
 * Merchant payments (the PaymentProcessor): build a payment with sensible defaults, compute its id exactly like
 * the contract, have the payer sign once (any viem account, ERC-1271 wallets included), submit it (anyone, for
 * the payer's gasless signature; or the payer with an allowance or a permit), and the escrow and merchant
 * actions; balances; payment links (https and EIP-681) both ways.
 *
 * @example
 * ```ts
 * const info = await shopper.payments.createPayment({ merchant, amount: parsePusd('25'), orderRef: 'A-1042' });
 * const signed = await shopper.payments.signPayment(info);
 * await (await relayer.payments.submitPayment(signed)).wait(); // the shopper pays no gas
 * ```
 */
export interface PaymentsModule {
  address(): Promise<Address>;
  /** A `PaymentInfo` with defaults filled from the chain (time, the merchant's fee and refund window). */
  createPayment(params: PaymentParams): Promise<PaymentInfo>;
  /** The payment id, computed locally exactly as the contract does. */
  paymentId(info: PaymentInfo): Hex;
  /** The contract's own `paymentId(info)`. */
  paymentIdOnChain(info: PaymentInfo): Promise<Hex>;
  /** The typed data the payer signs (pUSD `ReceiveWithAuthorization`, nonce = payment id). */
  authorizationTypedData(info: PaymentInfo): Promise<TypedDataDefinition>;
  /** The payer's one signature; `signer` defaults to the wallet's account and must be the payer. */
  signPayment(info: PaymentInfo, options?: { signer?: PlazaSigner }): Promise<SignedPayment>;
  /** Submits a signed payment (anyone may): `payWithAuthorization` for `pay`, `authorize` for `escrow`; `result` is the id. */
  submitPayment(
    signed: SignedPayment,
    options?: Sender & { form?: SignatureForm },
  ): Promise<WriteResult<Hex>>;
  /** The payer pays directly from an allowance (approving the processor first if needed). */
  pay(
    info: PaymentInfo,
    options?: Sender & { approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; payment: WriteResult<Hex> }>;
  /** The payer pays directly with a permit it signs now (one transaction). */
  payWithPermit(info: PaymentInfo, options?: Sender & { deadline?: bigint }): Promise<WriteResult<Hex>>;
  /** The payer authorizes an escrow payment from an allowance. */
  authorizeFrom(
    info: PaymentInfo,
    options?: Sender & { approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; payment: WriteResult<Hex> }>;

  /** Merchant or operator: captures `amount` (default: all still capturable). */
  capture(params: Sender & { payment: PaymentInfo; amount?: bigint }): Promise<WriteResult<void>>;
  /** Merchant or operator: captures many (all or nothing); `amounts` default to everything capturable. */
  captureBatch(
    params: Sender & { payments: readonly PaymentInfo[]; amounts?: readonly bigint[] },
  ): Promise<WriteResult<void>>;
  /** Merchant or operator: returns what is still capturable to the payer. */
  void(params: Sender & { payment: PaymentInfo }): Promise<WriteResult<void>>;
  /** Payer, after the authorization expiry: takes back what was not captured. */
  reclaim(params: Sender & { payment: PaymentInfo }): Promise<WriteResult<void>>;
  /** Merchant or operator, inside the refund window: refunds `amount` (default: all still held). */
  refund(params: Sender & { payment: PaymentInfo; amount?: bigint }): Promise<WriteResult<void>>;
  /** Anyone, after the refund window: settles and pays the merchant out. */
  settle(params: Sender & { payment: PaymentInfo }): Promise<WriteResult<void>>;
  /** Anyone: settles every listed payment that is due (others are skipped); `result` is how many. */
  settleBatch(params: Sender & { payments: readonly PaymentInfo[] }): Promise<WriteResult<bigint>>;
  /** Anyone: pays a merchant's released balance to its payout address (advance debt repaid first). */
  payout(params: Sender & { merchant: Address }): Promise<WriteResult<bigint>>;
  /** Merchant: withdraws its released balance to `to` (default: itself). */
  withdraw(params?: Sender & { to?: Address }): Promise<WriteResult<bigint>>;
  /** Any account: withdraws its credit (referral fees, returns that could not be pushed). */
  claim(params?: Sender & { to?: Address }): Promise<WriteResult<bigint>>;
  /** Anyone: sends accrued protocol fees to the FeeCollector. */
  sweepFees(params?: Sender): Promise<WriteResult<bigint>>;

  state(payment: PaymentInfo | Hex, payer?: Address): Promise<PaymentState>;
  merchantTerms(merchant: Address): Promise<MerchantTerms>;
  merchantBalances(merchant: Address): Promise<MerchantBalances>;
  creditOf(account: Address): Promise<bigint>;
  feesAccrued(): Promise<bigint>;
  tierFee(tier: number): Promise<number>;
  referralShareBps(): Promise<number>;
  isReferrer(account: Address): Promise<boolean>;
  /** Advances outstanding and in total (advanced, repaid, written off). */
  advanceTotals(): Promise<{ outstanding: bigint; advanced: bigint; repaid: bigint; writtenOff: bigint }>;
  /** The fee split and points of a payment at the merchant's current terms. */
  quote(info: PaymentInfo): Promise<PaymentQuote>;

  /** The request a link carries (drop the payer for a link anyone can pay). */
  request(info: PaymentInfo, options?: { withPayer?: boolean }): Promise<PaymentRequest>;
  /** The https checkout link (see {@link paymentLink}); without the payer unless `withPayer`. */
  link(info: PaymentInfo, options: { baseUrl: string; withPayer?: boolean }): Promise<string>;
  /** The EIP-681 plain-transfer fallback to the merchant's payout address (settles nothing in the processor). */
  eip681Link(info: PaymentInfo): Promise<string>;
  /** A checkout link back as the `PaymentInfo` the wallet's account (or `payer`) would sign, checked against this chain. */
  fromLink(link: string, payer?: Address): Promise<PaymentInfo>;
}

const MAX_AMOUNT = 2n ** 96n - 1n;
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const ZERO_REF: Hex = `0x${'0'.repeat(64)}`;

/**
 * Builds the payments module on a context (what `createPlazaClient` does for `plaza.payments`).
 *
 * @example
 * ```ts
 * import { createPaymentsModule, createPlazaContext } from '@plaza/sdk';
 * const payments = createPaymentsModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createPaymentsModule(ctx: PlazaContext): PaymentsModule {
  const CONTRACT = 'PaymentProcessor';
  const address = async () => ctx.address(CONTRACT);
  const read = contractReader(ctx, CONTRACT, paymentProcessorAbi);
  const readRegistry = contractReader(ctx, 'MerchantRegistry', merchantRegistryAbi);
  const readPusd = contractReader(ctx, 'PlazaUSD', plazaUsdAbi);
  const readPoints = contractReader(ctx, 'LoyaltyPoints', loyaltyPointsAbi);
  const pusd = createPusdModule(ctx);
  const send = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: paymentProcessorAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });
  const now = async () => (await ctx.publicClient.getBlock()).timestamp;
  const at = async () => ({ chainId: ctx.chainId, processor: await address() });
  const fail = (errorName: string, args: Readonly<Record<string, unknown>>, functionName: string) =>
    ctx.contractError(CONTRACT, errorName, args, functionName);

  function checkInfo(info: PaymentInfo) {
    for (const key of ['payer', 'merchant', 'token', 'referrer'] as const)
      assertAddress(info[key], `info.${key}`);
    assertAmount(info.amount, 'info.amount');
    assertAmount(info.pointsRedeemed, 'info.pointsRedeemed');
    assertAmount(info.salt, 'info.salt');
    assertBytes32(info.orderRef, 'info.orderRef');
    for (const [key, max] of [
      ['authorizationExpiry', 2 ** 48 - 1],
      ['refundExpiry', 2 ** 48 - 1],
      ['minFeeBps', 65_535],
      ['maxFeeBps', 65_535],
    ] as const) {
      const value = info[key];
      if (!Number.isSafeInteger(value) || value < 0 || value > max) {
        throw new PlazaError(`Invalid info.${key}: expected a whole number from 0 to ${max}, got ${value}.`, {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: `info.${key}`, value },
        });
      }
    }
  }

  async function merchantTerms(merchant: Address): Promise<MerchantTerms> {
    assertAddress(merchant, 'merchant');
    const processor = await address();
    const [earnRateBps, refundWindow, tier, status] = await read(processor, 'merchantTerms', [merchant]);
    const feeBps = await read(processor, 'tierFee', [tier]);
    const registered = (status & 1) !== 0;
    const suspended = (status & 2) !== 0;
    return {
      earnRateBps,
      refundWindow,
      tier,
      feeBps,
      registered,
      suspended,
      hasLoyaltyProgram: (status & 4) !== 0,
      active: registered && !suspended,
    };
  }

  async function state(payment: PaymentInfo | Hex, payer?: Address): Promise<PaymentState> {
    let id: Hex;
    let who = payer;
    if (typeof payment === 'string') {
      assertBytes32(payment, 'payment');
      id = payment;
    } else {
      checkInfo(payment);
      id = computePaymentId(payment, await at());
      who = payment.payer;
    }
    const [[capturable, held, releaseAt, feeBps, exists], time] = await Promise.all([
      read(await address(), 'paymentState', [id]),
      now(),
    ]);
    const nonceUsed = who ? await readPusd(ctx.address('PlazaUSD'), 'authorizationState', [who, id]) : false;
    return {
      id,
      capturable,
      held,
      releaseAt,
      feeBps,
      exists,
      used: exists || nonceUsed,
      refundable: held > 0n && time < releaseAt,
      settleable: held > 0n && time >= releaseAt,
    };
  }

  /** What `_begin` would refuse for a new payment, named as the contract names it. */
  async function checkNew(info: PaymentInfo, functionName: string, direct: boolean, payerSends?: Address) {
    checkInfo(info);
    if (info.autoCapture !== direct)
      throw fail('WrongPaymentMode', { autoCapture: info.autoCapture }, functionName);
    const pusdAddress = ctx.address('PlazaUSD');
    if (info.token.toLowerCase() !== pusdAddress.toLowerCase()) {
      throw fail('UnsupportedToken', { token: info.token }, functionName);
    }
    if (info.amount === 0n || info.amount > MAX_AMOUNT)
      throw fail('InvalidAmount', { amount: info.amount }, functionName);
    // The next block is no earlier than the latest one: an authorization expired by then is certainly expired.
    if ((await now()) >= BigInt(info.authorizationExpiry)) {
      throw fail(
        'AuthorizationExpired',
        { authorizationExpiry: BigInt(info.authorizationExpiry) },
        functionName,
      );
    }
    if (info.refundExpiry < info.authorizationExpiry) {
      throw fail(
        'InvalidExpiries',
        { authorizationExpiry: BigInt(info.authorizationExpiry), refundExpiry: BigInt(info.refundExpiry) },
        functionName,
      );
    }
    const terms = await merchantTerms(info.merchant);
    if (!terms.active) throw fail('MerchantNotActive', { merchant: info.merchant }, functionName);
    if (terms.feeBps < info.minFeeBps || terms.feeBps > info.maxFeeBps) {
      throw fail(
        'FeeOutOfBounds',
        {
          feeBps: BigInt(terms.feeBps),
          minFeeBps: BigInt(info.minFeeBps),
          maxFeeBps: BigInt(info.maxFeeBps),
        },
        functionName,
      );
    }
    const current = await state(info);
    if (current.used) throw fail('PaymentAlreadyExists', { id: current.id }, functionName);
    if (payerSends && payerSends.toLowerCase() !== info.payer.toLowerCase()) {
      throw fail('NotPayer', { caller: payerSends, payer: info.payer }, functionName);
    }
    if (info.pointsRedeemed !== 0n && !terms.hasLoyaltyProgram) {
      throw fail('NoLoyaltyProgram', { merchant: info.merchant }, functionName);
    }
    if (await pusd.isBlocked(info.payer)) {
      throw ctx.contractError('PlazaUSD', 'AccountBlocked', { account: info.payer }, functionName);
    }
    const balance = await pusd.balanceOf(info.payer);
    if (balance < info.amount) {
      throw ctx.contractError(
        'PlazaUSD',
        'ERC20InsufficientBalance',
        { sender: info.payer, balance, needed: info.amount },
        functionName,
      );
    }
    return current.id;
  }

  /** The sender must be the merchant or one of its operators. */
  async function checkMerchantCaller(merchant: Address, sender: Address, functionName: string) {
    if (sender.toLowerCase() === merchant.toLowerCase()) return;
    const registry = await readRegistry(
      await address().then(() => ctx.address('MerchantRegistry')),
      'isOperator',
      [merchant, sender],
    );
    if (!registry) throw fail('NotMerchantOrOperator', { caller: sender, merchant }, functionName);
  }

  async function existing(info: PaymentInfo, functionName: string): Promise<PaymentState> {
    const s = await state(info);
    if (!s.exists) throw fail('PaymentNotFound', { id: s.id }, functionName);
    return s;
  }

  async function allowancePath(
    functionName: 'pay' | 'authorizeFrom',
    info: PaymentInfo,
    options: Sender & { approve?: Approval },
  ) {
    const sender = requireAccount(ctx, options.account);
    await checkNew(info, functionName, functionName === 'pay', accountAddress(sender));
    const approval = await ensureAllowance(ctx, {
      token: ctx.address('PlazaUSD'),
      tokenContract: 'PlazaUSD',
      spender: await address(),
      amount: info.amount,
      account: sender,
      mode: options.approve ?? 'exact',
      functionName,
    });
    const payment = await send<Hex>(functionName, [info], sender);
    return approval ? { approval, payment } : { payment };
  }

  const module: PaymentsModule = {
    address,
    async createPayment(params) {
      assertAddress(params.merchant, 'merchant');
      assertAmount(params.amount, 'amount', { min: 1n, max: MAX_AMOUNT });
      const payer =
        params.payer ?? (ctx.walletClient?.account ? accountAddress(requireAccount(ctx)) : undefined);
      if (!payer) {
        throw new PlazaError(
          'createPayment needs the payer: pass `payer` or a wallet client with an account.',
          {
            code: 'NoWallet',
          },
        );
      }
      assertAddress(payer, 'payer');
      const mode = params.mode ?? 'pay';
      const [terms, time] = await Promise.all([merchantTerms(params.merchant), defaultsClock(ctx)]);
      const authorizationExpiry =
        params.authorizationExpiry ?? Number(time) + (mode === 'pay' ? 3600 : 7 * 86_400);
      const info: PaymentInfo = {
        payer,
        merchant: params.merchant,
        token: ctx.address('PlazaUSD'),
        amount: params.amount,
        pointsRedeemed: params.pointsRedeemed ?? 0n,
        orderRef: params.orderRef === undefined ? ZERO_REF : encodeOrderRef(params.orderRef),
        authorizationExpiry,
        refundExpiry: params.refundExpiry ?? authorizationExpiry + terms.refundWindow,
        minFeeBps: params.minFeeBps ?? 0,
        maxFeeBps: params.maxFeeBps ?? terms.feeBps,
        referrer: params.referrer ?? ZERO,
        autoCapture: mode === 'pay',
        salt: params.salt ?? randomPaymentSalt(),
      };
      checkInfo(info);
      return info;
    },
    paymentId(info) {
      checkInfo(info);
      return computePaymentId(info, { chainId: ctx.chainId, processor: ctx.address(CONTRACT) });
    },
    async paymentIdOnChain(info) {
      checkInfo(info);
      return read(await address(), 'paymentId', [info]);
    },
    async authorizationTypedData(info) {
      checkInfo(info);
      return paymentAuthorizationTypedData(info, {
        pusdDomain: await pusd.domain(),
        processor: await address(),
        chainId: ctx.chainId,
      }) as TypedDataDefinition;
    },
    async signPayment(info, options = {}) {
      const signer = requireAccount(ctx, options.signer);
      if (accountAddress(signer).toLowerCase() !== info.payer.toLowerCase()) {
        throw new PlazaError(
          `The signer ${accountAddress(signer)} is not the payment's payer ${info.payer}: only the payer's signature pays.`,
          {
            code: 'InvalidInput',
            errorName: 'InvalidInput',
            args: { name: 'signer', value: accountAddress(signer) },
          },
        );
      }
      const typedData = await module.authorizationTypedData(info);
      const signature = await signTypedDataWith(signer, ctx.walletClient, typedData);
      return { info, id: computePaymentId(info, await at()), signature };
    },
    async submitPayment(signed, options = {}) {
      const direct = signed.info.autoCapture;
      const functionName = direct ? 'payWithAuthorization' : 'authorize';
      await checkNew(signed.info, functionName, direct);
      const parts = splitSignature(signed.signature);
      const form = options.form ?? 'auto';
      if (form === 'vrs' && !parts) {
        throw new PlazaError(
          'This signature is not 65 bytes, so it has no v, r, s: submit it with form "bytes".',
          {
            code: 'InvalidInput',
            errorName: 'InvalidInput',
          },
        );
      }
      const signatureArgs = form !== 'bytes' && parts ? [parts.v, parts.r, parts.s] : [signed.signature];
      return send<Hex>(functionName, [signed.info, ...signatureArgs], options.account);
    },
    pay: (info, options = {}) => allowancePath('pay', info, options),
    async payWithPermit(info, options = {}) {
      const sender = requireAccount(ctx, options.account);
      await checkNew(info, 'payWithPermit', true, accountAddress(sender));
      const deadline = options.deadline ?? (await defaultsClock(ctx)) + 3600n;
      const permit = await pusd.signPermit({
        spender: await address(),
        value: info.amount,
        deadline,
        signer: sender,
      });
      const parts = splitSignature(permit.signature);
      if (!parts) {
        throw new PlazaError('payWithPermit needs a 65-byte permit signature (v, r, s); use pay() instead.', {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
        });
      }
      return send<Hex>('payWithPermit', [info, deadline, parts.v, parts.r, parts.s], sender);
    },
    authorizeFrom: (info, options = {}) => allowancePath('authorizeFrom', info, options),

    async capture({ payment, amount, account }) {
      const sender = requireAccount(ctx, account);
      await checkMerchantCaller(payment.merchant, accountAddress(sender), 'capture');
      const s = await existing(payment, 'capture');
      const value = amount ?? s.capturable;
      assertAmount(value, 'amount');
      if (value === 0n) throw fail('ZeroAmount', {}, 'capture');
      if (value > s.capturable)
        throw fail('AmountExceedsCapturable', { amount: value, capturable: s.capturable }, 'capture');
      return send<void>('capture', [payment, value], sender);
    },
    async captureBatch({ payments, amounts, account }) {
      const sender = requireAccount(ctx, account);
      if (amounts && amounts.length !== payments.length) {
        throw fail(
          'LengthMismatch',
          { a: BigInt(payments.length), b: BigInt(amounts.length) },
          'captureBatch',
        );
      }
      const values: bigint[] = [];
      for (const [i, payment] of payments.entries()) {
        await checkMerchantCaller(payment.merchant, accountAddress(sender), 'captureBatch');
        values.push(amounts?.[i] ?? (await existing(payment, 'captureBatch')).capturable);
      }
      return send<void>('captureBatch', [payments, values], sender);
    },
    async void({ payment, account }) {
      const sender = requireAccount(ctx, account);
      await checkMerchantCaller(payment.merchant, accountAddress(sender), 'void');
      const s = await existing(payment, 'void');
      if (s.capturable === 0n) throw fail('NothingToReturn', { id: s.id }, 'void');
      return send<void>('void', [payment], sender);
    },
    async reclaim({ payment, account }) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      if (from.toLowerCase() !== payment.payer.toLowerCase()) {
        throw fail('NotPayer', { caller: from, payer: payment.payer }, 'reclaim');
      }
      return send<void>('reclaim', [payment], sender);
    },
    async refund({ payment, amount, account }) {
      const sender = requireAccount(ctx, account);
      await checkMerchantCaller(payment.merchant, accountAddress(sender), 'refund');
      const s = await existing(payment, 'refund');
      if (!s.refundable) throw fail('RefundWindowClosed', { id: s.id, releaseAt: s.releaseAt }, 'refund');
      const value = amount ?? s.held;
      assertAmount(value, 'amount');
      if (value === 0n) throw fail('ZeroAmount', {}, 'refund');
      if (value > s.held) throw fail('AmountExceedsRefundable', { amount: value, held: s.held }, 'refund');
      return send<void>('refund', [payment, value], sender);
    },
    async settle({ payment, account }) {
      const s = await existing(payment, 'settle');
      if (s.held === 0n) throw fail('NothingToSettle', { id: s.id }, 'settle');
      return send<void>('settle', [payment], account);
    },
    async settleBatch({ payments, account }) {
      for (const payment of payments) checkInfo(payment);
      return send<bigint>('settleBatch', [payments], account);
    },
    async payout({ merchant, account }) {
      assertAddress(merchant, 'merchant');
      return send<bigint>('payout', [merchant], account);
    },
    async withdraw({ to, account } = {}) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');
      if ((await module.merchantBalances(from)).claimable === 0n)
        throw fail('NothingToClaim', { account: from }, 'withdraw');
      return send<bigint>('withdraw', [receiver], sender);
    },
    async claim({ to, account } = {}) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');
      if ((await module.creditOf(from)) === 0n) throw fail('NothingToClaim', { account: from }, 'claim');
      return send<bigint>('claim', [receiver], sender);
    },
    sweepFees: async ({ account } = {}) => send<bigint>('sweepFees', [], account),

    state,
    merchantTerms,
    async merchantBalances(merchant) {
      assertAddress(merchant, 'merchant');
      const [pending, claimable, debt] = await read(await address(), 'merchantBalances', [merchant]);
      return { pending, claimable, debt, collateral: pending + claimable };
    },
    async creditOf(account) {
      assertAddress(account, 'account');
      return read(await address(), 'creditOf', [account]);
    },
    feesAccrued: async () => read(await address(), 'feesAccrued'),
    async tierFee(tier) {
      if (!Number.isInteger(tier) || tier < 0 || tier > 255)
        throw fail('InvalidTier', { tier: BigInt(tier) }, 'tierFee');
      return read(await address(), 'tierFee', [tier]);
    },
    referralShareBps: async () => read(await address(), 'referralShareBps'),
    async isReferrer(account) {
      assertAddress(account, 'account');
      return read(await address(), 'isReferrer', [account]);
    },
    async advanceTotals() {
      const [outstanding, advanced, repaid, writtenOff] = await read(await address(), 'advanceTotals');
      return { outstanding, advanced, repaid, writtenOff };
    },
    async quote(info) {
      checkInfo(info);
      const processor = await address();
      const [terms, shareBps, referrerFlag] = await Promise.all([
        merchantTerms(info.merchant),
        read(processor, 'referralShareBps'),
        info.referrer === ZERO ? Promise.resolve(false) : read(processor, 'isReferrer', [info.referrer]),
      ]);
      const lower = (a: Address) => a.toLowerCase();
      const referrerEligible =
        referrerFlag &&
        lower(info.referrer) !== lower(info.merchant) &&
        lower(info.referrer) !== lower(info.payer);
      let discount = 0n;
      if (info.pointsRedeemed !== 0n && terms.hasLoyaltyProgram) {
        const program = await read(processor, 'loyaltyProgramOf', [info.merchant]);
        discount = pointsDiscount(info.pointsRedeemed, await readPoints(program, 'pointValue'));
      }
      return {
        ...settlementSplit({
          amount: info.amount,
          feeBps: terms.feeBps,
          referralShareBps: shareBps,
          referrerEligible,
          earnRateBps: terms.earnRateBps,
        }),
        feeBps: terms.feeBps,
        discount,
      };
    },

    async request(info, options = {}) {
      checkInfo(info);
      const { payer, ...rest } = info;
      return { ...rest, ...(await at()), ...(options.withPayer ? { payer } : {}) };
    },
    async link(info, options) {
      return paymentLink(await module.request(info, options), options);
    },
    async eip681Link(info) {
      checkInfo(info);
      const payout = await readRegistry(ctx.address('MerchantRegistry'), 'payoutOf', [info.merchant]);
      if (payout === ZERO) throw fail('MerchantNotActive', { merchant: info.merchant }, 'eip681Link');
      return eip681TransferLink({ token: info.token, chainId: ctx.chainId, to: payout, amount: info.amount });
    },
    async fromLink(link, payer) {
      const parsed = parsePaymentLink(link);
      if (parsed.kind !== 'plaza') {
        throw new PlazaError('This is a plain transfer link, not a Plaza checkout link.', {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'link', value: link },
        });
      }
      const { request } = parsed;
      const processor = await address();
      if (request.chainId !== ctx.chainId || request.processor.toLowerCase() !== processor.toLowerCase()) {
        throw new PlazaError(
          `This link pays processor ${request.processor} on chain ${request.chainId}, not this client's ${processor} on chain ${ctx.chainId}.`,
          { code: 'ChainMismatch', args: { expected: ctx.chainId, actual: request.chainId } },
        );
      }
      const who =
        payer ??
        request.payer ??
        (ctx.walletClient?.account ? accountAddress(requireAccount(ctx)) : undefined);
      return paymentInfoFromRequest(request, who);
    },
  };
  return module;
}
