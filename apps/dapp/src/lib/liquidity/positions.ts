// What the liquidity page shows: the pUSD/USDC pool, the incentive programs on it, and an account's positions
// with their range status, amounts, stakes and pending rewards — all read through plaza.incentives.
import {
  createIncentivesModule,
  createSubgraphClient,
  createPusdModule,
  createUsdcModule,
  isInBand,
  positionAmounts,
  type PlazaContext,
  type PositionInfo,
  type ProgramInfo,
  type ProgramKey,
} from '@plaza/sdk';
import type { Address, Hex } from 'viem';
import {
  describeTicks,
  poolView,
  pusdPriceAtTick,
  rangeStatus,
  type PoolView,
  type RangeStatus,
  type TickRange,
} from './range';

/** A program as the page lists it. */
export interface ProgramView {
  readonly info: ProgramInfo;
  readonly id: Hex;
  readonly key: ProgramKey;
  /** The pUSD fee-share stream (open-ended, funded by the protocol's fees). */
  readonly feeShare: boolean;
  readonly name: string;
  /** Reward tokens paid per day to all stakers together (for a stream: its current rate). */
  readonly perDay: bigint;
  readonly rewardSymbol: string;
  readonly rewardDecimals: number;
  readonly band: TickRange;
}

/** One open stake of a position. */
export interface StakeView {
  readonly program: ProgramView;
  /** What `claim` would pay now (the contract's `pendingReward`). */
  readonly pending: bigint;
}

export interface PositionView {
  readonly info: PositionInfo;
  readonly tokenId: bigint;
  readonly range: TickRange;
  readonly status: RangeStatus;
  readonly pusd: bigint;
  readonly usdc: bigint;
  readonly deposited: boolean;
  readonly stakes: readonly StakeView[];
  /** Running programs this position could still join (in band, not staked yet). */
  readonly joinable: readonly ProgramView[];
}

export interface LiquidityData {
  readonly pool: PoolView;
  readonly price: string;
  readonly programs: readonly ProgramView[];
  readonly positions: readonly PositionView[];
  /** Rewards credited to the account by unstakes, claimable with `claimReward`, per reward token. */
  readonly credited: readonly { readonly program: ProgramView; readonly amount: bigint }[];
  readonly balances?: { readonly pusd: bigint; readonly usdc: bigint };
  /**
   * Fee-share pUSD already earned (claimed, or credited by unstakes) over every stake of the account, from the
   * subgraph; undefined without a subgraph (config.json's graphqlUrl) or when it cannot answer.
   */
  readonly feeShareEarned?: bigint;
}

const DAY = 86_400n;

/** The programs' display name: the fee-share stream, or a fixed program's reward and window. */
function programName(info: ProgramInfo, feeShare: boolean, symbol: string): string {
  if (feeShare) return 'Fee share (pUSD stream)';
  const end = new Date(info.key.endTime * 1000).toISOString().slice(0, 10);
  return `${symbol} rewards until ${end}`;
}

