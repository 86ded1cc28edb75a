// Shared helpers of the Plaza mappings: ids, the protocol singleton and its daily/hourly snapshots, accounts,
// contracts (module attribution of value locked), tokens and balances, governance events.
//
// AssemblyScript notes: graph-cli 0.98 compiles with AssemblyScript 0.19, which crashed on nullable ternaries
// (`x ? a : null`) — every such choice is an if/else here.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  Account,
  Contract,
  GovernanceEvent,
  Protocol,
  ProtocolDailySnapshot,
  ProtocolHourlySnapshot,
  Token,
  TokenBalance,
  TokenTransfer,
} from '../generated/schema';

export const PROTOCOL_ID = 'plaza';
export const SCHEMA_VERSION = '1.0.0';

// Module names (the Module enum of schema.graphql).
export const STABLECOIN = 'STABLECOIN';
export const COMPLIANCE = 'COMPLIANCE';
export const PSM = 'PSM';
export const FEES = 'FEES';
export const ORACLE = 'ORACLE';
export const RWA = 'RWA';
export const LENDING = 'LENDING';
export const SAVINGS = 'SAVINGS';
export const PAYMENTS = 'PAYMENTS';
export const LOYALTY = 'LOYALTY';
export const ADVANCES = 'ADVANCES';
export const INCENTIVES = 'INCENTIVES';

export function zero(): BigInt {
  return BigInt.zero();
}

/** 10^n as a BigInt. */
export function pow10(n: u8): BigInt {
  return BigInt.fromI32(10).pow(n);
}

export function wad(): BigInt {
  return pow10(18);
}

/** The id of an action entity: transaction hash ++ log index (unique per event). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

export function dayOf(timestamp: BigInt): i32 {
  return timestamp.toI32() / 86400;
}

export function hourOf(timestamp: BigInt): i32 {
  return timestamp.toI32() / 3600;
}

/** `<a>-<b>` of two byte strings (lowercase hex). */
export function pairId(a: Bytes, b: Bytes): string {
  return a.toHexString() + '-' + b.toHexString();
}

export function maxBig(a: BigInt, b: BigInt): BigInt {
  if (a.gt(b)) return a;
  return b;
}

export function minBig(a: BigInt, b: BigInt): BigInt {
  if (a.lt(b)) return a;
  return b;
}

/** `a − b`, floored at zero (the contracts' zeroFloorSub). */
export function floorSub(a: BigInt, b: BigInt): BigInt {
  if (b.gt(a)) return zero();
  return a.minus(b);
}

/** Printable ASCII of a zero-padded bytes32 (`INV-1042`), or '' when it is not text. */
export function bytes32Text(value: Bytes): string {
  let end = value.length;
  while (end > 0 && value[end - 1] == 0) end--;
  if (end == 0) return '';
  let text = '';
  for (let i = 0; i < end; i++) {
    const c = value[i] as i32;
    if (c < 0x20 || c > 0x7e) return '';
    text += String.fromCharCode(c);
  }
  return text;
}

/** An ISO 3166-1 alpha-2 code from its bytes2 form. */
export function jurisdictionText(value: Bytes): string {
  if (value.length < 2) return '';
  return String.fromCharCode(value[0] as i32) + String.fromCharCode(value[1] as i32);
}

// ─────────────────────────────────────────────────────────────── protocol

