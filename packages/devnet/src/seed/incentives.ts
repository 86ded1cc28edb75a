// Phase 2 of the demo world, part 3: the pUSD/USDC Uniswap v3 pool with LP positions staked in a fixed rewards
// program and the fee-share stream, a swap, and protocol fees flowing to the LPs.
import { parsePusd, parseUsdc, type PlazaClient } from '@plaza/sdk';
import type { SeedContext, SeedStep } from './types.js';
import { fundPusd, mined, pusd } from './util.js';

/** Amounts in pool order for `pusdAmount` pUSD and `usdcAmount` USDC. */
async function inPoolOrder(plaza: PlazaClient, pusdAmount: bigint, usdcAmount: bigint) {
  const pool = await plaza.incentives.pool();
  const pusdFirst = pool.token0.address === (await plaza.pusd.address());
  return pusdFirst
    ? { amount0Desired: pusdAmount, amount1Desired: usdcAmount }
    : { amount0Desired: usdcAmount, amount1Desired: pusdAmount };
}

async function mintAroundPeg(seed: SeedContext, name: string, width: number, amount: string) {
  const lp = seed.plaza(name);
  const pool = await lp.incentives.pool();
  const { mint } = await lp.incentives.mintPosition({
    tickLower: pool.tick - width,
    tickUpper: pool.tick + width,
    ...(await inPoolOrder(lp, parsePusd(amount), parseUsdc(amount))),
  });
  await mint.wait();
  return mint.result;
}

/**
 * The incentives demo steps, in order: a fixed rewards program and two LP positions staked in it and in the
 * fee-share stream; a swap; protocol fees (PSM and PayFi) distributed, the LP share funding the stream.
 *
 * @example
 * ```ts
 * import { incentivesSteps } from '@plaza/devnet';
 * incentivesSteps.map((s) => s.id); // ['incentives.liquidity', 'incentives.swap', 'incentives.feeShare']
 * ```
 */
export const incentivesSteps: readonly SeedStep[] = [
  {
    id: 'incentives.liquidity',
    module: 'incentives',
    title: 'pUSD/USDC Uniswap v3 liquidity staked in a rewards program and the fee-share stream',
    contracts: ['LiquidityIncentives', 'PusdUsdcPool', 'NonfungiblePositionManager', 'MockUSDC'],
    async run(seed) {
      const deployer = seed.plaza('deployer');
      await fundPusd(seed, 'deployer', parsePusd('7000'));
      const latest = Number(await seed.now());
      // A program starts no earlier than its creation block: give it two seconds, then let the chain's clock (anvil
      // follows the wall clock) pass the start before the LPs' transactions, so that they can stake at once.
      const startTime = Math.max(latest + 1, Math.floor(Date.now() / 1000)) + 2;
      const { create, key } = await deployer.incentives.createProgram({
        amount: parsePusd('7000'),
        startTime,
        endTime: startTime + 7 * 86_400,
        refundee: seed.account('treasury').address,
      });
      await create.wait();
      const stream = await deployer.incentives.feeShareStream();
      const programs = stream ? [key, stream] : [key];
      while (Date.now() / 1000 < startTime + 1) await new Promise((resolve) => setTimeout(resolve, 200));

      await mined(deployer.usdc.faucet({ to: seed.account('dave').address, amount: parseUsdc('5000') }));
      const carol = await mintAroundPeg(seed, 'carol', 10, '30000');
      const dave = await mintAroundPeg(seed, 'dave', 3, '2000');
      for (const [name, position] of [
        ['carol', carol],
        ['dave', dave],
      ] as const) {
        await mined(seed.plaza(name).incentives.deposit({ tokenId: position.tokenId, programs }));
      }
      seed.shared.set('incentives.program', key);
      const pool = await deployer.incentives.pool();
      seed.note(
        `Incentives: Carol (position #${carol.tokenId}, ±10 ticks, ~30,000 of each) and Dave (#${dave.tokenId}, ±3 ticks, ~2,000 of each) staked in "LP launch rewards" (7,000 pUSD over 7 days, band ${key.tickLower}…${key.tickUpper}) and the pUSD fee-share stream; pool tick ${pool.tick}`,
      );
    },
  },
  {
    id: 'incentives.swap',
    module: 'incentives',
    title: 'A swap through the pool: Bob sells 2,500 USDC for pUSD',
    contracts: ['SwapRouter', 'PusdUsdcPool'],
    async run(seed) {
      const bob = seed.plaza('bob');
      const { swap } = await bob.incentives.swap({
        tokenIn: await bob.usdc.address(),
        amountIn: parseUsdc('2500'),
      });
      await swap.wait();
      const pool = await bob.incentives.pool();
      seed.note(
        `Incentives: Bob swapped 2,500 USDC for ${pusd(swap.result, 4)} through the 0.01% pool (tick now ${pool.tick})`,
      );
    },
  },
  {
    id: 'incentives.feeShare',
    module: 'fees',
    title: 'Protocol fees (PSM, PayFi) distributed; the LP share funds the stream',
    contracts: ['FeeCollector', 'PaymentProcessor', 'LiquidityIncentives'],
    async run(seed) {
      const relayer = seed.plaza('relayer');
      const swept = await mined(relayer.payments.sweepFees());
      const { shares } = await relayer.fees.previewDistribution();
      await mined(relayer.fees.distribute());
      const incentives = seed.deployment.contracts.LiquidityIncentives!.address;
      const toLps = shares.find((s) => s.account === incentives)?.amount ?? 0n;
      const stream = await relayer.incentives.feeShareStream();
      const funded = stream ? (await relayer.incentives.program(stream)).stream.funded : 0n;
      seed.note(
        `Fees: PayFi swept ${pusd(swept.result, 4)} to the FeeCollector; ${pusd(toLps, 4)} of this distribution went to LPs (the stream holds ${pusd(funded, 4)} in all)`,
      );
      const key = seed.shared.get('incentives.program') as { rate: bigint } | undefined;
      if (key) {
        seed.note(
          `Incentives: "LP launch rewards" emit ${pusd(key.rate * 86_400n)}/day and the stream ${pusd((stream?.rate ?? 0n) * 86_400n)}/day (while funded) to staked in-range liquidity; read them with plaza.incentives.pendingRewardsOf(lp)`,
        );
      }
    },
  },
];
