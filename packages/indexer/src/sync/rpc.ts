// A minimal Ethereum JSON-RPC client: batched requests over fetch, retries with exponential
// backoff for transport failures and server errors, and a distinct error for JSON-RPC errors the
// caller must interpret (reverts, "too many results").
import type { Hex } from 'viem';
import type { BlockData, LogData, ReceiptData, TxData } from '../runtime/types.js';

/** A JSON-RPC error response (not retried by the transport). */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    message: string,
    readonly code: number,
    readonly data: unknown,
  ) {
    super(message);
  }
}

/** Thrown when the client was stopped while waiting. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
}

/** Retry and timeout options of {@link RpcClient}. */
export interface RpcOptions {
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** Retries before giving up (Infinity: until stopped). */
  retries?: number;
  /** First backoff delay (ms); doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Called before each retry. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

type Request = { method: string; params: unknown[] };

/** Sleeps `ms`, rejecting with {@link StoppedError} if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError('stopped'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new StoppedError('stopped'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** JSON-RPC over HTTP with batching and retries. */
export class RpcClient {
  private id = 1;
  /** Requests sent (for the benchmark and progress output). */
  requests = 0;

  constructor(
    readonly url: string,
    private readonly opts: RpcOptions = {},
  ) {}

  /** One request. JSON-RPC errors throw {@link RpcError}. */
  async request<T>(method: string, params: unknown[]): Promise<T> {
    const [r] = await this.batch<T>([{ method, params }]);
    return r!;
  }

  /** Several requests in one HTTP call; results in order. Any JSON-RPC error throws. */
  async batch<T>(reqs: Request[]): Promise<T[]> {
    const results = await this.batchSettled<T>(reqs);
    return results.map((r) => {
      if (r instanceof RpcError) throw r;
      return r;
    });
  }

  /** Like {@link batch}, but JSON-RPC errors are returned in place of results. */
  async batchSettled<T>(reqs: Request[]): Promise<(T | RpcError)[]> {
    if (reqs.length === 0) return [];
    const { retries = Infinity, backoffMs = 250, maxBackoffMs = 30_000, timeoutMs = 30_000 } = this.opts;
    let attempt = 0;
    for (;;) {
      try {
        return await this.send<T>(reqs, timeoutMs);
      } catch (e) {
        if (e instanceof RpcError && !isTransient(e)) throw e;
        if (this.opts.signal?.aborted) throw new StoppedError('stopped');
        attempt++;
        if (attempt > retries) throw e;
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
        this.opts.onRetry?.(e as Error, attempt, delay);
        await sleep(delay, this.opts.signal);
      }
    }
  }

  private async send<T>(reqs: Request[], timeoutMs: number): Promise<(T | RpcError)[]> {
    const body = reqs.map((r) => ({ jsonrpc: '2.0', id: this.id++, method: r.method, params: r.params }));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([timeout, this.opts.signal]) : timeout;
    this.requests += reqs.length;
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body.length === 1 ? body[0] : body),
      signal,
    });
    if (res.status === 429 || res.status >= 500) throw new Error(`HTTP ${res.status} from ${this.url}`);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`invalid JSON-RPC response (HTTP ${res.status}): ${text.slice(0, 200)}`);
    }
    const arr = (Array.isArray(json) ? json : [json]) as {
      id: number;
      result?: T;
      error?: { code: number; message: string; data?: unknown };
    }[];
    const byId = new Map(arr.map((r) => [r.id, r]));
    return body.map((b) => {
      const r = byId.get(b.id);
      if (!r) throw new Error(`missing JSON-RPC response for ${b.method}`);
      if (r.error) return new RpcError(r.error.message, r.error.code, r.error.data);
      return r.result as T;
    });
  }
}

/** Errors worth retrying: rate limits and server-side trouble. */
function isTransient(e: RpcError): boolean {
  return (
    e.code === -32005 || e.code === -32603 || e.code === 429 || /rate limit|timeout|temporar/i.test(e.message)
  );
}

// --- typed chain access -----------------------------------------------------------------------

interface RpcBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  gasUsed: Hex;
  gasLimit: Hex;
  timestamp: Hex;
  difficulty?: Hex;
  totalDifficulty?: Hex;
  size?: Hex;
  baseFeePerGas?: Hex;
  transactions: (RpcTx | Hex)[];
}

