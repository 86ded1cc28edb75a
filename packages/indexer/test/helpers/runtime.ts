// Runs fixture handlers directly in a MappingRuntime over an in-memory store, with synthetic
// blocks and logs: the host unit tests need no chain and no database.
import { encodeAbiParameters, keccak256, toBytes, type Hex } from 'viem';
import { loadSubgraph, type Subgraph } from '../../src/manifest.js';
import type { Modification, StoreReader } from '../../src/runtime/entity-cache.js';
import { HandlerError, MappingRuntime } from '../../src/runtime/host.js';
import type { BlockData, ChainReader, LogData, TxData } from '../../src/runtime/types.js';
import type { Entity, Value } from '../../src/values.js';
import { valuesEqual } from '../../src/values.js';
import { EMITTER_ADDRESS, fixtureBuildDir } from '../fixtures/build.js';

/** An in-memory store: the latest version of each entity. */
export class MemoryStore implements StoreReader {
  readonly entities = new Map<string, Map<string, Entity>>();

  get(type: string, id: string): Entity | null {
    const e = this.entities.get(type)?.get(id);
    return e ? new Map(e) : null;
  }
  getMany(type: string, ids: string[]): Map<string, Entity> {
    const out = new Map<string, Entity>();
    for (const id of ids) {
      const e = this.get(type, id);
      if (e) out.set(id, e);
    }
    return out;
  }
  getDerived(type: string, field: string, id: string): Map<string, Entity> {
    const out = new Map<string, Entity>();
    for (const [eid, e] of this.entities.get(type) ?? []) {
      const v = e.get(field);
      if (!v) continue;
      const match =
        v.kind === 'List'
          ? v.value.some((x) => valuesEqual(x, idValue(x, id)))
          : valuesEqual(v, idValue(v, id));
      if (match) out.set(eid, new Map(e));
    }
    return out;
  }
  apply(mods: Modification[]): void {
    for (const m of mods) {
      const table = this.entities.get(m.type) ?? this.entities.set(m.type, new Map()).get(m.type)!;
      if (m.op === 'remove') table.delete(m.id);
      else table.set(m.id, new Map(m.entity));
    }
  }
}

function idValue(like: Value, id: string): Value {
  if (like.kind === 'Bytes') return { kind: 'Bytes', value: new Uint8Array(Buffer.from(id.slice(2), 'hex')) };
  if (like.kind === 'Int8') return { kind: 'Int8', value: BigInt(id) };
  return { kind: 'String', value: id };
}

/** A chain with fixed answers, recording the calls it gets. */
export class FakeChain implements ChainReader {
  calls: { to: Hex; data: Hex; block: number }[] = [];
  balances = new Map<string, bigint>();
  code = new Map<string, Hex>();
  callResult: { ok: true; data: Hex } | { ok: false; reason: string } = { ok: false, reason: 'revert' };
  call(to: Hex, data: Hex, block: BlockData) {
    this.calls.push({ to, data, block: block.number });
    return this.callResult;
  }
  getBalance(address: Hex): bigint {
    return this.balances.get(address.toLowerCase()) ?? 0n;
  }
  getCode(address: Hex): Hex {
    return this.code.get(address.toLowerCase()) ?? '0x';
  }
}

export function block(n: number): BlockData {
  const h = (x: number): Hex => `0x${x.toString(16).padStart(64, '0')}`;
  return {
    number: n,
    hash: h(0xb000 + n),
    parentHash: h(0xb000 + n - 1),
    unclesHash: h(1),
    author: '0x0000000000000000000000000000000000000000',
    stateRoot: h(2),
    transactionsRoot: h(3),
    receiptsRoot: h(4),
    gasUsed: 21000n,
    gasLimit: 30000000n,
    timestamp: 1_700_000_000n + BigInt(n),
    difficulty: 0n,
    totalDifficulty: 0n,
    size: 1000n,
    baseFeePerGas: 7n,
  };
}

