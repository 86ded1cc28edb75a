// When a swap does not happen: the user rejects it in the wallet (shown as a rejection, nothing moves), or the
// PSM refuses it (the contract's custom error in the SDK's words, and no transaction is sent).
import { pegStabilityModuleAbi } from '@plaza/abi';
import { parseUsdc, psmErrorMessages, writeContract } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, lastFlow, openDapp, plazaAs } from '../harness';

const stack = e2eStack();
isolateChain();

describe('swap failures', () => {
  it('shows a rejected signature as a rejection, and nothing moves', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    const before = await Promise.all([alice.usdc.balanceOf(me), alice.pusd.balanceOf(me)]);
    const app = await openDapp(stack, { account: 'alice' });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      wallet.rejectNext('eth_sendTransaction');
      await page.getByLabel('You pay').fill('10');
      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      const flow = await lastFlow(page);
      expect(flow).toEqual({
        status: 'rejected',
        error: 'You rejected the request in your wallet. Nothing was sent.',
        hashes: [],
      });
      expect(await page.getByTestId('tx-flow').last().getByText('Rejected in wallet').isVisible()).toBe(true);
      await app.screenshot('error-rejected');
      expect(await Promise.all([alice.usdc.balanceOf(me), alice.pusd.balanceOf(me)])).toEqual(before);
      // Focus is back in the form, and the user can try again.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('swap-amount');
      await page.getByLabel('You pay').fill('10');
      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      expect((await lastFlow(page)).status).toBe('confirmed');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('shows the PSM’s refusal of a sanctioned account in words, before anything is sent', async () => {
    const mallory = plazaAs('mallory');
    const me = mallory.walletClient!.account!.address;
    await (await plazaAs('deployer').usdc.faucet({ to: me, amount: parseUsdc('500') })).wait();
    const app = await openDapp(stack, { account: 'mallory' });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      await page.getByLabel('You pay').fill('100');
      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      const flow = await lastFlow(page);
      const message = psmErrorMessages.AccountBlocked(
        { account: me },
        { contract: 'PegStabilityModule', amount: String },
      );
      expect(flow).toEqual({ status: 'failed', error: message, hashes: [] });
      expect(message).toBe(`${me} is on pUSD's sanctions blocklist: the PSM will not swap with it.`);
      expect(await page.getByTestId('tx-error').last().getAttribute('data-kind')).toBe('contract');
      await app.screenshot('error-contract');
      expect(wallet.requests).not.toContain('eth_sendTransaction');
      expect(await mallory.usdc.balanceOf(me)).toBe(parseUsdc('500'));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('says when the PSM is paused and does not offer the swap', async () => {
    const admin = plazaAs('deployer');
    await (
      await writeContract(admin.context, {
        contract: 'PegStabilityModule',
        abi: pegStabilityModuleAbi,
        functionName: 'pause',
        args: [],
      })
    ).wait();
    const app = await openDapp(stack, { account: 'alice' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByText('PSM swaps are paused by its pauser').waitFor();
      await page.getByLabel('You pay').fill('10');
      expect(await page.getByRole('button', { name: 'Swaps are paused' }).isDisabled()).toBe(true);
      expect(await page.getByTestId('stat-fees').innerText()).toContain('Swaps paused');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
