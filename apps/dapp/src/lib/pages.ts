// Every page of the dApp, in navigation order. A page is `live` when its flows work against the chain, or
// `planned` with what it waits for: the layout's navigation, the page's own "coming with …" state and the tests
// all read this list, so turning a page on is one edit here plus the page itself (README: "Adding a page").
import type { Pathname } from '$app/types';

export interface PageEntry {
  /** The route (a folder under src/routes). */
  readonly href: Pathname;
  readonly label: string;
  /** One line: what the page is for. */
  readonly summary: string;
  readonly status: 'live' | 'planned';
  /** For planned pages: what has to land first. */
  readonly comingWith?: string;
  /** For planned pages: what it will do, as users of it would say. */
  readonly features?: readonly string[];
  /** The module holds users' funds: the overview's "value locked" table has a row for it (src/lib/overview.ts). */
  readonly locksValue?: boolean;
}

export const pages: readonly PageEntry[] = [
  {
    href: '/',
    label: 'Overview',
    summary: 'pUSD supply, the peg stability module’s reserves, and USDC ↔ pUSD swaps.',
    status: 'live',
  },
  {
    href: '/earn',
    label: 'Earn',
    summary: 'Deposit pUSD into the savings vault (spUSD) and earn lending interest and RWA income.',
    locksValue: true,
    status: 'live',
    comingWith: 'the savings (spUSD) module of @plaza/sdk',
    features: [
      'Deposit pUSD for spUSD and withdraw it, with exact previews of shares and assets',
      'APY split into lending interest and real-world-asset income',
      'Your position and its earnings over time',
    ],
  },
  {
    href: '/liquidity',
    label: 'Liquidity',
    summary: 'Provide pUSD liquidity on Uniswap v3 near the peg and stake it for incentives.',
    locksValue: true,
    status: 'live',
    comingWith: 'the incentives module of @plaza/sdk and the Uniswap v3 pool on the devnet',
    features: [
      'Create a pUSD position with a range picker: ±0.1%, ±0.5%, full range or custom (ticks via @uniswap/v3-sdk)',
      'In-range status, staking into incentive programs, claiming without unstaking',
      'Fee-share earnings; unstake and withdraw',
    ],
  },
  {
    href: '/lend',
    label: 'Lend / Borrow',
    summary: 'Supply pUSD to RWA-backed markets, or borrow pUSD against real-world-asset collateral.',
    locksValue: true,
    status: 'live',
    comingWith: 'the lending module of @plaza/sdk',
    features: [
      'Markets with rates and utilization; supply and withdraw',
      'Post collateral and borrow with the health factor and liquidation price updating as you type',
      'Warnings below a safe health factor, repay, and the rent-repays-loan switch',
    ],
  },
  {
    href: '/merchant',
    label: 'Merchant',
    summary: 'Accept pUSD payments: payment links, capture, refunds, settlement and advances.',
    locksValue: true,
    status: 'live',
  },
  {
    href: '/pay',
    label: 'Checkout',
    summary: 'Pay a merchant’s payment link with a single signature.',
    status: 'live',
  },
  {
    href: '/points',
    label: 'Points',
    summary: 'Loyalty points per merchant program, and redeeming them.',
    status: 'live',
  },
];

/** The entry of a route; throws for a route missing from the list (a test keeps routes and list in step). */
export function pageFor(href: Pathname): PageEntry {
  const page = pages.find((p) => p.href === href);
  if (!page) throw new Error(`No page ${href} in src/lib/pages.ts`);
  return page;
}
