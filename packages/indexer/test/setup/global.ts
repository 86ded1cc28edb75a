// Builds the fixture subgraph (graph-cli) and a PGlite data directory template once per run, so
// each test's database starts from a copy (~0.7 s) instead of running initdb (~5–10 s).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildFixture } from '../fixtures/build.js';

export default async function setup(project: TestProject): Promise<() => void> {
  await buildFixture();
  const dir = join(tmpdir(), `plaza-indexer-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const template = join(dir, 'pglite-template.tar');
  if (!existsSync(template)) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(join(dir, 'init'));
    await db.waitReady;
    const dump = await db.dumpDataDir('none');
    await db.close();
    writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
  }
  project.provide('pgliteTemplate', template);
  project.provide('tmpDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    tmpDir: string;
  }
}
