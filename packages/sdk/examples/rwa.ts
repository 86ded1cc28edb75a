import { formatPusd, parsePusd, type PlazaClient } from '@plaza/sdk';

// An RWA share: the asset manager issues shares to a KYC'd holder and deposits a month of rent, which streams to
// holders; the holder watches it accrue and claims it.
export async function rwaExample(manager: PlazaClient, holder: PlazaClient) {
  const me = holder.walletClient!.account!.address;
  await (await manager.rwa.mint({ asset: 'HRBR', to: me, amount: parsePusd('100') })).wait();
  await (await manager.rwa.depositIncome({ asset: 'HRBR', amount: parsePusd('3000') })).deposit.wait();

  const stream = await holder.rwa.incomeStream('HRBR');
  console.log(
    `${formatPusd(stream.pusdPerDay)} pUSD a day until ${new Date(Number(stream.periodFinish) * 1000)}`,
  );
  const claimable = await holder.rwa.claimableIncome('HRBR', me);
  const claim = await holder.rwa.claimIncome({ asset: 'HRBR' });
  await claim.wait();
  return { stream, claimable, claimed: claim.result, holding: await holder.rwa.holding('HRBR', me) };
}
