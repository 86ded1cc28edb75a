// LendingHub: markets rebuilt from the event deltas (supply, borrow, collateral, interest, liquidations with bad
// debt, reserves, collateral income), positions with a snapshot after each of their events, a market snapshot
// after each market event, daily and hourly market buckets, components, authorizations and flash loans.
import { BigDecimal, BigInt, ByteArray, Bytes, crypto, ethereum } from '@graphprotocol/graph-ts';
import {
  AccrueInterest,
  AutoRepaySet,
  Borrow,
  CreateMarket,
  DefaultsSet,
  FlashLoan as FlashLoanEvent,
  FrozenSet,
  GuardianSet,
  IncomeAccrued,
  IncomeApplied,
  IncomeClaimed,
  IncrementNonce,
  Liquidate,
  LltvEnabled,
  MarketConfigSet,
  OracleEnabled,
  PausedSet,
  RateModelEnabled,
  Repay,
  ReservesClaimed,
  RiskManagerSet,
  SetAuthorization,
  Supply,
  SupplyCollateral,
  Withdraw,
  WithdrawCollateral,
} from '../generated/LendingHub/LendingHub';
import {
  CollateralIncome,
  FlashLoan,
  InterestAccrual,
  LendingAction,
  LendingAuthorization,
  LendingComponent,
  Liquidation,
  Market,
  MarketDailySnapshot,
  MarketHourlySnapshot,
  MarketSnapshot,
  Position,
  PositionSnapshot,
  Protocol,
  ReservesClaim,
  RoleMember,
} from '../generated/schema';
import { addLendingCollateral, ensureAsset } from './assets';
import {
  dayOf,
  ensureAccount,
  eventId,
  floorSub,
  governanceEvent,
  hourOf,
  LENDING,
  loadProtocol,
  pairId,
  saveProtocol,
  touchContract,
  zero,
} from './common';

const VIRTUAL_SHARES = 1000000;

function hub(p: Protocol, event: ethereum.Event): void {
  touchContract(p, event, 'LendingHub', LENDING);
}

function loadMarket(id: Bytes): Market {
  const m = Market.load(id);
  if (m === null) throw new Error('unknown market ' + id.toHexString());
  return m as Market;
}

/** Shares → assets with the hub's virtual shares (1e6) and virtual asset (1), rounded down or up. */
function toAssets(shares: BigInt, totalAssets: BigInt, totalShares: BigInt, up: boolean): BigInt {
  const num = shares.times(totalAssets.plus(BigInt.fromI32(1)));
  const den = totalShares.plus(BigInt.fromI32(VIRTUAL_SHARES));
  if (!up) return num.div(den);
  return num.plus(den).minus(BigInt.fromI32(1)).div(den);
}

function utilization(m: Market): BigDecimal {
  if (m.totalSupplyAssets.isZero()) return BigDecimal.zero();
  return m.totalBorrowAssets.toBigDecimal().div(m.totalSupplyAssets.toBigDecimal());
}

function marketDay(m: Market, event: ethereum.Event): MarketDailySnapshot {
  const day = dayOf(event.block.timestamp);
  const id = m.id.toHexString() + '-' + day.toString();
  let s = MarketDailySnapshot.load(id);
  if (s === null) {
    s = new MarketDailySnapshot(id);
    s.day = day;
    s.market = m.id;
    s.dailySupplied = zero();
    s.dailyWithdrawn = zero();
    s.dailyBorrowed = zero();
    s.dailyRepaid = zero();
    s.dailyInterest = zero();
    s.dailyLiquidatedCollateral = zero();
  }
  return s as MarketDailySnapshot;
}

function marketHour(m: Market, event: ethereum.Event): MarketHourlySnapshot {
  const hour = hourOf(event.block.timestamp);
  const id = m.id.toHexString() + '-' + hour.toString();
  let s = MarketHourlySnapshot.load(id);
  if (s === null) {
    s = new MarketHourlySnapshot(id);
    s.hour = hour;
    s.market = m.id;
    s.hourlySupplied = zero();
    s.hourlyBorrowed = zero();
    s.hourlyRepaid = zero();
    s.hourlyInterest = zero();
  }
  return s as MarketHourlySnapshot;
}

