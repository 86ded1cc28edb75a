// What the PayFi pages read (through the SDK on the session's contexts and the subgraph client) and the steps
// their forms run through the transaction lifecycle (`session.tx.run`).
import {
  createAdvancesModule,
  createComplianceModule,
  createMerchantsModule,
  createPaymentsModule,
  createPointsModule,
  createPusdModule,
  createSubgraphClient,
  type MerchantBalances,
  type MerchantCredit,
  type MerchantInfo,
  type MerchantTerms,
  type PaymentInfo,
  type PaymentStatus,
  type PaymentSummary,
  type PlazaContext,
  type PointsProgram,
  type SubgraphClient,
} from '@plaza/sdk';
import type { Address, Hex } from 'viem';
import { paymentInfoFromTransaction } from '../chain/payments';
import type { StepSpec } from '../tx.svelte';
import { formatAmount } from '../amount';
import { pageQuery, pageRows, PUSD } from './forms';

/** The subgraph client of the config's `graphqlUrl` (undefined without one). */
export function subgraphFor(graphqlUrl: string | undefined): SubgraphClient | undefined {
  return graphqlUrl ? createSubgraphClient({ url: graphqlUrl }) : undefined;
}

/** Waits until the subgraph has indexed the chain's current block, so a list read next shows the latest writes. */
export async function caughtUp(ctx: PlazaContext, subgraph: SubgraphClient): Promise<void> {
  const head = await ctx.publicClient.getBlockNumber();
  await subgraph.waitForBlock(head, { timeoutMs: 15_000, intervalMs: 250 });
}

export async function chainNow(ctx: PlazaContext): Promise<number> {
  return Number((await ctx.publicClient.getBlock()).timestamp);
}

// ── merchant ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface MerchantOverview {
  readonly info: MerchantInfo;
  readonly terms: MerchantTerms;
  readonly balances: MerchantBalances;
  readonly credit: MerchantCredit | undefined;
  readonly advanceFeeBps: number;
  readonly program: PointsProgram | undefined;
  readonly now: number;
}

export async function loadMerchant(ctx: PlazaContext, account: Address): Promise<MerchantOverview> {
  const merchants = createMerchantsModule(ctx);
  const payments = createPaymentsModule(ctx);
  const [info, terms, now] = await Promise.all([
    merchants.merchant(account),
    payments.merchantTerms(account),
    chainNow(ctx),
  ]);
  if (!info.registered) {
    return {
      info,
      terms,
      balances: { pending: 0n, claimable: 0n, debt: 0n, collateral: 0n },
      credit: undefined,
      advanceFeeBps: 0,
      program: undefined,
      now,
    };
  }
  const advances = createAdvancesModule(ctx);
  const [balances, credit, parameters, program] = await Promise.all([
    payments.merchantBalances(account),
    advances.credit(account),
    advances.parameters(),
    info.loyaltyProgram ? createPointsModule(ctx).program(account) : Promise.resolve(undefined),
  ]);
  return { info, terms, balances, credit, advanceFeeBps: parameters.discountFeeBps, program, now };
}

/** Registration: the registry's policy and what a new merchant starts with. */
export interface RegistrationTerms {
  readonly policy: Hex;
  readonly minKycLevel: number;
  readonly minCreditScore: number;
  readonly eligible: boolean;
  /** Why the account passes or fails the policy, in words. */
  readonly reason: string;
  /** The fee of the tier new merchants start in. */
  readonly feeBps: number;
}

export async function loadRegistrationTerms(ctx: PlazaContext, account: Address): Promise<RegistrationTerms> {
  const merchants = createMerchantsModule(ctx);
  const payments = createPaymentsModule(ctx);
  const compliance = createComplianceModule(ctx);
  const [policy, feeBps] = await Promise.all([merchants.merchantPolicy(), payments.tierFee(0)]);
  const [rules, verdict] = await Promise.all([
    compliance.policy(policy),
    compliance.explainAllowed(policy, account),
  ]);
  return {
    policy,
    minKycLevel: rules.minKycLevel,
    minCreditScore: rules.minCreditScore,
    eligible: verdict.allowed,
    reason: verdict.message,
    feeBps,
  };
}

export function registerSteps(
  ctx: PlazaContext,
  params: { refundWindowDays: number; payout?: Address | undefined },
): StepSpec[] {
  return [
    {
      label: `Register as a merchant (${params.refundWindowDays}-day refund window)`,
      run: () =>
        createMerchantsModule(ctx).register({
          refundWindow: params.refundWindowDays * 86_400,
          ...(params.payout ? { payout: params.payout } : {}),
        }),
    },
  ];
}

export interface PaymentsPage {
  readonly rows: readonly PaymentSummary[];
  readonly hasNext: boolean;
}

