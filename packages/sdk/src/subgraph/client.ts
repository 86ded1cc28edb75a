import type { Address, Hex } from 'viem';
import type { PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { formatPusd } from '../core/units.js';
import {
  DAILY_SERIES_QUERY,
  HOURLY_SERIES_QUERY,
  MARKET_QUERY,
  MARKETS_QUERY,
  META_QUERY,
  PAYMENTS_BY_TRANSACTION_QUERY,
  PAYMENTS_PAGE_QUERY,
  PAYMENTS_QUERY,
  POINTS_QUERY,
  POSITIONS_QUERY,
  PROGRAMS_QUERY,
  PROTOCOL_QUERY,
  STAKES_QUERY,
} from './queries.js';
import { subgraphRequest, type SubgraphClientOptions } from './transport.js';
import {
  PAYMENT_STATUSES,
  parseMarket,
  parseMeta,
  parseOverviewPoint,
  parsePayment,
  parsePointsBalance,
  parsePosition,
  parseProgram,
  parseProtocol,
  parseStake,
  type MarketSummary,
  type OverviewPoint,
  type PaymentCsvRow,
  type PaymentStatus,
  type PaymentSummary,
  type PointsBalanceSummary,
  type PositionSummary,
  type ProgramSummary,
  type ProtocolFigures,
  type StakeSummary,
  type SubgraphMeta,
} from './types.js';

/** The Graph's limit on `first` (graph-node's default `GRAPH_GRAPHQL_MAX_FIRST`). */
const MAX_FIRST = 1000;

type Wire = Record<string, unknown>;

/**
 * The merchant dashboard's payments query: one page, optionally filtered by status and searched by order
 * reference (text, case-insensitive substring), payment id, or transaction hash (the creating transaction or any
 * later one: capture, refund, settlement).
 *
 * @example
 * ```ts
 * const params: MerchantPaymentsParams = { merchant, status: ['HELD', 'SETTLED'], search: 'INV-10', first: 25 };
 * ```
 */
export interface MerchantPaymentsParams {
  readonly merchant: Address;
  readonly status?: PaymentStatus | readonly PaymentStatus[];
  readonly search?: string;
  /** Page size, 1–1000 (default 25). */
  readonly first?: number;
  readonly skip?: number;
  /** By creation (block); default `desc` (newest first). */
  readonly orderDirection?: 'asc' | 'desc';
}

/**
 * The typed client of the Plaza subgraph: the queries the dApp needs, returning `bigint` amounts.
 *
 * @example
 * ```ts
 * import { createSubgraphClient } from '@plaza/sdk';
 * const subgraph = createSubgraphClient({ url: config.graphqlUrl });
 * const [protocol, series] = await Promise.all([subgraph.protocol(), subgraph.overviewSeries({ count: 30 })]);
 * ```
 */
export interface SubgraphClient {
  readonly url: string;
  /** Any query of your own: `data` typed as you say, errors as `PlazaError`s. */
  request<T>(query: string, variables?: Readonly<Record<string, unknown>>): Promise<T>;
  /** The last indexed block and whether indexing stopped on an error. */
  meta(): Promise<SubgraphMeta>;
  /**
   * Resolves once the subgraph has indexed `blockNumber` (e.g. the block of a transaction just sent), so the next
   * query sees its effects; rejects after `timeoutMs` (default 30 s) or when indexing has stopped on an error.
   */
  waitForBlock(
    blockNumber: bigint | number,
    options?: { timeoutMs?: number; intervalMs?: number },
  ): Promise<SubgraphMeta>;
  /** The protocol's current figures (null before the subgraph has seen any Plaza event). */
  protocol(): Promise<ProtocolFigures | null>;
  /**
   * The overview's supply / TVL series: the last `count` days (or hours) that had events, oldest first, up to
   * `before` (a day or hour number, exclusive; default: no limit).
   */
  overviewSeries(params?: {
    interval?: 'day' | 'hour';
    count?: number;
    before?: number;
  }): Promise<OverviewPoint[]>;
  /** Lending markets, largest supply first. */
  markets(params?: { first?: number; skip?: number }): Promise<MarketSummary[]>;
  market(id: Hex): Promise<MarketSummary | null>;
  /** An account's lending positions (open ones only, unless `includeClosed`), most recently changed first. */
  positions(params: { account: Address; market?: Hex; includeClosed?: boolean }): Promise<PositionSummary[]>;
  /** A page of a merchant's payments (see {@link MerchantPaymentsParams}). */
  merchantPayments(params: MerchantPaymentsParams): Promise<{ payments: PaymentSummary[] }>;
  /**
   * Every payment of a merchant created in `[from, to)` (Unix seconds; default: all), oldest first, as CSV rows.
   * Pages through The Graph's 1,000-row limit by id.
   */
  paymentCsvRows(params: { merchant: Address; from?: number; to?: number }): Promise<PaymentCsvRow[]>;
  /** Incentive programs (optionally of one pool), newest first. */
  programs(params?: { pool?: Address; first?: number }): Promise<ProgramSummary[]>;
  /** An owner's stakes (active ones only, unless `includeInactive`). */
  stakes(params: { owner: Address; includeInactive?: boolean }): Promise<StakeSummary[]>;
  /** An account's non-zero loyalty points balances, largest first. */
  pointsBalances(params: { account: Address }): Promise<PointsBalanceSummary[]>;
}

function checkFirst(first: number, name = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw new PlazaError(`${name} must be an integer from 1 to ${MAX_FIRST}, not ${first}.`, {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name, value: first },
    });
  }
  return first;
}

