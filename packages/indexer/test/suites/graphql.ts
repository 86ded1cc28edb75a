// The Graph's query API over real HTTP (graphql-js + node:http) on the fixed dataset: every filter
// suffix, ordering and ties, pagination bounds and their error texts, child filters, and/or,
// time travel, _meta, interfaces, nested collections, scalar encodings and query limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLApi, DEFAULT_LIMITS } from '../../src/graphql/executor.js';
import { startGraphQLServer, type GraphQLServer } from '../../src/graphql/server.js';
import type { Db } from '../../src/store/db.js';
import type { Store } from '../../src/store/store.js';
import { A1, A2, A3, A4, A5, POOL, ptr, writeDataset } from '../helpers/dataset.js';

import { ns, type Backend } from '../helpers/backend.js';

export function graphqlSuite(backend: Backend): void {
  let db: Db;
  let store: Store;
  let server: GraphQLServer;

  beforeAll(async () => {
    db = await backend.open();
    store = await writeDataset(db, ns('graphql'));
    server = await startGraphQLServer(new GraphQLApi(store), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  interface Response {
    data?: Record<string, unknown> | null;
    errors?: { message: string }[];
  }

  async function gql(query: string, variables?: Record<string, unknown>): Promise<Response> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Response;
  }

  async function data(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const r = await gql(query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  }

  async function error(query: string): Promise<string> {
    const r = await gql(query);
    expect(r.errors, JSON.stringify(r)).toBeDefined();
    return r.errors![0]!.message;
  }

  /** Ids of `accounts(where: …)` (default order: id ascending). */
  async function accounts(where: string): Promise<string[]> {
    const d = await data(`{ accounts(where: ${where}) { id } }`);
    return (d.accounts as { id: string }[]).map((a) => a.id);
  }

  async function ids(field: string, where: string, extra = ''): Promise<string[]> {
    const d = await data(`{ ${field}(where: ${where}${extra}) { id } }`);
    return (d[field] as { id: string }[]).map((a) => a.id);
  }

  describe(`root fields and scalars (${backend.name})`, () => {
    it('returns single entities by id and The Graph’s wire encodings', async () => {
      const d = await data(`{
        account(id: "${A1}") { id balance share txCount lastSeen label }
        transfer(id: "0x0103") { id value logIndex kind from { id } }
        counter(id: "10") { id count }
        note(id: "n1") { id data tags flag ratio }
        missing: account(id: "0xffff") { id }
        badBytes: account(id: "nothex") { id }
      }`);
      expect(d).toEqual({
        account: { id: A1, balance: '150', share: '0.6', txCount: 2, lastSeen: '1500', label: 'Alice' },
        transfer: {
          id: '0x0103',
          value: '100000000000000000000',
          logIndex: '3',
          kind: 'LARGE',
          from: { id: A1 },
        },
        counter: { id: '10', count: '3' },
        note: { id: 'n1', data: '0x1234', tags: ['a', 'b'], flag: true, ratio: '0.2' },
        missing: null,
        badBytes: null,
      });
    });

    it('orders by id by default (bytes and Int8 ids compare as values)', async () => {
      expect(await accounts('{}')).toEqual([A1, A2, A3, A5]);
      const d = await data('{ counters { id } }');
      expect((d.counters as { id: string }[]).map((c) => c.id)).toEqual(['1', '2', '10']);
    });

    it('pluralises like graph-node and exposes _meta', async () => {
      const d = await data(`{
        probeResults { id }
        _meta { block { number hash timestamp parentHash } deployment hasIndexingErrors }
      }`);
      expect(d.probeResults).toEqual([]);
      expect(d._meta).toEqual({
        block: {
          number: 3,
          hash: ptr(3).hash,
          timestamp: Number(ptr(3).timestamp),
          parentHash: ptr(3).parentHash,
        },
        deployment: store.subgraph.deployment,
        hasIndexingErrors: false,
      });
    });
  });

  describe('pagination', () => {
    it('applies first and skip', async () => {
      const d = await data(
        '{ a: accounts(first: 2) { id } b: accounts(first: 2, skip: 2) { id } c: accounts(skip: 10) { id } }',
      );
      expect(d).toEqual({ a: [{ id: A1 }, { id: A2 }], b: [{ id: A3 }, { id: A5 }], c: [] });
    });

    it('rejects out-of-range arguments with graph-node’s texts', async () => {
      expect(await error('{ accounts(first: 0) { id } }')).toBe(
        'The `first` argument must be between 0 and 1000, but is 0',
      );
      expect(await error('{ accounts(first: 1001) { id } }')).toBe(
        'The `first` argument must be between 0 and 1000, but is 1001',
      );
      expect(await error('{ accounts(skip: -1) { id } }')).toBe(
        'The `skip` argument must be between 0 and 4294967295, but is -1',
      );
      expect(await error(`{ account(id: "${A1}") { notes(first: 5000) { id } } }`)).toBe(
        'The `first` argument must be between 0 and 1000, but is 5000',
      );
    });
  });

  describe('ordering', () => {
    it('breaks ties by id in the same direction', async () => {
      const asc = await data('{ accounts(orderBy: txCount) { id txCount } }');
      expect((asc.accounts as { id: string }[]).map((a) => a.id)).toEqual(
        [A5, A3, A1, A2].sort((a, b) => {
          const tx: Record<string, number> = { [A1]: 2, [A2]: 3, [A3]: 3, [A5]: 1 };
          return tx[a]! - tx[b]! || (a < b ? -1 : 1);
        }),
      );
      const desc = await data('{ accounts(orderBy: txCount, orderDirection: desc) { id } }');
      expect((desc.accounts as { id: string }[]).map((a) => a.id)).toEqual([A3, A2, A1, A5]);
    });

    it('orders numerically, by strings in byte order, and puts nulls last ascending', async () => {
      const byBalance = await data('{ accounts(orderBy: balance, orderDirection: desc) { id } }');
      expect((byBalance.accounts as { id: string }[]).map((a) => a.id)).toEqual([A2, A1, A3, A5]);
      const byShare = await data('{ accounts(orderBy: share) { id } }');
      expect((byShare.accounts as { id: string }[]).map((a) => a.id)).toEqual([A5, A2, A1, A3]);
      const byLabel = await data('{ accounts(orderBy: label) { label } }');
      expect((byLabel.accounts as { label: string | null }[]).map((a) => a.label)).toEqual([
        'Alice',
        'bob',
        'eve',
        null,
      ]);
    });

    it('orders by a child’s field (parent__child)', async () => {
      const d = await data(
        '{ positions(orderBy: account__balance, orderDirection: desc) { id } deposits(orderBy: user__label) { id } }',
      );
      expect(d.positions).toEqual([{ id: `${POOL}-${A2}` }, { id: `${POOL}-${A1}` }]);
      expect(d.deposits).toEqual([{ id: '0x0201' }, { id: '0x0202' }]);
    });

    it('rejects ordering by a list field', async () => {
      expect(await error('{ notes(orderBy: tags) { id } }')).toBe(
        'Ordering by `tags` is not supported for type `Note`',
      );
    });
  });

  describe('where: scalar suffixes', () => {
    it('BigInt', async () => {
      expect(await accounts('{ balance: "150" }')).toEqual([A1]);
      expect(await accounts('{ balance_not: "150" }')).toEqual([A2, A3, A5]);
      expect(await accounts('{ balance_gt: "100" }')).toEqual([A1, A2]);
      expect(await accounts('{ balance_gte: "100" }')).toEqual([A1, A2, A3]);
      expect(await accounts('{ balance_lt: "100" }')).toEqual([A5]);
      expect(await accounts('{ balance_lte: "100" }')).toEqual([A3, A5]);
      expect(await accounts('{ balance_in: ["7", "250", "999"] }')).toEqual([A2, A5]);
      expect(await accounts('{ balance_not_in: ["7", "250"] }')).toEqual([A1, A3]);
      expect(await accounts('{ balance_in: [] }')).toEqual([]);
      expect(await accounts('{ balance_gt: 149 }')).toEqual([A1, A2]);
    });

    it('BigDecimal', async () => {
      expect(await accounts('{ share: "0.60" }')).toEqual([A1]);
      expect(await accounts('{ share_not: "0.6" }')).toEqual([A2, A3, A5]);
      expect(await accounts('{ share_gt: "0.3" }')).toEqual([A1, A3]);
      expect(await accounts('{ share_gte: "0.3" }')).toEqual([A1, A2, A3]);
      expect(await accounts('{ share_lt: "0.3" }')).toEqual([A5]);
      expect(await accounts('{ share_lte: "1.5e0" }')).toEqual([A1, A2, A3, A5]);
      expect(await accounts('{ share_in: ["1.5", "0.07"] }')).toEqual([A3, A5]);
      expect(await accounts('{ share_not_in: ["1.5", "0.07"] }')).toEqual([A1, A2]);
      expect(await error('{ accounts(where: { share: "x" }) { id } }')).toBe(
        'Failed to decode `BigDecimal` value: `x`',
      );
    });

    it('Int', async () => {
      expect(await accounts('{ txCount: 3 }')).toEqual([A2, A3]);
      expect(await accounts('{ txCount_not: 3 }')).toEqual([A1, A5]);
      expect(await accounts('{ txCount_gt: 1 }')).toEqual([A1, A2, A3]);
      expect(await accounts('{ txCount_gte: 2 }')).toEqual([A1, A2, A3]);
      expect(await accounts('{ txCount_lt: 2 }')).toEqual([A5]);
      expect(await accounts('{ txCount_lte: 2 }')).toEqual([A1, A5]);
      expect(await accounts('{ txCount_in: [1, 2] }')).toEqual([A1, A5]);
      expect(await accounts('{ txCount_not_in: [1, 2] }')).toEqual([A2, A3]);
    });

    it('Int8 and Int8 ids', async () => {
      expect(await ids('transfers', '{ logIndex: "2" }')).toEqual(['0x0102']);
      expect(await ids('transfers', '{ logIndex_not: 2 }')).toEqual(['0x0101', '0x0103']);
      expect(await ids('transfers', '{ logIndex_gt: "1" }')).toEqual(['0x0102', '0x0103']);
      expect(await ids('transfers', '{ logIndex_gte: "2" }')).toEqual(['0x0102', '0x0103']);
      expect(await ids('transfers', '{ logIndex_lt: "2" }')).toEqual(['0x0101']);
      expect(await ids('transfers', '{ logIndex_lte: "2" }')).toEqual(['0x0101', '0x0102']);
      expect(await ids('transfers', '{ logIndex_in: ["1", "3"] }')).toEqual(['0x0101', '0x0103']);
      expect(await ids('transfers', '{ logIndex_not_in: ["1", "3"] }')).toEqual(['0x0102']);
      expect(await ids('counters', '{ id_gt: "1" }')).toEqual(['2', '10']);
      expect(await ids('counters', '{ id_in: ["10", "1"] }')).toEqual(['1', '10']);
    });

    it('Timestamp', async () => {
      expect(await accounts('{ lastSeen: "2500" }')).toEqual([A2]);
      expect(await accounts('{ lastSeen_not: "2500" }')).toEqual([A1, A3, A5]);
      expect(await accounts('{ lastSeen_gt: "2500" }')).toEqual([A3, A5]);
      expect(await accounts('{ lastSeen_gte: "2500" }')).toEqual([A2, A3, A5]);
      expect(await accounts('{ lastSeen_lt: "2500" }')).toEqual([A1]);
      expect(await accounts('{ lastSeen_lte: "2500" }')).toEqual([A1, A2]);
      expect(await accounts('{ lastSeen_in: ["1500", "5000"] }')).toEqual([A1, A5]);
      expect(await accounts('{ lastSeen_not_in: ["1500", "5000"] }')).toEqual([A2, A3]);
    });

    it('String', async () => {
      expect(await accounts('{ label: "bob" }')).toEqual([A2]);
      expect(await accounts('{ label_not: "bob" }')).toEqual([A1, A5]);
      expect(await accounts('{ label_gt: "Alice" }')).toEqual([A2, A5]);
      expect(await accounts('{ label_gte: "bob" }')).toEqual([A2, A5]);
      expect(await accounts('{ label_lt: "bob" }')).toEqual([A1]);
      expect(await accounts('{ label_lte: "bob" }')).toEqual([A1, A2]);
      expect(await accounts('{ label_in: ["bob", "eve"] }')).toEqual([A2, A5]);
      expect(await accounts('{ label_not_in: ["bob", "eve"] }')).toEqual([A1]);
      expect(await accounts('{ label_contains: "li" }')).toEqual([A1]);
      expect(await accounts('{ label_contains_nocase: "LI" }')).toEqual([A1]);
      expect(await accounts('{ label_not_contains: "b" }')).toEqual([A1, A5]);
      expect(await accounts('{ label_not_contains_nocase: "A" }')).toEqual([A2, A5]);
      expect(await accounts('{ label_starts_with: "A" }')).toEqual([A1]);
      expect(await accounts('{ label_starts_with_nocase: "a" }')).toEqual([A1]);
      expect(await accounts('{ label_not_starts_with: "A" }')).toEqual([A2, A5]);
      expect(await accounts('{ label_not_starts_with_nocase: "B" }')).toEqual([A1, A5]);
      expect(await accounts('{ label_ends_with: "ve" }')).toEqual([A5]);
      expect(await accounts('{ label_ends_with_nocase: "CE" }')).toEqual([A1]);
      expect(await accounts('{ label_not_ends_with: "b" }')).toEqual([A1, A5]);
      expect(await accounts('{ label_not_ends_with_nocase: "B" }')).toEqual([A1, A5]);
      // graph-node passes patterns through: % and _ are LIKE wildcards
      expect(await accounts('{ label_starts_with: "_o" }')).toEqual([A2]);
    });

    it('null comparisons', async () => {
      expect(await accounts('{ label: null }')).toEqual([A3]);
      expect(await accounts('{ label_not: null }')).toEqual([A1, A2, A5]);
      // list elements are non-null in the generated filter types, as in graph-node
      expect(await error('{ accounts(where: { label_in: ["bob", null] }) { id } }')).toBe(
        'Expected value of type "String!", found null.',
      );
    });

    it('Bytes', async () => {
      expect(await ids('notes', '{ data: "0x1234" }')).toEqual(['n1']);
      expect(await ids('notes', '{ data_not: "0x1234" }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ data_gt: "0x1234" }')).toEqual(['n2']);
      expect(await ids('notes', '{ data_gte: "0x1234" }')).toEqual(['n1', 'n2']);
      expect(await ids('notes', '{ data_lt: "0x1234" }')).toEqual(['n3']);
      expect(await ids('notes', '{ data_lte: "0x1234" }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ data_in: ["0x", "0xABCDEF"] }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ data_not_in: ["0x"] }')).toEqual(['n1', 'n2']);
      expect(await ids('notes', '{ data_contains: "0xcd" }')).toEqual(['n2']);
      expect(await ids('notes', '{ data_not_contains: "0x34" }')).toEqual(['n2', 'n3']);
      expect(await error('{ notes(where: { data: "0x123" }) { id } }')).toBe(
        'Failed to decode `Bytes` value: `Odd number of digits`',
      );
    });

    it('Boolean', async () => {
      expect(await ids('notes', '{ flag: true }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ flag_not: true }')).toEqual(['n2']);
      expect(await ids('notes', '{ flag_in: [false] }')).toEqual(['n2']);
      expect(await ids('notes', '{ flag_not_in: [false] }')).toEqual(['n1', 'n3']);
    });

    it('enums', async () => {
      expect(await ids('notes', '{ kind: LARGE }')).toEqual(['n2']);
      expect(await ids('notes', '{ kind_not: LARGE }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ kind_in: [SMALL, MEDIUM] }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ kind_not_in: [SMALL, MEDIUM] }')).toEqual(['n2']);
    });

    it('ID (String ids)', async () => {
      expect(await ids('notes', '{ id: "n2" }')).toEqual(['n2']);
      expect(await ids('notes', '{ id_not: "n2" }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ id_gt: "n1" }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ id_gte: "n2" }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ id_lt: "n2" }')).toEqual(['n1']);
      expect(await ids('notes', '{ id_lte: "n2" }')).toEqual(['n1', 'n2']);
      expect(await ids('notes', '{ id_in: ["n3", "n1"] }')).toEqual(['n1', 'n3']);
      expect(await ids('notes', '{ id_not_in: ["n3", "n1"] }')).toEqual(['n2']);
    });

    it('lists', async () => {
      expect(await ids('notes', '{ tags: ["a", "b"] }')).toEqual(['n1']);
      expect(await ids('notes', '{ tags_not: ["a", "b"] }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ tags_contains: ["b"] }')).toEqual(['n1']);
      expect(await ids('notes', '{ tags_contains_nocase: ["b"] }')).toEqual(['n1', 'n2']);
      expect(await ids('notes', '{ tags_not_contains: ["a"] }')).toEqual(['n2', 'n3']);
      expect(await ids('notes', '{ tags_not_contains_nocase: ["b"] }')).toEqual(['n3']);
      expect(await ids('notes', '{ tags: [] }')).toEqual(['n3']);
    });

    it('references by id', async () => {
      expect(await ids('transfers', `{ from: "${A1}" }`)).toEqual(['0x0101', '0x0103']);
      expect(await ids('transfers', `{ from_not: "${A1}" }`)).toEqual(['0x0102']);
      expect(await ids('transfers', `{ to_in: ["${A2}", "${A3}"] }`)).toEqual(['0x0101', '0x0102', '0x0103']);
      expect(await ids('transfers', `{ to_gt: "${A2}" }`)).toEqual(['0x0102', '0x0103']);
      expect(await ids('positions', `{ pool: "${POOL}", account_not: "${A1}" }`)).toEqual([`${POOL}-${A2}`]);
    });
  });

  describe('where: child filters and boolean operators', () => {
    it('filters by a referenced entity’s fields', async () => {
      expect(await ids('transfers', '{ from_: { label: "Alice" } }')).toEqual(['0x0101', '0x0103']);
      expect(await ids('transfers', '{ to_: { balance_gt: "200" } }')).toEqual(['0x0101']);
    });

    it('filters by derived relations', async () => {
      expect(await accounts('{ notes_: { flag: false } }')).toEqual([A1]);
      expect(await accounts('{ positions_: { amount_gt: "15" } }')).toEqual([A2]);
      expect(await ids('pools', '{ deposits_: { amount: "20" } }')).toEqual([POOL]);
    });

    it('does not nest child filters', async () => {
      expect(await error('{ transfers(where: { from_: { notes_: { flag: true } } }) { id } }')).toMatch(
        /^Child filter nesting not supported by value `notes`/,
      );
    });

    it('combines with and / or', async () => {
      expect(await accounts('{ or: [{ label: "bob" }, { txCount: 1 }] }')).toEqual([A2, A5]);
      expect(await accounts('{ and: [{ balance_gte: "100" }, { label_not: null }] }')).toEqual([A1, A2]);
      expect(
        await accounts('{ or: [{ and: [{ txCount: 3 }, { label: null }] }, { label: "eve" }] }'),
      ).toEqual([A3, A5]);
      expect(await accounts('{ or: [] }')).toEqual([]);
      expect(await error('{ accounts(where: { label: "bob", or: [{ txCount: 1 }] }) { id } }')).toBe(
        "Cannot mix column filters with 'or' operator at the same level. Found column filter(s) 'label' alongside 'or' operator.\n\nInstead of:\nwhere: { 'label', or: [...] }\n\nUse:\nwhere: { or: [{ 'label', ... }, { 'label', ... }] }",
      );
    });

    it('filters by change block', async () => {
      expect(await accounts('{ _change_block: { number_gte: 2 } }')).toEqual([A1, A2, A5]);
      expect(await accounts('{ _change_block: { number_gte: 3 } }')).toEqual([A2]);
    });
  });

  describe('time travel', () => {
    it('queries any indexed block by number or hash', async () => {
      const d = await data(`{
        at1: accounts(block: { number: 1 }) { id balance }
        at2: account(id: "${A1}", block: { number: 2 }) { balance }
        byHash: accounts(block: { hash: "${ptr(2).hash}" }, where: { id: "${A2}" }) { balance }
        gte: accounts(block: { number_gte: 3 }, first: 1) { id }
        meta: _meta(block: { number: 1 }) { block { number hash timestamp } }
      }`);
      expect(d).toEqual({
        at1: [
          { id: A1, balance: '100' },
          { id: A2, balance: '200' },
          { id: A3, balance: '100' },
          { id: A4, balance: '-5' },
        ],
        at2: { balance: '150' },
        byHash: [{ balance: '200' }],
        gte: [{ id: A1 }],
        meta: { block: { number: 1, hash: null, timestamp: null } },
      });
    });

    it('time-travels nested fields with their parent', async () => {
      const d = await data(
        `{ transfer(id: "0x0101", block: { number: 1 }) { from { balance } to { balance } } }`,
      );
      expect(d.transfer).toEqual({ from: { balance: '100' }, to: { balance: '200' } });
    });

    it('rejects blocks not indexed yet and unknown hashes', async () => {
      const dep = store.subgraph.deployment;
      expect(await error('{ accounts(block: { number: 4 }) { id } }')).toBe(
        `Failed to decode \`block.number\` value: \`subgraph ${dep} has only indexed up to block number 3 and data for block number 4 is therefore not yet available\``,
      );
      expect(await error('{ accounts(block: { number_gte: 10 }) { id } }')).toBe(
        `Failed to decode \`block.number_gte\` value: \`subgraph ${dep} has only indexed up to block number 3 and data for block number 10 is therefore not yet available\``,
      );
      expect(await error(`{ accounts(block: { hash: "0x${'12'.repeat(32)}" }) { id } }`)).toBe(
        'Failed to decode `block.hash` value: `no block with that hash found`',
      );
    });
  });

  describe('relations, interfaces, nested collections', () => {
    it('resolves references, derived lists and derived lists with arguments', async () => {
      const d = await data(`{
        account(id: "${A1}") {
          sent(orderBy: value, orderDirection: desc) { id value }
          received { id }
          notes(first: 1, orderBy: text) { text author { id } }
          positions(where: { amount_gt: "5" }) { pool { name creator { id } } }
        }
        pool(id: "${POOL}") { deposits(orderBy: timestamp) { id } positions(skip: 1) { id } }
      }`);
      expect(d).toEqual({
        account: {
          sent: [
            { id: '0x0103', value: '100000000000000000000' },
            { id: '0x0101', value: '50' },
          ],
          received: [],
          notes: [{ text: 'Hello', author: { id: A1 } }],
          positions: [{ pool: { name: 'alpha', creator: { id: A1 } } }],
        },
        pool: { deposits: [{ id: '0x0202' }, { id: '0x0201' }], positions: [{ id: `${POOL}-${A2}` }] },
      });
    });

    it('resolves plain lists of references with arguments, in id order like graph-node', async () => {
      const d = await data(`{
        pool(id: "${POOL}") {
          members { id }
          top: members(first: 1, orderBy: balance, orderDirection: desc) { id }
          named: members(where: { label_not: null }, skip: 1) { id }
        }
        withA1: pools(where: { members_contains: ["${A1}"] }) { id }
        withoutA1: pools(where: { members_not_contains: ["${A1}"] }) { id }
        exact: pools(where: { members: ["${A3}", "${A1}", "${A2}", "${A1}"] }) { id }
        byChild: pools(where: { members_: { label: "bob" } }) { id }
        noChild: pools(where: { members_: { label: "nobody" } }) { id }
      }`);
      expect(d).toEqual({
        pool: { members: [{ id: A1 }, { id: A2 }, { id: A3 }], top: [{ id: A2 }], named: [{ id: A2 }] },
        withA1: [{ id: POOL }],
        withoutA1: [],
        exact: [{ id: POOL }],
        byChild: [{ id: POOL }],
        noChild: [],
      });
    });

    it('queries interfaces across their implementations', async () => {
      const d = await data(`{
        events(orderBy: timestamp, orderDirection: desc, first: 3) {
          __typename id timestamp
          ... on Transfer { value }
          ... on Deposit { amount }
        }
        event(id: "0x0201") { __typename ... on Deposit { pool { id } } }
        filtered: events(where: { timestamp_lt: "100" }) { id }
      }`);
      expect(d).toEqual({
        events: [
          { __typename: 'Deposit', id: '0x0201', timestamp: '150', amount: '10' },
          { __typename: 'Transfer', id: '0x0103', timestamp: '100', value: '100000000000000000000' },
          { __typename: 'Transfer', id: '0x0102', timestamp: '100', value: '5000' },
        ],
        event: { __typename: 'Deposit', pool: { id: POOL } },
        filtered: [{ id: '0x0202' }],
      });
    });
  });

  describe('validation and limits', () => {
    it('reports graphql-js validation errors', async () => {
      expect(await error('{ accounts { nope } }')).toMatch(/^Cannot query field "nope" on type "Account"\./);
      expect(await error('{ accounts(where: { nope: 1 }) { id } }')).toMatch(
        /Field "nope" is not defined by type "Account_filter"/,
      );
      expect(await error('{ accounts(orderBy: nope) { id } }')).toMatch(
        /Value "nope" does not exist in "Account_orderBy" enum/,
      );
    });

    it('enforces depth and complexity limits with graph-node’s texts', async () => {
      const limited = new GraphQLApi(store, { ...DEFAULT_LIMITS, maxDepth: 3, maxComplexity: 500 });
      const deep = await limited.execute(`{ accounts { positions { pool { creator { id } } } } }`);
      expect(deep.errors?.[0]?.message).toBe('query has a depth that exceeds the limit of `3`');
      const costly = await limited.execute(`{ accounts(first: 10) { positions(first: 100) { id } } }`);
      expect(costly.errors?.[0]?.message).toBe(
        'query potentially returns `1010` entities or more and thereby exceeds the limit of `500` entities. Possible solutions are reducing the depth of the query, querying fewer relationships or using `first` to return smaller collections',
      );
      const fine = await limited.execute(`{ accounts(first: 4) { positions(first: 10) { id } } }`);
      expect(fine.errors).toBeUndefined();
    });

    it('answers GET queries, CORS preflights and malformed requests', async () => {
      const get = await fetch(`${server.url}?query=${encodeURIComponent('{ counters(first: 1) { id } }')}`);
      expect(await get.json()).toEqual({ data: { counters: [{ id: '1' }] } });
      const pre = await fetch(server.url, { method: 'OPTIONS' });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      const bad = await fetch(server.url, { method: 'POST', body: 'not json' });
      expect(bad.status).toBe(400);
      const page = await fetch(server.url);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
    });
  });
}
