// The one place the app builds viem clients (ESLint keeps viem's runtime out of everything else): every
// contract read, write and signature then goes through @plaza/sdk on these clients.
import { createPlazaContext, type PlazaContext } from '@plaza/sdk';
import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  http,
  type Address,
  type Chain,
  type EIP1193RequestFn,
  type Hex,
  type PublicClient,
  type WalletClient,
} from 'viem';
import type { DappConfig } from '../config';

/** The EIP-1193 surface the app uses. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): unknown;
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
}

/** Methods that ask the wallet's user (or the dev wallet's key) to sign. */
export const SIGNING_METHODS: ReadonlySet<string> = new Set([
  'eth_sendTransaction',
  'eth_sendRawTransaction',
  'eth_signTransaction',
  'eth_signTypedData_v4',
  'personal_sign',
]);

/** Called when a request that needs a signature goes to the wallet (the lifecycle shows "confirm in wallet"). */
export type SignListener = (method: string) => void;

export function chainFromConfig(config: DappConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    ...(config.explorerUrl
      ? { blockExplorers: { default: { name: 'Explorer', url: config.explorerUrl } } }
      : {}),
  });
}

/** Reads go straight to the configured RPC, whatever network the wallet is on. */
export function createReadClient(config: DappConfig): PublicClient {
  return createPublicClient({
    chain: chainFromConfig(config),
    transport: http(config.rpcUrl, { retryCount: 1 }),
    pollingInterval: config.devnet ? 250 : 2_000,
  }) as PublicClient;
}

/** A provider whose signing requests are reported to `onSign` before they are forwarded. */
function observed(provider: Eip1193Provider, onSign: SignListener): Eip1193Provider {
  return {
    request(args) {
      if (SIGNING_METHODS.has(args.method)) onSign(args.method);
      return provider.request(args);
    },
  };
}

/** A wallet client on an injected (EIP-1193) wallet's account. */
export function createInjectedWalletClient(
  config: DappConfig,
  provider: Eip1193Provider,
  account: Address,
  onSign: SignListener,
): WalletClient {
  return createWalletClient({
    account,
    chain: chainFromConfig(config),
    transport: custom(observed(provider, onSign) as { request: EIP1193RequestFn }),
  });
}

/**
 * A wallet client that signs in the page with a devnet key (anvil's public keys; the app offers it only when
 * config.json says `devnet: true`). viem's accounts code is loaded only when the dev wallet is used.
 */
export async function createDevWalletClient(
  config: DappConfig,
  privateKey: Hex,
  onSign: SignListener,
): Promise<WalletClient> {
  const { privateKeyToAccount } = await import('viem/accounts');
  const account = privateKeyToAccount(privateKey);
  const base = http(config.rpcUrl);
  return createWalletClient({
    account,
    chain: chainFromConfig(config),
    transport: (options) => {
      const transport = base(options);
      const request = transport.request;
      return {
        ...transport,
        request: ((args: { method: string }) => {
          if (SIGNING_METHODS.has(args.method)) onSign(args.method);
          return request(args as never);
        }) as typeof request,
      };
    },
  });
}

/** The SDK's context: read-only without a wallet client. Pages build the modules they need on it. */
export function createContext(
  config: DappConfig,
  publicClient: PublicClient,
  walletClient?: WalletClient,
): PlazaContext {
  return createPlazaContext({
    publicClient,
    ...(walletClient ? { walletClient } : {}),
    chainId: config.chainId,
    deployment: config.deployment,
  });
}
