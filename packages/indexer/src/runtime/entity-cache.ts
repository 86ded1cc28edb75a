// The per-block entity cache: a port of graph-node's EntityCache
// (graph/src/components/store/entity_cache.rs). Writes accumulate as operations per entity; reads
// layer the store's state, the block's operations and the running handler's operations; a failed
// handler's operations are dropped; at the end of the block the operations become the block's
// modifications (insert / overwrite / remove), only where something actually changed.
import { DeterministicError } from '../numbers.js';
import type { EntityType, SubgraphSchema } from '../schema.js';
import {
  displayValue,
  entitiesEqual,
  isAssignable,
  typeName,
  valuesEqual,
  type Entity,
  type Value,
} from '../values.js';

/** Synchronous read access to the store as of the end of the previous block. */
export interface StoreReader {
  get(type: string, id: string): Entity | null;
  getMany(type: string, ids: string[]): Map<string, Entity>;
  /** Entities of `type` whose reference field `field` is `id` (or contains it, for list fields). */
  getDerived(type: string, field: string, id: string): Map<string, Entity>;
}

/** A change of one entity in one block. */
export type Modification =
  | { op: 'insert'; type: string; id: string; entity: Entity }
  | { op: 'overwrite'; type: string; id: string; entity: Entity }
  | { op: 'remove'; type: string; id: string };

type Op = { op: 'remove' } | { op: 'update'; entity: Entity } | { op: 'overwrite'; entity: Entity };

const key = (type: string, id: string): string => `${type}|${id}`;
const splitKey = (k: string): [string, string] => {
  const i = k.indexOf('|');
  return [k.slice(0, i), k.slice(i + 1)];
};

/** `Entity::merge`: values from `update` win; nulls are kept. */
function merge(target: Entity, update: Entity): void {
  for (const [k, v] of update) target.set(k, v);
}

/** `Entity::merge_remove_null_fields`; returns whether anything changed. */
function mergeRemoveNull(target: Entity, update: Entity): boolean {
  let changed = false;
  for (const [k, v] of update) {
    if (v.kind === 'Null') {
      if (target.delete(k)) changed = true;
    } else {
      const old = target.get(k);
      if (!old || !valuesEqual(old, v)) changed = true;
      target.set(k, v);
    }
  }
  return changed;
}

function removeNulls(e: Entity): Entity {
  for (const [k, v] of e) if (v.kind === 'Null') e.delete(k);
  return e;
}

function applyOp(op: Op, entity: Entity | null): Entity | null {
  switch (op.op) {
    case 'remove':
      return null;
    case 'overwrite':
      return new Map(op.entity);
    case 'update': {
      if (!entity) return new Map(op.entity);
      const e = new Map(entity);
      mergeRemoveNull(e, op.entity);
      return e;
    }
  }
}

function accumulate(current: Op, next: Op): Op {
  if (next.op === 'remove' || next.op === 'overwrite') return next;
  if (current.op === 'remove') return { op: 'overwrite', entity: new Map(next.entity) };
  const merged = new Map(current.entity);
  merge(merged, next.entity);
  return { op: current.op, entity: merged };
}

/** graph-node `Entity::validate` with its error texts. */
export function validateEntity(t: EntityType, id: string, e: Entity): void {
  const where = `Entity ${t.name}[${id}]`;
  for (const f of t.fields) {
    const v = e.get(f.name);
    const derived = f.derivedFrom !== undefined;
    if (v !== undefined && !derived) {
      if (f.list && v.kind === 'List') {
        v.value.forEach((elt, index) => {
          if (!isAssignable(elt, f.valueType, false)) {
            throw new DeterministicError(
              `${where}: field \`${f.name}\` is of type ${f.typeString}, but the value \`${displayValue(v)}\` contains a ${typeName(elt)} at index ${index}`,
            );
          }
        });
      }
      if (!isAssignable(v, f.valueType, f.list)) {
        throw new DeterministicError(
          `${where}: the value \`${displayValue(v)}\` for field \`${f.name}\` must have type ${f.typeString} but has type ${typeName(v)}`,
        );
      }
    } else if (v === undefined && !derived) {
      if (f.nonNull)
        throw new DeterministicError(`${where}: missing value for non-nullable field \`${f.name}\``);
    } else if (v !== undefined && derived) {
      throw new DeterministicError(`${where}: field \`${f.name}\` is derived and cannot be set`);
    }
  }
}

