// The entity store: one table per entity type, every version of an entity a row valid for blocks
// [block$from, block$to) — graph-node's `block_range` as two columns — so that time-travel queries
// and reorg rollbacks are a predicate and a delete/update away. Blocks processed by the indexer are
// buffered in memory (an overlay the mappings read through) and committed in one transaction per
// batch: a block's changes are never partially visible.
import { createHash } from 'node:crypto';
import type { Hex } from 'viem';
import type { Subgraph } from '../manifest.js';
import { BigDecimal } from '../numbers.js';
import type { Modification } from '../runtime/entity-cache.js';
import type { CreatedDataSource } from '../runtime/types.js';
import type { EntityType, FieldDef } from '../schema.js';
import {
  entityFromWire,
  entityToWire,
  valuesEqual,
  type Entity,
  type Value,
  type WireEntity,
} from '../values.js';
import type { Db, Queryable, Row } from './db.js';
import { FROM, TO, VID, castExpr, columnToValue, ident, selectExpr, sqlType, valueToParam } from './sql.js';

/** A block's identity as the indexer records it. */
export interface BlockPtr {
  number: number;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
}

/** The deterministic error that stopped indexing, if any. */
export interface FatalError {
  message: string;
  block: number;
  handler: string | null;
}

interface PendingBlock {
  ptr: BlockPtr;
  mods: Modification[];
  created: CreatedDataSource[];
}

/** A deterministic store error: an immutable entity written twice across blocks. */
export class ImmutableEntityError extends Error {
  override readonly name = 'ImmutableEntityError';
}

function immutableError(type: string, id: string, block: number, earlier: number): ImmutableEntityError {
  return new ImmutableEntityError(
    `entity ${type}[${id}] is immutable; inserting it at block ${block} is not possible as it was already inserted at block ${earlier}`,
  );
}

/** Stored (non-derived) fields of an entity type. */
export function storedFields(t: EntityType): FieldDef[] {
  return t.fields.filter((f) => f.derivedFrom === undefined);
}

function jsonValue(v: Value): unknown {
  switch (v.kind) {
    case 'List':
      return { k: v.kind, v: v.value.map(jsonValue) };
    case 'Null':
      return { k: v.kind };
    case 'Bytes':
      return { k: v.kind, v: Buffer.from(v.value).toString('hex') };
    case 'BigDecimal':
      return { k: v.kind, v: v.value.toString() };
    case 'Int8':
    case 'BigInt':
    case 'Timestamp':
      return { k: v.kind, v: v.value.toString() };
    default:
      return { k: v.kind, v: v.value };
  }
}

function valueFromJson(j: { k: Value['kind']; v?: unknown }): Value {
  switch (j.k) {
    case 'List':
      return { kind: 'List', value: (j.v as { k: Value['kind'] }[]).map(valueFromJson) };
    case 'Null':
      return { kind: 'Null' };
    case 'Bytes':
      return { kind: 'Bytes', value: new Uint8Array(Buffer.from(j.v as string, 'hex')) };
    case 'BigDecimal':
      return { kind: 'BigDecimal', value: BigDecimal.parse(j.v as string)! };
    case 'Int8':
    case 'BigInt':
    case 'Timestamp':
      return { kind: j.k, value: BigInt(j.v as string) };
    case 'Int':
      return { kind: 'Int', value: j.v as number };
    case 'Bool':
      return { kind: 'Bool', value: j.v as boolean };
    case 'String':
      return { kind: 'String', value: j.v as string };
  }
}

/** Serialises a data source context for the database. */
export function contextToJson(c: WireEntity | null): string | null {
  return c ? JSON.stringify(entityFromWireToJson(c)) : null;
}

function entityFromWireToJson(c: WireEntity): [string, unknown][] {
  return [...entityFromWire(c)].map(([k, v]) => [k, jsonValue(v)]);
}

/** Parses a stored data source context. */
export function contextFromJson(s: string | null): WireEntity | null {
  if (s === null) return null;
  const entries = JSON.parse(s) as [string, { k: Value['kind'] }][];
  return entityToWire(new Map(entries.map(([k, v]) => [k, valueFromJson(v)])));
}

/** Options of {@link Store.open}. */
export interface StoreOptions {
  /** Distinguishes several indexers of the same subgraph in one database (tests use it). */
  namespace?: string;
}

