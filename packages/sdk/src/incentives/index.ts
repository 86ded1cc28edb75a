import { liquidityIncentivesAbi } from '@plaza/abi';
import { encodeAbiParameters, erc20Abi, type Account, type Address, type Hex } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import {
  contractReader,
  defaultsClock,
  ensureAllowance,
  requireBalance,
  type Approval,
} from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { uniswapRevertReasons } from './errors.js';
import {
  computePendingReward,
  computeRefundable,
  isInBand,
  programId,
  type ProgramKey,
  type ProgramState,
  type StakeCheckpoint,
  type StreamFunding,
} from './math.js';
import { liquidityForAmounts, mintAmounts, positionAmounts, type UniswapPoolState } from './uniswap.js';
import {
  nonfungiblePositionManagerAbi,
  swapRouterAbi,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
} from './uniswapAbis.js';

export { incentivesErrorMessages, incentivesErrors, uniswapRevertReasons } from './errors.js';
export * from './math.js';
export * from './uniswap.js';
export * from './uniswapAbis.js';

/**
 * A program of the incentives contract: its key (from its `ProgramCreated` event), id and accounting now.
 *
 * @example
 * ```ts
 * for (const p of await plaza.incentives.programs()) console.log(p.id, p.key.rate, p.state.stakedLiquidity);
 * ```
 */
export interface ProgramInfo {
  readonly id: Hex;
  readonly key: ProgramKey;
  /** Reward tokens funded at creation (a stream: the unallocated fees it absorbed). */
  readonly funded: bigint;
  readonly state: ProgramState;
  readonly stream: StreamFunding;
  /** Whether new stakes are accepted now. */
  readonly running: boolean;
  readonly refundable: bigint;
}

/**
 * A Uniswap v3 position, wherever its NFT is: with its owner, or deposited in the incentives contract.
 *
 * @example
 * ```ts
 * const positions: PositionInfo[] = await plaza.incentives.positionsOf(lp);
 * ```
 */
export interface PositionInfo {
  readonly tokenId: bigint;
  /** The NFT's owner, or the deposit's owner when deposited. */
  readonly owner: Address;
  readonly deposited: boolean;
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly liquidity: bigint;
  readonly tokensOwed0: bigint;
  readonly tokensOwed1: bigint;
  /** Open stakes of a deposit. */
  readonly numberOfStakes: number;
}

/**
 * A deposit in the incentives contract (`deposits(tokenId)`).
 *
 * @example
 * ```ts
 * const deposit = await plaza.incentives.depositOf(tokenId); // undefined when not deposited
 * ```
 */
export interface DepositInfo {
  readonly owner: Address;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly numberOfStakes: number;
  readonly pool: Address;
  readonly liquidity: bigint;
}

/**
 * An owner's open stake with what it would pay now.
 *
 * @example
 * ```ts
 * const { stakes, totals } = await plaza.incentives.pendingRewardsOf(lp);
 * ```
 */
export interface PendingStake {
  readonly tokenId: bigint;
  readonly id: Hex;
  readonly key: ProgramKey;
  readonly pending: bigint;
}

type Sender = { account?: Account | Address };

/**
 * Market-maker incentives on Uniswap v3: the pUSD/USDC pool, positions (mint, add, remove, collect through the
 * NonfungiblePositionManager), swaps, programs (list, create, refund), deposits with stakes, claims, and pending
 * rewards computed off-chain exactly like the contract (`IncentiveMath`).
 *
 * @example
 * ```ts
 * const pool = await lp.incentives.pool();
 * const band = bandAroundPrice({ bps: 10, base: pool.token0, quote: pool.token1, tickSpacing: pool.tickSpacing });
 * const { mint } = await lp.incentives.mintPosition({ ...band, amount0Desired, amount1Desired });
 * await mint.wait();
 * await (await lp.incentives.deposit({ tokenId: mint.result.tokenId, programs: [stream] })).wait();
 * ```
 */
export interface IncentivesModule {
  address(): Promise<Address>;
  positionManager(): Promise<Address>;
  /** A pool's state (default: the deployment's `PusdUsdcPool`). */
  pool(pool?: Address): Promise<UniswapPoolState>;
  /** Every program (from `ProgramCreated` events), optionally of one pool. */
  programs(options?: { pool?: Address }): Promise<ProgramInfo[]>;
  program(key: ProgramKey): Promise<ProgramInfo>;
  /** The open pUSD fee-share stream of the pUSD/USDC pool, if any. */
  feeShareStream(): Promise<ProgramKey | undefined>;
  /**
   * Creates a fixed program funded with `amount` of `rewardToken` (default pUSD) over `[startTime, endTime)`
   * (default: starting a minute from now); `rate = floor(amount / duration)` and exactly `rate × duration` is
   * pulled. The band defaults to the pool's tick ± 20.
   */
  createProgram(
    params: Sender & {
      amount: bigint;
      endTime: number;
      startTime?: number;
      rewardToken?: Address;
      pool?: Address;
      refundee?: Address;
      band?: { tickLower: number; tickUpper: number };
      approve?: Approval;
    },
  ): Promise<{ approval?: WriteResult<boolean>; create: WriteResult<Hex>; key: ProgramKey }>;
  refund(params: Sender & { key: ProgramKey }): Promise<WriteResult<bigint>>;

