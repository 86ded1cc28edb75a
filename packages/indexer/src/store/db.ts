// One SQL dialect, two engines: PGlite (Postgres compiled to WASM, in-process, persisted to a
// directory) by default, and PostgreSQL through `pg` when a connection URL is given. All SQL the
// indexer runs is plain PostgreSQL; parameters are always passed as text (or text[]) and cast in
// SQL, and results are selected as text, so both drivers see exactly the same values.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PgModule from 'pg';
import type { PoolConfig } from 'pg';
import '../runtime/wasm-types.js';

/** A row with text (or null) columns. */
export type Row = Record<string, string | null>;

/** A database connection (or transaction) running PostgreSQL SQL. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** A database: queries, transactions, multi-statement DDL. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the indexer keeps its data. */
export type DatabaseOptions =
  | {
      kind: 'pglite';
      /** Data directory; omitted means in memory. */
      dir?: string;
      /** A `dumpDataDir()` tarball to initialise a new directory from (skips initdb; tests use it). */
      template?: Blob;
    }
  | { kind: 'postgres'; url: string };

function normalizeParams(params: unknown[] | undefined): unknown[] | undefined {
  return params?.map((p) => (typeof p === 'bigint' ? p.toString() : p));
}

let modules: Promise<{
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}> | null = null;

/** PGlite's WASM modules and file bundle, compiled and read once per process. */
function pgliteModules(): NonNullable<typeof modules> {
  modules ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pglite, initdb] = await Promise.all([
      WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm'))),
      WebAssembly.compile(readFileSync(join(dist, 'initdb.wasm'))),
    ]);
    return {
      pgliteWasmModule: pglite,
      initdbWasmModule: initdb,
      fsBundle: new Blob([readFileSync(join(dist, 'pglite.data'))]),
    };
  })();
  return modules;
}

/** Opens PGlite or PostgreSQL. */
export async function openDatabase(opts: DatabaseOptions): Promise<Db> {
  if (opts.kind === 'postgres') return openPostgres(opts.url);
  const { PGlite } = await import('@electric-sql/pglite');
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  const options = { ...(await pgliteModules()), ...(opts.template ? { loadDataDir: opts.template } : {}) };
  const pg = new PGlite(opts.dir, options as never);
  await pg.waitReady;
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  }): Queryable => ({
    async query(sql, params) {
      const r = await q.query(sql, normalizeParams(params));
      return r.rows as Row[];
    },
  });
  const base = wrap(pg as never);
  return {
    kind: 'pglite',
    query: base.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx as never)));
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pgMod = await import('pg');
  const pg = (pgMod as unknown as { default: typeof PgModule }).default ?? pgMod;
  // Return every column as text, exactly like the SQL asks for; no driver-side parsing.
  const types = { getTypeParser: () => (v: string) => v };
  const pool = new pg.Pool({ connectionString: url, max: 8, types } as PoolConfig);
  // Fail fast with a clear error if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  }): Queryable => ({
    async query(sql, params) {
      const r = await q.query(sql, normalizeParams(params));
      return r.rows as Row[];
    },
  });
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
