// Typed results of the subgraph queries, and their parsing from The Graph's wire encoding (BigInt and BigDecimal
// as strings, Bytes as lowercase 0x-hex, Int as numbers). Amounts become `bigint` in raw token units; BigDecimal
// ratios stay decimal strings; ids, addresses and hashes stay `0x` strings.
import type { Address, Hex } from 'viem';

/**
 * The indexer's position: the last indexed block and whether indexing stopped on an error.
 *
 * @example
 * ```ts
 * const meta: SubgraphMeta = await subgraph.meta();
 * if (meta.hasIndexingErrors) console.warn('the subgraph stopped at block', meta.blockNumber);
 * ```
 */
export interface SubgraphMeta {
  readonly blockNumber: number;
  readonly blockHash: Hex | null;
  readonly timestamp: number | null;
  /** The deployment id (`Qm…`). */
  readonly deployment: string;
  readonly hasIndexingErrors: boolean;
}

/**
 * The protocol's current figures (the `Protocol` singleton). Value locked is in pUSD wei; PSM reserves in USDC
 * units (6 decimals).
 *
 * @example
 * ```ts
 * const { pusdSupply, tvl } = await subgraph.protocol();
 * console.log(formatPusd(pusdSupply), formatPusd(tvl));
 * ```
 */
export interface ProtocolFigures {
  readonly pusdSupply: bigint;
  readonly pusdHolders: number;
  readonly psmReserves: bigint;
  readonly psmMinted: bigint;
  readonly protocolFees: bigint;
  readonly lendingSupply: bigint;
  readonly lendingBorrow: bigint;
  readonly lendingCollateralValue: bigint;
  readonly tvl: bigint;
  readonly tvlByModule: {
    readonly psm: bigint;
    readonly lending: bigint;
    readonly savings: bigint;
    readonly payments: bigint;
    readonly advances: bigint;
    readonly loyalty: bigint;
    readonly incentives: bigint;
    readonly other: bigint;
  };
  readonly paymentVolume: bigint;
  readonly paymentCount: number;
  readonly merchantCount: number;
  readonly marketCount: number;
  readonly accountCount: number;
  readonly lastBlock: number;
}

/**
 * One point of the overview's series (a day or an hour of `ProtocolDailySnapshot` / `ProtocolHourlySnapshot`):
 * values at the end of the period (or at its last event) and the period's flows.
 *
 * @example
 * ```ts
 * const points: OverviewPoint[] = await subgraph.overviewSeries({ interval: 'day', count: 30 });
 * const chart = points.map((p) => ({ x: new Date(p.start * 1000), supply: Number(p.pusdSupply / 10n ** 18n) }));
 * ```
 */
export interface OverviewPoint {
  /** Days (or hours) since the Unix epoch. */
  readonly period: number;
  /** The period's start (Unix seconds). */
  readonly start: number;
  readonly pusdSupply: bigint;
  readonly psmReserves: bigint;
  readonly tvl: bigint;
  readonly lendingSupply: bigint;
  readonly lendingBorrow: bigint;
  readonly pusdMinted: bigint;
  readonly pusdBurned: bigint;
  /** USDC swapped through the PSM in the period (both directions). */
  readonly psmVolume: bigint;
  readonly paymentVolume: bigint;
  readonly eventCount: number;
}

/**
 * A lending market with its totals (after its last event) and its collateral's NAV.
 *
 * @example
 * ```ts
 * const [top]: MarketSummary[] = await subgraph.markets({ first: 10 });
 * console.log(top.collateralSymbol, top.utilization, formatPusd(top.totalSupplyAssets));
 * ```
 */
