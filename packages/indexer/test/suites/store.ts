// The entity store on a real database: versions by block range, the uncommitted overlay the
// mappings read, derived lookups, immutability across blocks and rollback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraph } from '../../src/manifest.js';
import type { Db } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { bytesToHex, type Entity } from '../../src/values.js';
import { fixtureBuildDir } from '../fixtures/build.js';
import { ns, type Backend } from '../helpers/backend.js';
import { A1, A2, A4, A5, BLOCKS, POOL, ptr, writeDataset } from '../helpers/dataset.js';

const balance = (e: Entity | null) => (e?.get('balance') as { value: bigint } | undefined)?.value ?? null;

export function storeSuite(backend: Backend): void {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db.close();
  });

  describe(`entity store (${backend.name})`, () => {
    it('keeps every version and answers at any block', async () => {
      const store = await writeDataset(db, ns('versions'));
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
      const store = await Store.open(db, loadSubgraph(fixtureBuildDir), { namespace: ns('overlay') });
      await store.addBlock(ptr(1), BLOCKS[0]!, []);
      await store.addBlock(ptr(2), BLOCKS[1]!, []);
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
      const store = await writeDataset(db, ns('immutable'));
      const transfer = BLOCKS[0]!.find((m) => m.type === 'Transfer')!;
      await expect(store.addBlock(ptr(4), [transfer], [])).rejects.toThrow(
        'entity Transfer[0x0101] is immutable; inserting it at block 4 is not possible as it was already inserted at block 1',
      );
      // also against a buffered, not yet committed block
      const fresh = { ...transfer, id: '0x0199' } as typeof transfer;
      await store.addBlock(ptr(4), [fresh], []);
      await expect(store.addBlock(ptr(5), [fresh], [])).rejects.toThrow(
        'entity Transfer[0x0199] is immutable; inserting it at block 5 is not possible as it was already inserted at block 4',
      );
    });

    it('rolls back to a block, including data sources created after it', async () => {
      const store = await writeDataset(db, ns('rollback'));
      await store.addBlock(
        ptr(4),
        [],
        [{ template: 'Pool', params: [POOL], context: null, creationBlock: 4 }],
      );
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
  });
}
