// Which handlers a block triggers, in graph-node's order (chain/ethereum/src/trigger.rs): `once`
// block handlers first, then logs by log index (each log offered to the data sources in order:
// static ones as in the manifest, then dynamic ones by creation), then block handlers
// (every block, or polling every N blocks counted from the data source's start block).
import type { Hex } from 'viem';
import type { Mapping, Subgraph } from '../manifest.js';
import type { CreatedDataSource, LogData, ReceiptData, TriggerSpec, TxData } from '../runtime/types.js';

/** A data source as the sync loop sees it. */
export interface DsInfo {
  index: number;
  name: string;
  address: Hex | null;
  startBlock: number;
  endBlock: number | null;
  mapping: Mapping;
}

/** Static data sources, then the dynamic ones from their templates. */
export function dataSourceInfos(subgraph: Subgraph, dynamic: CreatedDataSource[]): DsInfo[] {
  const infos: DsInfo[] = subgraph.dataSources.map((d, index) => ({
    index,
    name: d.name,
    address: d.address,
    startBlock: d.startBlock,
    endBlock: d.endBlock,
    mapping: d.mapping,
  }));
  dynamic.forEach((c, i) => {
    const t = subgraph.templates.find((x) => x.name === c.template);
    if (!t) throw new Error(`data source template ${c.template} is not in the manifest`);
    infos.push({
      index: subgraph.dataSources.length + i,
      name: t.name,
      address: (c.params[0]?.toLowerCase() ?? null) as Hex | null,
      startBlock: c.creationBlock,
      endBlock: null,
      mapping: t.mapping,
    });
  });
  return infos;
}

const active = (ds: DsInfo, block: number): boolean =>
  ds.startBlock <= block && (ds.endBlock === null || block <= ds.endBlock);

/** The eth_getLogs filter covering the data sources' event handlers in a block range. */
export function logFilter(
  dss: DsInfo[],
  from: number,
  to: number,
): { address?: Hex[]; topic0: Hex[] } | null {
  const relevant = dss.filter(
    (d) =>
      d.mapping.eventHandlers.length > 0 && d.startBlock <= to && (d.endBlock === null || d.endBlock >= from),
  );
  if (relevant.length === 0) return null;
  const topic0 = [...new Set(relevant.flatMap((d) => d.mapping.eventHandlers.map((h) => h.topic0)))];
  if (relevant.some((d) => d.address === null)) return { topic0 };
  return { address: [...new Set(relevant.map((d) => d.address!))], topic0 };
}

/** Whether any data source has a block handler that fires at `block`. */
export function needsBlock(dss: DsInfo[], block: number): boolean {
  return (
    dss.some((d) => active(d, block) && blockHandlerFor(d, block, 'start') !== null) ||
    dss.some((d) => active(d, block) && blockHandlerFor(d, block, 'end') !== null)
  );
}

/** Whether some data source handles every block (then every block must be fetched). */
export function hasEveryBlockHandler(dss: DsInfo[]): boolean {
  return dss.some((d) => d.mapping.blockHandlers.some((h) => h.filter.kind === 'every'));
}

function blockHandlerFor(ds: DsInfo, block: number, kind: 'start' | 'end'): string | null {
  const h = ds.mapping.blockHandlers.find((bh) => {
    if (kind === 'start') return bh.filter.kind === 'once' && block === ds.startBlock;
    if (bh.filter.kind === 'every') return true;
    if (bh.filter.kind === 'polling') return (block - ds.startBlock) % bh.filter.every === 0;
    return false;
  });
  return h?.handler ?? null;
}

function topicMatches(log: LogData, topics: (Hex[] | undefined)[]): boolean {
  return topics.every(
    (alts, i) =>
      !alts || alts.length === 0 || (log.topics[i + 1] !== undefined && alts.includes(log.topics[i + 1]!)),
  );
}

/** An event trigger before its transaction is attached. */
export interface PendingEventTrigger {
  kind: 'event';
  ds: number;
  handler: string;
  eventHandler: number;
  log: LogData;
}

/** Event handler candidates for a log of a data source (topic0 and topic filters; ABI decoding decides in the worker). */
export function handlersForLog(ds: DsInfo, log: LogData): number[] {
  const out: number[] = [];
  ds.mapping.eventHandlers.forEach((h, i) => {
    if (log.topics[0] === h.topic0 && topicMatches(log, h.topics)) out.push(i);
  });
  return out;
}

/**
 * The block's triggers for data sources `dss`. `logs` are the block's logs (any order). Event
 * triggers list every candidate handler; the worker keeps the ones whose ABI decodes the log.
 */
export function blockTriggers(
  block: number,
  logs: LogData[],
  dss: DsInfo[],
  txs: Map<Hex, TxData>,
  receipts: Map<Hex, ReceiptData> | null,
  dummyTx: (log: LogData) => TxData,
): TriggerSpec[] {
  const start: TriggerSpec[] = [];
  const events: TriggerSpec[] = [];
  const end: TriggerSpec[] = [];
  const live = dss.filter((d) => active(d, block));
  for (const ds of live) {
    const h = blockHandlerFor(ds, block, 'start');
    if (h) start.push({ kind: 'block', ds: ds.index, handler: h });
  }
  for (const log of [...logs].sort((a, b) => a.logIndex - b.logIndex)) {
    for (const ds of live) {
      if (ds.address !== null && ds.address !== log.address) continue;
      const candidates = handlersForLog(ds, log);
      if (candidates.length === 0) continue;
      const tx = txs.get(log.transactionHash) ?? dummyTx(log);
      events.push({
        kind: 'event',
        ds: ds.index,
        handler: ds.mapping.eventHandlers[candidates[0]!]!.handler,
        eventHandler: candidates[0]!,
        candidates,
        log,
        tx,
        receipt: receipts?.get(log.transactionHash) ?? null,
      } as TriggerSpec);
    }
  }
  for (const ds of live) {
    const h = blockHandlerFor(ds, block, 'end');
    if (h) end.push({ kind: 'block', ds: ds.index, handler: h });
  }
  return [...start, ...events, ...end];
}

/** Whether any of the handlers asks for receipts. */
export function wantsReceipts(dss: DsInfo[]): boolean {
  return dss.some((d) => d.mapping.eventHandlers.some((h) => h.receipt));
}
