// Uniswap v3 and LiquidityIncentives through the SDK: the SDK's Uniswap ABIs equal the official npm artifacts;
// the pool at parity and v3-sdk's price ↔ tick; positions minted with the liquidity and amounts v3-sdk predicts;
// deposits staked into programs (the deployment's fee-share stream and new fixed programs); pending rewards
// computed off-chain equal to the contract's pendingReward across fuzzed time, swaps in and out of range and
// claims; claims, unstaking, withdrawal, settlement and refunds; and refusals before anything is sent.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { liquidityIncentivesAbi } from '@plaza/abi';
import {
  bandAroundPrice,
  isInBand,
  liquidityForAmounts,
  mintAmounts,
  nonfungiblePositionManagerAbi,
  parsePusd,
  parseUsdc,
  positionAmounts,
  priceToTick,
  programId,
  swapRouterAbi,
  tickAtSqrtPriceX96,
  tickToPrice,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
  type PlazaClient,
  type ProgramKey,
} from '@plaza/sdk';
import fc from 'fast-check';
import type { Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, mined, nonceOf } from './support/helpers.js';

const chain = useTestChain();
const { alice, carol } = accounts;
const DAY = 86_400;

/** An LP with `amount` of both pUSD and USDC. */
async function fundLp(lp: PlazaClient, amount: string) {
  await fundPusd(lp, parsePusd(amount));
  await mined(lp.usdc.faucet({ to: lp.walletClient!.account!.address, amount: parseUsdc(amount) }));
}

/** Amounts in pool order (token0, token1) for `pusd` pUSD and `usdc` USDC. */
async function inPoolOrder(plaza: PlazaClient, pusd: bigint, usdc: bigint) {
  const pool = await plaza.incentives.pool();
  const pusdIsToken0 = pool.token0.address === chain().deployment.contracts.PlazaUSD!.address;
  return pusdIsToken0
    ? { amount0Desired: pusd, amount1Desired: usdc }
    : { amount0Desired: usdc, amount1Desired: pusd };
}

async function mintAround(lp: PlazaClient, width: number, pusd: string) {
  const pool = await lp.incentives.pool();
  const { mint } = await lp.incentives.mintPosition({
    tickLower: pool.tick - width,
    tickUpper: pool.tick + width,
    ...(await inPoolOrder(lp, parsePusd(pusd), parseUsdc(pusd))),
  });
  await mint.wait();
  return mint.result;
}

/** A fixed pUSD program over the pool's tick ± 20, started. */
async function startedProgram(funder: PlazaClient, amount = parsePusd('8640')): Promise<ProgramKey> {
  const { testClient } = chain();
  const now = Number((await chain().publicClient.getBlock()).timestamp);
  await fundPusd(funder, amount);
  const { create, key } = await funder.incentives.createProgram({
    amount,
    startTime: now + 30,
    endTime: now + 30 + 10 * DAY,
  });
  await create.wait();
  await increaseTime(testClient, 31);
  return key;
}

