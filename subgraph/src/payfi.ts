// Shared state of the PayFi mappings: the PayFi singleton, merchants and their daily snapshots, loyalty programs,
// the AdvancePool's ledger.
import { BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  AdvancePool,
  LoyaltyProgram,
  Merchant,
  MerchantDailySnapshot,
  PayFi,
  Token,
} from '../generated/schema';
import { dayOf, ensureToken, zero } from './common';

export const PAYFI_ID = 'payfi';

export function ensurePayFi(): PayFi {
  let f = PayFi.load(PAYFI_ID);
  if (f === null) {
    f = new PayFi(PAYFI_ID);
    f.referralShareBps = 0;
    f.accruedFees = zero();
    f.sweptFees = zero();
    f.merchantCount = 0;
    f.paymentCount = 0;
    f.volume = zero();
    f.fees = zero();
    f.referralFees = zero();
    f.refunded = zero();
    f.pointsMinted = zero();
  }
  return f as PayFi;
}

/** The merchant of `address` (registered merchants exist from MerchantRegistered on; others are created empty). */
export function ensureMerchant(address: Bytes, event: ethereum.Event): Merchant {
  let m = Merchant.load(address);
  if (m === null) {
    m = new Merchant(address);
    m.payout = address;
    m.refundWindow = zero();
    m.feeTier = 0;
    m.adminSuspended = false;
    m.complianceSuspended = false;
    m.active = false;
    m.earnRateBps = 0;
    m.paymentCount = 0;
    m.authorizedVolume = zero();
    m.capturedVolume = zero();
    m.settledVolume = zero();
    m.fees = zero();
    m.referralFees = zero();
    m.refunded = zero();
    m.voided = zero();
    m.reclaimed = zero();
    m.pending = zero();
    m.claimable = zero();
    m.paidOut = zero();
    m.advanceDebt = zero();
    m.advanced = zero();
    m.advanceRepaid = zero();
    m.advanceWrittenOff = zero();
    m.registeredAt = event.block.timestamp;
  }
  return m as Merchant;
}

/** The merchant's day (`<merchant>-<day>`), its flows starting at zero; balances are copied by saveMerchant. */
export function merchantDay(m: Merchant, event: ethereum.Event): MerchantDailySnapshot {
  const day = dayOf(event.block.timestamp);
  const id = m.id.toHexString() + '-' + day.toString();
  let s = MerchantDailySnapshot.load(id);
  if (s === null) {
    s = new MerchantDailySnapshot(id);
    s.day = day;
    s.merchant = m.id;
    s.paymentCount = 0;
    s.authorizedVolume = zero();
    s.capturedVolume = zero();
    s.settledVolume = zero();
    s.fees = zero();
    s.refunded = zero();
    s.pending = m.pending;
    s.claimable = m.claimable;
    s.blockNumber = event.block.number;
    s.timestamp = event.block.timestamp;
  }
  return s as MerchantDailySnapshot;
}

/** Saves the merchant and copies its balances into the day's snapshot. */
export function saveMerchant(m: Merchant, event: ethereum.Event): void {
  m.save();
  const s = merchantDay(m, event);
  s.pending = m.pending;
  s.claimable = m.claimable;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.save();
}

/** The AdvancePool's ledger entity (its ERC-4626 side is the Vault of the same id). */
export function ensureAdvancePool(address: Bytes): AdvancePool {
  let a = AdvancePool.load(address);
  if (a === null) {
    a = new AdvancePool(address);
    a.vault = address;
    a.minCreditScore = 0;
    a.minAdvanceRateBps = 0;
    a.maxAdvanceRateBps = 0;
    a.discountFeeBps = 0;
    a.maxDebtPerMerchant = zero();
    a.outstanding = zero();
    a.advanced = zero();
    a.fees = zero();
    a.repaid = zero();
    a.writtenOff = zero();
    a.advanceCount = 0;
  }
  return a as AdvancePool;
}

export function one(): BigInt {
  return BigInt.fromI32(1);
}

/** A loyalty program (and its points token) with nothing minted yet; the caller sets the terms and saves. */
export function newProgram(
  address: Bytes,
  merchant: Bytes,
  name: string,
  symbol: string,
  event: ethereum.Event,
): LoyaltyProgram {
  const token: Token = ensureToken(address, 'LOYALTY_POINTS', name, symbol, 18);
  const l = new LoyaltyProgram(address);
  l.merchant = merchant;
  l.token = token.id;
  l.name = name;
  l.symbol = symbol;
  l.earnRateBps = 0;
  l.pointValue = zero();
  l.expiresAt = zero();
  l.totalSupply = zero();
  l.holderCount = 0;
  l.minted = zero();
  l.burnedForDiscount = zero();
  l.redeemedForReserve = zero();
  l.reserve = zero();
  l.reserveFunded = zero();
  l.reserveWithdrawn = zero();
  l.reservePaid = zero();
  l.createdAt = event.block.timestamp;
  l.save();
  return l;
}