/** The entity store of one subgraph deployment. */
export class Store {
  /** The Postgres schema holding this deployment's tables. */
  readonly schemaName: string;
  /** The latest committed block, or null before the first. */
  latest: BlockPtr | null = null;
  fatalError: FatalError | null = null;
  /** Dynamic data sources in creation order (committed and pending). */
  readonly dataSources: CreatedDataSource[] = [];
  private committedDataSources = 0;
  private pending: PendingBlock[] = [];
  /** The batch being committed in the background, if any. */
  private inflight: { blocks: PendingBlock[]; promise: Promise<void> } | null = null;
  /** A background commit's failure, reported by the next commit or flush. */
  private failure: Error | null = null;
  /** Called after every successful commit. */
  onCommit: (() => void) | null = null;
  /** Rows written per table since its last ANALYZE, and rows at that time (PGlite has no autovacuum). */
  private readonly analyzeState = new Map<string, { written: number; rows: number }>();
  /** The latest buffered version of entities written by uncommitted blocks, with the block that wrote it. */
  private overlay = new Map<string, Map<string, { entity: Entity | null; block: number }>>();
  private readonly types: EntityType[];

  private constructor(
    readonly db: Db,
    readonly subgraph: Subgraph,
    readonly namespace: string,
  ) {
    this.schemaName =
      'sgd_' + createHash('sha256').update(`${subgraph.deployment}/${namespace}`).digest('hex').slice(0, 16);
    this.types = [...subgraph.schema.entities.values()];
  }

  /** Opens (creating if needed) the store of `subgraph` in `db`. */
  static async open(db: Db, subgraph: Subgraph, opts: StoreOptions = {}): Promise<Store> {
    const store = new Store(db, subgraph, opts.namespace ?? '');
    await store.init();
    return store;
  }

  /** Qualified table name of an entity type. */
  table(type: string): string {
    return `${ident(this.schemaName)}.${ident(type)}`;
  }

  private meta(name: string): string {
    return `${ident(this.schemaName)}.${ident(name)}`;
  }

  private async init(): Promise<void> {
    const s = ident(this.schemaName);
    const ddl: string[] = [
      `create schema if not exists plaza_indexer`,
      `create table if not exists plaza_indexer.deployments (
        deployment text not null, namespace text not null, schema_name text not null,
        start_block integer not null, latest_number integer, latest_hash text, latest_parent_hash text,
        latest_timestamp bigint, fatal_error text, error_block integer, error_handler text,
        created_at timestamptz not null default now(), primary key (deployment, namespace))`,
      `create schema if not exists ${s}`,
      `create table if not exists ${this.meta('blocks$')} (number integer primary key, hash text not null, parent_hash text not null, timestamp bigint not null)`,
      `create index if not exists ${ident('blocks$_hash')} on ${this.meta('blocks$')} (hash)`,
      `create table if not exists ${this.meta('data_sources$')} (idx integer primary key, template text not null, params text[] not null, context text, creation_block integer not null)`,
    ];
    for (const t of this.types) {
      const cols = storedFields(t).map(
        (f) =>
          `${ident(f.name)} ${sqlType(f.valueType)}${f.list ? '[]' : ''}${f.name === 'id' ? ' not null' : ''}`,
      );
      const table = this.table(t.name);
      ddl.push(
        `create table if not exists ${table} (${VID} bigserial primary key, ${FROM} integer not null, ${TO} integer, ${cols.join(', ')})`,
      );
      const idx = (suffix: string) => ident(`${t.name}$${suffix}`);
      ddl.push(`create unique index if not exists ${idx('current')} on ${table} (id) where ${TO} is null`);
      ddl.push(`create index if not exists ${idx('id_from')} on ${table} (id, ${FROM})`);
      ddl.push(`create index if not exists ${idx('from')} on ${table} (${FROM})`);
      ddl.push(`create index if not exists ${idx('to')} on ${table} (${TO})`);
      // Like graph-node, index the attributes queries filter and sort by: references with the block,
      // other non-list scalars on their own (strings are left out: btree caps entry sizes).
      for (const f of storedFields(t)) {
        if (f.name === 'id' || f.list) continue;
        if (f.kind === 'reference') {
          ddl.push(
            `create index if not exists ${idx(`ref_${f.name}`)} on ${table} (${ident(f.name)}, ${FROM})`,
          );
        } else if (f.valueType !== 'String' && f.valueType !== 'Boolean') {
          ddl.push(`create index if not exists ${idx(`attr_${f.name}`)} on ${table} (${ident(f.name)})`);
        }
      }
    }
    await this.db.transaction(async (tx) => {
      // serialise schema creation between processes sharing a database ('if not exists' races)
      await tx.query(`select pg_advisory_xact_lock(7260346127)`);
      for (const stmt of ddl) await tx.query(stmt);
      await tx.query(
        `insert into plaza_indexer.deployments (deployment, namespace, schema_name, start_block) values ($1, $2, $3, $4::text::integer) on conflict do nothing`,
        [this.subgraph.deployment, this.namespace, this.schemaName, String(this.subgraph.startBlock)],
      );
    });
    const [row] = await this.db.query(
      `select latest_number::text, latest_hash, latest_parent_hash, latest_timestamp::text, fatal_error, error_block::text, error_handler
       from plaza_indexer.deployments where deployment = $1 and namespace = $2`,
      [this.subgraph.deployment, this.namespace],
    );
    this.latest = row?.latest_number != null ? ptrFromRow(row) : null;
    this.fatalError =
      row?.fatal_error != null
        ? { message: row.fatal_error, block: Number(row.error_block), handler: row.error_handler ?? null }
        : null;
    const ds = await this.db.query(
      `select template, array_to_json(params)::text as params, context, creation_block::text from ${this.meta('data_sources$')} order by idx`,
    );
    for (const d of ds) {
      this.dataSources.push({
        template: d.template!,
        params: JSON.parse(d.params!) as string[],
        context: contextFromJson(d.context ?? null),
        creationBlock: Number(d.creation_block),
      });
    }
    this.committedDataSources = this.dataSources.length;
  }

