// Helpers the demo steps share (internal).
import { formatPusd, gemForPusdOut, type WriteResult } from '@plaza/sdk';
import type { SeedContext } from './types.js';

/** Sends and waits (every demo transaction is mined before the next). */
export async function mined<T>(write: Promise<WriteResult<T>>): Promise<WriteResult<T>> {
  const sent = await write;
  await sent.wait();
  return sent;
}

/** "12,345.6 pUSD". */
export const pusd = (amount: bigint, digits = 2) =>
  `${Number(formatPusd(amount)).toLocaleString('en-US', { maximumFractionDigits: digits })} pUSD`;

/** Gives the named account `amount` pUSD more: faucet USDC, sold to the PSM by the account itself. */
export async function fundPusd(seed: SeedContext, name: string, amount: bigint): Promise<void> {
  const gem = gemForPusdOut(amount, await seed.plaza('deployer').psm.state());
  await mined(seed.plaza('deployer').usdc.faucet({ to: seed.account(name).address, amount: gem }));
  await mined(
    seed
      .plaza(name)
      .psm.sellGem({ gemAmount: gem })
      .then((r) => r.swap),
  );
}