function checkAddress(value: string, name: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new PlazaError(`${name} must be an address (0x + 40 hex digits), not ${JSON.stringify(value)}.`, {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name, value },
    });
  }
  return value.toLowerCase();
}

/** The `where` filter of a merchant's payments page (The Graph forbids mixing `or` with other filters: `and`). */
export function merchantPaymentsFilter(params: MerchantPaymentsParams): {
  where: Wire;
  transaction?: string;
} {
  const merchant = checkAddress(params.merchant, 'merchant');
  const statuses =
    params.status === undefined
      ? []
      : typeof params.status === 'string'
        ? [params.status]
        : [...params.status];
  for (const s of statuses) {
    if (!PAYMENT_STATUSES.includes(s)) {
      throw new PlazaError(
        `Unknown payment status ${JSON.stringify(s)} (known: ${PAYMENT_STATUSES.join(', ')}).`,
        {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'status', value: s },
        },
      );
    }
  }
  const base: Wire = { merchant };
  if (statuses.length > 0) base.status_in = statuses;
  const term = params.search?.trim() ?? '';
  if (term === '') return { where: base };
  if (/^0x[0-9a-fA-F]{64}$/.test(term)) {
    const hex = term.toLowerCase();
    // a 32-byte hex is a payment id, an order reference given as hex, or a transaction hash
    return {
      where: { and: [base, { or: [{ id: hex }, { orderRef: hex }, { transactionHash: hex }] }] },
      transaction: hex,
    };
  }
  return { where: { ...base, orderRefText_contains_nocase: term } };
}

