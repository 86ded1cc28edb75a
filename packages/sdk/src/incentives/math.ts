import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';

/**
 * A liquidity-mining program's key (the contract's `ProgramKey`; the program id is `keccak256(abi.encode(key))`).
 * `endTime = 0` marks an open-ended fee-share stream. `rate` is reward-token base units per second.
 *
 * @example
 * ```ts
 * import type { ProgramKey } from '@plaza/sdk';
 * const key: ProgramKey = { rewardToken, pool, refundee, startTime, endTime, tickLower: -276_345, tickUpper: -276_305, rate };
 * ```
 */
export interface ProgramKey {
  readonly rewardToken: Address;
  readonly pool: Address;
  readonly refundee: Address;
  readonly startTime: number;
  readonly endTime: number;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly rate: bigint;
}

/**
 * A program's accounting (`programs(id)`).
 *
 * @example
 * ```ts
 * import type { ProgramState } from '@plaza/sdk';
 * const busy = (p: ProgramState) => p.stakedLiquidity > 0n;
 * ```
 */
export interface ProgramState {
  readonly secondsPerStakedLiquidityX128: bigint;
  readonly lastUpdate: number;
  readonly stakedSeconds: number;
  readonly idleRefunded: boolean;
  readonly stakedLiquidity: bigint;
  readonly forfeited: bigint;
}

/**
 * A stream's funding (`streams(id)`); zeros for fixed programs.
 *
 * @example
 * ```ts
 * import type { StreamFunding } from '@plaza/sdk';
 * const ended = (s: StreamFunding) => s.endedAt !== 0;
 * ```
 */
export interface StreamFunding {
  readonly funded: bigint;
  readonly endedAt: number;
}

/**
 * A stake's checkpoint (`stakes(tokenId, id)`): Uniswap's seconds per liquidity inside (mod 2^128) and the
 * program's seconds per staked liquidity (mod 2^127) at its last settlement.
 *
 * @example
 * ```ts
 * import type { StakeCheckpoint } from '@plaza/sdk';
 * const open = (s: StakeCheckpoint) => s.staked;
 * ```
 */
export interface StakeCheckpoint {
  readonly staked: boolean;
  readonly secondsPerLiquidityInsideX128: bigint;
  readonly secondsPerStakedLiquidityX128: bigint;
}

/**
 * 2^128, the accumulators' fixed-point unit.
 *
 * @example
 * ```ts
 * import { Q128 } from '@plaza/sdk';
 * const seconds = (liquidity * dT) / Q128;
 * ```
 */
export const Q128 = 2n ** 128n;
const MASK_127 = 2n ** 127n - 1n;
const MASK_128 = Q128 - 1n;

/**
 * A program's id: `keccak256(abi.encode(key))`, as `LiquidityIncentives.programId(key)`.
 *
 * @example
 * ```ts
 * import { programId } from '@plaza/sdk';
 * const id = programId(key);
 * ```
 */
export function programId(key: ProgramKey): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        {
          type: 'tuple',
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
      ],
      [key],
    ),
  );
}

/**
 * Seconds per staked liquidity after `elapsed` emitting seconds at `stakedLiquidity` (`IncentiveMath.grow`):
 * `T + elapsed × 2^128 / stakedLiquidity`, modulo 2^128.
 *
 * @example
 * ```ts
 * import { growSecondsPerStakedLiquidity } from '@plaza/sdk';
 * growSecondsPerStakedLiquidity(0n, 10n, 2n ** 64n); // 10 × 2^64
 * ```
 */
export function growSecondsPerStakedLiquidity(t: bigint, elapsed: bigint, stakedLiquidity: bigint): bigint {
  return (t + (elapsed << 128n) / stakedLiquidity) & MASK_128;
}

/**
 * Emitting seconds between `from` and `to`, clipped to the window's end and (streams) to the funded seconds left
 * (`IncentiveMath.emittingSeconds`).
 *
 * @example
 * ```ts
 * import { emittingSeconds } from '@plaza/sdk';
 * emittingSeconds(100n, 200n, 150n, 1000n); // 50n
 * ```
 */
export function emittingSeconds(from: bigint, to: bigint, windowEnd: bigint, secondsLeft: bigint): bigint {
  const end = to < windowEnd ? to : windowEnd;
  if (end <= from) return 0n;
  return end - from < secondsLeft ? end - from : secondsLeft;
}

/**
 * A program's state brought forward to `now`, exactly as `LiquidityIncentives._accrue`: each emitting second
 * (inside the window, with a stake open, and for a stream, funded) adds 2^128 / stakedLiquidity.
 *
 * @example
 * ```ts
 * import { accrueProgram } from '@plaza/sdk';
 * const current = accrueProgram(state, key, stream, now);
 * ```
 */
export function accrueProgram(
  program: ProgramState,
  key: Pick<ProgramKey, 'endTime' | 'rate'>,
  stream: StreamFunding,
  now: bigint,
): ProgramState {
  const lastUpdate = BigInt(program.lastUpdate);
  if (lastUpdate >= now) return program;
  let { secondsPerStakedLiquidityX128, stakedSeconds } = program;
  if (program.stakedLiquidity !== 0n) {
    let windowEnd = BigInt(key.endTime);
    let secondsLeft = 2n ** 256n - 1n;
    if (key.endTime === 0) {
      windowEnd = stream.endedAt === 0 ? now : BigInt(stream.endedAt);
      const covered = (stream.funded + program.forfeited) / key.rate;
      secondsLeft = covered > BigInt(stakedSeconds) ? covered - BigInt(stakedSeconds) : 0n;
    }
    const elapsed = emittingSeconds(lastUpdate, now, windowEnd, secondsLeft);
    if (elapsed !== 0n) {
      secondsPerStakedLiquidityX128 = growSecondsPerStakedLiquidity(
        secondsPerStakedLiquidityX128,
        elapsed,
        program.stakedLiquidity,
      );
      stakedSeconds = (stakedSeconds + Number(elapsed)) >>> 0;
    }
  }
  return { ...program, secondsPerStakedLiquidityX128, stakedSeconds, lastUpdate: Number(now) };
}

