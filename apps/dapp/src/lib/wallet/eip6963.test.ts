import { describe, expect, it } from 'vitest';
import { LEGACY_RDNS, discoverWallets, safeIcon, type DiscoveredWallet } from './eip6963';
import { FakeProvider, announce, fakeWindow } from './fake-provider';

describe('discoverWallets', () => {
  it('lists wallets announced before and after discovery starts, one per rdns', () => {
    const win = fakeWindow();
    const early = new FakeProvider({});
    announce(win, 'Early', 'com.early', early);
    let seen: DiscoveredWallet[] = [];
    const stop = discoverWallets(win, (wallets) => (seen = wallets));
    expect(seen.map((w) => w.info.name)).toEqual(['Early']);

    const late = new FakeProvider({});
    announce(win, 'Late', 'com.late', late);
    announce(win, 'Late again', 'com.late', late, 'other-uuid'); // same wallet, re-announced
    expect(seen.map((w) => w.info.rdns)).toEqual(['com.early', 'com.late']);
    expect(seen[0]!.provider).toBe(early);

    stop();
    announce(win, 'After stop', 'com.after', new FakeProvider({}));
    expect(seen).toHaveLength(2);
  });

  it('ignores malformed announcements', () => {
    const win = fakeWindow();
    let seen: DiscoveredWallet[] = [];
    discoverWallets(win, (wallets) => (seen = wallets));
    for (const detail of [
      undefined,
      { info: { uuid: 'x', name: 'No provider', rdns: 'a.b', icon: '' } },
      { info: { uuid: 'x', name: '', rdns: 'a.b', icon: '' }, provider: new FakeProvider({}) },
      { info: { name: 'No rdns' }, provider: new FakeProvider({}) },
      { info: { uuid: 'x', name: 'Bad provider', rdns: 'a.b', icon: '' }, provider: {} },
    ]) {
      win.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    }
    expect(seen).toEqual([]);
  });

  it('offers the legacy window.ethereum unless an announced wallet is that same provider', () => {
    const legacy = Object.assign(new FakeProvider({}), { isMetaMask: true });
    const win = fakeWindow(legacy);
    let seen: DiscoveredWallet[] = [];
    discoverWallets(win, (wallets) => (seen = wallets));
    expect(seen).toEqual([
      {
        info: { uuid: LEGACY_RDNS, name: 'Browser wallet (MetaMask)', icon: '', rdns: LEGACY_RDNS },
        provider: legacy,
      },
    ]);
    announce(win, 'MetaMask', 'io.metamask', legacy);
    expect(seen.map((w) => w.info.name)).toEqual(['MetaMask']);
  });
});

describe('safeIcon', () => {
  it('shows data: image URIs only', () => {
    expect(safeIcon('data:image/svg+xml;base64,AAA')).toBe('data:image/svg+xml;base64,AAA');
    expect(safeIcon('data:image/png;base64,AAA')).toBe('data:image/png;base64,AAA');
    expect(safeIcon('https://evil.example/x.png')).toBeUndefined();
    expect(safeIcon('data:text/html,<script>')).toBeUndefined();
    expect(safeIcon('')).toBeUndefined();
  });
});