  // --- reads for the mappings (latest state, including buffered blocks) --------------------

  private decodeRow(t: EntityType, row: Row): Entity {
    const e: Entity = new Map();
    for (const f of storedFields(t)) {
      const v = columnToValue(f, row[f.name] ?? null);
      if (v !== undefined) e.set(f.name, v);
    }
    return e;
  }

  private entityType(type: string): EntityType {
    const t = this.subgraph.schema.entity(type);
    if (!t) throw new Error(`unknown entity type ${type}`);
    return t;
  }

  private selectList(t: EntityType, alias = 't'): string {
    return storedFields(t)
      .map((f) => selectExpr(alias, f))
      .join(', ');
  }

  private idCast(t: EntityType): string {
    return sqlType(t.idType === 'String' ? 'String' : t.idType);
  }

  /** The latest version of an entity, or null. */
  async get(type: string, id: string): Promise<Entity | null> {
    const over = this.overlay.get(type)?.get(id);
    if (over) return over.entity ? new Map(over.entity) : null;
    const t = this.entityType(type);
    const rows = await this.db.query(
      `select ${this.selectList(t)} from ${this.table(type)} t where t.id = $1::text::${this.idCast(t)} and t.${TO} is null`,
      [idParam(t, id)],
    );
    return rows[0] ? this.decodeRow(t, rows[0]) : null;
  }

  /** The latest versions of several entities of one type. */
  async getMany(type: string, ids: string[]): Promise<Map<string, Entity>> {
    const out = new Map<string, Entity>();
    const over = this.overlay.get(type);
    const missing: string[] = [];
    for (const id of ids) {
      const o = over?.get(id);
      if (o) {
        if (o.entity) out.set(id, new Map(o.entity));
      } else missing.push(id);
    }
    if (missing.length > 0) {
      const t = this.entityType(type);
      const rows = await this.db.query(
        `select t.id::text as "id$", ${this.selectList(t)} from ${this.table(type)} t where t.id = any($1::text[]::${this.idCast(t)}[]) and t.${TO} is null`,
        [missing.map((id) => idParam(t, id))],
      );
      for (const r of rows) out.set(idFromText(t, r['id$']!), this.decodeRow(t, r));
    }
    return out;
  }