/** Everything the page needs for one account (or none: pool and programs only). */
export async function loadLiquidity(
  ctx: PlazaContext,
  account: Address | undefined,
  graphqlUrl?: string,
): Promise<LiquidityData> {
  const incentives = createIncentivesModule(ctx);
  const pusdToken = createPusdModule(ctx);
  const usdcToken = createUsdcModule(ctx);
  const pusdAddress = (await pusdToken.address()).toLowerCase();
  const usdcAddress = (await usdcToken.address()).toLowerCase();
  const [state, infos, stream] = await Promise.all([
    incentives.pool(),
    incentives.programs(),
    incentives.feeShareStream(),
  ]);
  const pool = poolView(state, pusdAddress);
  const streamId = stream
    ? JSON.stringify(stream, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))
    : '';
  const symbolOf = (token: string) =>
    token.toLowerCase() === pusdAddress ? 'pUSD' : token.toLowerCase() === usdcAddress ? 'USDC' : 'reward';
  const decimalsOf = (token: string) => (token.toLowerCase() === usdcAddress ? 6 : 18);
  const programs: ProgramView[] = infos
    .filter((info) => info.key.pool.toLowerCase() === state.address.toLowerCase())
    .map((info) => {
      const feeShare =
        streamId !== '' &&
        JSON.stringify(info.key, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)) === streamId;
      const symbol = symbolOf(info.key.rewardToken);
      return {
        info,
        id: info.id,
        key: info.key,
        feeShare,
        name: programName(info, feeShare, symbol),
        perDay: info.key.rate * DAY,
        rewardSymbol: symbol,
        rewardDecimals: decimalsOf(info.key.rewardToken),
        band: describeTicks(pool, info.key.tickLower, info.key.tickUpper),
      };
    })
    .sort((a, b) => Number(b.feeShare) - Number(a.feeShare));

  const price = pusdPriceAtTick(pool, state.tick);
  if (!account) return { pool, price, programs, positions: [], credited: [] };

  const [owned, pusdBalance, usdcBalance] = await Promise.all([
    incentives.positionsOf(account),
    pusdToken.balanceOf(account),
    usdcToken.balanceOf(account),
  ]);
  const mine = owned.filter(
    (p) =>
      [p.token0.toLowerCase(), p.token1.toLowerCase()].sort().join() ===
        [state.token0.address.toLowerCase(), state.token1.address.toLowerCase()].sort().join() &&
      p.fee === state.fee,
  );
  const positions = await Promise.all(
    mine.map(async (info): Promise<PositionView> => {
      const amounts = positionAmounts({
        pool: state,
        liquidity: info.liquidity,
        tickLower: info.tickLower,
        tickUpper: info.tickUpper,
        chainId: ctx.chainId,
      });
      const stakes: StakeView[] = [];
      const joinable: ProgramView[] = [];
      await Promise.all(
        programs.map(async (program) => {
          const staked = info.deposited && (await incentives.stakeOf(info.tokenId, program.key)).staked;
          if (staked) {
            stakes.push({ program, pending: await incentives.pendingReward(info.tokenId, program.key) });
          } else if (program.info.running && isInBand(info, program.key) && info.liquidity > 0n) {
            joinable.push(program);
          }
        }),
      );
      const order = (p: ProgramView) => programs.indexOf(p);
      stakes.sort((a, b) => order(a.program) - order(b.program));
      joinable.sort((a, b) => order(a) - order(b));
      return {
        info,
        tokenId: info.tokenId,
        range: describeTicks(pool, info.tickLower, info.tickUpper),
        status: rangeStatus(state.tick, info.tickLower, info.tickUpper),
        pusd: pool.pusdIsToken0 ? amounts.amount0 : amounts.amount1,
        usdc: pool.pusdIsToken0 ? amounts.amount1 : amounts.amount0,
        deposited: info.deposited,
        stakes,
        joinable,
      };
    }),
  );
  positions.sort((a, b) => (a.tokenId < b.tokenId ? 1 : -1));

  const seen = new Set<string>();
  const credited: { program: ProgramView; amount: bigint }[] = [];
  for (const program of programs) {
    const token = program.key.rewardToken.toLowerCase();
    if (seen.has(token)) continue;
    seen.add(token);
    const amount = await incentives.rewards(program.key.rewardToken, account);
    if (amount > 0n) credited.push({ program, amount });
  }
  const feeShareProgram = programs.find((p) => p.feeShare);
  const feeShareEarned =
    graphqlUrl && feeShareProgram
      ? await earnedFromSubgraph(graphqlUrl, account, feeShareProgram.id)
      : undefined;
  return {
    pool,
    price,
    programs,
    positions,
    credited,
    balances: { pusd: pusdBalance, usdc: usdcBalance },
    ...(feeShareEarned === undefined ? {} : { feeShareEarned }),
  };
}

/** Pending rewards summed per reward token, and the fee-share part of them. */
export function rewardTotals(positions: readonly PositionView[]): {
  readonly bySymbol: ReadonlyMap<string, { amount: bigint; decimals: number }>;
  readonly feeShare: bigint;
} {
  const bySymbol = new Map<string, { amount: bigint; decimals: number }>();
  let feeShare = 0n;
  for (const position of positions) {
    for (const stake of position.stakes) {
      const entry = bySymbol.get(stake.program.rewardSymbol) ?? {
        amount: 0n,
        decimals: stake.program.rewardDecimals,
      };
      bySymbol.set(stake.program.rewardSymbol, { ...entry, amount: entry.amount + stake.pending });
      if (stake.program.feeShare) feeShare += stake.pending;
    }
  }
  return { bySymbol, feeShare };
}

/** Claimed + credited rewards of one program over an owner's stakes (active or not), per the subgraph. */
export async function earnedFromSubgraph(
  url: string,
  owner: Address,
  programId: Hex,
): Promise<bigint | undefined> {
  try {
    const stakes = await createSubgraphClient({ url }).stakes({ owner, includeInactive: true });
    return sumEarned(stakes, programId);
  } catch {
    return undefined; // The page works without the subgraph; only this figure needs it.
  }
}

/** Claimed + credited of a program's stakes. */
export function sumEarned(
  stakes: readonly { readonly programId: Hex; readonly claimed: bigint; readonly credited: bigint }[],
  programId: Hex,
): bigint {
  return stakes
    .filter((s) => s.programId.toLowerCase() === programId.toLowerCase())
    .reduce((sum, s) => sum + s.claimed + s.credited, 0n);
}
