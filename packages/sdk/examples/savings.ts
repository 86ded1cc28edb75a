import { formatPusd, parsePusd, savingsPreviewDeposit, type PlazaClient } from '@plaza/sdk';
import { formatUnits } from 'viem';

// spUSD: a saver deposits pUSD (supplied to the lending markets by the vault), the asset manager pushes rent
// income that vests over a day, and the saver sees the APY split and redeems everything.
export async function savingsExample(saver: PlazaClient, manager: PlazaClient) {
  const before = await saver.savings.vault();
  const expected = savingsPreviewDeposit(before.snapshot, parsePusd('1000'));
  const { deposit } = await saver.savings.deposit({ assets: parsePusd('1000') });
  await deposit.wait();

  await (await manager.savings.distributeIncome({ amount: parsePusd('10') })).distribute.wait();
  const vault = await saver.savings.vault();
  const pct = (wad: bigint) => `${formatUnits(wad * 100n, 18)}%`;
  console.log(
    `APY ${pct(vault.apy.apy)}: lending ${pct(vault.apy.lendingApy)} + income ${pct(vault.apy.incomeApy)}`,
  );
  for (const a of vault.allocations) console.log(a.collateralSymbol, formatPusd(a.assets), 'pUSD');

  const me = saver.walletClient!.account!.address;
  const position = await saver.savings.position(me);
  const redeem = await saver.savings.redeem({ shares: 'all' });
  await redeem.wait();
  return { expected, minted: deposit.result, vault, position, redeemed: redeem.result };
}