/**
 * Saves the market after `name`: moves the change of its totals into the protocol, writes the snapshot after the
 * event and the day's and hour's buckets (with `flow` of `amount` added to them).
 */
function saveMarket(
  p: Protocol,
  m: Market,
  event: ethereum.Event,
  name: string,
  supplyBefore: BigInt,
  borrowBefore: BigInt,
  flow: string,
  amount: BigInt,
): void {
  m.utilization = utilization(m);
  m.save();
  p.lendingSupply = p.lendingSupply.plus(m.totalSupplyAssets.minus(supplyBefore));
  p.lendingBorrow = p.lendingBorrow.plus(m.totalBorrowAssets.minus(borrowBefore));

  const s = new MarketSnapshot(eventId(event));
  s.market = m.id;
  s.event = name;
  s.totalSupplyAssets = m.totalSupplyAssets;
  s.totalSupplyShares = m.totalSupplyShares;
  s.totalBorrowAssets = m.totalBorrowAssets;
  s.totalBorrowShares = m.totalBorrowShares;
  s.totalCollateral = m.totalCollateral;
  s.borrowRate = m.borrowRate;
  s.utilization = m.utilization;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();

  const d = marketDay(m, event);
  d.totalSupplyAssets = m.totalSupplyAssets;
  d.totalBorrowAssets = m.totalBorrowAssets;
  d.totalCollateral = m.totalCollateral;
  d.borrowRate = m.borrowRate;
  d.utilization = m.utilization;
  d.blockNumber = event.block.number;
  d.timestamp = event.block.timestamp;
  const h = marketHour(m, event);
  h.totalSupplyAssets = m.totalSupplyAssets;
  h.totalBorrowAssets = m.totalBorrowAssets;
  h.totalCollateral = m.totalCollateral;
  h.borrowRate = m.borrowRate;
  h.utilization = m.utilization;
  h.blockNumber = event.block.number;
  h.timestamp = event.block.timestamp;
  if (flow == 'supply') {
    d.dailySupplied = d.dailySupplied.plus(amount);
    h.hourlySupplied = h.hourlySupplied.plus(amount);
  } else if (flow == 'withdraw') {
    d.dailyWithdrawn = d.dailyWithdrawn.plus(amount);
  } else if (flow == 'borrow') {
    d.dailyBorrowed = d.dailyBorrowed.plus(amount);
    h.hourlyBorrowed = h.hourlyBorrowed.plus(amount);
  } else if (flow == 'repay') {
    d.dailyRepaid = d.dailyRepaid.plus(amount);
    h.hourlyRepaid = h.hourlyRepaid.plus(amount);
  } else if (flow == 'interest') {
    d.dailyInterest = d.dailyInterest.plus(amount);
    h.hourlyInterest = h.hourlyInterest.plus(amount);
  } else if (flow == 'liquidation') {
    d.dailyLiquidatedCollateral = d.dailyLiquidatedCollateral.plus(amount);
  }
  d.save();
  h.save();
}

function ensurePosition(p: Protocol, m: Market, account: Bytes, event: ethereum.Event): Position {
  const id = pairId(m.id, account);
  let pos = Position.load(id);
  if (pos === null) {
    ensureAccount(p, account, event);
    pos = new Position(id);
    pos.market = m.id;
    pos.account = account;
    pos.supplyShares = zero();
    pos.borrowShares = zero();
    pos.collateral = zero();
    pos.supplyAssets = zero();
    pos.borrowAssets = zero();
    pos.autoRepay = false;
    pos.incomeAccrued = zero();
    pos.incomeApplied = zero();
    pos.incomeClaimed = zero();
    pos.isOpen = false;
    pos.liquidationCount = 0;
    pos.actionCount = 0;
    pos.openedAt = event.block.timestamp;
    m.positionCount = m.positionCount + 1;
  }
  return pos as Position;
}

