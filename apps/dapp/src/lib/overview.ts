// The overview's figures, read live from the chain through the SDK. History (charts) comes from the subgraph's
// daily snapshots in phase B; TVL of the other modules joins as their SDK modules land.
import {
  createPsmModule,
  createPusdModule,
  createUsdcModule,
  type PlazaContext,
  type PsmState,
} from '@plaza/sdk';
import type { Pathname } from '$app/types';
import type { TokenUnit } from './amount';

export interface ProtocolStats {
  /** pUSD in circulation (wei). */
  readonly pusdSupply: bigint;
  readonly psm: PsmState;
  /** pUSD the PSM can still mint before its ceiling (wei). */
  readonly psmRoom: bigint;
  /** Block the figures were read at. */
  readonly blockNumber: bigint;
}

export async function loadProtocolStats(ctx: PlazaContext): Promise<ProtocolStats> {
  const pusd = createPusdModule(ctx);
  const psm = createPsmModule(ctx);
  const [pusdSupply, state, blockNumber] = await Promise.all([
    pusd.totalSupply(),
    psm.state(),
    ctx.publicClient.getBlockNumber(),
  ]);
  return {
    pusdSupply,
    psm: state,
    psmRoom: state.debtCeiling > state.minted ? state.debtCeiling - state.minted : 0n,
    blockNumber,
  };
}

const PUSD_UNIT: TokenUnit = { symbol: 'pUSD', decimals: 18 };

/** What one module holds, for the overview's "value locked" table. */
export interface LockedValue {
  readonly amount: bigint;
  readonly token: TokenUnit;
}

/**
 * How the overview reads the value each live module locks, by page. A page marked `locksValue` in
 * src/lib/pages.ts shows "comes with …" while planned; when it goes live it needs its loader here (a unit test
 * checks). The PSM's row is the overview's own (its reserves).
 */
export const lockedValueLoaders: Partial<Record<Pathname, (ctx: PlazaContext) => Promise<LockedValue>>> = {
  // The pUSD/USDC pool's two balances, in dollars (pUSD's 18 decimals); plain token reads keep Uniswap's math
  // out of the landing page's bundle.
  '/liquidity': async (ctx) => {
    if (!ctx.has('PusdUsdcPool')) return { amount: 0n, token: PUSD_UNIT };
    const pool = ctx.address('PusdUsdcPool');
    const [pusd, usdc] = await Promise.all([
      createPusdModule(ctx).balanceOf(pool),
      createUsdcModule(ctx).balanceOf(pool),
    ]);
    return { amount: pusd + usdc * 10n ** 12n, token: PUSD_UNIT };
  },
  // Lending and savings load their SDK modules lazily (their own chunks, not the landing page's).
  '/earn': async (ctx) => {
    if (!ctx.has('SavingsVault')) return { amount: 0n, token: PUSD_UNIT };
    const { savingsDeposits } = await import('./savings/flow');
    return { amount: await savingsDeposits(ctx), token: PUSD_UNIT };
  },
  '/lend': async (ctx) => {
    if (!ctx.has('LendingHub')) return { amount: 0n, token: PUSD_UNIT };
    const { lendingSupplied } = await import('./lending/load');
    return { amount: await lendingSupplied(ctx), token: PUSD_UNIT };
  },
  // PayFi: pUSD in the payment processor (escrowed, held in refund windows, settled but not paid out) and idle
  // in the advance pool (advances already drawn sit with the merchants).
  '/merchant': async (ctx) => {
    if (!ctx.has('PaymentProcessor')) return { amount: 0n, token: PUSD_UNIT };
    const pusd = createPusdModule(ctx);
    const [processor, pool] = await Promise.all([
      pusd.balanceOf(ctx.address('PaymentProcessor')),
      pusd.balanceOf(ctx.address('AdvancePool')),
    ]);
    return { amount: processor + pool, token: PUSD_UNIT };
  },
};
