// LP flow: create a pUSD/USDC position with the ±0.1% preset (ticks as the SDK computes them), staked into the
// running programs on the way; time passes; claim one program's rewards without unstaking; then unstake all and
// withdraw the NFT. The chain is checked through the SDK after every step.
import { bandAroundPrice, parsePusd } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, lastFlow, openDapp, plazaAs, rpc } from '../harness';

const stack = e2eStack();
isolateChain();

describe('liquidity', () => {
  it('creates a staked position, claims without unstaking, unstakes and withdraws', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    const pool = await alice.incentives.pool();
    const pusdAddress = await alice.pusd.address();
    const pusdFirst = pool.token0.address.toLowerCase() === pusdAddress.toLowerCase();
    const [pusd, usdc] = pusdFirst ? [pool.token0, pool.token1] : [pool.token1, pool.token0];
    const band = bandAroundPrice({ bps: 10, base: pusd, quote: usdc, tickSpacing: pool.tickSpacing });
    const before = await alice.incentives.positionsOf(me);
    const pusdBefore = await alice.pusd.balanceOf(me);
    const running = (await alice.incentives.programs()).filter(
      (p) => p.running && p.key.tickLower <= band.tickLower && p.key.tickUpper >= band.tickUpper,
    );
    expect(running.length).toBeGreaterThan(0);

    const app = await openDapp(stack, { account: 'alice', path: '/liquidity' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByRole('radio', { name: '±0.1%' }).check();
      await expect
        .poll(() => page.getByTestId('range-ticks').innerText())
        .toBe(`${band.tickLower} → ${band.tickUpper}`);
      await page.getByLabel('pUSD amount').fill('100');
      // The USDC side is computed for the range at the pool's price.
      await expect
        .poll(async () => Number(await page.getByLabel('USDC amount').inputValue()))
        .toBeGreaterThan(50);
      await app.screenshot('liquidity-new-position');
      await page.getByRole('button', { name: 'Add liquidity and stake' }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });

      const after = await alice.incentives.positionsOf(me);
      const created = after.find((p) => !before.some((b) => b.tokenId === p.tokenId))!;
      expect(created).toMatchObject({ deposited: true, numberOfStakes: running.length, ...band });
      // The pool takes what the liquidity needs: the amount typed, or a few wei less.
      const spent = pusdBefore - (await alice.pusd.balanceOf(me));
      expect(spent).toBeLessThanOrEqual(parsePusd('100'));
      expect(spent).toBeGreaterThan(parsePusd('99.9999'));
      const card = page.locator(`[data-testid="lp-position"][data-token-id="${created.tokenId}"]`);
      await expect.poll(() => card.getByTestId('lp-status').innerText()).toBe('In range');
      await expect.poll(() => card.getByTestId('lp-stake').count()).toBe(running.length);

      // A day passes: rewards accrue; the page shows what claim would pay.
      await rpc(stack.rpcUrl, 'evm_increaseTime', [86_400]);
      await rpc(stack.rpcUrl, 'evm_mine');
      await page.reload();
      const fixed = running.find((p) => p.key.endTime !== 0)!;
      const row = card
        .getByTestId('lp-stake')
        .filter({ has: page.locator('[data-value]') })
        .and(card.locator('[data-program="program"]'));
      await expect
        .poll(async () => BigInt((await row.getByTestId('lp-pending').getAttribute('data-value')) ?? '0'))
        .toBeGreaterThan(0n);
      await app.screenshot('liquidity-pending');
      const rewardBefore = await alice.pusd.balanceOf(me);
      const shown = BigInt((await row.getByTestId('lp-pending').getAttribute('data-value'))!);
      await row.getByRole('button', { name: /^Claim/ }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      // Claimed at least what was shown (a block later), and still staked.
      expect(await alice.pusd.balanceOf(me)).toBeGreaterThanOrEqual(rewardBefore + shown);
      expect((await alice.incentives.stakeOf(created.tokenId, fixed.key)).staked).toBe(true);

      await card.getByRole('button', { name: 'Unstake all and withdraw' }).click();
      const flow = await lastFlow(page);
      expect(flow).toMatchObject({ status: 'confirmed', error: null });
      expect(flow.hashes).toHaveLength(running.length + 1);
      expect(await alice.incentives.depositOf(created.tokenId)).toBeUndefined();
      expect((await alice.incentives.position(created.tokenId)).owner).toBe(me);
      await expect.poll(() => card.getByRole('button', { name: /^Stake into/ }).count()).toBe(1);
      await app.screenshot('liquidity-withdrawn');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