/**
 * Creates the subgraph client.
 *
 * @example
 * ```ts
 * import { createSubgraphClient } from '@plaza/sdk';
 * const subgraph = createSubgraphClient({ url: 'http://127.0.0.1:8000/graphql' });
 * const { payments } = await subgraph.merchantPayments({ merchant, status: 'HELD', search: 'INV-1042' });
 * await subgraph.waitForBlock(receipt.blockNumber); // after sending a transaction
 * ```
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url)) {
    throw new PlazaError(`The subgraph URL must be an http(s) URL, not ${JSON.stringify(options.url)}.`, {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name: 'url', value: options.url },
    });
  }
  const request = <T>(query: string, variables?: Readonly<Record<string, unknown>>) =>
    subgraphRequest<T>(options, query, variables);

  const meta = async () => parseMeta((await request<{ _meta: Wire }>(META_QUERY))._meta);

  return {
    url: options.url,
    request,
    meta,
    async waitForBlock(blockNumber, waitOptions = {}) {
      const target = Number(blockNumber);
      const timeoutMs = waitOptions.timeoutMs ?? 30_000;
      const intervalMs = waitOptions.intervalMs ?? 250;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await meta();
        if (current.blockNumber >= target) return current;
        if (current.hasIndexingErrors) {
          throw new PlazaError(
            `The subgraph stopped at block ${current.blockNumber} on an indexing error; block ${target} will not be indexed.`,
            { code: 'Rpc', errorName: 'SubgraphError', args: { blockNumber: current.blockNumber, target } },
          );
        }
        if (Date.now() >= deadline) {
          throw new PlazaError(
            `The subgraph had not indexed block ${target} after ${timeoutMs} ms (it is at block ${current.blockNumber}).`,
            {
              code: 'Rpc',
              errorName: 'SubgraphUnavailable',
              args: { blockNumber: current.blockNumber, target },
            },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    async protocol() {
      const { protocol } = await request<{ protocol: Wire | null }>(PROTOCOL_QUERY);
      return protocol ? parseProtocol(protocol) : null;
    },
    async overviewSeries(params = {}) {
      const interval = params.interval ?? 'day';
      const count = checkFirst(params.count ?? 30, 'count');
      const variables = { first: count, before: params.before ?? 2_147_483_647 };
      if (interval === 'day') {
        const data = await request<{ protocolDailySnapshots: Wire[] }>(DAILY_SERIES_QUERY, variables);
        return data.protocolDailySnapshots.map((w) => parseOverviewPoint(w, 'day')).reverse();
      }
      const data = await request<{ protocolHourlySnapshots: Wire[] }>(HOURLY_SERIES_QUERY, variables);
      return data.protocolHourlySnapshots.map((w) => parseOverviewPoint(w, 'hour')).reverse();
    },
    async markets(params = {}) {
      const data = await request<{ markets: Wire[] }>(MARKETS_QUERY, {
        first: checkFirst(params.first ?? 100),
        skip: params.skip ?? 0,
      });
      return data.markets.map(parseMarket);
    },
    async market(id) {
      const data = await request<{ market: Wire | null }>(MARKET_QUERY, { id: id.toLowerCase() });
      return data.market ? parseMarket(data.market) : null;
    },
    async positions(params) {
      const where: Wire = { account: checkAddress(params.account, 'account') };
      if (params.market) where.market = params.market.toLowerCase();
      if (!params.includeClosed) where.isOpen = true;
      const data = await request<{ positions: Wire[] }>(POSITIONS_QUERY, { where, first: MAX_FIRST });
      return data.positions.map(parsePosition);
    },
    async merchantPayments(params) {
      const { where, transaction } = merchantPaymentsFilter(params);
      const first = checkFirst(params.first ?? 25);
      if (transaction) {
        const data = await request<{ payments: Wire[]; paymentEvents: { payment: Wire }[] }>(
          PAYMENTS_BY_TRANSACTION_QUERY,
          {
            where,
            events: { transactionHash: transaction, merchant: checkAddress(params.merchant, 'merchant') },
            first,
          },
        );
        const found = new Map<string, PaymentSummary>();
        for (const w of [...data.payments, ...data.paymentEvents.map((e) => e.payment)]) {
          const payment = parsePayment(w);
          const statuses =
            params.status === undefined ? undefined : ([] as PaymentStatus[]).concat(params.status);
          if (statuses && !statuses.includes(payment.status)) continue;
          found.set(payment.id, payment);
        }
        const payments = [...found.values()].sort((a, b) =>
          params.orderDirection === 'asc' ? a.createdBlock - b.createdBlock : b.createdBlock - a.createdBlock,
        );
        return { payments };
      }
      const data = await request<{ payments: Wire[] }>(PAYMENTS_QUERY, {
        where,
        first,
        skip: params.skip ?? 0,
        orderDirection: params.orderDirection ?? 'desc',
      });
      return { payments: data.payments.map(parsePayment) };
    },
    async paymentCsvRows(params) {
      const merchant = checkAddress(params.merchant, 'merchant');
      const base: Wire = { merchant };
      if (params.from !== undefined) base.createdAt_gte = String(params.from);
      if (params.to !== undefined) base.createdAt_lt = String(params.to);
      const payments: PaymentSummary[] = [];
      let lastId: string | undefined;
      for (;;) {
        const where = lastId ? { ...base, id_gt: lastId } : base;
        const data = await request<{ payments: Wire[] }>(PAYMENTS_PAGE_QUERY, { where, first: MAX_FIRST });
        payments.push(...data.payments.map(parsePayment));
        if (data.payments.length < MAX_FIRST) break;
        lastId = data.payments.at(-1)!.id as string;
      }
      payments.sort((a, b) => a.createdBlock - b.createdBlock || a.id.localeCompare(b.id));
      return payments.map(toCsvRow);
    },
    async programs(params = {}) {
      const where: Wire = {};
      if (params.pool) where.pool = checkAddress(params.pool, 'pool');
      const data = await request<{ incentivePrograms: Wire[] }>(PROGRAMS_QUERY, {
        where,
        first: checkFirst(params.first ?? 100),
      });
      return data.incentivePrograms.map(parseProgram);
    },
    async stakes(params) {
      const where: Wire = { owner: checkAddress(params.owner, 'owner') };
      if (!params.includeInactive) where.active = true;
      const data = await request<{ stakes: Wire[] }>(STAKES_QUERY, { where, first: MAX_FIRST });
      return data.stakes.map(parseStake);
    },
    async pointsBalances(params) {
      const data = await request<{ pointsBalances: Wire[] }>(POINTS_QUERY, {
        where: { account: checkAddress(params.account, 'account'), balance_gt: '0' },
        first: MAX_FIRST,
      });
      return data.pointsBalances.map(parsePointsBalance);
    },
  };
}

/**
 * The subgraph client as a module of a Plaza context, like the other modules (`createPsmModule(ctx)`): the same
 * client as {@link createSubgraphClient}; the context is not needed to query, it only makes the module fit in.
 *
 * @example
 * ```ts
 * import { createPlazaContext, createSubgraphModule } from '@plaza/sdk';
 * const subgraph = createSubgraphModule(createPlazaContext({ publicClient, chainId, deployment }), { url });
 * ```
 */