function matchesDerived(e: Entity, field: string, id: Value): boolean {
  const v = e.get(field);
  if (!v) return false;
  if (v.kind === 'List') return v.value.some((x) => valuesEqual(x, id));
  return valuesEqual(v, id);
}

/**
 * A bounded cache of entities as stored (after the last processed block), shared by the per-block
 * caches like graph-node's LFU cache. `null` records a known absence.
 */
export class EntityLru {
  private readonly map = new Map<string, Entity | null>();
  constructor(private readonly capacity = 100_000) {}

  has(k: string): boolean {
    return this.map.has(k);
  }
  get(k: string): Entity | null | undefined {
    return this.map.get(k);
  }
  set(k: string, v: Entity | null): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.capacity) {
      const drop = this.map.size - this.capacity;
      let n = 0;
      for (const k2 of this.map.keys()) {
        if (n++ >= drop) break;
        this.map.delete(k2);
      }
    }
  }
  clear(): void {
    this.map.clear();
  }
}

/** One block's entity operations. */
export class EntityCache {
  private readonly updates = new Map<string, Op>();
  private handlerUpdates = new Map<string, Op>();
  private inHandler = false;

  constructor(
    private readonly schema: SubgraphSchema,
    private readonly store: StoreReader,
    private readonly current: EntityLru,
  ) {}

  enterHandler(): void {
    this.inHandler = true;
  }

  exitHandler(): void {
    this.inHandler = false;
    const pending = this.handlerUpdates;
    this.handlerUpdates = new Map();
    for (const [k, op] of pending) this.entityOp(k, op);
  }

  /** Drops the running handler's operations (after it failed). */
  exitHandlerDiscardingChanges(): void {
    this.inHandler = false;
    this.handlerUpdates = new Map();
  }

  private entityOp(k: string, op: Op): void {
    const target = this.inHandler ? this.handlerUpdates : this.updates;
    const existing = target.get(k);
    target.set(k, existing ? accumulate(existing, op) : op);
  }

  private stored(type: string, id: string): Entity | null {
    const k = key(type, id);
    let e = this.current.get(k);
    if (e === undefined) {
      e = this.store.get(type, id);
      this.current.set(k, e);
    }
    return e;
  }

  /** `store.get` (scope 'store') and `store.get_in_block` (scope 'block'). */
  get(type: string, id: string, scope: 'store' | 'block'): Entity | null {
    const k = key(type, id);
    let e: Entity | null = scope === 'store' ? this.stored(type, id) : null;
    const u = this.updates.get(k);
    if (u) e = applyOp(u, e);
    const h = this.handlerUpdates.get(k);
    if (h) e = applyOp(h, e);
    return e;
  }

  /** `store.set` after the host checks: records an update and validates the merged result. */
  set(t: EntityType, id: string, entity: Entity): void {
    let valid = true;
    try {
      validateEntity(t, id, entity);
    } catch {
      valid = false;
    }
    this.entityOp(key(t.name, id), { op: 'update', entity });
    if (!valid) {
      const merged = this.get(t.name, id, 'store');
      if (!merged) throw new DeterministicError(`Failed to read entity ${t.name}[${id}] back from cache`);
      validateEntity(t, id, merged);
    }
  }

  remove(type: string, id: string): void {
    this.entityOp(key(type, id), { op: 'remove' });
  }

