// The indexer: follows the chain, runs the mappings in the worker, commits blocks to the store,
// detects reorgs by parent hash and rolls back, retries RPC failures, reports progress, and serves
// GraphQL. `startIndexer` is the programmatic API; cli.ts wraps it.
import { resolve } from 'node:path';
import type { ExecutionResult } from 'graphql';
import type { Hex } from 'viem';
import { DEFAULT_LIMITS, GraphQLApi, type QueryLimits } from './graphql/executor.js';
import { startGraphQLServer, type GraphQLServer } from './graphql/server.js';
import { buildDirOf, loadSubgraph, type Subgraph } from './manifest.js';
import type { BlockData, CreatedDataSource, LogData, ReceiptData, TxData } from './runtime/types.js';
import { openDatabase, type Db } from './store/db.js';
import { ImmutableEntityError, Store, type BlockPtr, type FatalError } from './store/store.js';
import { entityToWire } from './values.js';
import type { BridgeRequest } from './sync/bridge.js';
import { Chain, RpcClient, StoppedError, sleep, type FullBlock } from './sync/rpc.js';
import {
  blockTriggers,
  dataSourceInfos,
  hasEveryBlockHandler,
  logFilter,
  needsBlock,
  wantsReceipts,
  type DsInfo,
} from './sync/triggers.js';
import { BlockError, MappingWorker } from './sync/worker-client.js';

/** Where log lines go. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/** Options of {@link startIndexer}. */
export interface IndexerOptions {
  /** The graph-cli build directory (containing subgraph.yaml), or the subgraph.yaml path. */
  subgraph: string;
  /** Ethereum JSON-RPC endpoint. */
  rpcUrl: string;
  /** GraphQL port (default 8000; 0 picks a free port). */
  graphqlPort?: number;
  /** GraphQL bind address (default 127.0.0.1). */
  graphqlHost?: string;
  /** Serve GraphQL at all (default true). */
  graphql?: boolean;
  /** PGlite data directory (default `.plaza/indexer`, relative to the working directory); `:memory:` keeps it in memory. */
  databaseDir?: string;
  /** An open database to use instead (the caller closes it; several indexers may share one with namespaces). */
  database?: Db;
  /** PostgreSQL connection URL; defaults to `$DATABASE_URL`. When set, PGlite is not used. */
  databaseUrl?: string;
  /** How often to poll the chain head when caught up (ms, default 1000). */
  pollIntervalMs?: number;
  /** Start block override used when the store is empty (default: the manifest's lowest start block). */
  startBlock?: number;
  /** Blocks per eth_getLogs request while catching up (default 2000). */
  blockRange?: number;
  /**
   * Blocks behind the head within which every block header is fetched and parent hashes are
   * checked for reorgs (default 250, graph-node's reorg threshold).
   */
  reorgThreshold?: number;
  /** Commit at least every this many processed blocks while catching up (default 500). */
  commitEveryBlocks?: number;
  /** GraphQL limits (graph-node's defaults). */
  limits?: Partial<QueryLimits>;
  /** Log output; defaults to the console, `false` for silence. */
  logger?: Logger | false;
  /** Progress line interval while catching up (ms, default 5000). */
  progressIntervalMs?: number;
  /** Separates indexers of the same subgraph in one database (tests). */
  namespace?: string;
  /** A PGlite `dumpDataDir()` tarball to initialise a new data directory from (tests). */
  pgliteTemplate?: Blob;
}

/** Indexing state. */
export interface IndexerStatus {
  deployment: string;
  /** Latest committed block. */
  latest: BlockPtr | null;
  chainHead: number | null;
  fatalError: FatalError | null;
  synced: boolean;
}