  /** Latest entities of `type` whose reference field `field` is (or contains) `id`. */
  async getDerived(type: string, field: string, id: string): Promise<Map<string, Entity>> {
    const t = this.entityType(type);
    const f = t.fieldMap.get(field);
    if (!f) throw new Error(`${type} has no field ${field}`);
    const cast = sqlType(f.valueType);
    const param = f.valueType === 'Bytes' ? '\\x' + id.slice(2) : id;
    const cond = f.list
      ? `$1::text::${cast} = any(t.${ident(field)})`
      : `t.${ident(field)} = $1::text::${cast}`;
    const rows = await this.db.query(
      `select t.id::text as "id$", ${this.selectList(t)} from ${this.table(type)} t where ${cond} and t.${TO} is null`,
      [param],
    );
    const out = new Map<string, Entity>();
    for (const r of rows) out.set(idFromText(t, r['id$']!), this.decodeRow(t, r));
    const over = this.overlay.get(type);
    if (over) {
      const target: Value =
        f.valueType === 'Bytes'
          ? { kind: 'Bytes', value: new Uint8Array(Buffer.from(id.slice(2), 'hex')) }
          : f.valueType === 'Int8'
            ? { kind: 'Int8', value: BigInt(id) }
            : { kind: 'String', value: id };
      for (const [oid, { entity: e }] of over) {
        const v = e?.get(field);
        const match = v
          ? v.kind === 'List'
            ? v.value.some((x) => valuesEqual(x, target))
            : valuesEqual(v, target)
          : false;
        if (e && match) out.set(oid, new Map(e));
        else out.delete(oid);
      }
    }
    return out;
  }

  // --- writes ------------------------------------------------------------------------------

  /** The latest block including buffered, uncommitted ones. */
  get head(): BlockPtr | null {
    if (this.pending.length > 0) return this.pending[this.pending.length - 1]!.ptr;
    if (this.inflight) return this.inflight.blocks[this.inflight.blocks.length - 1]!.ptr;
    return this.latest;
  }

  /** Buffered blocks not yet being committed. */
  get pendingBlocks(): number {
    return this.pending.length;
  }

  get pendingModifications(): number {
    return this.pending.reduce((n, b) => n + b.mods.length, 0);
  }

  /**
   * Buffers a processed block; its modifications apply to the overlay the mappings read. Rejects
   * with {@link ImmutableEntityError} if the block inserts an immutable entity that an earlier block
   * already inserted (graph-node's check), before anything is buffered.
   */
  async addBlock(ptr: BlockPtr, mods: Modification[], created: CreatedDataSource[]): Promise<void> {
    const head = this.head;
    if (head && ptr.number <= head.number) {
      throw new Error(`block ${ptr.number} does not follow the head ${head.number}`);
    }
    const immutable = new Map<string, string[]>();
    for (const m of mods) {
      const t = this.entityType(m.type);
      if (!t.immutable) continue;
      if (m.op !== 'insert') {
        throw new ImmutableEntityError(
          `immutable entity type ${t.name} only allows inserts, not ${m.op} of ${t.name}[${m.id}]`,
        );
      }
      const earlier = this.overlay.get(m.type)?.get(m.id);
      if (earlier) throw immutableError(t.name, m.id, ptr.number, earlier.block);
      (immutable.get(m.type) ?? immutable.set(m.type, []).get(m.type)!).push(m.id);
    }
    for (const [type, ids] of immutable) {
      const t = this.entityType(type);
      const rows = await this.db.query(
        `select t.id::text as id, t.${FROM}::text as b from ${this.table(type)} t where t.id = any($1::text[]::${this.idCast(t)}[]) limit 1`,
        [ids.map((id) => idParam(t, id))],
      );
      if (rows[0]) throw immutableError(type, idFromText(t, rows[0].id!), ptr.number, Number(rows[0].b));
    }
    this.pending.push({ ptr, mods, created });
    for (const m of mods) {
      const over = this.overlay.get(m.type) ?? this.overlay.set(m.type, new Map()).get(m.type)!;
      over.set(m.id, { entity: m.op === 'remove' ? null : m.entity, block: ptr.number });
    }
    this.dataSources.push(...created);
  }

