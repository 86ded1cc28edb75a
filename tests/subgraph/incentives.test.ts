// Liquidity incentives through the subgraph: the official Uniswap v3 bytecode (factory, position manager, the
// pUSD/USDC pool at parity), LP positions deposited and staked (with and without data), a fixed program claimed,
// settled, unstaked, refunded; the fee-share stream funded by the FeeCollector; a liquidity refresh; credited
// rewards withdrawn — checked against the contract and read through the SDK client.
import { encodeAbiParameters, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, expectEntities } from './support/coverage.js';
import { startStack, type Stack } from './support/stack.js';
import { MAX_UINT256, WAD, abi, approve, at, deployIncentives, onboard, uniswap } from './support/world.js';

const KEY = [
  {
    type: 'tuple[]',
    components: [
      { name: 'rewardToken', type: 'address' },
      { name: 'pool', type: 'address' },
      { name: 'refundee', type: 'address' },
      { name: 'startTime', type: 'uint32' },
      { name: 'endTime', type: 'uint32' },
      { name: 'tickLower', type: 'int24' },
      { name: 'tickUpper', type: 'int24' },
      { name: 'rate', type: 'uint96' },
    ],
  },
] as const;

interface ProgramKey {
  rewardToken: Address;
  pool: Address;
  refundee: Address;
  startTime: number;
  endTime: number;
  tickLower: number;
  tickUpper: number;
  rate: bigint;
}

let stack: Stack;
let incentives: Address;
let positionManager: Address;
let pool: Address;
let fixed: ProgramKey;
let stream: ProgramKey;
let fixedId: Hex;
let streamId: Hex;
const tokens: Record<string, bigint> = {};
let streamFunding: bigint;

async function mintPosition(owner: string, tick: number, pusdIsToken0: boolean) {
  const npm = uniswap.positionManager();
  const pusd = at(stack, 'PlazaUSD');
  const usdc = at(stack, 'MockUSDC');
  await approve(stack, owner, pusd, positionManager);
  await approve(stack, owner, usdc, positionManager);
  const [token0, token1] = pusdIsToken0 ? [pusd, usdc] : [usdc, pusd];
  const [amount0, amount1] = pusdIsToken0 ? [10_000n * WAD, 10_000_000000n] : [10_000_000000n, 10_000n * WAD];
  await stack.send(owner, positionManager, npm.abi, 'mint', [
    {
      token0,
      token1,
      fee: 100,
      tickLower: tick - 10,
      tickUpper: tick + 10,
      amount0Desired: amount0,
      amount1Desired: amount1,
      amount0Min: 0n,
      amount1Min: 0n,
      recipient: stack.account(owner).address,
      deadline: MAX_UINT256,
    },
  ]);
  return stack.read<bigint>(positionManager, npm.abi, 'tokenOfOwnerByIndex', [
    stack.account(owner).address,
    0n,
  ]);
}

