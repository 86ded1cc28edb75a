// Per-test resources: databases from the PGlite template, temp directories.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/store/db.js';

let template: Blob | null = null;

/** The PGlite template built by the global setup. */
export function pgliteTemplate(): Blob {
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return template;
}

/** A fresh temporary directory under the run's temp dir. */
export function tempDir(prefix = 'db-'): string {
  return mkdtempSync(join(inject('tmpDir'), prefix));
}

/** A fresh PGlite database, in memory unless `onDisk`. */
export function freshDb(onDisk = false): Promise<Db> {
  return openDatabase({ kind: 'pglite', ...(onDisk ? { dir: tempDir() } : {}), template: pgliteTemplate() });
}