  /**
   * Starts committing the buffered blocks in the background (one transaction) unless a commit is
   * already running; indexing continues meanwhile. Throws the failure of an earlier background
   * commit (its blocks are buffered again).
   */
  commitInBackground(): void {
    if (this.failure) {
      const f = this.failure;
      this.failure = null;
      throw f;
    }
    if (this.inflight || this.pending.length === 0) return;
    const blocks = this.pending;
    const dataSources = this.dataSources.length;
    this.pending = [];
    const promise = this.writeBatch(blocks, this.committedDataSources, dataSources).then(
      async () => {
        const last = blocks[blocks.length - 1]!.ptr;
        this.latest = last;
        this.committedDataSources = dataSources;
        for (const over of this.overlay.values()) {
          for (const [id, o] of over) if (o.block <= last.number) over.delete(id);
        }
        this.inflight = null;
        await this.analyzeIfNeeded(byTypeCounts(blocks)).catch(() => undefined);
        this.onCommit?.();
      },
      (e: unknown) => {
        this.pending = [...blocks, ...this.pending];
        this.inflight = null;
        this.failure = e instanceof Error ? e : new Error(String(e));
      },
    );
    this.inflight = { blocks, promise };
  }

  /** Commits everything buffered and waits for it (and for a commit already running). */
  async flush(): Promise<void> {
    if (this.inflight) await this.inflight.promise;
    this.commitInBackground();
    if (this.inflight) await (this.inflight as { promise: Promise<void> }).promise;
    if (this.failure) {
      const f = this.failure;
      this.failure = null;
      throw f;
    }
  }

  private async writeBatch(blocks: PendingBlock[], dsFrom: number, dsTo: number): Promise<void> {
    const last = blocks[blocks.length - 1]!.ptr;
    await this.db.transaction(async (tx) => {
      // Entity versions, per type: close the versions current before the batch, insert the new ones.
      const byType = new Map<string, Map<string, { block: number; mod: Modification }[]>>();
      for (const b of blocks) {
        for (const mod of b.mods) {
          const ids = byType.get(mod.type) ?? byType.set(mod.type, new Map()).get(mod.type)!;
          (ids.get(mod.id) ?? ids.set(mod.id, []).get(mod.id)!).push({ block: b.ptr.number, mod });
        }
      }
      for (const [type, ids] of byType) await this.writeType(tx, this.entityType(type), ids);
      // Block pointers and data sources.
      await tx.query(
        `insert into ${this.meta('blocks$')} (number, hash, parent_hash, timestamp)
         select u.n::integer, u.h, u.p, u.t::bigint from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(n, h, p, t)
         on conflict (number) do update set hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp`,
        [
          blocks.map((b) => String(b.ptr.number)),
          blocks.map((b) => b.ptr.hash),
          blocks.map((b) => b.ptr.parentHash),
          blocks.map((b) => b.ptr.timestamp.toString()),
        ],
      );
      const newDs = this.dataSources.slice(dsFrom, dsTo);
      if (newDs.length > 0) {
        await tx.query(
          `insert into ${this.meta('data_sources$')} (idx, template, params, context, creation_block)
           select u.i::integer, u.t, array(select json_array_elements_text(u.p::json)), u.c, u.b::integer
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(i, t, p, c, b)`,
          [
            newDs.map((_, i) => String(dsFrom + i)),
            newDs.map((d) => d.template),
            newDs.map((d) => JSON.stringify(d.params)),
            newDs.map((d) => contextToJson(d.context)),
            newDs.map((d) => String(d.creationBlock)),
          ],
        );
      }
      await this.writePointer(tx, last);
    });
  }

  /** Keeps planner statistics fresh: ANALYZE a table once its rows grew by a fifth (and at least 1000). */
  private async analyzeIfNeeded(written: Map<string, number>): Promise<void> {
    for (const [type, n] of written) {
      const st = this.analyzeState.get(type) ?? { written: 0, rows: 0 };
      st.written += n;
      if (st.written >= Math.max(1000, st.rows / 5)) {
        await this.db.query(`analyze ${this.table(type)}`);
        st.rows += st.written;
        st.written = 0;
      }
      this.analyzeState.set(type, st);
    }
  }

