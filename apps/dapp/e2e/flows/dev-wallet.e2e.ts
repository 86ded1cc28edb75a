// The devnet's dev wallet: offered (and labelled as such) when config.json says devnet, usable without any
// browser wallet; it signs in the page with anvil's public keys.
import { parseUsdc, quoteSellGem } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { e2eStack, isolateChain, lastFlow, openDapp, plazaAs } from '../harness';

const stack = e2eStack();
isolateChain();

describe('dev wallet', () => {
  it('swaps as a dev account in a browser without a wallet', async () => {
    const bob = plazaAs('bob');
    const me = bob.walletClient!.account!.address;
    const [usdcBefore, pusdBefore, state] = await Promise.all([
      bob.usdc.balanceOf(me),
      bob.pusd.balanceOf(me),
      bob.psm.state(),
    ]);
    const app = await openDapp(stack, { wallets: [] });
    try {
      const { page } = app;
      await page.getByTestId('wallet-button').click();
      const dialog = page.getByRole('dialog', { name: 'Connect a wallet' });
      await dialog.getByText('No browser wallet found.').waitFor();
      const dev = dialog.getByRole('region', { name: /Dev wallet/ });
      expect(await dev.innerText()).toContain('Devnet only');
      expect(await dev.innerText()).toContain('They are public');
      await dev.getByLabel('Account').selectOption('bob');
      await app.screenshot('dev-wallet-dialog');
      await dev.getByRole('button', { name: 'Use dev wallet' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByTestId('wallet-button').innerText()).toContain('Dev wallet · bob');

      await page.getByLabel('You pay').fill('50');
      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      expect((await lastFlow(page)).status).toBe('confirmed');
      expect(await bob.usdc.balanceOf(me)).toBe(usdcBefore - parseUsdc('50'));
      expect(await bob.pusd.balanceOf(me)).toBe(pusdBefore + quoteSellGem(parseUsdc('50'), state).pusdOut);

      // Reloading reconnects the same dev account.
      await page.reload();
      await expect.poll(() => page.getByTestId('wallet-button').innerText()).toContain('Dev wallet · bob');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
