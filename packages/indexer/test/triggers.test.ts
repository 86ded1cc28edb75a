// Trigger order within a block, as graph-node's `impl Ord for EthereumTrigger`: `once` block
// handlers first, then logs by log index (each offered to the data sources in order), then block
// handlers; data sources only from their start block; topic filters.
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { loadSubgraph } from '../src/manifest.js';
import type { LogData, TxData } from '../src/runtime/types.js';
import {
  blockTriggers,
  dataSourceInfos,
  handlersForLog,
  logFilter,
  needsBlock,
  type DsInfo,
} from '../src/sync/triggers.js';
import { EMITTER_ADDRESS, fixtureBuildDir } from './fixtures/build.js';

const subgraph = loadSubgraph(fixtureBuildDir);
const POOL: Hex = '0x00000000000000000000000000000000000000f1';
const emitter = subgraph.dataSources[0]!.mapping;
const topic = (name: string) => emitter.eventHandlers.find((h) => h.abi.name === name)!.topic0;
const depositTopic = subgraph.templates[0]!.mapping.eventHandlers[0]!.topic0;

const log = (address: Hex, topic0: Hex, logIndex: number): LogData => ({
  address,
  topics: [topic0],
  data: '0x',
  blockNumber: 11,
  blockHash: '0x01',
  transactionHash: `0x${String(logIndex).padStart(64, '0')}`,
  transactionIndex: 0,
  logIndex,
  removed: false,
});
const dummy = (l: LogData): TxData => ({
  hash: l.transactionHash,
  index: 0n,
  from: '0x00',
  to: null,
  value: 0n,
  gasLimit: 0n,
  gasPrice: 0n,
  input: '0x',
  nonce: 0n,
});

describe('triggers', () => {
  const dss = dataSourceInfos(subgraph, [
    { template: 'Pool', params: [POOL], context: null, creationBlock: 8 },
  ]);

  it('orders logs by index across data sources and runs block handlers last', () => {
    const logs = [
      log(EMITTER_ADDRESS, topic('Ping'), 7),
      log(POOL, depositTopic, 2),
      log(EMITTER_ADDRESS, topic('Transfer'), 0),
    ];
    const triggers = blockTriggers(11, logs, dss, new Map(), null, dummy);
    expect(triggers.map((t) => [t.kind, t.ds, t.handler])).toEqual([
      ['event', 0, 'handleTransfer'],
      ['event', 1, 'handleDeposit'],
      ['event', 0, 'handlePing'],
      ['block', 0, 'handleBlock'], // polling every 5 blocks from start block 1: 11 is one
    ]);
  });

  it('skips data sources before their start block and logs of other contracts', () => {
    const logs = [
      log(POOL, depositTopic, 0),
      log('0x00000000000000000000000000000000000000f2', depositTopic, 1),
    ];
    expect(blockTriggers(7, logs, dss, new Map(), null, dummy)).toEqual([]);
    expect(blockTriggers(8, logs, dss, new Map(), null, dummy).map((t) => t.ds)).toEqual([1]);
  });

  it('fires polling and once block handlers at the right blocks', () => {
    const polling = [...Array(12).keys()].map((i) => i + 1).filter((b) => needsBlock(dss, b));
    expect(polling).toEqual([1, 6, 11]);
    const once: DsInfo = {
      ...dss[0]!,
      index: 5,
      startBlock: 3,
      mapping: { ...emitter, blockHandlers: [{ handler: 'init', filter: { kind: 'once' } }] },
    };
    const t = blockTriggers(3, [log(EMITTER_ADDRESS, topic('Ping'), 0)], [once], new Map(), null, dummy);
    expect(t.map((x) => [x.kind, x.handler])).toEqual([
      ['block', 'init'],
      ['event', 'handlePing'],
    ]);
  });

  it('matches topic filters and builds the eth_getLogs filter', () => {
    const filtered: DsInfo = {
      ...dss[0]!,
      mapping: {
        ...emitter,
        eventHandlers: [
          { ...emitter.eventHandlers[0]!, topics: [[`0x${'00'.repeat(31)}aa`], undefined, undefined] },
        ],
      },
    };
    const l = log(EMITTER_ADDRESS, emitter.eventHandlers[0]!.topic0, 0);
    expect(handlersForLog(filtered, { ...l, topics: [l.topics[0]!, `0x${'00'.repeat(31)}aa`] })).toEqual([0]);
    expect(handlersForLog(filtered, { ...l, topics: [l.topics[0]!, `0x${'00'.repeat(31)}bb`] })).toEqual([]);
    const f = logFilter(dss, 1, 20)!;
    expect(f.address).toEqual([EMITTER_ADDRESS, POOL]);
    expect(f.topic0).toHaveLength(emitter.eventHandlers.length + 1);
    expect(logFilter(dss, 1, 7)!.address).toEqual([EMITTER_ADDRESS]);
  });
});