/**
 * A stake's growth since its checkpoint (`IncentiveMath.deltas`): `dT` of the program's seconds per staked
 * liquidity (mod 2^127) and `dS` of Uniswap's seconds per liquidity inside the range (mod 2^128).
 *
 * @example
 * ```ts
 * import { stakeDeltas } from '@plaza/sdk';
 * const { dT, dS } = stakeDeltas(checkpoint, secondsPerLiquidityInsideX128, program.secondsPerStakedLiquidityX128);
 * ```
 */
export function stakeDeltas(
  checkpoint: Pick<StakeCheckpoint, 'secondsPerLiquidityInsideX128' | 'secondsPerStakedLiquidityX128'>,
  secondsPerLiquidityInsideX128: bigint,
  secondsPerStakedLiquidityX128: bigint,
): { dT: bigint; dS: bigint } {
  const dT = (secondsPerStakedLiquidityX128 - checkpoint.secondsPerStakedLiquidityX128) & MASK_127;
  const dS =
    ((secondsPerLiquidityInsideX128 & MASK_128) - checkpoint.secondsPerLiquidityInsideX128) & MASK_128;
  return { dT, dS }; // BigInt `&` on a negative difference is two's complement: the modular result
}

/**
 * A stake's reward and envelope (`IncentiveMath.rewards`): `envelope = rate × L × dT / 2^128` (its share of the
 * program's emission) and `reward = rate × L × min(dT, dS) / 2^128` (what it earns), both rounded down; the
 * difference is forfeited to the refundee.
 *
 * @example
 * ```ts
 * import { stakeRewards } from '@plaza/sdk';
 * const { reward, envelope } = stakeRewards(liquidity, key.rate, dT, dS);
 * ```
 */
export function stakeRewards(
  liquidity: bigint,
  rate: bigint,
  dT: bigint,
  dS: bigint,
): { reward: bigint; envelope: bigint } {
  const envelope = (liquidity * dT * rate) / Q128;
  const reward = dS < dT ? (liquidity * dS * rate) / Q128 : envelope;
  return { reward, envelope };
}

/**
 * What `pendingReward(tokenId, key)` returns, computed off-chain from the contract's raw state: the program
 * brought forward to `now`, the stake's deltas against the pool's current seconds per liquidity inside the
 * position's range, and the reward formula. 0 for a position that is not staked.
 *
 * @example
 * ```ts
 * import { computePendingReward } from '@plaza/sdk';
 * const reward = computePendingReward({ key, program, stream, stake, liquidity, secondsPerLiquidityInsideX128, now });
 * ```
 */
export function computePendingReward(p: {
  key: ProgramKey;
  program: ProgramState;
  stream: StreamFunding;
  stake: StakeCheckpoint;
  /** The deposit's liquidity snapshot (capped at 2^96 − 1). */
  liquidity: bigint;
  /** `pool.snapshotCumulativesInside(tickLower, tickUpper)` now. */
  secondsPerLiquidityInsideX128: bigint;
  now: bigint;
}): bigint {
  if (!p.stake.staked) return 0n;
  const program = accrueProgram(p.program, p.key, p.stream, p.now);
  const { dT, dS } = stakeDeltas(
    p.stake,
    p.secondsPerLiquidityInsideX128,
    program.secondsPerStakedLiquidityX128,
  );
  return stakeRewards(p.liquidity, p.key.rate, dT, dS).reward;
}

/**
 * What `refund(key)` would send now (`_refundable` of the program brought forward): a fixed program's forfeits,
 * plus after its end the rewards of its idle seconds; an ended stream what it did not emit.
 *
 * @example
 * ```ts
 * import { computeRefundable } from '@plaza/sdk';
 * const amount = computeRefundable({ key, program, stream, now });
 * ```
 */
export function computeRefundable(p: {
  key: ProgramKey;
  program: ProgramState;
  stream: StreamFunding;
  now: bigint;
}): bigint {
  const program = accrueProgram(p.program, p.key, p.stream, p.now);
  if (p.key.endTime !== 0) {
    let amount = program.forfeited;
    if (p.now >= BigInt(p.key.endTime) && !program.idleRefunded) {
      amount += p.key.rate * BigInt(p.key.endTime - p.key.startTime - program.stakedSeconds);
    }
    return amount;
  }
  if (p.stream.endedAt === 0) return 0n;
  return p.stream.funded + program.forfeited - p.key.rate * BigInt(program.stakedSeconds);
}

/**
 * Whether a position's range `[tickLower, tickUpper)` lies inside a program's eligible band.
 *
 * @example
 * ```ts
 * import { isInBand } from '@plaza/sdk';
 * isInBand({ tickLower: -276_340, tickUpper: -276_310 }, key); // true for a ±20-tick band around -276,325
 * ```
 */
export function isInBand(
  position: { tickLower: number; tickUpper: number },
  band: { tickLower: number; tickUpper: number },
): boolean {
  return position.tickLower >= band.tickLower && position.tickUpper <= band.tickUpper;
}