export interface MarketSummary {
  readonly id: Hex;
  readonly loanToken: Address;
  readonly collateralToken: Address;
  readonly collateralName: string;
  readonly collateralSymbol: string;
  /** NAV of one whole collateral token in pUSD wei, when its feed has an answer. */
  readonly collateralNav: bigint | null;
  readonly oracle: Address;
  readonly rateModel: Address;
  /** Liquidation LTV (WAD). */
  readonly lltv: bigint;
  readonly policyId: Hex;
  readonly totalSupplyAssets: bigint;
  readonly totalBorrowAssets: bigint;
  readonly totalCollateral: bigint;
  /** Borrow rate per second (WAD) at the last accrual. */
  readonly borrowRate: bigint;
  /** Borrow / supply as a decimal string (`"0.4"`). */
  readonly utilization: string;
  readonly supplyCap: bigint;
  readonly borrowCap: bigint;
  readonly paused: boolean;
  readonly frozen: boolean;
  readonly positionCount: number;
  readonly openPositionCount: number;
  readonly createdAt: number;
}

/**
 * An account's position in a market: shares, and assets valued with the market's totals after the position's
 * last event (debt rounded up, supply down).
 *
 * @example
 * ```ts
 * const positions: PositionSummary[] = await subgraph.positions({ account: me });
 * const debt = positions.reduce((sum, p) => sum + p.borrowAssets, 0n);
 * ```
 */
export interface PositionSummary {
  readonly id: string;
  readonly market: { readonly id: Hex; readonly collateralSymbol: string; readonly lltv: bigint };
  readonly account: Address;
  readonly supplyShares: bigint;
  readonly borrowShares: bigint;
  readonly collateral: bigint;
  readonly supplyAssets: bigint;
  readonly borrowAssets: bigint;
  readonly autoRepay: boolean;
  readonly incomeAccrued: bigint;
  readonly incomeClaimed: bigint;
  readonly isOpen: boolean;
  readonly liquidationCount: number;
  readonly updatedAt: number;
}

/**
 * Where a payment is (schema.graphql's `PaymentStatus`).
 *
 * @example
 * ```ts
 * const open: PaymentStatus[] = ['AUTHORIZED', 'PARTIALLY_CAPTURED', 'HELD'];
 * ```
 */
export type PaymentStatus =
  | 'AUTHORIZED'
  | 'PARTIALLY_CAPTURED'
  | 'HELD'
  | 'SETTLED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED'
  | 'RECLAIMED';

/**
 * Every payment status, in lifecycle order.
 *
 * @example
 * ```ts
 * import { PAYMENT_STATUSES } from '@plaza/sdk';
 * const options = PAYMENT_STATUSES.map((s) => ({ value: s, label: s.toLowerCase().replace('_', ' ') }));
 * ```
 */
export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'AUTHORIZED',
  'PARTIALLY_CAPTURED',
  'HELD',
  'SETTLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'VOIDED',
  'RECLAIMED',
];

/**
 * A merchant's payment (all amounts in pUSD wei).
 *
 * @example
 * ```ts
 * const { payments } = await subgraph.merchantPayments({ merchant, status: 'HELD' });
 * for (const p of payments) console.log(p.orderRefText || p.orderRef, p.status, formatPusd(p.amount));
 * ```
 */
export interface PaymentSummary {
  readonly id: Hex;
  readonly merchant: Address;
  readonly payer: Address;
  readonly orderRef: Hex;
  /** The order reference as text when it is printable ASCII (`INV-1042`), else `''`. */
  readonly orderRefText: string;
  readonly mode: 'DIRECT' | 'ESCROW';
  readonly status: PaymentStatus;
  readonly amount: bigint;
  readonly capturable: bigint;
  readonly held: bigint;
  readonly captured: bigint;
  readonly settled: bigint;
  readonly fee: bigint;
  readonly referralFee: bigint;
  readonly merchantNet: bigint;
  readonly refunded: bigint;
  readonly voided: bigint;
  readonly reclaimed: bigint;
  readonly pointsEarned: bigint;
  readonly pointsRedeemed: bigint;
  readonly discount: bigint;
  readonly feeBps: number | null;
  readonly referrer: Address | null;
  /** End of the refund window of held funds (Unix seconds). */
  readonly releaseAt: number | null;
  readonly createdAt: number;
  /** The block that created the payment (payments sort by it: timestamps can repeat across blocks). */
  readonly createdBlock: number;
  /** The transaction that created the payment. */
  readonly transactionHash: Hex;
}

