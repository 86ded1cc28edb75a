// The options of `npm start` (scripts/stack.ts): the dApp's own, and the devnet's, which plaza-devnet's parser
// checks.
import { CliUsageError, USAGE as DEVNET_USAGE } from '@plaza/devnet';

export const USAGE = `usage: npm start [-- options]

Starts Plaza locally: a chain (anvil) with the contracts and a demo world, the subgraph's indexer
(GraphQL at http://127.0.0.1:8000/graphql), then the dApp at http://127.0.0.1:5173 with its config.json
pointing at both. Ctrl-C stops everything.
(npm start builds the workspace first; this script serves apps/dapp/build as built.)

dApp options:
  --dapp-port <n>      the dApp's port (default 5173)
  --dapp-host <addr>   the dApp's address (default 127.0.0.1)
  --indexer-port <n>   the indexer's GraphQL port (default 8000)

Chain options (those of plaza-devnet):
${DEVNET_USAGE.split('Options:\n')[1]?.split('\n\nExamples:')[0] ?? ''}

Examples:
  npm start                                  chain on :8545, dApp on http://127.0.0.1:5173
  npm start -- --dapp-port 8080 --no-demo    contracts only, dApp on :8080`;

export interface StackArgs {
  readonly help: boolean;
  readonly dappPort: number;
  readonly dappHost: string;
  readonly indexerPort: number;
  readonly devnetArgs: string[];
}

/** Splits the dApp's own options from the devnet's (which plaza-devnet's parser checks). */
export function parseStackArgs(argv: readonly string[]): StackArgs {
  let dappPort = 5173;
  let dappHost = '127.0.0.1';
  let indexerPort = 8000;
  let help = false;
  const devnetArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new CliUsageError(`${flag} needs a value.`);
      return next;
    };
    const port = () => {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 1 || n > 65_535) {
        throw new CliUsageError(`${flag} must be a port number from 1 to 65535, not "${text}".`);
      }
      return n;
    };
    if (flag === '--dapp-port') dappPort = port();
    else if (flag === '--indexer-port') indexerPort = port();
    else if (flag === '--dapp-host') dappHost = value();
    else if (flag === '-h' || flag === '--help') help = true;
    else devnetArgs.push(arg);
  }
  return { help, dappPort, dappHost, indexerPort, devnetArgs };
}
