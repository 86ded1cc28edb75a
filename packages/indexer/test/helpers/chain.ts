// The fixture contracts on a real anvil, and indexers over them.
import type { Abi, Hex } from 'viem';
import { startIndexer, type Indexer, type IndexerOptions } from '../../src/indexer.js';
import type { Db } from '../../src/store/db.js';
import type { Store } from '../../src/store/store.js';
import { storedFields } from '../../src/store/store.js';
import { selectExpr } from '../../src/store/sql.js';
import { EMITTER_ADDRESS, fixtureBuildDir, fixtureArtifacts } from '../fixtures/build.js';
import { ACCOUNTS, Anvil } from './anvil.js';
import { pgliteTemplate } from './env.js';

export { ACCOUNTS };

/** The Emitter (and Pools) on anvil. */
export class FixtureChain {
  readonly emitterAbi: Abi;
  readonly poolAbi: Abi;

  constructor(readonly anvil: Anvil) {
    const art = fixtureArtifacts();
    this.emitterAbi = art.Emitter.abi as Abi;
    this.poolAbi = art.Pool.abi as Abi;
  }

  /** Starts anvil and deploys the Emitter as the first transaction (block 1). */
  static async start(args: string[] = []): Promise<FixtureChain> {
    const anvil = await Anvil.start(args);
    const chain = new FixtureChain(anvil);
    const art = fixtureArtifacts();
    const address = await anvil.deploy(art.Emitter.abi as Abi, art.Emitter.bytecode);
    if (address !== EMITTER_ADDRESS)
      throw new Error(`Emitter deployed at ${address}, expected ${EMITTER_ADDRESS}`);
    return chain;
  }

  emit(fn: string, args: unknown[] = [], from = 0) {
    return this.anvil.send(EMITTER_ADDRESS, this.emitterAbi, fn, args, from);
  }

  mint(to: Hex, value: bigint) {
    return this.emit('mint', [to, value]);
  }

  transfer(from: number, to: Hex, value: bigint) {
    return this.emit('transfer', [to, value], from);
  }

  async createPool(name: string, from = 0): Promise<Hex> {
    const r = await this.emit('createPool', [name], from);
    const log = r.logs.find((l) => l.address.toLowerCase() === EMITTER_ADDRESS)!;
    return `0x${log.topics[1]!.slice(26)}` as Hex;
  }

  deposit(pool: Hex, amount: bigint, from = 0) {
    return this.anvil.send(pool, this.poolAbi, 'deposit', [amount], from);
  }

  note(text: string, data: Hex, delta: bigint, flag: boolean, kind: number, tags: string[], from = 0) {
    return this.emit('note', [text, data, delta, flag, kind, tags], from);
  }

  removeNote(from = 0) {
    return this.emit('removeNote', [], from);
  }

  ping(count: number, from = 0) {
    return this.emit('ping', [BigInt(count)], from);
  }

  probe(op: string, a = 0n, b = 0n, x = '', y = '', data: Hex = '0x', from = 0) {
    return this.emit('probe', [op, a, b, x, y, data], from);
  }

  async head(): Promise<number> {
    return Number(await this.anvil.public.getBlockNumber({ cacheTime: 0 }));
  }

  stop() {
    return this.anvil.stop();
  }
}

/** An indexer of the fixture against `chain`, in memory unless a database or directory is given. */
export function indexFixture(chain: FixtureChain, opts: Partial<IndexerOptions> = {}): Promise<Indexer> {
  return startIndexer({
    subgraph: fixtureBuildDir,
    rpcUrl: chain.anvil.url,
    graphqlPort: 0,
    databaseDir: ':memory:',
    pgliteTemplate: pgliteTemplate(),
    pollIntervalMs: 50,
    logger: false,
    ...opts,
  });
}

/** Every version of every entity (block range and values), in a stable order: the indexed state. */
export async function dumpVersions(store: Store, db: Db = store.db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of store.subgraph.schema.entities.values()) {
    const cols = storedFields(t)
      .map((f) => selectExpr('t', f))
      .join(', ');
    out[t.name] = await db.query(
      `select t."block$from"::text as "from$", t."block$to"::text as "to$", ${cols} from ${store.table(t.name)} t order by t.id, t."block$from"`,
    );
  }
  return out;
}

/** POSTs a query to a GraphQL URL and returns `data`, failing on errors. */
export async function query<T = Record<string, unknown>>(url: string, q: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}
