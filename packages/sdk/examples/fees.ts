import { formatPusd, type PlazaClient } from '@plaza/sdk';

// Fees: what the FeeCollector holds, how distribute() will split it (exactly), and the distribution itself.
export async function feesExample(anyone: PlazaClient) {
  const recipients = await anyone.fees.recipients();
  const preview = await anyone.fees.previewDistribution(); // pUSD by default
  for (const share of preview.shares) console.log(share.account, formatPusd(share.amount), 'pUSD');
  const sent = await anyone.fees.distribute();
  await sent.wait();
  return { recipients, preview, distributed: sent.result };
}
