// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { WalletState } from './wallet.svelte';
import { FakeProvider, announce, fakeWindow, rejection } from './wallet/fake-provider';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const deployment = {
  chainId: 31337,
  network: 'anvil',
  contracts: { PlazaUSD: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', block: 1 } },
};
const devAccounts = [
  {
    name: 'alice',
    role: 'demo user',
    address: ALICE,
    privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  },
];
const config = parseConfig({
  rpcUrl: 'http://127.0.0.1:8545',
  chainId: 31337,
  deployment,
  devnet: true,
  devAccounts,
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

/** A wallet on `chainId` that knows `known` chains (switching elsewhere answers 4902 until added). */
function walletOn(chainId: number, known: number[] = [chainId]) {
  let chain = chainId;
  const knownChains = new Set(known);
  const provider: FakeProvider = new FakeProvider({
    eth_requestAccounts: () => [ALICE],
    eth_accounts: () => [ALICE],
    eth_chainId: () => `0x${chain.toString(16)}`,
    wallet_switchEthereumChain: (params) => {
      const id = Number((params as [{ chainId: string }])[0].chainId);
      if (!knownChains.has(id)) throw Object.assign(new Error('Unrecognized chain'), { code: 4902 });
      chain = id;
      provider.emit('chainChanged', `0x${id.toString(16)}`);
      return null;
    },
    wallet_addEthereumChain: (params) => {
      knownChains.add(Number((params as [{ chainId: string }])[0].chainId));
      return null;
    },
  });
  return provider;
}

function setup(provider: FakeProvider, storage = new MemoryStorage()) {
  const win = fakeWindow();
  announce(win, 'Test Wallet', 'dev.test', provider);
  const wallet = new WalletState(config, { window: win, storage });
  wallet.start();
  return { wallet, storage, win };
}

describe('WalletState', () => {
  it('starts read-only and connects an announced wallet', async () => {
    const provider = walletOn(31337);
    const { wallet, storage } = setup(provider);
    expect(wallet.connected).toBe(false);
    expect(wallet.ready).toBe(false);
    expect(wallet.wallets.map((w) => w.info.name)).toEqual(['Test Wallet']);

    expect(await wallet.connect(wallet.wallets[0]!)).toBe(true);
    expect(wallet.account).toBe(ALICE);
    expect(wallet.chainId).toBe(31337);
    expect(wallet.wrongNetwork).toBe(false);
    expect(wallet.ready).toBe(true);
    expect(wallet.client?.account?.address).toBe(ALICE);
    expect(storage.items.get('plaza.wallet')).toBe('dev.test');
  });

  it('follows account and chain changes, and disconnects when the wallet drops the account', async () => {
    const provider = walletOn(31337);
    const { wallet, storage } = setup(provider);
    await wallet.connect(wallet.wallets[0]!);

    provider.emit('accountsChanged', [BOB]);
    expect(wallet.account).toBe(BOB);
    expect(wallet.client?.account?.address).toBe(BOB);

    provider.emit('chainChanged', '0x1');
    expect(wallet.chainId).toBe(1);
    expect(wallet.wrongNetwork).toBe(true);
    expect(wallet.ready).toBe(false);
    expect(wallet.client).toBeNull();

    provider.emit('chainChanged', '0x7a69');
    expect(wallet.ready).toBe(true);

    provider.emit('accountsChanged', []);
    expect(wallet.connected).toBe(false);
    expect(provider.listenerCount()).toBe(0);
    expect(storage.items.has('plaza.wallet')).toBe(false);
  });

  it('switches network, adding the chain when the wallet answers 4902', async () => {
    const provider = walletOn(1, [1]);
    const { wallet } = setup(provider);
    await wallet.connect(wallet.wallets[0]!);
    expect(wallet.wrongNetwork).toBe(true);

    expect(await wallet.switchNetwork()).toBe(true);
    expect(provider.methods().slice(2)).toEqual([
      'wallet_switchEthereumChain',
      'wallet_addEthereumChain',
      'wallet_switchEthereumChain',
      'eth_chainId',
    ]);
    expect(provider.calls.find((c) => c.method === 'wallet_addEthereumChain')?.params).toEqual([
      {
        chainId: '0x7a69',
        chainName: 'Plaza devnet (anvil)',
        rpcUrls: ['http://127.0.0.1:8545'],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      },
    ]);
    expect(wallet.wrongNetwork).toBe(false);
    expect(wallet.error).toBeNull();
  });

  it('says so when the user declines the connection or the switch', async () => {
    const provider = walletOn(1);
    provider.handlers.eth_requestAccounts = () => {
      throw rejection();
    };
    const { wallet } = setup(provider);
    expect(await wallet.connect(wallet.wallets[0]!)).toBe(false);
    expect(wallet.error).toBe('You declined the connection in Test Wallet.');
    expect(wallet.connected).toBe(false);

    provider.handlers.eth_requestAccounts = () => [ALICE];
    provider.handlers.wallet_switchEthereumChain = () => {
      throw rejection();
    };
    await wallet.connect(wallet.wallets[0]!);
    expect(await wallet.switchNetwork()).toBe(false);
    expect(wallet.error).toBe('You declined the network switch in Test Wallet.');
    expect(wallet.wrongNetwork).toBe(true);
  });

  it('reconnects silently to the remembered wallet if it still exposes the account', async () => {
    const storage = new MemoryStorage();
    storage.setItem('plaza.wallet', 'dev.test');
    const provider = walletOn(31337);
    const { wallet } = setup(provider, storage);
    await expect.poll(() => wallet.account).toBe(ALICE);
    expect(provider.methods()).not.toContain('eth_requestAccounts');
  });

  it('connects the dev wallet only on a devnet, signing with the configured key', async () => {
    const { wallet } = setup(walletOn(31337));
    expect(wallet.devAccounts.map((a) => a.name)).toEqual(['alice']);
    expect(await wallet.connectDev('alice')).toBe(true);
    expect(wallet.connection?.kind).toBe('dev');
    expect(wallet.client?.account?.type).toBe('local');
    expect(wallet.ready).toBe(true);
    expect(await wallet.connectDev('mallory')).toBe(false);
    expect(wallet.error).toBe('No dev account named mallory.');

    const production = new WalletState(parseConfig({ rpcUrl: 'http://x', chainId: 31337, deployment }), {
      window: fakeWindow(),
      storage: undefined,
    });
    expect(production.devAccounts).toEqual([]);
    expect(await production.connectDev('alice')).toBe(false);
  });

  it('reports signing requests to its listeners', async () => {
    const provider = walletOn(31337);
    provider.handlers.personal_sign = () => '0xsigned';
    const { wallet } = setup(provider);
    await wallet.connect(wallet.wallets[0]!);
    const seen: string[] = [];
    const stop = wallet.onSign((method) => seen.push(method));
    await wallet.client!.signMessage({ account: ALICE, message: 'hi' });
    stop();
    await wallet.client!.signMessage({ account: ALICE, message: 'again' });
    expect(seen).toEqual(['personal_sign']);
  });
});
