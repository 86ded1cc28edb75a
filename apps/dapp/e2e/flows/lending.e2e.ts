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
      await expect.poll(() => panel.getByTestId('lend-supplied').innerText()).toBe('1,500');
      await app.screenshot('lend-supplied');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('a borrower posts collateral and borrows with the health factor previewed as they type, then repays all', async () => {
    const alice = plazaAs('alice');
    const me = alice.walletClient!.account!.address;
    // Liquidity to borrow: Alice's own supply (set up through the SDK; the flow above does it through the page).
    await (await alice.lending.supply({ market: MARKET, assets: parsePusd('20000') })).supply.wait();
    const shares = await alice.rwa.balanceOf(MARKET, me);
    expect(shares).toBeGreaterThan(0n);
    const collateral = shares; // all of it: MSMR's NAV is about 1 pUSD and the market's minimum debt is 50 pUSD
    const position = await alice.lending.position(MARKET, me);
    const snapshot = { ...position.snapshot, collateral: position.snapshot.collateral + collateral };
    const maxDebt = positionFigures(snapshot).maxDebt!;
    // A borrow near the limit (HF ≈ 1.1), one past it, and a safe one (HF ≈ 2).
    const near = (maxDebt * 10n) / 11n / 10n ** 18n;
    const past = maxDebt / 10n ** 18n + 1n;
    const safe = maxDebt / 2n / 10n ** 18n;
    const expectedHf = (whole: bigint) =>
      formatHealthFactor(previewBorrow(snapshot, whole * 10n ** 18n).healthFactor);
    const collateralText = formatPusd(collateral);

    const app = await openDapp(stack, { account: 'alice', path: '/lend' });
    try {
      const { page } = app;
      await connectWallet(page);
      await page.getByRole('button', { name: `Manage the ${MARKET} market` }).click();
      const panel = page.getByTestId('borrow-panel');
      await panel.getByLabel(`Collateral to post (${MARKET})`).fill(collateralText);
      const hf = panel.getByTestId('hf-after');
      await expect.poll(() => hf.innerText()).toBe('∞ → ∞');

      const borrowField = panel.getByLabel('pUSD to borrow');
      await borrowField.pressSequentially(near.toString(), { delay: 10 });
      await expect.poll(() => hf.innerText()).toBe(`∞ → ${expectedHf(near)}`);
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
      await expect.poll(() => hf.innerText()).toBe(`∞ → ${expectedHf(safe)}`);
      expect(await panel.getByTestId('hf-warning').count()).toBe(0);
      await panel.getByRole('button', { name: 'Post collateral and borrow' }).click();
      const flow = await lastFlow(page);
      expect(flow).toMatchObject({ status: 'confirmed', error: null });
      const borrowed = await alice.lending.position(MARKET, me);
      expect(borrowed.collateral).toBe(position.collateral + collateral);
      expect(borrowed.debt - safe * 10n ** 18n).toBeLessThanOrEqual(1n);
      await expect
        .poll(async () => BigInt((await panel.getByTestId('borrow-debt').getAttribute('data-value')) ?? 0))
        .toBeGreaterThan(0n);
      await app.screenshot('borrow-confirmed');

      // Rent repays the loan: the switch is the hub's setAutoRepay.
      await panel.getByRole('switch', { name: /Rent repays the loan/ }).check();
      expect(await lastFlow(page)).toMatchObject({ status: 'confirmed', error: null });
      expect((await alice.lending.position(MARKET, me)).autoRepay).toBe(true);
      await expect.poll(() => panel.getByRole('switch', { name: /Rent repays the loan/ }).isChecked()).toBe(true);

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
      expect(after.shares - before.shares).toBe(expected);
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