describe('Uniswap v3 through the SDK', () => {
  it('uses ABI fragments identical to the official npm artifacts', () => {
    const require = createRequire(import.meta.url);
    const artifact = (path: string) =>
      (JSON.parse(readFileSync(require.resolve(path), 'utf8')) as { abi: Abi }).abi;
    const official = [
      [
        nonfungiblePositionManagerAbi,
        artifact(
          '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
        ),
      ],
      [
        uniswapV3PoolAbi,
        artifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json'),
      ],
      [
        uniswapV3FactoryAbi,
        artifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json'),
      ],
      [swapRouterAbi, artifact('@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json')],
    ] as const;
    const shape = (item: Abi[number]): unknown => {
      type Param = { type: string; name?: string; indexed?: boolean; components?: readonly unknown[] };
      const params = (list: readonly Param[]): unknown[] =>
        list.map((p) => ({
          type: p.type,
          name: p.name ?? '',
          indexed: p.indexed ?? false,
          components: p.components ? params(p.components as never) : [],
        }));
      return {
        type: item.type,
        name: 'name' in item ? item.name : '',
        inputs: 'inputs' in item ? params(item.inputs) : [],
        outputs: 'outputs' in item ? params(item.outputs) : [],
        stateMutability: 'stateMutability' in item ? item.stateMutability : '',
      };
    };
    for (const [ours, theirs] of official) {
      expect(ours.length).toBeGreaterThan(0);
      for (const item of ours) {
        const matches = theirs.filter((t) => JSON.stringify(shape(t)) === JSON.stringify(shape(item)));
        expect(matches, `${item.type} ${item.name}`).toHaveLength(1);
      }
    }
  });

  it('reads the pool at parity and converts prices and ticks with v3-sdk', async () => {
    const { as, deployment } = chain();
    const pool = await as.bob.incentives.pool();
    expect(pool.address).toBe(deployment.contracts.PusdUsdcPool!.address);
    expect(pool.fee).toBe(100);
    expect(pool.tickSpacing).toBe(1);
    expect(pool.liquidity).toBe(0n);
    expect(tickAtSqrtPriceX96(pool.sqrtPriceX96)).toBe(pool.tick);
    const [pusd, usdc] =
      pool.token0.address === deployment.contracts.PlazaUSD!.address
        ? [pool.token0, pool.token1]
        : [pool.token1, pool.token0];
    expect(pusd.decimals).toBe(18);
    expect(usdc.decimals).toBe(6);
    expect(Math.abs(priceToTick('1', pool.token0, pool.token1) - pool.tick)).toBeLessThanOrEqual(1);
    expect(Number(tickToPrice(pool.tick, pusd, usdc))).toBeCloseTo(1, 3);
    const band = bandAroundPrice({
      bps: 20,
      base: pool.token0,
      quote: pool.token1,
      tickSpacing: pool.tickSpacing,
    });
    expect(band.tickUpper - band.tickLower).toBeGreaterThanOrEqual(38);
    expect(band.tickUpper - band.tickLower).toBeLessThanOrEqual(42);
    expect(isInBand({ tickLower: pool.tick - 5, tickUpper: pool.tick + 5 }, band)).toBe(true);
    expect(isInBand({ tickLower: pool.tick - 50, tickUpper: pool.tick + 5 }, band)).toBe(false);
    const stream = await as.bob.incentives.feeShareStream();
    expect(stream).toMatchObject({
      rewardToken: deployment.contracts.PlazaUSD!.address,
      pool: pool.address,
      endTime: 0,
      tickLower: pool.tick - 20,
      tickUpper: pool.tick + 20,
      rate: parsePusd('50') / 86_400n,
    });
  });

  it('mints positions with the liquidity and amounts v3-sdk predicts, across fuzzed ranges and amounts', async () => {
    const { as } = chain();
    await fundLp(as.alice, '1000000');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        async (below, above, pusd, usdc) => {
          const pool = await as.alice.incentives.pool();
          const tickLower = pool.tick - below;
          const tickUpper = pool.tick + above;
          const desired = await inPoolOrder(as.alice, parsePusd(String(pusd)), parseUsdc(String(usdc)));
          const predicted = liquidityForAmounts({
            sqrtPriceX96: pool.sqrtPriceX96,
            tickLower,
            tickUpper,
            amount0: desired.amount0Desired,
            amount1: desired.amount1Desired,
          });
          const { mint } = await as.alice.incentives.mintPosition({
            tickLower,
            tickUpper,
            ...desired,
            approve: 'max',
          });
          await mint.wait();
          expect(mint.result.liquidity).toBe(predicted);
          const spent = mintAmounts({ pool, liquidity: predicted, tickLower, tickUpper });
          expect([mint.result.amount0, mint.result.amount1]).toEqual([spent.amount0, spent.amount1]);
          const held = positionAmounts({
            pool: await as.alice.incentives.pool(),
            liquidity: predicted,
            tickLower,
            tickUpper,
          });
          expect(spent.amount0 - held.amount0).toBeLessThanOrEqual(1n);
          expect(spent.amount1 - held.amount1).toBeLessThanOrEqual(1n);
          expect(await as.bob.incentives.position(mint.result.tokenId)).toMatchObject({
            owner: alice.address,
            deposited: false,
            tickLower,
            tickUpper,
            liquidity: predicted,
          });
        },
      ),
      { seed: SEED, numRuns: 10 },
    );
    expect((await as.bob.incentives.positionsOf(alice.address)).length).toBe(10);
  });
});

