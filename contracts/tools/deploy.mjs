#!/usr/bin/env node
// Runs script/Deploy.s.sol with forge and writes the @plaza/abi address book with exact deployment blocks
// (a forge script cannot see its own receipts, so the blocks come from forge's broadcast record).
// Library: deployPlaza() (types: deploy.d.mts), used by @plaza/devnet and the SDK's tests.
// CLI: npm run deploy -w @plaza/contracts -- --network <name> --rpc-url <url> --private-key <key> [--output <path>]
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contractsDir, foundryBinary, rpc } from './foundry.mjs';

const repoRoot = resolve(contractsDir, '..');

/** Where forge may write (foundry.toml `fs_permissions`); other output paths are staged through .plaza/. */
const writableRoots = [
  join(repoRoot, '.plaza'),
  join(repoRoot, 'packages/abi/deployments'),
  join(contractsDir, 'deployments'),
];

/** The deployment failed; `output` is forge's full output. */
export class DeployError extends Error {
  name = 'DeployError';
  /** @param {string} message @param {string} output */
  constructor(message, output) {
    super(message);
    this.output = output;
  }
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

/** The reason forge gives, without the trace around it. */
function failureReason(output) {
  const lines = stripAnsi(output).split('\n');
  const scriptFailed = lines.find((l) => l.startsWith('Error: script failed:'));
  if (scriptFailed) return scriptFailed.slice('Error: script failed:'.length).trim();
  const index = lines.findIndex((l) => l.startsWith('Error:'));
  if (index >= 0)
    return lines
      .slice(index, index + 6)
      .join('\n')
      .replace(/^Error:\s*/, '')
      .trim();
  return lines.filter(Boolean).slice(-8).join('\n');
}

/** Progress phases recognised in forge's output. */
const PHASES = [
  [
    /^Compiling \d+ files?/,
    'compile',
    'compiling the contracts (solcjs; the first build takes a minute or two)',
  ],
  [/^No files changed, compilation skipped/, 'compile', 'contracts are up to date'],
  [/^Script ran successfully/, 'simulate', 'simulated every transaction'],
  [/^## Setting up/, 'broadcast', 'broadcasting transactions'],
  [/ONCHAIN EXECUTION COMPLETE & SUCCESSFUL/, 'broadcast', 'all transactions confirmed'],
];

/**
 * Deploys Plaza with script/Deploy.s.sol and returns the address book written to `outputPath`.
 * @param {import('./deploy.d.mts').DeployOptions} options
 * @returns {Promise<import('./deploy.d.mts').DeployResult>}
 */
export async function deployPlaza(options) {
  const { rpcUrl, privateKey } = options;
  if (!rpcUrl) throw new DeployError('deployPlaza needs an rpcUrl.', '');
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey ?? '')) {
    throw new DeployError('deployPlaza needs a private key: 0x followed by 64 hex digits.', '');
  }
  const progress = options.onProgress ?? (() => {});
  const forge = foundryBinary('forge');

  let chainId;
  try {
    chainId = Number(await rpc(rpcUrl, 'eth_chainId'));
  } catch (error) {
    throw new DeployError(`Cannot reach ${rpcUrl}: ${error instanceof Error ? error.message : error}`, '');
  }
  const network = options.network ?? 'anvil';
  const configPath = resolve(
    options.configPath ?? join(contractsDir, 'deployments/config', `${network}.json`),
  );
  if (!existsSync(configPath)) {
    throw new DeployError(`No deployment config at ${configPath} (one JSON file per network).`, '');
  }
  const outputPath = resolve(
    options.outputPath ?? join(repoRoot, 'packages/abi/deployments', `${chainId}.json`),
  );
  mkdirSync(dirname(outputPath), { recursive: true });