/** The protocol singleton, counting this event. Every handler starts with it and ends with saveProtocol. */
export function loadProtocol(event: ethereum.Event): Protocol {
  let p = Protocol.load(PROTOCOL_ID);
  if (p === null) {
    p = new Protocol(PROTOCOL_ID);
    p.schemaVersion = SCHEMA_VERSION;
    p.pusdSupply = zero();
    p.pusdMinted = zero();
    p.pusdBurned = zero();
    p.pusdHolders = 0;
    p.psmReserves = zero();
    p.psmMinted = zero();
    p.psmSellVolume = zero();
    p.psmBuyVolume = zero();
    p.psmFees = zero();
    p.protocolFees = zero();
    p.lendingSupply = zero();
    p.lendingBorrow = zero();
    p.lendingCollateralValue = zero();
    p.lendingInterest = zero();
    p.tvlPsm = zero();
    p.tvlLending = zero();
    p.tvlSavings = zero();
    p.tvlPayments = zero();
    p.tvlAdvances = zero();
    p.tvlLoyalty = zero();
    p.tvlIncentives = zero();
    p.tvlOther = zero();
    p.tvl = zero();
    p.paymentVolume = zero();
    p.paymentFees = zero();
    p.paymentCount = 0;
    p.refundVolume = zero();
    p.merchantCount = 0;
    p.advancesOutstanding = zero();
    p.advancedTotal = zero();
    p.marketCount = 0;
    p.feedCount = 0;
    p.slashedTotal = zero();
    p.incentiveProgramCount = 0;
    p.incentiveRewardsPaid = zero();
    p.loyaltyProgramCount = 0;
    p.pointsMinted = zero();
    p.accountCount = 0;
    p.eventCount = zero();
    p.lastBlock = zero();
    p.lastTimestamp = zero();
  }
  p.eventCount = p.eventCount.plus(BigInt.fromI32(1));
  p.lastBlock = event.block.number;
  p.lastTimestamp = event.block.timestamp;
  return p as Protocol;
}

/** The day's snapshot of the protocol (its flows start at zero). */
export function protocolDay(event: ethereum.Event): ProtocolDailySnapshot {
  const day = dayOf(event.block.timestamp);
  const id = PROTOCOL_ID + '-' + day.toString();
  let s = ProtocolDailySnapshot.load(id);
  if (s === null) {
    s = new ProtocolDailySnapshot(id);
    s.day = day;
    s.protocol = PROTOCOL_ID;
    // the state as of now (saveProtocol refreshes it at the end of each handler)
    const p = Protocol.load(PROTOCOL_ID);
    s.pusdSupply = p === null ? zero() : p.pusdSupply;
    s.psmReserves = p === null ? zero() : p.psmReserves;
    s.tvl = p === null ? zero() : p.tvl;
    s.tvlPsm = p === null ? zero() : p.tvlPsm;
    s.tvlLending = p === null ? zero() : p.tvlLending;
    s.tvlSavings = p === null ? zero() : p.tvlSavings;
    s.tvlPayments = p === null ? zero() : p.tvlPayments;
    s.tvlAdvances = p === null ? zero() : p.tvlAdvances;
    s.lendingSupply = p === null ? zero() : p.lendingSupply;
    s.lendingBorrow = p === null ? zero() : p.lendingBorrow;
    s.lendingCollateralValue = p === null ? zero() : p.lendingCollateralValue;
    s.accountCount = p === null ? 0 : p.accountCount;
    s.blockNumber = event.block.number;
    s.timestamp = event.block.timestamp;
    s.dailyPusdMinted = zero();
    s.dailyPusdBurned = zero();
    s.dailyPsmVolume = zero();
    s.dailyPaymentVolume = zero();
    s.dailyPaymentCount = 0;
    s.dailyProtocolFees = zero();
    s.dailyEventCount = 0;
  }
  return s as ProtocolDailySnapshot;
}

/** The hour's snapshot of the protocol. */
export function protocolHour(event: ethereum.Event): ProtocolHourlySnapshot {
  const hour = hourOf(event.block.timestamp);
  const id = PROTOCOL_ID + '-' + hour.toString();
  let s = ProtocolHourlySnapshot.load(id);
  if (s === null) {
    s = new ProtocolHourlySnapshot(id);
    s.hour = hour;
    s.protocol = PROTOCOL_ID;
    const p = Protocol.load(PROTOCOL_ID);
    s.pusdSupply = p === null ? zero() : p.pusdSupply;
    s.psmReserves = p === null ? zero() : p.psmReserves;
    s.tvl = p === null ? zero() : p.tvl;
    s.lendingSupply = p === null ? zero() : p.lendingSupply;
    s.lendingBorrow = p === null ? zero() : p.lendingBorrow;
    s.blockNumber = event.block.number;
    s.timestamp = event.block.timestamp;
    s.hourlyPusdMinted = zero();
    s.hourlyPusdBurned = zero();
    s.hourlyPsmVolume = zero();
    s.hourlyPaymentVolume = zero();
    s.hourlyEventCount = 0;
  }
  return s as ProtocolHourlySnapshot;
}