/** Values the position with the market's totals, tracks open/closed, saves it and writes its snapshot. */
function savePosition(m: Market, pos: Position, event: ethereum.Event, name: string): void {
  pos.supplyAssets = toAssets(pos.supplyShares, m.totalSupplyAssets, m.totalSupplyShares, false);
  pos.borrowAssets = toAssets(pos.borrowShares, m.totalBorrowAssets, m.totalBorrowShares, true);
  const open = !pos.supplyShares.isZero() || !pos.borrowShares.isZero() || !pos.collateral.isZero();
  if (open && !pos.isOpen) m.openPositionCount = m.openPositionCount + 1;
  if (!open && pos.isOpen) m.openPositionCount = m.openPositionCount - 1;
  pos.isOpen = open;
  pos.updatedAt = event.block.timestamp;
  pos.save();

  const s = new PositionSnapshot(eventId(event));
  s.position = pos.id;
  s.event = name;
  s.supplyShares = pos.supplyShares;
  s.borrowShares = pos.borrowShares;
  s.collateral = pos.collateral;
  s.supplyAssets = pos.supplyAssets;
  s.borrowAssets = pos.borrowAssets;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();
}

function action(
  event: ethereum.Event,
  kind: string,
  m: Market,
  pos: Position,
  caller: Bytes,
  receiver: Bytes | null,
  assets: BigInt,
  shares: BigInt,
): void {
  pos.actionCount = pos.actionCount + 1;
  const a = new LendingAction(eventId(event));
  a.kind = kind;
  a.market = m.id;
  a.position = pos.id;
  a.account = pos.account;
  a.caller = caller;
  if (receiver !== null) a.receiver = receiver;
  a.assets = assets;
  a.shares = shares;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
}

// ─────────────────────────────────────────────────────────────── markets

export function handleLendingCreateMarket(event: CreateMarket): void {
  const p = loadProtocol(event);
  hub(p, event);
  ensureAccount(p, event.params.creator, event);
  const params = event.params.params;
  const m = new Market(event.params.id);
  m.hub = event.address;
  m.loanToken = params.loanToken;
  m.collateralToken = params.collateralToken;
  m.collateralAsset = ensureAsset(params.collateralToken).id;
  m.oracle = params.oracle;
  m.rateModel = params.rateModel;
  m.lltv = params.lltv;
  m.policyId = params.policyId;
  m.creator = event.params.creator;
  m.incomeBearing = event.params.incomeBearing;
  m.reserveFactorBps = event.params.reserveFactor.toI32();
  m.minLeftover = event.params.minLeftover;
  const noCap = BigInt.fromI32(2).pow(128).minus(BigInt.fromI32(1));
  m.supplyCap = noCap;
  m.borrowCap = noCap;
  m.paused = false;
  m.frozen = false;
  m.totalSupplyAssets = zero();
  m.totalSupplyShares = zero();
  m.totalBorrowAssets = zero();
  m.totalBorrowShares = zero();
  m.totalCollateral = zero();
  m.reserveShares = zero();
  m.borrowRate = zero();
  m.utilization = BigDecimal.zero();
  m.lastUpdate = event.block.timestamp;
  m.cumulativeSupplied = zero();
  m.cumulativeWithdrawn = zero();
  m.cumulativeBorrowed = zero();
  m.cumulativeRepaid = zero();
  m.cumulativeInterest = zero();
  m.cumulativeLiquidatedCollateral = zero();
  m.cumulativeBadDebt = zero();
  m.positionCount = 0;
  m.openPositionCount = 0;
  m.createdAt = event.block.timestamp;
  p.marketCount = p.marketCount + 1;
  saveMarket(p, m, event, 'CreateMarket', zero(), zero(), '', zero());
  saveProtocol(p, event);
}

