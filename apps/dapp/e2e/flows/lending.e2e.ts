// Lend / Borrow and Earn flows: a lender supplies pUSD to a market; a borrower posts RWA collateral and borrows
// with the health-factor preview checked while typing (equal to the SDK's exact math, a warning near the limit,
// the hub's refusal past it), then repays everything; a saver deposits pUSD for spUSD. Chain checked via the SDK.
import { formatPusd, parsePusd, positionFigures, previewBorrow } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { connectWallet, e2eStack, isolateChain, lastFlow, openDapp, plazaAs } from '../harness';
import { formatHealthFactor } from '../../src/lib/lending/forms';

const stack = e2eStack();
isolateChain();
const MARKET = 'MSMR'; // retail policy: Alice (KYC level 2) may borrow; she holds MSMR shares in the demo world

describe('lend / borrow', () => {
  it('a lender supplies pUSD to a market', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    const before = await alice.lending.position(MARKET, me);
    const pusdBefore = await alice.pusd.balanceOf(me);
    const app = await openDapp(stack, { account: 'alice', path: '/lend' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByRole('button', { name: `Manage the ${MARKET} market` }).click();
      const panel = page.getByTestId('lend-panel');
      await panel.getByLabel('Amount to supply').fill('1500');
      await expect.poll(() => panel.getByTestId('lend-preview').innerText()).toContain('1,500 pUSD supplied');
      await panel.getByRole('button', { name: `Supply ${MARKET}` }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      const after = await alice.lending.position(MARKET, me);
      expect(after.supplyAssets - before.supplyAssets).toBeGreaterThanOrEqual(parsePusd('1500') - 1n);
      expect(await alice.pusd.balanceOf(me)).toBe(pusdBefore - parsePusd('1500'));
      // Shares are minted rounded down: the supply is worth 1,500 pUSD less a few wei (shown rounded down).
      await expect.poll(() => panel.getByTestId('lend-supplied').innerText()).toMatch(/^1,(500|499\.99)$/);
      await app.screenshot('lend-supplied');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('a borrower posts collateral and borrows with the health factor previewed as they type, then repays all', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    // The demo world: Alice already borrows against 1,000 MSMR at a health factor of 2.5. The issuer gives her
    // 1,000 more shares to post.
    const manager = plazaAs('manager');
    await (await manager.rwa.mint({ asset: MARKET, to: me, amount: parsePusd('1000') })).wait();
    const collateral = await alice.rwa.balanceOf(MARKET, me);
    const position = await alice.lending.position(MARKET, me);
    const snapshot = { ...position.snapshot, collateral: position.snapshot.collateral + collateral };
    const { maxDebt: max, debt } = positionFigures(snapshot);
    const maxDebt = max!;
    const whole = (x: bigint) => x / 10n ** 18n;
    // Extra borrows: to a health factor of about 1.1 (a warning), past the limit (refused), about 2 (safe).
    const near = whole((maxDebt * 10n) / 11n - debt);
    const past = whole(maxDebt - debt) + 1n;
    const safe = whole(maxDebt / 2n - debt);
    expect(safe).toBeGreaterThan(100n);
    const expectedHf = (w: bigint) =>
      formatHealthFactor(previewBorrow(snapshot, w * 10n ** 18n).healthFactor);
    const nowHf = formatHealthFactor(position.healthFactor);
    const collateralText = formatPusd(collateral);

    const app = await openDapp(stack, { account: 'alice', path: '/lend' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByRole('button', { name: `Manage the ${MARKET} market` }).click();
      const panel = page.getByTestId('borrow-panel');
      await panel.getByLabel(`Collateral to post (${MARKET})`).fill(collateralText);
      const hf = panel.getByTestId('hf-after');
      await expect.poll(() => hf.innerText()).toMatch(new RegExp(`^${nowHf} → \\d+\\.\\d\\d$`));

      const borrowField = panel.getByLabel('pUSD to borrow');
      await borrowField.pressSequentially(near.toString(), { delay: 10 });
      await expect.poll(() => hf.innerText()).toBe(`${nowHf} → ${expectedHf(near)}`);
      expect(await panel.getByTestId('hf-warning').getAttribute('data-level')).toBe('danger');
      await app.screenshot('borrow-preview-warning');

      await borrowField.fill(past.toString());
      await expect
        .poll(() => panel.locator('#borrow-amount-error').innerText())
        .toMatch(
          /^Not enough collateral for this borrow: add collateral or borrow less\. The health factor would be 0\.9\d\.$/,
        );
      expect(await panel.getByRole('button', { name: 'Post collateral and borrow' }).isDisabled()).toBe(true);

      await borrowField.fill(safe.toString());
      await expect.poll(() => hf.innerText()).toBe(`${nowHf} → ${expectedHf(safe)}`);
      expect(await panel.getByTestId('hf-warning').count()).toBe(0);
      await panel.getByRole('button', { name: 'Post collateral and borrow' }).click();
      const flow = await lastFlow(page);
      expect(flow).toMatchObject({ status: 'confirmed', error: null });
      const borrowed = await alice.lending.position(MARKET, me);
      expect(borrowed.collateral).toBe(position.collateral + collateral);
      expect(borrowed.debt - debt - safe * 10n ** 18n).toBeLessThan(parsePusd('0.01')); // plus seconds of interest
      await expect
        .poll(async () => BigInt((await panel.getByTestId('borrow-debt').getAttribute('data-value')) ?? 0))
        .toBeGreaterThan(0n);
      await app.screenshot('borrow-confirmed');

      // Rent repays the loan: the switch is the hub's setAutoRepay.
      const autoRepay = position.autoRepay;
      const toggle = panel.getByRole('switch', { name: /Rent repays the loan/ });
      await (autoRepay ? toggle.uncheck() : toggle.check());
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      expect((await alice.lending.position(MARKET, me)).autoRepay).toBe(!autoRepay);
      await expect.poll(() => toggle.isChecked()).toBe(!autoRepay);

      const repay = panel.getByTestId('repay-form');
      await repay.getByLabel('Repay all').check();
      await repay.getByRole('button', { name: 'Repay all' }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      const repaid = await alice.lending.position(MARKET, me);
      expect(repaid.borrowShares).toBe(0n);
      expect(repaid.debt).toBe(0n);
      await app.screenshot('borrow-repaid');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('a saver deposits pUSD for spUSD with the exact preview', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    const before = await alice.savings.position(me);
    const expected = await alice.savings.previewDeposit(parsePusd('250'));
    const app = await openDapp(stack, { account: 'alice', path: '/earn' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByLabel('pUSD to deposit').fill('250');
      await expect
        .poll(() => page.getByTestId('savings-preview').innerText())
        .toMatch(/^You receive [\d,.]+ spUSD\.$/);
      await page.getByRole('button', { name: 'Deposit', exact: true }).click();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      const after = await alice.savings.position(me);
      // The share price only rises (income vests by the second): a block later the deposit mints at most the
      // preview, and within a hair of it.
      const minted = after.shares - before.shares;
      expect(minted).toBeLessThanOrEqual(expected);
      expect(minted).toBeGreaterThan(expected - expected / 10_000n);
      await expect
        .poll(() => page.getByTestId('savings-shares').getAttribute('data-value'))
        .toBe(after.shares.toString());
      await app.screenshot('earn-deposited');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
