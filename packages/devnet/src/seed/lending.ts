// Phase 3 of the demo world: two lending markets (pUSD against HRBR and MSMR shares) with a lender and three
// borrowers — Carol healthy with auto-repay on, Alice healthy in MSMR, Dave near liquidation — then spUSD
// deposits allocated to the markets and an income distribution vesting to savers. All through the SDK.
import { WAD, formatPusd, parsePusd, type LendingMarket } from '@plaza/sdk';
import { formatUnits } from 'viem';
import type { SeedContext, SeedStep } from './types.js';
import { fundPusd, mined, pusd } from './util.js';

const pct = (wad: bigint) => `${Number(formatUnits(wad * 100n, 18)).toFixed(2)}%`;

/** One line per market for the summary. */
export function marketLine(m: LendingMarket): string {
  return `${m.collateralSymbol ?? m.params.collateralToken} market (LLTV ${pct(m.params.lltv)}): ${pusd(m.state.totalSupplyAssets)} supplied, ${pusd(m.state.totalBorrowAssets)} borrowed (${pct(m.utilization)} utilization), supply APY ${pct(m.supplyApy)}, borrow APY ${pct(m.borrowApy)}`;
}

/** Collateral posted and a borrow that leaves the position at health factor `target` (WAD). */
async function borrowTo(seed: SeedContext, name: string, market: string, collateral: bigint, target: bigint) {
  const plaza = seed.plaza(name);
  await (await plaza.lending.supplyCollateral({ market, assets: collateral })).supplyCollateral.wait();
  const { maxDebt } = await plaza.lending.position(market, seed.account(name).address);
  await mined(plaza.lending.borrow({ market, assets: (maxDebt! * WAD) / target }));
  return plaza.lending.position(market, seed.account(name).address);
}

/**
 * The lending and savings demo steps, in order: a lender supplies both markets; borrowers post RWA shares and
 * borrow (one healthy with auto-repay, one healthy, one near liquidation); savers deposit into spUSD and the asset
 * manager distributes income to it.
 *
 * @example
 * ```ts
 * import { lendingSteps } from '@plaza/devnet';
 * lendingSteps.map((s) => s.id); // ['lending.supply', 'lending.borrowers', 'savings.deposits']
 * ```
 */
export const lendingSteps: readonly SeedStep[] = [
  {
    id: 'lending.supply',
    module: 'lending',
    title: 'A lender supplies pUSD to the HRBR and MSMR markets',
    contracts: ['LendingHub', 'NavFeedAdapter_HRBR', 'NavFeedAdapter_MSMR'],
    async run(seed) {
      const now = await seed.now();
      await mined(
        seed.plaza('deployer').compliance.setRecord({
          account: seed.account('keeper').address,
          record: { kycLevel: 2, jurisdiction: 'US', expiry: now + 365n * 86_400n, creditScore: 700 },
        }),
      );
      const lender = seed.plaza('lender');
      await fundPusd(seed, 'lender', parsePusd('250000'));
      await (await lender.lending.supply({ market: 'HRBR', assets: parsePusd('200000') })).supply.wait();
      await (await lender.lending.supply({ market: 'MSMR', assets: parsePusd('50000') })).supply.wait();
      seed.note(
        'Lending: the lender (#17) supplied 200,000 pUSD to the HRBR market and 50,000 pUSD to the MSMR market',
      );
    },
  },
  {
    id: 'lending.borrowers',
    module: 'lending',
    title: 'Borrowers post RWA shares: Carol healthy with auto-repay, Alice healthy, Dave near liquidation',
    contracts: ['LendingHub', 'RwaShareToken_HRBR', 'RwaShareToken_MSMR'],
    async run(seed) {
      const carol = await borrowTo(seed, 'carol', 'HRBR', parsePusd('1500'), 2n * WAD);
      await mined(seed.plaza('carol').lending.setAutoRepay({ market: 'HRBR', enabled: true }));
      const alice = await borrowTo(seed, 'alice', 'MSMR', parsePusd('1000'), (25n * WAD) / 10n);
      const dave = await borrowTo(seed, 'dave', 'HRBR', parsePusd('250'), (106n * WAD) / 100n);
      const hf = (value: bigint | undefined) =>
        value === undefined ? '—' : Number(formatUnits(value, 18)).toFixed(3);
      seed.note(
        `Lending: Carol borrowed ${pusd(carol.debt)} against 1,500 HRBR (health factor ${hf(carol.healthFactor)}); her rent income repays the loan (auto-repay on)`,
      );
      seed.note(
        `Lending: Alice borrowed ${pusd(alice.debt)} against 1,000 MSMR (health factor ${hf(alice.healthFactor)})`,
      );
      seed.note(
        `Lending: Dave borrowed ${pusd(dave.debt)} against 250 HRBR, near liquidation (health factor ${hf(dave.healthFactor)}; liquidatable below a NAV of ${formatPusd(dave.liquidationPrice / 10n ** 18n)} pUSD)`,
      );
      for (const market of await seed.plaza('deployer').lending.markets())
        seed.note(`Lending: ${marketLine(market)}`);
    },
  },
  {
    id: 'savings.deposits',
    module: 'savings',
    title: 'Savers deposit into spUSD; the asset manager distributes 2,000 pUSD of income to it',
    contracts: ['SavingsVault'],
    async run(seed) {
      await fundPusd(seed, 'saver', parsePusd('100000'));
      await (await seed.plaza('saver').savings.deposit({ assets: parsePusd('100000') })).deposit.wait();
      await fundPusd(seed, 'bob', parsePusd('5000'));
      await (await seed.plaza('bob').savings.deposit({ assets: parsePusd('5000') })).deposit.wait();
      await fundPusd(seed, 'manager', parsePusd('2000'));
      await (
        await seed.plaza('manager').savings.distributeIncome({ amount: parsePusd('2000') })
      ).distribute.wait();
      const vault = await seed.plaza('deployer').savings.vault();
      seed.note(
        `spUSD: ${pusd(vault.totalAssets)} saved by the saver (#18) and Bob, allocated ${vault.allocations.map((a) => `${pusd(a.assets)} to ${a.collateralSymbol}`).join(' and ')}; 2,000 pUSD of income vesting over a day; APY ${pct(vault.apy.apy)} (lending ${pct(vault.apy.lendingApy)} + income ${pct(vault.apy.incomeApy)}, after the 10% fee)`,
      );
    },
  },
];