export function handleLendingAccrueInterest(event: AccrueInterest): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const interest = event.params.interest;
  m.totalSupplyAssets = m.totalSupplyAssets.plus(interest);
  m.totalBorrowAssets = m.totalBorrowAssets.plus(interest);
  m.totalSupplyShares = m.totalSupplyShares.plus(event.params.reserveShares);
  m.reserveShares = m.reserveShares.plus(event.params.reserveShares);
  m.borrowRate = event.params.borrowRate;
  m.lastUpdate = event.block.timestamp;
  m.cumulativeInterest = m.cumulativeInterest.plus(interest);
  p.lendingInterest = p.lendingInterest.plus(interest);
  const a = new InterestAccrual(eventId(event));
  a.market = m.id;
  a.borrowRate = event.params.borrowRate;
  a.interest = interest;
  a.reserveShares = event.params.reserveShares;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
  saveMarket(p, m, event, 'AccrueInterest', sb, bb, 'interest', interest);
  saveProtocol(p, event);
}

export function handleLendingReservesClaimed(event: ReservesClaimed): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  m.totalSupplyAssets = m.totalSupplyAssets.minus(event.params.assets);
  m.totalSupplyShares = m.totalSupplyShares.minus(event.params.shares);
  m.reserveShares = m.reserveShares.minus(event.params.shares);
  const r = new ReservesClaim(eventId(event));
  r.market = m.id;
  r.feeCollector = event.params.feeCollector;
  r.assets = event.params.assets;
  r.shares = event.params.shares;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
  saveMarket(p, m, event, 'ReservesClaimed', sb, bb, '', zero());
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── positions

export function handleLendingSupply(event: Supply): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalSupplyAssets = m.totalSupplyAssets.plus(event.params.assets);
  m.totalSupplyShares = m.totalSupplyShares.plus(event.params.shares);
  m.cumulativeSupplied = m.cumulativeSupplied.plus(event.params.assets);
  pos.supplyShares = pos.supplyShares.plus(event.params.shares);
  action(event, 'SUPPLY', m, pos, event.params.caller, null, event.params.assets, event.params.shares);
  savePosition(m, pos, event, 'Supply');
  saveMarket(p, m, event, 'Supply', sb, bb, 'supply', event.params.assets);
  saveProtocol(p, event);
}

export function handleLendingWithdraw(event: Withdraw): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalSupplyAssets = m.totalSupplyAssets.minus(event.params.assets);
  m.totalSupplyShares = m.totalSupplyShares.minus(event.params.shares);
  m.cumulativeWithdrawn = m.cumulativeWithdrawn.plus(event.params.assets);
  pos.supplyShares = pos.supplyShares.minus(event.params.shares);
  action(
    event,
    'WITHDRAW',
    m,
    pos,
    event.params.caller,
    event.params.receiver,
    event.params.assets,
    event.params.shares,
  );
  savePosition(m, pos, event, 'Withdraw');
  saveMarket(p, m, event, 'Withdraw', sb, bb, 'withdraw', event.params.assets);
  saveProtocol(p, event);
}

export function handleLendingBorrow(event: Borrow): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalBorrowAssets = m.totalBorrowAssets.plus(event.params.assets);
  m.totalBorrowShares = m.totalBorrowShares.plus(event.params.shares);
  m.cumulativeBorrowed = m.cumulativeBorrowed.plus(event.params.assets);
  pos.borrowShares = pos.borrowShares.plus(event.params.shares);
  action(
    event,
    'BORROW',
    m,
    pos,
    event.params.caller,
    event.params.receiver,
    event.params.assets,
    event.params.shares,
  );
  savePosition(m, pos, event, 'Borrow');
  saveMarket(p, m, event, 'Borrow', sb, bb, 'borrow', event.params.assets);
  saveProtocol(p, event);
}

export function handleLendingRepay(event: Repay): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalBorrowShares = m.totalBorrowShares.minus(event.params.shares);
  m.totalBorrowAssets = floorSub(m.totalBorrowAssets, event.params.assets);
  m.cumulativeRepaid = m.cumulativeRepaid.plus(event.params.assets);
  pos.borrowShares = pos.borrowShares.minus(event.params.shares);
  action(event, 'REPAY', m, pos, event.params.caller, null, event.params.assets, event.params.shares);
  savePosition(m, pos, event, 'Repay');
  saveMarket(p, m, event, 'Repay', sb, bb, 'repay', event.params.assets);
  saveProtocol(p, event);
}

