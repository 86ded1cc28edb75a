// The fixture chain's GraphQL query set (`--chain fixture`): representative reads of the fixture subgraph. The
// Plaza chain's set is plaza-queries.ts. Replace either with `--queries <module>`; the module must export
// `queries` with the same shape (`head` is the indexed head block, for time-travel queries).

/** A named query for the latency benchmark (with its variables, if it takes any). */
export interface BenchQuery {
  name: string;
  query: (head: number) => string;
  variables?: (head: number) => Record<string, unknown>;
}

export const queries: BenchQuery[] = [
  {
    name: 'singleton by id',
    query: () => `{ protocol(id: "1") { transferCount pingCount totalMinted poolCount } }`,
  },
  {
    name: 'page of 100, filtered + sorted',
    query: () =>
      `{ pings(first: 100, orderBy: value, orderDirection: desc, where: { value_gt: "700" }) { id i sender value } }`,
  },
  {
    name: 'deep page (skip 5000)',
    query: () => `{ pings(first: 50, skip: 5000) { id i value } }`,
  },
  {
    name: 'small table',
    query: () => `{ counters(orderBy: sum, orderDirection: desc) { id count sum } }`,
  },
  {
    name: 'time travel',
    query: (head) => `{ counters(block: { number: ${Math.max(1, head - 5)} }) { id count } }`,
  },
  {
    name: 'nested relations',
    query: () =>
      `{ accounts(first: 10, orderBy: balance, orderDirection: desc) { id balance sent(first: 5) { value to { id } } positions { amount pool { name } } } }`,
  },
  {
    name: '_meta',
    query: () => `{ _meta { block { number hash timestamp } hasIndexingErrors } }`,
  },
];
