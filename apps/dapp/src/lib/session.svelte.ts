// What every page shares: the runtime config, the wallet, the transaction center, and the SDK context —
// read-only until a wallet is connected on the right chain. Pages build the SDK modules they need on
// `session.context` (so each page's bundle holds only its modules).
import type { PlazaContext } from '@plaza/sdk';
import { getContext, setContext } from 'svelte';
import type { PublicClient } from 'viem';
import { createContext, createReadClient } from './chain/clients';
import type { DappConfig } from './config';
import { TxCenter } from './tx.svelte';
import { WalletState, type WalletEnvironment } from './wallet.svelte';

const KEY = Symbol('plaza.session');

/** How often data on screen is refreshed besides after the user's own transactions. */
export const REFRESH_MS = 12_000;

export class Session {
  readonly config: DappConfig;
  readonly wallet: WalletState;
  readonly tx: TxCenter;
  readonly publicClient: PublicClient;
  /** The SDK without a wallet: reads work whatever the wallet does. */
  readonly readContext: PlazaContext;
  /** The SDK with the wallet's client when it can send; read-only otherwise. */
  readonly context: PlazaContext = $derived.by(() =>
    this.wallet.ready && this.wallet.client
      ? createContext(this.config, this.publicClient, this.wallet.client)
      : this.readContext,
  );
  /** Advances every REFRESH_MS while the page is visible. */
  tick = $state(0);
  /** Everything on-chain a page shows depends on this: it changes on ticks and after confirmed transactions. */
  readonly freshness = $derived.by(() => `${this.tick}:${this.tx.confirmations}`);

  constructor(config: DappConfig, env: WalletEnvironment) {
    this.config = config;
    this.wallet = new WalletState(config, env);
    this.tx = new TxCenter(this.wallet);
    this.publicClient = createReadClient(config);
    this.readContext = createContext(config, this.publicClient);
  }

  /** Starts wallet discovery and the refresh tick; returns the stop function. */
  start(doc: Document): () => void {
    const stopWallet = this.wallet.start();
    const timer = setInterval(() => {
      if (doc.visibilityState === 'visible') this.tick++;
    }, REFRESH_MS);
    return () => {
      stopWallet();
      clearInterval(timer);
    };
  }

  /** A transaction link, when the config names an explorer. */
  txUrl(hash: string): string | undefined {
    return this.config.explorerUrl ? `${this.config.explorerUrl}/tx/${hash}` : undefined;
  }
}

export function setSession(session: Session): void {
  setContext(KEY, session);
}

/** The session, in any component under the root layout. */
export function getSession(): Session {
  const session = getContext<Session | undefined>(KEY);
  if (!session) throw new Error('getSession() outside the root layout.');
  return session;
}
