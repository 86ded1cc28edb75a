// The entity store on a real PGlite: versions by block range, the uncommitted overlay the mappings
// read, derived lookups, immutability across blocks, rollback and resume from disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraph } from '../src/manifest.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { Store } from '../src/store/store.js';
import { bytesToHex, type Entity } from '../src/values.js';
import { fixtureBuildDir } from './fixtures/build.js';
import { A1, A2, A4, A5, BLOCKS, POOL, ptr, writeDataset } from './helpers/dataset.js';
import { freshDb, pgliteTemplate, tempDir } from './helpers/env.js';

// One in-memory database for the file; each test uses its own namespace (a separate schema).
let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db.close();
});

const balance = (e: Entity | null) => (e?.get('balance') as { value: bigint } | undefined)?.value ?? null;

describe('entity store', () => {
  it('keeps every version and answers at any block', async () => {
    const store = await writeDataset(db, 'versions');
    expect(store.latest?.number).toBe(3);
    expect(balance(await store.get('Account', A1))).toBe(150n);
    expect(await store.get('Account', A4)).toBeNull();
    const at1 = await store.dump('Account', 1);
    expect(at1.map((e) => bytesToHex((e.get('id') as { value: Uint8Array }).value))).toEqual([
      A1,
      A2,
      '0x03',
      A4,
    ]);
    expect(balance(at1[0]!)).toBe(100n);
    const at2 = await store.dump('Account', 2);
    expect(at2.map((e) => balance(e))).toEqual([150n, 200n, 100n, 7n]);
    const versions = await db.query(
      `select "block$from"::text as f, "block$to"::text as t from ${store.table('Account')} where id = '\\x01'::bytea order by 1`,
    );
    expect(versions).toEqual([
      { f: '1', t: '2' },
      { f: '2', t: null },
    ]);
  });

  it('serves buffered blocks to the mappings before they are committed', async () => {
    const store = await Store.open(db, loadSubgraph(fixtureBuildDir), { namespace: 'overlay' });
    store.addBlock(ptr(1), BLOCKS[0]!, []);
    store.addBlock(ptr(2), BLOCKS[1]!, []);
    expect(store.latest).toBeNull();
    expect(balance(await store.get('Account', A1))).toBe(150n);
    expect(await store.get('Account', A4)).toBeNull();
    expect([...(await store.getMany('Account', [A1, A4, A5])).keys()].sort()).toEqual([A1, A5]);
    const positions = await store.getDerived('Position', 'pool', POOL);
    expect([...positions.keys()].sort()).toEqual([`${POOL}-${A1}`, `${POOL}-${A2}`]);
    await store.flush();
    expect(store.latest?.number).toBe(2);
    expect(balance(await store.get('Account', A1))).toBe(150n);
    expect([...(await store.getDerived('Note', 'author', A1)).keys()].sort()).toEqual(['n1', 'n2']);
  });

  it('rejects re-inserting an immutable entity in a later block', async () => {
    const store = await writeDataset(db, 'immutable');
    const transfer = BLOCKS[0]!.find((m) => m.type === 'Transfer')!;
    store.addBlock(ptr(4), [transfer], []);
    await expect(store.flush()).rejects.toThrow(
      'entity Transfer[0x0101] is immutable; inserting it at block 4 is not possible as it was already inserted at block 1',
    );
  });

  it('rolls back to a block, including data sources created after it', async () => {
    const store = await writeDataset(db, 'rollback');
    store.addBlock(ptr(4), [], [{ template: 'Pool', params: [POOL], context: null, creationBlock: 4 }]);
    await store.flush();
    expect(store.dataSources).toHaveLength(1);
    await store.revertTo(1);
    expect(store.latest?.number).toBe(1);
    expect(store.dataSources).toHaveLength(0);
    expect(balance(await store.get('Account', A1))).toBe(100n);
    expect(balance(await store.get('Account', A4))).toBe(-5n);
    expect(await store.get('Account', A5)).toBeNull();
    const versions = await db.query(
      `select count(*)::text as n from ${store.table('Account')} where "block$to" is not null`,
    );
    expect(versions[0]!.n).toBe('0');
    await store.revertTo(null);
    expect(store.latest).toBeNull();
    expect(await store.dump('Account')).toEqual([]);
  });

  it('resumes from its data directory', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dir, template: pgliteTemplate() });
    const store = await writeDataset(first, 'resume');
    store.addBlock(
      ptr(4),
      [],
      [
        {
          template: 'Pool',
          params: [POOL],
          context: [['name', { kind: 'String', value: 'p' }]],
          creationBlock: 4,
        },
      ],
    );
    await store.flush();
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dir });
    const reopened = await Store.open(again, loadSubgraph(fixtureBuildDir), { namespace: 'resume' });
    expect(reopened.latest).toEqual(ptr(4));
    expect(reopened.dataSources).toEqual([
      {
        template: 'Pool',
        params: [POOL],
        context: [['name', { kind: 'String', value: 'p' }]],
        creationBlock: 4,
      },
    ]);
    expect(balance(await reopened.get('Account', A2))).toBe(250n);
    await again.close();
  });
});
