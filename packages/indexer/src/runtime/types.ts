// Chain data passed to handlers, in plain structured-clone friendly form.
import type { Hex } from 'viem';
import type { WireEntity } from '../values.js';

/** A block as mappings see it (`ethereum.Block`). */
export interface BlockData {
  number: number;
  hash: Hex;
  parentHash: Hex;
  unclesHash: Hex;
  author: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  gasUsed: bigint;
  gasLimit: bigint;
  timestamp: bigint;
  difficulty: bigint;
  totalDifficulty: bigint;
  size: bigint | null;
  baseFeePerGas: bigint | null;
}

/** A transaction (`ethereum.Transaction`). */
export interface TxData {
  hash: Hex;
  index: bigint;
  from: Hex;
  to: Hex | null;
  value: bigint;
  gasLimit: bigint;
  gasPrice: bigint;
  input: Hex;
  nonce: bigint;
}

/** A log as returned by eth_getLogs. */
export interface LogData {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: number;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: number;
  logIndex: number;
  removed: boolean;
}

/** A transaction receipt (`ethereum.TransactionReceipt`), for handlers with `receipt: true`. */
export interface ReceiptData {
  transactionHash: Hex;
  transactionIndex: bigint;
  blockHash: Hex;
  blockNumber: bigint;
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  contractAddress: Hex | null;
  logs: LogData[];
  status: bigint | null;
  root: Hex | null;
  logsBloom: Hex;
}

/** A trigger for one handler of one data source, in graph-node's order within the block. */
export type TriggerSpec =
  | {
      kind: 'event';
      /** Data source index: static ones first (manifest order), then dynamic ones by creation. */
      ds: number;
      handler: string;
      /** Index of the event handler in the data source's mapping. */
      eventHandler: number;
      /**
       * All handlers whose topics match (graph-node keeps those whose event ABI decodes the log,
       * and fails if more than one remains). Defaults to `[eventHandler]`.
       */
      candidates?: number[];
      log: LogData;
      tx: TxData;
      receipt: ReceiptData | null;
    }
  | { kind: 'block'; ds: number; handler: string };

/** A data source created with `dataSource.create[WithContext]`. */
export interface CreatedDataSource {
  template: string;
  params: string[];
  /** DataSourceContext entries in wire form, or null. */
  context: WireEntity | null;
  creationBlock: number;
}

/** Synchronous chain access for `ethereum.call`, `getBalance` and `hasCode` at the trigger's block. */
export interface ChainReader {
  call(to: Hex, data: Hex, block: BlockData): { ok: true; data: Hex } | { ok: false; reason: string };
  getBalance(address: Hex, block: BlockData): bigint;
  getCode(address: Hex, block: BlockData): Hex;
}

/** Thrown when a handler must be retried later (an RPC or database failure), not fail the subgraph. */
export class NonDeterministicError extends Error {
  override readonly name = 'NonDeterministicError';
}
