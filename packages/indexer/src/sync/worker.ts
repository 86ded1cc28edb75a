// The mapping worker thread: runs handlers in a MappingRuntime, reading the store and the chain
// through the synchronous bridge. Messages (in order, one block at a time):
//   begin {block, triggers} → created {created} | done {mods} | error
//   more {triggers}         → created | done | error      (triggers of data sources just created)
//   reset {dataSources}                                   (after a rollback)
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Hex } from 'viem';
import { loadSubgraph } from '../manifest.js';
import type { StoreReader } from '../runtime/entity-cache.js';
import { HandlerError, MappingRuntime } from '../runtime/host.js';
import {
  NonDeterministicError,
  type BlockData,
  type ChainReader,
  type CreatedDataSource,
  type TriggerSpec,
} from '../runtime/types.js';
import { entityFromWire, entityToWire, type WireEntity } from '../values.js';
import { BridgeClient } from './bridge.js';

/** Data passed when starting the worker. */
export interface WorkerInit {
  buildDir: string;
  port: MessagePort;
  shared: SharedArrayBuffer;
  dataSources: CreatedDataSource[];
  cacheSize: number;
}

/** Messages to the worker. */
export type ToWorker =
  | { type: 'begin'; block: BlockData; triggers: TriggerSpec[] }
  | { type: 'more'; triggers: TriggerSpec[] }
  | { type: 'reset'; dataSources: CreatedDataSource[] };

/** A modification in wire form. */
export type WireModification =
  | { op: 'insert' | 'overwrite'; type: string; id: string; entity: WireEntity }
  | { op: 'remove'; type: string; id: string };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'ready'; unimplemented: string[] }
  | { type: 'created'; created: CreatedDataSource[] }
  | { type: 'done'; mods: WireModification[] }
  | {
      type: 'error';
      message: string;
      deterministic: boolean;
      handler: string | null;
      dataSource: string | null;
    }
  | { type: 'log'; level: string; dataSource: string; message: string };

const init = workerData as WorkerInit;
const port = parentPort!;
const bridge = new BridgeClient(init.port, init.shared);

const call = (req: Parameters<BridgeClient['call']>[0]): unknown => {
  try {
    return bridge.call(req);
  } catch (e) {
    throw new NonDeterministicError((e as Error).message);
  }
};

const store: StoreReader = {
  get(type, id) {
    const e = call({ op: 'get', type, id }) as WireEntity | null;
    return e ? entityFromWire(e) : null;
  },
  getMany(type, ids) {
    const rows = call({ op: 'getMany', type, ids }) as [string, WireEntity][];
    return new Map(rows.map(([id, e]) => [id, entityFromWire(e)]));
  },
  getDerived(type, field, id) {
    const rows = call({ op: 'getDerived', type, field, id }) as [string, WireEntity][];
    return new Map(rows.map(([rid, e]) => [rid, entityFromWire(e)]));
  },
};

const chain: ChainReader = {
  call(to: Hex, data: Hex, block: BlockData) {
    return call({ op: 'call', to, data, block: block.number }) as
      { ok: true; data: Hex } | { ok: false; reason: string };
  },
  getBalance(address: Hex, block: BlockData) {
    return BigInt(call({ op: 'balance', address, block: block.number }) as string);
  },
  getCode(address: Hex, block: BlockData) {
    return call({ op: 'code', address, block: block.number }) as Hex;
  },
};

const runtime = new MappingRuntime({
  subgraph: loadSubgraph(init.buildDir),
  store,
  chain,
  cacheSize: init.cacheSize,
  log: (level, dataSource, message) =>
    port.postMessage({ type: 'log', level, dataSource, message } satisfies FromWorker),
});
runtime.resetDynamic(init.dataSources);

function run(triggers: TriggerSpec[]): void {
  try {
    const created = runtime.runTriggers(triggers);
    if (created.length > 0) {
      port.postMessage({ type: 'created', created } satisfies FromWorker);
      return;
    }
    const mods = runtime
      .finishBlock()
      .map((m): WireModification =>
        m.op === 'remove' ? m : { op: m.op, type: m.type, id: m.id, entity: entityToWire(m.entity) },
      );
    port.postMessage({ type: 'done', mods } satisfies FromWorker);
  } catch (e) {
    runtime.abortBlock();
    const he = e instanceof HandlerError ? e : null;
    port.postMessage({
      type: 'error',
      message: (e as Error).message,
      deterministic: he ? he.deterministic : false,
      handler: he?.handler ?? null,
      dataSource: he?.dataSource ?? null,
    } satisfies FromWorker);
  }
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'begin':
      runtime.beginBlock(msg.block);
      run(msg.triggers);
      break;
    case 'more':
      run(msg.triggers);
      break;
    case 'reset':
      runtime.resetDynamic(msg.dataSources);
      break;
  }
});

port.postMessage({ type: 'ready', unimplemented: [...runtime.unimplementedImports] } satisfies FromWorker);
