import { bandAroundPrice, parsePusd, parseUsdc, type PlazaClient } from '@plaza/sdk';

// Liquidity mining: an LP mints a pUSD/USDC position within ±10 bps of the peg (ticks from @uniswap/v3-sdk),
// deposits it into LiquidityIncentives staked in the fee-share stream, and later claims what it earned.
export async function provideLiquidity(lp: PlazaClient) {
  const pool = await lp.incentives.pool();
  const band = bandAroundPrice({
    bps: 10,
    base: pool.token0,
    quote: pool.token1,
    tickSpacing: pool.tickSpacing,
  });
  const pusdFirst = pool.token0.address === (await lp.pusd.address());
  const [amount0Desired, amount1Desired] = pusdFirst
    ? [parsePusd('1000'), parseUsdc('1000')]
    : [parseUsdc('1000'), parsePusd('1000')];
  const { mint } = await lp.incentives.mintPosition({ ...band, amount0Desired, amount1Desired });
  await mint.wait();

  const stream = await lp.incentives.feeShareStream(); // pUSD fees shared with LPs
  const programs = stream ? [stream] : [];
  await (await lp.incentives.deposit({ tokenId: mint.result.tokenId, programs })).wait();
  return { tokenId: mint.result.tokenId, band, programs };
}

export async function claimRewards(lp: PlazaClient) {
  const me = lp.walletClient!.account!.address;
  const { stakes, totals } = await lp.incentives.pendingRewardsOf(me); // computed like the contract
  for (const stake of stakes)
    await (await lp.incentives.claim({ tokenId: stake.tokenId, key: stake.key })).wait();
  return { stakes, totals };
}
