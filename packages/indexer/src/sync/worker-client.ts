// The main thread's handle on the mapping worker.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Modification } from '../runtime/entity-cache.js';
import type { BlockData, CreatedDataSource, TriggerSpec } from '../runtime/types.js';
import { entityFromWire } from '../values.js';
import { serveBridge, type BridgeRequest } from './bridge.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

/** A failed block: deterministic failures stop the subgraph; others are retried. */
export class BlockError extends Error {
  override readonly name = 'BlockError';
  constructor(
    message: string,
    readonly deterministic: boolean,
    readonly handler: string | null,
    readonly dataSource: string | null,
  ) {
    super(message);
  }
}

/**
 * Resolves the worker entry point: the compiled JS next to this module, or, when running from the
 * TypeScript sources (tests, tsx), a bootstrap that registers tsx's loader in the worker first.
 */
function workerEntry(): URL {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const ts = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(ts)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

/** Options of {@link MappingWorker.start}. */
export interface MappingWorkerOptions {
  buildDir: string;
  dataSources: CreatedDataSource[];
  cacheSize?: number;
  serve: (req: BridgeRequest) => Promise<unknown>;
  onLog?: (level: string, dataSource: string, message: string) => void;
}

/** Runs blocks through the mapping worker. */
export class MappingWorker {
  private waiting: ((msg: FromWorker) => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly unimplemented: string[],
    private readonly onLog?: MappingWorkerOptions['onLog'],
  ) {}

  static async start(opts: MappingWorkerOptions): Promise<MappingWorker> {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(4);
    serveBridge(port1, shared, opts.serve);
    const init: WorkerInit = {
      buildDir: opts.buildDir,
      port: port2,
      shared,
      dataSources: opts.dataSources,
      cacheSize: opts.cacheSize ?? 100_000,
    };
    const worker = new Worker(workerEntry(), { workerData: init, transferList: [port2] });
    port1.unref();
    const unimplemented = await new Promise<string[]>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') {
          worker.off('error', reject);
          worker.off('message', onMessage);
          resolve(m.unimplemented);
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    const mw = new MappingWorker(worker, unimplemented, opts.onLog);
    worker.on('message', (m: FromWorker) => mw.onMessage(m));
    worker.on('error', (e) => mw.fail(e));
    worker.on('exit', (code) => mw.fail(new Error(`mapping worker exited with code ${code}`)));
    return mw;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'log') {
      this.onLog?.(m.level, m.dataSource, m.message);
      return;
    }
    const w = this.waiting;
    this.waiting = null;
    w?.(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.({ type: 'error', message: e.message, deterministic: false, handler: null, dataSource: null });
  }

  private send(msg: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.worker.postMessage(msg);
    });
  }

  /**
   * Runs a block's triggers. When handlers create data sources, `more` is asked for the new data
   * sources' triggers in this block, which run before the block ends (graph-node's reprocessing).
   */
  async runBlock(
    block: BlockData,
    triggers: TriggerSpec[],
    more: (created: CreatedDataSource[]) => Promise<TriggerSpec[]>,
  ): Promise<{ mods: Modification[]; created: CreatedDataSource[] }> {
    const created: CreatedDataSource[] = [];
    let reply = await this.send({ type: 'begin', block, triggers });
    for (;;) {
      if (reply.type === 'error')
        throw new BlockError(reply.message, reply.deterministic, reply.handler, reply.dataSource);
      if (reply.type === 'created') {
        created.push(...reply.created);
        const next = await more(reply.created);
        reply = await this.send({ type: 'more', triggers: next });
        continue;
      }
      if (reply.type === 'done') {
        const mods = reply.mods.map((m): Modification =>
          m.op === 'remove' ? m : { op: m.op, type: m.type, id: m.id, entity: entityFromWire(m.entity) },
        );
        return { mods, created };
      }
      throw new Error(`unexpected worker message ${reply.type}`);
    }
  }

  /** Replaces the worker's dynamic data sources and clears its entity cache. */
  reset(dataSources: CreatedDataSource[]): void {
    this.worker.postMessage({ type: 'reset', dataSources } satisfies ToWorker);
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('mapping worker stopped');
    await this.worker.terminate();
  }
}