export function handleLendingSupplyCollateral(event: SupplyCollateral): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalCollateral = m.totalCollateral.plus(event.params.assets);
  pos.collateral = pos.collateral.plus(event.params.assets);
  addLendingCollateral(p, m.collateralToken, event.params.assets);
  action(event, 'SUPPLY_COLLATERAL', m, pos, event.params.caller, null, event.params.assets, zero());
  savePosition(m, pos, event, 'SupplyCollateral');
  saveMarket(p, m, event, 'SupplyCollateral', sb, bb, '', zero());
  saveProtocol(p, event);
}

export function handleLendingWithdrawCollateral(event: WithdrawCollateral): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.onBehalf, event);
  m.totalCollateral = m.totalCollateral.minus(event.params.assets);
  pos.collateral = pos.collateral.minus(event.params.assets);
  addLendingCollateral(p, m.collateralToken, event.params.assets.neg());
  action(
    event,
    'WITHDRAW_COLLATERAL',
    m,
    pos,
    event.params.caller,
    event.params.receiver,
    event.params.assets,
    zero(),
  );
  savePosition(m, pos, event, 'WithdrawCollateral');
  saveMarket(p, m, event, 'WithdrawCollateral', sb, bb, '', zero());
  saveProtocol(p, event);
}

export function handleLendingLiquidate(event: Liquidate): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.borrower, event);
  ensureAccount(p, event.params.caller, event);
  const seized = event.params.seizedAssets;
  const badDebt = event.params.badDebtAssets;
  // the hub's order: repaid shares and assets out of the borrow totals, then bad debt out of both totals
  m.totalBorrowShares = m.totalBorrowShares
    .minus(event.params.repaidShares)
    .minus(event.params.badDebtShares);
  m.totalBorrowAssets = floorSub(m.totalBorrowAssets, event.params.repaidAssets).minus(badDebt);
  m.totalSupplyAssets = m.totalSupplyAssets.minus(badDebt);
  m.totalCollateral = m.totalCollateral.minus(seized);
  m.cumulativeRepaid = m.cumulativeRepaid.plus(event.params.repaidAssets);
  m.cumulativeLiquidatedCollateral = m.cumulativeLiquidatedCollateral.plus(seized);
  m.cumulativeBadDebt = m.cumulativeBadDebt.plus(badDebt);
  pos.borrowShares = pos.borrowShares.minus(event.params.repaidShares).minus(event.params.badDebtShares);
  pos.collateral = pos.collateral.minus(seized);
  pos.liquidationCount = pos.liquidationCount + 1;
  addLendingCollateral(p, m.collateralToken, seized.neg());

  const l = new Liquidation(eventId(event));
  l.market = m.id;
  l.position = pos.id;
  l.liquidator = event.params.caller;
  l.borrower = event.params.borrower;
  l.receiver = event.params.receiver;
  l.repaidAssets = event.params.repaidAssets;
  l.repaidShares = event.params.repaidShares;
  l.seizedAssets = seized;
  l.badDebtAssets = badDebt;
  l.badDebtShares = event.params.badDebtShares;
  l.blockNumber = event.block.number;
  l.timestamp = event.block.timestamp;
  l.transactionHash = event.transaction.hash;
  l.save();
  action(
    event,
    'LIQUIDATE',
    m,
    pos,
    event.params.caller,
    event.params.receiver,
    event.params.repaidAssets,
    event.params.repaidShares,
  );
  savePosition(m, pos, event, 'Liquidate');
  saveMarket(p, m, event, 'Liquidate', sb, bb, 'liquidation', seized);
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── collateral income

function income(
  event: ethereum.Event,
  kind: string,
  m: Market,
  pos: Position,
  amount: BigInt,
  shares: BigInt | null,
  incomePerShare: BigInt | null,
  receiver: Bytes | null,
): void {
  const c = new CollateralIncome(eventId(event));
  c.kind = kind;
  c.market = m.id;
  c.position = pos.id;
  c.amount = amount;
  if (shares !== null) c.shares = shares;
  if (incomePerShare !== null) c.incomePerShare = incomePerShare;
  if (receiver !== null) c.receiver = receiver;
  c.blockNumber = event.block.number;
  c.timestamp = event.block.timestamp;
  c.transactionHash = event.transaction.hash;
  c.save();
}