export function createSubgraphModule(_ctx: PlazaContext, options: SubgraphClientOptions): SubgraphClient {
  return createSubgraphClient(options);
}

function toCsvRow(p: PaymentSummary): PaymentCsvRow {
  return {
    date: new Date(p.createdAt * 1000).toISOString(),
    paymentId: p.id,
    orderRef: p.orderRefText || p.orderRef,
    payer: p.payer,
    status: p.status,
    mode: p.mode,
    amount: formatPusd(p.amount),
    captured: formatPusd(p.captured),
    settled: formatPusd(p.settled),
    fee: formatPusd(p.fee),
    referralFee: formatPusd(p.referralFee),
    net: formatPusd(p.merchantNet),
    refunded: formatPusd(p.refunded),
    pointsEarned: formatPusd(p.pointsEarned),
    transactionHash: p.transactionHash,
  };
}

/** Columns of {@link paymentsToCsv}, in order. */
const CSV_COLUMNS: readonly (keyof PaymentCsvRow)[] = [
  'date',
  'paymentId',
  'orderRef',
  'payer',
  'status',
  'mode',
  'amount',
  'captured',
  'settled',
  'fee',
  'referralFee',
  'net',
  'refunded',
  'pointsEarned',
  'transactionHash',
];

/**
 * Renders payment rows as CSV (RFC 4180: a header line, CRLF line ends, fields quoted when they contain a comma,
 * a quote or a line break; text cells that a spreadsheet would run as a formula are prefixed with `'`).
 *
 * @example
 * ```ts
 * import { paymentsToCsv } from '@plaza/sdk';
 * const csv = paymentsToCsv(await subgraph.paymentCsvRows({ merchant }));
 * download(new Blob([csv], { type: 'text/csv' }), 'payments.csv');
 * ```
 */
export function paymentsToCsv(rows: readonly PaymentCsvRow[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((c) => cell(String(row[c]))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
