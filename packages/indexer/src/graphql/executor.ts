// Executes The Graph's query API against the entity store with graph-node's semantics
// (graphql/src/store/query.rs, store/postgres/src/relational_queries.rs): `first`/`skip` bounds,
// `orderBy` with `id` as tie-breaker, every filter suffix, child filters, `and`/`or`,
// `_change_block`, time travel with `block`, `_meta`, nested collections with arguments,
// interfaces, and graph-node's depth and complexity limits. graphql-js parses and validates;
// root fields query SQL directly and nested fields are batched per level.
import {
  GraphQLError,
  Kind,
  buildSchema,
  execute,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { BigDecimal, parseBigIntRust } from '../numbers.js';
import type { EntityType, FieldDef, SubgraphSchema } from '../schema.js';
import { FROM, TO, columnToValue, ident, selectExpr, sqlType } from '../store/sql.js';
import { idFromText, idParam, storedFields, type Store } from '../store/store.js';
import { bytesToHex, type Entity, type Value, type ValueType } from '../values.js';
import { buildApiSchema, type ApiSchema, type FilterKey } from './api-schema.js';

/** Query limits; the defaults are graph-node's, plus a complexity cap graph-node leaves unset. */
export interface QueryLimits {
  /** Maximum `first` (GRAPH_GRAPHQL_MAX_FIRST, default 1000). */
  maxFirst: number;
  /** Maximum `skip` (GRAPH_GRAPHQL_MAX_SKIP, default unlimited). */
  maxSkip: number;
  /** Maximum query depth (GRAPH_GRAPHQL_MAX_DEPTH, default 255). */
  maxDepth: number;
  /** Maximum complexity (GRAPH_GRAPHQL_MAX_COMPLEXITY); null for none. */
  maxComplexity: number | null;
}

/** graph-node's defaults (max first 1000, skip unlimited, depth 255) and a 10M complexity cap. */
export const DEFAULT_LIMITS: QueryLimits = {
  maxFirst: 1000,
  maxSkip: 4294967295,
  maxDepth: 255,
  maxComplexity: 10_000_000,
};

/** An entity as a GraphQL source object. */
interface Obj {
  $type: string;
  $e: Entity;
  $block: number;
}

class QueryError extends Error {}

// --- scalars ----------------------------------------------------------------------------------

function scalar(name: string, serialize: (v: unknown) => unknown): Partial<GraphQLScalarType> {
  const parseLiteral = (ast: ValueNode): unknown => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.ENUM) return ast.value;
    if (ast.kind === Kind.INT) return Number(ast.value);
    if (ast.kind === Kind.FLOAT) return ast.value;
    if (ast.kind === Kind.BOOLEAN) return ast.value;
    throw new GraphQLError(`Expected a ${name} value`);
  };
  return { serialize, parseValue: (v: unknown) => v, parseLiteral };
}

const SCALARS: Record<string, Partial<GraphQLScalarType>> = {
  BigInt: scalar('BigInt', (v) => (typeof v === 'bigint' ? v.toString() : String(v))),
  BigDecimal: scalar('BigDecimal', (v) => (v instanceof BigDecimal ? v.toString() : String(v))),
  Bytes: scalar('Bytes', (v) => (v instanceof Uint8Array ? bytesToHex(v) : String(v).toLowerCase())),
  Int8: scalar('Int8', (v) => String(v)),
  Timestamp: scalar('Timestamp', (v) => String(v)),
};

// --- SQL building -----------------------------------------------------------------------------

