// The first end-to-end flow: USDC ↔ pUSD through the PSM with the injected wallet. The quote on screen is the
// contract's exact result; approve + swap run as one flow with both hashes; balances are checked on-chain.
import { formatPusd, formatUsdc, parsePusd, parseUsdc, quoteBuyGem, quoteSellGem } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, lastFlow, openDapp, plazaAs } from '../harness';
import { formatAmount } from '../../src/lib/amount';

const stack = e2eStack();
isolateChain();
const MAX_UINT256 = 2n ** 256n - 1n;

describe('PSM swap', () => {
  it('sells USDC for pUSD: exact quote, approve then swap, balances moved on-chain', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    const psm = await alice.psm.address();
    const state = await alice.psm.state();
    const [usdcBefore, pusdBefore, supplyBefore] = await Promise.all([
      alice.usdc.balanceOf(me),
      alice.pusd.balanceOf(me),
      alice.pusd.totalSupply(),
    ]);
    expect(await alice.usdc.allowance(me, psm)).toBe(0n);
    const gem = parseUsdc('1234.56');
    const quote = quoteSellGem(gem, state);

    const app = await openDapp(stack, { account: 'alice' });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      await page.getByLabel('You pay').fill('1234.56');
      await expect
        .poll(() => page.getByTestId('swap-receive').innerText())
        .toBe(`${formatAmount(quote.pusdOut, { decimals: 18 })} pUSD`);
      expect(await page.getByTestId('swap-fee').innerText()).toBe(
        `0.05% · ${formatAmount(quote.fee, { decimals: 18 })} pUSD`,
      );
      await page.getByTestId('swap-steps').waitFor();
      await app.screenshot('psm-sell-quote');

      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      const flow = await lastFlow(page);
      expect(flow).toMatchObject({ status: 'confirmed', error: null });
      expect(flow.hashes).toHaveLength(2);
      expect(
        await page
          .getByTestId('tx-flow')
          .last()
          .getByTestId('tx-step')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
      ).toEqual(['done', 'done']);
      await app.screenshot('psm-sell-confirmed');

      // The chain agrees with the quote, and both transactions are the wallet's.
      expect(await alice.usdc.balanceOf(me)).toBe(usdcBefore - gem);
      expect(await alice.pusd.balanceOf(me)).toBe(pusdBefore + quote.pusdOut);
      expect(await alice.pusd.totalSupply()).toBe(supplyBefore + quote.gross);
      expect(await alice.usdc.allowance(me, psm)).toBe(0n); // the exact approval was used up
      for (const hash of flow.hashes) {
        const receipt = await alice.publicClient.getTransactionReceipt({ hash: hash as `0x${string}` });
        expect(receipt.status).toBe('success');
        expect(receipt.from.toLowerCase()).toBe(me.toLowerCase());
      }
      expect(wallet.requests.filter((m) => m === 'eth_sendTransaction')).toHaveLength(2);
      // The form is ready for the next swap, and the balance on screen follows.
      expect(await page.getByLabel('You pay').inputValue()).toBe('');
      await expect
        .poll(() => page.getByTestId('swap-amount-balance').innerText())
        .toBe(formatAmount(usdcBefore - gem, { decimals: 6 }, { maxDecimals: 6 }));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('approves an unlimited amount once when asked, then swaps without approving', async () => {
    const carol = plazaAs('carol');
    const me = carol.walletClient!.account!.address;
    const psm = await carol.psm.address();
    const app = await openDapp(stack, { account: 'carol' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByLabel('Approve an unlimited amount').check();
      await page.getByLabel('You pay').fill('10');
      await page.getByRole('button', { name: 'Approve USDC and swap' }).click();
      expect((await lastFlow(page)).status).toBe('confirmed');
      expect(await carol.usdc.allowance(me, psm)).toBe(MAX_UINT256);

      const before = await carol.usdc.balanceOf(me);
      await page.getByLabel('You pay').fill('5');
      await page.getByRole('button', { name: 'Swap', exact: true }).click();
      const flow = await lastFlow(page);
      expect(flow.status).toBe('confirmed');
      expect(flow.hashes).toHaveLength(1);
      const steps = page.getByTestId('tx-flow').last().getByTestId('tx-step');
      expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
        'skipped',
        'done',
      ]);
      expect(await carol.usdc.balanceOf(me)).toBe(before - parseUsdc('5'));
      // The choice is remembered for the next visit.
      await page.reload();
      await page.getByLabel('You pay').waitFor();
      expect(await page.getByLabel('Approve an unlimited amount').isChecked()).toBe(true);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('buys USDC with pUSD, paying exactly the quoted cost', async () => {
    const bob = plazaAs('bob');
    const me = bob.walletClient!.account!.address;
    const state = await bob.psm.state();
    const [usdcBefore, pusdBefore] = await Promise.all([bob.usdc.balanceOf(me), bob.pusd.balanceOf(me)]);
    const quote = quoteBuyGem(parseUsdc('100'), state);
    expect(formatPusd(quote.pusdIn)).toBe('100.1');

    const app = await openDapp(stack, { account: 'bob' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByRole('radio', { name: 'pUSD → USDC' }).check();
      await page.getByLabel('You pay').fill('100.1');
      await expect.poll(() => page.getByTestId('swap-receive').innerText()).toBe('100 USDC');
      expect(await page.getByTestId('swap-pay').innerText()).toBe('100.1 pUSD');
      await page.getByRole('button', { name: 'Approve pUSD and swap' }).click();
      expect((await lastFlow(page)).status).toBe('confirmed');
      expect(await bob.usdc.balanceOf(me)).toBe(usdcBefore + parseUsdc('100'));
      expect(await bob.pusd.balanceOf(me)).toBe(pusdBefore - parsePusd('100.1'));
      expect(formatUsdc(await bob.usdc.balanceOf(me))).toBe(formatUsdc(usdcBefore + 100_000_000n));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('validates as you type, before anything is sent', async () => {
    const dave = plazaAs('dave');
    const balance = await dave.usdc.balanceOf(dave.walletClient!.account!.address); // the demo world's, whatever it is
    expect(balance).toBeGreaterThan(parseUsdc('2'));
    const app = await openDapp(stack, { account: 'dave' });
    try {
      const { page, wallet } = app;
      await connectWallet(page);
      const input = page.getByLabel('You pay');
      await input.fill('12,5');
      await page.getByText('Use a point for decimals, e.g. 12.5.').waitFor();
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      await input.fill('1.1234567');
      await page.getByText('USDC has at most 6 decimals.').waitFor();
      await input.fill(formatAmount(balance + 1n, { decimals: 6 }, { group: false }));
      await page
        .getByText(`More than your balance of ${formatAmount(balance, { decimals: 6 })} USDC.`)
        .waitFor();
      expect(await page.getByRole('button', { name: 'Swap', exact: true }).isDisabled()).toBe(true);
      await app.screenshot('psm-validation');
      await page.getByRole('button', { name: 'Max USDC' }).click();
      expect(await input.inputValue()).toBe(formatAmount(balance, { decimals: 6 }, { group: false }));
      expect(await input.getAttribute('aria-invalid')).toBeNull();
      expect(await page.getByRole('button', { name: 'Approve USDC and swap' }).isEnabled()).toBe(true);
      expect(wallet.requests).not.toContain('eth_sendTransaction');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