  private async writePointer(tx: Queryable, ptr: BlockPtr | null): Promise<void> {
    await tx.query(
      `update plaza_indexer.deployments set latest_number = $3::text::integer, latest_hash = $4, latest_parent_hash = $5,
       latest_timestamp = $6::text::bigint where deployment = $1 and namespace = $2`,
      [
        this.subgraph.deployment,
        this.namespace,
        ptr ? String(ptr.number) : null,
        ptr?.hash ?? null,
        ptr?.parentHash ?? null,
        ptr ? ptr.timestamp.toString() : null,
      ],
    );
  }

  private async writeType(
    tx: Queryable,
    t: EntityType,
    ids: Map<string, { block: number; mod: Modification }[]>,
  ): Promise<void> {
    const table = this.table(t.name);
    const idc = this.idCast(t);
    const closeIds: string[] = [];
    const closeBlocks: string[] = [];
    const versions: { id: string; from: number; to: number | null; entity: Entity }[] = [];
    for (const [id, chain] of ids) {
      const first = chain[0]!;
      if (first.mod.op !== 'insert') {
        closeIds.push(idParam(t, id));
        closeBlocks.push(String(first.block));
      }
      chain.forEach((c, i) => {
        if (c.mod.op === 'remove') return;
        versions.push({ id, from: c.block, to: chain[i + 1]?.block ?? null, entity: c.mod.entity });
      });
    }
    if (closeIds.length > 0) {
      await tx.query(
        `update ${table} t set ${TO} = u.b::integer from unnest($1::text[], $2::text[]) as u(id, b)
         where t.id = u.id::${idc} and t.${TO} is null`,
        [closeIds, closeBlocks],
      );
    }
    if (versions.length === 0) return;
    const fields = storedFields(t);
    const cols = fields.map((f) => ident(f.name));
    const params: (string | null)[][] = [
      versions.map((v) => String(v.from)),
      versions.map((v) => (v.to === null ? null : String(v.to))),
    ];
    for (const f of fields) params.push(versions.map((v) => valueToParam(f, v.entity.get(f.name))));
    const aliases = fields.map((_, i) => `c${i}`);
    const unnest = params.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const selects = fields.map((f, i) => castExpr(`u.${aliases[i]}`, f));
    await tx.query(
      `insert into ${table} (${FROM}, ${TO}, ${cols.join(', ')})
       select u.f::integer, u.t::integer, ${selects.join(', ')} from unnest(${unnest}) as u(f, t, ${aliases.join(', ')})`,
      params,
    );
  }

  /**
   * Rolls back to `block` (its state is kept); null reverts everything. Buffered blocks above it
   * are dropped, the ones below committed first.
   */
  async revertTo(block: number | null): Promise<void> {
    if (this.inflight) await this.inflight.promise;
    this.failure = null;
    const keep = block === null ? [] : this.pending.filter((b) => b.ptr.number <= block);
    this.dataSources.length = this.committedDataSources;
    this.pending = [];
    this.overlay = new Map();
    for (const b of keep) await this.addBlock(b.ptr, b.mods, b.created);
    await this.flush();
    const target = block ?? -1;
    let ptr: BlockPtr | null = null;
    await this.db.transaction(async (tx) => {
      for (const t of this.types) {
        const table = this.table(t.name);
        await tx.query(`delete from ${table} where ${FROM} > $1::text::integer`, [String(target)]);
        await tx.query(`update ${table} set ${TO} = null where ${TO} > $1::text::integer`, [String(target)]);
      }
      await tx.query(`delete from ${this.meta('blocks$')} where number > $1::text::integer`, [
        String(target),
      ]);
      await tx.query(`delete from ${this.meta('data_sources$')} where creation_block > $1::text::integer`, [
        String(target),
      ]);
      const rows = await tx.query(
        `select number::text as latest_number, hash as latest_hash, parent_hash as latest_parent_hash, timestamp::text as latest_timestamp
         from ${this.meta('blocks$')} where number <= $1::text::integer order by number desc limit 1`,
        [String(target)],
      );
      ptr = rows[0] ? ptrFromRow(rows[0]) : null;
      await this.writePointer(tx, ptr);
      await tx.query(
        `update plaza_indexer.deployments set fatal_error = null, error_block = null, error_handler = null
         where deployment = $1 and namespace = $2 and error_block > $3::text::integer`,
        [this.subgraph.deployment, this.namespace, String(target)],
      );
    });
    this.latest = ptr;
    if (this.fatalError && this.fatalError.block > target) this.fatalError = null;
    const rows = await this.db.query(`select count(*)::text as n from ${this.meta('data_sources$')}`);
    this.dataSources.length = Number(rows[0]!.n);
    this.committedDataSources = this.dataSources.length;
  }

