// What the Lend / Borrow page reads: every market of the hub with rates and utilization, and for a connected
// account its position in each, its pUSD balance and its balance of each collateral.
import {
  createLendingModule,
  createPusdModule,
  createRwaModule,
  type LendingMarket,
  type LendingPosition,
  type PlazaContext,
} from '@plaza/sdk';
import type { Address } from 'viem';
import type { TokenUnit } from '../amount';

export interface MarketView {
  readonly market: LendingMarket;
  /** The name forms and the SDK use for it (the collateral's symbol). */
  readonly ref: string;
  readonly collateral: TokenUnit;
  readonly position?: LendingPosition;
  readonly collateralBalance?: bigint;
}

export interface LendingData {
  readonly markets: readonly MarketView[];
  readonly pusdBalance?: bigint;
}

export async function loadLending(ctx: PlazaContext, account: Address | undefined): Promise<LendingData> {
  const lending = createLendingModule(ctx);
  const rwa = createRwaModule(ctx);
  const markets = await lending.markets();
  const views = await Promise.all(
    markets.map(async (market): Promise<MarketView> => {
      const ref = market.collateralSymbol ?? market.id;
      const decimals = market.collateralSymbol ? (await rwa.asset(market.collateralSymbol)).decimals : 18;
      const collateral = { symbol: market.collateralSymbol ?? 'collateral', decimals };
      if (!account) return { market, ref, collateral };
      const [position, collateralBalance] = await Promise.all([
        lending.position(market.id, account),
        market.collateralSymbol ? rwa.balanceOf(market.collateralSymbol, account) : Promise.resolve(0n),
      ]);
      return { market, ref, collateral, position, collateralBalance };
    }),
  );
  if (!account) return { markets: views };
  return { markets: views, pusdBalance: await createPusdModule(ctx).balanceOf(account) };
}

/** The value the hub holds for lenders: pUSD supplied to every market (for the overview's TVL table). */
export async function lendingSupplied(ctx: PlazaContext): Promise<bigint> {
  const markets = await createLendingModule(ctx).markets();
  return markets.reduce((sum, m) => sum + m.state.totalSupplyAssets, 0n);
}
