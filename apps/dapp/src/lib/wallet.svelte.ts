// The wallet: EIP-6963 discovery, connect/disconnect, account and chain changes, the wrong-network state and
// the switch (adding the chain when the wallet does not know it), and the devnet's dev wallet. No wagmi: this
// runes class is the whole connection layer, and it hands the SDK a viem wallet client.
import type { Address, WalletClient } from 'viem';
import {
  createDevWalletClient,
  createInjectedWalletClient,
  type Eip1193Provider,
  type SignListener,
} from './chain/clients';
import type { DappConfig, DevAccountConfig } from './config';
import { describeFailure, providerErrorCode, UNRECOGNIZED_CHAIN, USER_REJECTED } from './errors';
import { discoverWallets, type DiscoveredWallet } from './wallet/eip6963';

export type { DiscoveredWallet } from './wallet/eip6963';

/** What the wallet is connected through. */
export type Connection =
  | { readonly kind: 'injected'; readonly wallet: DiscoveredWallet }
  | { readonly kind: 'dev'; readonly account: DevAccountConfig };

/** Remembers the last connection so a reload reconnects without a prompt. */
const STORAGE_KEY = 'plaza.wallet';

const toHexChainId = (id: number) => `0x${id.toString(16)}`;

function parseChainId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(value)) return Number(value);
  return null;
}

function firstAccount(value: unknown): Address | null {
  if (!Array.isArray(value) || typeof value[0] !== 'string') return null;
  return /^0x[0-9a-fA-F]{40}$/.test(value[0]) ? (value[0] as Address) : null;
}

export interface WalletEnvironment {
  readonly window: Window & { ethereum?: unknown };
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
}

export class WalletState {
  private readonly config: DappConfig;
  private readonly env: WalletEnvironment;
  /** Injected wallets found by EIP-6963 (and the legacy window.ethereum). */
  wallets = $state.raw<DiscoveredWallet[]>([]);
  connection = $state.raw<Connection | null>(null);
  account = $state<Address | null>(null);
  /** The wallet's current chain (the dev wallet is always on the app's chain). */
  chainId = $state<number | null>(null);
  status = $state<'idle' | 'connecting' | 'switching'>('idle');
  /** The last connection or switch problem, for the user. */
  error = $state<string | null>(null);
  /** A viem wallet client for the SDK, when connected. */
  client = $state.raw<WalletClient | null>(null);

  readonly connected = $derived(this.account !== null && this.connection !== null);
  readonly wrongNetwork = $derived.by(() => this.connected && this.chainId !== this.config.chainId);
  /** Whether the SDK may send transactions through this wallet now. */
  readonly ready = $derived(this.connected && !this.wrongNetwork && this.client !== null);
  readonly devAccounts: readonly DevAccountConfig[];

  // Listeners are not UI state: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #signListeners = new Set<SignListener>();
  #unsubscribe: (() => void) | undefined;
  #stopDiscovery: (() => void) | undefined;
  #autoConnect: string | null = null;

  constructor(config: DappConfig, env: WalletEnvironment) {
    this.config = config;
    this.env = env;
    this.devAccounts = config.devnet ? config.devAccounts : [];
  }

