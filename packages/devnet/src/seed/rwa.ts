// Phase 2 of the demo world, part 1: RWA shares issued with income streaming to holders, and their NAV feeds
// reported by three bonded appraisers, confirmed by the guardian, so that prices are fresh.
import { parsePusd } from '@plaza/sdk';
import type { SeedContext, SeedStep } from './types.js';
import { fundPusd, mined, pusd } from './util.js';

const REPORTERS = ['reporter1', 'reporter2', 'reporter3'] as const;

/** One round of the three reporters on a feed; the guardian confirms it if it froze (a feed's first answer does). */
async function round(seed: SeedContext, feedId: bigint, answers: readonly string[]) {
  for (const [i, name] of REPORTERS.entries()) {
    await mined(seed.plaza(name).oracle.submit({ feedId, answer: parsePusd(answers[i]!) }));
  }
  const guardian = seed.plaza('deployer');
  if ((await guardian.oracle.roundState(feedId)).frozen) {
    await mined(guardian.oracle.confirmAnswer({ feedId }));
    return 'confirmed by the guardian';
  }
  return 'accepted';
}

/**
 * The RWA and oracle demo steps, in order: shares issued and income deposited; reporters bonded in both feeds;
 * rounds reported (the first confirmed by the guardian, the second accepted on its own, one outlier slashed).
 *
 * @example
 * ```ts
 * import { rwaSteps } from '@plaza/devnet';
 * rwaSteps.map((s) => s.id); // ['rwa.issuance', 'oracle.reporters', 'oracle.rounds']
 * ```
 */
export const rwaSteps: readonly SeedStep[] = [
  {
    id: 'rwa.issuance',
    module: 'rwa',
    title: 'RWA shares issued; rent and receivables income streaming to holders',
    contracts: ['RwaShareToken_HRBR', 'RwaShareToken_MSMR', 'PegStabilityModule'],
    async run(seed) {
      const manager = seed.plaza('manager');
      const issue = [
        ['HRBR', 'alice', '500'],
        ['HRBR', 'carol', '2000'],
        ['HRBR', 'dave', '250'],
        ['MSMR', 'alice', '1000'],
        ['MSMR', 'bob', '500'],
        ['MSMR', 'carol', '4000'],
      ] as const;
      for (const [asset, name, amount] of issue) {
        await mined(manager.rwa.mint({ asset, to: seed.account(name).address, amount: parsePusd(amount) }));
      }
      await fundPusd(seed, 'manager', parsePusd('15000'));
      await (await manager.rwa.depositIncome({ asset: 'HRBR', amount: parsePusd('12000') })).deposit.wait();
      await (await manager.rwa.depositIncome({ asset: 'MSMR', amount: parsePusd('3000') })).deposit.wait();
      const hrbr = await manager.rwa.incomeStream('HRBR');
      const msmr = await manager.rwa.incomeStream('MSMR');
      seed.note(
        `RWA: HRBR (Harbor Point Commercial Property, accredited) 2,750 shares held by Alice, Carol and Dave; rent of 12,000 pUSD streaming at ${pusd(hrbr.pusdPerDay)}/day for 30 days`,
      );
      seed.note(
        `RWA: MSMR (Main Street Merchant Receivables, retail) 5,500 shares held by Alice, Bob and Carol; 3,000 pUSD streaming at ${pusd(msmr.pusdPerDay)}/day for 7 days`,
      );
    },
  },
  {
    id: 'oracle.reporters',
    module: 'oracle',
    title: 'Three appraisers bond 1,000 pUSD in each NAV feed',
    contracts: ['NavOracle', 'RwaShareToken_HRBR', 'RwaShareToken_MSMR'],
    async run(seed) {
      const oracle = seed.plaza('deployer').oracle;
      const feeds = await Promise.all(
        ['HRBR', 'MSMR'].map((s) => oracle.feedIdOf(seed.plaza('deployer').rwa.addressOf(s))),
      );
      for (const name of REPORTERS) {
        await fundPusd(seed, name, parsePusd('2000'));
        for (const feedId of feeds) {
          const { register } = await seed
            .plaza(name)
            .oracle.register({ feedId, bond: parsePusd('1000'), approve: 'max' });
          await register.wait();
        }
      }
      seed.shared.set('oracle.feeds', feeds);
      seed.note('Oracle: reporter1–3 bonded 1,000 pUSD each in both feeds (quorum 3, lower median)');
    },
  },
  {
    id: 'oracle.rounds',
    module: 'oracle',
    title: 'NAV rounds: the first confirmed by the guardian, the second accepted (an outlier slashed)',
    contracts: ['NavOracle', 'NavFeedAdapter_HRBR', 'NavFeedAdapter_MSMR'],
    async run(seed) {
      const plaza = seed.plaza('deployer');
      const [hrbr, msmr] = (seed.shared.get('oracle.feeds') as bigint[] | undefined) ?? [1n, 2n];
      await round(seed, hrbr!, ['102.40', '101.90', '102.15']);
      await round(seed, hrbr!, ['102.30', '102.20', '102.25']);
      await round(seed, msmr!, ['1.0012', '1.0008', '1.0010']);
      const before = (await plaza.oracle.reporter(msmr!, seed.account('reporter3').address)).bond;
      await round(seed, msmr!, ['1.0015', '1.0011', '1.0150']);
      const after = (await plaza.oracle.reporter(msmr!, seed.account('reporter3').address)).bond;
      for (const [symbol, feedId] of [
        ['HRBR', hrbr!],
        ['MSMR', msmr!],
      ] as const) {
        const latest = await plaza.oracle.latestAnswer(feedId);
        const adapter = await plaza.oracle.adapterOf(feedId);
        seed.note(
          `Oracle: ${symbol} NAV ${pusd(latest.answer, 4)} (${latest.status}, round ${latest.roundId}); its adapter ${adapter} prices it for lending`,
        );
      }
      // Below the minimum bond it is Underbonded (it may not submit) until it tops up.
      await fundPusd(seed, 'reporter3', before - after);
      const { addBond } = await seed
        .plaza('reporter3')
        .oracle.addBond({ feedId: msmr!, amount: before - after });
      await addBond.wait();
      seed.note(
        `Oracle: reporter3 submitted 1.0150 for MSMR (1.3% off the median), was slashed ${pusd(before - after)} to the FeeCollector, and topped its bond up to be Active again`,
      );
    },
  },
];