/**
 * One row of a merchant's payments export (`paymentCsvRows`, `paymentsToCsv`): amounts as decimal pUSD strings.
 *
 * @example
 * ```ts
 * const rows: PaymentCsvRow[] = await subgraph.paymentCsvRows({ merchant });
 * console.log(rows[0]?.orderRef, rows[0]?.amount); // 'INV-1042' '250.00'
 * ```
 */
export interface PaymentCsvRow {
  readonly date: string;
  readonly paymentId: Hex;
  readonly orderRef: string;
  readonly payer: Address;
  readonly status: PaymentStatus;
  readonly mode: 'DIRECT' | 'ESCROW';
  readonly amount: string;
  readonly captured: string;
  readonly settled: string;
  readonly fee: string;
  readonly referralFee: string;
  readonly net: string;
  readonly refunded: string;
  readonly pointsEarned: string;
  readonly transactionHash: Hex;
}

/**
 * A LiquidityIncentives program (fixed, or a fee-share stream).
 *
 * @example
 * ```ts
 * const programs: ProgramSummary[] = await subgraph.programs({ pool });
 * const live = programs.filter((p) => p.isStream ? p.endedAt === null : p.endTime > now);
 * ```
 */
export interface ProgramSummary {
  readonly id: Hex;
  readonly rewardToken: Address;
  readonly pool: Address;
  readonly refundee: Address;
  readonly startTime: number;
  /** 0 for a stream. */
  readonly endTime: number;
  readonly tickLower: number;
  readonly tickUpper: number;
  /** Reward per second (reward-token units). */
  readonly rate: bigint;
  readonly isStream: boolean;
  readonly endedAt: number | null;
  readonly funded: bigint;
  readonly claimed: bigint;
  readonly credited: bigint;
  readonly refunded: bigint;
  readonly stakedLiquidity: bigint;
  readonly activeStakeCount: number;
}

/**
 * A position NFT staked in a program.
 *
 * @example
 * ```ts
 * const stakes: StakeSummary[] = await subgraph.stakes({ owner: me });
 * const earned = stakes.reduce((sum, s) => sum + s.claimed + s.credited, 0n);
 * ```
 */
export interface StakeSummary {
  readonly id: string;
  readonly programId: Hex;
  readonly rewardToken: Address;
  readonly tokenId: bigint;
  readonly owner: Address;
  readonly liquidity: bigint;
  readonly active: boolean;
  readonly claimed: bigint;
  readonly credited: bigint;
  readonly forfeited: bigint;
  readonly stakedAt: number;
}

/**
 * An account's points in one merchant's loyalty program.
 *
 * @example
 * ```ts
 * const balances: PointsBalanceSummary[] = await subgraph.pointsBalances({ account: me });
 * for (const b of balances) console.log(b.program.symbol, formatPusd(b.balance));
 * ```
 */
export interface PointsBalanceSummary {
  readonly program: {
    readonly id: Address;
    readonly merchant: Address;
    readonly name: string;
    readonly symbol: string;
    /** pUSD wei per whole point. */
    readonly pointValue: bigint;
    /** Unix seconds; 0 = never. */
    readonly expiresAt: number;
  };
  readonly account: Address;
  readonly balance: bigint;
  readonly earned: bigint;
  readonly spent: bigint;
}

// ─────────────────────────────────────────────────────────────── wire → typed

type Wire = Record<string, unknown>;

const big = (value: unknown): bigint => BigInt(value as string);
const bigOrNull = (value: unknown): bigint | null =>
  value === null || value === undefined ? null : big(value);
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : num(value);