/** A running indexer. */
export interface Indexer {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:8000/graphql` (null when GraphQL is off). */
  readonly graphqlUrl: string | null;
  /** The deployment id (content hash of the build). */
  readonly deployment: string;
  /** Resolves once the store is open and GraphQL is listening. */
  ready(): Promise<void>;
  /**
   * Resolves when blocks up to `blockNumber` (default: the chain head at call time) are committed;
   * rejects if indexing stops with an error first.
   */
  synced(blockNumber?: number): Promise<BlockPtr>;
  /** Runs a GraphQL query in-process. */
  query(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  status(): IndexerStatus;
  /** Stops syncing, the worker, the server and the database; leaves nothing running. */
  stop(): Promise<void>;
  /** The entity store (tests, tooling). */
  readonly store: Store;
}

const consoleLogger: Logger = {
  info: (m) => console.log(`[indexer] ${m}`),
  warn: (m) => console.warn(`[indexer] ${m}`),
  error: (m) => console.error(`[indexer] ${m}`),
};

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

interface Waiter {
  block: number;
  resolve: (p: BlockPtr) => void;
  reject: (e: Error) => void;
}

class IndexerImpl implements Indexer {
  graphqlUrl: string | null = null;
  readonly deployment: string;
  private readonly abort = new AbortController();
  private readonly log: Logger;
  private server: GraphQLServer | null = null;
  private worker!: MappingWorker;
  private loop: Promise<void> | null = null;
  private waiters: Waiter[] = [];
  private chainHead: number | null = null;
  private stopped = false;
  private lastFlush = Date.now();
  private readonly chain: Chain;
  private readonly api: GraphQLApi;
  // progress
  private progress = { at: Date.now(), blocks: 0, events: 0, block: 0 };
  private totals = { blocks: 0, events: 0 };
  private wasSynced = false;

  constructor(
    private readonly opts: IndexerOptions,
    readonly subgraph: Subgraph,
    private readonly db: Db,
    readonly store: Store,
    private readonly ownsDb: boolean,
  ) {
    this.deployment = subgraph.deployment;
    this.log = opts.logger === false ? silent : (opts.logger ?? consoleLogger);
    const rpc = new RpcClient(opts.rpcUrl, {
      signal: this.abort.signal,
      onRetry: (e, attempt, delay) =>
        this.log.warn(`RPC error (${e.message}); retry ${attempt} in ${(delay / 1000).toFixed(1)}s`),
    });
    this.chain = new Chain(rpc);
    this.api = new GraphQLApi(store, { ...DEFAULT_LIMITS, ...opts.limits });
    store.onCommit = () => this.notify();
  }

  async start(): Promise<void> {
    this.worker = await MappingWorker.start({
      buildDir: this.subgraph.dir,
      dataSources: this.store.dataSources,
      serve: (req) => this.serve(req),
      onLog: (level, ds, message) => {
        const line = `[${ds}] ${message}`;
        if (level === 'ERROR' || level === 'CRITICAL') this.log.error(line);
        else if (level === 'WARNING') this.log.warn(line);
        else if (level === 'INFO') this.log.info(line);
        else this.log.debug?.(line);
      },
    });
    if (this.worker.unimplemented.length > 0) {
      this.log.warn(
        `host functions not implemented (calls fail deterministically): ${this.worker.unimplemented.join(', ')}`,
      );
    }
    if (this.opts.graphql !== false) {
      this.server = await startGraphQLServer(
        this.api,
        this.opts.graphqlPort ?? 8000,
        this.opts.graphqlHost ?? '127.0.0.1',
      );
      this.graphqlUrl = this.server.url;
    }
    const where = this.store.latest
      ? `resuming after block ${this.store.latest.number}`
      : `starting at block ${this.startBlock()}`;
    this.log.info(
      `subgraph ${this.deployment} (${this.db.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}), ${where}` +
        (this.graphqlUrl ? `; GraphQL at ${this.graphqlUrl}` : ''),
    );
    if (this.store.fatalError) {
      this.log.error(
        `indexing stopped at block ${this.store.fatalError.block}: ${this.store.fatalError.message}`,
      );
      return;
    }
    this.loop = this.run();
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  status(): IndexerStatus {
    return {
      deployment: this.deployment,
      latest: this.store.latest,
      chainHead: this.chainHead,
      fatalError: this.store.fatalError,
      synced: this.wasSynced,
    };
  }

  query(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
    return this.api.execute(query, variables ?? null, null);
  }

  async synced(blockNumber?: number): Promise<BlockPtr> {
    const target = blockNumber ?? (await this.chain.blockNumber());
    const latest = this.store.latest;
    if (latest && latest.number >= target) return latest;
    if (this.store.fatalError) throw new Error(`indexing failed: ${this.store.fatalError.message}`);
    if (this.stopped) throw new Error('indexer stopped');
    return new Promise((resolve, reject) => this.waiters.push({ block: target, resolve, reject }));
  }

  private notify(): void {
    const latest = this.store.latest;
    if (!latest) return;
    this.waiters = this.waiters.filter((w) => {
      if (latest.number >= w.block) {
        w.resolve(latest);
        return false;
      }
      return true;
    });
  }

  private rejectWaiters(e: Error): void {
    for (const w of this.waiters) w.reject(e);
    this.waiters = [];
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    this.rejectWaiters(new Error('indexer stopped'));
    await this.worker?.terminate().catch(() => undefined);
    await this.server?.close();
    try {
      await this.store.flush();
    } catch (e) {
      this.log.warn(`could not commit the last blocks on stop: ${(e as Error).message}`);
    }
    if (this.ownsDb) await this.db.close();
  }

  private startBlock(): number {
    return this.opts.startBlock ?? this.subgraph.startBlock;
  }

  private dataSources(): DsInfo[] {
    return dataSourceInfos(this.subgraph, this.store.dataSources);
  }

  /** Answers the worker's synchronous store and chain reads. */
  private async serve(req: BridgeRequest): Promise<unknown> {
    switch (req.op) {
      case 'get': {
        const e = await this.store.get(req.type, req.id);
        return e ? entityToWire(e) : null;
      }
      case 'getMany':
        return [...(await this.store.getMany(req.type, req.ids))].map(([id, e]) => [id, entityToWire(e)]);
      case 'getDerived':
        return [...(await this.store.getDerived(req.type, req.field, req.id))].map(([id, e]) => [
          id,
          entityToWire(e),
        ]);
      case 'call':
        return this.chain.call(req.to as Hex, req.data as Hex, req.block);
      case 'balance':
        return (await this.chain.balance(req.address as Hex, req.block)).toString();
      case 'code':
        return this.chain.code(req.address as Hex, req.block);
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    try {
      await this.checkHead();
    } catch (e) {
      if (!(e instanceof StoppedError))
        this.log.warn(`could not verify the stored head: ${(e as Error).message}`);
    }
    while (!this.stopped) {
      try {
        await this.step();
        failures = 0;
      } catch (e) {
        if (e instanceof StoppedError || this.stopped) break;
        if (e instanceof BlockError && e.deterministic) {
          const block = (this.store.head?.number ?? this.startBlock() - 1) + 1;
          const err: FatalError = { message: e.message, block, handler: e.handler };
          try {
            await this.store.setFatalError(err);
          } catch (e2) {
            this.log.error(`could not record the error: ${(e2 as Error).message}`);
          }
          this.log.error(
            `indexing stopped: handler ${e.handler ?? '?'} of data source ${e.dataSource ?? '?'} failed at block ${block}: ${e.message}`,
          );
          this.notify();
          this.rejectWaiters(new Error(`indexing failed at block ${block}: ${e.message}`));
          return;
        }
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        this.log.warn(`${(e as Error).message}; retrying in ${(delay / 1000).toFixed(1)}s`);
        this.worker.reset(this.store.dataSources);
        try {
          await sleep(delay, this.abort.signal);
        } catch {
          break;
        }
      }
    }
  }

  /** Reverts to the common ancestor if our head is no longer on the chain. */
  private async checkHead(): Promise<boolean> {
    const head = this.store.head;
    if (!head) return false;
    const [onChain] = await this.chain.blocks([head.number], false);
    if (onChain && onChain.block.hash === head.hash) return false;
    await this.handleReorg();
    return true;
  }

  private async handleReorg(): Promise<void> {
    const head = this.store.head!;
    let ancestor: number | null = null;
    let below = head.number;
    search: for (;;) {
      const ours = await this.store.blocksBelow(below, 100);
      if (ours.length === 0) break;
      const theirs = await this.chain.blocks(
        ours.map((b) => b.number),
        false,
      );
      for (let i = 0; i < ours.length; i++) {
        if (theirs[i] && theirs[i]!.block.hash === ours[i]!.hash) {
          ancestor = ours[i]!.number;
          break search;
        }
      }
      below = ours[ours.length - 1]!.number - 1;
    }
    const target = ancestor !== null && ancestor >= this.startBlock() ? ancestor : null;
    this.log.warn(
      `reorg detected at block ${head.number}: reverting to ${target === null ? 'the start' : `block ${target}`}`,
    );
    await this.store.revertTo(target);
    this.worker.reset(this.store.dataSources);
  }

  private dummyTx(log: LogData): TxData {
    return {
      hash: log.transactionHash,
      index: BigInt(log.transactionIndex),
      from: '0x0000000000000000000000000000000000000000',
      to: null,
      value: 0n,
      gasLimit: 0n,
      gasPrice: 0n,
      input: '0x',
      nonce: 0n,
    };
  }

  private ptr(b: BlockData): BlockPtr {
    return { number: b.number, hash: b.hash, parentHash: b.parentHash, timestamp: b.timestamp };
  }

  /**
   * Commits buffered blocks: in the background while catching up (indexing goes on during the
   * transaction), and waiting for it near the head so queries see new blocks at once.
   */
  private async maybeFlush(force: boolean): Promise<void> {
    if (force) {
      await this.store.flush();
      this.lastFlush = Date.now();
      return;
    }
    const due =
      this.store.pendingBlocks >= (this.opts.commitEveryBlocks ?? 500) ||
      this.store.pendingModifications >= 20_000 ||
      Date.now() - this.lastFlush > 2_000;
    if (!due || this.store.pendingBlocks === 0) return;
    this.store.commitInBackground();
    this.lastFlush = Date.now();
  }

  private reportProgress(current: number, force = false): void {
    const now = Date.now();
    const interval = this.opts.progressIntervalMs ?? 5000;
    const elapsed = now - this.progress.at;
    if (!force && elapsed < interval) return;
    const secs = Math.max(elapsed / 1000, 0.001);
    const bps = (current - this.progress.block) / secs;
    const eps = this.progress.events / secs;
    const distance = this.chainHead === null ? '?' : String(Math.max(0, this.chainHead - current));
    this.log.info(
      `block ${current}/${this.chainHead ?? '?'} · ${bps.toFixed(1)} blocks/s · ${eps.toFixed(0)} events/s · head distance ${distance}`,
    );
    this.progress = { at: now, blocks: 0, events: 0, block: current };
  }

  /** One sync step: a range of blocks, or a poll when caught up. */
  private async step(): Promise<void> {
    const chainHead = await this.chain.blockNumber();
    this.chainHead = chainHead;
    const head = this.store.head;
    const next = head ? head.number + 1 : this.startBlock();
    if (next > chainHead) {
      if (await this.checkHead()) return;
      await this.maybeFlush(true);
      if (!this.wasSynced && this.store.latest) {
        this.wasSynced = true;
        this.reportProgress(this.store.latest.number, true);
        this.log.info(`synced to block ${this.store.latest.number}`);
      }
      await sleep(this.opts.pollIntervalMs ?? 1000, this.abort.signal);
      return;
    }
    if (this.progress.block === 0) this.progress.block = next - 1;
    const threshold = this.opts.reorgThreshold ?? 250;
    const nearHead = chainHead - next <= threshold;
    const everyBlock = hasEveryBlockHandler(this.dataSources());
    const to = Math.min(chainHead, next + (nearHead ? 100 : (this.opts.blockRange ?? 2000)) - 1);
    let headers: Map<number, BlockData> | null = null;
    if (nearHead) {
      const numbers = Array.from({ length: to - next + 1 }, (_, i) => next + i);
      const hdrs = await this.chain.blocks(numbers, false);
      if (hdrs.some((h) => h === null)) return; // the chain moved under us; retry
      headers = new Map(hdrs.map((h) => [h!.block.number, h!.block]));
      const first = headers.get(next)!;
      if (head && first.parentHash !== head.hash) {
        await this.handleReorg();
        return;
      }
      for (let n = next + 1; n <= to; n++) {
        if (headers.get(n)!.parentHash !== headers.get(n - 1)!.hash) return; // inconsistent view; retry
      }
    }
    const dss = this.dataSources();
    const filter = logFilter(dss, next, to);
    const logs = filter ? await this.chain.logs({ fromBlock: next, toBlock: to, ...filter }) : [];
    const byBlock = new Map<number, LogData[]>();
    for (const l of logs) {
      if (l.removed) continue;
      if (headers && headers.get(l.blockNumber)?.hash !== l.blockHash) return; // reorg in progress; retry
      (byBlock.get(l.blockNumber) ?? byBlock.set(l.blockNumber, []).get(l.blockNumber)!).push(l);
    }
    const work: number[] = [];
    for (let n = next; n <= to; n++) if (byBlock.has(n) || everyBlock || needsBlock(dss, n)) work.push(n);
    const receiptsWanted = wantsReceipts(dss);
    let i = 0;
    let stoppedEarlyAt: number | null = null;
    const prefetch = async (from: number): Promise<(FullBlock | null)[]> =>
      this.chain.blocks(work.slice(from, from + 20), true);
    let chunk = work.length > 0 ? await prefetch(0) : [];
    let chunkStart = 0;
    for (let n = next; n <= to && stoppedEarlyAt === null; n++) {
      if (this.stopped) throw new StoppedError('stopped');
      if (work[i] !== n) {
        if (headers) await this.store.addBlock(this.ptr(headers.get(n)!), [], []);
        continue;
      }
      if (i - chunkStart >= chunk.length) {
        chunkStart = i;
        chunk = await prefetch(i);
      }
      const full = chunk[i - chunkStart];
      i++;
      const blockLogs = byBlock.get(n) ?? [];
      if (!full || blockLogs.some((l) => l.blockHash !== full.block.hash)) return; // reorg in progress; retry
      if (headers && headers.get(n)!.hash !== full.block.hash) return;
      const receipts =
        receiptsWanted && blockLogs.length > 0
          ? await this.chain.receipts([...new Set(blockLogs.map((l) => l.transactionHash))])
          : null;
      const triggers = blockTriggers(n, blockLogs, dss, full.txs, receipts, (l) => this.dummyTx(l));
      const createdSoFar: CreatedDataSource[] = [];
      const { mods, created } = await this.worker.runBlock(full.block, triggers, async (newDs) => {
        const all = dataSourceInfos(this.subgraph, [...this.store.dataSources, ...createdSoFar, ...newDs]);
        const fresh = all.slice(all.length - newDs.length);
        createdSoFar.push(...newDs);
        const f = logFilter(fresh, n, n);
        const newLogs = f ? await this.chain.logsAtBlock(full.block.hash, f.address, f.topic0) : [];
        let newReceipts: Map<Hex, ReceiptData> | null = null;
        if (wantsReceipts(fresh) && newLogs.length > 0) {
          newReceipts = await this.chain.receipts([...new Set(newLogs.map((l) => l.transactionHash))]);
        }
        return blockTriggers(n, newLogs, fresh, full.txs, newReceipts, (l) => this.dummyTx(l));
      });
      try {
        await this.store.addBlock(this.ptr(full.block), mods, created);
      } catch (e) {
        if (e instanceof ImmutableEntityError) throw new BlockError(e.message, true, null, null);
        throw e;
      }
      const events = triggers.filter((t) => t.kind === 'event').length;
      this.progress.events += events;
      this.totals.events += events;
      this.totals.blocks++;
      if (created.length > 0) {
        this.log.info(
          `block ${n}: created ${created.length} data source(s) from template(s) ${[...new Set(created.map((c) => c.template))].join(', ')}`,
        );
        stoppedEarlyAt = n; // the rest of the range needs logs of the new data sources too
      }
      this.reportProgress(n);
      await this.maybeFlush(false);
    }
    if (stoppedEarlyAt === null && (this.store.head?.number ?? -1) < to) {
      const ptr = headers?.get(to) ?? (await this.chain.blocks([to], false))[0]?.block;
      if (!ptr) return;
      await this.store.addBlock(this.ptr(ptr), [], []);
    }
    this.reportProgress(this.store.head!.number);
    await this.maybeFlush(nearHead);
  }
}

/**
 * Starts an indexer for a graph-cli build directory: opens (or creates) the store, starts the
 * mapping worker and the GraphQL server, and begins syncing in the background.
 */
export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  const subgraph = loadSubgraph(buildDirOf(resolve(options.subgraph)));
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const dir = options.databaseDir ?? '.plaza/indexer';
  const db =
    options.database ??
    (await openDatabase(
      url
        ? { kind: 'postgres', url }
        : {
            kind: 'pglite',
            ...(dir === ':memory:' ? {} : { dir: resolve(dir) }),
            ...(options.pgliteTemplate ? { template: options.pgliteTemplate } : {}),
          },
    ));
  const ownsDb = options.database === undefined;
  let store: Store;
  try {
    store = await Store.open(db, subgraph, options.namespace ? { namespace: options.namespace } : {});
  } catch (e) {
    if (ownsDb) await db.close();
    throw e;
  }
  const indexer = new IndexerImpl(options, subgraph, db, store, ownsDb);
  try {
    await indexer.start();
  } catch (e) {
    await indexer.stop().catch(() => undefined);
    throw e;
  }
  return indexer;
}

export type { CreatedDataSource };
