// Every page of the issue is in the navigation; pages whose SDK module has not landed say so plainly instead of
// showing made-up data; deep links work (SPA fallback) and the current page is marked for assistive tech.
import { formatUnits } from 'viem';
import { describe, expect, it } from 'vitest';
import { e2eStack, openDapp, plazaAs } from '../harness';
import { pages } from '../../src/lib/pages';

const stack = e2eStack();

describe('pages', () => {
  it('navigates to every page; planned ones are honest about it', async () => {
    const app = await openDapp(stack);
    try {
      const { page } = app;
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const entry of pages) {
        await nav.getByRole('link', { name: entry.label }).click();
        await page.waitForURL((url) => url.pathname === entry.href);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(entry.label);
        expect(await nav.locator('[aria-current="page"]').innerText()).toContain(entry.label);
        if (entry.status === 'planned') {
          const box = page.getByTestId('coming-with');
          expect(await box.innerText()).toContain(`This page comes with ${entry.comingWith}.`);
          expect(await box.getByRole('listitem').count()).toBe(entry.features!.length);
          expect(await page.title()).toBe(`${entry.label} · Plaza`);
        }
      }
      await app.screenshot('page-lend-planned');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('opens a deep link directly', async () => {
    const app = await openDapp(stack, { path: '/pay?merchant=0x0000000000000000000000000000000000000001' });
    try {
      expect(await app.page.getByRole('heading', { level: 1 }).innerText()).toBe('Checkout');
      // A link without the payment's fields is refused in words (a real link: e2e/flows/payfi.e2e.ts).
      expect(await app.page.getByRole('alert').filter({ hasText: 'payment link' }).innerText()).toContain(
        'This payment link cannot be read',
      );
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('shows live figures on the overview and its charts from the subgraph', async () => {
    const app = await openDapp(stack);
    try {
      const { page } = app;
      const admin = plazaAs('deployer');
      const [supply, state] = await Promise.all([admin.pusd.totalSupply(), admin.psm.state()]);
      const value = (id: string) => page.getByTestId(id).locator('[data-value]').getAttribute('data-value');
      await expect.poll(() => value('stat-supply')).toBe(supply.toString());
      expect(await value('stat-reserves')).toBe(state.reserves.toString());
      expect(await value('stat-minted')).toBe(state.minted.toString());
      expect(await page.getByTestId('stat-ceiling').innerText()).toContain('of the 100,000,000 pUSD ceiling');
      // the e2e stack runs the indexer: the charts replace their slots and end at today's figures
      const supplyChart = page.getByTestId('chart-supply');
      await expect.poll(async () => Number(await supplyChart.getAttribute('data-points'))).toBeGreaterThan(0);
      expect(await page.getByTestId('chart-tvl').getAttribute('data-points')).toBe(
        await supplyChart.getAttribute('data-points'),
      );
      const today = Number(formatUnits(supply, 18)).toLocaleString('en-US', { maximumFractionDigits: 2 });
      expect(await supplyChart.locator('.last').innerText()).toBe(`${today} pUSD`);
      expect(await page.getByTestId('chart-slot').count()).toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