/** @internal */
export function parseMeta(w: Wire): SubgraphMeta {
  const block = w.block as Wire;
  return {
    blockNumber: num(block.number),
    blockHash: (block.hash as Hex | null) ?? null,
    timestamp: numOrNull(block.timestamp),
    deployment: w.deployment as string,
    hasIndexingErrors: w.hasIndexingErrors as boolean,
  };
}

/** @internal */
export function parseProtocol(w: Wire): ProtocolFigures {
  return {
    pusdSupply: big(w.pusdSupply),
    pusdHolders: num(w.pusdHolders),
    psmReserves: big(w.psmReserves),
    psmMinted: big(w.psmMinted),
    protocolFees: big(w.protocolFees),
    lendingSupply: big(w.lendingSupply),
    lendingBorrow: big(w.lendingBorrow),
    lendingCollateralValue: big(w.lendingCollateralValue),
    tvl: big(w.tvl),
    tvlByModule: {
      psm: big(w.tvlPsm),
      lending: big(w.tvlLending),
      savings: big(w.tvlSavings),
      payments: big(w.tvlPayments),
      advances: big(w.tvlAdvances),
      loyalty: big(w.tvlLoyalty),
      incentives: big(w.tvlIncentives),
      other: big(w.tvlOther),
    },
    paymentVolume: big(w.paymentVolume),
    paymentCount: num(w.paymentCount),
    merchantCount: num(w.merchantCount),
    marketCount: num(w.marketCount),
    accountCount: num(w.accountCount),
    lastBlock: num(w.lastBlock),
  };
}

/** @internal */
export function parseOverviewPoint(w: Wire, interval: 'day' | 'hour'): OverviewPoint {
  const period = num(interval === 'day' ? w.day : w.hour);
  const daily = interval === 'day';
  return {
    period,
    start: period * (daily ? 86_400 : 3_600),
    pusdSupply: big(w.pusdSupply),
    psmReserves: big(w.psmReserves),
    tvl: big(w.tvl),
    lendingSupply: big(w.lendingSupply),
    lendingBorrow: big(w.lendingBorrow),
    pusdMinted: big(daily ? w.dailyPusdMinted : w.hourlyPusdMinted),
    pusdBurned: big(daily ? w.dailyPusdBurned : w.hourlyPusdBurned),
    psmVolume: big(daily ? w.dailyPsmVolume : w.hourlyPsmVolume),
    paymentVolume: big(daily ? w.dailyPaymentVolume : w.hourlyPaymentVolume),
    eventCount: num(daily ? w.dailyEventCount : w.hourlyEventCount),
  };
}

/** @internal */
export function parseMarket(w: Wire): MarketSummary {
  const asset = w.collateralAsset as Wire;
  return {
    id: w.id as Hex,
    loanToken: w.loanToken as Address,
    collateralToken: w.collateralToken as Address,
    collateralName: asset.name as string,
    collateralSymbol: asset.symbol as string,
    collateralNav: bigOrNull(asset.nav),
    oracle: w.oracle as Address,
    rateModel: w.rateModel as Address,
    lltv: big(w.lltv),
    policyId: w.policyId as Hex,
    totalSupplyAssets: big(w.totalSupplyAssets),
    totalBorrowAssets: big(w.totalBorrowAssets),
    totalCollateral: big(w.totalCollateral),
    borrowRate: big(w.borrowRate),
    utilization: w.utilization as string,
    supplyCap: big(w.supplyCap),
    borrowCap: big(w.borrowCap),
    paused: w.paused as boolean,
    frozen: w.frozen as boolean,
    positionCount: num(w.positionCount),
    openPositionCount: num(w.openPositionCount),
    createdAt: num(w.createdAt),
  };
}

