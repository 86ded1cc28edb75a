// Deterministic failures outside the handler: an immutable entity written again in a later block
// stops indexing at that block (graph-node's store checks, with both of its messages), and a
// restarted indexer keeps the error instead of retrying it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/store/db.js';
import { FixtureChain, indexFixture, query } from './helpers/chain.js';
import { freshDb } from './helpers/env.js';

let chain: FixtureChain;
let db: Db;

beforeAll(async () => {
  chain = await FixtureChain.start();
  db = await freshDb();
});

afterAll(async () => {
  await db?.close();
  await chain?.stop();
});

describe('deterministic store failures', () => {
  it('rejects an immutable entity written again while it is cached (an overwrite)', async () => {
    const id = `0x${'11'.repeat(8)}`;
    await chain.probe('immutable-set', 1n, 3n, id);
    const first = await chain.head();
    await chain.probe('immutable-set', 1n, 4n, id);
    const indexer = await indexFixture(chain, { database: db, namespace: 'cached' });
    try {
      await expect(indexer.synced(first + 1)).rejects.toThrow(
        `indexing failed at block ${first + 1}: immutable entity type Ping only allows inserts, not overwrite of Ping[${id}]`,
      );
      expect(indexer.status().latest?.number).toBe(first);
    } finally {
      await indexer.stop();
    }
  });

  it('rejects it against the store after a restart, and stays stopped', async () => {
    const id = `0x${'22'.repeat(8)}`;
    await chain.probe('immutable-set', 1n, 3n, id);
    const first = await chain.head();
    // start after the first test's blocks
    const indexer = await indexFixture(chain, { database: db, namespace: 'cold', startBlock: first });
    await indexer.synced(first);
    await indexer.stop();

    await chain.probe('immutable-set', 1n, 4n, id);
    const restarted = await indexFixture(chain, { database: db, namespace: 'cold', startBlock: first });
    await expect(restarted.synced(first + 1)).rejects.toThrow(
      `entity Ping[${id}] is immutable; inserting it at block ${first + 1} is not possible as it was already inserted at block ${first}`,
    );
    expect(restarted.status().latest?.number).toBe(first);
    const d = await query(
      restarted.graphqlUrl!,
      `{ ping(id: "${id}") { value } _meta { hasIndexingErrors } }`,
    );
    expect(d).toEqual({ ping: { value: '3' }, _meta: { hasIndexingErrors: true } });
    await restarted.stop();

    const again = await indexFixture(chain, { database: db, namespace: 'cold', startBlock: first });
    try {
      expect(again.status().fatalError).toMatchObject({ block: first + 1 });
      await expect(again.synced(first + 1)).rejects.toThrow(/is immutable/);
      expect(again.status().latest?.number).toBe(first);
    } finally {
      await again.stop();
    }
  });
});