  positionsOf(owner: Address): Promise<PositionInfo[]>;
  position(tokenId: bigint): Promise<PositionInfo>;
  /** Amounts the position holds at the pool's price now. */
  positionValue(tokenId: bigint): Promise<{ amount0: bigint; amount1: bigint; inRange: boolean }>;
  /** Mints a position (approving both tokens for the position manager); `result` has the token id and amounts. */
  mintPosition(
    params: Sender & {
      tickLower: number;
      tickUpper: number;
      amount0Desired: bigint;
      amount1Desired: bigint;
      slippageBps?: number;
      recipient?: Address;
      pool?: Address;
      approve?: Approval;
    },
  ): Promise<{
    approvals: WriteResult<boolean>[];
    mint: WriteResult<{ tokenId: bigint; liquidity: bigint; amount0: bigint; amount1: bigint }>;
  }>;
  increaseLiquidity(
    params: Sender & {
      tokenId: bigint;
      amount0Desired: bigint;
      amount1Desired: bigint;
      slippageBps?: number;
      approve?: Approval;
    },
  ): Promise<{
    approvals: WriteResult<boolean>[];
    increase: WriteResult<{ liquidity: bigint; amount0: bigint; amount1: bigint }>;
  }>;
  decreaseLiquidity(
    params: Sender & { tokenId: bigint; liquidity: bigint; slippageBps?: number },
  ): Promise<WriteResult<{ amount0: bigint; amount1: bigint }>>;
  collect(
    params: Sender & { tokenId: bigint; recipient?: Address },
  ): Promise<WriteResult<{ amount0: bigint; amount1: bigint }>>;
  /** Swaps exactly `amountIn` through the pool (SwapRouter), accepting at most `slippageBps` below the simulated output. */
  swap(
    params: Sender & {
      tokenIn: Address;
      amountIn: bigint;
      slippageBps?: number;
      recipient?: Address;
      pool?: Address;
      approve?: Approval;
    },
  ): Promise<{ approval?: WriteResult<boolean>; swap: WriteResult<bigint> }>;

  /** Sends a position to the incentives contract (`safeTransferFrom` with `abi.encode(ProgramKey[])`), staking it into `programs`. */
  deposit(params: Sender & { tokenId: bigint; programs?: readonly ProgramKey[] }): Promise<WriteResult<void>>;
  stake(params: Sender & { tokenId: bigint; key: ProgramKey }): Promise<WriteResult<void>>;
  /** Pays a stake's rewards to `to` (default: the sender), staying staked. */
  claim(params: Sender & { tokenId: bigint; key: ProgramKey; to?: Address }): Promise<WriteResult<bigint>>;
  unstake(params: Sender & { tokenId: bigint; key: ProgramKey }): Promise<WriteResult<bigint>>;
  settle(params: Sender & { tokenId: bigint; key: ProgramKey }): Promise<WriteResult<bigint>>;
  /** Pays the sender's credited rewards (`amount` 0 or omitted: all). */
  claimReward(
    params: Sender & { rewardToken: Address; to?: Address; amount?: bigint },
  ): Promise<WriteResult<bigint>>;
  withdraw(params: Sender & { tokenId: bigint; to?: Address }): Promise<WriteResult<void>>;

  depositOf(tokenId: bigint): Promise<DepositInfo | undefined>;
  stakeOf(tokenId: bigint, key: ProgramKey): Promise<StakeCheckpoint>;
  rewards(rewardToken: Address, owner: Address): Promise<bigint>;
  /** The contract's own `pendingReward(tokenId, key)`. */
  pendingReward(tokenId: bigint, key: ProgramKey): Promise<bigint>;
  /** The same, computed off-chain from the contract's and the pool's state at one block. */
  computePendingReward(tokenId: bigint, key: ProgramKey, blockNumber?: bigint): Promise<bigint>;
  /** Every open stake of `owner` (from events) with its pending reward, and the totals per reward token. */
  pendingRewardsOf(owner: Address): Promise<{ stakes: PendingStake[]; totals: Record<Address, bigint> }>;
}

const MAX_UINT128 = 2n ** 128n - 1n;
const MIN_LIQUIDITY = 2n ** 32n;
const programKeyComponents = [
  { name: 'rewardToken', type: 'address' },
  { name: 'pool', type: 'address' },
  { name: 'refundee', type: 'address' },
  { name: 'startTime', type: 'uint32' },
  { name: 'endTime', type: 'uint32' },
  { name: 'tickLower', type: 'int24' },
  { name: 'tickUpper', type: 'int24' },
  { name: 'rate', type: 'uint96' },
] as const;