  // forge can only write inside fs_permissions: stage other destinations (with their current content, so the
  // script's refusal to redeploy sees it).
  const writable = writableRoots.some((root) => {
    const rel = relative(root, outputPath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  let scriptOutput = outputPath;
  if (!writable) {
    const staging = join(repoRoot, '.plaza/staging');
    mkdirSync(staging, { recursive: true });
    scriptOutput = join(staging, `deploy-${process.pid}-${Date.now()}.json`);
    if (existsSync(outputPath)) copyFileSync(outputPath, scriptOutput);
  }
  const broadcastDir = mkdtempSync(join(tmpdir(), 'plaza-broadcast-'));

  const args = ['script', 'script/Deploy.s.sol:Deploy', '--rpc-url', rpcUrl, '--private-key', privateKey];
  args.push('--broadcast', '--non-interactive');
  // One transaction at a time: a batch whose gas exceeds a block can leave anvil with a transaction it never mines
  // (forge then waits forever), and real chains need it anyway. On anvil it costs ~1 s for the whole deployment.
  if (options.slow ?? true) args.push('--slow');
  progress({
    phase: 'start',
    message: `running forge script on chain ${chainId} with ${relative(repoRoot, configPath)}`,
  });

  let output = '';
  try {
    const code = await new Promise((resolvePromise, reject) => {
      const child = spawn(forge, args, {
        cwd: contractsDir,
        env: {
          ...process.env,
          PLAZA_NETWORK: network,
          PLAZA_DEPLOY_CONFIG: configPath,
          PLAZA_DEPLOY_OUTPUT: scriptOutput,
          FOUNDRY_BROADCAST: broadcastDir,
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let pending = '';
      const onData = (chunk) => {
        const text = stripAnsi(chunk.toString());
        output += text;
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          options.onOutput?.(line);
          for (const [pattern, phase, message] of PHASES) {
            if (pattern.test(line.trim())) progress({ phase, message });
          }
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', reject);
      child.once('exit', (exitCode) => resolvePromise(exitCode));
      // Cancelling stops forge (nothing is broadcast if it is still simulating).
      const cancel = () => child.kill('SIGTERM');
      if (options.signal?.aborted) cancel();
      options.signal?.addEventListener('abort', cancel, { once: true });
      child.once('exit', () => options.signal?.removeEventListener('abort', cancel));
    });
    if (options.signal?.aborted) throw new DeployError('Deployment cancelled.', output);
    if (code !== 0) {
      const reason = failureReason(output).split(scriptOutput).join(outputPath);
      throw new DeployError(`Deployment failed: ${reason}`, output);
    }

    const book = JSON.parse(readFileSync(scriptOutput, 'utf8'));
    const record = join(broadcastDir, 'Deploy.s.sol', String(chainId), 'run-latest.json');
    const blocks = new Map();
    let transactions = 0;
    if (existsSync(record)) {
      const run = JSON.parse(readFileSync(record, 'utf8'));
      transactions = run.receipts?.length ?? 0;
      const blockOf = new Map();
      for (const receipt of run.receipts ?? []) {
        const block = Number(BigInt(receipt.blockNumber));
        blockOf.set(receipt.transactionHash?.toLowerCase(), block);
        if (receipt.contractAddress) blocks.set(receipt.contractAddress.toLowerCase(), block);
      }
      // Contracts created inside a transaction (a pool by its factory, an implementation by its owner's
      // constructor) are listed as additionalContracts of that transaction.
      for (const tx of run.transactions ?? []) {
        const block = blockOf.get(tx.hash?.toLowerCase());
        if (block === undefined) continue;
        for (const created of tx.additionalContracts ?? []) {
          if (created.address) blocks.set(created.address.toLowerCase(), block);
        }
      }
    }
    for (const entry of Object.values(book.contracts)) {
      const block = blocks.get(entry.address.toLowerCase());
      if (block !== undefined) entry.block = block;
    }
    writeFileSync(outputPath, `${JSON.stringify(book, null, 2)}\n`);
    progress({ phase: 'done', message: `address book written to ${outputPath}` });
    return { deployment: book, outputPath, transactions, output };
  } finally {
    rmSync(broadcastDir, { recursive: true, force: true });
    if (scriptOutput !== outputPath) rmSync(scriptOutput, { force: true });
  }
}

const USAGE = `usage: npm run deploy -w @plaza/contracts -- --rpc-url <url> --private-key <0x…> [options]

Deploys Plaza with script/Deploy.s.sol and writes the @plaza/abi address book with exact blocks.

  --network <name>     config deployments/config/<name>.json and the book's network name (default anvil)
  --config <path>      another config file
  --output <path>      where the address book goes (default packages/abi/deployments/<chainId>.json)
  --rpc-url <url>      the chain
  --private-key <key>  the deployer (or PLAZA_DEPLOYER_KEY in the environment)
  --help               this text`;

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      config: { type: 'string' },
      output: { type: 'string' },
      'rpc-url': { type: 'string' },
      'private-key': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rpcUrl = values['rpc-url'];
  const privateKey = values['private-key'] ?? process.env.PLAZA_DEPLOYER_KEY;
  if (!rpcUrl || !privateKey) {
    console.error(`deploy: --rpc-url and --private-key are required.\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const result = await deployPlaza({
    rpcUrl,
    privateKey,
    network: values.network,
    configPath: values.config,
    outputPath: values.output,
    onProgress: (event) => console.log(`deploy: ${event.message}`),
  });
  for (const [name, { address, block }] of Object.entries(result.deployment.contracts)) {
    console.log(`  ${name.padEnd(24)} ${address}  block ${block}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