export function handleLendingIncomeAccrued(event: IncomeAccrued): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const pos = ensurePosition(p, m, event.params.borrower, event);
  pos.incomeAccrued = pos.incomeAccrued.plus(event.params.amount);
  income(event, 'ACCRUED', m, pos, event.params.amount, null, event.params.incomePerShare, null);
  savePosition(m, pos, event, 'IncomeAccrued');
  m.save();
  saveProtocol(p, event);
}

export function handleLendingIncomeApplied(event: IncomeApplied): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const sb = m.totalSupplyAssets;
  const bb = m.totalBorrowAssets;
  const pos = ensurePosition(p, m, event.params.borrower, event);
  m.totalBorrowShares = m.totalBorrowShares.minus(event.params.shares);
  m.totalBorrowAssets = floorSub(m.totalBorrowAssets, event.params.assets);
  m.cumulativeRepaid = m.cumulativeRepaid.plus(event.params.assets);
  pos.borrowShares = pos.borrowShares.minus(event.params.shares);
  pos.incomeApplied = pos.incomeApplied.plus(event.params.assets);
  income(event, 'APPLIED', m, pos, event.params.assets, event.params.shares, null, null);
  savePosition(m, pos, event, 'IncomeApplied');
  saveMarket(p, m, event, 'IncomeApplied', sb, bb, 'repay', event.params.assets);
  saveProtocol(p, event);
}

export function handleLendingIncomeClaimed(event: IncomeClaimed): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const pos = ensurePosition(p, m, event.params.borrower, event);
  pos.incomeClaimed = pos.incomeClaimed.plus(event.params.amount);
  income(event, 'CLAIMED', m, pos, event.params.amount, null, null, event.params.receiver);
  savePosition(m, pos, event, 'IncomeClaimed');
  m.save();
  saveProtocol(p, event);
}

export function handleLendingAutoRepaySet(event: AutoRepaySet): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  const pos = ensurePosition(p, m, event.params.borrower, event);
  pos.autoRepay = event.params.autoRepay;
  savePosition(m, pos, event, 'AutoRepaySet');
  m.save();
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── configuration

export function handleLendingMarketConfigSet(event: MarketConfigSet): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  m.reserveFactorBps = event.params.reserveFactor.toI32();
  m.supplyCap = event.params.supplyCap;
  m.borrowCap = event.params.borrowCap;
  m.minLeftover = event.params.minLeftover;
  saveMarket(p, m, event, 'MarketConfigSet', m.totalSupplyAssets, m.totalBorrowAssets, '', zero());
  governanceEvent(
    event,
    'MarketConfigSet',
    null,
    'id=' +
      m.id.toHexString() +
      ' reserveFactor=' +
      event.params.reserveFactor.toString() +
      ' supplyCap=' +
      event.params.supplyCap.toString() +
      ' borrowCap=' +
      event.params.borrowCap.toString() +
      ' minLeftover=' +
      event.params.minLeftover.toString(),
  );
  saveProtocol(p, event);
}