  /** Records the deterministic error that stopped indexing (after committing what came before). */
  async setFatalError(err: FatalError): Promise<void> {
    await this.flush();
    await this.db.query(
      `update plaza_indexer.deployments set fatal_error = $3, error_block = $4::text::integer, error_handler = $5
       where deployment = $1 and namespace = $2`,
      [this.subgraph.deployment, this.namespace, err.message, String(err.block), err.handler],
    );
    this.fatalError = err;
  }

  /** The recorded block at `number` (committed or buffered), if any. */
  async blockAt(number: number): Promise<BlockPtr | null> {
    const p = [...(this.inflight?.blocks ?? []), ...this.pending].find((b) => b.ptr.number === number);
    if (p) return p.ptr;
    const rows = await this.db.query(
      `select number::text as latest_number, hash as latest_hash, parent_hash as latest_parent_hash, timestamp::text as latest_timestamp
       from ${this.meta('blocks$')} where number = $1::text::integer`,
      [String(number)],
    );
    return rows[0] ? ptrFromRow(rows[0]) : null;
  }

  /** Recorded blocks at or below `number`, newest first (committed and buffered). */
  async blocksBelow(number: number, limit: number): Promise<BlockPtr[]> {
    const pending = [...(this.inflight?.blocks ?? []), ...this.pending]
      .filter((b) => b.ptr.number <= number)
      .map((b) => b.ptr)
      .reverse();
    const rows = await this.db.query(
      `select number::text as latest_number, hash as latest_hash, parent_hash as latest_parent_hash, timestamp::text as latest_timestamp
       from ${this.meta('blocks$')} where number <= $1::text::integer order by number desc limit $2::text::integer`,
      [String(number), String(limit)],
    );
    const seen = new Set(pending.map((p) => p.number));
    return [...pending, ...rows.map(ptrFromRow).filter((p) => !seen.has(p.number))]
      .sort((a, b) => b.number - a.number)
      .slice(0, limit);
  }

  /** The number of a committed block by hash, if recorded. */
  async blockNumberByHash(hash: string): Promise<BlockPtr | null> {
    const rows = await this.db.query(
      `select number::text as latest_number, hash as latest_hash, parent_hash as latest_parent_hash, timestamp::text as latest_timestamp
       from ${this.meta('blocks$')} where lower(hash) = lower($1)`,
      [hash],
    );
    return rows[0] ? ptrFromRow(rows[0]) : null;
  }

  /** All current entities of a type, sorted by id (tests and debugging). */
  async dump(type: string, block?: number): Promise<Entity[]> {
    const t = this.entityType(type);
    const where =
      block === undefined
        ? `t.${TO} is null`
        : `t.${FROM} <= ${Number(block)} and (t.${TO} is null or t.${TO} > ${Number(block)})`;
    const rows = await this.db.query(
      `select ${this.selectList(t)} from ${this.table(type)} t where ${where} order by t.id`,
    );
    return rows.map((r) => this.decodeRow(t, r));
  }
}

function byTypeCounts(blocks: PendingBlock[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of blocks) for (const m of b.mods) out.set(m.type, (out.get(m.type) ?? 0) + 1);
  return out;
}

function ptrFromRow(r: Row): BlockPtr {
  return {
    number: Number(r.latest_number),
    hash: r.latest_hash as Hex,
    parentHash: r.latest_parent_hash as Hex,
    timestamp: BigInt(r.latest_timestamp ?? '0'),
  };
}

/** An id in the text form its SQL column type accepts. */
export function idParam(t: EntityType, id: string): string {
  return t.idType === 'Bytes' ? '\\x' + (id.startsWith('0x') ? id.slice(2) : id) : id;
}

/** An id column's text (as selected with ::text) in canonical id form. */
export function idFromText(t: EntityType, s: string): string {
  return t.idType === 'Bytes' ? '0x' + s.slice(2) : s;
}
