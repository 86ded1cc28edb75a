// Foundry from npm, for Node: where the forge/anvil/cast binaries are, and a managed anvil process.
// Used by tools/deploy.mjs, @plaza/devnet and the SDK's integration tests. Types: foundry.d.mts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Foundry project (`contracts/`). */
export const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A Foundry binary that is missing, a port that is taken, an anvil that did not start. */
export class FoundryError extends Error {
  name = 'FoundryError';
}

const require = createRequire(import.meta.url);

/**
 * Absolute path of an npm-installed Foundry binary (`@foundry-rs/<tool>-<platform>-<arch>/bin/<tool>`).
 * @param {'forge' | 'anvil' | 'cast'} tool
 * @returns {string}
 */
export function foundryBinary(tool) {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
  const pkg = `@foundry-rs/${tool}-${process.platform}-${arch}`;
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  let path;
  try {
    path = join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', exe);
  } catch {
    path = undefined;
  }
  if (!path || !existsSync(path)) {
    throw new FoundryError(
      `${tool} is not installed: the npm package ${pkg} (a dependency of @foundry-rs/${tool}) is missing. ` +
        'Run `npm ci` at the repository root; Foundry publishes binaries for linux and darwin (x64, arm64) and win32 (x64).',
    );
  }
  return path;
}

/**
 * Whether nothing listens on host:port.
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function isPortFree(host, port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port the OS considers free right now on `host`.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * One JSON-RPC call (no retries).
 * @param {string} rpcUrl
 * @param {string} method
 * @param {unknown[]} [params]
 */
export async function rpc(rpcUrl, method, params = []) {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new FoundryError(`${method} failed at ${rpcUrl}: ${body.error.message}`);
  return body.result;
}

/** Describes what answers on a taken port, for the error message. */
async function describePort(host, port) {
  try {
    const chainId = await Promise.race([
      rpc(`http://${host}:${port}`, 'eth_chainId'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
    ]);
    return ` It answers JSON-RPC as chain ${Number(chainId)}: probably another anvil or devnet.`;
  } catch {
    return '';
  }
}

// Kills the anvil when its parent dies without stopping it (e.g. SIGKILL), so nothing is orphaned.
const WATCHDOG = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const timer = setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, 'SIGTERM'); } catch {} process.exit(0); }
}, 500);
process.on('SIGTERM', () => { clearInterval(timer); process.exit(0); });
process.on('SIGINT', () => {});
`;

/**
 * Starts anvil on host:port and waits until it answers JSON-RPC.
 * @param {import('./foundry.d.mts').AnvilOptions} [options]
 * @returns {Promise<import('./foundry.d.mts').Anvil>}
 */
export async function startAnvil(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8545;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const binary = foundryBinary('anvil');
  if (!(await isPortFree(host, port))) {
    throw new FoundryError(
      `Port ${port} on ${host} is already in use.${await describePort(host, port)} ` +
        'Stop whatever listens there, or choose another port (npm start -- --port <n>, or plaza-devnet --port <n>).',
    );
  }
  const args = ['--host', host, '--port', String(port)];
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId));
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  args.push(...(options.args ?? []));

  // Its own process group: a terminal's Ctrl-C reaches the parent, which stops anvil in order (the watchdog
  // covers a parent that dies without doing so).
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
    options.onOutput?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  /** @type {Error | undefined} */
  let spawnFailure;
  child.once('error', (error) => (spawnFailure = error));

  const watchdog =
    options.watchdog === false
      ? undefined
      : spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(child.pid)], {
          stdio: 'ignore',
        });

  const rpcUrl = `http://${host}:${port}`;
  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      watchdog?.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) {
        await new Promise((resolve) => watchdog.once('exit', resolve));
      }
    })();
    return stopped;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    if (spawnFailure) {
      await stop();
      throw new FoundryError(`anvil could not be started (${binary}): ${spawnFailure.message}`);
    }
    if (early) {
      await stop();
      throw new FoundryError(
        `anvil exited before it was ready (code ${early.code ?? early.signal}):\n${output.trim()}`,
      );
    }
    try {
      const chainId = Number(await rpc(rpcUrl, 'eth_chainId'));
      return { rpcUrl, host, port, chainId, pid: child.pid, process: child, exited, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new FoundryError(`anvil did not answer on ${rpcUrl} within ${timeoutMs} ms:\n${output.trim()}`);
      }
    }
  }
}
