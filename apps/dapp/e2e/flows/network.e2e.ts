// The wrong-network state: a wallet on another chain sees the banner and cannot send; the switch adds the
// devnet to a wallet that does not know it (4902 → wallet_addEthereumChain) and switches; a switch made in
// the wallet brings the banner back; a declined switch says so.
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, openDapp } from '../harness';

const stack = e2eStack();
isolateChain();

describe('network', () => {
  it('shows the wrong-network banner and switches, adding the chain on 4902', async () => {
    const app = await openDapp(stack, { chainId: 1, knownChains: [1] });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      const banner = page.getByTestId('wrong-network');
      await banner.waitFor();
      expect(await banner.innerText()).toContain(
        'Your wallet is on chain 1; Plaza runs on Plaza devnet (chain 31337)',
      );
      // Reads still work; sending is replaced by the switch.
      await page.getByLabel('You pay').fill('10');
      await page.getByRole('button', { name: 'Switch to Plaza devnet' }).last().waitFor();
      await app.screenshot('network-wrong');

      await banner.getByRole('button', { name: 'Switch to Plaza devnet' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(wallet.chainId).toBe(stack.chainId);
      const switching = wallet.requests.filter((m) => m.startsWith('wallet_'));
      expect(switching).toEqual([
        'wallet_switchEthereumChain',
        'wallet_addEthereumChain',
        'wallet_switchEthereumChain',
      ]);
      expect(wallet.addedChains).toEqual([
        {
          chainId: '0x7a69',
          chainName: 'Plaza devnet',
          rpcUrls: [stack.rpcUrl],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        },
      ]);
      await page.getByRole('button', { name: 'Approve USDC and swap' }).waitFor();
      await app.screenshot('network-switched');

      await wallet.useChain(1);
      await banner.waitFor();
      await page.getByRole('button', { name: 'Switch to Plaza devnet' }).last().waitFor();
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('says so when the user declines the switch, and stays read-only', async () => {
    const app = await openDapp(stack, { chainId: 1, knownChains: [1, stack.chainId] });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      wallet.rejectNext('wallet_switchEthereumChain');
      await page.getByTestId('wrong-network').getByRole('button', { name: 'Switch to Plaza devnet' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'You declined the network switch in Plaza E2E Wallet.' })
        .waitFor();
      expect(wallet.chainId).toBe(1);
      expect(await page.getByTestId('wrong-network').isVisible()).toBe(true);
      expect(wallet.requests).not.toContain('eth_sendTransaction');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
