// config.json for a running devnet: what the static build needs to find its chain (src/lib/config.ts parses
// it; README.md, "Runtime config", documents it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devAccounts, type Devnet } from '@plaza/devnet';

/** The repository's .plaza/dapp, next to the devnet's .plaza/devnet. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(
  new URL('../../../.plaza/dapp/config.json', import.meta.url),
);

export interface RuntimeConfigJson {
  rpcUrl: string;
  chainId: number;
  chainName: string;
  deployment: Devnet['deployment'];
  graphqlUrl?: string;
  explorerUrl?: string;
  devnet: boolean;
  devAccounts?: { name: string; role: string; address: string; privateKey: string }[];
}

/**
 * The config for a devnet. The dev wallet gets the demo world's named accounts, only when this devnet runs its
 * own anvil, and only those whose keys are anvil's public well-known ones: a deployer key given with
 * --private-key never reaches the browser.
 */
export function devnetConfig(devnet: Devnet, options: { graphqlUrl?: string } = {}): RuntimeConfigJson {
  const publicKeys = new Set(devAccounts().map((a) => a.privateKey));
  const walletAccounts = devnet.ownsChain
    ? devnet.accounts
        .filter((a) => a.name !== `account${a.index}` && publicKeys.has(a.privateKey))
        .map(({ name, role, address, privateKey }) => ({ name, role, address, privateKey }))
    : [];
  return {
    rpcUrl: devnet.rpcUrl,
    chainId: devnet.chainId,
    chainName: 'Plaza devnet',
    deployment: devnet.deployment,
    ...(options.graphqlUrl ? { graphqlUrl: options.graphqlUrl } : {}),
    devnet: devnet.ownsChain,
    ...(walletAccounts.length > 0 ? { devAccounts: walletAccounts } : {}),
  };
}

export function writeRuntimeConfig(config: RuntimeConfigJson, path = DEFAULT_CONFIG_PATH): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}