  /** Starts discovery (and reconnects to the last wallet if it is found and still authorised). */
  start(): () => void {
    this.#autoConnect = this.env.storage?.getItem(STORAGE_KEY) ?? null;
    this.#stopDiscovery = discoverWallets(this.env.window, (wallets) => {
      this.wallets = wallets;
      const remembered = this.#autoConnect;
      const match = remembered && wallets.find((w) => w.info.rdns === remembered);
      if (match && !this.connection) {
        this.#autoConnect = null;
        void this.#reconnect(match);
      }
    });
    const remembered = this.#autoConnect;
    if (remembered?.startsWith('dev:') && !this.connection) {
      this.#autoConnect = null;
      const account = this.devAccounts.find((a) => `dev:${a.name}` === remembered);
      if (account) void this.connectDev(account.name);
    }
    return () => this.stop();
  }

  stop(): void {
    this.#stopDiscovery?.();
    this.#unsubscribe?.();
  }

  /** Calls `listener` whenever a signature or transaction is sent to the wallet for approval. */
  onSign(listener: SignListener): () => void {
    this.#signListeners.add(listener);
    return () => this.#signListeners.delete(listener);
  }

  #emitSign: SignListener = (method) => {
    for (const listener of this.#signListeners) listener(method);
  };

  /** Asks the wallet for its accounts (the wallet shows its connect prompt). */
  async connect(wallet: DiscoveredWallet): Promise<boolean> {
    this.status = 'connecting';
    this.error = null;
    try {
      const accounts = await wallet.provider.request({ method: 'eth_requestAccounts' });
      const account = firstAccount(accounts);
      if (!account) throw new Error(`${wallet.info.name} returned no account.`);
      const chainId = parseChainId(await wallet.provider.request({ method: 'eth_chainId' }));
      this.#attach(wallet, account, chainId);
      return true;
    } catch (error) {
      this.error =
        providerErrorCode(error) === USER_REJECTED
          ? `You declined the connection in ${wallet.info.name}.`
          : `Could not connect to ${wallet.info.name}: ${describeFailure(error).message}`;
      return false;
    } finally {
      this.status = 'idle';
    }
  }

  /** Silent reconnection: only if the wallet still exposes an account without a prompt. */
  async #reconnect(wallet: DiscoveredWallet): Promise<void> {
    try {
      const account = firstAccount(await wallet.provider.request({ method: 'eth_accounts' }));
      if (!account || this.connection) return;
      const chainId = parseChainId(await wallet.provider.request({ method: 'eth_chainId' }));
      this.#attach(wallet, account, chainId);
    } catch {
      // A wallet that refuses eth_accounts stays disconnected until the user connects it.
    }
  }

  #attach(wallet: DiscoveredWallet, account: Address, chainId: number | null): void {
    this.#unsubscribe?.();
    this.connection = { kind: 'injected', wallet };
    this.account = account;
    this.chainId = chainId;
    this.#rebuildClient();
    this.env.storage?.setItem(STORAGE_KEY, wallet.info.rdns);

    const provider = wallet.provider;
    const onAccounts = (accounts: unknown) => {
      const next = firstAccount(accounts);
      if (!next) this.disconnect();
      else {
        this.account = next;
        this.#rebuildClient();
      }
    };
    const onChain = (id: unknown) => {
      this.chainId = parseChainId(id);
      this.#rebuildClient();
    };
    const onDisconnect = () => this.disconnect();
    provider.on?.('accountsChanged', onAccounts as never);
    provider.on?.('chainChanged', onChain as never);
    provider.on?.('disconnect', onDisconnect as never);
    this.#unsubscribe = () => {
      provider.removeListener?.('accountsChanged', onAccounts as never);
      provider.removeListener?.('chainChanged', onChain as never);
      provider.removeListener?.('disconnect', onDisconnect as never);
      this.#unsubscribe = undefined;
    };
  }

  #rebuildClient(): void {
    const connection = this.connection;
    if (connection?.kind !== 'injected' || !this.account || this.chainId !== this.config.chainId) {
      if (connection?.kind !== 'dev') this.client = null;
      return;
    }
    this.client = createInjectedWalletClient(
      this.config,
      connection.wallet.provider as Eip1193Provider,
      this.account,
      this.#emitSign,
    );
  }

  /** Connects the devnet's dev wallet as one of its funded accounts (keys are public: devnet only). */
  async connectDev(name: string): Promise<boolean> {
    const account = this.devAccounts.find((a) => a.name === name);
    if (!account) {
      this.error = `No dev account named ${name}.`;
      return false;
    }
    this.#unsubscribe?.();
    this.status = 'connecting';
    this.error = null;
    try {
      this.client = await createDevWalletClient(this.config, account.privateKey, this.#emitSign);
      this.connection = { kind: 'dev', account };
      this.account = account.address;
      this.chainId = this.config.chainId;
      this.env.storage?.setItem(STORAGE_KEY, `dev:${account.name}`);
      return true;
    } catch (error) {
      this.error = `Could not start the dev wallet: ${describeFailure(error).message}`;
      return false;
    } finally {
      this.status = 'idle';
    }
  }

  /** Forgets the connection (wallets have no standard "disconnect" request; the app stops using it). */
  disconnect(): void {
    this.#unsubscribe?.();
    this.connection = null;
    this.account = null;
    this.chainId = null;
    this.client = null;
    this.error = null;
    this.env.storage?.removeItem(STORAGE_KEY);
  }

  /** Switches the wallet to the app's chain, adding it first if the wallet does not know it (error 4902). */
  async switchNetwork(): Promise<boolean> {
    const connection = this.connection;
    if (connection?.kind !== 'injected') return !this.wrongNetwork;
    const { provider, info } = connection.wallet;
    const chainId = toHexChainId(this.config.chainId);
    this.status = 'switching';
    this.error = null;
    try {
      try {
        await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
      } catch (error) {
        if (providerErrorCode(error) !== UNRECOGNIZED_CHAIN) throw error;
        await provider.request({
          method: 'wallet_addEthereumChain',
          params: [
            {
              chainId,
              chainName: this.config.chainName,
              rpcUrls: [this.config.rpcUrl],
              nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
              ...(this.config.explorerUrl ? { blockExplorerUrls: [this.config.explorerUrl] } : {}),
            },
          ],
        });
        await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
      }
      // Wallets announce the switch with chainChanged; ask as well, for those that do not.
      this.chainId = parseChainId(await provider.request({ method: 'eth_chainId' }));
      this.#rebuildClient();
      return !this.wrongNetwork;
    } catch (error) {
      this.error =
        providerErrorCode(error) === USER_REJECTED
          ? `You declined the network switch in ${info.name}.`
          : `${info.name} could not switch to ${this.config.chainName}: ${describeFailure(error).message}`;
      return false;
    } finally {
      this.status = 'idle';
    }
  }
}
