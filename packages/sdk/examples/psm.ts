import { PlazaError, formatPusd, parseUsdc, type PlazaClient } from '@plaza/sdk';

// The PSM: quote exactly as the contract rounds, swap USDC for pUSD and back (approvals included), and handle
// a refusal as a typed PlazaError.
export async function psmExample(alice: PlazaClient) {
  const me = alice.walletClient!.account!.address;
  await (await alice.usdc.faucet({ to: me, amount: parseUsdc('1000') })).wait(); // dev chains only

  const quote = await alice.psm.quoteSellGem(parseUsdc('500'));
  console.log(`500 USDC → ${formatPusd(quote.pusdOut)} pUSD (fee ${formatPusd(quote.fee)})`);
  const { swap } = await alice.psm.sellGem({ gemAmount: parseUsdc('500') });
  await swap.wait();

  const { swap: back } = await alice.psm.buyGem({ gemAmount: parseUsdc('100') });
  await back.wait();

  try {
    await alice.psm.sellGem({ gemAmount: parseUsdc('1000000') });
  } catch (error) {
    if (!(error instanceof PlazaError)) throw error;
    console.log(error.errorName, '—', error.message); // ERC20InsufficientBalance — 0x… holds 500 USDC but needs 1000000 USDC.
    return { received: swap.result, paid: back.result, refusal: error.errorName };
  }
  throw new Error('expected a refusal');
}