class Sql {
  readonly params: unknown[] = [];
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

const atBlock = (alias: string, block: number): string =>
  `${alias}.${FROM} <= ${block} and (${alias}.${TO} is null or ${alias}.${TO} > ${block})`;

const collate = (vt: ValueType): string => (vt === 'String' ? ' collate "C"' : '');

function parseError(type: string, v: unknown): QueryError {
  return new QueryError(`Failed to decode \`${type}\` value: \`${String(v)}\``);
}

/** Converts a GraphQL input value to the text form of value type `vt` (throws graph-node's errors). */
function inputText(vt: ValueType, scalarName: string, v: unknown): string {
  switch (vt) {
    case 'String':
      if (typeof v !== 'string')
        throw new QueryError(`Query contains value with invalid type \`${scalarName}\`: \`${String(v)}\``);
      return v;
    case 'Int':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw parseError('Int', v);
      return String(v);
    case 'Int8':
    case 'Timestamp': {
      const s = String(v);
      if (!/^-?[0-9]+$/.test(s)) throw parseError(vt, v);
      return BigInt(s).toString();
    }
    case 'BigInt': {
      const b = typeof v === 'number' ? BigInt(Math.trunc(v)) : parseBigIntRust(String(v));
      if (b === null)
        throw new QueryError(`Failed to decode \`BigInt\` value: \`invalid digit found in string\``);
      return b.toString();
    }
    case 'BigDecimal': {
      const d = BigDecimal.parse(String(v));
      if (!d) throw parseError('BigDecimal', v);
      return d.toString();
    }
    case 'Boolean':
      if (typeof v !== 'boolean') throw parseError('Boolean', v);
      return v ? 'true' : 'false';
    case 'Bytes': {
      const s = String(v);
      const hex = s.startsWith('0x') ? s.slice(2) : s;
      if (hex.length % 2 !== 0)
        throw new QueryError('Failed to decode `Bytes` value: `Odd number of digits`');
      const bad = /[^0-9a-fA-F]/.exec(hex);
      if (bad) {
        throw new QueryError(
          `Failed to decode \`Bytes\` value: \`Invalid character '${bad[0]}' at position ${bad.index}\``,
        );
      }
      return '\\x' + hex.toLowerCase();
    }
  }
}

interface FilterCtx {
  schema: SubgraphSchema;
  api: ApiSchema;
  store: Store;
  block: number;
  sql: Sql;
}

/** The SQL condition for a `where` object on concrete entity type `t` (alias `alias`). */
function filterSql(
  ctx: FilterCtx,
  typeName: string,
  t: EntityType,
  alias: string,
  where: Record<string, unknown>,
  allowChild: boolean,
): string {
  const keys = ctx.api.filterKeys.get(typeName)!;
  if ('or' in where) {
    const columns = Object.keys(where).filter((k) => k !== 'or' && k !== 'and' && k !== '_change_block');
    if (columns.length > 0) {
      const list = columns.map((c) => `'${c}'`).join(', ');
      throw new QueryError(
        `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${list} alongside 'or' operator.\n\nInstead of:\nwhere: { ${list}, or: [...] }\n\nUse:\nwhere: { or: [{ ${list}, ... }, { ${list}, ... }] }`,
      );
    }
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const fk = keys.get(key);
    if (!fk) throw new QueryError(`Entity \`${typeName}\` has no attribute \`${key}\``);
    parts.push(opSql(ctx, typeName, t, alias, fk, key, value, allowChild));
  }
  return parts.length > 0 ? `(${parts.join(' and ')})` : 'true';
}

function opSql(
  ctx: FilterCtx,
  typeName: string,
  t: EntityType,
  alias: string,
  fk: FilterKey,
  key: string,
  value: unknown,
  allowChild: boolean,
): string {
  const { op } = fk;
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(value)) throw new QueryError('Filter must by an object');
    const subs = value.map((v) =>
      filterSql(ctx, typeName, t, alias, v as Record<string, unknown>, allowChild),
    );
    if (subs.length === 0) return op === 'and' ? 'true' : 'false';
    return `(${subs.join(op === 'and' ? ' and ' : ' or ')})`;
  }
  if (op === 'change_block') {
    const n = (value as { number_gte?: unknown }).number_gte;
    if (typeof n !== 'number') throw new QueryError('Filter must by an object');
    return `${alias}.${FROM} >= ${Math.trunc(n)}`;
  }
  const f = t.fieldMap.get(fk.field!.name)!;
  if (op === 'child') {
    if (!allowChild) {
      throw new QueryError(
        `Child filter nesting not supported by value \`${f.name}\`: \`${JSON.stringify(value)}\``,
      );
    }
    if (value === null || typeof value !== 'object') {
      throw new QueryError(
        `Query contains value with invalid type \`${f.typeString}\`: \`${String(value)}\``,
      );
    }
    const options = ctx.schema.concreteTypes(f.baseType).map((child) => {
      const c = `c${ctx.sql.params.length}_${child.name.length}`;
      let join: string;
      if (f.derivedFrom !== undefined) {
        const back = child.fieldMap.get(f.derivedFrom)!;
        join = back.list
          ? `${alias}.id = any(${c}.${ident(back.name)})`
          : `${c}.${ident(back.name)} = ${alias}.id`;
      } else if (f.list) {
        join = `${c}.id = any(${alias}.${ident(f.name)})`;
      } else {
        join = `${c}.id = ${alias}.${ident(f.name)}`;
      }
      const inner = filterSql(ctx, f.baseType, child, c, value as Record<string, unknown>, false);
      return `exists (select 1 from ${ctx.store.table(child.name)} ${c} where ${join} and ${atBlock(c, ctx.block)} and ${inner})`;
    });
    return options.length === 1 ? options[0]! : `(${options.join(' or ')})`;
  }
  const col = `${alias}.${ident(f.name)}`;
  const vt = f.valueType;
  const cast = sqlType(vt);
  const scalarName = f.kind === 'reference' ? (f.valueType === 'Int8' ? 'Int' : 'String') : f.baseType;
  const one = (v: unknown) => `${ctx.sql.p(inputText(vt, scalarName, v))}::text::${cast}`;
  const many = (vs: unknown[]) =>
    `${ctx.sql.p(vs.map((v) => inputText(vt, scalarName, v)))}::text[]::${cast}[]`;
  if (f.list) {
    if (value === null) return op === 'not' ? `${col} is not null` : `${col} is null`;
    if (!Array.isArray(value)) throw new QueryError(`Non-list value passed to \`${key}\` filter`);
    switch (op) {
      case '':
        return `${col} = ${many(value)}`;
      case 'not':
        return `${col} <> ${many(value)}`;
      case 'contains':
        return `${col} @> ${many(value)}`;
      case 'not_contains':
        return `not ${col} && ${many(value)}`;
      case 'contains_nocase':
        return `exists (select 1 from unnest(${col}) as elem where elem ilike any(${ctx.sql.p(value.map(String))}::text[]))`;
      case 'not_contains_nocase':
        return `not exists (select 1 from unnest(${col}) as elem where elem ilike any(${ctx.sql.p(value.map(String))}::text[]))`;
    }
    throw new QueryError(`Filter not supported by value \`${String(value)}\`: \`${key}\``);
  }
  const cmp: Record<string, string> = { gt: '>', lt: '<', gte: '>=', lte: '<=' };
  switch (op) {
    case '':
      return value === null ? `${col} is null` : `${col} = ${one(value)}`;
    case 'not':
      return value === null ? `${col} is not null` : `${col} <> ${one(value)}`;
    case 'gt':
    case 'lt':
    case 'gte':
    case 'lte':
      if (value === null) throw new QueryError(`Filter not supported by value \`null\`: \`${key}\``);
      return `${col}${collate(vt)} ${cmp[op]} ${one(value)}`;
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value)) throw new QueryError(`Non-list value passed to \`_${op}\` filter`);
      if (value.length === 0) return 'false';
      const nonNull = value.filter((v) => v !== null);
      const hasNull = nonNull.length < value.length;
      const conds: string[] = [];
      if (hasNull) conds.push(op === 'in' ? `${col} is null` : `${col} is not null`);
      if (nonNull.length > 0)
        conds.push(op === 'in' ? `${col} = any(${many(nonNull)})` : `${col} <> all(${many(nonNull)})`);
      return conds.length === 1 ? conds[0]! : `(${conds.join(' or ')})`;
    }
  }
  if (value === null) throw new QueryError(`Filter not supported by value \`null\`: \`${key}\``);
  if (vt === 'Bytes') {
    if (op !== 'contains' && op !== 'not_contains') {
      throw new QueryError(`Filter not supported by value \`${String(value)}\`: \`${key}\``);
    }
    return `position(${one(value)} in ${col}) ${op === 'contains' ? '>' : '='} 0`;
  }
  if (vt !== 'String') throw new QueryError(`Filter not supported by value \`${String(value)}\`: \`${key}\``);
  const s = inputText('String', scalarName, value);
  const nocase = op.endsWith('_nocase');
  const base = nocase ? op.slice(0, -'_nocase'.length) : op;
  const negated = base.startsWith('not_');
  const kind = negated ? base.slice(4) : base;
  let pattern: string;
  if (kind === 'contains') pattern = s.startsWith('%') || s.endsWith('%') ? s : `%${s}%`;
  else if (kind === 'starts_with') pattern = `${s}%`;
  else if (kind === 'ends_with') pattern = `%${s}`;
  else throw new QueryError(`Filter not supported by value \`${s}\`: \`${key}\``);
  return `${col}${negated ? ' not' : ''} ${nocase ? 'ilike' : 'like'} ${ctx.sql.p(pattern)}::text`;
}