/** Recomputes the TVL sum, saves the protocol and copies its figures into the day's and the hour's snapshots. */
export function saveProtocol(p: Protocol, event: ethereum.Event): void {
  p.tvl = p.tvlPsm
    .plus(p.tvlLending)
    .plus(p.tvlSavings)
    .plus(p.tvlPayments)
    .plus(p.tvlAdvances)
    .plus(p.tvlLoyalty)
    .plus(p.tvlIncentives)
    .plus(p.tvlOther);
  p.save();

  const d = protocolDay(event);
  d.pusdSupply = p.pusdSupply;
  d.psmReserves = p.psmReserves;
  d.tvl = p.tvl;
  d.tvlPsm = p.tvlPsm;
  d.tvlLending = p.tvlLending;
  d.tvlSavings = p.tvlSavings;
  d.tvlPayments = p.tvlPayments;
  d.tvlAdvances = p.tvlAdvances;
  d.lendingSupply = p.lendingSupply;
  d.lendingBorrow = p.lendingBorrow;
  d.lendingCollateralValue = p.lendingCollateralValue;
  d.accountCount = p.accountCount;
  d.dailyEventCount = d.dailyEventCount + 1;
  d.blockNumber = event.block.number;
  d.timestamp = event.block.timestamp;
  d.save();

  const h = protocolHour(event);
  h.pusdSupply = p.pusdSupply;
  h.psmReserves = p.psmReserves;
  h.tvl = p.tvl;
  h.lendingSupply = p.lendingSupply;
  h.lendingBorrow = p.lendingBorrow;
  h.hourlyEventCount = h.hourlyEventCount + 1;
  h.blockNumber = event.block.number;
  h.timestamp = event.block.timestamp;
  h.save();
}

/** Adds `delta` pUSD to the value locked of `module` (PSM reserves are added separately, see psm.ts). */
export function addModuleValue(p: Protocol, module: string, delta: BigInt): void {
  if (module == PSM) p.tvlPsm = p.tvlPsm.plus(delta);
  else if (module == LENDING) p.tvlLending = p.tvlLending.plus(delta);
  else if (module == SAVINGS) p.tvlSavings = p.tvlSavings.plus(delta);
  else if (module == PAYMENTS) p.tvlPayments = p.tvlPayments.plus(delta);
  else if (module == ADVANCES) p.tvlAdvances = p.tvlAdvances.plus(delta);
  else if (module == LOYALTY) p.tvlLoyalty = p.tvlLoyalty.plus(delta);
  else if (module == INCENTIVES) p.tvlIncentives = p.tvlIncentives.plus(delta);
  else p.tvlOther = p.tvlOther.plus(delta);
}

// ─────────────────────────────────────────────────────────────── accounts and contracts

/** The account of an address, created (and counted) on first sight. */
export function ensureAccount(p: Protocol, address: Bytes, event: ethereum.Event): Account {
  let a = Account.load(address);
  if (a === null) {
    a = new Account(address);
    a.firstSeenBlock = event.block.number;
    a.firstSeenTimestamp = event.block.timestamp;
    a.payfiCredit = zero();
    a.referralFeesEarned = zero();
    a.lendingNonce = zero();
    a.save();
    p.accountCount = p.accountCount + 1;
  }
  return a as Account;
}

function newContract(address: Bytes): Contract {
  const c = new Contract(address);
  c.name = '';
  c.paused = false;
  c.eventCount = 0;
  return c;
}

/**
 * The Contract entity of `address`. With a `name` and `module` (each contract's own handlers pass them), the first
 * call attributes the contract to its module: the pUSD it already holds joins that module's value locked.
 */
