import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import type { DevnetOptions } from './devnet.js';

/**
 * `plaza-devnet --help`.
 *
 * @example
 * ```ts
 * import { USAGE } from '@plaza/devnet';
 * console.log(USAGE);
 * ```
 */
export const USAGE = `usage: plaza-devnet [options]

Starts a local chain (anvil from npm), deploys Plaza with contracts/script/Deploy.s.sol, seeds a demo world
through @plaza/sdk, and prints the RPC URL, chain id, contracts and funded test accounts. Ctrl-C stops it.

Options:
  --port <n>           anvil's port (default 8545)
  --host <address>     anvil's address (default 127.0.0.1)
  --rpc-url <url>      deploy to this chain instead of starting anvil (needs --private-key)
  --private-key <key>  the deployer on --rpc-url (or PLAZA_DEPLOYER_KEY in the environment)
  --no-demo            deploy only, without the demo world
  --state-dir <dir>    where deployment.json and devnet.json go (default .plaza/devnet)
  --network <name>     deployment config contracts/deployments/config/<name>.json (default anvil)
  -h, --help           this text

Examples:
  npm start                                  everything on http://127.0.0.1:8545
  npm start -- --port 9545 --no-demo         contracts only, on another port
  plaza-devnet --rpc-url http://10.0.0.5:8545 --private-key 0x…   onto a chain you run yourself`;

/**
 * What the command line asks for: `help`, or the devnet's options.
 *
 * @example
 * ```ts
 * import { parseCliArgs } from '@plaza/devnet';
 * parseCliArgs(['--port', '9545', '--no-demo']); // { help: false, options: { port: 9545, demo: false, … } }
 * ```
 */
export type CliArgs = { readonly help: true } | { readonly help: false; readonly options: DevnetOptions };

/** A command line that cannot be run, with the reason. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Parses `plaza-devnet`'s arguments; a {@link CliUsageError} says what is wrong.
 *
 * @example
 * ```ts
 * import { parseCliArgs } from '@plaza/devnet';
 * const args = parseCliArgs(process.argv.slice(2));
 * ```
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'rpc-url': { type: 'string' },
        'private-key': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'state-dir': { type: 'string' },
        network: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliUsageError(message ?? 'invalid arguments');
  }
  if (values.help) return { help: true };

  const options: { -readonly [K in keyof DevnetOptions]: DevnetOptions[K] } = { demo: !values['no-demo'] };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65_535) {
      throw new CliUsageError(`--port must be a port number from 1 to 65535, not "${values.port}".`);
    }
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  const privateKey = values['private-key'] ?? env.PLAZA_DEPLOYER_KEY;
  if (values['rpc-url'] !== undefined) {
    if (values.port !== undefined || values.host !== undefined) {
      throw new CliUsageError(
        '--rpc-url deploys to an existing chain; --port and --host are for the local anvil.',
      );
    }
    if (!/^https?:\/\/|^wss?:\/\//.test(values['rpc-url'])) {
      throw new CliUsageError(`--rpc-url must be an http(s) or ws(s) URL, not "${values['rpc-url']}".`);
    }
    if (!privateKey)
      throw new CliUsageError('--rpc-url needs --private-key (the deployer) or PLAZA_DEPLOYER_KEY.');
    options.rpcUrl = values['rpc-url'];
  }
  if (privateKey !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
      throw new CliUsageError('--private-key must be 0x followed by 64 hex digits.');
    }
    options.privateKey = privateKey as Hex;
  }
  if (values['state-dir'] !== undefined) options.stateDir = resolve(values['state-dir']);
  if (values.network !== undefined) options.network = values.network;
  return { help: false, options };
}