/**
 * Builds the incentives module on a context (what `createPlazaClient` does for `plaza.incentives`).
 *
 * @example
 * ```ts
 * import { createIncentivesModule, createPlazaContext } from '@plaza/sdk';
 * const incentives = createIncentivesModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createIncentivesModule(ctx: PlazaContext): IncentivesModule {
  const CONTRACT = 'LiquidityIncentives';
  const address = async () => ctx.address(CONTRACT);
  const read = contractReader(ctx, CONTRACT, liquidityIncentivesAbi);
  const readNpm = contractReader(ctx, 'NonfungiblePositionManager', nonfungiblePositionManagerAbi);
  const readPool = contractReader(ctx, 'UniswapV3Pool', uniswapV3PoolAbi);
  const readFactory = contractReader(ctx, 'UniswapV3Factory', uniswapV3FactoryAbi);
  const readErc20 = contractReader(ctx, 'ERC20', erc20Abi);
  let npm: Promise<Address> | undefined;
  const positionManager = () => {
    npm ??= (async () => read(await address(), 'positionManager'))().catch((error: unknown) => {
      npm = undefined;
      throw error;
    });
    return npm;
  };
  const fromBlock = () => BigInt(ctx.deployment.contracts[CONTRACT]?.block ?? 0);
  const now = async () => (await ctx.publicClient.getBlock()).timestamp;
  const send = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: liquidityIncentivesAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });
  /** Uniswap reverts with short strings: say what they mean. */
  const explained = (error: unknown): unknown => {
    if (!(error instanceof PlazaError) || error.errorName !== 'Error') return error;
    const reason = String(error.args.reason);
    const meaning = uniswapRevertReasons[reason];
    if (!meaning) return error;
    return new PlazaError(`${error.contract}.${error.functionName} reverted (${reason}): ${meaning}.`, {
      code: error.code,
      errorName: 'Error',
      args: error.args,
      contract: error.contract,
      functionName: error.functionName,
      data: error.data,
      cause: error,
    });
  };
  const explainUniswap = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } catch (error) {
      throw explained(error);
    }
  };
  const notYours = (tokenId: bigint, functionName: string, why: string) =>
    new PlazaError(`Position ${tokenId}: ${why}`, {
      code: 'ContractRevert',
      errorName: 'Error',
      args: { reason: 'Not approved' },
      contract: 'NonfungiblePositionManager',
      functionName,
    });
  const sendNpm = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    explainUniswap(
      writeContract<T>(ctx, {
        contract: 'NonfungiblePositionManager',
        abi: nonfungiblePositionManagerAbi,
        functionName,
        args,
        address: await positionManager(),
        ...(account ? { account } : {}),
      }),
    );

  async function pool(at?: Address): Promise<UniswapPoolState> {
    const poolAddress = at ?? ctx.address('PusdUsdcPool');
    assertAddress(poolAddress, 'pool');
    const [[sqrtPriceX96, tick], liquidity, token0, token1, fee, tickSpacing] = await Promise.all([
      readPool(poolAddress, 'slot0'),
      readPool(poolAddress, 'liquidity'),
      readPool(poolAddress, 'token0'),
      readPool(poolAddress, 'token1'),
      readPool(poolAddress, 'fee'),
      readPool(poolAddress, 'tickSpacing'),
    ]);
    const [decimals0, decimals1] = await Promise.all([
      readErc20(token0, 'decimals'),
      readErc20(token1, 'decimals'),
    ]);
    return {
      address: poolAddress,
      token0: { address: token0, decimals: decimals0 },
      token1: { address: token1, decimals: decimals1 },
      fee,
      tickSpacing,
      sqrtPriceX96,
      tick,
      liquidity,
    };
  }

  async function programState(
    id: Hex,
    blockNumber?: bigint,
  ): Promise<{ state: ProgramState; stream: StreamFunding }> {
    const at = await address();
    const opts = blockNumber === undefined ? {} : { blockNumber };
    const call = async <T>(functionName: 'programs' | 'streams'): Promise<T> => {
      try {
        return (await ctx.publicClient.readContract({
          address: at,
          abi: liquidityIncentivesAbi,
          functionName,
          args: [id],
          ...opts,
        } as never)) as T;
      } catch (error) {
        throw ctx.decodeError(error, CONTRACT, functionName);
      }
    };
    const [
      [secondsPerStakedLiquidityX128, lastUpdate, stakedSeconds, idleRefunded, stakedLiquidity, forfeited],
      [funded, endedAt],
    ] = await Promise.all([
      call<readonly [bigint, number, number, boolean, bigint, bigint]>('programs'),
      call<readonly [bigint, number]>('streams'),
    ]);
    return {
      state: {
        secondsPerStakedLiquidityX128,
        lastUpdate,
        stakedSeconds,
        idleRefunded,
        stakedLiquidity,
        forfeited,
      },
      stream: { funded, endedAt },
    };
  }

  async function createdEvents() {
    try {
      return await ctx.publicClient.getContractEvents({
        address: await address(),
        abi: liquidityIncentivesAbi,
        eventName: 'ProgramCreated',
        fromBlock: fromBlock(),
      });
    } catch (error) {
      throw ctx.decodeError(error, CONTRACT, 'ProgramCreated');
    }
  }

  async function programInfo(key: ProgramKey, funded: bigint): Promise<ProgramInfo> {
    const id = programId(key);
    const [{ state, stream }, time] = await Promise.all([programState(id), now()]);
    const running = key.endTime !== 0 ? time < BigInt(key.endTime) : stream.endedAt === 0;
    const refundable =
      state.lastUpdate === 0 ? 0n : computeRefundable({ key, program: state, stream, now: time });
    return { id, key, funded, state, stream, running, refundable };
  }

  async function depositOf(tokenId: bigint): Promise<DepositInfo | undefined> {
    assertAmount(tokenId, 'tokenId');
    const [owner, tickLower, tickUpper, numberOfStakes, poolAddress, liquidity] = await read(
      await address(),
      'deposits',
      [tokenId],
    );
    if (owner === '0x0000000000000000000000000000000000000000') return undefined;
    return {
      owner,
      tickLower,
      tickUpper,
      numberOfStakes: Number(numberOfStakes),
      pool: poolAddress,
      liquidity,
    };
  }

  async function position(tokenId: bigint): Promise<PositionInfo> {
    assertAmount(tokenId, 'tokenId');
    const manager = await positionManager();
    const [p, nftOwner, deposit] = await Promise.all([
      readNpm(manager, 'positions', [tokenId]),
      readNpm(manager, 'ownerOf', [tokenId]),
      depositOf(tokenId),
    ]);
    const [, , token0, token1, fee, tickLower, tickUpper, liquidity, , , tokensOwed0, tokensOwed1] = p;
    return {
      tokenId,
      owner: deposit?.owner ?? nftOwner,
      deposited: deposit !== undefined,
      token0,
      token1,
      fee,
      tickLower,
      tickUpper,
      liquidity,
      tokensOwed0,
      tokensOwed1,
      numberOfStakes: deposit?.numberOfStakes ?? 0,
    };
  }

  /** What `_stake` would refuse, named like the contract (before an NFT moves or a transaction is sent). */
  async function checkStakeable(tokenId: bigint, key: ProgramKey, functionName: string) {
    const id = programId(key);
    const [{ state, stream }, p, time] = await Promise.all([programState(id), position(tokenId), now()]);
    const fail = (errorName: string, args: Readonly<Record<string, unknown>>) =>
      ctx.contractError(CONTRACT, errorName, args, functionName);
    if (state.lastUpdate === 0) throw fail('UnknownProgram', { programId: id });
    // Only what is certain is refused here: the next block is no earlier than the latest, but may be much later
    // (so a program that has not started yet by the latest block may have by the next; the simulation decides).
    const running = key.endTime !== 0 ? time < BigInt(key.endTime) : stream.endedAt === 0;
    if (!running) throw fail('ProgramEnded', { programId: id });
    const factory = await read(await address(), 'factory');
    const positionPool = await readFactory(factory, 'getPool', [p.token0, p.token1, p.fee]);
    if (positionPool.toLowerCase() !== key.pool.toLowerCase()) {
      throw fail('WrongPool', { positionPool, programPool: key.pool });
    }
    if (!isInBand(p, key)) throw fail('OutsideBand', { tickLower: p.tickLower, tickUpper: p.tickUpper });
    if (p.liquidity < MIN_LIQUIDITY) throw fail('LiquidityTooLow', { liquidity: p.liquidity });
    const [staked] = await read(await address(), 'stakes', [tokenId, id]);
    if (staked) throw fail('AlreadyStaked', { tokenId, programId: id });
  }

  async function ownedDeposit(tokenId: bigint, sender: Address, functionName: string): Promise<DepositInfo> {
    const deposit = await depositOf(tokenId);
    if (!deposit || deposit.owner.toLowerCase() !== sender.toLowerCase()) {
      throw ctx.contractError(CONTRACT, 'NotDepositOwner', { tokenId }, functionName);
    }
    return deposit;
  }

  async function approveBoth(
    tokens: readonly [Address, Address],
    amounts: readonly [bigint, bigint],
    sender: Account | Address,
    mode: Approval,
    functionName: string,
  ): Promise<WriteResult<boolean>[]> {
    const spender = await positionManager();
    const approvals: WriteResult<boolean>[] = [];
    for (const [i, token] of tokens.entries()) {
      const amount = amounts[i]!;
      if (amount === 0n) continue;
      await requireBalance(ctx, {
        token,
        tokenContract: 'ERC20',
        account: accountAddress(sender),
        amount,
        functionName,
      });
      const approval = await ensureAllowance(ctx, {
        token,
        tokenContract: 'ERC20',
        spender,
        amount,
        account: sender,
        mode,
        functionName,
      });
      if (approval) approvals.push(approval);
    }
    return approvals;
  }

  const deadline = async () => (await defaultsClock(ctx)) + 1200n;
  const slippageMin = (amount: bigint, bps: number) => (amount * BigInt(10_000 - bps)) / 10_000n;
  const checkSlippage = (bps: number) => {
    if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) {
      throw new PlazaError(`Invalid slippageBps: expected 0 to 10000, got ${bps}.`, {
        code: 'InvalidInput',
        errorName: 'InvalidInput',
        args: { name: 'slippageBps', value: bps },
      });
    }
  };

  const module: IncentivesModule = {
    address,
    positionManager,
    pool,
    async programs(options = {}) {
      const events = await createdEvents();
      const wanted = options.pool?.toLowerCase();
      return Promise.all(
        events
          .filter((e) => !wanted || e.args.pool!.toLowerCase() === wanted)
          .map((e) => {
            const a = e.args;
            const key: ProgramKey = {
              rewardToken: a.rewardToken!,
              pool: a.pool!,
              refundee: a.refundee!,
              startTime: a.startTime!,
              endTime: a.endTime!,
              tickLower: a.tickLower!,
              tickUpper: a.tickUpper!,
              rate: a.rate!,
            };
            return programInfo(key, a.amount!);
          }),
      );
    },
    async program(key) {
      const info = await programInfo(key, 0n);
      if (info.state.lastUpdate === 0) {
        throw ctx.contractError(CONTRACT, 'UnknownProgram', { programId: info.id }, 'program');
      }
      const created = (await createdEvents()).find((e) => e.args.programId === info.id);
      return { ...info, funded: created?.args.amount ?? 0n };
    },
    async feeShareStream() {
      if (!ctx.has('PusdUsdcPool')) return undefined;
      const pusd = ctx.address('PlazaUSD').toLowerCase();
      const poolAddress = ctx.address('PusdUsdcPool').toLowerCase();
      const open = (await module.programs()).filter(
        (p) =>
          p.key.endTime === 0 &&
          p.running &&
          p.key.rewardToken.toLowerCase() === pusd &&
          p.key.pool.toLowerCase() === poolAddress,
      );
      return open[0]?.key;
    },
    async createProgram(params) {
      const sender = requireAccount(ctx, params.account);
      const from = accountAddress(sender);
      const rewardToken = params.rewardToken ?? ctx.address('PlazaUSD');
      const poolAddress = params.pool ?? ctx.address('PusdUsdcPool');
      assertAddress(rewardToken, 'rewardToken');
      assertAddress(poolAddress, 'pool');
      assertAmount(params.amount, 'amount', { min: 1n });
      const time = await now();
      const startTime = params.startTime ?? Number(await defaultsClock(ctx)) + 60;
      const { endTime } = params;
      const duration = BigInt(endTime - startTime);
      if (BigInt(startTime) <= time || endTime <= startTime || duration > 4n * 365n * 86_400n) {
        throw ctx.contractError(CONTRACT, 'InvalidWindow', { startTime, endTime }, 'createProgram');
      }
      const rate = params.amount / duration;
      if (rate === 0n) throw ctx.contractError(CONTRACT, 'ZeroRate', {}, 'createProgram');
      if (rate >= 2n ** 96n)
        throw ctx.contractError(
          CONTRACT,
          'SafeCastOverflowedUintDowncast',
          { bits: 96, value: rate },
          'createProgram',
        );
      let band = params.band;
      if (!band) {
        const state = await pool(poolAddress);
        band = {
          tickLower: state.tick - 20 * state.tickSpacing,
          tickUpper: state.tick + 20 * state.tickSpacing,
        };
      }
      if (band.tickLower >= band.tickUpper) {
        throw ctx.contractError(CONTRACT, 'InvalidBand', band, 'createProgram');
      }
      const key: ProgramKey = {
        rewardToken,
        pool: poolAddress,
        refundee: params.refundee ?? from,
        startTime,
        endTime,
        tickLower: band.tickLower,
        tickUpper: band.tickUpper,
        rate,
      };
      const funding = rate * duration;
      await requireBalance(ctx, {
        token: rewardToken,
        tokenContract: 'ERC20',
        account: from,
        amount: funding,
        functionName: 'createProgram',
      });
      const approval = await ensureAllowance(ctx, {
        token: rewardToken,
        tokenContract:
          rewardToken.toLowerCase() === ctx.address('PlazaUSD').toLowerCase() ? 'PlazaUSD' : 'ERC20',
        spender: await address(),
        amount: funding,
        account: sender,
        mode: params.approve ?? 'exact',
        functionName: 'createProgram',
      });
      const create = await send<Hex>('createProgram', [key], sender);
      return approval ? { approval, create, key } : { create, key };
    },
    async refund({ key, account }) {
      return send<bigint>('refund', [key], account);
    },

    async positionsOf(owner) {
      assertAddress(owner, 'owner');
      const manager = await positionManager();
      const count = await readNpm(manager, 'balanceOf', [owner]);
      const held = await Promise.all(
        Array.from({ length: Number(count) }, (_, i) =>
          readNpm(manager, 'tokenOfOwnerByIndex', [owner, BigInt(i)]),
        ),
      );
      let deposited: bigint[] = [];
      if (ctx.has(CONTRACT)) {
        const events = await ctx.publicClient.getContractEvents({
          address: await address(),
          abi: liquidityIncentivesAbi,
          eventName: 'Deposited',
          args: { owner },
          fromBlock: fromBlock(),
        });
        deposited = [...new Set(events.map((e) => e.args.tokenId!))];
      }
      const all = [...held, ...deposited.filter((id) => !held.includes(id))];
      const infos = await Promise.all(all.map((id) => position(id)));
      return infos.filter((p) => p.owner.toLowerCase() === owner.toLowerCase());
    },
    position,
    async positionValue(tokenId) {
      const p = await position(tokenId);
      const factory = await read(await address(), 'factory');
      const state = await pool(await readFactory(factory, 'getPool', [p.token0, p.token1, p.fee]));
      const amounts = positionAmounts({
        pool: state,
        liquidity: p.liquidity,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
        chainId: ctx.chainId,
      });
      return { ...amounts, inRange: state.tick >= p.tickLower && state.tick < p.tickUpper };
    },
    async mintPosition(params) {
      const sender = requireAccount(ctx, params.account);
      const from = accountAddress(sender);
      const slippageBps = params.slippageBps ?? 50;
      checkSlippage(slippageBps);
      assertAmount(params.amount0Desired, 'amount0Desired');
      assertAmount(params.amount1Desired, 'amount1Desired');
      const state = await pool(params.pool);
      const liquidity = liquidityForAmounts({
        sqrtPriceX96: state.sqrtPriceX96,
        tickLower: params.tickLower,
        tickUpper: params.tickUpper,
        amount0: params.amount0Desired,
        amount1: params.amount1Desired,
      });
      const mins = mintAmounts({
        pool: state,
        liquidity,
        tickLower: params.tickLower,
        tickUpper: params.tickUpper,
        slippageBps,
        chainId: ctx.chainId,
      });
      const approvals = await approveBoth(
        [state.token0.address, state.token1.address],
        [params.amount0Desired, params.amount1Desired],
        sender,
        params.approve ?? 'exact',
        'mint',
      );
      const sent = await sendNpm<readonly [bigint, bigint, bigint, bigint]>(
        'mint',
        [
          {
            token0: state.token0.address,
            token1: state.token1.address,
            fee: state.fee,
            tickLower: params.tickLower,
            tickUpper: params.tickUpper,
            amount0Desired: params.amount0Desired,
            amount1Desired: params.amount1Desired,
            amount0Min: mins.amount0Min,
            amount1Min: mins.amount1Min,
            recipient: params.recipient ?? from,
            deadline: await deadline(),
          },
        ],
        sender,
      );
      const [tokenId, minted, amount0, amount1] = sent.result;
      return { approvals, mint: { ...sent, result: { tokenId, liquidity: minted, amount0, amount1 } } };
    },
    async increaseLiquidity(params) {
      const sender = requireAccount(ctx, params.account);
      const slippageBps = params.slippageBps ?? 50;
      checkSlippage(slippageBps);
      const p = await position(params.tokenId);
      const factory = await read(await address(), 'factory');
      const state = await pool(await readFactory(factory, 'getPool', [p.token0, p.token1, p.fee]));
      const liquidity = liquidityForAmounts({
        sqrtPriceX96: state.sqrtPriceX96,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
        amount0: params.amount0Desired,
        amount1: params.amount1Desired,
      });
      const mins = mintAmounts({
        pool: state,
        liquidity,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
        slippageBps,
      });
      const approvals = await approveBoth(
        [p.token0, p.token1],
        [params.amount0Desired, params.amount1Desired],
        sender,
        params.approve ?? 'exact',
        'increaseLiquidity',
      );
      const sent = await sendNpm<readonly [bigint, bigint, bigint]>(
        'increaseLiquidity',
        [
          {
            tokenId: params.tokenId,
            amount0Desired: params.amount0Desired,
            amount1Desired: params.amount1Desired,
            amount0Min: mins.amount0Min,
            amount1Min: mins.amount1Min,
            deadline: await deadline(),
          },
        ],
        sender,
      );
      const [added, amount0, amount1] = sent.result;
      return { approvals, increase: { ...sent, result: { liquidity: added, amount0, amount1 } } };
    },
    async decreaseLiquidity({ tokenId, liquidity, slippageBps = 50, account }) {
      checkSlippage(slippageBps);
      assertAmount(liquidity, 'liquidity', { min: 1n, max: MAX_UINT128 });
      const p = await position(tokenId);
      if (p.deposited) {
        throw notYours(
          tokenId,
          'decreaseLiquidity',
          'it is deposited in LiquidityIncentives; withdraw it first.',
        );
      }
      const factory = await read(await address(), 'factory');
      const state = await pool(await readFactory(factory, 'getPool', [p.token0, p.token1, p.fee]));
      const out = positionAmounts({ pool: state, liquidity, tickLower: p.tickLower, tickUpper: p.tickUpper });
      const sent = await sendNpm<readonly [bigint, bigint]>(
        'decreaseLiquidity',
        [
          {
            tokenId,
            liquidity,
            amount0Min: slippageMin(out.amount0, slippageBps),
            amount1Min: slippageMin(out.amount1, slippageBps),
            deadline: await deadline(),
          },
        ],
        account,
      );
      return { ...sent, result: { amount0: sent.result[0], amount1: sent.result[1] } };
    },
    async collect({ tokenId, recipient, account }) {
      const sender = requireAccount(ctx, account);
      const sent = await sendNpm<readonly [bigint, bigint]>(
        'collect',
        [
          {
            tokenId,
            recipient: recipient ?? accountAddress(sender),
            amount0Max: MAX_UINT128,
            amount1Max: MAX_UINT128,
          },
        ],
        sender,
      );
      return { ...sent, result: { amount0: sent.result[0], amount1: sent.result[1] } };
    },
    async swap(params) {
      const sender = requireAccount(ctx, params.account);
      const from = accountAddress(sender);
      const slippageBps = params.slippageBps ?? 50;
      checkSlippage(slippageBps);
      assertAmount(params.amountIn, 'amountIn', { min: 1n });
      const state = await pool(params.pool);
      const tokenIn = params.tokenIn.toLowerCase();
      if (tokenIn !== state.token0.address.toLowerCase() && tokenIn !== state.token1.address.toLowerCase()) {
        throw new PlazaError(`${params.tokenIn} is not a token of pool ${state.address}.`, {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'tokenIn', value: params.tokenIn },
        });
      }
      const tokenOut =
        tokenIn === state.token0.address.toLowerCase() ? state.token1.address : state.token0.address;
      const router = ctx.address('SwapRouter');
      await requireBalance(ctx, {
        token: params.tokenIn,
        tokenContract: 'ERC20',
        account: from,
        amount: params.amountIn,
        functionName: 'swap',
      });
      const approval = await ensureAllowance(ctx, {
        token: params.tokenIn,
        tokenContract: 'ERC20',
        spender: router,
        amount: params.amountIn,
        account: sender,
        mode: params.approve ?? 'exact',
        functionName: 'swap',
      });
      const swapParams = {
        tokenIn: params.tokenIn,
        tokenOut,
        fee: state.fee,
        recipient: params.recipient ?? from,
        deadline: await deadline(),
        amountIn: params.amountIn,
        amountOutMinimum: 0n,
        sqrtPriceLimitX96: 0n,
      };
      // Quote by simulating the swap itself, then send it with the slippage floor.
      let expected: bigint;
      try {
        ({ result: expected } = await ctx.publicClient.simulateContract({
          address: router,
          abi: swapRouterAbi,
          functionName: 'exactInputSingle',
          args: [swapParams],
          account: sender,
        }));
      } catch (error) {
        throw await explainUniswap(
          Promise.reject(ctx.decodeError(error, 'SwapRouter', 'exactInputSingle')),
        ).catch((e: unknown) => e);
      }
      const swap = await explainUniswap(
        writeContract<bigint>(ctx, {
          contract: 'SwapRouter',
          abi: swapRouterAbi,
          functionName: 'exactInputSingle',
          args: [{ ...swapParams, amountOutMinimum: slippageMin(expected, slippageBps) }],
          address: router,
          account: sender,
        }),
      );
      return approval ? { approval, swap } : { swap };
    },

    async deposit({ tokenId, programs = [], account }) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      assertAmount(tokenId, 'tokenId');
      const owner = await readNpm(await positionManager(), 'ownerOf', [tokenId]);
      if (owner.toLowerCase() !== from.toLowerCase()) {
        throw notYours(tokenId, 'safeTransferFrom', `it belongs to ${owner}, not to the sender ${from}.`);
      }
      for (const key of programs) await checkStakeable(tokenId, key, 'deposit');
      const data =
        programs.length === 0
          ? '0x'
          : encodeAbiParameters([{ type: 'tuple[]', components: programKeyComponents }], [programs]);
      return sendNpm<void>('safeTransferFrom', [from, await address(), tokenId, data], sender);
    },
    async stake({ tokenId, key, account }) {
      const sender = requireAccount(ctx, account);
      await ownedDeposit(tokenId, accountAddress(sender), 'stake');
      await checkStakeable(tokenId, key, 'stake');
      return send<void>('stake', [tokenId, key], sender);
    },
    async claim({ tokenId, key, to, account }) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      await ownedDeposit(tokenId, from, 'claim');
      return send<bigint>('claim', [tokenId, key, to ?? from], sender);
    },
    async unstake({ tokenId, key, account }) {
      const sender = requireAccount(ctx, account);
      await ownedDeposit(tokenId, accountAddress(sender), 'unstake');
      return send<bigint>('unstake', [tokenId, key], sender);
    },
    async settle({ tokenId, key, account }) {
      return send<bigint>('settle', [tokenId, key], account);
    },
    async claimReward({ rewardToken, to, amount = 0n, account }) {
      const sender = requireAccount(ctx, account);
      assertAddress(rewardToken, 'rewardToken');
      assertAmount(amount, 'amount');
      return send<bigint>('claimReward', [rewardToken, to ?? accountAddress(sender), amount], sender);
    },
    async withdraw({ tokenId, to, account }) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const deposit = await ownedDeposit(tokenId, from, 'withdraw');
      if (deposit.numberOfStakes !== 0) {
        throw ctx.contractError(
          CONTRACT,
          'StakesOpen',
          { tokenId, numberOfStakes: BigInt(deposit.numberOfStakes) },
          'withdraw',
        );
      }
      return send<void>('withdraw', [tokenId, to ?? from, '0x'], sender);
    },

    depositOf,
    async stakeOf(tokenId, key) {
      const [staked, secondsPerLiquidityInsideX128, secondsPerStakedLiquidityX128] = await read(
        await address(),
        'stakes',
        [tokenId, programId(key)],
      );
      return { staked, secondsPerLiquidityInsideX128, secondsPerStakedLiquidityX128 };
    },
    async rewards(rewardToken, owner) {
      assertAddress(rewardToken, 'rewardToken');
      assertAddress(owner, 'owner');
      return read(await address(), 'rewards', [rewardToken, owner]);
    },
    async pendingReward(tokenId, key) {
      return read(await address(), 'pendingReward', [tokenId, key]);
    },
    async computePendingReward(tokenId, key, blockNumber) {
      const block = await ctx.publicClient.getBlock(blockNumber === undefined ? {} : { blockNumber });
      const at = { blockNumber: block.number };
      const incentives = await address();
      const id = programId(key);
      const call = async <T>(
        target: Address,
        abi: readonly unknown[],
        functionName: string,
        args: readonly unknown[],
      ) => {
        try {
          return (await ctx.publicClient.readContract({
            address: target,
            abi,
            functionName,
            args,
            ...at,
          } as never)) as T;
        } catch (error) {
          throw ctx.decodeError(error, CONTRACT, functionName);
        }
      };
      const [[staked, s0, t0], [, tickLower, tickUpper, , poolAddress, liquidity], { state, stream }] =
        await Promise.all([
          call<readonly [boolean, bigint, bigint]>(incentives, liquidityIncentivesAbi, 'stakes', [
            tokenId,
            id,
          ]),
          call<readonly [Address, number, number, bigint, Address, bigint]>(
            incentives,
            liquidityIncentivesAbi,
            'deposits',
            [tokenId],
          ),
          programState(id, block.number),
        ]);
      if (!staked) return 0n;
      const [, secondsPerLiquidityInsideX128] = await call<readonly [bigint, bigint, number]>(
        poolAddress,
        uniswapV3PoolAbi,
        'snapshotCumulativesInside',
        [tickLower, tickUpper],
      );
      return computePendingReward({
        key,
        program: state,
        stream,
        stake: { staked, secondsPerLiquidityInsideX128: s0, secondsPerStakedLiquidityX128: t0 },
        liquidity,
        secondsPerLiquidityInsideX128,
        now: block.timestamp,
      });
    },
    async pendingRewardsOf(owner) {
      assertAddress(owner, 'owner');
      const incentives = await address();
      const [staked, programs] = await Promise.all([
        ctx.publicClient.getContractEvents({
          address: incentives,
          abi: liquidityIncentivesAbi,
          eventName: 'Staked',
          args: { owner },
          fromBlock: fromBlock(),
        }),
        module.programs(),
      ]);
      const block = await ctx.publicClient.getBlock();
      const seen = new Set<string>();
      const stakes: PendingStake[] = [];
      for (const event of staked) {
        const tokenId = event.args.tokenId!;
        const id = event.args.programId!;
        const tag = `${tokenId}:${id}`;
        if (seen.has(tag)) continue;
        seen.add(tag);
        const program = programs.find((p) => p.id === id);
        if (!program) continue;
        const deposit = await depositOf(tokenId);
        if (!deposit || deposit.owner.toLowerCase() !== owner.toLowerCase()) continue;
        const [open] = await read(incentives, 'stakes', [tokenId, id]);
        if (!open) continue;
        const pending = await module.computePendingReward(tokenId, program.key, block.number);
        stakes.push({ tokenId, id, key: program.key, pending });
      }
      const totals: Record<Address, bigint> = {};
      for (const s of stakes) totals[s.key.rewardToken] = (totals[s.key.rewardToken] ?? 0n) + s.pending;
      return { stakes, totals };
    },
  };
  return module;
}
