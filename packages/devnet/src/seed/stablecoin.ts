// Phase 1 of the demo world: KYC, USDC, PSM swaps, payments and a fee distribution, all through the SDK.
import { formatPusd, parsePusd, parseUsdc, type WriteResult } from '@plaza/sdk';
import type { SeedStep } from './types.js';

const YEAR = 365n * 24n * 60n * 60n;

/** Sends and waits (every demo transaction is mined before the next). */
async function mined(write: Promise<WriteResult<unknown>>) {
  return (await write).wait();
}

const pusd = (amount: bigint) => `${Number(formatPusd(amount)).toLocaleString('en-US')} pUSD`;

/**
 * The stablecoin module's demo steps, in order.
 *
 * @example
 * ```ts
 * import { stablecoinSteps } from '@plaza/devnet';
 * stablecoinSteps.map((s) => s.id); // ['compliance.kyc', 'usdc.faucet', 'psm.swaps', 'pusd.payments', 'fees.distribution']
 * ```
 */
export const stablecoinSteps: readonly SeedStep[] = [
  {
    id: 'compliance.kyc',
    module: 'compliance',
    title: 'KYC records for the demo users',
    contracts: ['ComplianceRegistry'],
    async run(seed) {
      const expiry = (await seed.now()) + YEAR;
      const records = [
        ['alice', { kycLevel: 2, jurisdiction: 'US', expiry, creditScore: 720 }],
        ['bob', { kycLevel: 1, jurisdiction: 'GB', expiry, creditScore: 640 }],
        ['carol', { kycLevel: 3, jurisdiction: 'SG', expiry, creditScore: 810 }],
        ['dave', { kycLevel: 2, jurisdiction: 'DE', expiry, creditScore: 700 }],
        ['mallory', { kycLevel: 1, jurisdiction: 'IR', expiry, creditScore: 300, blocked: true }],
      ] as const;
      await mined(
        seed.plaza('deployer').compliance.setRecords({
          records: records.map(([name, record]) => ({ account: seed.account(name).address, record })),
        }),
      );
      seed.note('KYC: Alice (US, level 2), Bob (GB, 1), Carol (SG, 3), Dave (DE, 2); Erin has none');
      seed.note('Mallory is sanctioned: blocked in the registry and in pUSD');
    },
  },
  {
    id: 'usdc.faucet',
    module: 'usdc',
    title: 'USDC from the MockUSDC faucet',
    contracts: ['MockUSDC'],
    async run(seed) {
      const deployer = seed.plaza('deployer');
      const grants = [
        ['alice', '50000'],
        ['bob', '20000'],
        ['carol', '150000'],
        ['dave', '10000'],
        ['erin', '5000'],
      ] as const;
      for (const [name, amount] of grants) {
        await mined(deployer.usdc.faucet({ to: seed.account(name).address, amount: parseUsdc(amount) }));
      }
      seed.note('USDC faucet: 235,000 USDC to Alice, Bob, Carol, Dave and Erin');
    },
  },
  {
    id: 'psm.swaps',
    module: 'psm',
    title: 'PSM swaps: USDC in, pUSD out (and back)',
    contracts: ['PegStabilityModule', 'PlazaUSD'],
    async run(seed) {
      const sales = [
        ['alice', '25000'],
        ['bob', '12000'],
        ['carol', '100000'],
        ['dave', '8000'],
      ] as const;
      for (const [name, amount] of sales) {
        await mined(
          seed
            .plaza(name)
            .psm.sellGem({ gemAmount: parseUsdc(amount) })
            .then((r) => r.swap),
        );
      }
      await mined(
        seed
          .plaza('bob')
          .psm.buyGem({ gemAmount: parseUsdc('2000') })
          .then((r) => r.swap),
      );
      const state = await seed.plaza('deployer').psm.state();
      seed.note(
        `PSM: ${pusd(state.minted)} minted through it, backed by ${Number(state.reserves / 10n ** 6n).toLocaleString('en-US')} USDC`,
      );
    },
  },
  {
    id: 'pusd.payments',
    module: 'pusd',
    title: 'pUSD payments, one of them gasless (EIP-3009)',
    contracts: ['PlazaUSD'],
    async run(seed) {
      const bob = seed.account('bob').address;
      const signed = await seed
        .plaza('alice')
        .pusd.signTransferAuthorization({ to: bob, value: parsePusd('250') });
      await mined(seed.plaza('relayer').pusd.transferWithAuthorization(signed));
      await mined(
        seed.plaza('carol').pusd.transfer({ to: seed.account('dave').address, amount: parsePusd('1000') }),
      );
      seed.note(
        'Payments: Alice → Bob 250 pUSD signed by Alice, gas paid by the relayer; Carol → Dave 1,000 pUSD',
      );
    },
  },
  {
    id: 'fees.distribution',
    module: 'fees',
    title: 'Protocol fees distributed to the treasury, the reserve and LPs',
    contracts: ['FeeCollector', 'PlazaUSD'],
    async run(seed) {
      const relayer = seed.plaza('relayer');
      const { shares } = await relayer.fees.previewDistribution();
      await mined(relayer.fees.distribute());
      const parts = shares.map((share) => {
        const names: Record<string, string> = {
          [seed.account('treasury').address]: 'the treasury',
          [seed.account('reserve').address]: 'the reserve',
          ...(seed.deployment.contracts.LiquidityIncentives
            ? { [seed.deployment.contracts.LiquidityIncentives.address]: 'LPs (LiquidityIncentives)' }
            : {}),
        };
        return `${pusd(share.amount)} to ${names[share.account] ?? share.account}`;
      });
      seed.note(`Fees: PSM fees distributed, ${parts.join(', ')}`);
    },
  },
];
