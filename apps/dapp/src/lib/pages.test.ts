// The page list drives the navigation and the "coming with …" pages: it must match the routes on disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockedValueLoaders } from './overview';
import { pageFor, pages } from './pages';

const routes = fileURLToPath(new URL('../routes', import.meta.url));

describe('pages', () => {
  it('has a route for every page, and a page for every route', () => {
    const onDisk = readdirSync(routes, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(routes, e.name, '+page.svelte')))
      .map((e) => `/${e.name}`);
    expect(['/', ...onDisk].sort()).toEqual(pages.map((p) => p.href).sort());
  });

  it('lists every page of the dApp issue', () => {
    expect(pages.map((p) => p.label)).toEqual([
      'Overview',
      'Earn',
      'Liquidity',
      'Lend / Borrow',
      'Merchant',
      'Checkout',
      'Points',
    ]);
  });

  it('says what a planned page waits for and does, and renders it honestly', () => {
    for (const page of pages.filter((p) => p.status === 'planned')) {
      expect(page.comingWith, page.href).toMatch(/\S/);
      expect(page.features?.length, page.href).toBeGreaterThan(0);
      const source = readFileSync(join(routes, page.href.slice(1), '+page.svelte'), 'utf8');
      expect(source, `${page.href} should render <ComingWith>`).toContain(
        `<ComingWith href="${page.href}" />`,
      );
    }
  });

  it('has a value-locked loader for every live page that holds funds', () => {
    for (const page of pages.filter((p) => p.locksValue)) {
      expect(page.href in lockedValueLoaders, page.href).toBe(page.status === 'live');
    }
  });

  it('finds entries by route', () => {
    expect(pageFor('/lend').label).toBe('Lend / Borrow');
    expect(() => pageFor('/nope' as '/')).toThrow('No page /nope in src/lib/pages.ts');
  });
});
