// The mapping runtime: instantiates a graph-cli-built WASM module per trigger (as graph-node does),
// links every host function graph-ts 0.38 imports by name, builds the trigger objects in the
// module's memory and runs the handler against a per-block entity cache.
import './wasm-types.js';
import { readFileSync } from 'node:fs';
import { keccak256, type AbiFunction, type Hex } from 'viem';
import type { DataSourceDef, Mapping, Subgraph, TemplateDef } from '../manifest.js';
import { encodeBase58 } from '../manifest.js';
import {
  BigDecimal,
  DeterministicError,
  bigIntToSignedLE,
  checkBigInt,
  parseBigIntRust,
} from '../numbers.js';
import {
  bytesToHex,
  entityFromWire,
  entityToWire,
  hexToBytes,
  idToString,
  typeName,
  valuesEqual,
  type Entity,
  type Value,
} from '../values.js';
import { AscHeap, TypeId } from './asc.js';
import { MEMORY_IMPORT, prepareModule } from './wasm-module.js';
import { EntityCache, EntityLru, parseId, type Modification, type StoreReader } from './entity-cache.js';
import {
  decodeCallResult,
  decodeLogParams,
  encodeCall,
  type EthParam,
  ethDecode,
  ethEncode,
  newEthValue,
  newEthValueArray,
  newEventParams,
  readEthValue,
  signatureCompat,
} from './ethabi.js';
import { jsonError, newJsonValue, newResult, newYamlValue, parseJson, parseYaml } from './structured.js';
import {
  NonDeterministicError,
  type BlockData,
  type ChainReader,
  type CreatedDataSource,
  type LogData,
  type ReceiptData,
  type TriggerSpec,
  type TxData,
} from './types.js';

/** A data source instance: a static data source or one created from a template. */
export interface DataSourceInstance {
  index: number;
  name: string;
  template: string | null;
  network: string;
  address: Uint8Array;
  context: Entity | null;
  mapping: Mapping;
  creationBlock: number | null;
}

/** A handler failure. Deterministic failures stop the subgraph; others are retried. */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  constructor(
    message: string,
    readonly deterministic: boolean,
    readonly handler: string,
    readonly dataSource: string,
    readonly blockNumber: number,
  ) {
    super(message);
  }
}

/** Log levels of `log.log` (graph-ts `log.Level`). */
export const LOG_LEVELS = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'] as const;

/** Options of {@link MappingRuntime}. */
export interface RuntimeOptions {
  subgraph: Subgraph;
  store: StoreReader;
  chain: ChainReader;
  /** Receives `log.log` output; defaults to nothing. */
  log?: (level: (typeof LOG_LEVELS)[number], dataSource: string, message: string) => void;
  /** Entities kept in the cross-block entity cache. */
  cacheSize?: number;
}

interface ModuleEntry {
  module: WebAssembly.Module;
  rtIds: Map<number, number>;
  imports: WebAssembly.Imports;
  unimplemented: string[];
  /** The memory descriptor when the module's memory is supplied by the runtime (see wasm-module.ts). */
  memory: { initial: number; maximum?: number } | null;
  /** A zeroed-on-use memory reused by successive instances. */
  spare: WebAssembly.Memory | null;
}

const MAX_JSON_SIZE = 10_000_000;

