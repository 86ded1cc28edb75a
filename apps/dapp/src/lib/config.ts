// The runtime config: the static build finds its chain at run time in /config.json, served next to the app
// (written by the stack launcher, scripts/stack.ts, or by whoever hosts the build). README.md documents it.
import { parseDeployment, type Deployment } from '@plaza/abi';
import type { Address, Hex } from 'viem';

/** A funded development account the dev wallet can sign with (devnet only: anvil's keys are public). */
export interface DevAccountConfig {
  readonly name: string;
  readonly role: string;
  readonly address: Address;
  readonly privateKey: Hex;
}

/** What the dApp needs to know about the network it serves. */
export interface DappConfig {
  /** JSON-RPC endpoint the app reads from (and the dev wallet sends to). */
  readonly rpcUrl: string;
  readonly chainId: number;
  /** Shown in the wrong-network banner and sent with wallet_addEthereumChain. */
  readonly chainName: string;
  /** The address book: Plaza's contracts on this chain. */
  readonly deployment: Deployment;
  /** The subgraph's GraphQL endpoint (the embedded indexer or a graph-node), when there is one. */
  readonly graphqlUrl: string | undefined;
  /** Block explorer base URL; transaction links are `${explorerUrl}/tx/${hash}`. */
  readonly explorerUrl: string | undefined;
  /** A local development chain: enables the dev wallet. */
  readonly devnet: boolean;
  /** Accounts for the dev wallet (only with `devnet: true`). */
  readonly devAccounts: readonly DevAccountConfig[];
}

/** A config.json that cannot be used, with what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function httpUrl(value: unknown, key: string, required: true): string;
function httpUrl(value: unknown, key: string, required: false): string | undefined;
function httpUrl(value: unknown, key: string, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ConfigError(`config.json: "${key}" is required (an http(s) URL).`);
    return undefined;
  }
  if (typeof value !== 'string') throw new ConfigError(`config.json: "${key}" must be a string URL.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`config.json: "${key}" is not a URL: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`config.json: "${key}" must be an http(s) URL, got ${url.protocol}.`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * Validates a parsed config.json. Dev accounts are accepted only on a devnet, so a production config can never
 * turn on the key-holding dev wallet by accident.
 */
export function parseConfig(json: unknown): DappConfig {
  if (!isRecord(json)) throw new ConfigError('config.json: expected a JSON object.');
  const rpcUrl = httpUrl(json.rpcUrl, 'rpcUrl', true);
  const { chainId } = json;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new ConfigError('config.json: "chainId" must be a positive integer.');
  }
  let deployment: Deployment;
  try {
    deployment = parseDeployment(json.deployment, 'config.json "deployment"');
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  if (deployment.chainId !== chainId) {
    throw new ConfigError(
      `config.json: the deployment is for chain ${deployment.chainId}, but "chainId" is ${chainId}.`,
    );
  }
  const devnet = json.devnet ?? false;
  if (typeof devnet !== 'boolean') throw new ConfigError('config.json: "devnet" must be true or false.');
  const chainName = json.chainName ?? (devnet ? `Plaza devnet (${deployment.network})` : deployment.network);
  if (typeof chainName !== 'string' || chainName === '') {
    throw new ConfigError('config.json: "chainName" must be a non-empty string.');
  }

  const rawAccounts = json.devAccounts ?? [];
  if (!Array.isArray(rawAccounts)) throw new ConfigError('config.json: "devAccounts" must be an array.');
  if (!devnet && rawAccounts.length > 0) {
    throw new ConfigError('config.json: "devAccounts" are only allowed with "devnet": true.');
  }
  const devAccounts = rawAccounts.map((entry: unknown, i): DevAccountConfig => {
    if (
      !isRecord(entry) ||
      typeof entry.name !== 'string' ||
      typeof entry.address !== 'string' ||
      !/^0x[0-9a-fA-F]{40}$/.test(entry.address) ||
      typeof entry.privateKey !== 'string' ||
      !/^0x[0-9a-fA-F]{64}$/.test(entry.privateKey)
    ) {
      throw new ConfigError(
        `config.json: devAccounts[${i}] needs a "name", an "address" and a "privateKey" (0x + 64 hex digits).`,
      );
    }
    return {
      name: entry.name,
      role: typeof entry.role === 'string' ? entry.role : '',
      address: entry.address as Address,
      privateKey: entry.privateKey as Hex,
    };
  });

  return {
    rpcUrl,
    chainId,
    chainName,
    deployment,
    graphqlUrl: httpUrl(json.graphqlUrl, 'graphqlUrl', false),
    explorerUrl: httpUrl(json.explorerUrl, 'explorerUrl', false),
    devnet,
    devAccounts,
  };
}

/** Fetches and validates the config served next to the app (`<base>/config.json`). */
export async function loadConfig(url: string, fetcher: typeof fetch = fetch): Promise<DappConfig> {
  let response: Response;
  try {
    response = await fetcher(url, { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(
      `Could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (!response.ok) {
    throw new ConfigError(
      `${url} answered ${response.status}: the app is served without its runtime config (see the dApp README, "Runtime config").`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError(`${url} is not valid JSON.`);
  }
  return parseConfig(json);
}
