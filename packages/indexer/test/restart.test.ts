// The `plaza-indexer` CLI as a child process: help and argument errors, then SIGKILL in the middle
// of a sync, a restart that resumes from the last committed block, a clean Ctrl-C (SIGTERM), and
// the resulting database compared with a fresh index of the same chain.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraph } from '../src/manifest.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/store.js';
import { encodeFunctionData } from 'viem';
import { EMITTER_ADDRESS, fixtureBuildDir } from './fixtures/build.js';
import { ACCOUNTS, FixtureChain, dumpVersions, indexFixture, query } from './helpers/chain.js';
import { pgliteTemplate, tempDir } from './helpers/env.js';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/index.mjs');
const cliArgs = ['--import', tsx, join(here, '../src/cli.ts')];

let chain: FixtureChain;
let head: number;

beforeAll(async () => {
  chain = await FixtureChain.start();
  const A = ACCOUNTS[1]!.address;
  await chain.mint(A, 10n ** 18n);
  await chain.deposit(await chain.createPool('mid'), 3n, 1);
  // ~110 blocks of events, sent without waiting for each receipt (anvil mines one block per tx)
  const wallet = chain.anvil.wallets[0]!;
  let nonce = await chain.anvil.public.getTransactionCount({ address: ACCOUNTS[0]!.address });
  let last: `0x${string}` = '0x';
  for (let i = 0; i < 110; i++) {
    last = await wallet.sendTransaction({
      account: ACCOUNTS[0]!,
      chain: null,
      to: EMITTER_ADDRESS,
      nonce: nonce++,
      gas: 3_000_000n,
      data: encodeFunctionData({
        abi: chain.emitterAbi,
        functionName: i % 10 === 0 ? 'mint' : 'ping',
        args: i % 10 === 0 ? [ACCOUNTS[2]!.address, BigInt(i + 1)] : [30n],
      }),
    });
  }
  await chain.anvil.public.waitForTransactionReceipt({ hash: last });
  head = await chain.head();
});

afterAll(async () => {
  await chain?.stop();
});

interface Running {
  proc: ChildProcess;
  url: Promise<string>;
  output: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[]): Running {
  const proc = spawn(process.execPath, [...cliArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let resolveUrl!: (u: string) => void;
  const url = new Promise<string>((r) => (resolveUrl = r));
  const onData = (d: Buffer) => {
    out += d.toString();
    const m = /GraphQL at (http:\/\/\S+)/.exec(out);
    if (m) resolveUrl(m[1]!);
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, url, output: () => out, exited };
}

const committed = async (url: string): Promise<number> =>
  (await query<{ _meta: { block: { number: number } } }>(url, '{ _meta { block { number } } }'))._meta.block
    .number;

describe('plaza-indexer CLI', () => {
  it('prints help and rejects unknown options', () => {
    const help = spawnSync(process.execPath, [...cliArgs, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: plaza-indexer \[options\]/);
    for (const opt of [
      '--subgraph',
      '--rpc',
      '--port',
      '--host',
      '--db',
      '--database-url',
      '--poll',
      '--start-block',
    ]) {
      expect(help.stdout).toContain(opt);
    }
    const bad = spawnSync(process.execPath, [...cliArgs, '--bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('resumes after being killed mid-sync and reaches the same state as a fresh index', async () => {
    const dir = tempDir('cli-');
    // pre-create the PGlite directory from the template (skips initdb in the child)
    await (await openDatabase({ kind: 'pglite', dir, template: pgliteTemplate() })).close();
    const args = ['-s', fixtureBuildDir, '-r', chain.anvil.url, '-p', '0', '-d', dir, '--poll', '50'];
    const syncArgs = [...args, '--block-range', '5', '--reorg-threshold', '0', '--commit-every', '3'];

    const first = runCli(syncArgs);
    const url = await first.url;
    let seen = 0;
    while (seen < 10) {
      seen = await committed(url).catch(() => 0);
      if (first.proc.exitCode !== null) throw new Error(first.output());
    }
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(seen).toBeLessThan(head); // it really was in the middle of the sync

    const second = runCli(syncArgs);
    const url2 = await second.url;
    const resumed = /resuming after block (\d+)/.exec(second.output());
    expect(Number(resumed?.[1])).toBeGreaterThanOrEqual(seen);
    while ((await committed(url2)) < head) await new Promise((r) => setTimeout(r, 50));
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/SIGTERM: stopping/);

    const fresh = await indexFixture(chain, { graphql: false });
    await fresh.synced(head);
    const db = await openDatabase({ kind: 'pglite', dir });
    const store = await Store.open(db, loadSubgraph(fixtureBuildDir));
    try {
      expect(store.latest?.number).toBe(head);
      expect(store.dataSources).toEqual(fresh.store.dataSources);
      expect(await dumpVersions(store)).toEqual(await dumpVersions(fresh.store));
    } finally {
      await db.close();
      await fresh.stop();
    }
  });
});