interface Order {
  /** SQL expression to sort by (null: by id only). */
  expr: string | null;
  direction: 'asc' | 'desc';
}

/** `orderBy` / `orderDirection` to an SQL sort expression on alias `alias` of type `t`. */
function orderSql(
  ctx: FilterCtx,
  typeName: string,
  t: EntityType,
  alias: string,
  args: Record<string, unknown>,
): Order {
  const direction = args.orderDirection === 'desc' ? 'desc' : 'asc';
  const orderBy = args.orderBy as string | undefined;
  if (!orderBy) return { expr: null, direction: 'asc' };
  const [parentName, childName] = orderBy.split('__') as [string, string | undefined];
  const f = t.fieldMap.get(parentName);
  if (!f) throw new QueryError(`Entity \`${typeName}\` has no attribute \`${parentName}\``);
  if (childName === undefined) {
    if (f.list || f.derivedFrom !== undefined) {
      throw new QueryError(`Ordering by \`${parentName}\` is not supported for type \`${typeName}\``);
    }
    if (f.name === 'id') return { expr: null, direction };
    return { expr: `${alias}.${ident(f.name)}${collate(f.valueType)}`, direction };
  }
  const children = ctx.schema.concreteTypes(f.baseType);
  const subs = children.map((child) => {
    const cf = child.fieldMap.get(childName);
    if (!cf) throw new QueryError(`Entity \`${f.baseType}\` has no attribute \`${childName}\``);
    const c = `o_${child.name.length}_${ctx.sql.params.length}`;
    let join: string;
    if (f.derivedFrom !== undefined) {
      const back = child.fieldMap.get(f.derivedFrom)!;
      join = back.list
        ? `${alias}.id = any(${c}.${ident(back.name)})`
        : `${c}.${ident(back.name)} = ${alias}.id`;
    } else {
      join = `${c}.id = ${alias}.${ident(f.name)}`;
    }
    return `(select ${c}.${ident(cf.name)} from ${ctx.store.table(child.name)} ${c} where ${join} and ${atBlock(c, ctx.block)} limit 1)${collate(cf.valueType)}`;
  });
  return { expr: subs.length === 1 ? subs[0]! : `coalesce(${subs.join(', ')})`, direction };
}

