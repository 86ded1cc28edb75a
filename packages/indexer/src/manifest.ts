// Loads a graph-cli build directory (`graph build` output: subgraph.yaml, schema.graphql, ABIs, WASM).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { keccak256, toBytes, type Abi, type AbiEvent, type AbiParameter } from 'viem';
import { parse as parseYaml } from 'yaml';
import { SubgraphSchema } from './schema.js';

/** An event handler of a data source. */
export interface EventHandler {
  /** The manifest's signature, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  event: string;
  handler: string;
  topic0: `0x${string}`;
  /** Optional `topic1`..`topic3` filters from the manifest (lowercase 32-byte hex). */
  topics: (`0x${string}`[] | undefined)[];
  abi: AbiEvent;
  receipt: boolean;
}

/** A block handler: every block, `polling` every N blocks, or `once` at the start block. */
export interface BlockHandler {
  handler: string;
  filter: { kind: 'every' } | { kind: 'polling'; every: number } | { kind: 'once' };
}

/** The mapping part shared by data sources and templates. */
export interface Mapping {
  apiVersion: string;
  /** Absolute path of the WASM module. */
  file: string;
  abis: Map<string, Abi>;
  entities: string[];
  eventHandlers: EventHandler[];
  blockHandlers: BlockHandler[];
}

/** A static `ethereum/contract` data source. */
export interface DataSourceDef {
  kind: string;
  name: string;
  network: string;
  address: `0x${string}` | null;
  abi: string;
  startBlock: number;
  endBlock: number | null;
  mapping: Mapping;
}

/** A data source template (instantiated at run time with `dataSource.create`). */
export interface TemplateDef {
  kind: string;
  name: string;
  network: string;
  abi: string;
  mapping: Mapping;
}

/** A loaded subgraph build. */
export interface Subgraph {
  dir: string;
  /** Content hash of the build in CIDv0 form (`Qm…`); a rebuild with changes gets a new deployment. */
  deployment: string;
  specVersion: string;
  schema: SubgraphSchema;
  dataSources: DataSourceDef[];
  templates: TemplateDef[];
  /** The lowest start block over all data sources. */
  startBlock: number;
}

type Raw = Record<string, unknown>;

function obj(v: unknown, what: string): Raw {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`subgraph.yaml: ${what} must be a mapping`);
  return v as Raw;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`subgraph.yaml: ${what} must be a string`);
  return v;
}

function arr(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`subgraph.yaml: ${what} must be a list`);
  return v;
}

/** The canonical type of an ABI parameter, tuples expanded (`(uint256,address)[]`). */
export function canonicalType(p: AbiParameter): string {
  if (p.type.startsWith('tuple')) {
    const components = (p as { components?: readonly AbiParameter[] }).components ?? [];
    return `(${components.map(canonicalType).join(',')})${p.type.slice('tuple'.length)}`;
  }
  return p.type;
}

function eventSignature(e: AbiEvent, withIndexed: boolean): string {
  const params = e.inputs.map((i) =>
    withIndexed && i.indexed ? `indexed ${canonicalType(i)}` : canonicalType(i),
  );
  return `${e.name}(${params.join(',')})`;
}

function findEvent(abi: Abi, signature: string, where: string): AbiEvent {
  const events = abi.filter((x): x is AbiEvent => x.type === 'event');
  const wanted = signature
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ',')
    .replace(/\(\s*/g, '(')
    .replace(/\s*\)/g, ')');
  const exact = events.find((e) => eventSignature(e, true) === wanted);
  if (exact) return exact;
  const loose = events.filter((e) => eventSignature(e, false) === wanted.replace(/indexed /g, ''));
  if (loose.length === 1) return loose[0]!;
  throw new Error(`${where}: event \`${signature}\` is not in the ABI`);
}

function topicList(v: unknown): `0x${string}`[] | undefined {
  if (v === undefined || v === null) return undefined;
  return arr(v, 'topic filter').map((t) => {
    const s = String(t).toLowerCase();
    const hex = s.startsWith('0x') ? s.slice(2) : s;
    return `0x${hex.padStart(64, '0')}` as `0x${string}`;
  });
}

