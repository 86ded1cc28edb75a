import { formatPusd, parsePusd, type PlazaClient } from '@plaza/sdk';

// NAV reporting: an approved appraiser bonds pUSD (once) and submits the NAV; the SDK previews what the submission
// does (a feed's first round always waits for a guardian). Then the share is priced through its adapter, the way a
// lending market reads it.
export async function reportNav(appraiser: PlazaClient, feedId: bigint, nav: string) {
  const me = appraiser.walletClient!.account!.address;
  if ((await appraiser.oracle.reporter(feedId, me)).status === 'Approved') {
    const { register } = await appraiser.oracle.register({ feedId, bond: parsePusd('1000') });
    await register.wait();
  }
  const answer = parsePusd(nav);
  const preview = await appraiser.oracle.previewSubmission({ feedId, answer, reporter: me });
  await (await appraiser.oracle.submit({ feedId, answer })).wait();
  return preview; // { settles: false, count, quorum } or { settles: true, median, frozen, outliers }
}

export async function confirmAndPrice(guardian: PlazaClient, feedId: bigint) {
  if ((await guardian.oracle.roundState(feedId)).frozen) {
    await (await guardian.oracle.confirmAnswer({ feedId })).wait();
  }
  const { answer, status } = await guardian.oracle.latestAnswer(feedId);
  console.log(`NAV ${formatPusd(answer)} pUSD (${status})`);
  const price = await guardian.oracle.price(await guardian.oracle.adapterOf(feedId)); // 1e36-scaled, as Morpho
  return { answer, status, price };
}
