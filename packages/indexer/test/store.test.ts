// The entity store on PGlite (the suite) plus resuming from a PGlite data directory.
import { describe, expect, it } from 'vitest';
import { loadSubgraph } from '../src/manifest.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/store.js';
import type { Entity } from '../src/values.js';
import { fixtureBuildDir } from './fixtures/build.js';
import { pglite } from './helpers/backend.js';
import { A2, POOL, ptr, writeDataset } from './helpers/dataset.js';
import { pgliteTemplate, tempDir } from './helpers/env.js';
import { storeSuite } from './suites/store.js';

const balance = (e: Entity | null) => (e?.get('balance') as { value: bigint } | undefined)?.value ?? null;

storeSuite(pglite);

describe('PGlite data directory', () => {
  it('resumes from its data directory', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dir, template: pgliteTemplate() });
    const store = await writeDataset(first, 'resume');
    await store.addBlock(
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