/** @internal */
export function parsePosition(w: Wire): PositionSummary {
  const market = w.market as Wire;
  return {
    id: w.id as string,
    market: {
      id: market.id as Hex,
      collateralSymbol: (market.collateralAsset as Wire).symbol as string,
      lltv: big(market.lltv),
    },
    account: (w.account as Wire).id as Address,
    supplyShares: big(w.supplyShares),
    borrowShares: big(w.borrowShares),
    collateral: big(w.collateral),
    supplyAssets: big(w.supplyAssets),
    borrowAssets: big(w.borrowAssets),
    autoRepay: w.autoRepay as boolean,
    incomeAccrued: big(w.incomeAccrued),
    incomeClaimed: big(w.incomeClaimed),
    isOpen: w.isOpen as boolean,
    liquidationCount: num(w.liquidationCount),
    updatedAt: num(w.updatedAt),
  };
}

/** @internal */
export function parsePayment(w: Wire): PaymentSummary {
  return {
    id: w.id as Hex,
    merchant: (w.merchant as Wire).id as Address,
    payer: (w.payer as Wire).id as Address,
    orderRef: w.orderRef as Hex,
    orderRefText: w.orderRefText as string,
    mode: w.mode as 'DIRECT' | 'ESCROW',
    status: w.status as PaymentStatus,
    amount: big(w.amount),
    capturable: big(w.capturable),
    held: big(w.held),
    captured: big(w.captured),
    settled: big(w.settled),
    fee: big(w.fee),
    referralFee: big(w.referralFee),
    merchantNet: big(w.merchantNet),
    refunded: big(w.refunded),
    voided: big(w.voided),
    reclaimed: big(w.reclaimed),
    pointsEarned: big(w.pointsEarned),
    pointsRedeemed: big(w.pointsRedeemed),
    discount: big(w.discount),
    feeBps: numOrNull(w.feeBps),
    referrer: (w.referrer as Address | null) ?? null,
    releaseAt: numOrNull(w.releaseAt),
    createdAt: num(w.createdAt),
    createdBlock: num(w.createdBlock),
    transactionHash: w.transactionHash as Hex,
  };
}

/** @internal */
export function parseProgram(w: Wire): ProgramSummary {
  return {
    id: w.id as Hex,
    rewardToken: w.rewardToken as Address,
    pool: w.pool as Address,
    refundee: w.refundee as Address,
    startTime: num(w.startTime),
    endTime: num(w.endTime),
    tickLower: num(w.tickLower),
    tickUpper: num(w.tickUpper),
    rate: big(w.rate),
    isStream: w.isStream as boolean,
    endedAt: numOrNull(w.endedAt),
    funded: big(w.funded),
    claimed: big(w.claimed),
    credited: big(w.credited),
    refunded: big(w.refunded),
    stakedLiquidity: big(w.stakedLiquidity),
    activeStakeCount: num(w.activeStakeCount),
  };
}

/** @internal */
export function parseStake(w: Wire): StakeSummary {
  const program = w.program as Wire;
  return {
    id: w.id as string,
    programId: program.id as Hex,
    rewardToken: program.rewardToken as Address,
    tokenId: big((w.deposit as Wire).tokenId),
    owner: (w.owner as Wire).id as Address,
    liquidity: big(w.liquidity),
    active: w.active as boolean,
    claimed: big(w.claimed),
    credited: big(w.credited),
    forfeited: big(w.forfeited),
    stakedAt: num(w.stakedAt),
  };
}

/** @internal */
export function parsePointsBalance(w: Wire): PointsBalanceSummary {
  const program = w.program as Wire;
  return {
    program: {
      id: program.id as Address,
      merchant: (program.merchant as Wire).id as Address,
      name: program.name as string,
      symbol: program.symbol as string,
      pointValue: big(program.pointValue),
      expiresAt: num(program.expiresAt),
    },
    account: (w.account as Wire).id as Address,
    balance: big(w.balance),
    earned: big(w.earned),
    spent: big(w.spent),
  };
}
