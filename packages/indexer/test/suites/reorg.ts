// Reorgs on anvil (snapshot/revert, then a different fork): the indexer notices the parent-hash
// mismatch, rolls back to the common ancestor — including a data source created on the abandoned
// fork — and ends with exactly the state (every entity version) of a fresh index of the final chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indexer } from '../../src/indexer.js';
import type { Db } from '../../src/store/db.js';
import { ACCOUNTS, FixtureChain, dumpVersions, indexFixture, query } from '../helpers/chain.js';

import { ns, type Backend } from '../helpers/backend.js';

export function reorgSuite(backend: Backend): void {
  const A = ACCOUNTS[1]!.address.toLowerCase() as `0x${string}`;
  const B = ACCOUNTS[2]!.address.toLowerCase() as `0x${string}`;

  let chain: FixtureChain;
  let db: Db;
  let indexer: Indexer;
  const logs: string[] = [];

  beforeAll(async () => {
    chain = await FixtureChain.start();
    db = await backend.open();
    await chain.mint(A, 1000n);
    await chain.transfer(1, B, 100n);
    await chain.note('before', '0x01', 1n, true, 0, ['x'], 1);
    indexer = await indexFixture(chain, {
      database: db,
      namespace: ns('reorged'),
      logger: { info: () => {}, warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    });
    await indexer.synced(await chain.head());
  });

  afterAll(async () => {
    await indexer?.stop();
    await db?.close();
    await chain?.stop();
  });

  async function expectSameAsFreshIndex(namespace: string): Promise<void> {
    const head = await chain.head();
    await indexer.synced(head);
    const fresh = await indexFixture(chain, { database: db, namespace, graphql: false });
    await fresh.synced(head);
    await fresh.stop();
    expect(indexer.store.latest).toEqual(fresh.store.latest);
    expect(indexer.store.dataSources).toEqual(fresh.store.dataSources);
    expect(await dumpVersions(indexer.store)).toEqual(await dumpVersions(fresh.store));
  }

  describe(`reorgs (${backend.name})`, () => {
    it('rolls back to the common ancestor when the chain switches to a shorter fork', async () => {
      const fork = await chain.anvil.test.snapshot();
      const forkBlock = await chain.head();
      // the abandoned fork: transfers, a pool (a dynamic data source) and a deposit
      await chain.transfer(1, B, 1n);
      const pool = await chain.createPool('doomed');
      await chain.deposit(pool, 5n, 1);
      await chain.note('abandoned', '0x02', 2n, false, 1, [], 1);
      await indexer.synced(await chain.head());
      expect(indexer.store.dataSources).toHaveLength(1);
      const before = await query(indexer.graphqlUrl!, `{ pools { id } account(id: "${B}") { balance } }`);
      expect(before).toEqual({ pools: [{ id: pool }], account: { balance: '101' } });

      await chain.anvil.test.revert({ id: fork });
      expect(await chain.head()).toBe(forkBlock);
      await chain.transfer(1, B, 7n); // one block: the new chain is shorter than the indexed one
      await expectSameAsFreshIndex(ns('fresh-1'));
      expect(logs.some((l) => /^reorg detected at block \d+: reverting to block \d+$/.test(l))).toBe(true);
      expect(indexer.store.dataSources).toHaveLength(0);
      const after = await query(
        indexer.graphqlUrl!,
        `{ pools { id } account(id: "${B}") { balance } note(id: "${A}") { text } }`,
      );
      expect(after).toEqual({ pools: [], account: { balance: '107' }, note: { text: 'before' } });
    });

    it('follows a longer fork and indexes data sources created on it', async () => {
      const fork = await chain.anvil.test.snapshot();
      await chain.transfer(1, B, 2n);
      await chain.transfer(1, B, 3n);
      await indexer.synced(await chain.head());
      await chain.anvil.test.revert({ id: fork });
      const pool = await chain.createPool('survivor');
      await chain.deposit(pool, 9n, 2);
      await chain.note('after', '0x03', -3n, true, 2, ['y', 'z'], 1);
      await chain.anvil.test.mine({ blocks: 2 });
      await expectSameAsFreshIndex(ns('fresh-2'));
      expect(logs.filter((l) => l.startsWith('reorg detected')).length).toBeGreaterThanOrEqual(2);
      const d = await query(
        indexer.graphqlUrl!,
        `{ pools { name totalDeposits } account(id: "${B}") { balance } }`,
      );
      expect(d).toEqual({ pools: [{ name: 'survivor', totalDeposits: '9' }], account: { balance: '107' } });
    });
  });
}
