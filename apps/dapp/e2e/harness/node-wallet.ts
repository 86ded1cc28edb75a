// The Node side of the injected test wallet: answers the page's EIP-1193 requests like a real wallet would —
// a viem local account (an anvil key) signs, anvil executes, reads pass through — and lets a test act as the
// wallet's user: reject the next request (4001), be on another chain, not know a chain (4902), switch
// accounts, or push events into the page.
import { devAccount } from '@plaza/devnet';
import {
  createWalletClient,
  http,
  type Address,
  type Hex,
  type LocalAccount,
  type TypedDataDefinition,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

export interface WalletRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

export type WalletReply = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

export interface NodeWalletOptions {
  readonly rpcUrl: string;
  /** The devnet's chain id (31337): where transactions go. */
  readonly devChainId: number;
  /** The dev account signing (default alice). */
  readonly account?: string;
  /** The chain the wallet starts on (default: the devnet's). */
  readonly chainId?: number;
  /** Chains the wallet knows; switching to another gives 4902 until it is added (default: the start chain). */
  readonly knownChains?: readonly number[];
}

/** Requests that a user approves in a real wallet, and so can reject. */
const USER_PROMPTS = new Set([
  'eth_requestAccounts',
  'eth_sendTransaction',
  'personal_sign',
  'eth_signTypedData_v4',
  'wallet_switchEthereumChain',
  'wallet_addEthereumChain',
]);

const rejected = { error: { code: 4001, message: 'User rejected the request.' } } as const;

export class NodeWallet {
  /** Every request the page made, in order (method names). */
  readonly requests: string[] = [];
  /** The params of every wallet_addEthereumChain the page sent. */
  readonly addedChains: unknown[] = [];
  chainId: number;
  readonly knownChains: Set<number>;
  connected = false;

  #account: LocalAccount;
  #client: WalletClient;
  #rejectNext: string | true | undefined;
  #emit: ((event: string, payload: unknown) => Promise<void>) | undefined;
  readonly #rpcUrl: string;
  readonly #devChainId: number;

  constructor(options: NodeWalletOptions) {
    this.#rpcUrl = options.rpcUrl;
    this.#devChainId = options.devChainId;
    this.chainId = options.chainId ?? options.devChainId;
    this.knownChains = new Set(options.knownChains ?? [this.chainId]);
    this.#account = privateKeyToAccount(devAccount(options.account ?? 'alice').privateKey);
    this.#client = this.#walletClient();
  }

  get address(): Address {
    return this.#account.address;
  }

  /** Set by the session once the page exists: pushes an EIP-1193 event into the page. */
  attach(emit: (event: string, payload: unknown) => Promise<void>): void {
    this.#emit = emit;
  }

  /** The user rejects the next prompt (of `method`, or any prompt). */
  rejectNext(method?: string): void {
    this.#rejectNext = method ?? true;
  }

  /** The user switches account in the wallet. */
  async useAccount(name: string): Promise<void> {
    this.#account = privateKeyToAccount(devAccount(name).privateKey);
    this.#client = this.#walletClient();
    if (this.connected) await this.#emit?.('accountsChanged', [this.#account.address]);
  }

  /** The user switches network in the wallet (not through the app). */
  async useChain(chainId: number): Promise<void> {
    this.knownChains.add(chainId);
    this.chainId = chainId;
    await this.#emit?.('chainChanged', `0x${chainId.toString(16)}`);
  }

  #walletClient(): WalletClient {
    return createWalletClient({
      account: this.#account,
      chain: { ...foundry, id: this.#devChainId, rpcUrls: { default: { http: [this.#rpcUrl] } } },
      transport: http(this.#rpcUrl),
    });
  }

  async handle(request: WalletRequest): Promise<WalletReply> {
    const { method, params } = request;
    this.requests.push(method);
    if (
      USER_PROMPTS.has(method) &&
      this.#rejectNext &&
      (this.#rejectNext === true || this.#rejectNext === method)
    ) {
      this.#rejectNext = undefined;
      return rejected;
    }
    try {
      return { result: await this.#answer(method, params) };
    } catch (error) {
      const { code, message, data } = error as { code?: unknown; message?: string; data?: unknown };
      return {
        error: {
          code: typeof code === 'number' ? code : -32603,
          message: message ?? String(error),
          ...(data !== undefined ? { data } : {}),
        },
      };
    }
  }

  async #answer(method: string, params: readonly unknown[]): Promise<unknown> {
    switch (method) {
      case 'eth_requestAccounts':
        this.connected = true;
        return [this.#account.address];
      case 'eth_accounts':
        return this.connected ? [this.#account.address] : [];
      case 'eth_chainId':
        return `0x${this.chainId.toString(16)}`;
      case 'net_version':
        return String(this.chainId);
      case 'wallet_switchEthereumChain': {
        const id = Number((params[0] as { chainId: string }).chainId);
        if (!this.knownChains.has(id)) {
          throw Object.assign(
            new Error(`Unrecognized chain ID 0x${id.toString(16)}. Try adding the chain first.`),
            {
              code: 4902,
            },
          );
        }
        if (id !== this.chainId) await this.useChain(id);
        return null;
      }
      case 'wallet_addEthereumChain': {
        const spec = params[0] as { chainId: string };
        this.addedChains.push(spec);
        this.knownChains.add(Number(spec.chainId));
        return null;
      }
      case 'personal_sign':
        return this.#account.signMessage({ message: { raw: params[0] as Hex } });
      case 'eth_signTypedData_v4': {
        const typed = JSON.parse(params[1] as string) as TypedDataDefinition & {
          types: Record<string, unknown>;
        };
        const { EIP712Domain: _domain, ...types } = typed.types;
        return this.#account.signTypedData({ ...typed, types } as TypedDataDefinition);
      }
      case 'eth_sendTransaction': {
        if (this.chainId !== this.#devChainId) {
          throw Object.assign(new Error(`The wallet is on chain ${this.chainId}, not the devnet.`), {
            code: -32000,
          });
        }
        const tx = params[0] as { to?: Address; data?: Hex; value?: Hex; gas?: Hex };
        return this.#client.sendTransaction({
          account: this.#account,
          chain: this.#client.chain,
          to: tx.to ?? null,
          ...(tx.data ? { data: tx.data } : {}),
          ...(tx.value ? { value: BigInt(tx.value) } : {}),
          ...(tx.gas ? { gas: BigInt(tx.gas) } : {}),
        });
      }
      default:
        return rpc(this.#rpcUrl, method, params);
    }
  }
}

/** A JSON-RPC call to the node; an error reply becomes an error with its code and data. */
export async function rpc(rpcUrl: string, method: string, params: readonly unknown[] = []): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
  if (body.error)
    throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
  return body.result;
}