export function tx(n: number): TxData {
  return {
    hash: `0x${n.toString(16).padStart(64, 'a')}`,
    index: 0n,
    from: '0x00000000000000000000000000000000000000aa',
    to: EMITTER_ADDRESS,
    value: 0n,
    gasLimit: 100000n,
    gasPrice: 1n,
    input: '0x',
    nonce: BigInt(n),
  };
}

/** A runtime over the fixture subgraph with a memory store and a fake chain. */
export class Harness {
  readonly subgraph: Subgraph;
  readonly store = new MemoryStore();
  readonly chain = new FakeChain();
  readonly runtime: MappingRuntime;
  readonly logs: string[] = [];
  blockNumber = 10;
  private logIndex = 0;

  constructor() {
    this.subgraph = loadSubgraph(fixtureBuildDir);
    this.runtime = new MappingRuntime({
      subgraph: this.subgraph,
      store: this.store,
      chain: this.chain,
      log: (level, ds, msg) => this.logs.push(`${level} ${ds}: ${msg}`),
    });
  }

  /** A log of the Emitter's event `name` with the given ABI-encoded non-indexed data and topics. */
  log(name: string, data: Hex, indexed: Hex[] = []): { log: LogData; eventHandler: number; handler: string } {
    const ds = this.subgraph.dataSources[0]!;
    const eventHandler = ds.mapping.eventHandlers.findIndex((h) => h.abi.name === name);
    const h = ds.mapping.eventHandlers[eventHandler]!;
    return {
      eventHandler,
      handler: h.handler,
      log: {
        address: EMITTER_ADDRESS,
        topics: [h.topic0, ...indexed],
        data,
        blockNumber: this.blockNumber,
        blockHash: block(this.blockNumber).hash,
        transactionHash: tx(this.logIndex).hash,
        transactionIndex: 0,
        logIndex: this.logIndex++,
        removed: false,
      },
    };
  }

  /** Runs events in one block and commits the modifications to the memory store. */
  runBlock(events: ReturnType<Harness['log']>[], ds = 0): Modification[] {
    const b = block(this.blockNumber);
    this.runtime.beginBlock(b);
    try {
      this.runtime.runTriggers(
        events.map((e) => ({
          kind: 'event' as const,
          ds,
          handler: e.handler,
          eventHandler: e.eventHandler,
          log: e.log,
          tx: tx(e.log.logIndex),
          receipt: null,
        })),
      );
    } catch (err) {
      this.runtime.abortBlock();
      throw err;
    }
    const mods = this.runtime.finishBlock();
    this.store.apply(mods);
    this.blockNumber++;
    return mods;
  }

  probeLog(op: string, a = 0n, b = 0n, x = '', y = '', data: Hex = '0x') {
    return this.log(
      'Probe',
      encodeAbiParameters(
        [
          { type: 'string' },
          { type: 'int256' },
          { type: 'int256' },
          { type: 'string' },
          { type: 'string' },
          { type: 'bytes' },
        ],
        [op, a, b, x, y, data],
      ),
    );
  }

  /** Runs one Probe event and returns the ProbeResult's `out`, or throws the HandlerError. */
  probe(op: string, a = 0n, b = 0n, x = '', y = '', data: Hex = '0x'): string[] {
    const ev = this.probeLog(op, a, b, x, y, data);
    this.runBlock([ev]);
    const r = this.store.get('ProbeResult', `${op}#${ev.log.logIndex}`);
    const out = r?.get('out');
    if (!out || out.kind !== 'List') throw new Error('no ProbeResult');
    return out.value.map((v) => (v.kind === 'String' ? v.value : '?'));
  }

  /** Runs a Probe op expected to fail and returns the error message. */
  probeError(op: string, a = 0n, b = 0n, x = '', y = '', data: Hex = '0x'): string {
    try {
      this.probe(op, a, b, x, y, data);
    } catch (e) {
      if (e instanceof HandlerError) {
        if (!e.deterministic) throw new Error(`expected a deterministic error, got: ${e.message}`);
        return e.message;
      }
      throw e;
    }
    throw new Error(`probe ${op} did not fail`);
  }
}

export const topicOf = (sig: string): Hex => keccak256(toBytes(sig));
export const addressTopic = (a: Hex): Hex => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;
