// The database engines the suites run on: PGlite always, PostgreSQL when PLAZA_TEST_DATABASE_URL is
// set (test/postgres/*). Namespaces keep runs and tests apart in one database.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../src/store/db.js';
import { freshDb } from './env.js';

export interface Backend {
  name: string;
  /** A database for one test file. */
  open(): Promise<Db>;
}

const run = randomBytes(4).toString('hex');

/** A namespace unique to this test run (PostgreSQL databases outlive runs). */
export const ns = (name: string): string => `${name}-${run}`;

export const pglite: Backend = { name: 'PGlite', open: () => freshDb() };

export const postgres: Backend = {
  name: 'PostgreSQL',
  open: () => {
    const url = process.env.PLAZA_TEST_DATABASE_URL;
    if (!url) throw new Error('PLAZA_TEST_DATABASE_URL is not set');
    return openDatabase({ kind: 'postgres', url });
  },
};