interface RpcTx {
  hash: Hex;
  transactionIndex: Hex;
  from: Hex;
  to: Hex | null;
  value: Hex;
  gas: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  input: Hex;
  nonce: Hex;
}

interface RpcLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed?: boolean;
}

interface RpcReceipt {
  transactionHash: Hex;
  transactionIndex: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  cumulativeGasUsed: Hex;
  gasUsed: Hex;
  contractAddress: Hex | null;
  logs: RpcLog[];
  status?: Hex;
  root?: Hex;
  logsBloom: Hex;
}

const big = (h: Hex | undefined): bigint => (h ? BigInt(h) : 0n);
const lower = (h: Hex): Hex => h.toLowerCase() as Hex;

/** A block with its transactions. */
export interface FullBlock {
  block: BlockData;
  txs: Map<Hex, TxData>;
}

function parseBlock(b: RpcBlock): FullBlock {
  const baseFee = b.baseFeePerGas ? BigInt(b.baseFeePerGas) : null;
  const block: BlockData = {
    number: Number(b.number),
    hash: lower(b.hash),
    parentHash: lower(b.parentHash),
    unclesHash: lower(b.sha3Uncles),
    author: lower(b.miner),
    stateRoot: lower(b.stateRoot),
    transactionsRoot: lower(b.transactionsRoot),
    receiptsRoot: lower(b.receiptsRoot),
    gasUsed: big(b.gasUsed),
    gasLimit: big(b.gasLimit),
    timestamp: big(b.timestamp),
    difficulty: big(b.difficulty),
    totalDifficulty: big(b.totalDifficulty),
    size: b.size ? BigInt(b.size) : null,
    baseFeePerGas: baseFee,
  };
  const txs = new Map<Hex, TxData>();
  for (const t of b.transactions) {
    if (typeof t === 'string') continue;
    // graph-node uses the effective gas price of EIP-1559 transactions
    let gasPrice = big(t.gasPrice);
    if (t.maxFeePerGas && baseFee !== null) {
      const tip = big(t.maxPriorityFeePerGas);
      const max = BigInt(t.maxFeePerGas);
      gasPrice = baseFee + tip < max ? baseFee + tip : max;
    }
    txs.set(lower(t.hash), {
      hash: lower(t.hash),
      index: big(t.transactionIndex),
      from: lower(t.from),
      to: t.to ? lower(t.to) : null,
      value: big(t.value),
      gasLimit: big(t.gas),
      gasPrice,
      input: t.input,
      nonce: big(t.nonce),
    });
  }
  return { block, txs };
}

function parseLog(l: RpcLog): LogData {
  return {
    address: lower(l.address),
    topics: l.topics.map(lower),
    data: l.data,
    blockNumber: Number(l.blockNumber),
    blockHash: lower(l.blockHash),
    transactionHash: lower(l.transactionHash),
    transactionIndex: Number(l.transactionIndex),
    logIndex: Number(l.logIndex),
    removed: l.removed ?? false,
  };
}

/** A `eth_getLogs` filter. */
export interface LogFilter {
  fromBlock: number;
  toBlock: number;
  address?: Hex[];
  /** topics[0] alternatives. */
  topic0: Hex[];
}

/** Typed Ethereum calls on top of {@link RpcClient}. */
export class Chain {
  constructor(readonly rpc: RpcClient) {}

  async blockNumber(): Promise<number> {
    return Number(await this.rpc.request<Hex>('eth_blockNumber', []));
  }

  async chainId(): Promise<number> {
    return Number(await this.rpc.request<Hex>('eth_chainId', []));
  }

