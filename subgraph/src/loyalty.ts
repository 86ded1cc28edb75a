// LoyaltyPoints (template: one data source per merchant's clone, started by LoyaltyProgramCreated): point balances,
// supply, the pUSD reserve, redemptions, value and expiry.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  ExpirySet,
  LoyaltyPoints as LoyaltyPointsContract,
  PointValueSet,
  Redeemed,
  ReserveFunded,
  ReserveWithdrawn,
  Transfer,
} from '../generated/templates/LoyaltyPoints/LoyaltyPoints';
import {
  LoyaltyProgram,
  LoyaltyReserveChange,
  PointsBalance,
  PointsRedemption,
  Protocol,
  Token,
} from '../generated/schema';
import {
  applyTransfer,
  ensureAccount,
  ensureToken,
  eventId,
  governanceEvent,
  loadProtocol,
  LOYALTY,
  pairId,
  saveProtocol,
  touchContract,
  zero,
} from './common';
import { newProgram } from './payfi';

function program(p: Protocol, event: ethereum.Event): LoyaltyProgram {
  touchContract(p, event, 'LoyaltyPoints', LOYALTY);
  let l = LoyaltyProgram.load(event.address);
  if (l === null) {
    // LoyaltyProgramCreated starts this template; a host that ran the clone's events of that block first
    // (its initialize precedes the registry's event) still gets a complete program from the clone itself
    const clone = LoyaltyPointsContract.bind(event.address);
    const merchant = clone.try_merchant();
    const name = clone.try_name();
    const symbol = clone.try_symbol();
    l = newProgram(
      event.address,
      merchant.reverted ? Address.zero() : merchant.value,
      name.reverted ? '' : name.value,
      symbol.reverted ? '' : symbol.value,
      event,
    );
  }
  return l as LoyaltyProgram;
}

function ensurePoints(p: Protocol, l: LoyaltyProgram, account: Bytes, event: ethereum.Event): PointsBalance {
  const id = pairId(l.id, account);
  let b = PointsBalance.load(id);
  if (b === null) {
    ensureAccount(p, account, event);
    b = new PointsBalance(id);
    b.program = l.id;
    b.account = account;
    b.balance = zero();
    b.earned = zero();
    b.spent = zero();
  }
  b.updatedAt = event.block.timestamp;
  return b as PointsBalance;
}

export function handleLoyaltyTransfer(event: Transfer): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  const token = ensureToken(event.address, 'LOYALTY_POINTS', l.name, l.symbol, 18);
  applyTransfer(p, token as Token, event, event.params.from, event.params.to, event.params.value);
  const from = event.params.from;
  const to = event.params.to;
  const value = event.params.value;
  if (!from.equals(Address.zero())) {
    const b = ensurePoints(p, l, from, event);
    b.balance = b.balance.minus(value);
    // burns are spent points (discounts and reserve redemptions)
    if (to.equals(Address.zero())) b.spent = b.spent.plus(value);
    b.save();
  } else {
    l.minted = l.minted.plus(value);
  }
  if (!to.equals(Address.zero())) {
    const b = ensurePoints(p, l, to, event);
    b.balance = b.balance.plus(value);
    if (from.equals(Address.zero())) b.earned = b.earned.plus(value);
    b.save();
  }
  l.totalSupply = token.totalSupply;
  l.holderCount = token.holderCount;
  l.save();
  saveProtocol(p, event);
}

export function handleLoyaltyPointValueSet(event: PointValueSet): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  // a decrease takes effect later (effectiveAt in the future); an increase at once
  if (event.params.effectiveAt.gt(event.block.timestamp)) {
    l.pendingPointValue = event.params.value;
    l.pendingPointValueAt = event.params.effectiveAt;
  } else {
    l.pointValue = event.params.value;
    l.pendingPointValue = null;
    l.pendingPointValueAt = null;
  }
  l.save();
  governanceEvent(
    event,
    'PointValueSet',
    null,
    'value=' + event.params.value.toString() + ' effectiveAt=' + event.params.effectiveAt.toString(),
  );
  saveProtocol(p, event);
}

export function handleLoyaltyExpirySet(event: ExpirySet): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  l.expiresAt = event.params.expiresAt;
  l.save();
  governanceEvent(event, 'ExpirySet', null, 'expiresAt=' + event.params.expiresAt.toString());
  saveProtocol(p, event);
}

function reserveChange(
  event: ethereum.Event,
  l: LoyaltyProgram,
  kind: string,
  account: Bytes,
  amount: BigInt,
): void {
  const r = new LoyaltyReserveChange(eventId(event));
  r.program = l.id;
  r.kind = kind;
  r.account = account;
  r.amount = amount;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
}

export function handleLoyaltyReserveFunded(event: ReserveFunded): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  l.reserve = l.reserve.plus(event.params.amount);
  l.reserveFunded = l.reserveFunded.plus(event.params.amount);
  l.save();
  reserveChange(event, l, 'FUNDED', event.params.from, event.params.amount);
  saveProtocol(p, event);
}

export function handleLoyaltyReserveWithdrawn(event: ReserveWithdrawn): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  l.reserve = l.reserve.minus(event.params.amount);
  l.reserveWithdrawn = l.reserveWithdrawn.plus(event.params.amount);
  l.save();
  reserveChange(event, l, 'WITHDRAWN', event.params.to, event.params.amount);
  saveProtocol(p, event);
}

export function handleLoyaltyRedeemed(event: Redeemed): void {
  const p = loadProtocol(event);
  const l = program(p, event);
  l.reserve = l.reserve.minus(event.params.paid);
  l.reservePaid = l.reservePaid.plus(event.params.paid);
  l.redeemedForReserve = l.redeemedForReserve.plus(event.params.points);
  l.save();
  const r = new PointsRedemption(eventId(event));
  r.program = l.id;
  r.kind = 'RESERVE';
  r.holder = event.params.holder;
  r.to = event.params.to;
  r.points = event.params.points;
  r.value = event.params.paid;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
  saveProtocol(p, event);
}