describe('positions', () => {
  it('adds to, removes from and collects a position through the position manager', async () => {
    const { as } = chain();
    await fundLp(as.alice, '10000');
    const position = await mintAround(as.alice, 5, '1000');
    const { increase } = await as.alice.incentives.increaseLiquidity({
      tokenId: position.tokenId,
      ...(await inPoolOrder(as.alice, parsePusd('500'), parseUsdc('500'))),
    });
    await increase.wait();
    const grown = await as.bob.incentives.position(position.tokenId);
    expect(grown.liquidity).toBe(position.liquidity + increase.result.liquidity);
    const value = await as.bob.incentives.positionValue(position.tokenId);
    expect(value.inRange).toBe(true);

    const removed = await mined(
      as.alice.incentives.decreaseLiquidity({ tokenId: position.tokenId, liquidity: grown.liquidity / 2n }),
    );
    const owed = await as.bob.incentives.position(position.tokenId);
    expect(owed.liquidity).toBe(grown.liquidity - grown.liquidity / 2n);
    expect([owed.tokensOwed0, owed.tokensOwed1]).toEqual([removed.result.amount0, removed.result.amount1]);
    const collected = await mined(as.alice.incentives.collect({ tokenId: position.tokenId }));
    expect(collected.result).toEqual(removed.result);
    expect(await as.bob.incentives.position(position.tokenId)).toMatchObject({
      tokensOwed0: 0n,
      tokensOwed1: 0n,
    });

    await mined(as.alice.incentives.deposit({ tokenId: position.tokenId }));
    await expect(
      as.alice.incentives.decreaseLiquidity({ tokenId: position.tokenId, liquidity: 1n }),
    ).rejects.toMatchObject({ message: expect.stringContaining('deposited in LiquidityIncentives') });
  });
});