beforeAll(async () => {
  stack = await startStack();
  await onboard(stack, [
    { name: 'deployer', usdc: '20000' },
    { name: 'alice', usdc: '20000' },
    { name: 'bob', usdc: '30000' },
  ]);
  for (const name of ['alice', 'bob']) {
    await (
      await stack.devnet.plaza(name).usdc.faucet({ to: stack.account(name).address, amount: 20_000_000000n })
    ).wait();
  }
  const uni = await deployIncentives(stack);
  ({ incentives, positionManager, pool } = uni);
  await stack.startIndexer();
  const pusd = at(stack, 'PlazaUSD');
  const deployer = stack.account('deployer').address;
  const npm = uniswap.positionManager();

  // ── programs: a fixed one (1 pUSD/s for two hours) and the open-ended fee-share stream
  const now = Number((await stack.publicClient.getBlock()).timestamp);
  fixed = {
    rewardToken: pusd,
    pool,
    refundee: deployer,
    startTime: now + 20,
    endTime: now + 20 + 7200,
    tickLower: uni.tick - 20,
    tickUpper: uni.tick + 20,
    rate: WAD,
  };
  stream = { ...fixed, startTime: now, endTime: 0, rate: WAD / 1000n };
  fixedId = await stack.read<Hex>(incentives, abi.incentives, 'programId', [fixed]);
  streamId = await stack.read<Hex>(incentives, abi.incentives, 'programId', [stream]);
  await approve(stack, 'deployer', pusd, incentives);
  await stack.send('deployer', incentives, abi.incentives, 'createProgram', [fixed]);
  await stack.send('deployer', incentives, abi.incentives, 'createStream', [stream]);
  // the FeeCollector shares fees with LiquidityIncentives, which it notifies
  const collector = at(stack, 'FeeCollector');
  await stack.send('deployer', collector, abi.fees, 'setRecipients', [
    [
      { account: stack.account('treasury').address, bps: 5000, notify: false },
      { account: incentives, bps: 5000, notify: true },
    ],
  ]);
  await stack.send('deployer', pusd, abi.pusd, 'transfer', [collector, 200n * WAD]);
  const undistributed = await stack.read<bigint>(collector, abi.fees, 'undistributed', [pusd]);
  streamFunding = undistributed - (undistributed * 5000n) / 10_000n; // the last recipient takes the remainder
  await stack.send('bob', collector, abi.fees, 'distribute', [pusd]);

  // ── LP positions: Alice deposits and stakes in one transfer; Bob deposits, then stakes after a top-up
  tokens.alice = await mintPosition('alice', uni.tick, uni.pusdIsToken0);
  tokens.bob = await mintPosition('bob', uni.tick, uni.pusdIsToken0);
  await stack.advance(30);
  const alice = stack.account('alice').address;
  const bob = stack.account('bob').address;
  await stack.send('alice', positionManager, npm.abi, 'safeTransferFrom', [
    alice,
    incentives,
    tokens.alice,
    encodeAbiParameters(KEY, [[fixed]]),
  ]);
  await stack.send('bob', positionManager, npm.abi, 'safeTransferFrom', [bob, incentives, tokens.bob, '0x']);
  // anyone may add liquidity to a position; the deposit's snapshot refreshes at its next stake
  await stack.send('bob', positionManager, npm.abi, 'increaseLiquidity', [
    {
      tokenId: tokens.bob,
      amount0Desired: uni.pusdIsToken0 ? 1000n * WAD : 1000_000000n,
      amount1Desired: uni.pusdIsToken0 ? 1000_000000n : 1000n * WAD,
      amount0Min: 0n,
      amount1Min: 0n,
      deadline: MAX_UINT256,
    },
  ]);
  await stack.send('bob', incentives, abi.incentives, 'stake', [tokens.bob, fixed]);
  await stack.send('bob', incentives, abi.incentives, 'stake', [tokens.bob, stream]);
  await stack.advance(1800);
  await stack.send('alice', incentives, abi.incentives, 'claim', [tokens.alice, fixed, alice]);
  await stack.advance(7200);
  await stack.send('deployer', incentives, abi.incentives, 'settle', [tokens.bob, fixed]);
  await stack.send('alice', incentives, abi.incentives, 'unstake', [tokens.alice, fixed]);
  await stack.send('alice', incentives, abi.incentives, 'claimReward', [pusd, alice, 0n]);
  await stack.send('deployer', incentives, abi.incentives, 'refund', [fixed]);
  await stack.send('alice', incentives, abi.incentives, 'withdraw', [tokens.alice, alice, '0x']);
  await stack.send('deployer', incentives, abi.incentives, 'endStream', [stream]);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('liquidity incentives', () => {
  it('rebuilds programs, fundings and refunds', async () => {
    const { incentivePrograms } = await stack.query<{ incentivePrograms: Record<string, unknown>[] }>(
      `{ incentivePrograms(orderBy: createdAt) { id isStream rate funded claimed credited forfeited refunded endedAt
          stakeCount activeStakeCount stakedLiquidity fundings(orderBy: blockNumber) { kind amount } } }`,
    );
    const byId = new Map(incentivePrograms.map((p) => [p.id, p]));
    const f = byId.get(fixedId)!;
    expect(f).toMatchObject({
      isStream: false,
      rate: WAD.toString(),
      funded: (7200n * WAD).toString(),
      stakeCount: 2,
    });
    // every stake of the fixed program is closed or settled; what it paid or credited plus refunds is what it was funded
    const paid = BigInt(f.claimed as string) + BigInt(f.credited as string) + BigInt(f.refunded as string);
    expect(paid).toBeLessThanOrEqual(7200n * WAD);
    expect(7200n * WAD - paid).toBeLessThan(10n ** 6n); // rounding dust only
    expect((f.fundings as { kind: string }[]).map((x) => x.kind)).toEqual(['CREATED', 'REFUNDED']);
    const s = byId.get(streamId)!;
    expect(s).toMatchObject({ isStream: true, funded: streamFunding.toString(), activeStakeCount: 1 });
    expect(s.endedAt).not.toBeNull();
    expect((s.fundings as { kind: string; amount: string }[]).map((x) => [x.kind, x.amount])).toEqual([
      ['CREATED', '0'],
      ['STREAM_FUNDED', streamFunding.toString()],
    ]);
    const { incentiveFeeReceipts } = await stack.query<{ incentiveFeeReceipts: Record<string, string>[] }>(
      `{ incentiveFeeReceipts { token amount unallocated } }`,
    );
    expect(incentiveFeeReceipts).toEqual([
      { token: at(stack, 'PlazaUSD').toLowerCase(), amount: streamFunding.toString(), unallocated: '0' },
    ]);
  });

  it('follows deposits and stakes, and each reward claim matches the contract', async () => {
    const { lpDeposits, stakes, rewardClaims, rewardBalances, rewardWithdrawals } = await stack.query<
      Record<string, Record<string, unknown>[]>
    >(
      `{ lpDeposits(orderBy: tokenId) { tokenId owner deposited withdrawnTo liquidity stakeCount }
         stakes(orderBy: id) { id active claimed credited liquidity program { id } }
         rewardClaims(orderBy: blockNumber) { kind reward to }
         rewardBalances { owner credited withdrawn balance }
         rewardWithdrawals { owner to amount } }`,
    );
    const alice = stack.account('alice').address.toLowerCase();
    const bob = stack.account('bob').address.toLowerCase();
    expect(lpDeposits).toEqual([
      expect.objectContaining({
        tokenId: tokens.alice!.toString(),
        owner: alice,
        deposited: false,
        withdrawnTo: alice,
        stakeCount: 0,
      }),
      expect.objectContaining({
        tokenId: tokens.bob!.toString(),
        owner: bob,
        deposited: true,
        stakeCount: 2,
      }),
    ]);
    const [, , , , , bobLiquidity] = await stack.read<readonly bigint[]>(
      incentives,
      abi.incentives,
      'deposits',
      [tokens.bob],
    );
    expect(lpDeposits![1]!.liquidity).toBe(bobLiquidity!.toString()); // refreshed by LiquiditySnapshot
    expect(rewardClaims!.map((c) => c.kind)).toEqual(['CLAIMED', 'SETTLED', 'UNSTAKED']);
    for (const c of rewardClaims!) expect(BigInt(c.reward as string)).toBeGreaterThan(0n);
    const aliceBalance = rewardBalances!.find((b) => b.owner === alice)!;
    expect(aliceBalance.balance).toBe('0'); // credited at unstake, withdrawn with claimReward
    expect(rewardWithdrawals).toEqual([{ owner: alice, to: alice, amount: aliceBalance.withdrawn }]);
    const bobBalance = rewardBalances!.find((b) => b.owner === bob)!;
    const owed = await stack.read<bigint>(incentives, abi.incentives, 'rewards', [
      at(stack, 'PlazaUSD'),
      bob,
    ]);
    expect(bobBalance.balance).toBe(owed.toString());
    // settling an ended program's stake credits it without unstaking it: Bob's two stakes stay open
    expect(
      stakes!
        .filter((s) => s.active)
        .map((s) => (s.program as { id: string }).id)
        .sort(),
    ).toEqual([fixedId, streamId].sort());
  });

  it('serves programs and stakes through the SDK client', async () => {
    const subgraph = stack.subgraph();
    const programs = await subgraph.programs({ pool });
    expect(programs.map((p) => [p.id, p.isStream]).sort()).toEqual(
      [
        [fixedId, false],
        [streamId, true],
      ].sort(),
    );
    expect(programs.find((p) => p.id === fixedId)!.rate).toBe(WAD);
    const bobStakes = await subgraph.stakes({ owner: stack.account('bob').address });
    expect(bobStakes.map((s) => [s.programId, s.tokenId, s.active]).sort()).toEqual(
      [
        [fixedId, tokens.bob, true],
        [streamId, tokens.bob, true],
      ].sort(),
    );
    expect(await subgraph.stakes({ owner: stack.account('alice').address })).toEqual([]);
    const aliceAll = await subgraph.stakes({ owner: stack.account('alice').address, includeInactive: true });
    expect(aliceAll.map((s) => [s.programId, s.active, s.claimed > 0n, s.credited > 0n])).toEqual([
      [fixedId, false, true, true],
    ]);
  });

  it('indexes without errors and has every entity type of the module', async () => {
    const { _meta } = await stack.query<{ _meta: { hasIndexingErrors: boolean } }>(
      `{ _meta { hasIndexingErrors } }`,
    );
    expect(_meta.hasIndexingErrors).toBe(false);
    await expectEntities(stack, coverage.incentives);
  });
});