export function registerContract(p: Protocol, address: Bytes, name: string, module: string): Contract {
  let c = Contract.load(address);
  if (c === null) c = newContract(address);
  if (name.length > 0 && c.name.length == 0) c.name = name;
  if (module.length > 0 && c.module === null) {
    c.module = module;
    const pusd = p.pusd;
    if (pusd !== null) {
      const held = TokenBalance.load(pairId(pusd, address));
      if (held !== null) addModuleValue(p, module, held.balance);
    }
  }
  c.save();
  return c as Contract;
}

/** Counts an event of the contract that emitted it and returns its entity. */
export function touchContract(p: Protocol, event: ethereum.Event, name: string, module: string): Contract {
  const c = registerContract(p, event.address, name, module);
  c.eventCount = c.eventCount + 1;
  c.save();
  return c;
}

/** Records an administrative event of the emitting contract. */
export function governanceEvent(
  event: ethereum.Event,
  name: string,
  account: Bytes | null,
  params: string,
): void {
  const g = new GovernanceEvent(eventId(event));
  g.contract = event.address;
  g.event = name;
  if (account !== null) g.account = account;
  g.params = params;
  g.blockNumber = event.block.number;
  g.timestamp = event.block.timestamp;
  g.transactionHash = event.transaction.hash;
  g.logIndex = event.logIndex;
  g.save();
}

// ─────────────────────────────────────────────────────────────── tokens

/** The Token entity of `address`, created with the given metadata on first sight. */
export function ensureToken(
  address: Bytes,
  kind: string,
  name: string,
  symbol: string,
  decimals: i32,
): Token {
  let t = Token.load(address);
  if (t === null) {
    t = new Token(address);
    t.kind = kind;
    t.name = name;
    t.symbol = symbol;
    t.decimals = decimals;
    t.totalSupply = zero();
    t.holderCount = 0;
    t.transferCount = zero();
    t.save();
  }
  return t as Token;
}

export function loadBalance(token: Bytes, account: Bytes): TokenBalance | null {
  return TokenBalance.load(pairId(token, account));
}

/** Balance of `account` in `token` (0 when it never held any). */
export function balanceOf(token: Bytes, account: Bytes): BigInt {
  const b = loadBalance(token, account);
  if (b === null) return zero();
  return b.balance;
}

/**
 * Applies an ERC-20 Transfer to the token's supply, holders and balances, and records it. Returns the change of
 * the holder count (for tokens whose holders the protocol counts).
 */
export function applyTransfer(
  p: Protocol,
  token: Token,
  event: ethereum.Event,
  from: Address,
  to: Address,
  value: BigInt,
): i32 {
  let holders = 0;
  if (from.equals(Address.zero())) {
    token.totalSupply = token.totalSupply.plus(value);
  } else {
    ensureAccount(p, from, event);
    let b = loadBalance(token.id, from);
    if (b === null) {
      b = new TokenBalance(pairId(token.id, from));
      b.token = token.id;
      b.account = from;
      b.balance = zero();
    }
    const before = b.balance;
    b.balance = b.balance.minus(value);
    b.updatedAt = event.block.timestamp;
    b.save();
    if (!before.isZero() && b.balance.isZero()) holders -= 1;
  }
  if (to.equals(Address.zero())) {
    token.totalSupply = token.totalSupply.minus(value);
  } else {
    ensureAccount(p, to, event);
    let b = loadBalance(token.id, to);
    if (b === null) {
      b = new TokenBalance(pairId(token.id, to));
      b.token = token.id;
      b.account = to;
      b.balance = zero();
    }
    const before = b.balance;
    b.balance = b.balance.plus(value);
    b.updatedAt = event.block.timestamp;
    b.save();
    if (before.isZero() && !b.balance.isZero()) holders += 1;
  }
  token.holderCount = token.holderCount + holders;
  token.transferCount = token.transferCount.plus(BigInt.fromI32(1));
  token.save();

  const t = new TokenTransfer(eventId(event));
  t.token = token.id;
  t.from = from;
  t.to = to;
  t.value = value;
  t.blockNumber = event.block.number;
  t.timestamp = event.block.timestamp;
  t.transactionHash = event.transaction.hash;
  t.logIndex = event.logIndex;
  t.save();
  return holders;
}
