import type { Deployment } from '@plaza/abi';
import type { Account, Address, PublicClient, WalletClient } from 'viem';
import { PlazaError, contractError, decodeError, type ErrorTable } from './errors.js';

/**
 * What every module action needs: the clients, the chain's deployment and the error tables. Built by
 * `createPlazaClient` (or `createPlazaContext` for apps that assemble only the modules they use).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createPsmModule } from '@plaza/sdk';
 * const ctx = createPlazaContext({ publicClient, chainId: 31337, deployment });
 * const psm = createPsmModule(ctx); // only the PSM ends up in the bundle
 * ```
 */
export interface PlazaContext {
  readonly chainId: number;
  readonly deployment: Deployment;
  readonly publicClient: PublicClient;
  readonly walletClient: WalletClient | undefined;
  /** Every module's error table, for decoding reverts. */
  readonly errorTables: readonly ErrorTable[];
  /** The address of a contract of the deployment, or a `NotDeployed` {@link PlazaError}. */
  address(name: string): Address;
  /** Whether the deployment has the contract. */
  has(name: string): boolean;
  /** {@link decodeError} with this context's tables. */
  decodeError(error: unknown, contract?: string, functionName?: string): PlazaError;
  /** {@link contractError} with this context's tables: a predicted revert, described like the real one. */
  contractError(
    contract: string,
    errorName: string,
    args: Readonly<Record<string, unknown>>,
    functionName?: string,
  ): PlazaError;
}

/**
 * The account that signs and sends: an explicit one, or the wallet client's.
 *
 * @example
 * ```ts
 * import { requireAccount } from '@plaza/sdk';
 * const account = requireAccount(ctx); // throws a NoWallet PlazaError without a wallet account
 * ```
 */
export function requireAccount(ctx: PlazaContext, account?: Account | Address): Account | Address {
  const resolved = account ?? ctx.walletClient?.account;
  if (!resolved) {
    throw new PlazaError(
      'This needs an account: pass a walletClient with an account to createPlazaClient (or an account to the call).',
      { code: 'NoWallet' },
    );
  }
  return resolved;
}

/**
 * The address of an account given as an address or a viem account.
 *
 * @example
 * ```ts
 * import { accountAddress } from '@plaza/sdk';
 * accountAddress(privateKeyToAccount(key)); // '0x…'
 * ```
 */
export function accountAddress(account: Account | Address): Address {
  return typeof account === 'string' ? account : account.address;
}

/** @internal Builds a context; `createPlazaContext` adds validation and the registered error tables. */
export function makeContext(options: {
  chainId: number;
  deployment: Deployment;
  publicClient: PublicClient;
  walletClient: WalletClient | undefined;
  errorTables: readonly ErrorTable[];
}): PlazaContext {
  const { deployment, errorTables } = options;
  return {
    ...options,
    address(name) {
      const entry = deployment.contracts[name];
      if (!entry) {
        const known = Object.keys(deployment.contracts).join(', ') || 'none';
        throw new PlazaError(
          `${name} is not deployed in the ${deployment.network} deployment (chain ${deployment.chainId}); it has: ${known}.`,
          { code: 'NotDeployed', args: { contract: name }, contract: name },
        );
      }
      return entry.address;
    },
    has: (name) => name in deployment.contracts,
    decodeError: (error, contract, functionName) =>
      decodeError(error, { tables: errorTables, contract, functionName }),
    contractError: (contract, errorName, args, functionName) =>
      contractError(errorTables, contract, errorName, args, functionName),
  };
}