export async function loadPayments(
  ctx: PlazaContext,
  subgraph: SubgraphClient,
  params: {
    merchant: Address;
    status: PaymentStatus | undefined;
    search: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<PaymentsPage> {
  await caughtUp(ctx, subgraph);
  const { payments } = await subgraph.merchantPayments({
    merchant: params.merchant,
    ...(params.status ? { status: params.status } : {}),
    ...(params.search ? { search: params.search } : {}),
    ...pageQuery(params.page, params.pageSize),
  });
  return pageRows(payments, params.pageSize);
}

/** The payment's full terms, from its creating transaction (capture, void and refund need them). */
export async function paymentInfoOf(ctx: PlazaContext, p: PaymentSummary): Promise<PaymentInfo> {
  const processor = await createPaymentsModule(ctx).address();
  const info = await paymentInfoFromTransaction(ctx.publicClient, p.transactionHash, {
    id: p.id,
    chainId: ctx.chainId,
    processor,
  });
  if (!info) {
    throw new Error(
      'This payment was created through another contract, so its signed terms are not in a transaction this page can read. Manage it from the system that created it.',
    );
  }
  return info;
}

const shown = (v: bigint) => `${formatAmount(v, PUSD)} pUSD`;

export function captureSteps(ctx: PlazaContext, p: PaymentSummary, amount: bigint): StepSpec[] {
  return [
    {
      label: `Capture ${shown(amount)}`,
      run: async () => createPaymentsModule(ctx).capture({ payment: await paymentInfoOf(ctx, p), amount }),
    },
  ];
}

export function voidSteps(ctx: PlazaContext, p: PaymentSummary): StepSpec[] {
  return [
    {
      label: `Void ${shown(p.capturable)} back to the payer`,
      run: async () => createPaymentsModule(ctx).void({ payment: await paymentInfoOf(ctx, p) }),
    },
  ];
}

export function refundSteps(ctx: PlazaContext, p: PaymentSummary, amount: bigint): StepSpec[] {
  return [
    {
      label: `Refund ${shown(amount)} to the payer`,
      run: async () => createPaymentsModule(ctx).refund({ payment: await paymentInfoOf(ctx, p), amount }),
    },
  ];
}

export function withdrawSteps(ctx: PlazaContext, amount: bigint): StepSpec[] {
  return [
    {
      label: `Withdraw ${shown(amount)} of settled funds`,
      run: () => createPaymentsModule(ctx).withdraw(),
    },
  ];
}

export function advanceSteps(ctx: PlazaContext, amount: bigint, received: bigint): StepSpec[] {
  return [
    {
      label: `Draw a ${shown(amount)} advance (you receive ${shown(received)})`,
      run: () => createAdvancesModule(ctx).advance({ amount }),
    },
  ];
}

/** A new payment request for a link: the merchant is its own placeholder payer (a link leaves the payer out). */
export async function createLink(
  ctx: PlazaContext,
  merchant: Address,
  plan: { amount: bigint; orderRef: string; authorizationExpiry: number; mode: 'pay' | 'escrow' },
  baseUrl: string,
): Promise<{ link: string; eip681: string; info: PaymentInfo }> {
  const payments = createPaymentsModule(ctx);
  const info = await payments.createPayment({
    merchant,
    payer: merchant,
    amount: plan.amount,
    mode: plan.mode,
    authorizationExpiry: plan.authorizationExpiry,
    ...(plan.orderRef ? { orderRef: plan.orderRef } : {}),
  });
  const [link, eip681] = await Promise.all([payments.link(info, { baseUrl }), payments.eip681Link(info)]);
  return { link, eip681, info };
}

// ── checkout ───────────────────────────────────────────────────────────────────────────────────────────────────

export function checkoutSteps(ctx: PlazaContext, info: PaymentInfo, amountText: string): StepSpec[] {
  const payments = createPaymentsModule(ctx);
  return [
    {
      label: `Sign the payment of ${amountText} (one signature, EIP-3009)`,
      kind: 'signature',
      run: () => payments.signPayment(info),
    },
    {
      label: 'Submit the signed payment',
      run: (earlier) =>
        payments.submitPayment(earlier[0] as Awaited<ReturnType<typeof payments.signPayment>>),
    },
  ];
}

export interface ShopperFacts {
  readonly balance: bigint;
  readonly blocked: boolean;
  readonly alreadyPaid: boolean;
}

export async function loadShopper(ctx: PlazaContext, info: PaymentInfo): Promise<ShopperFacts> {
  const pusd = createPusdModule(ctx);
  const [balance, blocked, state] = await Promise.all([
    pusd.balanceOf(info.payer),
    pusd.isBlocked(info.payer),
    createPaymentsModule(ctx).state(info),
  ]);
  return { balance, blocked, alreadyPaid: state.used };
}

// ── points ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface PointsHolding {
  readonly merchant: Address;
  readonly program: PointsProgram;
  /** On-chain balance (the subgraph's may lag). */
  readonly balance: bigint;
  readonly earned: bigint;
  readonly spent: bigint;
  /** What redeeming the whole balance pays now. */
  readonly redeemable: bigint;
}

export async function loadPoints(
  ctx: PlazaContext,
  subgraph: SubgraphClient,
  account: Address,
): Promise<PointsHolding[]> {
  await caughtUp(ctx, subgraph);
  const listed = await subgraph.pointsBalances({ account });
  const points = createPointsModule(ctx);
  return Promise.all(
    listed.map(async (b) => {
      const merchant = b.program.merchant;
      const [program, balance] = await Promise.all([
        points.program(merchant),
        points.balanceOf(merchant, account),
      ]);
      const redeemable =
        balance > 0n && program.reserve > 0n ? await points.previewRedeem(merchant, balance) : 0n;
      return { merchant, program, balance, earned: b.earned, spent: b.spent, redeemable };
    }),
  );
}

export function redeemSteps(
  ctx: PlazaContext,
  merchant: Address,
  amount: bigint,
  symbol: string,
): StepSpec[] {
  return [
    {
      label: `Redeem ${formatAmount(amount, PUSD)} ${symbol} for pUSD`,
      run: () => createPointsModule(ctx).redeem({ merchant, points: amount }),
    },
  ];
}