describe('staking and rewards', () => {
  it('computes every pending reward exactly like the contract, across fuzzed time, swaps and claims', async () => {
    const { as, testClient } = chain();
    await fundLp(as.alice, '100000');
    await fundLp(as.carol, '100000');
    await fundLp(as.bob, '100000');
    const key = await startedProgram(as.deployer);
    const narrow = await mintAround(as.alice, 2, '5000');
    const wide = await mintAround(as.carol, 15, '20000');
    await mined(as.alice.incentives.deposit({ tokenId: narrow.tokenId, programs: [key] }));
    await mined(as.carol.incentives.deposit({ tokenId: wide.tokenId, programs: [key] }));
    expect(await as.bob.incentives.depositOf(narrow.tokenId)).toMatchObject({
      owner: alice.address,
      numberOfStakes: 1,
    });
    const pool0 = await as.bob.incentives.pool();
    const usdc = (await as.bob.usdc.address()).toLowerCase();
    let outOfRange = 0;
    let claims = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: DAY }),
        fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 30_000n })),
        fc.boolean(),
        fc.boolean(),
        async (seconds, swapUnits, sellUsdc, claim) => {
          if (swapUnits !== 0n) {
            const pool = await as.bob.incentives.pool();
            // Past the wide position the pool may have no liquidity left, and a swap can take the price to the
            // end of the curve, where a further swap that way reverts (SPL): bring it back instead.
            const zeroForOne =
              pool.tick >= pool0.tick + 15
                ? true
                : pool.tick < pool0.tick - 15
                  ? false
                  : sellUsdc === (pool.token0.address.toLowerCase() === usdc);
            const tokenIn = zeroForOne ? pool.token0 : pool.token1;
            await (
              await as.bob.incentives.swap({
                tokenIn: tokenIn.address,
                amountIn: swapUnits * 10n ** BigInt(tokenIn.decimals),
                slippageBps: 10_000,
                approve: 'max',
              })
            ).swap.wait();
          }
          await increaseTime(testClient, seconds);
          const tick = (await as.bob.incentives.pool()).tick;
          if (tick < pool0.tick - 2 || tick >= pool0.tick + 2) outOfRange++;
          const block = await chain().publicClient.getBlockNumber();
          for (const tokenId of [narrow.tokenId, wide.tokenId]) {
            const onChain = await chain().publicClient.readContract({
              address: await as.bob.incentives.address(),
              abi: liquidityIncentivesAbi,
              functionName: 'pendingReward',
              args: [tokenId, key],
              blockNumber: block,
            });
            expect(await as.bob.incentives.computePendingReward(tokenId, key, block)).toBe(onChain);
          }
          if (claim) {
            const before = await as.bob.pusd.balanceOf(alice.address);
            const paid = await mined(as.alice.incentives.claim({ tokenId: narrow.tokenId, key }));
            expect(await as.bob.pusd.balanceOf(alice.address)).toBe(before + paid.result);
            claims++;
          }
        },
      ),
      { seed: SEED, numRuns: 15 },
    );
    expect({ outOfRange: outOfRange > 0, claims: claims > 0 }).toEqual({ outOfRange: true, claims: true });

    const { stakes, totals } = await as.bob.incentives.pendingRewardsOf(carol.address);
    expect(stakes.map((s) => [s.tokenId, s.id])).toEqual([[wide.tokenId, programId(key)]]);
    expect(totals[key.rewardToken]).toBe(stakes[0]!.pending);
    expect(stakes[0]!.pending).toBeGreaterThan(0n);
  });

  it('unstakes, pays credited rewards, withdraws the NFT, settles after the end and refunds the rest', async () => {
    const { as, testClient } = chain();
    await fundLp(as.alice, '10000');
    const key = await startedProgram(as.deployer, parsePusd('864'));
    const position = await mintAround(as.alice, 3, '1000');
    await mined(as.alice.incentives.deposit({ tokenId: position.tokenId }));
    await mined(as.alice.incentives.stake({ tokenId: position.tokenId, key }));
    expect((await as.bob.incentives.stakeOf(position.tokenId, key)).staked).toBe(true);
    await increaseTime(testClient, DAY);
    await expect(as.alice.incentives.withdraw({ tokenId: position.tokenId })).rejects.toMatchObject({
      errorName: 'StakesOpen',
      args: { tokenId: position.tokenId, numberOfStakes: 1n },
    });
    const unstaked = await mined(as.alice.incentives.unstake({ tokenId: position.tokenId, key }));
    // Alone in range, the position earned the whole day's emission (within rounding).
    expect(parsePusd('86.4') - unstaked.result).toBeLessThan(parsePusd('0.01'));
    expect(await as.bob.incentives.rewards(key.rewardToken, alice.address)).toBe(unstaked.result);
    const before = await as.bob.pusd.balanceOf(alice.address);
    expect((await mined(as.alice.incentives.claimReward({ rewardToken: key.rewardToken }))).result).toBe(
      unstaked.result,
    );
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(before + unstaked.result);
    await mined(as.alice.incentives.withdraw({ tokenId: position.tokenId }));
    expect(await as.bob.incentives.position(position.tokenId)).toMatchObject({
      owner: alice.address,
      deposited: false,
    });

    // Staked again until after the end: anyone settles it; the idle days are refunded to the refundee.
    await mined(as.alice.incentives.deposit({ tokenId: position.tokenId, programs: [key] }));
    await increaseTime(testClient, 10 * DAY);
    const settled = await mined(as.bob.incentives.settle({ tokenId: position.tokenId, key }));
    expect(settled.result).toBeGreaterThan(0n);
    const program = await as.bob.incentives.program(key);
    expect(program.running).toBe(false);
    expect(program.funded).toBe(key.rate * BigInt(key.endTime - key.startTime));
    const refunded = await mined(as.bob.incentives.refund({ key }));
    expect(refunded.result).toBe(program.refundable);
    expect(refunded.result).toBeGreaterThan(0n);
  });

  it('the fee share from the FeeCollector funds the stream that staked positions earn', async () => {
    const { as, testClient } = chain();
    await fundLp(as.alice, '100000'); // the PSM fee of this funding is distributed below
    const stream = (await as.bob.incentives.feeShareStream())!;
    const position = await mintAround(as.alice, 5, '1000');
    await mined(as.alice.incentives.deposit({ tokenId: position.tokenId, programs: [stream] }));
    await mined(as.bob.fees.distribute());
    const info = await as.bob.incentives.program(stream);
    expect(info.stream.funded).toBeGreaterThan(0n);
    await increaseTime(testClient, 3600);
    const pending = await as.bob.incentives.computePendingReward(position.tokenId, stream);
    expect(pending).toBe(await as.bob.incentives.pendingReward(position.tokenId, stream));
    expect(pending).toBeGreaterThan(0n);
  });
});

