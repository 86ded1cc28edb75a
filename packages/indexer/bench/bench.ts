// npm run bench -w @plaza/indexer [-- --chain plaza|fixture --events 50000 --concurrency 16 --requests 300
//                                      --queries ./my-queries.ts --db memory|disk]
//                                    fixture only: --per-tx 250 --txs-per-block 10
//
// 1. Generates a chain on anvil (≥ 50,000 events by default):
//    plaza (default) — the real Plaza deployment and modules, and a driver contract's batches of pUSD transfers,
//      merchant payments (with loyalty points: the data source template) and lending supply/withdraw, indexed by
//      the Plaza subgraph (subgraph/build) — see plaza-chain.ts;
//    fixture — the indexer's fixture subgraph: `ping(n)` emits n events per transaction.
// 2. Baseline: fetches and decodes the same logs with viem (eth_getLogs + decodeEventLog).
// 3. Indexes the chain with @plaza/indexer (graph-cli WASM, PGlite or $DATABASE_URL).
// 4. Measures GraphQL latency (p50/p99) under concurrent load: the dApp's queries (plaza-queries.ts, the SDK's
//    documents) on the Plaza chain, queries.ts on the fixture, or --queries <module>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { encodeFunctionData, parseAbiItem, type Abi, type Hex } from 'viem';
import { startIndexer, type Indexer } from '../src/indexer.js';
import { buildFixture, fixtureArtifacts, EMITTER_ADDRESS } from '../test/fixtures/build.js';
import { ACCOUNTS, Anvil } from '../test/helpers/anvil.js';
import { eventDecoder, generatePlazaChain } from './plaza-chain.js';
import { plazaQueries } from './plaza-queries.js';
import type { BenchQuery } from './queries.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    'per-tx': { type: 'string', default: '250' },
    'txs-per-block': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    requests: { type: 'string', default: '300' },
    queries: { type: 'string' },
    db: { type: 'string', default: 'disk' },
    chain: { type: 'string', default: 'plaza' },
  },
});
const EVENTS = Number(values.events);
const PER_TX = Number(values['per-tx']);
const TXS_PER_BLOCK = Number(values['txs-per-block']);
const CONCURRENCY = Number(values.concurrency);
const REQUESTS = Number(values.requests);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A generated chain, what the subgraph indexes on it, and how to check the result. */
interface BenchChain {
  label: string;
  buildDir: string;
  rpcUrl: string;
  head: number;
  /** Events the subgraph handles (what the indexer must have processed). */
  events: number;
  /** Fetches and decodes the same logs with viem; returns how many it decoded. */
  baseline(): Promise<number>;
  /** Throws unless the indexer processed every event. */
  check(indexer: Indexer): Promise<void>;
  queries: BenchQuery[];
  stop(): Promise<void>;
}

