// Shared by the lending and savings tests: fresh NAV answers for the RWA feeds (three bonded reporters, the
// guardian confirming frozen rounds), lenders and borrowers with KYC, shares and pUSD.
import { parsePusd, type PlazaClient } from '@plaza/sdk';
import type { Address } from 'viem';
import type { TestChain } from './chain.js';
import { fundPusd, kyc, mined } from './helpers.js';

export const FEEDS = { HRBR: 1n, MSMR: 2n } as const;
const REPORTERS = ['reporter1', 'reporter2', 'reporter3'] as const;

/** Registers the three reporters in both feeds (once per chain snapshot). */
export async function bondReporters(chain: TestChain): Promise<void> {
  for (const name of REPORTERS) {
    const reporter = chain.as[name];
    const me = reporter.walletClient!.account!.address;
    if ((await reporter.oracle.reporter(FEEDS.HRBR, me)).status === 'Active') continue;
    await fundPusd(reporter, parsePusd('2000'));
    for (const feedId of Object.values(FEEDS)) {
      await (
        await reporter.oracle.register({ feedId, bond: parsePusd('1000'), approve: 'max' })
      ).register.wait();
    }
  }
}

/** One round where every reporter answers `nav`; the guardian confirms it when it froze. */
export async function setNav(chain: TestChain, asset: keyof typeof FEEDS, nav: bigint): Promise<void> {
  await bondReporters(chain);
  const feedId = FEEDS[asset];
  for (const name of REPORTERS) await mined(chain.as[name].oracle.submit({ feedId, answer: nav }));
  if ((await chain.as.deployer.oracle.roundState(feedId)).frozen) {
    await mined(chain.as.deployer.oracle.confirmAnswer({ feedId }));
  }
}

/** A borrower with KYC (accredited-level) holding `shares` of `asset`. */
export async function borrowerWithShares(
  chain: TestChain,
  borrower: PlazaClient,
  asset: keyof typeof FEEDS,
  shares: bigint,
): Promise<Address> {
  const me = borrower.walletClient!.account!.address;
  await kyc(chain.as.deployer, me);
  await mined(chain.as.manager.rwa.mint({ asset, to: me, amount: shares }));
  return me;
}

/** A lender supplying `amount` pUSD to the market of `asset`. */
export async function lend(lender: PlazaClient, asset: keyof typeof FEEDS, amount: bigint): Promise<void> {
  await fundPusd(lender, amount);
  await (await lender.lending.supply({ market: asset, assets: amount })).supply.wait();
}