describe('pre-flight refusals (nothing sent)', () => {
  it('refuses positions outside the band, programs not started, others’ deposits and bad windows', async () => {
    const { as } = chain();
    await fundLp(as.alice, '10000');
    await fundLp(as.carol, '10000');
    const stream = (await as.bob.incentives.feeShareStream())!;
    const wide = await mintAround(as.alice, 100, '1000');
    const nonce = await nonceOf(as.alice, alice.address);
    await expect(
      as.alice.incentives.deposit({ tokenId: wide.tokenId, programs: [stream] }),
    ).rejects.toMatchObject({
      errorName: 'OutsideBand',
      contract: 'LiquidityIncentives',
    });
    const now = Number((await chain().publicClient.getBlock()).timestamp);
    const later: ProgramKey = { ...stream, startTime: now + 3600, endTime: now + 7200, rate: 1n };
    await expect(
      as.alice.incentives.deposit({ tokenId: wide.tokenId, programs: [later] }),
    ).rejects.toMatchObject({
      errorName: 'UnknownProgram',
    });
    await expect(
      as.alice.incentives.createProgram({ amount: parsePusd('1'), startTime: now - 10, endTime: now + 10 }),
    ).rejects.toMatchObject({ errorName: 'InvalidWindow' });
    await expect(
      as.alice.incentives.createProgram({ amount: 5n, endTime: now + 3600 }),
    ).rejects.toMatchObject({
      errorName: 'ZeroRate',
    });
    expect(await nonceOf(as.alice, alice.address)).toBe(nonce);

    const { create, key } = await as.carol.incentives.createProgram({
      amount: parsePusd('10'),
      endTime: now + 3 * DAY,
    });
    await create.wait();
    const narrow = await mintAround(as.alice, 1, '100');
    const before = await nonceOf(as.alice, alice.address);
    await expect(
      as.alice.incentives.deposit({ tokenId: narrow.tokenId, programs: [key] }),
    ).rejects.toMatchObject({
      errorName: 'ProgramNotStarted',
    });
    await expect(as.carol.incentives.deposit({ tokenId: narrow.tokenId })).rejects.toMatchObject({
      message: expect.stringContaining(`it belongs to ${alice.address}`),
    });
    await mined(as.alice.incentives.deposit({ tokenId: narrow.tokenId }));
    await expect(as.carol.incentives.claim({ tokenId: narrow.tokenId, key })).rejects.toMatchObject({
      errorName: 'NotDepositOwner',
    });
    expect(await nonceOf(as.alice, alice.address)).toBe(before + 1);
    // Uniswap's own short reasons are explained.
    await expect(as.carol.incentives.collect({ tokenId: wide.tokenId })).rejects.toMatchObject({
      errorName: 'Error',
      message: expect.stringContaining(
        '(Not approved): the sender is neither the position owner nor approved for it',
      ),
    });
  });
});