function apiAtLeast(v: string, min: [number, number, number]): boolean {
  const p = v.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const a = p[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

function u8(n: number, _what: string): number {
  if (n < 0 || n > 255) throw new DeterministicError('out of range integral type conversion attempted');
  return n;
}

const utf8Lossy = new TextDecoder('utf-8');

/** The mapping runtime of one subgraph (used from the indexer's worker thread, and directly in tests). */
export class MappingRuntime {
  readonly dataSources: DataSourceInstance[] = [];
  readonly unimplementedImports = new Set<string>();
  private readonly modules = new Map<string, ModuleEntry>();
  private readonly lru: EntityLru;
  private readonly templates: Map<string, TemplateDef>;
  private cache: EntityCache | null = null;
  private block: BlockData | null = null;
  private created: CreatedDataSource[] = [];
  private autoIdSeq = 0;
  // The running trigger's state, read by the host functions.
  private heap: AscHeap | null = null;
  private ds: DataSourceInstance | null = null;

  constructor(private readonly opts: RuntimeOptions) {
    this.lru = new EntityLru(opts.cacheSize ?? 100_000);
    this.templates = new Map(opts.subgraph.templates.map((t) => [t.name, t]));
    opts.subgraph.dataSources.forEach((d: DataSourceDef, index) => {
      this.dataSources.push({
        index,
        name: d.name,
        template: null,
        network: d.network,
        address: d.address ? hexToBytes(d.address) : new Uint8Array(),
        context: null,
        mapping: d.mapping,
        creationBlock: null,
      });
    });
    for (const m of [
      ...opts.subgraph.dataSources.map((d) => d.mapping),
      ...opts.subgraph.templates.map((t) => t.mapping),
    ]) {
      this.moduleFor(m);
    }
  }

  /** Adds a data source created from a template (at the next index). */
  addDynamic(c: CreatedDataSource): DataSourceInstance {
    const t = this.templates.get(c.template);
    if (!t) throw new Error(`unknown template ${c.template}`);
    const address = c.params[0] ?? '';
    const inst: DataSourceInstance = {
      index: this.dataSources.length,
      name: t.name,
      template: t.name,
      network: t.network,
      address: /^0x[0-9a-fA-F]{40}$/.test(address) ? hexToBytes(address) : new Uint8Array(),
      context: c.context ? entityFromWire(c.context) : null,
      mapping: t.mapping,
      creationBlock: c.creationBlock,
    };
    this.dataSources.push(inst);
    return inst;
  }

  /** Replaces the dynamic data sources (after a rollback) and drops cached entities. */
  resetDynamic(list: CreatedDataSource[]): void {
    this.dataSources.length = this.opts.subgraph.dataSources.length;
    for (const c of list) this.addDynamic(c);
    this.lru.clear();
  }

  /** Forgets cached entities (the store changed under us, e.g. a rollback). */
  clearCache(): void {
    this.lru.clear();
  }

  private moduleFor(m: Mapping): ModuleEntry {
    let entry = this.modules.get(m.file);
    if (entry) return entry;
    const { module, memory } = prepareModule(readFileSync(m.file));
    const table = this.hostFunctions();
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    const unimplemented: string[] = [];
    for (const imp of WebAssembly.Module.imports(module)) {
      if (
        imp.kind === 'memory' &&
        memory &&
        imp.module === MEMORY_IMPORT.module &&
        imp.name === MEMORY_IMPORT.name
      )
        continue;
      if (imp.kind !== 'function')
        throw new Error(`${m.file}: unsupported import kind ${imp.kind} (${imp.name})`);
      let fn = table[imp.name];
      if (fn) {
        const inner = fn;
        fn = (...args: never[]) => {
          this.heap?.sync();
          return inner(...args);
        };
      } else {
        unimplemented.push(imp.name);
        this.unimplementedImports.add(imp.name);
        const name = imp.name;
        fn = () => {
          throw new DeterministicError(`host function not implemented: ${name}`);
        };
      }
      (imports[imp.module] ??= {})[imp.name] = fn;
    }
    entry = { module, rtIds: new Map(), imports, unimplemented, memory, spare: null };
    this.modules.set(m.file, entry);
    return entry;
  }

  /** Starts a block: a fresh entity cache; writes of earlier blocks are visible through the store. */
  beginBlock(block: BlockData): void {
    this.block = block;
    this.cache = new EntityCache(this.opts.subgraph.schema, this.opts.store, this.lru);
    this.created = [];
    this.autoIdSeq = 0;
  }

  /** Ends the block and returns its modifications. */
  finishBlock(): Modification[] {
    if (!this.cache) throw new Error('no block in progress');
    const mods = this.cache.asModifications();
    this.cache = null;
    this.block = null;
    return mods;
  }

  /** Abandons the block in progress (its writes never reach the store). */
  abortBlock(): void {
    this.cache = null;
    this.block = null;
    this.lru.clear();
  }

  /**
   * Runs triggers of the current block in order. Returns the data sources they created (already
   * added to {@link dataSources}); the caller runs those data sources' triggers of this block next.
   */
  runTriggers(triggers: TriggerSpec[]): CreatedDataSource[] {
    const block = this.block;
    if (!block || !this.cache) throw new Error('no block in progress');
    const before = this.created.length;
    for (const t of triggers) {
      const ds = this.dataSources[t.ds];
      if (!ds) throw new Error(`unknown data source ${t.ds}`);
      if (t.kind === 'event') {
        const decoded: { index: number; params: EthParam[] }[] = [];
        for (const index of t.candidates ?? [t.eventHandler]) {
          const h = ds.mapping.eventHandlers[index];
          if (!h) throw new Error(`unknown event handler ${index} of ${ds.name}`);
          try {
            decoded.push({ index, params: decodeLogParams(h.abi, t.log.topics, t.log.data) });
          } catch {
            // the event ABI does not decode this log (e.g. an overload with other indexed params)
          }
        }
        if (decoded.length === 0) continue;
        const chosen = decoded.pop()!;
        const handler = ds.mapping.eventHandlers[chosen.index]!;
        if (decoded.length > 0) {
          throw new HandlerError(
            `Multiple handlers defined for event \`${handler.event}\`, only one is supported`,
            true,
            handler.handler,
            ds.name,
            block.number,
          );
        }
        this.invoke(ds, handler.handler, block, (heap) =>
          newEvent(heap, t.log, block, t.tx, chosen.params, handler.receipt ? t.receipt : null),
        );
      } else {
        this.invoke(ds, t.handler, block, (heap) => newBlock(heap, block));
      }
    }
    const created = this.created.slice(before);
    for (const c of created) this.addDynamic(c);
    return created;
  }

  /** Runs one handler in a fresh instance. Exposed for tests that build their own trigger objects. */
  invoke(
    ds: DataSourceInstance,
    handlerName: string,
    block: BlockData,
    makeArg: (heap: AscHeap) => number,
  ): void {
    const cache = this.cache;
    if (!cache) throw new Error('no block in progress');
    const entry = this.moduleFor(ds.mapping);
    const createdBefore = this.created.length;
    cache.enterHandler();
    let memory: WebAssembly.Memory | null = null;
    try {
      if (entry.memory) {
        // a fresh instance gets zeroed memory; instantiation writes the data segments into it
        memory = entry.spare ?? new WebAssembly.Memory(entry.memory);
        entry.spare = null;
        new Uint8Array(memory.buffer).fill(0);
        (entry.imports[MEMORY_IMPORT.module] ??= {})[MEMORY_IMPORT.name] = memory;
      }
      const instance = new WebAssembly.Instance(entry.module, entry.imports);
      const heap = new AscHeap(instance, entry.rtIds);
      this.heap = heap;
      this.ds = ds;
      if (apiAtLeast(ds.mapping.apiVersion, [0, 0, 5])) {
        const start = instance.exports._start as (() => void) | undefined;
        if (!start) throw new DeterministicError('`_start` function not found');
        start();
      }
      const handler = instance.exports[handlerName] as ((ptr: number) => void) | undefined;
      if (typeof handler !== 'function') throw new DeterministicError(`function ${handlerName} not found`);
      handler(makeArg(heap));
      cache.exitHandler();
    } catch (e) {
      cache.exitHandlerDiscardingChanges();
      this.created.length = createdBefore;
      const deterministic = !(e instanceof NonDeterministicError);
      const message =
        e instanceof WebAssembly.RuntimeError
          ? `wasm trap: ${(e as Error).message}`
          : e instanceof Error
            ? e.message
            : String(e);
      throw new HandlerError(message, deterministic, handlerName, ds.name, block.number);
    } finally {
      this.heap = null;
      this.ds = null;
      // keep the memory for the next instance unless a handler grew it a lot
      if (memory && memory.buffer.byteLength <= 16 * 65536 * Math.max(1, entry.memory!.initial))
        entry.spare = memory;
    }
  }

  private get h(): AscHeap {
    if (!this.heap) throw new Error('host function called outside a handler');
    return this.heap;
  }

  private get cur(): DataSourceInstance {
    if (!this.ds) throw new Error('host function called outside a handler');
    return this.ds;
  }

  private entityType(name: string, op: string) {
    const schema = this.opts.subgraph.schema;
    const t = schema.entity(name);
    if (t) return t;
    if (schema.interfaces.has(name)) {
      throw new DeterministicError(
        `Cannot ${op} entity of type \`${name}\`. The type must be an @entity type`,
      );
    }
    throw new DeterministicError(`internal error: unknown name ${name} when looking up entity type`);
  }

  private sortedEntity(e: Entity): [string, Value][] {
    return [...e].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** The host functions by import name. */
  private hostFunctions(): Record<string, (...args: never[]) => unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host functions close over the runtime
    const rt = this;
    const str = (p: number) => rt.h.readString(p);
    const big = (p: number) => rt.h.readBigInt(p);
    const dec = (p: number) => rt.h.readBigDecimal(p);
    const newBig = (v: bigint) => rt.h.newBigInt(v);
    const newDec = (v: BigDecimal) => rt.h.newBigDecimal(v);
    const newStr = (s: string) => rt.h.newString(s);
    const chain = this.opts.chain;
    const ipfsDeprecated = (name: string) => () => {
      throw new DeterministicError(
        `\`${name}\` is deprecated. Improved support for IPFS will be added in the future`,
      );
    };
    const getEntity = (scope: 'store' | 'block') => (entityPtr: number, idPtr: number) => {
      const type = str(entityPtr);
      const id = str(idPtr);
      const t = rt.entityType(type, 'get');
      const key = idToString(parseId(t, id));
      const e = rt.cache!.get(t.name, key, scope);
      return e ? rt.h.newEntity(rt.sortedEntity(e)) : 0;
    };
    const createDataSource = (namePtr: number, paramsPtr: number, ctxPtr: number | null) => {
      const name = str(namePtr);
      const params = rt.h.readStringArray(paramsPtr);
      const context = ctxPtr === null ? null : new Map(rt.h.readEntity(ctxPtr));
      const ds = rt.cur;
      if (!rt.templates.has(name)) {
        throw new DeterministicError(
          `Failed to create data source from name \`${name}\`: No template with this name in parent data source \`${ds.name}\`. Available names: ${[...rt.templates.keys()].join(', ')}.`,
        );
      }
      const address = params[0] ?? '';
      if (!/^(0x)?[0-9a-fA-F]{40}$/.test(address)) {
        throw new DeterministicError(`Invalid address provided to \`${name}\` template: \`${address}\``);
      }
      rt.created.push({
        template: name,
        params: [
          address.startsWith('0x') ? address.toLowerCase() : `0x${address.toLowerCase()}`,
          ...params.slice(1),
        ],
        context: context ? entityToWire(context) : null,
        creationBlock: rt.block!.number,
      });
    };
    const callAddress = (p: number): Hex => {
      const b = rt.h.readBytes(p);
      if (b.length !== 20) throw new DeterministicError(`expected an address of 20 bytes, got ${b.length}`);
      return bytesToHex(b) as Hex;
    };
    const requireApi009 = (what: string) => {
      if (!apiAtLeast(rt.cur.mapping.apiVersion, [0, 0, 9])) {
        throw new DeterministicError(`ethereum.${what} call is not supported before API version 0.0.9`);
      }
    };
    const f64Rust = /^[+-]?(inf|infinity|nan|[0-9]+\.?[0-9]*([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?)$/i;

    return {
      abort: (msgPtr: number, filePtr: number, line: number, col: number) => {
        const message = msgPtr ? `message: ${str(msgPtr)}` : 'no message';
        const file = filePtr ? str(filePtr) : null;
        let location: string;
        if (file === null) location = 'an unknown location';
        else if (!line) location = file;
        else if (!col) location = `${file}, line ${line}`;
        else location = `${file}, line ${line}, column ${col}`;
        throw new DeterministicError(`Mapping aborted at ${location}, with ${message}`);
      },

      // --- store --------------------------------------------------------------------------
      'store.set': (entityPtr: number, idPtr: number, dataPtr: number) => {
        const type = str(entityPtr);
        let id = str(idPtr);
        const entries = rt.h.readEntity(dataPtr);
        const t = rt.entityType(type, 'set');
        const data: Entity = new Map(entries);
        if (id === 'auto') {
          const seq = rt.autoIdSeq++;
          const blockNumber = rt.block!.number;
          if (t.idType === 'String') throw new DeterministicError('String does not support generating ids');
          const generated: Value =
            t.idType === 'Int8'
              ? { kind: 'Int8', value: (BigInt(blockNumber) << 32n) | BigInt(seq) }
              : {
                  kind: 'Bytes',
                  value: Uint8Array.from([
                    ...new Uint8Array(new Uint32Array([blockNumber]).buffer).reverse(),
                    ...new Uint8Array(new Uint32Array([seq]).buffer).reverse(),
                  ]),
                };
          data.set('id', generated);
          id = idToString(generated);
        }
        const idValue = parseId(t, id);
        const present = data.get('id');
        if (present) {
          if (!valuesEqual(present, idValue)) {
            if (typeName(present) !== t.idType) {
              throw new DeterministicError(
                `Attribute \`${t.name}.id\` has wrong type: expected ${t.idType} but got ${typeName(present)}`,
              );
            }
            throw new DeterministicError(
              `Value of ${t.name} attribute 'id' conflicts with ID passed to \`store.set()\`: ${debugValue(present)} != ${debugValue(idValue)}`,
            );
          }
        } else {
          data.set('id', idValue);
        }
        const invalid = [...data.keys()].filter((k) => !t.fieldMap.has(k));
        if (invalid.length > 0) {
          if (apiAtLeast(rt.cur.mapping.apiVersion, [0, 0, 8])) {
            throw new DeterministicError(
              `Attempted to set undefined fields [${invalid.sort().join(', ')}] for the entity type \`${t.name}\`. Make sure those fields are defined in the schema.`,
            );
          }
          for (const k of invalid) data.delete(k);
        }
        rt.cache!.set(t, idToString(idValue), data);
      },
      'store.get': getEntity('store'),
      'store.get_in_block': getEntity('block'),
      'store.loadRelated': (entityPtr: number, idPtr: number, fieldPtr: number) => {
        const type = str(entityPtr);
        const id = str(idPtr);
        const field = str(fieldPtr);
        const t = rt.entityType(type, 'load related');
        const key = idToString(parseId(t, id));
        const related = rt.cache!.loadRelated(t.name, key, field);
        return rt.h.newArray(
          related.map((e) => rt.h.newEntity(rt.sortedEntity(e))),
          TypeId.ArrayTypedMapStringStoreValue,
        );
      },
      'store.remove': (entityPtr: number, idPtr: number) => {
        const type = str(entityPtr);
        const id = str(idPtr);
        const t = rt.entityType(type, 'remove');
        rt.cache!.remove(t.name, idToString(parseId(t, id)));
      },

      // --- ipfs, ens, removed APIs: deterministic errors (graph-node's defaults) -----------
      'ipfs.cat': ipfsDeprecated('ipfs.cat'),
      'ipfs.map': ipfsDeprecated('ipfs.map'),
      'ipfs.getBlock': ipfsDeprecated('ipfs.getBlock'),
      'ens.nameByHash': () => {
        throw new DeterministicError('Missing ENS data: see https://github.com/graphprotocol/ens-rainbow');
      },
      'arweave.transactionData': () => {
        throw new DeterministicError('`arweave.transactionData` has been removed.');
      },
      'box.profile': () => {
        throw new DeterministicError('`box.profile` has been removed.');
      },

      // --- crypto, logging ------------------------------------------------------------------
      'crypto.keccak256': (p: number) => rt.h.newBytes(hexToBytes(keccak256(rt.h.readBytes(p)))),
      'log.log': (level: number, msgPtr: number) => {
        const msg = str(msgPtr);
        const name = LOG_LEVELS[level] ?? 'DEBUG';
        rt.opts.log?.(name, rt.cur.name, msg);
        if (level === 0)
          throw new DeterministicError(`Critical error logged in mapping with log message: ${msg}`);
      },

      // --- typeConversion -------------------------------------------------------------------
      'typeConversion.bytesToString': (p: number) =>
        newStr(trimTrailingNuls(utf8Lossy.decode(rt.h.readBytes(p)))),
      'typeConversion.bytesToHex': (p: number) => newStr(bytesToHex(rt.h.readBytes(p))),
      'typeConversion.bigIntToString': (p: number) => newStr(big(p).toString()),
      'typeConversion.bigIntToHex': (p: number) => {
        const n = big(p);
        return newStr(`0x${(n < 0n ? -n : n).toString(16)}`);
      },
      'typeConversion.stringToH160': (p: number) => {
        const s = str(p);
        const hex = s.startsWith('0x') ? s.slice(2) : s;
        if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
          throw new DeterministicError(`Failed to convert string to Address: '${s}'`);
        }
        return rt.h.newBytes(hexToBytes(hex));
      },
      'typeConversion.bytesToBase58': (p: number) => newStr(encodeBase58(rt.h.readBytes(p))),

      // --- bigInt ---------------------------------------------------------------------------
      'bigInt.plus': (x: number, y: number) => newBig(big(x) + big(y)),
      'bigInt.minus': (x: number, y: number) => newBig(big(x) - big(y)),
      'bigInt.times': (x: number, y: number) => newBig(big(x) * big(y)),
      'bigInt.dividedBy': (x: number, y: number) => {
        const a = big(x);
        const b = big(y);
        if (b === 0n) throw new DeterministicError(`attempted to divide BigInt \`${a}\` by zero`);
        return newBig(a / b);
      },
      'bigInt.dividedByDecimal': (x: number, y: number) => {
        const a = BigDecimal.fromBigInt(big(x));
        return newDec(a.dividedBy(dec(y)));
      },
      'bigInt.mod': (x: number, y: number) => {
        const a = big(x);
        const b = big(y);
        if (b === 0n) {
          throw new DeterministicError(
            `attempted to calculate the remainder of \`${a}\` with a divisor of zero`,
          );
        }
        return newBig(a % b);
      },
      'bigInt.pow': (x: number, exp: number) => {
        const e = u8(exp, 'exponent');
        return newBig(checkBigInt(big(x) ** BigInt(e)));
      },
      'bigInt.fromString': (p: number) => {
        const s = str(p);
        const v = parseBigIntRust(s);
        if (v === null) throw new DeterministicError(`string is not a BigInt: \`${s}\``);
        return newBig(checkBigInt(v));
      },
      'bigInt.bitOr': (x: number, y: number) => newBig(big(x) | big(y)),
      'bigInt.bitAnd': (x: number, y: number) => newBig(big(x) & big(y)),
      'bigInt.leftShift': (x: number, bits: number) => newBig(big(x) << BigInt(u8(bits, 'bits'))),
      'bigInt.rightShift': (x: number, bits: number) => newBig(big(x) >> BigInt(u8(bits, 'bits'))),

      // --- bigDecimal -----------------------------------------------------------------------
      'bigDecimal.toString': (p: number) => newStr(dec(p).toString()),
      'bigDecimal.fromString': (p: number) => newDec(BigDecimal.fromString(str(p))),
      'bigDecimal.plus': (x: number, y: number) => newDec(dec(x).plus(dec(y))),
      'bigDecimal.minus': (x: number, y: number) => newDec(dec(x).minus(dec(y))),
      'bigDecimal.times': (x: number, y: number) => newDec(dec(x).times(dec(y))),
      'bigDecimal.dividedBy': (x: number, y: number) => newDec(dec(x).dividedBy(dec(y))),
      'bigDecimal.equals': (x: number, y: number) => (dec(x).equals(dec(y)) ? 1 : 0),

      // --- dataSource -----------------------------------------------------------------------
      'dataSource.create': (namePtr: number, paramsPtr: number) => createDataSource(namePtr, paramsPtr, null),
      'dataSource.createWithContext': (namePtr: number, paramsPtr: number, ctxPtr: number) =>
        createDataSource(namePtr, paramsPtr, ctxPtr),
      'dataSource.address': () => rt.h.newBytes(rt.cur.address),
      'dataSource.network': () => newStr(rt.cur.network),
      'dataSource.context': () => rt.h.newEntity(rt.cur.context ? rt.sortedEntity(rt.cur.context) : []),

      // --- json -----------------------------------------------------------------------------
      'json.fromBytes': (p: number) => {
        const bytes = rt.h.readBytes(p);
        if (bytes.length > MAX_JSON_SIZE)
          throw new DeterministicError(`JSON size exceeds max size of ${MAX_JSON_SIZE}`);
        let v;
        try {
          v = parseJson(bytes);
        } catch (e) {
          throw jsonError(bytes, e);
        }
        return newJsonValue(rt.h, v);
      },
      'json.try_fromBytes': (p: number) => {
        const bytes = rt.h.readBytes(p);
        if (bytes.length > MAX_JSON_SIZE)
          throw new DeterministicError(`JSON size exceeds max size of ${MAX_JSON_SIZE}`);
        let v = null;
        try {
          v = parseJson(bytes);
        } catch {
          v = null;
        }
        return newResult(
          rt.h,
          TypeId.ResultJsonValueBool,
          TypeId.WrappedJsonValue,
          v === null ? null : newJsonValue(rt.h, v),
        );
      },
      'json.toI64': (p: number) => {
        const s = str(p);
        const v = /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : null;
        if (v === null || v > 9223372036854775807n || v < -9223372036854775808n) {
          throw new DeterministicError(`JSON \`${s}\` cannot be parsed as i64`);
        }
        return v;
      },
      'json.toU64': (p: number) => {
        const s = str(p);
        const v = /^\+?[0-9]+$/.test(s) ? BigInt(s) : null;
        if (v === null || v > 18446744073709551615n) {
          throw new DeterministicError(`JSON \`${s}\` cannot be parsed as u64`);
        }
        return BigInt.asIntN(64, v);
      },
      'json.toF64': (p: number) => {
        const s = str(p);
        if (!f64Rust.test(s)) throw new DeterministicError(`JSON \`${s}\` cannot be parsed as f64`);
        const lower = s.toLowerCase().replace(/^\+/, '');
        if (lower === 'inf' || lower === 'infinity') return Infinity;
        if (lower === '-inf' || lower === '-infinity') return -Infinity;
        if (lower.endsWith('nan')) return NaN;
        return Number(s);
      },
      'json.toBigInt': (p: number) => {
        const s = str(p);
        const v = parseBigIntRust(s);
        if (v === null) throw new DeterministicError(`JSON \`${s}\` is not a decimal string`);
        return rt.h.newBytes(bigIntToSignedLE(checkBigInt(v)));
      },

      // --- yaml -----------------------------------------------------------------------------
      'yaml.fromBytes': (p: number) => {
        const bytes = rt.h.readBytes(p);
        if (bytes.length > MAX_JSON_SIZE) {
          throw new DeterministicError(`YAML size exceeds max size of ${MAX_JSON_SIZE} bytes`);
        }
        let v;
        try {
          v = parseYaml(bytes);
        } catch (e) {
          throw new DeterministicError(`failed to parse YAML from bytes: ${(e as Error).message}`);
        }
        return newYamlValue(rt.h, v);
      },
      'yaml.try_fromBytes': (p: number) => {
        const bytes = rt.h.readBytes(p);
        if (bytes.length > MAX_JSON_SIZE) {
          throw new DeterministicError(`YAML size exceeds max size of ${MAX_JSON_SIZE} bytes`);
        }
        let v = null;
        try {
          v = parseYaml(bytes);
        } catch {
          v = null;
        }
        return newResult(
          rt.h,
          TypeId.YamlResultValueBool,
          TypeId.YamlWrappedValue,
          v === null ? null : newYamlValue(rt.h, v),
        );
      },

      // --- ethereum -------------------------------------------------------------------------
      'ethereum.call': (p: number) => {
        const heap = rt.h;
        const contractName = heap.readString(heap.u32(p));
        const address = callAddress(heap.u32(p + 4));
        const functionName = heap.readString(heap.u32(p + 8));
        const sigPtr = heap.u32(p + 12);
        const signature = sigPtr ? heap.readString(sigPtr) : null;
        const args = heap.readArrayPtrs(heap.u32(p + 16)).map((x) => readEthValue(heap, x));
        const abi = rt.cur.mapping.abis.get(contractName);
        if (!abi) {
          throw new DeterministicError(
            `Could not find ABI for contract "${contractName}", try adding it to the 'abis' section of the subgraph manifest`,
          );
        }
        const candidates = abi.filter(
          (x): x is AbiFunction => x.type === 'function' && x.name === functionName,
        );
        if (candidates.length === 0) {
          throw new DeterministicError(
            `Unknown function "${contractName}::${functionName}" called from WASM runtime`,
          );
        }
        const fn =
          signature === null ? candidates[0]! : candidates.find((c) => signatureCompat(c) === signature);
        if (!fn) {
          throw new DeterministicError(
            `Unknown function "${contractName}::${functionName}" with signature \`${signature}\` called from WASM runtime`,
          );
        }
        let data: Hex;
        try {
          data = encodeCall(fn, args);
        } catch (e) {
          throw new DeterministicError(
            `Failed to call function "${functionName}" of contract "${contractName}": ${(e as Error).message}`,
          );
        }
        const result = chain.call(address, data, rt.block!);
        if (!result.ok) {
          rt.opts.log?.('INFO', rt.cur.name, `Contract call reverted: ${result.reason}`);
          return 0;
        }
        const values = decodeCallResult(fn, hexToBytes(result.data));
        if (!values) return 0;
        return newEthValueArray(heap, values);
      },
      'ethereum.getBalance': (p: number) => {
        requireApi009('getBalance');
        return newBig(chain.getBalance(callAddress(p), rt.block!));
      },
      'ethereum.hasCode': (p: number) => {
        requireApi009('hasCode');
        const code = chain.getCode(callAddress(p), rt.block!);
        return rt.h.newWrappedBool(code.length > 2);
      },
      'ethereum.encode': (p: number) => {
        const v = readEthValue(rt.h, p);
        const encoded = ethEncode(v);
        return encoded ? rt.h.newBytes(encoded) : 0;
      },
      'ethereum.decode': (typesPtr: number, dataPtr: number) => {
        const v = ethDecode(str(typesPtr), rt.h.readBytes(dataPtr));
        return v ? newEthValue(rt.h, v) : 0;
      },
    } as Record<string, (...args: never[]) => unknown>;
  }

  /** Import names this runtime links (graph-ts 0.38's full set plus graph-node's removed APIs). */
  hostFunctionNames(): string[] {
    return Object.keys(this.hostFunctions());
  }

  /** Schema access for callers. */
  get subgraph(): Subgraph {
    return this.opts.subgraph;
  }
}

/** `trim_end_matches('\u{0000}')`. */
function trimTrailingNuls(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return s.slice(0, end);
}

function debugValue(v: Value): string {
  switch (v.kind) {
    case 'String':
      return `String(${JSON.stringify(v.value)})`;
    case 'Bytes':
      return `Bytes(${bytesToHex(v.value)})`;
    case 'Int8':
      return `Int8(${v.value})`;
    default:
      return `${v.kind}(${String((v as { value?: unknown }).value)})`;
  }
}

// --- trigger objects ----------------------------------------------------------------------------

const hexBytes = (h: Hex): Uint8Array => hexToBytes(h);

// Hex fields decoded once per block / transaction rather than once per trigger.
const blockBytes = new WeakMap<BlockData, Uint8Array[]>();
const txBytes = new WeakMap<TxData, Uint8Array[]>();

/** Allocates an `ethereum.Block` (15 fields, apiVersion >= 0.0.6 layout). */
export function newBlock(heap: AscHeap, b: BlockData): number {
  let raw = blockBytes.get(b);
  if (!raw) {
    raw = [b.hash, b.parentHash, b.unclesHash, b.author, b.stateRoot, b.transactionsRoot, b.receiptsRoot].map(
      hexBytes,
    );
    blockBytes.set(b, raw);
  }
  const big = (v: bigint) => heap.newBigInt(v);
  return heap.newObject(TypeId.EthereumBlock, [
    ...raw.map((x) => heap.newBytes(x)),
    big(BigInt(b.number)),
    big(b.gasUsed),
    big(b.gasLimit),
    big(b.timestamp),
    big(b.difficulty),
    big(b.totalDifficulty),
    b.size === null ? 0 : big(b.size),
    b.baseFeePerGas === null ? 0 : big(b.baseFeePerGas),
  ]);
}

/** Allocates an `ethereum.Transaction` (9 fields). */
export function newTransaction(heap: AscHeap, t: TxData): number {
  let raw = txBytes.get(t);
  if (!raw) {
    raw = [
      hexBytes(t.hash),
      hexBytes(t.from),
      t.to === null ? new Uint8Array() : hexBytes(t.to),
      hexBytes(t.input),
    ];
    txBytes.set(t, raw);
  }
  return heap.newObject(TypeId.EthereumTransaction, [
    heap.newBytes(raw[0]!),
    heap.newBigInt(t.index),
    heap.newBytes(raw[1]!),
    t.to === null ? 0 : heap.newBytes(raw[2]!),
    heap.newBigInt(t.value),
    heap.newBigInt(t.gasLimit),
    heap.newBigInt(t.gasPrice),
    heap.newBytes(raw[3]!),
    heap.newBigInt(t.nonce),
  ]);
}

function newLog(heap: AscHeap, l: LogData): number {
  return heap.newObject(TypeId.Log, [
    heap.newBytes(hexBytes(l.address)),
    heap.newArray(
      l.topics.map((t) => heap.newBytes(hexBytes(t))),
      TypeId.ArrayH256,
    ),
    heap.newBytes(hexBytes(l.data)),
    heap.newBytes(hexBytes(l.blockHash)),
    heap.newBigInt(BigInt(l.blockNumber)),
    heap.newBytes(hexBytes(l.transactionHash)),
    heap.newBigInt(BigInt(l.transactionIndex)),
    heap.newBigInt(BigInt(l.logIndex)),
    0,
    0,
    heap.newWrappedBool(l.removed),
  ]);
}

function newReceipt(heap: AscHeap, r: ReceiptData): number {
  return heap.newObject(TypeId.TransactionReceipt, [
    heap.newBytes(hexBytes(r.transactionHash)),
    heap.newBigInt(r.transactionIndex),
    heap.newBytes(hexBytes(r.blockHash)),
    heap.newBigInt(r.blockNumber),
    heap.newBigInt(r.cumulativeGasUsed),
    heap.newBigInt(r.gasUsed),
    r.contractAddress === null ? 0 : heap.newBytes(hexBytes(r.contractAddress)),
    heap.newArray(
      r.logs.map((l) => newLog(heap, l)),
      TypeId.ArrayLog,
    ),
    r.status === null ? 0 : heap.newBigInt(r.status),
    r.root === null ? 0 : heap.newBytes(hexBytes(r.root)),
    heap.newBytes(hexBytes(r.logsBloom)),
  ]);
}

/** Allocates an `ethereum.Event` (8 fields, apiVersion >= 0.0.7 layout). */
export function newEvent(
  heap: AscHeap,
  log: LogData,
  block: BlockData,
  tx: TxData,
  params: EthParam[],
  receipt: ReceiptData | null,
): number {
  return heap.newObject(TypeId.EthereumEvent, [
    heap.newBytes(hexBytes(log.address)),
    heap.newBigInt(BigInt(log.logIndex)),
    // graph-node passes the log index as transactionLogIndex (trigger.rs)
    heap.newBigInt(BigInt(log.logIndex)),
    0,
    newBlock(heap, block),
    newTransaction(heap, tx),
    newEventParams(heap, params),
    receipt ? newReceipt(heap, receipt) : 0,
  ]);
}