async function fixtureChain(): Promise<BenchChain> {
  const buildDir = await buildFixture();
  const art = fixtureArtifacts();
  const abi = art.Emitter.abi as Abi;
  const anvil = await Anvil.start(['--gas-limit', '100000000']);
  try {
    await anvil.deploy(abi, art.Emitter.bytecode);
    await anvil.test.setAutomine(false);
    const txs = Math.ceil(EVENTS / PER_TX);
    const wallet = anvil.wallets[0]!;
    let nonce = await anvil.public.getTransactionCount({ address: ACCOUNTS[0]!.address });
    const data = encodeFunctionData({ abi, functionName: 'ping', args: [BigInt(PER_TX)] });
    for (let i = 0; i < txs; i++) {
      await wallet.sendTransaction({
        account: ACCOUNTS[0]!,
        chain: null,
        to: EMITTER_ADDRESS,
        data,
        gas: 8_000_000n,
        nonce: nonce++,
      });
      if ((i + 1) % TXS_PER_BLOCK === 0 || i === txs - 1) await anvil.test.mine({ blocks: 1 });
    }
    // some accounts, transfers and a pool for the relational queries
    for (let i = 1; i <= 20; i++) {
      const to = `0x${i.toString(16).padStart(40, '0')}` as const;
      const mint = encodeFunctionData({ abi, functionName: 'mint', args: [to, BigInt(i * 1000)] });
      await wallet.sendTransaction({
        account: ACCOUNTS[0]!,
        chain: null,
        to: EMITTER_ADDRESS,
        data: mint,
        nonce: nonce++,
      });
    }
    await anvil.test.mine({ blocks: 1 });
    await anvil.test.setAutomine(true);
    const head = Number(await anvil.public.getBlockNumber({ cacheTime: 0 }));
    const events = txs * PER_TX;
    const event = parseAbiItem('event Ping(uint256 indexed i, address sender, uint256 value)');
    return {
      label: `fixture: ${fmt(events)} Ping events in ${fmt(txs)} transactions, ${head} blocks`,
      buildDir,
      rpcUrl: anvil.url,
      head,
      events,
      async baseline() {
        let fetched = 0;
        // ranges small enough for viem's 10 MB response limit
        const range = Math.max(1, Math.floor(TXS_PER_BLOCK > 0 ? 8000 / (PER_TX * TXS_PER_BLOCK) : 1));
        for (let from = 1; from <= head; from += range) {
          const logs = await anvil.public.getLogs({
            address: EMITTER_ADDRESS,
            event,
            fromBlock: BigInt(from),
            toBlock: BigInt(Math.min(head, from + range - 1)),
          });
          fetched += logs.filter((l) => l.args.value !== undefined).length;
        }
        return fetched;
      },
      async check(indexer) {
        const { protocol } = (await indexer.query('{ protocol(id: "1") { pingCount } }')).data as {
          protocol: { pingCount: string };
        };
        if (Number(protocol.pingCount) !== events) {
          throw new Error(`indexed ${protocol.pingCount} events, expected ${events}`);
        }
      },
      queries: (await import('./queries.js')).queries,
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

async function plazaChain(tmp: string): Promise<BenchChain> {
  const chain = await generatePlazaChain({ events: EVENTS, dir: tmp, log: (line) => console.log(line) });
  try {
    const { createPublicClient, http } = await import('viem');
    const client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0 }) });
    const decode = eventDecoder(chain.abis);
    // every log of the subgraph's contracts is an event it handles
    const count = async () => {
      let fetched = 0;
      // 16 blocks per request: at most ~6,400 events, within viem's 10 MB response limit
      for (let from = 1; from <= chain.head; from += 16) {
        const logs = await client.request({
          method: 'eth_getLogs',
          params: [
            {
              address: [...chain.addresses],
              fromBlock: `0x${from.toString(16)}`,
              toBlock: `0x${Math.min(chain.head, from + 15).toString(16)}`,
            },
          ],
        });
        for (const log of logs as { topics: Hex[]; data: Hex }[]) if (decode(log)) fetched++;
      }
      return fetched;
    };
    const events = await count();
    return {
      label: `plaza: ${fmt(events)} events of Plaza contracts in ${chain.head} blocks`,
      buildDir: chain.buildDir,
      rpcUrl: chain.rpcUrl,
      head: chain.head,
      events,
      baseline: count,
      async check(indexer) {
        const { data } = await indexer.query(
          '{ protocol(id: "plaza") { eventCount } _meta { hasIndexingErrors } }',
        );
        const { protocol, _meta } = data as {
          protocol: { eventCount: string };
          _meta: { hasIndexingErrors: boolean };
        };
        if (_meta.hasIndexingErrors || Number(protocol.eventCount) !== events) {
          throw new Error(
            `indexed ${protocol.eventCount} events (errors: ${_meta.hasIndexingErrors}), expected ${events}`,
          );
        }
      },
      queries: plazaQueries(chain.context),
      stop: () => chain.stop(),
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'plaza-indexer-bench-'));
  let t = performance.now();
  const chain = values.chain === 'fixture' ? await fixtureChain() : await plazaChain(tmp);
  try {
    const events = chain.events;
    const head = chain.head;
    console.log(`chain: ${chain.label} (generated in ${seconds(performance.now() - t)})`);

    // 2. baseline: fetch + decode with viem
    t = performance.now();
    const fetched = await chain.baseline();
    const viemMs = performance.now() - t;
    if (fetched !== events) throw new Error(`viem decoded ${fetched} events, expected ${events}`);
    const viemRate = events / (viemMs / 1000);

    // 3. index
    const dbLabel = process.env.DATABASE_URL
      ? 'PostgreSQL ($DATABASE_URL)'
      : values.db === 'memory'
        ? 'PGlite (memory)'
        : 'PGlite (disk)';
    const indexer = await startIndexer({
      subgraph: chain.buildDir,
      rpcUrl: chain.rpcUrl,
      graphqlPort: 0,
      databaseDir: values.db === 'memory' ? ':memory:' : join(tmp, 'db'),
      pollIntervalMs: 100,
      logger: false,
    });
    t = performance.now();
    await indexer.synced(head);
    const indexMs = performance.now() - t;
    const indexRate = events / (indexMs / 1000);
    await chain.check(indexer);
    console.log('');
    console.log(`indexing (${dbLabel}, ${process.env.DATABASE_URL ? 'pg' : 'pglite'}):`);
    console.log(`  viem fetch + decode   ${fmt(viemRate).padStart(10)} events/s  (${seconds(viemMs)})`);
    console.log(
      `  @plaza/indexer        ${fmt(indexRate).padStart(10)} events/s  (${seconds(indexMs)}, ${head} blocks)`,
    );
    console.log(`  ratio indexer / viem  ${fmt(indexRate / viemRate, 3).padStart(10)}`);

    // 4. GraphQL latency under concurrent load
    const queries = values.queries
      ? ((await import(pathToFileURL(resolve(values.queries)).href)) as { queries: BenchQuery[] }).queries
      : chain.queries;
    const url = indexer.graphqlUrl!;
    const results: { name: string; p50: number; p99: number; n: number }[] = [];
    const all: number[] = [];
    t = performance.now();
    for (const q of queries) {
      const body = JSON.stringify({ query: q.query(head), variables: q.variables?.(head) });
      const probe = (await (
        await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).json()) as {
        errors?: { message: string }[];
      };
      if (probe.errors) throw new Error(`${q.name}: ${probe.errors[0]!.message}`);
      const latencies: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < REQUESTS) {
            const s = performance.now();
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            await res.text();
            latencies.push(performance.now() - s);
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      all.push(...latencies);
      results.push({
        name: q.name,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        n: latencies.length,
      });
    }
    const loadMs = performance.now() - t;
    all.sort((a, b) => a - b);
    await indexer.stop();

    console.log('');
    console.log(`GraphQL latency, ${CONCURRENCY} concurrent clients, ${REQUESTS} requests per query:`);
    for (const r of results) {
      console.log(
        `  ${r.name.padEnd(36)} p50 ${fmt(r.p50, 1).padStart(7)} ms   p99 ${fmt(r.p99, 1).padStart(7)} ms`,
      );
    }
    console.log(
      `  ${'all queries'.padEnd(36)} p50 ${fmt(percentile(all, 50), 1).padStart(7)} ms   p99 ${fmt(percentile(all, 99), 1).padStart(7)} ms   (${fmt(all.length / (loadMs / 1000))} req/s)`,
    );
  } finally {
    await chain.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