  /** Blocks by number with full transactions; null entries for blocks the node does not have. */
  async blocks(numbers: number[], fullTx = true): Promise<(FullBlock | null)[]> {
    const out: (FullBlock | null)[] = [];
    for (let i = 0; i < numbers.length; i += 100) {
      const chunk = numbers.slice(i, i + 100);
      const res = await this.rpc.batch<RpcBlock | null>(
        chunk.map((n) => ({ method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, fullTx] })),
      );
      out.push(...res.map((b) => (b ? parseBlock(b) : null)));
    }
    return out;
  }

  async blockByHash(hash: Hex, fullTx = true): Promise<FullBlock | null> {
    const b = await this.rpc.request<RpcBlock | null>('eth_getBlockByHash', [hash, fullTx]);
    return b ? parseBlock(b) : null;
  }

  /** Logs matching the filter; splits the range when the node reports too many results. */
  async logs(f: LogFilter): Promise<LogData[]> {
    const params: Record<string, unknown> = {
      fromBlock: `0x${f.fromBlock.toString(16)}`,
      toBlock: `0x${f.toBlock.toString(16)}`,
      topics: [f.topic0],
    };
    if (f.address) params.address = f.address;
    try {
      const logs = await this.rpc.request<RpcLog[]>('eth_getLogs', [params]);
      return logs.map(parseLog);
    } catch (e) {
      if (e instanceof RpcError && f.toBlock > f.fromBlock) {
        const mid = Math.floor((f.fromBlock + f.toBlock) / 2);
        const a = await this.logs({ ...f, toBlock: mid });
        const b = await this.logs({ ...f, fromBlock: mid + 1 });
        return [...a, ...b];
      }
      throw e;
    }
  }

  /** Logs of one block by hash (EIP-234), for data sources created in that block. */
  async logsAtBlock(blockHash: Hex, address: Hex[] | undefined, topic0: Hex[]): Promise<LogData[]> {
    const params: Record<string, unknown> = { blockHash, topics: [topic0] };
    if (address) params.address = address;
    const logs = await this.rpc.request<RpcLog[]>('eth_getLogs', [params]);
    return logs.map(parseLog);
  }

  /** Receipts of a block's transactions. */
  async receipts(txHashes: Hex[]): Promise<Map<Hex, ReceiptData>> {
    const res = await this.rpc.batch<RpcReceipt>(
      txHashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
    );
    const out = new Map<Hex, ReceiptData>();
    for (const r of res) {
      out.set(lower(r.transactionHash), {
        transactionHash: lower(r.transactionHash),
        transactionIndex: big(r.transactionIndex),
        blockHash: lower(r.blockHash),
        blockNumber: big(r.blockNumber),
        cumulativeGasUsed: big(r.cumulativeGasUsed),
        gasUsed: big(r.gasUsed),
        contractAddress: r.contractAddress ? lower(r.contractAddress) : null,
        logs: r.logs.map(parseLog),
        status: r.status === undefined ? null : BigInt(r.status),
        root: r.root ? lower(r.root) : null,
        logsBloom: r.logsBloom,
      });
    }
    return out;
  }

  /** eth_call at a block; reverts (graph-node's list of revert messages) come back as `ok: false`. */
  async call(
    to: Hex,
    data: Hex,
    blockNumber: number,
  ): Promise<{ ok: true; data: Hex } | { ok: false; reason: string }> {
    try {
      const res = await this.rpc.request<Hex>('eth_call', [
        { to, data, gas: '0x2faf080' },
        `0x${blockNumber.toString(16)}`,
      ]);
      return { ok: true, data: res };
    } catch (e) {
      if (e instanceof RpcError && isRevert(e)) return { ok: false, reason: e.message };
      throw e;
    }
  }

  async balance(address: Hex, blockNumber: number): Promise<bigint> {
    return BigInt(await this.rpc.request<Hex>('eth_getBalance', [address, `0x${blockNumber.toString(16)}`]));
  }

  async code(address: Hex, blockNumber: number): Promise<Hex> {
    return this.rpc.request<Hex>('eth_getCode', [address, `0x${blockNumber.toString(16)}`]);
  }
}

/** graph-node's deterministic eth_call error messages (chain/ethereum/src/call_helper.rs). */
const REVERT_MESSAGES = [
  'revert',
  'invalid jump destination',
  'invalid opcode',
  'stack limit reached 1024',
  'out of gas',
  'stack underflow',
  'vm execution error',
  'invalidjump',
  'notactivated',
  'invalidfeopcode',
  'stackunderflow',
  'stackoverflow',
  'opcodenotfound',
];

/** Whether an eth_call error is a revert (deterministic) rather than a node failure. */
export function isRevert(e: RpcError): boolean {
  const m = e.message.toLowerCase();
  if (REVERT_MESSAGES.some((r) => m.includes(r))) return true;
  if (e.code === -32015 && typeof e.data === 'string') {
    const d = e.data;
    return (
      d.toLowerCase().startsWith('revert') ||
      d.startsWith('Bad jump') ||
      d.startsWith('Out of stack') ||
      d === 'Bad instruction fe' ||
      d === 'Bad instruction fd' ||
      d === 'Out of gas'
    );
  }
  return false;
}
