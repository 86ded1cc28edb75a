#!/usr/bin/env node
// plaza-indexer: runs a graph-cli build directory against a JSON-RPC endpoint and serves GraphQL.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { IndexerOptions } from './indexer.js';

const HELP = `Usage: plaza-indexer [options]

Runs a subgraph built by graph-cli (\`graph build\` output: subgraph.yaml, schema.graphql,
ABIs, WASM) against an Ethereum JSON-RPC endpoint, stores entities in an embedded PGlite
database (or PostgreSQL when DATABASE_URL is set) and serves The Graph's GraphQL API.

Options:
  -s, --subgraph <dir>       graph-cli build directory or its subgraph.yaml  [default: ./build]
  -r, --rpc <url>            Ethereum JSON-RPC URL           [default: $RPC_URL or http://127.0.0.1:8545]
  -p, --port <port>          GraphQL port (0 = any free port)                [default: 8000]
      --host <address>       GraphQL bind address                            [default: 127.0.0.1]
  -d, --db <dir>             PGlite data directory                           [default: .plaza/indexer]
      --database-url <url>   PostgreSQL connection URL instead of PGlite     [default: $DATABASE_URL]
      --poll <ms>            head polling interval when caught up            [default: 1000]
      --start-block <n>      start block when the store is empty             [default: from the manifest]
      --block-range <n>      blocks per eth_getLogs request while catching up [default: 2000]
      --reorg-threshold <n>  blocks below the head checked for reorgs        [default: 250]
      --commit-every <n>     commit at least every n blocks while catching up [default: 500]
      --max-first <n>        GraphQL \`first\` limit                           [default: 1000]
      --max-skip <n>         GraphQL \`skip\` limit                            [default: unlimited]
      --max-depth <n>        GraphQL query depth limit                       [default: 255]
      --max-complexity <n>   GraphQL complexity limit (0 = none)             [default: 10000000]
  -q, --quiet                only print errors
  -h, --help                 show this help
  -v, --version              show the version

The store resumes where it stopped; a rebuilt subgraph (different WASM, schema or manifest) is a
new deployment and indexes from its start block. Ctrl-C stops cleanly.`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`plaza-indexer: --${name} must be a non-negative integer, got ${v}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        subgraph: { type: 'string', short: 's' },
        rpc: { type: 'string', short: 'r' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        db: { type: 'string', short: 'd' },
        'database-url': { type: 'string' },
        poll: { type: 'string' },
        'start-block': { type: 'string' },
        'block-range': { type: 'string' },
        'reorg-threshold': { type: 'string' },
        'commit-every': { type: 'string' },
        'max-first': { type: 'string' },
        'max-skip': { type: 'string' },
        'max-depth': { type: 'string' },
        'max-complexity': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`plaza-indexer: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    console.log(pkg.version);
    return;
  }
  const limits: IndexerOptions['limits'] = {};
  const maxFirst = int('max-first', values['max-first']);
  const maxSkip = int('max-skip', values['max-skip']);
  const maxDepth = int('max-depth', values['max-depth']);
  const maxComplexity = int('max-complexity', values['max-complexity']);
  if (maxFirst !== undefined) limits.maxFirst = maxFirst;
  if (maxSkip !== undefined) limits.maxSkip = maxSkip;
  if (maxDepth !== undefined) limits.maxDepth = maxDepth;
  if (maxComplexity !== undefined) limits.maxComplexity = maxComplexity === 0 ? null : maxComplexity;
  const options: IndexerOptions = {
    subgraph: values.subgraph ?? 'build',
    rpcUrl: values.rpc ?? process.env.RPC_URL ?? 'http://127.0.0.1:8545',
    graphqlPort: int('port', values.port) ?? 8000,
    graphqlHost: values.host ?? '127.0.0.1',
    databaseDir: values.db ?? '.plaza/indexer',
    pollIntervalMs: int('poll', values.poll) ?? 1000,
    limits,
  };
  if (values['database-url']) options.databaseUrl = values['database-url'];
  const startBlock = int('start-block', values['start-block']);
  if (startBlock !== undefined) options.startBlock = startBlock;
  const blockRange = int('block-range', values['block-range']);
  if (blockRange !== undefined) options.blockRange = blockRange;
  const reorg = int('reorg-threshold', values['reorg-threshold']);
  if (reorg !== undefined) options.reorgThreshold = reorg;
  const commitEvery = int('commit-every', values['commit-every']);
  if (commitEvery !== undefined) options.commitEveryBlocks = Math.max(1, commitEvery);
  if (values.quiet) {
    options.logger = { info: () => {}, warn: () => {}, error: (m) => console.error(`[indexer] ${m}`) };
  }
  let indexer;
  try {
    // loaded only now, so --help and argument errors answer without loading PGlite and friends
    const { startIndexer } = await import('./indexer.js');
    indexer = await startIndexer(options);
  } catch (e) {
    console.error(`plaza-indexer: ${(e as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!values.quiet) console.log(`[indexer] ${signal}: stopping`);
    indexer.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`plaza-indexer: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