function loadMapping(dir: string, raw: Raw, where: string, sourceAbi: string): Mapping {
  const m = obj(raw.mapping, `${where}.mapping`);
  const language = str(m.language, `${where}.mapping.language`);
  if (language !== 'wasm/assemblyscript')
    throw new Error(`${where}: mapping language ${language} is not supported`);
  const abis = new Map<string, Abi>();
  for (const a of arr(m.abis, `${where}.mapping.abis`)) {
    const ab = obj(a, `${where}.mapping.abis[]`);
    const file = join(dir, str(ab.file, 'abi file'));
    const json = JSON.parse(readFileSync(file, 'utf8')) as Abi | { abi: Abi };
    abis.set(str(ab.name, 'abi name'), Array.isArray(json) ? (json as Abi) : (json as { abi: Abi }).abi);
  }
  const abi = abis.get(sourceAbi);
  if (!abi) throw new Error(`${where}: source ABI ${sourceAbi} is not among the mapping's abis`);
  if (arr(m.callHandlers, 'callHandlers').length > 0) {
    throw new Error(`${where}: callHandlers need trace_filter and are not supported by @plaza/indexer`);
  }
  const eventHandlers = arr(m.eventHandlers, `${where}.eventHandlers`).map((h): EventHandler => {
    const eh = obj(h, 'event handler');
    const event = str(eh.event, 'event');
    const abiEvent = findEvent(abi, event, where);
    return {
      event,
      handler: str(eh.handler, 'handler'),
      topic0: keccak256(toBytes(eventSignature(abiEvent, false))),
      topics: [topicList(eh.topic1), topicList(eh.topic2), topicList(eh.topic3)],
      abi: abiEvent,
      receipt: eh.receipt === true,
    };
  });
  const blockHandlers = arr(m.blockHandlers, `${where}.blockHandlers`).map((h): BlockHandler => {
    const bh = obj(h, 'block handler');
    const handler = str(bh.handler, 'handler');
    if (bh.filter === undefined || bh.filter === null) return { handler, filter: { kind: 'every' } };
    const f = obj(bh.filter, 'block handler filter');
    if (f.kind === 'polling') return { handler, filter: { kind: 'polling', every: Number(f.every) } };
    if (f.kind === 'once') return { handler, filter: { kind: 'once' } };
    throw new Error(
      `${where}: block handler filter kind ${String(f.kind)} is not supported (call filters need traces)`,
    );
  });
  const apiVersion = str(m.apiVersion, `${where}.mapping.apiVersion`);
  const [maj, min, patch] = apiVersion.split('.').map(Number);
  if (maj === 0 && min === 0 && (patch ?? 0) < 5) {
    throw new Error(`${where}: mapping apiVersion ${apiVersion} is not supported (0.0.5 or newer)`);
  }
  return {
    apiVersion,
    file: join(dir, str(m.file, `${where}.mapping.file`)),
    abis,
    entities: arr(m.entities, 'entities').map(String),
    eventHandlers,
    blockHandlers,
  };
}

function base58(bytes: Uint8Array): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

export { base58 as encodeBase58 };

/**
 * Loads `subgraph.yaml` from a graph-cli build directory, with its schema, ABIs and WASM paths.
 * Unsupported features (call handlers, aggregations, offchain data sources, grafting) are rejected
 * with an error that names them.
 */
export function loadSubgraph(buildDir: string): Subgraph {
  const dir = resolve(buildDir);
  const manifestPath = join(dir, 'subgraph.yaml');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const raw = obj(parseYaml(manifestText), 'the manifest');
  if (raw.graft) throw new Error('subgraph.yaml: grafting is not supported by @plaza/indexer');
  const schemaFile = join(dir, str(obj(raw.schema, 'schema').file, 'schema.file'));
  const schemaText = readFileSync(schemaFile, 'utf8');
  const schema = new SubgraphSchema(schemaText);
  const hash = createHash('sha256').update(manifestText).update(schemaText);
  const files = new Set<string>();
  const dataSources = arr(raw.dataSources, 'dataSources').map((d, i): DataSourceDef => {
    const ds = obj(d, `dataSources[${i}]`);
    const kind = str(ds.kind, 'kind');
    const name = str(ds.name, 'name');
    if (kind !== 'ethereum/contract' && kind !== 'ethereum') {
      throw new Error(`data source ${name}: kind ${kind} is not supported (only ethereum/contract)`);
    }
    const source = obj(ds.source, `${name}.source`);
    const abi = str(source.abi, `${name}.source.abi`);
    const mapping = loadMapping(dir, ds, name, abi);
    files.add(mapping.file);
    return {
      kind,
      name,
      network: String(ds.network ?? ''),
      address: source.address ? (str(source.address, 'address').toLowerCase() as `0x${string}`) : null,
      abi,
      startBlock: Number(source.startBlock ?? 0),
      endBlock: source.endBlock === undefined || source.endBlock === null ? null : Number(source.endBlock),
      mapping,
    };
  });
  const templates = arr(raw.templates, 'templates').map((t, i): TemplateDef => {
    const tp = obj(t, `templates[${i}]`);
    const kind = str(tp.kind, 'kind');
    const name = str(tp.name, 'name');
    if (kind !== 'ethereum/contract' && kind !== 'ethereum') {
      throw new Error(`template ${name}: kind ${kind} is not supported (only ethereum/contract)`);
    }
    const abi = str(obj(tp.source, `${name}.source`).abi, `${name}.source.abi`);
    const mapping = loadMapping(dir, tp, name, abi);
    files.add(mapping.file);
    return { kind, name, network: String(tp.network ?? ''), abi, mapping };
  });
  if (dataSources.length === 0) throw new Error('subgraph.yaml has no data sources');
  for (const f of [...files].sort()) hash.update(readFileSync(f));
  const digest = hash.digest();
  return {
    dir,
    deployment: base58(Uint8Array.from([0x12, 0x20, ...digest])),
    specVersion: String(raw.specVersion ?? ''),
    schema,
    dataSources,
    templates,
    startBlock: Math.min(...dataSources.map((d) => d.startBlock)),
  };
}

/** The directory of a manifest file or the directory itself. */
export function buildDirOf(path: string): string {
  return path.endsWith('.yaml') || path.endsWith('.yml') ? dirname(path) : path;
}
