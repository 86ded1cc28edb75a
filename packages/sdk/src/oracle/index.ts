import { navFeedAdapterAbi, navOracleAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { contractReader, ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import {
  FEED_STATUSES,
  REPORTER_STATUSES,
  previewSettlement,
  type FeedParams,
  type FeedStatus,
  type ReporterStatus,
  type SettlementPreview,
  type Submission,
} from './math.js';

export {
  navFeedAdapterErrorMessages,
  navFeedAdapterErrors,
  oracleErrorMessages,
  oracleErrors,
} from './errors.js';
export * from './math.js';

/**
 * A feed's latest accepted answer (18 decimals, pUSD per whole token) and what a reader can rely on now.
 * While `Frozen`, `answer` is the last accepted one (0 before the first).
 *
 * @example
 * ```ts
 * const { answer, status } = await plaza.oracle.latestAnswer(1n);
 * if (status === 'Fresh') console.log(formatPusd(answer));
 * ```
 */
export interface LatestAnswer {
  readonly answer: bigint;
  readonly updatedAt: bigint;
  readonly roundId: bigint;
  readonly status: FeedStatus;
}

/**
 * A feed's current round: as stored, plus `currentRound`, the round a submission must name now (a timed-out
 * round is abandoned by the next submission).
 *
 * @example
 * ```ts
 * const round = await plaza.oracle.roundState(1n);
 * console.log(round.currentRound, round.count, round.frozen);
 * ```
 */
export interface RoundState {
  readonly roundId: bigint;
  readonly openedAt: bigint;
  readonly count: number;
  readonly frozen: boolean;
  readonly lastSettledAt: bigint;
  readonly currentRound: bigint;
}

/**
 * An accepted round (Chainlink's round data).
 *
 * @example
 * ```ts
 * const round: RoundData = await plaza.oracle.roundData(1n, 2n);
 * ```
 */
export interface RoundData {
  readonly roundId: bigint;
  readonly answer: bigint;
  readonly startedAt: bigint;
  readonly updatedAt: bigint;
}

/**
 * A reporter's state in one feed.
 *
 * @example
 * ```ts
 * const { bond, status, strikes } = await plaza.oracle.reporter(1n, appraiser);
 * ```
 */
export interface ReporterInfo {
  readonly bond: bigint;
  readonly lastRound: bigint;
  readonly unbondAt: bigint;
  readonly strikes: number;
  readonly status: ReporterStatus;
}

/**
 * Everything about one feed: its asset, parameters, latest answer, round, and its pUSD adapter from the address
 * book (if the deployment lists one).
 *
 * @example
 * ```ts
 * for (const feed of await plaza.oracle.feeds()) console.log(feed.feedId, feed.description, feed.latest.status);
 * ```
 */
export interface FeedInfo {
  readonly feedId: bigint;
  readonly asset: Address;
  readonly description: string;
  readonly params: FeedParams;
  readonly latest: LatestAnswer;
  readonly round: RoundState;
  readonly adapter: Address | undefined;
}

/**
 * A NavFeedAdapter of the address book (`NavFeedAdapter_<symbol>`).
 *
 * @example
 * ```ts
 * const [first] = await plaza.oracle.adapters(); // { name: 'NavFeedAdapter_HRBR', address, feedId: 1n }
 * ```
 */
export interface AdapterInfo {
  readonly name: string;
  readonly address: Address;
  readonly feedId: bigint;
}

/**
 * The adapter's view of a feed: `latestAnswerWithStatus()` plus the scale its `price()` applies.
 *
 * @example
 * ```ts
 * const quote: AdapterQuote = await plaza.oracle.adapterQuote(adapter);
 * ```
 */
export interface AdapterQuote extends LatestAnswer {
  readonly feedId: bigint;
  /** `price() = nav × scaleFactor` (1e36 convention). */
  readonly scaleFactor: bigint;
  readonly loanDecimals: number;
  readonly collateralDecimals: number;
}

/** An approval mode plus the sender, shared by the bond writes. */
interface BondWrite {
  feedId: bigint;
  approve?: Approval;
  account?: Account | Address;
}

/**
 * The NavOracle and its NavFeedAdapters: feeds, rounds and answers with their status; reporters' bonds and
 * submissions (with the contract's checks done first, and a preview of what a settling submission does);
 * guardians' confirm/reject; the admin's feed and reporter management; prices through adapters.
 *
 * @example
 * ```ts
 * const feedId = await plaza.oracle.feedIdOf(hrbrAddress);
 * await (await appraiser.oracle.register({ feedId, bond: parsePusd('1000') })).register.wait();
 * await (await appraiser.oracle.submit({ feedId, answer: parsePusd('101.25') })).wait();
 * const { answer, status } = await plaza.oracle.latestAnswer(feedId);
 * ```
 */
export interface OracleModule {
  address(): Promise<Address>;
  feedCount(): Promise<bigint>;
  /** Every feed, in id order. */
  feeds(): Promise<FeedInfo[]>;
  feed(feedId: bigint): Promise<FeedInfo>;
  /** The id of the feed that prices `asset` (a `FeedNotFound` error if none). */
  feedIdOf(asset: Address): Promise<bigint>;
  params(feedId: bigint): Promise<FeedParams>;
  /** Never reverts for an existing feed. */
  latestAnswer(feedId: bigint): Promise<LatestAnswer>;
  /** The NAV, reverting (decoded) with `NoAnswer`, `FeedIsFrozen` or `StaleAnswer` like `price()` does. */
  navOf(feedId: bigint): Promise<bigint>;
  roundData(feedId: bigint, roundId: bigint): Promise<RoundData>;
  latestRoundData(feedId: bigint): Promise<RoundData>;
  roundState(feedId: bigint): Promise<RoundState>;
  /** The submissions stored for the open (or frozen) round. */
  pendingSubmissions(feedId: bigint): Promise<Submission[]>;
  /** The median waiting for a guardian (a `NotFrozen` error unless frozen). */
  frozenAnswer(feedId: bigint): Promise<bigint>;
  reporter(feedId: bigint, account: Address): Promise<ReporterInfo>;
  unbondingDelay(): Promise<bigint>;
  pendingSlashed(): Promise<bigint>;
  /** What `submit({ feedId, answer })` by `reporter` would do: nothing yet, or settle the round (see {@link SettlementPreview}). */
  previewSubmission(params: {
    feedId: bigint;
    answer: bigint;
    reporter: Address;
  }): Promise<{ settles: false; count: number; quorum: number } | ({ settles: true } & SettlementPreview)>;

  /** The address book's NavFeedAdapters and the feeds they read. */
  adapters(): Promise<AdapterInfo[]>;
  /** The address book's adapter for a feed (a `NotDeployed` error if none). */
  adapterOf(feedId: bigint): Promise<Address>;
  /** `IOracle.price()` of an adapter: collateral → loan price scaled by 1e36 (reverts, decoded, unless fresh). */
  price(adapter: Address): Promise<bigint>;
  /** The adapter's `latestAnswerWithStatus()` and scale (never reverts). */
  adapterQuote(adapter: Address): Promise<AdapterQuote>;

  /** Registers the sender (approved by the admin) with a pUSD bond, approving the oracle first if needed. */
  register(
    params: BondWrite & { bond: bigint },
  ): Promise<{ approval?: WriteResult<boolean>; register: WriteResult<void> }>;
  /** Adds to the sender's bond (an `Underbonded` reporter back at the minimum becomes `Active`). */
  addBond(
    params: BondWrite & { amount: bigint },
  ): Promise<{ approval?: WriteResult<boolean>; addBond: WriteResult<void> }>;
  /** Submits a NAV for the current round (or `roundId`); checks status, round, freeze and repeats first. */
  submit(params: {
    feedId: bigint;
    answer: bigint;
    roundId?: bigint;
    account?: Account | Address;
  }): Promise<WriteResult<void>>;
  requestUnbond(params: { feedId: bigint; account?: Account | Address }): Promise<WriteResult<void>>;
  /** Withdraws the whole bond after the unbonding delay (`result` is the amount). */
  withdrawBond(params: { feedId: bigint; account?: Account | Address }): Promise<WriteResult<bigint>>;
  /** Sends slashes the FeeCollector could not receive to it (anyone). */
  sweepSlashed(params?: { account?: Account | Address }): Promise<WriteResult<bigint>>;

  /** Guardian: accepts the frozen round's median. */
  confirmAnswer(params: { feedId: bigint; account?: Account | Address }): Promise<WriteResult<void>>;
  /** Guardian: discards the frozen round (its majority is slashed). */
  rejectAnswer(params: { feedId: bigint; account?: Account | Address }): Promise<WriteResult<void>>;

  /** Admin: creates a feed for `asset`; `result` is its id. */
  createFeed(params: {
    asset: Address;
    description: string;
    params: FeedParams;
    account?: Account | Address;
  }): Promise<WriteResult<bigint>>;
  /** Admin: replaces a feed's parameters (an open round is abandoned). */
  setFeedParams(params: {
    feedId: bigint;
    params: FeedParams;
    account?: Account | Address;
  }): Promise<WriteResult<void>>;
  /** Admin: approves (or un-approves) a reporter for a feed. */
  setReporterApproval(params: {
    feedId: bigint;
    reporter: Address;
    approved: boolean;
    account?: Account | Address;
  }): Promise<WriteResult<void>>;
  /** Admin: releases a jailed reporter. */
  unjail(params: {
    feedId: bigint;
    reporter: Address;
    account?: Account | Address;
  }): Promise<WriteResult<void>>;
}

/**
 * Builds the oracle module on a context (what `createPlazaClient` does for `plaza.oracle`).
 *
 * @example
 * ```ts
 * import { createOracleModule, createPlazaContext } from '@plaza/sdk';
 * const oracle = createOracleModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createOracleModule(ctx: PlazaContext): OracleModule {
  const CONTRACT = 'NavOracle';
  const address = async () => ctx.address(CONTRACT);
  const read = contractReader(ctx, CONTRACT, navOracleAbi);
  const readAdapter = contractReader(ctx, 'NavFeedAdapter', navFeedAdapterAbi);
  const send = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: navOracleAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });
  const checkFeedId = (feedId: unknown) => assertAmount(feedId, 'feedId', { min: 1n });

  async function params(feedId: bigint): Promise<FeedParams> {
    checkFeedId(feedId);
    const p = await read(await address(), 'feedParams', [feedId]);
    return {
      quorum: p.quorum,
      maxMoveBps: p.maxMoveBps,
      toleranceBps: p.toleranceBps,
      jailThreshold: p.jailThreshold,
      heartbeat: p.heartbeat,
      roundTimeout: p.roundTimeout,
      minRoundInterval: p.minRoundInterval,
      slashAmount: p.slashAmount,
      minBond: p.minBond,
    };
  }
  async function latestAnswer(feedId: bigint): Promise<LatestAnswer> {
    checkFeedId(feedId);
    const [answer, updatedAt, roundId, status] = await read(await address(), 'latestAnswer', [feedId]);
    return { answer, updatedAt, roundId, status: FEED_STATUSES[status]! };
  }
  async function roundState(feedId: bigint): Promise<RoundState> {
    checkFeedId(feedId);
    const oracle = await address();
    const [state, currentRound] = await Promise.all([
      read(oracle, 'roundState', [feedId]),
      read(oracle, 'currentRound', [feedId]),
    ]);
    return {
      roundId: state.roundId,
      openedAt: state.openedAt,
      count: Number(state.count),
      frozen: state.frozen,
      lastSettledAt: state.lastSettledAt,
      currentRound,
    };
  }
  async function reporter(feedId: bigint, account: Address): Promise<ReporterInfo> {
    checkFeedId(feedId);
    assertAddress(account, 'account');
    const r = await read(await address(), 'reporterOf', [feedId, account]);
    return {
      bond: r.bond,
      lastRound: BigInt(r.lastRound),
      unbondAt: BigInt(r.unbondAt),
      strikes: r.strikes,
      status: REPORTER_STATUSES[r.status]!,
    };
  }
  async function pendingSubmissions(feedId: bigint): Promise<Submission[]> {
    checkFeedId(feedId);
    const [reporters, answers] = await read(await address(), 'pendingSubmissions', [feedId]);
    return reporters.map((r, i) => ({ reporter: r, answer: answers[i]! }));
  }
  async function adapters(): Promise<AdapterInfo[]> {
    const entries = Object.entries(ctx.deployment.contracts).filter(([name]) =>
      name.startsWith('NavFeedAdapter_'),
    );
    return Promise.all(
      entries.map(async ([name, { address: at }]) => ({
        name,
        address: at,
        feedId: await readAdapter(at, 'feedId'),
      })),
    );
  }
  async function feed(feedId: bigint): Promise<FeedInfo> {
    checkFeedId(feedId);
    const oracle = await address();
    const [asset, description, p, latest, round, known] = await Promise.all([
      read(oracle, 'assetOf', [feedId]),
      read(oracle, 'description', [feedId]),
      params(feedId),
      latestAnswer(feedId),
      roundState(feedId),
      adapters(),
    ]);
    const adapter = known.find((a) => a.feedId === feedId)?.address;
    return { feedId, asset, description, params: p, latest, round, adapter };
  }
  /** The sender's address, and a refusal named like the contract's when its status does not allow `what`. */
  async function requireStatus(
    feedId: bigint,
    sender: Address,
    allowed: readonly ReporterStatus[],
    functionName: string,
  ): Promise<ReporterInfo> {
    const info = await reporter(feedId, sender);
    if (!allowed.includes(info.status)) {
      throw ctx.contractError(
        CONTRACT,
        'InvalidReporterStatus',
        { feedId, reporter: sender, status: REPORTER_STATUSES.indexOf(info.status) },
        functionName,
      );
    }
    return info;
  }
  async function bondWrite(
    functionName: 'register' | 'addBond',
    { feedId, approve, account }: BondWrite,
    amount: bigint,
  ) {
    checkFeedId(feedId);
    assertAmount(amount, functionName === 'register' ? 'bond' : 'amount');
    const sender = requireAccount(ctx, account);
    const from = accountAddress(sender);
    const p = await params(feedId);
    if (functionName === 'register') {
      await requireStatus(feedId, from, ['Approved'], functionName);
      if (amount < p.minBond) {
        throw ctx.contractError(CONTRACT, 'BondTooSmall', { amount, minBond: p.minBond }, functionName);
      }
    } else {
      if (amount === 0n) throw ctx.contractError(CONTRACT, 'ZeroAmount', {}, functionName);
      await requireStatus(feedId, from, ['Active', 'Underbonded', 'Unbonding'], functionName);
    }
    const pusd = ctx.address('PlazaUSD');
    await requireBalance(ctx, {
      token: pusd,
      tokenContract: 'PlazaUSD',
      account: from,
      amount,
      functionName,
    });
    const approval = await ensureAllowance(ctx, {
      token: pusd,
      tokenContract: 'PlazaUSD',
      spender: await address(),
      amount,
      account: sender,
      mode: approve ?? 'exact',
      functionName,
    });
    const sent = await send<void>(functionName, [feedId, amount], sender);
    return { approval, sent };
  }

  const module: OracleModule = {
    address,
    feedCount: async () => read(await address(), 'feedCount'),
    async feeds() {
      const count = await module.feedCount();
      return Promise.all(Array.from({ length: Number(count) }, (_, i) => feed(BigInt(i + 1))));
    },
    feed,
    async feedIdOf(asset) {
      assertAddress(asset, 'asset');
      const oracle = await address();
      const count = await module.feedCount();
      for (let id = 1n; id <= count; id++) {
        if ((await read(oracle, 'assetOf', [id])).toLowerCase() === asset.toLowerCase()) return id;
      }
      throw ctx.contractError(CONTRACT, 'FeedNotFound', { feedId: 0n }, 'feedIdOf');
    },
    params,
    latestAnswer,
    async navOf(feedId) {
      checkFeedId(feedId);
      return read(await address(), 'navOf', [feedId]);
    },
    async roundData(feedId, roundId) {
      checkFeedId(feedId);
      assertAmount(roundId, 'roundId', { min: 1n, max: 2n ** 80n - 1n });
      const [id, answer, startedAt, updatedAt] = await read(await address(), 'getRoundData', [
        feedId,
        roundId,
      ]);
      return { roundId: id, answer, startedAt, updatedAt };
    },
    async latestRoundData(feedId) {
      checkFeedId(feedId);
      const [id, answer, startedAt, updatedAt] = await read(await address(), 'latestRoundData', [feedId]);
      return { roundId: id, answer, startedAt, updatedAt };
    },
    roundState,
    pendingSubmissions,
    async frozenAnswer(feedId) {
      checkFeedId(feedId);
      return read(await address(), 'frozenAnswer', [feedId]);
    },
    reporter,
    unbondingDelay: async () => BigInt(await read(await address(), 'unbondingDelay')),
    pendingSlashed: async () => read(await address(), 'pendingSlashed'),
    async previewSubmission({ feedId, answer, reporter: who }) {
      checkFeedId(feedId);
      assertAmount(answer, 'answer', { min: 1n, max: 2n ** 96n - 1n });
      assertAddress(who, 'reporter');
      const [p, round, pending, latest] = await Promise.all([
        params(feedId),
        roundState(feedId),
        pendingSubmissions(feedId),
        latestAnswer(feedId),
      ]);
      // A timed-out round is abandoned by this submission: it starts a new one.
      const current = round.currentRound === round.roundId ? pending : [];
      const submissions = [...current, { reporter: who, answer }];
      if (submissions.length < p.quorum) {
        return { settles: false, count: submissions.length, quorum: p.quorum };
      }
      return {
        settles: true,
        ...previewSettlement({
          submissions,
          lastAnswer: latest.answer,
          hasAnswer: latest.roundId !== 0n,
          maxMoveBps: p.maxMoveBps,
          toleranceBps: p.toleranceBps,
        }),
      };
    },

    adapters,
    async adapterOf(feedId) {
      checkFeedId(feedId);
      const found = (await adapters()).find((a) => a.feedId === feedId);
      if (!found) {
        throw new PlazaError(
          `The ${ctx.deployment.network} deployment lists no NavFeedAdapter for feed ${feedId}; anyone may deploy one (NavFeedAdapter(oracle, feedId, loanDecimals)).`,
          { code: 'NotDeployed', args: { feedId }, contract: 'NavFeedAdapter' },
        );
      }
      return found.address;
    },
    async price(adapter) {
      assertAddress(adapter, 'adapter');
      return readAdapter(adapter, 'price');
    },
    async adapterQuote(adapter) {
      assertAddress(adapter, 'adapter');
      const [[answer, updatedAt, roundId, status], feedId, scaleFactor, loanDecimals, collateralDecimals] =
        await Promise.all([
          readAdapter(adapter, 'latestAnswerWithStatus'),
          readAdapter(adapter, 'feedId'),
          readAdapter(adapter, 'SCALE_FACTOR'),
          readAdapter(adapter, 'loanDecimals'),
          readAdapter(adapter, 'collateralDecimals'),
        ]);
      return {
        answer,
        updatedAt,
        roundId: BigInt(roundId),
        status: FEED_STATUSES[status]!,
        feedId,
        scaleFactor,
        loanDecimals,
        collateralDecimals,
      };
    },

    async register({ bond, ...rest }) {
      const { approval, sent } = await bondWrite('register', rest, bond);
      return approval ? { approval, register: sent } : { register: sent };
    },
    async addBond({ amount, ...rest }) {
      const { approval, sent } = await bondWrite('addBond', rest, amount);
      return approval ? { approval, addBond: sent } : { addBond: sent };
    },
    async submit({ feedId, answer, roundId, account }) {
      checkFeedId(feedId);
      assertAmount(answer, 'answer');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      if (answer === 0n || answer >= 2n ** 96n) {
        throw ctx.contractError(CONTRACT, 'InvalidAnswer', { answer }, 'submit');
      }
      const [round, info] = await Promise.all([roundState(feedId), reporter(feedId, from)]);
      if (round.frozen) throw ctx.contractError(CONTRACT, 'FeedIsFrozen', { feedId }, 'submit');
      const target = roundId ?? round.currentRound;
      if (target !== round.currentRound) {
        throw ctx.contractError(
          CONTRACT,
          'WrongRound',
          { feedId, given: target, current: round.currentRound },
          'submit',
        );
      }
      // TooEarly depends on the next block's time: the simulation decides it.
      if (info.status !== 'Active') {
        throw ctx.contractError(
          CONTRACT,
          'InvalidReporterStatus',
          { feedId, reporter: from, status: REPORTER_STATUSES.indexOf(info.status) },
          'submit',
        );
      }
      if (info.lastRound === target) {
        throw ctx.contractError(
          CONTRACT,
          'AlreadySubmitted',
          { feedId, roundId: target, reporter: from },
          'submit',
        );
      }
      return send<void>('submit', [feedId, target, answer], sender);
    },
    async requestUnbond({ feedId, account }) {
      checkFeedId(feedId);
      return send<void>('requestUnbond', [feedId], account);
    },
    async withdrawBond({ feedId, account }) {
      checkFeedId(feedId);
      return send<bigint>('withdrawBond', [feedId], account);
    },
    async sweepSlashed({ account } = {}) {
      return send<bigint>('sweepSlashed', [], account);
    },
    async confirmAnswer({ feedId, account }) {
      checkFeedId(feedId);
      return send<void>('confirmAnswer', [feedId], account);
    },
    async rejectAnswer({ feedId, account }) {
      checkFeedId(feedId);
      return send<void>('rejectAnswer', [feedId], account);
    },
    async createFeed({ asset, description, params: p, account }) {
      assertAddress(asset, 'asset');
      return send<bigint>('createFeed', [asset, description, p], account);
    },
    async setFeedParams({ feedId, params: p, account }) {
      checkFeedId(feedId);
      return send<void>('setFeedParams', [feedId, p], account);
    },
    async setReporterApproval({ feedId, reporter: who, approved, account }) {
      checkFeedId(feedId);
      assertAddress(who, 'reporter');
      return send<void>('setReporterApproval', [feedId, who, approved], account);
    },
    async unjail({ feedId, reporter: who, account }) {
      checkFeedId(feedId);
      assertAddress(who, 'reporter');
      return send<void>('unjail', [feedId, who], account);
    },
  };
  return module;
}