function orderClause(o: Order, idExpr: string): string {
  return o.expr ? `${o.expr} ${o.direction}, ${idExpr} ${o.direction}` : `${idExpr} ${o.direction}`;
}

// --- complexity and depth (graphql/src/execution/query.rs) --------------------------------------

function complexity(
  schema: GraphQLSchema,
  doc: DocumentNode,
  maxDepth: number,
): { complexity: number } | { error: string } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { complexity: 0 };
  class TooDeep extends Error {}
  class Cycle extends Error {}
  const inner = (
    type: GraphQLNamedType | undefined,
    set: SelectionSetNode,
    depth: number,
    visited: Set<string>,
  ): number => {
    if (depth >= maxDepth) throw new TooDeep();
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!sel.selectionSet || sel.selectionSet.selections.length === 0) continue;
        if (!type || !(isObjectType(type) || isInterfaceType(type))) return 0;
        const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[sel.name.value];
        if (!field) return 0;
        let ft: GraphQLOutputType = field.type;
        if (isNonNullType(ft)) ft = ft.ofType;
        const list = isListType(ft);
        let base: GraphQLOutputType = ft;
        while (isListType(base) || isNonNullType(base)) base = base.ofType;
        const sub = inner(base as GraphQLNamedType, sel.selectionSet, depth + 1, visited);
        if (!list) {
          total += sub;
          continue;
        }
        const first = sel.arguments?.find((a) => a.name.value === 'first');
        const max = first && first.value.kind === Kind.INT ? Number(first.value.value) : 100;
        total += max + max * sub;
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const def = fragments.get(sel.name.value);
        if (!def) return 0;
        const next = new Set(visited);
        if (next.has(sel.name.value)) throw new Cycle(sel.name.value);
        next.add(sel.name.value);
        total += inner(schema.getType(def.typeCondition.name.value), def.selectionSet, depth + 1, next);
      } else {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        total += inner(t, sel.selectionSet, depth + 1, visited);
      }
    }
    return total;
  };
  try {
    return { complexity: inner(schema.getQueryType()!, op.selectionSet, 0, new Set()) };
  } catch (e) {
    if (e instanceof TooDeep) return { error: `query has a depth that exceeds the limit of \`${maxDepth}\`` };
    if (e instanceof Cycle) return { error: `query has fragment cycle including \`${e.message}\`` };
    throw e;
  }
}

// --- the API ----------------------------------------------------------------------------------

interface RequestCtx {
  loaders: Map<string, Loader>;
}

type Job = { parent: Obj; resolve: (v: unknown) => void; reject: (e: unknown) => void };

class Loader {
  private jobs: Job[] = [];
  constructor(private readonly run: (parents: Obj[]) => Promise<unknown[]>) {}
  load(parent: Obj): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.jobs.length === 0) queueMicrotask(() => void this.flush());
      this.jobs.push({ parent, resolve, reject });
    });
  }
  private async flush(): Promise<void> {
    const jobs = this.jobs;
    this.jobs = [];
    try {
      const results = await this.run(jobs.map((j) => j.parent));
      jobs.forEach((j, i) => j.resolve(results[i]));
    } catch (e) {
      for (const j of jobs) j.reject(e);
    }
  }
}