export function handleLendingPausedSet(event: PausedSet): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  m.paused = event.params.paused;
  saveMarket(p, m, event, 'PausedSet', m.totalSupplyAssets, m.totalBorrowAssets, '', zero());
  governanceEvent(
    event,
    'PausedSet',
    event.params.guardian,
    'id=' + m.id.toHexString() + ' paused=' + (event.params.paused ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleLendingFrozenSet(event: FrozenSet): void {
  const p = loadProtocol(event);
  hub(p, event);
  const m = loadMarket(event.params.id);
  m.frozen = event.params.frozen;
  saveMarket(p, m, event, 'FrozenSet', m.totalSupplyAssets, m.totalBorrowAssets, '', zero());
  governanceEvent(
    event,
    'FrozenSet',
    event.params.guardian,
    'id=' + m.id.toHexString() + ' frozen=' + (event.params.frozen ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

/** The hub's risk managers and guardians as role members (role = keccak256 of the role's name). */
function hubRole(event: ethereum.Event, role: string, account: Bytes, enabled: boolean): void {
  const p = loadProtocol(event);
  hub(p, event);
  ensureAccount(p, account, event);
  const roleId = Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(role)));
  const id = event.address.toHexString() + '-' + roleId.toHexString() + '-' + account.toHexString();
  let member = RoleMember.load(id);
  if (member === null) {
    member = new RoleMember(id);
    member.contract = event.address;
    member.role = roleId;
    member.account = account;
  }
  member.active = enabled;
  member.grantedBy = event.transaction.from;
  member.updatedAt = event.block.timestamp;
  member.save();
  governanceEvent(
    event,
    role == 'RISK_MANAGER' ? 'RiskManagerSet' : 'GuardianSet',
    account,
    'enabled=' + (enabled ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleLendingRiskManagerSet(event: RiskManagerSet): void {
  hubRole(event, 'RISK_MANAGER', event.params.account, event.params.enabled);
}

export function handleLendingGuardianSet(event: GuardianSet): void {
  hubRole(event, 'GUARDIAN', event.params.account, event.params.enabled);
}

function component(event: ethereum.Event, kind: string, value: string, enabled: boolean): void {
  const p = loadProtocol(event);
  hub(p, event);
  const id = kind + '-' + value;
  let c = LendingComponent.load(id);
  if (c === null) {
    c = new LendingComponent(id);
    c.kind = kind;
    c.value = value;
  }
  c.enabled = enabled;
  c.updatedAt = event.block.timestamp;
  c.save();
  saveProtocol(p, event);
}

export function handleLendingRateModelEnabled(event: RateModelEnabled): void {
  component(event, 'RATE_MODEL', event.params.rateModel.toHexString(), event.params.enabled);
}

export function handleLendingLltvEnabled(event: LltvEnabled): void {
  component(event, 'LLTV', event.params.lltv.toString(), event.params.enabled);
}

export function handleLendingOracleEnabled(event: OracleEnabled): void {
  component(event, 'ORACLE', event.params.oracle.toHexString(), event.params.enabled);
}

export function handleLendingDefaultsSet(event: DefaultsSet): void {
  const p = loadProtocol(event);
  hub(p, event);
  governanceEvent(
    event,
    'DefaultsSet',
    null,
    'reserveFactor=' +
      event.params.reserveFactor.toString() +
      ' minLeftover=' +
      event.params.minLeftover.toString(),
  );
  saveProtocol(p, event);
}

export function handleLendingFlashLoan(event: FlashLoanEvent): void {
  const p = loadProtocol(event);
  hub(p, event);
  ensureAccount(p, event.params.caller, event);
  const f = new FlashLoan(eventId(event));
  f.caller = event.params.caller;
  f.token = event.params.token;
  f.assets = event.params.assets;
  f.blockNumber = event.block.number;
  f.timestamp = event.block.timestamp;
  f.transactionHash = event.transaction.hash;
  f.save();
  saveProtocol(p, event);
}

export function handleLendingSetAuthorization(event: SetAuthorization): void {
  const p = loadProtocol(event);
  hub(p, event);
  ensureAccount(p, event.params.authorizer, event);
  const id = pairId(event.params.authorizer, event.params.authorized);
  let a = LendingAuthorization.load(id);
  if (a === null) {
    a = new LendingAuthorization(id);
    a.authorizer = event.params.authorizer;
    a.authorized = event.params.authorized;
  }
  a.isAuthorized = event.params.newIsAuthorized;
  a.updatedAt = event.block.timestamp;
  a.save();
  saveProtocol(p, event);
}

export function handleLendingIncrementNonce(event: IncrementNonce): void {
  const p = loadProtocol(event);
  hub(p, event);
  const account = ensureAccount(p, event.params.authorizer, event);
  account.lendingNonce = event.params.usedNonce.plus(BigInt.fromI32(1));
  account.save();
  saveProtocol(p, event);
}
