import { AddressBookError, addressBook, getDeployment, type Deployment } from '@plaza/abi';
import type { Account, Chain, PublicClient, Transport, WalletClient } from 'viem';
import { makeContext, type PlazaContext } from './core/context.js';
import { PlazaError } from './core/errors.js';
import { plazaErrorTables, plazaModules, type PlazaModules } from './modules.js';

/**
 * How to reach Plaza: viem clients, the chain id, and the deployment (default: `@plaza/abi`'s address book
 * entry for the chain; pass the devnet's `deployment.json` for a local chain).
 *
 * @example
 * ```ts
 * import type { PlazaClientOptions } from '@plaza/sdk';
 * const options: PlazaClientOptions = { publicClient, walletClient, chainId: 31337, deployment };
 * ```
 */
export interface PlazaClientOptions<chain extends Chain | undefined = Chain | undefined> {
  /** Any viem public client (chains with their own formatters, such as Base or OP, included). */
  readonly publicClient: PublicClient<Transport, chain>;
  /** Needed for writes and signatures (its account is the default sender and signer). */
  readonly walletClient?: WalletClient<Transport, chain, Account | undefined> | WalletClient;
  readonly chainId: number;
  /** An explicit deployment (e.g. `parseDeployment(JSON.parse(readFileSync('.plaza/devnet/deployment.json')))`). */
  readonly deployment?: Deployment;
}

/**
 * The Plaza client: one property per module (`pusd`, `usdc`, `psm`, `compliance`, `fees`) plus the clients and
 * deployment it was built with.
 *
 * @example
 * ```ts
 * const plaza: PlazaClient = createPlazaClient({ publicClient, walletClient, chainId: 31337, deployment });
 * await plaza.pusd.balanceOf(alice);
 * ```
 */
export interface PlazaClient extends PlazaModules {
  readonly chainId: number;
  readonly deployment: Deployment;
  readonly publicClient: PublicClient;
  readonly walletClient: WalletClient | undefined;
  /** What the modules share (to build extra modules on). */
  readonly context: PlazaContext;
  /** The same client with another wallet (e.g. another user in a script). */
  withWallet<chain extends Chain | undefined>(
    walletClient: WalletClient<Transport, chain, Account | undefined>,
  ): PlazaClient;
  /** Checks the node: its chain id, and code at every contract of the deployment. */
  verify(): Promise<void>;
  /** Any thrown error as a {@link PlazaError}. */
  decodeError(error: unknown, contract?: string, functionName?: string): PlazaError;
}

/**
 * Validates the options and builds the context the modules share.
 *
 * @example
 * ```ts
 * import { createPlazaContext, createPusdModule } from '@plaza/sdk';
 * const ctx = createPlazaContext({ publicClient, chainId: 8453 });
 * const pusd = createPusdModule(ctx);
 * ```
 */
export function createPlazaContext<chain extends Chain | undefined>(
  options: PlazaClientOptions<chain>,
): PlazaContext {
  // The modules only use chain-agnostic actions, so the chain's own types can be erased here.
  const publicClient = options.publicClient as unknown as PublicClient;
  const walletClient = options.walletClient as WalletClient | undefined;
  const { chainId } = options;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new PlazaError(`Invalid chainId: expected a positive integer, got ${JSON.stringify(chainId)}.`, {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name: 'chainId', value: chainId },
    });
  }
  let deployment = options.deployment;
  if (!deployment) {
    try {
      deployment = getDeployment(addressBook, chainId);
    } catch (error) {
      if (!(error instanceof AddressBookError)) throw error;
      throw new PlazaError(
        `${error.message} For a local chain, pass its deployment (the devnet's deployment.json).`,
        {
          code: 'NotDeployed',
          args: { chainId },
          cause: error,
        },
      );
    }
  }
  const mismatch = (what: string, id: number) =>
    new PlazaError(`${what} is on chain ${id}, but Plaza was asked for chain ${chainId}.`, {
      code: 'ChainMismatch',
      args: { expected: chainId, actual: id },
    });
  if (deployment.chainId !== chainId)
    throw mismatch(`The deployment (${deployment.network})`, deployment.chainId);
  if (publicClient.chain && publicClient.chain.id !== chainId)
    throw mismatch('The publicClient', publicClient.chain.id);
  if (walletClient?.chain && walletClient.chain.id !== chainId)
    throw mismatch('The walletClient', walletClient.chain.id);
  return makeContext({ chainId, deployment, publicClient, walletClient, errorTables: plazaErrorTables });
}

/**
 * Creates the Plaza client.
 *
 * @example
 * ```ts
 * import { createPlazaClient } from '@plaza/sdk';
 * import { createPublicClient, createWalletClient, http } from 'viem';
 * import { privateKeyToAccount } from 'viem/accounts';
 *
 * const transport = http('http://127.0.0.1:8545');
 * const plaza = createPlazaClient({
 *   publicClient: createPublicClient({ transport }),
 *   walletClient: createWalletClient({ transport, account: privateKeyToAccount(key) }),
 *   chainId: 31337,
 *   deployment, // the devnet's; omit on chains in @plaza/abi's address book
 * });
 * ```
 */
export function createPlazaClient<chain extends Chain | undefined>(
  options: PlazaClientOptions<chain>,
): PlazaClient {
  const context = createPlazaContext(options);
  const modules = Object.fromEntries(
    Object.entries(plazaModules).map(([name, create]) => [name, create(context)]),
  ) as unknown as PlazaModules;
  return {
    ...modules,
    chainId: context.chainId,
    deployment: context.deployment,
    publicClient: context.publicClient,
    walletClient: context.walletClient,
    context,
    withWallet: (walletClient) =>
      createPlazaClient({
        publicClient: context.publicClient,
        walletClient: walletClient as WalletClient,
        chainId: context.chainId,
        deployment: context.deployment,
      }),
    async verify() {
      let actual: number;
      try {
        actual = await context.publicClient.getChainId();
      } catch (error) {
        throw context.decodeError(error, undefined, 'eth_chainId');
      }
      if (actual !== context.chainId) {
        throw new PlazaError(
          `The node answers as chain ${actual}, but Plaza was asked for chain ${context.chainId}.`,
          {
            code: 'ChainMismatch',
            args: { expected: context.chainId, actual },
          },
        );
      }
      for (const [name, { address }] of Object.entries(context.deployment.contracts)) {
        const code = await context.publicClient.getCode({ address });
        if (!code || code === '0x') {
          throw new PlazaError(
            `${name} has no code at ${address} on chain ${actual}: the deployment does not match this chain (a restarted devnet?).`,
            { code: 'NotDeployed', contract: name, args: { contract: name, address } },
          );
        }
      }
    },
    decodeError: (error, contract, functionName) => context.decodeError(error, contract, functionName),
  };
}