/** The GraphQL API of one subgraph deployment over its store. */
export class GraphQLApi {
  readonly schema: GraphQLSchema;
  readonly api: ApiSchema;
  private readonly sub: SubgraphSchema;
  /** Parsed and validated documents by query text (LRU), with their complexity. */
  private readonly documents = new Map<
    string,
    { doc: DocumentNode; complexity: ReturnType<typeof complexity> }
  >();

  constructor(
    private readonly store: Store,
    readonly limits: QueryLimits = DEFAULT_LIMITS,
  ) {
    this.sub = store.subgraph.schema;
    this.api = buildApiSchema(this.sub);
    this.schema = buildSchema(this.api.sdl);
    for (const [name, impl] of Object.entries(SCALARS)) Object.assign(this.schema.getType(name)!, impl);
    this.installResolvers();
  }

  /** Parses, validates, checks limits and executes a query. */
  async execute(
    query: string,
    variables?: Record<string, unknown> | null,
    operationName?: string | null,
  ): Promise<ExecutionResult> {
    let cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
    } else {
      let doc: DocumentNode;
      try {
        doc = parse(query);
      } catch (e) {
        return { errors: [e as GraphQLError] };
      }
      const errors = validate(this.schema, doc);
      if (errors.length > 0) return { errors };
      cached = { doc, complexity: complexity(this.schema, doc, this.limits.maxDepth) };
      if (this.documents.size >= 500) this.documents.delete(this.documents.keys().next().value!);
    }
    this.documents.set(query, cached);
    const { doc, complexity: c } = cached;
    if ('error' in c) return { errors: [new GraphQLError(c.error)] };
    if (this.limits.maxComplexity !== null && c.complexity > this.limits.maxComplexity) {
      return {
        errors: [
          new GraphQLError(
            `query potentially returns \`${c.complexity}\` entities or more and thereby exceeds the limit of \`${this.limits.maxComplexity}\` entities. Possible solutions are reducing the depth of the query, querying fewer relationships or using \`first\` to return smaller collections`,
          ),
        ],
      };
    }
    const ctx: RequestCtx = { loaders: new Map() };
    const result = await execute({
      schema: this.schema,
      document: doc,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
      contextValue: ctx,
    });
    return result;
  }

  private latestBlock(): number {
    return this.store.latest?.number ?? this.store.subgraph.startBlock - 1;
  }

  /** Resolves a `block` argument to a block number (graph-node `locate_blocks`). */
  private async resolveBlock(arg: unknown): Promise<{ number: number; hash: string | null }> {
    const latest = this.store.latest;
    const latestNumber = this.latestBlock();
    const dep = this.store.subgraph.deployment;
    const notYet = (n: number) =>
      `subgraph ${dep} has only indexed up to block number ${latestNumber} and data for block number ${n} is therefore not yet available`;
    if (!arg || typeof arg !== 'object') return { number: latestNumber, hash: latest?.hash ?? null };
    const b = arg as { hash?: string; number?: number; number_gte?: number };
    if (b.hash !== undefined && b.hash !== null) {
      const ptr = await this.store.blockNumberByHash(String(b.hash));
      if (!ptr) throw new QueryError('Failed to decode `block.hash` value: `no block with that hash found`');
      if (ptr.number > latestNumber)
        throw new QueryError(`Failed to decode \`block.number\` value: \`${notYet(ptr.number)}\``);
      return { number: ptr.number, hash: ptr.hash };
    }
    if (b.number !== undefined && b.number !== null) {
      if (b.number > latestNumber)
        throw new QueryError(`Failed to decode \`block.number\` value: \`${notYet(b.number)}\``);
      return { number: b.number, hash: null };
    }
    if (b.number_gte !== undefined && b.number_gte !== null) {
      if (latestNumber < b.number_gte) {
        throw new QueryError(`Failed to decode \`block.number_gte\` value: \`${notYet(b.number_gte)}\``);
      }
    }
    return { number: latestNumber, hash: latest?.hash ?? null };
  }

  private range(args: Record<string, unknown>): { first: number; skip: number } {
    const first = args.first === undefined || args.first === null ? 100 : Number(args.first);
    if (!(first > 0 && first <= this.limits.maxFirst)) {
      throw new QueryError(
        `The \`first\` argument must be between 0 and ${this.limits.maxFirst}, but is ${first}`,
      );
    }
    const skip = args.skip === undefined || args.skip === null ? 0 : Number(args.skip);
    if (!(skip >= 0 && skip <= this.limits.maxSkip)) {
      throw new QueryError(
        `The \`skip\` argument must be between 0 and ${this.limits.maxSkip}, but is ${skip}`,
      );
    }
    return { first, skip };
  }

  private decode(t: EntityType, row: Record<string, string | null>): Entity {
    const e: Entity = new Map();
    for (const f of storedFields(t)) {
      const v = columnToValue(f, row[f.name] ?? null);
      if (v !== undefined) e.set(f.name, v);
    }
    return e;
  }

  private selectList(t: EntityType, alias: string): string {
    return storedFields(t)
      .map((f) => selectExpr(alias, f))
      .join(', ');
  }

  /** Loads entities of one type by id at a block. */
  private async byIds(type: string, ids: string[], block: number): Promise<Map<string, Obj>> {
    const out = new Map<string, Obj>();
    if (ids.length === 0) return out;
    for (const t of this.sub.concreteTypes(type)) {
      const idc = sqlType(t.idType === 'String' ? 'String' : t.idType);
      const rows = await this.store.db.query(
        `select c.id::text as "id$", ${this.selectList(t, 'c')} from ${this.store.table(t.name)} c
         where c.id = any($1::text[]::${idc}[]) and ${atBlock('c', block)}`,
        [ids.map((id) => idParam(t, id))],
      );
      for (const r of rows)
        out.set(idFromText(t, r['id$']!), { $type: t.name, $e: this.decode(t, r), $block: block });
    }
    return out;
  }

  /** A collection query: root plural fields (parents = null) and nested collections. */
  private async collection(
    typeName: string,
    args: Record<string, unknown>,
    block: number,
    join: ((t: EntityType, alias: string, sql: Sql) => string) | null,
  ): Promise<Obj[]> {
    const { first, skip } = this.range(args);
    const types = this.sub.concreteTypes(typeName);
    const sql = new Sql();
    const where = (args.where ?? {}) as Record<string, unknown>;
    if (types.length === 1 && this.sub.entities.has(typeName)) {
      const t = types[0]!;
      const ctx: FilterCtx = { schema: this.sub, api: this.api, store: this.store, block, sql };
      const cond = filterSql(ctx, typeName, t, 'c', where, true);
      const order = orderSql(ctx, typeName, t, 'c', args);
      const j = join ? ` and ${join(t, 'c', sql)}` : '';
      const rows = await this.store.db.query(
        `select ${this.selectList(t, 'c')} from ${this.store.table(t.name)} c where ${atBlock('c', block)}${j} and ${cond}
         order by ${orderClause(order, `c.id${collate(t.idType === 'String' ? 'String' : 'Int')}`)} limit ${first} offset ${skip}`,
        sql.params,
      );
      return rows.map((r) => ({ $type: t.name, $e: this.decode(t, r), $block: block }));
    }
    // Interfaces: page the union of the implementing tables, then load the entities.
    const selects = types.map((t) => {
      const ctx: FilterCtx = { schema: this.sub, api: this.api, store: this.store, block, sql };
      const cond = filterSql(ctx, typeName, t, 'c', where, true);
      const order = orderSql(ctx, typeName, t, 'c', args);
      const j = join ? ` and ${join(t, 'c', sql)}` : '';
      return `select ${sql.p(t.name)}::text as "type$", c.id as "id$", ${order.expr ?? 'null'} as "sort$" from ${this.store.table(t.name)} c where ${atBlock('c', block)}${j} and ${cond}`;
    });
    if (selects.length === 0) return [];
    const direction = args.orderDirection === 'desc' ? 'desc' : 'asc';
    const byId = !args.orderBy || args.orderBy === 'id';
    const idType = this.sub.interfaces.get(typeName)?.idType ?? 'String';
    const idOrder = `u."id$"${idType === 'String' ? ' collate "C"' : ''}`;
    const rows = await this.store.db.query(
      `select u."type$", u."id$"::text as "id$" from (${selects.join(' union all ')}) u
       order by ${byId ? `${idOrder} ${direction}` : `u."sort$" ${direction}, ${idOrder} ${direction}`} limit ${first} offset ${skip}`,
      sql.params,
    );
    const wanted = new Map<string, string[]>();
    for (const r of rows) {
      const t = this.sub.entity(r['type$']!)!;
      (wanted.get(t.name) ?? wanted.set(t.name, []).get(t.name)!).push(idFromText(t, r['id$']!));
    }
    const loaded = new Map<string, Obj>();
    for (const [type, ids] of wanted) {
      for (const [id, o] of await this.byIds(type, ids, block)) loaded.set(`${type}|${id}`, o);
    }
    return rows
      .map((r) => loaded.get(`${r['type$']}|${idFromText(this.sub.entity(r['type$']!)!, r['id$']!)}`))
      .filter((o): o is Obj => o !== undefined);
  }

  private loader(ctx: RequestCtx, key: string, run: (parents: Obj[]) => Promise<unknown[]>): Loader {
    let l = ctx.loaders.get(key);
    if (!l) {
      l = new Loader(run);
      ctx.loaders.set(key, l);
    }
    return l;
  }

  private idOf(o: Obj): string {
    return valueId(o.$e.get('id')!);
  }

  /** Resolves a reference field of an entity (direct, list, or derived). */
  private resolveReference(
    parent: Obj,
    f: FieldDef,
    args: Record<string, unknown>,
    ctx: RequestCtx,
  ): Promise<unknown> | unknown {
    const block = parent.$block;
    const path = `${parent.$type}.${f.name}@${block}:${JSON.stringify(args)}`;
    if (f.derivedFrom === undefined && !f.list) {
      const v = parent.$e.get(f.name);
      if (!v || v.kind === 'Null') return null;
      const l = this.loader(ctx, `ref:${parent.$type}.${f.name}@${block}`, async (parents) => {
        const ids = parents.map((p) => valueId(p.$e.get(f.name)!));
        const found = await this.byIds(f.baseType, [...new Set(ids)], block);
        return ids.map((id) => found.get(id) ?? null);
      });
      return l.load(parent);
    }
    const l = this.loader(ctx, path, async (parents) => {
      if (this.sub.entities.has(f.baseType))
        return this.batchedChildren(f, f.list ? args : { first: 2 }, block, parents);
      // Interfaces: one query per distinct parent; parents at the same level share this batch.
      const results: Obj[][] = [];
      const distinct = new Map<string, Obj[]>();
      for (const p of parents) {
        const id = this.idOf(p);
        if (!distinct.has(id)) {
          let children: Obj[];
          if (f.derivedFrom !== undefined) {
            const back = f.derivedFrom;
            children = await this.collection(
              f.baseType,
              f.list ? args : { first: 2 },
              block,
              (t, alias, sql) => {
                const bf = t.fieldMap.get(back)!;
                const cast = sqlType(bf.valueType);
                const param = `${sql.p(idParam({ idType: bf.valueType === 'Bytes' ? 'Bytes' : bf.valueType === 'Int8' ? 'Int8' : 'String' } as EntityType, id))}::text::${cast}`;
                return bf.list
                  ? `${param} = any(${alias}.${ident(back)})`
                  : `${alias}.${ident(back)} = ${param}`;
              },
            );
          } else {
            const v = p.$e.get(f.name);
            const ids = v && v.kind === 'List' ? [...new Set(v.value.map(valueId))] : [];
            children =
              ids.length === 0
                ? (this.range(args), [])
                : await this.collection(f.baseType, args, block, (t, alias, sql) => {
                    const idc = sqlType(t.idType === 'String' ? 'String' : t.idType);
                    return `${alias}.id = any(${sql.p(ids.map((i) => idParam(t, i)))}::text[]::${idc}[])`;
                  });
          }
          distinct.set(id, children);
        }
        results.push(distinct.get(id)!);
      }
      return results;
    });
    return l.load(parent).then((children) => {
      const list = children as Obj[];
      if (f.list) return list;
      if (list.length > 1) {
        throw new QueryError(
          `Ambiguous result for derived field \`${f.name}\`: Multiple \`${f.baseType}\` entities refer back via \`${f.derivedFrom}\``,
        );
      }
      return list[0] ?? null;
    });
  }

  /**
   * The children of many parents in one query: the collection's filter and order, a window per
   * parent for first/skip. For a concrete child type; interfaces go through {@link collection}.
   */
  private async batchedChildren(
    f: FieldDef,
    args: Record<string, unknown>,
    block: number,
    parents: Obj[],
  ): Promise<Obj[][]> {
    const { first, skip } = this.range(args);
    const t = this.sub.entity(f.baseType)!;
    const sql = new Sql();
    const ctx: FilterCtx = { schema: this.sub, api: this.api, store: this.store, block, sql };
    const cond = filterSql(ctx, f.baseType, t, 'c', (args.where ?? {}) as Record<string, unknown>, true);
    const order = orderSql(ctx, f.baseType, t, 'c', args);
    const pids = [...new Set(parents.map((p) => this.idOf(p)))];
    let from: string;
    if (f.derivedFrom !== undefined) {
      const bf = t.fieldMap.get(f.derivedFrom)!;
      const cast = sqlType(bf.valueType);
      const pidTexts = pids.map((id) => (bf.valueType === 'Bytes' ? '\\x' + id.slice(2) : id));
      const pid = `p.pid::${cast}`;
      from = `unnest(${sql.p(pidTexts)}::text[]) as p(pid) join ${this.store.table(t.name)} c on ${
        bf.list ? `${pid} = any(c.${ident(bf.name)})` : `c.${ident(bf.name)} = ${pid}`
      }`;
    } else {
      const pairs: [string, string][] = [];
      for (const p of parents) {
        const v = p.$e.get(f.name);
        if (!v || v.kind !== 'List') continue;
        for (const cid of new Set(v.value.map(valueId))) pairs.push([this.idOf(p), cid]);
      }
      if (pairs.length === 0) return parents.map(() => []);
      const idc = sqlType(t.idType === 'String' ? 'String' : t.idType);
      const unique = [...new Map(pairs.map((x) => [`${x[0]}|${x[1]}`, x])).values()];
      from = `unnest(${sql.p(unique.map((x) => x[0]))}::text[], ${sql.p(unique.map((x) => idParam(t, x[1])))}::text[]) as p(pid, cid)
        join ${this.store.table(t.name)} c on c.id = p.cid::${idc}`;
    }
    const idOrder = `c.id${collate(t.idType === 'String' ? 'String' : 'Int')}`;
    const rows = await this.store.db.query(
      `select * from (select p.pid::text as "parent$", ${this.selectList(t, 'c')},
         row_number() over (partition by p.pid order by ${orderClause(order, idOrder)}) as "rn$"
       from ${from} where ${atBlock('c', block)} and ${cond}) x
       where x."rn$" > ${skip} and x."rn$" <= ${skip + first} order by x."parent$", x."rn$"`,
      sql.params,
    );
    const byParent = new Map<string, Obj[]>();
    for (const r of rows) {
      const key =
        f.derivedFrom !== undefined && t.fieldMap.get(f.derivedFrom)!.valueType === 'Bytes'
          ? '0x' + r['parent$']!.slice(2)
          : r['parent$']!;
      (byParent.get(key) ?? byParent.set(key, []).get(key)!).push({
        $type: t.name,
        $e: this.decode(t, r),
        $block: block,
      });
    }
    return parents.map((p) => byParent.get(this.idOf(p)) ?? []);
  }

  private installResolvers(): void {
    const wrap = <T>(fn: () => Promise<T> | T): Promise<T> | T => {
      try {
        const r = fn();
        return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(toGraphQLError(e))) : r;
      } catch (e) {
        throw toGraphQLError(e);
      }
    };
    const query = this.schema.getQueryType()!;
    for (const [name, field] of Object.entries(query.getFields())) {
      if (name === '_meta') {
        field.resolve = (_src, args) =>
          wrap(async () => {
            const b = await this.resolveBlock(args.block);
            const ptr = b.hash ? await this.store.blockAt(b.number) : null;
            return {
              block: {
                hash: b.hash,
                number: b.number,
                timestamp: ptr ? Number(ptr.timestamp) : null,
                parentHash: ptr?.parentHash ?? null,
              },
              deployment: this.store.subgraph.deployment,
              hasIndexingErrors: this.store.fatalError !== null,
            };
          });
        continue;
      }
      const root = this.api.rootFields.get(name);
      if (!root) continue;
      field.resolve = (_src, args) =>
        wrap(async () => {
          const { number } = await this.resolveBlock(args.block);
          if (root.plural) return this.collection(root.type, args, number, null);
          const id = String(args.id);
          for (const t of this.sub.concreteTypes(root.type)) {
            let canonical: string;
            try {
              canonical = t.idType === 'Bytes' ? '0x' + inputText('Bytes', 'ID', id).slice(2) : id;
            } catch {
              return null;
            }
            if (t.idType === 'Int8' && !/^-?[0-9]+$/.test(id)) return null;
            const found = await this.byIds(t.name, [canonical], number);
            const o = found.get(canonical);
            if (o) return o;
          }
          return null;
        });
    }
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (isInterfaceType(type) && this.sub.interfaces.has(type.name)) {
        type.resolveType = (o: unknown) => (o as Obj).$type;
      }
      if (!isObjectType(type)) continue;
      const et = this.sub.entity(type.name);
      if (!et) continue;
      for (const [fname, field] of Object.entries(type.getFields())) {
        const f = et.fieldMap.get(fname);
        if (!f) continue;
        field.resolve = (src: Obj, args, ctx: RequestCtx) =>
          wrap(() =>
            f.kind === 'reference' ? this.resolveReference(src, f, args, ctx) : toOutput(src.$e.get(fname)),
          );
      }
    }
  }
}

function valueId(v: Value): string {
  return v.kind === 'Bytes' ? bytesToHex(v.value) : String((v as { value: unknown }).value);
}

function toOutput(v: Value | undefined): unknown {
  if (!v) return null;
  switch (v.kind) {
    case 'Null':
      return null;
    case 'List':
      return v.value.map(toOutput);
    default:
      return (v as { value: unknown }).value;
  }
}

function toGraphQLError(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (e instanceof QueryError) return new GraphQLError(e.message);
  return new GraphQLError(`Store error: ${(e as Error).message ?? String(e)}`);
}