  /** `store.loadRelated(type, id, field)` for a `@derivedFrom` field. */
  loadRelated(type: string, id: string, field: string): Entity[] {
    const owner = this.schema.entity(type);
    if (!owner)
      throw new DeterministicError(`internal error: unknown name ${type} when looking up entity type`);
    const f = owner.fieldMap.get(field);
    if (!f) throw new DeterministicError(`Entity ${type}: unknown field \`${field}\``);
    if (f.derivedFrom === undefined) {
      throw new DeterministicError(`Entity ${type}: field \`${field}\` is not derived (no @derivedFrom)`);
    }
    const targetType = f.baseType;
    const targetField = f.derivedFrom;
    const idValue = parseId(owner, id);
    const results: Entity[] = [];
    for (const target of this.schema.concreteTypes(targetType)) {
      const stored = this.store.getDerived(target.name, targetField, id);
      for (const [sid, e] of stored) {
        const k = key(target.name, sid);
        if (!this.current.has(k)) this.current.set(k, e);
      }
      const candidates = new Set<string>([...stored.keys()].map((sid) => key(target.name, sid)));
      for (const k of [...this.updates.keys(), ...this.handlerUpdates.keys()]) {
        if (splitKey(k)[0] === target.name) candidates.add(k);
      }
      for (const k of [...candidates].sort()) {
        const [, cid] = splitKey(k);
        let e: Entity | null = stored.get(cid) ?? null;
        const u = this.updates.get(k);
        if (u) e = applyOp(u, e);
        const h = this.handlerUpdates.get(k);
        if (h) e = applyOp(h, e);
        if (e && matchesDerived(e, targetField, idValue)) results.push(e);
      }
    }
    return results;
  }

  /** The block's modifications (graph-node `as_modifications`); updates the shared cache. */
  asModifications(): Modification[] {
    const missing = new Map<string, string[]>();
    for (const k of this.updates.keys()) {
      if (this.current.has(k)) continue;
      const [type, id] = splitKey(k);
      if (this.schema.entity(type)?.immutable) continue;
      (missing.get(type) ?? missing.set(type, []).get(type)!).push(id);
    }
    for (const [type, ids] of missing) {
      const found = this.store.getMany(type, ids);
      for (const id of ids) this.current.set(key(type, id), found.get(id) ?? null);
    }
    const mods: Modification[] = [];
    for (const [k, op] of this.updates) {
      const [type, id] = splitKey(k);
      const current = this.current.get(k) ?? null;
      if (current === null) {
        if (op.op === 'remove') continue;
        const data = removeNulls(new Map(op.entity));
        this.current.set(k, data);
        mods.push({ op: 'insert', type, id, entity: data });
      } else if (op.op === 'update') {
        const data = new Map(current);
        const changed = mergeRemoveNull(data, op.entity);
        this.current.set(k, data);
        if (changed) mods.push({ op: 'overwrite', type, id, entity: data });
      } else if (op.op === 'overwrite') {
        const data = new Map(op.entity);
        this.current.set(k, data);
        if (!entitiesEqual(current, data)) mods.push({ op: 'overwrite', type, id, entity: data });
      } else {
        this.current.set(k, null);
        mods.push({ op: 'remove', type, id });
      }
    }
    return mods;
  }
}

/** Parses an id string for an entity type (graph-node `IdType::parse`). */
export function parseId(t: { idType: 'String' | 'Bytes' | 'Int8' }, id: string): Value {
  switch (t.idType) {
    case 'String':
      return { kind: 'String', value: id };
    case 'Bytes': {
      let h = id;
      while (h.startsWith('0x')) h = h.slice(2);
      if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) {
        throw new DeterministicError(`can not convert \`${id}\` to Id::Bytes`);
      }
      return { kind: 'Bytes', value: new Uint8Array(Buffer.from(h, 'hex')) };
    }
    case 'Int8': {
      if (!/^[+-]?[0-9]+$/.test(id)) throw new DeterministicError(`can not convert \`${id}\` to Id::Int8`);
      const v = BigInt(id);
      if (v > 9223372036854775807n || v < -9223372036854775808n) {
        throw new DeterministicError(`can not convert \`${id}\` to Id::Int8`);
      }
      return { kind: 'Int8', value: v };
    }
  }
}
