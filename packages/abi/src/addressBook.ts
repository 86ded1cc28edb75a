import { getAddress, isAddress, type Address } from 'viem';

/** One deployed contract: where it lives and the block it was deployed in (indexers start there). */
export interface DeployedContract {
  readonly address: Address;
  readonly block: number;
}

/**
 * Every Plaza contract deployed to one chain. Written by `contracts/script/Deploy.s.sol`, one JSON file
 * per chain id in `packages/abi/deployments/<chainId>.json` (or wherever a devnet keeps its own).
 *
 * @example
 * ```json
 * {
 *   "chainId": 31337,
 *   "network": "anvil",
 *   "contracts": {
 *     "PlazaUSD": { "address": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "block": 1 }
 *   }
 * }
 * ```
 */
export interface Deployment {
  readonly chainId: number;
  /** Human name of the network (`anvil`, `base-sepolia`, ...); graph-cli's `network` for the subgraph. */
  readonly network: string;
  readonly contracts: Readonly<Record<string, DeployedContract>>;
}

/** Deployments keyed by chain id. */
export type AddressBook = Readonly<Record<number, Deployment>>;

/** A deployment file that does not have the expected shape, or a contract it does not hold. */
export class AddressBookError extends Error {
  override readonly name = 'AddressBookError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed deployment file and normalises addresses to their checksummed form.
 *
 * @example
 * ```ts
 * import { parseDeployment } from '@plaza/abi';
 * const deployment = parseDeployment(JSON.parse(readFileSync('deployments/31337.json', 'utf8')));
 * ```
 */
export function parseDeployment(json: unknown, origin = 'deployment'): Deployment {
  if (!isRecord(json)) throw new AddressBookError(`${origin}: expected a JSON object.`);
  const { chainId, network, contracts } = json;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new AddressBookError(`${origin}: "chainId" must be a positive integer.`);
  }
  if (typeof network !== 'string' || network.length === 0) {
    throw new AddressBookError(`${origin}: "network" must be a non-empty string.`);
  }
  if (!isRecord(contracts)) throw new AddressBookError(`${origin}: "contracts" must be an object.`);
  const parsed: Record<string, DeployedContract> = {};
  for (const [name, entry] of Object.entries(contracts)) {
    if (
      !isRecord(entry) ||
      typeof entry.address !== 'string' ||
      !isAddress(entry.address, { strict: false })
    ) {
      throw new AddressBookError(`${origin}: contract "${name}" needs an "address" (0x + 40 hex digits).`);
    }
    if (typeof entry.block !== 'number' || !Number.isSafeInteger(entry.block) || entry.block < 0) {
      throw new AddressBookError(
        `${origin}: contract "${name}" needs a "block" (the deployment block number).`,
      );
    }
    parsed[name] = { address: getAddress(entry.address), block: entry.block };
  }
  return { chainId, network, contracts: parsed };
}

/**
 * The deployment of a chain, or a clear error naming the chains the book knows.
 *
 * @example
 * ```ts
 * import { addressBook, getDeployment } from '@plaza/abi';
 * const { contracts } = getDeployment(addressBook, 8453);
 * ```
 */
export function getDeployment(book: AddressBook, chainId: number): Deployment {
  const deployment = book[chainId];
  if (!deployment) {
    const known = Object.keys(book).join(', ') || 'none';
    throw new AddressBookError(
      `Plaza is not deployed on chain ${chainId} in this address book (known chains: ${known}).`,
    );
  }
  return deployment;
}

/**
 * A deployed contract by name, or a clear error naming the contracts the deployment has.
 *
 * @example
 * ```ts
 * import { getDeployedContract } from '@plaza/abi';
 * const { address, block } = getDeployedContract(deployment, 'PlazaUSD');
 * ```
 */
export function getDeployedContract(deployment: Deployment, name: string): DeployedContract {
  const contract = deployment.contracts[name];
  if (!contract) {
    const known = Object.keys(deployment.contracts).join(', ') || 'none';
    throw new AddressBookError(
      `No contract "${name}" in the ${deployment.network} deployment (chain ${deployment.chainId}); it has: ${known}.`,
    );
  }
  return contract;
}
