import {
  complianceRegistryAbi,
  kinkedRateModelAbi,
  lendingHubAbi,
  navFeedAdapterAbi,
  rwaShareTokenAbi,
} from '@plaza/abi';
import { getAbiItem, isAddress, isHex, type Abi, type Account, type Address, type Hex } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { defaultsClock, ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import {
  accrueInterest,
  liquidationIncentiveFactor,
  marketId,
  marketRates,
  pendingCollateralIncome,
  positionFigures,
  previewLiquidation,
  toAssetsDown,
  toAssetsUp,
  zeroFloorSub,
  type KinkedRateParams,
  type LendingSnapshot,
  type MarketParams,
  type MarketState,
  type PositionFigures,
} from './math.js';

export {
  lendingErrorMessages,
  lendingErrors,
  rateModelErrorMessages,
  rateModelErrors,
  savingsErrorMessages,
  savingsErrors,
} from './errors.js';
export * from './math.js';

const FLAG_PAUSED = 1;
const FLAG_FROZEN = 2;
const FLAG_INCOME = 4;
const FLAG_INCOME_REPAYS = 8;
const ZERO = `0x${'0'.repeat(64)}` as const;

/**
 * A market: its id (bytes32), its parameters, or the symbol of its collateral (`'HRBR'`: the one market of the
 * deployment lending against `RwaShareToken_HRBR`).
 *
 * @example
 * ```ts
 * import type { MarketRef } from '@plaza/sdk';
 * const hrbr: MarketRef = 'HRBR';
 * ```
 */
export type MarketRef = Hex | MarketParams | string;

/**
 * A lending market now: parameters, state with interest accrued to the block read, caps, rates, liquidity, price
 * and flags.
 *
 * @example
 * ```ts
 * const market = await plaza.lending.market('HRBR');
 * console.log(market.collateralSymbol, formatUnits(market.supplyApy * 100n, 18), '% supply APY');
 * ```
 */
export interface LendingMarket {
  readonly id: Hex;
  readonly params: MarketParams;
  /** The collateral's symbol when it is an RWA share of the deployment. */
  readonly collateralSymbol: string | undefined;
  /** Storage with interest accrued to `now` (what the next transaction sees at that time). */
  readonly state: MarketState;
  /** The block timestamp everything was read and accrued at. */
  readonly now: bigint;
  readonly blockNumber: bigint;
  readonly rateModel: KinkedRateParams;
  readonly supplyCap: bigint;
  readonly borrowCap: bigint;
  /** Borrowed / supplied (WAD). */
  readonly utilization: bigint;
  /** Borrow rate per second (WAD). */
  readonly borrowRate: bigint;
  /** `e^(borrowRate × 365 days) − 1` (WAD). */
  readonly borrowApy: bigint;
  /** Lenders' APY after the reserve factor (WAD). */
  readonly supplyApy: bigint;
  /** pUSD lenders can withdraw or borrowers borrow now. */
  readonly liquidity: bigint;
  /** The oracle's price (1e36 scale), or undefined when it cannot price (stale, frozen or no answer). */
  readonly price: bigint | undefined;
  readonly liquidationIncentiveFactor: bigint;
  readonly paused: boolean;
  readonly frozen: boolean;
  /** The collateral pays income to borrowers. */
  readonly incomeBearing: boolean;
  /** The collateral's income can repay debt (`setAutoRepay`). */
  readonly autoRepayAvailable: boolean;
}

/**
 * One account's position in a market now: supply, collateral, debt, health figures, auto-repay and the collateral
 * income it can claim; `snapshot` feeds the preview functions.
 *
 * @example
 * ```ts
 * const p = await plaza.lending.position('HRBR', me);
 * console.log(p.healthFactor, p.borrowingPower, p.liquidationPrice, p.claimableIncome);
 * ```
 */
export interface LendingPosition extends PositionFigures {
  readonly marketId: Hex;
  readonly account: Address;
  readonly supplyShares: bigint;
  /** What its supply is worth (rounded down). */
  readonly supplyAssets: bigint;
  readonly autoRepay: boolean;
  /** Collateral income owed to it if settled now (`LendingLens.pendingIncome`). */
  readonly claimableIncome: bigint;
  readonly price: bigint | undefined;
  readonly snapshot: LendingSnapshot;
}

interface Sender {
  account?: Account | Address;
}

/** Exactly one of assets and shares. */
type Amount = { assets: bigint; shares?: undefined } | { shares: bigint; assets?: undefined };

/**
 * The LendingHub: isolated markets lending pUSD against RWA shares. Reads with interest accrued to now and the
 * hub's exact math; writes simulated first, with pUSD and share approvals handled.
 *
 * @example
 * ```ts
 * await (await borrower.lending.supplyCollateral({ market: 'HRBR', assets: parseUnits('100', 18) })).wait();
 * await (await borrower.lending.borrow({ market: 'HRBR', assets: parsePusd('5000') })).wait();
 * const { healthFactor } = await borrower.lending.position('HRBR', me);
 * ```
 */
export interface LendingModule {
  /** Every market created on the hub (from its `CreateMarket` events), in creation order. */
  markets(): Promise<LendingMarket[]>;
  market(market: MarketRef): Promise<LendingMarket>;
  /** A market's parameters. */
  marketParams(market: MarketRef): Promise<MarketParams>;
  /** A market's id. */
  marketId(market: MarketRef): Promise<Hex>;
  position(market: MarketRef, account: Address): Promise<LendingPosition>;
  /** Whether `authorized` may manage `authorizer`'s positions. */
  isAuthorized(authorizer: Address, authorized: Address): Promise<boolean>;

  /** Lends pUSD (`assets`, or `shares` to mint) to a market on behalf of `onBehalf` (default: the sender). */
  supply(
    params: Sender & Amount & { market: MarketRef; onBehalf?: Address; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; supply: WriteResult<readonly [bigint, bigint]> }>;
  /** Withdraws supplied pUSD (`assets`, or `shares`; `{ shares: 'all' }` withdraws everything). */
  withdraw(
    params: Sender &
      ({ assets: bigint; shares?: undefined } | { shares: bigint | 'all'; assets?: undefined }) & {
        market: MarketRef;
        onBehalf?: Address;
        receiver?: Address;
      },
  ): Promise<WriteResult<readonly [bigint, bigint]>>;
  /** Posts collateral (RWA shares), approving the hub first. */
  supplyCollateral(
    params: Sender & { market: MarketRef; assets: bigint; onBehalf?: Address; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; supplyCollateral: WriteResult<void> }>;
  withdrawCollateral(
    params: Sender & { market: MarketRef; assets: bigint; onBehalf?: Address; receiver?: Address },
  ): Promise<WriteResult<void>>;
  /** Borrows pUSD (`assets`, or `shares`) against `onBehalf`'s collateral; the borrower must pass the policy. */
  borrow(
    params: Sender & Amount & { market: MarketRef; onBehalf?: Address; receiver?: Address },
  ): Promise<WriteResult<readonly [bigint, bigint]>>;
  /**
   * Repays debt (`assets`, `shares`, or `all: true` to repay every share, approving what it costs a minute from
   * now), approving pUSD first.
   */
  repay(
    params: Sender &
      (Amount | { all: true; assets?: undefined; shares?: undefined }) & {
        market: MarketRef;
        onBehalf?: Address;
        approve?: Approval;
      },
  ): Promise<{ approval?: WriteResult<boolean>; repay: WriteResult<readonly [bigint, bigint]> }>;
  /** Liquidates an unhealthy position: the collateral to seize, or the debt shares to repay. */
  liquidate(
    params: Sender &
      (
        | { seizedAssets: bigint; repaidShares?: undefined }
        | { repaidShares: bigint; seizedAssets?: undefined }
      ) & {
        market: MarketRef;
        borrower: Address;
        receiver?: Address;
        approve?: Approval;
      },
  ): Promise<{ approval?: WriteResult<boolean>; liquidate: WriteResult<readonly [bigint, bigint]> }>;
  /** Chooses whether collateral income repays the debt ("rent repays the loan"). */
  setAutoRepay(
    params: Sender & { market: MarketRef; enabled: boolean; onBehalf?: Address },
  ): Promise<WriteResult<void>>;
  /** Pays the collateral income owed (after repaying debt first for an auto-repay position); `result` is the amount. */
  claimCollateralIncome(
    params: Sender & { market: MarketRef; onBehalf?: Address; receiver?: Address },
  ): Promise<WriteResult<bigint>>;
  /** Anyone (keepers): applies an auto-repay borrower's income to its debt; `result` is the amount repaid. */
  applyIncome(params: Sender & { market: MarketRef; borrower: Address }): Promise<WriteResult<bigint>>;
  /** Lets `authorized` manage the sender's positions (withdraw, borrow, collateral, income), or stops it. */
  setAuthorization(
    params: Sender & { authorized: Address; isAuthorized: boolean },
  ): Promise<WriteResult<void>>;
  /** Interest accrued to now on a market (anyone). */
  accrueInterest(params: Sender & { market: MarketRef }): Promise<WriteResult<void>>;
}

type Params6 = readonly [Address, Address, Address, Address, bigint, Hex];

const tuple = (p: MarketParams) => ({
  loanToken: p.loanToken,
  collateralToken: p.collateralToken,
  oracle: p.oracle,
  rateModel: p.rateModel,
  lltv: p.lltv,
  policyId: p.policyId,
});

/**
 * Builds the lending module on a context (what `createPlazaClient` does for `plaza.lending`).
 *
 * @example
 * ```ts
 * import { createLendingModule, createPlazaContext } from '@plaza/sdk';
 * const lending = createLendingModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createLendingModule(ctx: PlazaContext): LendingModule {
  const HUB = 'LendingHub';
  const hub = () => ctx.address(HUB);
  const rateModels = new Map<Address, Promise<KinkedRateParams>>();
  const paramsById = new Map<Hex, MarketParams>();

  async function read<T>(
    address: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[] = [],
    blockNumber?: bigint,
    contract = HUB,
  ): Promise<T> {
    try {
      return (await ctx.publicClient.readContract({
        address,
        abi,
        functionName,
        args,
        ...(blockNumber === undefined ? {} : { blockNumber }),
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, contract, functionName);
    }
  }
  const invalid = (name: string, value: unknown, message: string) =>
    new PlazaError(message, { code: 'InvalidInput', errorName: 'InvalidInput', args: { name, value } });

  function rateModelOf(address: Address): Promise<KinkedRateParams> {
    let cached = rateModels.get(address);
    if (!cached) {
      cached = (async () => {
        const [baseRate, slope1, kink, slope2] = await Promise.all(
          (['baseRate', 'slope1', 'kink', 'slope2'] as const).map((fn) =>
            read<bigint>(address, kinkedRateModelAbi, fn, [], undefined, 'KinkedRateModel'),
          ),
        );
        return { baseRate: baseRate!, slope1: slope1!, kink: kink!, slope2: slope2! };
      })();
      cached.catch(() => rateModels.delete(address));
      rateModels.set(address, cached);
    }
    return cached;
  }

  async function createdMarkets(): Promise<MarketParams[]> {
    const entry = ctx.deployment.contracts[HUB];
    if (!entry) ctx.address(HUB);
    const event = getAbiItem({ abi: lendingHubAbi, name: 'CreateMarket' });
    let logs;
    try {
      logs = await ctx.publicClient.getLogs({
        address: hub(),
        event: event as never,
        fromBlock: BigInt(entry!.block),
        toBlock: 'latest',
      });
    } catch (error) {
      throw ctx.decodeError(error, HUB, 'CreateMarket');
    }
    return logs.map((log) => {
      const { id, params } = (log as unknown as { args: { id: Hex; params: MarketParams } }).args;
      const p = tuple(params);
      paramsById.set(id, p);
      return p;
    });
  }

  function symbolOf(token: Address): string | undefined {
    for (const [name, entry] of Object.entries(ctx.deployment.contracts)) {
      if (name.startsWith('RwaShareToken_') && entry.address.toLowerCase() === token.toLowerCase()) {
        return name.slice('RwaShareToken_'.length);
      }
    }
    return undefined;
  }

  async function paramsOf(ref: MarketRef): Promise<MarketParams> {
    if (typeof ref === 'object' && ref !== null) {
      for (const key of ['loanToken', 'collateralToken', 'oracle', 'rateModel'] as const) {
        assertAddress(ref[key], `market.${key}`);
      }
      return tuple(ref);
    }
    if (typeof ref !== 'string' || ref.length === 0) {
      throw invalid(
        'market',
        ref,
        `Invalid market: expected an id, MarketParams or a collateral symbol, got ${String(ref)}.`,
      );
    }
    if (isHex(ref) && ref.length === 66) {
      const id = ref.toLowerCase() as Hex;
      const cached = paramsById.get(id);
      if (cached) return cached;
      const [loanToken, collateralToken, oracle, rateModel, lltv, policyId] = await read<Params6>(
        hub(),
        lendingHubAbi,
        'idToMarketParams',
        [id],
      );
      if (loanToken === '0x0000000000000000000000000000000000000000') {
        throw ctx.contractError(HUB, 'MarketNotCreated', { id }, 'idToMarketParams');
      }
      const params = { loanToken, collateralToken, oracle, rateModel, lltv, policyId };
      paramsById.set(id, params);
      return params;
    }
    if (isAddress(ref, { strict: false })) {
      throw invalid(
        'market',
        ref,
        `Invalid market: ${ref} is an address; pass the market id, its params or its collateral's symbol.`,
      );
    }
    const token = ctx.address(`RwaShareToken_${ref}`).toLowerCase();
    const matches = (await createdMarkets()).filter((p) => p.collateralToken.toLowerCase() === token);
    if (matches.length === 0) {
      throw invalid('market', ref, `No lending market lends against ${ref} in this deployment.`);
    }
    if (matches.length > 1) {
      throw invalid(
        'market',
        ref,
        `${matches.length} markets lend against ${ref}: pass the market id instead.`,
      );
    }
    return matches[0]!;
  }

  async function priceOf(oracle: Address, blockNumber: bigint): Promise<bigint | undefined> {
    try {
      return await ctx.publicClient.readContract({
        address: oracle,
        abi: navFeedAdapterAbi,
        functionName: 'price',
        blockNumber,
      });
    } catch {
      return undefined;
    }
  }

  async function marketAt(
    params: MarketParams,
    block: { number: bigint; timestamp: bigint },
  ): Promise<LendingMarket> {
    const id = marketId(params);
    const at = block.number;
    const [raw, caps, model, price] = await Promise.all([
      read<readonly [bigint, bigint, bigint, bigint, number, number, number, bigint, bigint]>(
        hub(),
        lendingHubAbi,
        'market',
        [id],
        at,
      ),
      read<readonly [bigint, bigint]>(hub(), lendingHubAbi, 'caps', [id], at),
      rateModelOf(params.rateModel),
      priceOf(params.oracle, at),
    ]);
    const [
      totalSupplyAssets,
      totalSupplyShares,
      totalBorrowAssets,
      totalBorrowShares,
      lastUpdate,
      rf,
      flags,
      minLeftover,
      reserveShares,
    ] = raw;
    if (lastUpdate === 0) throw ctx.contractError(HUB, 'MarketNotCreated', { id }, 'market');
    const stored: MarketState = {
      totalSupplyAssets,
      totalSupplyShares,
      totalBorrowAssets,
      totalBorrowShares,
      lastUpdate: BigInt(lastUpdate),
      reserveFactor: BigInt(rf),
      flags,
      minLeftover,
      reserveShares,
    };
    const state = accrueInterest(stored, model, block.timestamp);
    const rates = marketRates(state, model, state.reserveFactor);
    return {
      id,
      params,
      collateralSymbol: symbolOf(params.collateralToken),
      state,
      now: block.timestamp,
      blockNumber: block.number,
      rateModel: model,
      supplyCap: caps[0],
      borrowCap: caps[1],
      utilization: rates.utilization,
      borrowRate: rates.borrowRate,
      borrowApy: rates.borrowApy,
      supplyApy: rates.supplyApy,
      liquidity: zeroFloorSub(state.totalSupplyAssets, state.totalBorrowAssets),
      price,
      liquidationIncentiveFactor: liquidationIncentiveFactor(params.lltv),
      paused: (flags & FLAG_PAUSED) !== 0,
      frozen: (flags & FLAG_FROZEN) !== 0,
      incomeBearing: (flags & FLAG_INCOME) !== 0,
      autoRepayAvailable: (flags & FLAG_INCOME_REPAYS) !== 0,
    };
  }

  const latestBlock = async () => {
    const block = await ctx.publicClient.getBlock();
    return { number: block.number, timestamp: block.timestamp };
  };

  async function positionAt(market: LendingMarket, account: Address): Promise<LendingPosition> {
    const at = market.blockNumber;
    const [[supplyShares, borrowShares, collateral], [checkpoint, owed, autoRepay]] = await Promise.all([
      read<readonly [bigint, bigint, bigint]>(hub(), lendingHubAbi, 'position', [market.id, account], at),
      read<readonly [bigint, bigint, boolean]>(hub(), lendingHubAbi, 'income', [market.id, account], at),
    ]);
    let claimableIncome = owed;
    if (market.incomeBearing) {
      const incomePerShare = await read<bigint>(
        market.params.collateralToken,
        rwaShareTokenAbi,
        'incomePerShare',
        [],
        at,
        'RwaShareToken',
      );
      claimableIncome = pendingCollateralIncome({ owed, checkpoint, collateral, incomePerShare });
    }
    const s = market.state;
    const snapshot: LendingSnapshot = {
      market: {
        totalSupplyAssets: s.totalSupplyAssets,
        totalSupplyShares: s.totalSupplyShares,
        totalBorrowAssets: s.totalBorrowAssets,
        totalBorrowShares: s.totalBorrowShares,
      },
      lltv: market.params.lltv,
      minLeftover: s.minLeftover,
      borrowCap: market.borrowCap,
      supplyCap: market.supplyCap,
      price: market.price,
      supplyShares,
      borrowShares,
      collateral,
    };
    return {
      ...positionFigures(snapshot),
      marketId: market.id,
      account,
      supplyShares,
      supplyAssets: toAssetsDown(supplyShares, s.totalSupplyAssets, s.totalSupplyShares),
      autoRepay,
      claimableIncome,
      price: market.price,
      snapshot,
    };
  }

  const send = <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: HUB,
      abi: lendingHubAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });

  function exactlyOne(assets: bigint | undefined, shares: bigint | undefined): void {
    if ((assets === undefined) === (shares === undefined)) {
      throw invalid('amount', { assets, shares }, 'Give exactly one of assets and shares.');
    }
    if (assets !== undefined) assertAmount(assets, 'assets', { min: 1n });
    if (shares !== undefined) assertAmount(shares, 'shares', { min: 1n });
  }

  /** The market a minute from now (interest of the time a transaction takes to be mined), for approvals. */
  async function marketSoon(params: MarketParams): Promise<LendingMarket> {
    const block = await latestBlock();
    const market = await marketAt(params, block);
    const later = (await defaultsClock(ctx)) + 60n;
    return {
      ...market,
      state: accrueInterest(
        market.state,
        market.rateModel,
        later > block.timestamp ? later : block.timestamp,
      ),
    };
  }

  function requireNotPaused(market: LendingMarket, functionName: string) {
    if (market.paused) throw ctx.contractError(HUB, 'MarketPaused', { id: market.id }, functionName);
  }

  async function pusdApproval(
    sender: Account | Address,
    amount: bigint,
    mode: Approval | undefined,
    functionName: string,
    loanToken: Address,
  ) {
    await requireBalance(ctx, {
      token: loanToken,
      tokenContract: 'PlazaUSD',
      account: accountAddress(sender),
      amount,
      functionName,
    });
    return ensureAllowance(ctx, {
      token: loanToken,
      tokenContract: 'PlazaUSD',
      spender: hub(),
      amount,
      account: sender,
      mode: mode ?? 'exact',
      functionName,
    });
  }

  const module: LendingModule = {
    async markets() {
      const all = await createdMarkets();
      const block = await latestBlock();
      return Promise.all(all.map((p) => marketAt(p, block)));
    },
    async market(ref) {
      return marketAt(await paramsOf(ref), await latestBlock());
    },
    marketParams: paramsOf,
    async marketId(ref) {
      return marketId(await paramsOf(ref));
    },
    async position(ref, account) {
      assertAddress(account, 'account');
      const market = await marketAt(await paramsOf(ref), await latestBlock());
      return positionAt(market, account);
    },
    async isAuthorized(authorizer, authorized) {
      assertAddress(authorizer, 'authorizer');
      assertAddress(authorized, 'authorized');
      return read<boolean>(hub(), lendingHubAbi, 'isAuthorized', [authorizer, authorized]);
    },

    async supply({ market: ref, assets, shares, onBehalf, approve, account }) {
      exactlyOne(assets, shares);
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      const params = await paramsOf(ref);
      const market = await marketSoon(params);
      requireNotPaused(market, 'supply');
      const s = market.state;
      const cost = assets ?? toAssetsUp(shares!, s.totalSupplyAssets, s.totalSupplyShares);
      if (s.totalSupplyAssets + cost > market.supplyCap) {
        throw ctx.contractError(
          HUB,
          'SupplyCapExceeded',
          { id: market.id, totalSupplyAssets: s.totalSupplyAssets + cost, supplyCap: market.supplyCap },
          'supply',
        );
      }
      const approval = await pusdApproval(sender, cost, approve, 'supply', params.loanToken);
      const supply = await send<readonly [bigint, bigint]>(
        'supply',
        [tuple(params), assets ?? 0n, shares ?? 0n, behalf],
        sender,
      );
      return approval ? { approval, supply } : { supply };
    },
    async withdraw({ market: ref, assets, shares, onBehalf, receiver, account }) {
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      const to = receiver ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      assertAddress(to, 'receiver');
      const params = await paramsOf(ref);
      let byShares = shares;
      if (shares === 'all') {
        const [supplyShares] = await read<readonly [bigint, bigint, bigint]>(
          hub(),
          lendingHubAbi,
          'position',
          [marketId(params), behalf],
        );
        if (supplyShares === 0n)
          throw invalid('shares', shares, `${behalf} has no supply in this market to withdraw.`);
        byShares = supplyShares;
      }
      exactlyOne(assets, byShares as bigint | undefined);
      return send('withdraw', [tuple(params), assets ?? 0n, byShares ?? 0n, behalf, to], sender);
    },
    async supplyCollateral({ market: ref, assets, onBehalf, approve, account }) {
      assertAmount(assets, 'assets', { min: 1n });
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      const params = await paramsOf(ref);
      const market = await marketAt(params, await latestBlock());
      requireNotPaused(market, 'supplyCollateral');
      const token = params.collateralToken;
      await requireBalance(ctx, {
        token,
        tokenContract: 'RwaShareToken',
        account: accountAddress(sender),
        amount: assets,
        functionName: 'supplyCollateral',
      });
      const approval = await ensureAllowance(ctx, {
        token,
        tokenContract: 'RwaShareToken',
        spender: hub(),
        amount: assets,
        account: sender,
        mode: approve ?? 'exact',
        functionName: 'supplyCollateral',
      });
      const supplyCollateral = await send<void>('supplyCollateral', [tuple(params), assets, behalf], sender);
      return approval ? { approval, supplyCollateral } : { supplyCollateral };
    },
    async withdrawCollateral({ market: ref, assets, onBehalf, receiver, account }) {
      assertAmount(assets, 'assets', { min: 1n });
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      const to = receiver ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      assertAddress(to, 'receiver');
      const params = await paramsOf(ref);
      return send('withdrawCollateral', [tuple(params), assets, behalf, to], sender);
    },
    async borrow({ market: ref, assets, shares, onBehalf, receiver, account }) {
      exactlyOne(assets, shares);
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      const to = receiver ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      assertAddress(to, 'receiver');
      const params = await paramsOf(ref);
      if (params.policyId !== ZERO && ctx.has('ComplianceRegistry')) {
        const allowed = await read<boolean>(
          ctx.address('ComplianceRegistry'),
          complianceRegistryAbi,
          'isAllowed',
          [params.policyId, behalf],
          undefined,
          'ComplianceRegistry',
        );
        if (!allowed) {
          throw ctx.contractError(
            HUB,
            'NotAllowed',
            { policyId: params.policyId, account: behalf },
            'borrow',
          );
        }
      }
      return send('borrow', [tuple(params), assets ?? 0n, shares ?? 0n, behalf, to], sender);
    },
    async repay(request) {
      const { market: ref, onBehalf, approve, account } = request;
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      const params = await paramsOf(ref);
      let assets = request.assets;
      let shares = request.shares;
      if ('all' in request && request.all) {
        const [, borrowShares] = await read<readonly [bigint, bigint, bigint]>(
          hub(),
          lendingHubAbi,
          'position',
          [marketId(params), behalf],
        );
        if (borrowShares === 0n) throw invalid('all', true, `${behalf} has no debt in this market to repay.`);
        shares = borrowShares;
        assets = undefined;
      }
      exactlyOne(assets, shares);
      const market = await marketSoon(params);
      const cost =
        assets ?? toAssetsUp(shares!, market.state.totalBorrowAssets, market.state.totalBorrowShares);
      const approval = await pusdApproval(sender, cost, approve, 'repay', params.loanToken);
      const repay = await send<readonly [bigint, bigint]>(
        'repay',
        [tuple(params), assets ?? 0n, shares ?? 0n, behalf],
        sender,
      );
      return approval ? { approval, repay } : { repay };
    },
    async liquidate({ market: ref, borrower, seizedAssets, repaidShares, receiver, approve, account }) {
      exactlyOne(seizedAssets, repaidShares);
      assertAddress(borrower, 'borrower');
      const sender = requireAccount(ctx, account);
      const to = receiver ?? accountAddress(sender);
      assertAddress(to, 'receiver');
      const params = await paramsOf(ref);
      const market = await marketSoon(params);
      if (market.price === undefined) {
        // Let the simulation name the oracle's reason.
        return {
          liquidate: await send(
            'liquidate',
            [tuple(params), borrower, seizedAssets ?? 0n, repaidShares ?? 0n, to],
            sender,
          ),
        };
      }
      const preview = previewLiquidation(
        { market: market.state, lltv: params.lltv, price: market.price },
        seizedAssets !== undefined ? { seizedAssets } : { repaidShares: repaidShares! },
      );
      // A margin of 1‰ for the interest and the borrower's income settled in between.
      const cost = preview.repaidAssets + preview.repaidAssets / 1000n + 1n;
      const approval = await pusdApproval(sender, cost, approve, 'liquidate', params.loanToken);
      const liquidate = await send<readonly [bigint, bigint]>(
        'liquidate',
        [tuple(params), borrower, seizedAssets ?? 0n, repaidShares ?? 0n, to],
        sender,
      );
      return approval ? { approval, liquidate } : { liquidate };
    },
    async setAutoRepay({ market: ref, enabled, onBehalf, account }) {
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      const params = await paramsOf(ref);
      return send('setAutoRepay', [tuple(params), behalf, enabled], sender);
    },
    async claimCollateralIncome({ market: ref, onBehalf, receiver, account }) {
      const sender = requireAccount(ctx, account);
      const behalf = onBehalf ?? accountAddress(sender);
      const to = receiver ?? accountAddress(sender);
      assertAddress(behalf, 'onBehalf');
      assertAddress(to, 'receiver');
      const params = await paramsOf(ref);
      return send('claimCollateralIncome', [tuple(params), behalf, to], sender);
    },
    async applyIncome({ market: ref, borrower, account }) {
      assertAddress(borrower, 'borrower');
      const params = await paramsOf(ref);
      return send('applyIncome', [tuple(params), borrower], account);
    },
    async setAuthorization({ authorized, isAuthorized, account }) {
      assertAddress(authorized, 'authorized');
      return send('setAuthorization', [authorized, isAuthorized], account);
    },
    async accrueInterest({ market: ref, account }) {
      const params = await paramsOf(ref);
      return send('accrueInterest', [tuple(params)], account);
    },
  };
  return module;
}
