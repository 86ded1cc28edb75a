// The benchmark's default query set: the dApp's queries, as the SDK's subgraph client sends them (its documents
// and variables), against the generated Plaza chain.
import { subgraphQueries } from '@plaza/sdk';
import type { Address } from 'viem';
import type { BenchQuery } from './queries.js';

const {
  DAILY_SERIES_QUERY,
  HOURLY_SERIES_QUERY,
  MARKETS_QUERY,
  META_QUERY,
  PAYMENTS_PAGE_QUERY,
  PAYMENTS_QUERY,
  POINTS_QUERY,
  POSITIONS_QUERY,
  PROGRAMS_QUERY,
  PROTOCOL_QUERY,
  STAKES_QUERY,
} = subgraphQueries;

/** Who the queries are about: the merchant, an LP who stakes, a borrower, the pool, the payer (the driver). */
export interface PlazaQueryContext {
  readonly merchant: Address;
  readonly owner: Address;
  readonly account: Address;
  readonly pool: Address;
  readonly driver: Address;
}

export function plazaQueries(ctx: PlazaQueryContext): BenchQuery[] {
  const merchant = ctx.merchant.toLowerCase();
  const page = (where: Record<string, unknown>, skip = 0) => ({
    where,
    first: 25,
    skip,
    orderDirection: 'desc',
  });
  return [
    { name: 'overview: protocol figures', query: () => PROTOCOL_QUERY },
    {
      name: 'overview: 30-day supply/TVL series',
      query: () => DAILY_SERIES_QUERY,
      variables: () => ({ first: 30, before: 2_147_483_647 }),
    },
    {
      name: 'overview: 48-hour series',
      query: () => HOURLY_SERIES_QUERY,
      variables: () => ({ first: 48, before: 2_147_483_647 }),
    },
    { name: 'markets list', query: () => MARKETS_QUERY, variables: () => ({ first: 20, skip: 0 }) },
    {
      name: 'positions of a borrower',
      query: () => POSITIONS_QUERY,
      variables: () => ({ where: { account: ctx.account.toLowerCase(), isOpen: true }, first: 1000 }),
    },
    {
      name: 'merchant payments, by status',
      query: () => PAYMENTS_QUERY,
      variables: () => page({ merchant, status_in: ['SETTLED'] }),
    },
    {
      name: 'merchant payments, order search',
      query: () => PAYMENTS_QUERY,
      variables: () => page({ merchant, orderRefText_contains_nocase: 'ord-12' }),
    },
    {
      name: 'merchant payments, page 200',
      query: () => PAYMENTS_QUERY,
      variables: () => page({ merchant }, 25 * 199),
    },
    {
      name: 'payments CSV page (1000 by id)',
      query: () => PAYMENTS_PAGE_QUERY,
      variables: () => ({ where: { merchant }, first: 1000 }),
    },
    {
      name: 'programs of the pool',
      query: () => PROGRAMS_QUERY,
      variables: () => ({ where: { pool: ctx.pool.toLowerCase() }, first: 100 }),
    },
    {
      name: 'stakes of an LP',
      query: () => STAKES_QUERY,
      variables: () => ({ where: { owner: ctx.owner.toLowerCase(), active: true }, first: 1000 }),
    },
    {
      name: 'points balances',
      query: () => POINTS_QUERY,
      variables: () => ({ where: { account: ctx.driver.toLowerCase(), balance_gt: '0' }, first: 1000 }),
    },
    { name: '_meta', query: () => META_QUERY },
  ];
}
