// Wallet discovery and connection: injected wallets are listed through EIP-6963 (by name and icon, the legacy
// window.ethereum not listed twice), connecting shows the account and its balances, disconnecting returns to
// the read-only state, and an account change in the wallet follows through.
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, openDapp, plazaAs } from '../harness';
import { formatAmount } from '../../src/lib/amount';

const stack = e2eStack();
isolateChain();

describe('connect', () => {
  it('lists every EIP-6963 wallet, connects one, shows the account and balances, and disconnects', async () => {
    const app = await openDapp(stack, {
      wallets: [
        { name: 'Plaza E2E Wallet', rdns: 'dev.plaza.e2e', legacy: true },
        { name: 'Second Wallet', rdns: 'dev.plaza.second' },
      ],
    });
    try {
      const { page } = app;
      // Read-only before connecting: figures load, the swap asks for a wallet.
      await expect.poll(() => page.getByTestId('stat-supply').getAttribute('aria-busy')).toBe('false');
      await expect
        .poll(() => page.getByRole('button', { name: 'Connect a wallet to swap' }).isDisabled())
        .toBe(true);

      await page.getByTestId('wallet-button').click();
      const dialog = page.getByRole('dialog', { name: 'Connect a wallet' });
      const names = await dialog.getByRole('list').first().getByRole('button').allInnerTexts();
      expect(names.map((n) => n.trim())).toEqual(['Plaza E2E Wallet', 'Second Wallet']);
      expect(await dialog.getByText('Dev wallet').count()).toBeGreaterThan(0);
      await app.screenshot('connect-wallet-list');
      await dialog.getByRole('button', { name: 'Second Wallet' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const alice = app.wallets[1]!.address;
      await expect
        .poll(() => page.getByTestId('wallet-button').innerText())
        .toContain(`${alice.slice(0, 6)}…${alice.slice(-4)}`);
      expect(app.wallets[1]!.requests).toContain('eth_requestAccounts');
      expect(app.wallets[0]!.requests).not.toContain('eth_requestAccounts');

      const usdc = await plazaAs('alice').usdc.balanceOf(alice);
      await expect
        .poll(() => page.getByTestId('swap-amount-balance').innerText())
        .toBe(formatAmount(usdc, { decimals: 6 }, { maxDecimals: 6 }));
      await expect.poll(() => page.getByRole('button', { name: 'Enter an amount' }).isVisible()).toBe(true);
      await app.screenshot('connect-connected');

      await page.getByTestId('wallet-button').click();
      await expect.poll(() => page.getByTestId('account-address').innerText()).toBe(alice);
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await expect.poll(() => page.getByTestId('wallet-button').innerText()).toBe('Connect wallet');
      await expect
        .poll(() => page.getByRole('button', { name: 'Connect a wallet to swap' }).isVisible())
        .toBe(true);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('follows an account change made in the wallet', async () => {
    const app = await openDapp(stack, { account: 'alice' });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      await wallet.useAccount('bob');
      const bob = wallet.address;
      const pusd = await plazaAs('bob').pusd.balanceOf(bob);
      await expect.poll(() => page.getByTestId('wallet-button').innerText()).toContain(bob.slice(0, 6));
      await page.getByRole('radio', { name: 'pUSD → USDC' }).check();
      await expect
        .poll(() => page.getByTestId('swap-amount-balance').innerText())
        .toBe(formatAmount(pusd, { decimals: 18 }, { maxDecimals: 6 }));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
