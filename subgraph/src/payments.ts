// PaymentProcessor: payments through their lifecycle (authorize, capture, settle, void, reclaim, refund), their
// timeline, settlements with the fee split, refunds, merchant balances and payouts, credits, fee sweeps, tier fees,
// and the advance ledger.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  AdvanceOpened,
  AdvancePoolSet,
  AdvanceRepaid,
  AdvanceShortfall,
  AdvanceWrittenOff,
  Claimed,
  FeesSwept,
  MerchantPaidOut,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentPaid,
  PaymentReclaimed,
  PaymentRefunded,
  PaymentReleased,
  PaymentVoided,
  PayoutFailed,
  PointsRedeemed,
  PointsRestored,
  ReferralShareSet,
  ReturnCredited,
  TierFeeSet,
} from '../generated/PaymentProcessor/PaymentProcessor';
import {
  AdvanceEvent,
  CreditClaim,
  FeeSweep,
  FeeTier,
  LoyaltyProgram,
  Merchant,
  MerchantPayout,
  Payment,
  PaymentEvent,
  PointsRedemption,
  Protocol,
  Refund,
  Settlement,
} from '../generated/schema';
import {
  ADVANCES,
  bytes32Text,
  ensureAccount,
  eventId,
  governanceEvent,
  loadProtocol,
  minBig,
  PAYMENTS,
  protocolDay,
  protocolHour,
  registerContract,
  saveProtocol,
  touchContract,
  zero,
} from './common';
import { ensureAdvancePool, ensureMerchant, ensurePayFi, merchantDay, saveMerchant } from './payfi';

function processor(p: Protocol, event: ethereum.Event): void {
  touchContract(p, event, 'PaymentProcessor', PAYMENTS);
}

/** The payment of `id`, created empty on first sight (PointsRedeemed comes before PaymentAuthorized/Paid). */
function ensurePayment(
  p: Protocol,
  id: Bytes,
  merchant: Address,
  payer: Address,
  event: ethereum.Event,
): Payment {
  let pay = Payment.load(id);
  if (pay === null) {
    ensureAccount(p, payer, event);
    pay = new Payment(id);
    pay.merchant = merchant;
    pay.payer = payer;
    pay.orderRef = Bytes.fromHexString('0x0000000000000000000000000000000000000000000000000000000000000000');
    pay.orderRefText = '';
    pay.mode = 'ESCROW';
    pay.status = 'AUTHORIZED';
    pay.amount = zero();
    pay.capturable = zero();
    pay.held = zero();
    pay.captured = zero();
    pay.settled = zero();
    pay.fee = zero();
    pay.referralFee = zero();
    pay.merchantNet = zero();
    pay.refunded = zero();
    pay.voided = zero();
    pay.reclaimed = zero();
    pay.pointsEarned = zero();
    pay.pointsRedeemed = zero();
    pay.pointsRestored = zero();
    pay.discount = zero();
    pay.createdAt = event.block.timestamp;
    pay.createdBlock = event.block.number;
    pay.transactionHash = event.transaction.hash;
  }
  pay.updatedAt = event.block.timestamp;
  return pay as Payment;
}

/** Counts a new payment (the first PaymentAuthorized or PaymentPaid of its id). */
function countPayment(p: Protocol, m: Merchant, event: ethereum.Event): void {
  m.paymentCount = m.paymentCount + 1;
  const payfi = ensurePayFi();
  payfi.paymentCount = payfi.paymentCount + 1;
  payfi.save();
  p.paymentCount = p.paymentCount + 1;
  const d = protocolDay(event);
  d.dailyPaymentCount = d.dailyPaymentCount + 1;
  d.save();
  const md = merchantDay(m, event);
  md.paymentCount = md.paymentCount + 1;
  md.save();
}

function setOrderRef(pay: Payment, orderRef: Bytes): void {
  pay.orderRef = orderRef;
  pay.orderRefText = bytes32Text(orderRef);
}

/** The payment's status from its amounts (see PaymentStatus in schema.graphql). */
function saveWithStatus(pay: Payment): void {
  let status = 'AUTHORIZED';
  if (!pay.capturable.isZero()) {
    if (pay.captured.isZero()) status = 'AUTHORIZED';
    else status = 'PARTIALLY_CAPTURED';
  } else if (!pay.held.isZero()) status = 'HELD';
  else if (!pay.settled.isZero()) {
    if (pay.refunded.isZero()) status = 'SETTLED';
    else status = 'PARTIALLY_REFUNDED';
  } else if (!pay.refunded.isZero()) status = 'REFUNDED';
  else if (!pay.voided.isZero()) status = 'VOIDED';
  else if (!pay.reclaimed.isZero()) status = 'RECLAIMED';
  pay.status = status;
  pay.save();
}

function timeline(event: ethereum.Event, pay: Payment, kind: string, amount: BigInt): void {
  const e = new PaymentEvent(eventId(event));
  e.payment = pay.id;
  e.merchant = pay.merchant;
  e.payer = pay.payer;
  e.kind = kind;
  e.amount = amount;
  e.blockNumber = event.block.number;
  e.timestamp = event.block.timestamp;
  e.transactionHash = event.transaction.hash;
  e.logIndex = event.logIndex;
  e.save();
}

// ─────────────────────────────────────────────────────────────── payments

export function handlePaymentsPaymentAuthorized(event: PaymentAuthorized): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  if (pay.amount.isZero()) countPayment(p, m, event);
  setOrderRef(pay, event.params.orderRef);
  pay.amount = event.params.amount;
  pay.capturable = event.params.amount;
  pay.feeBps = event.params.feeBps;
  pay.referrer = event.params.referrer;
  pay.authorizationExpiry = event.params.authorizationExpiry;
  pay.refundExpiry = event.params.refundExpiry;
  saveWithStatus(pay);
  timeline(event, pay, 'AUTHORIZED', event.params.amount);
  m.authorizedVolume = m.authorizedVolume.plus(event.params.amount);
  const md = merchantDay(m, event);
  md.authorizedVolume = md.authorizedVolume.plus(event.params.amount);
  md.save();
  saveMerchant(m, event);
  saveProtocol(p, event);
}

export function handlePaymentsPaymentCaptured(event: PaymentCaptured): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  const amount = event.params.amount;
  // a direct payment into a refund window: authorized and captured in full in the same transaction
  if (
    pay.captured.isZero() &&
    pay.transactionHash.equals(event.transaction.hash) &&
    amount.equals(pay.amount)
  ) {
    pay.mode = 'DIRECT';
  }
  pay.capturable = pay.capturable.minus(amount);
  pay.captured = pay.captured.plus(amount);
  // releaseAt == now: the merchant has no refund window and the capture settles at once (PaymentReleased follows)
  if (event.params.releaseAt.gt(event.block.timestamp)) {
    pay.held = pay.held.plus(amount);
    pay.releaseAt = event.params.releaseAt;
    m.pending = m.pending.plus(amount);
  }
  saveWithStatus(pay);
  timeline(event, pay, 'CAPTURED', amount);
  m.capturedVolume = m.capturedVolume.plus(amount);
  const md = merchantDay(m, event);
  md.capturedVolume = md.capturedVolume.plus(amount);
  md.save();
  saveMerchant(m, event);
  saveProtocol(p, event);
}

/** A settlement (PaymentReleased, or PaymentPaid when `direct`): the fee split, points, merchant and referrer. */
function settle(
  event: ethereum.Event,
  direct: boolean,
  paymentId: Bytes,
  merchant: Address,
  payer: Address,
  orderRef: Bytes,
  amount: BigInt,
  fee: BigInt,
  referrer: Address,
  referralFee: BigInt,
  points: BigInt,
): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(merchant, event);
  const pay = ensurePayment(p, paymentId, merchant, payer, event);
  if (direct) {
    // settled at once: authorized, captured and released in one step
    if (pay.amount.isZero()) countPayment(p, m, event);
    setOrderRef(pay, orderRef);
    pay.mode = 'DIRECT';
    pay.amount = amount;
    pay.captured = pay.captured.plus(amount);
    pay.referrer = referrer;
    m.authorizedVolume = m.authorizedVolume.plus(amount);
    m.capturedVolume = m.capturedVolume.plus(amount);
    const tier = FeeTier.load(m.feeTier.toString());
    if (tier !== null) pay.feeBps = tier.feeBps;
  } else {
    const fromHeld = minBig(pay.held, amount);
    pay.held = pay.held.minus(fromHeld);
    m.pending = m.pending.minus(fromHeld);
  }
  const net = amount.minus(fee);
  pay.settled = pay.settled.plus(amount);
  pay.fee = pay.fee.plus(fee);
  pay.referralFee = pay.referralFee.plus(referralFee);
  pay.merchantNet = pay.merchantNet.plus(net);
  pay.pointsEarned = pay.pointsEarned.plus(points);
  saveWithStatus(pay);
  timeline(event, pay, direct ? 'PAID' : 'RELEASED', amount);

  const s = new Settlement(eventId(event));
  s.payment = pay.id;
  s.merchant = merchant;
  s.payer = payer;
  s.direct = direct;
  s.amount = amount;
  s.fee = fee;
  s.referrer = referrer;
  s.referralFee = referralFee;
  s.merchantNet = net;
  s.points = points;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();

  m.settledVolume = m.settledVolume.plus(amount);
  m.fees = m.fees.plus(fee);
  m.referralFees = m.referralFees.plus(referralFee);
  m.claimable = m.claimable.plus(net);
  const md = merchantDay(m, event);
  md.settledVolume = md.settledVolume.plus(amount);
  md.fees = md.fees.plus(fee);
  if (direct) {
    md.authorizedVolume = md.authorizedVolume.plus(amount);
    md.capturedVolume = md.capturedVolume.plus(amount);
  }
  md.save();
  saveMerchant(m, event);

  if (!referralFee.isZero()) {
    const r = ensureAccount(p, referrer, event);
    r.payfiCredit = r.payfiCredit.plus(referralFee);
    r.referralFeesEarned = r.referralFeesEarned.plus(referralFee);
    r.save();
  }
  const payfi = ensurePayFi();
  payfi.volume = payfi.volume.plus(amount);
  payfi.fees = payfi.fees.plus(fee);
  payfi.referralFees = payfi.referralFees.plus(referralFee);
  payfi.accruedFees = payfi.accruedFees.plus(fee.minus(referralFee));
  payfi.pointsMinted = payfi.pointsMinted.plus(points);
  payfi.save();
  p.paymentVolume = p.paymentVolume.plus(amount);
  p.paymentFees = p.paymentFees.plus(fee);
  p.pointsMinted = p.pointsMinted.plus(points);
  const d = protocolDay(event);
  d.dailyPaymentVolume = d.dailyPaymentVolume.plus(amount);
  d.save();
  const h = protocolHour(event);
  h.hourlyPaymentVolume = h.hourlyPaymentVolume.plus(amount);
  h.save();
  saveProtocol(p, event);
}

export function handlePaymentsPaymentReleased(event: PaymentReleased): void {
  settle(
    event,
    false,
    event.params.paymentId,
    event.params.merchant,
    event.params.payer,
    event.params.orderRef,
    event.params.amount,
    event.params.fee,
    event.params.referrer,
    event.params.referralFee,
    event.params.points,
  );
}

export function handlePaymentsPaymentPaid(event: PaymentPaid): void {
  settle(
    event,
    true,
    event.params.paymentId,
    event.params.merchant,
    event.params.payer,
    event.params.orderRef,
    event.params.amount,
    event.params.fee,
    event.params.referrer,
    event.params.referralFee,
    event.params.points,
  );
}

export function handlePaymentsPaymentVoided(event: PaymentVoided): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  pay.capturable = pay.capturable.minus(event.params.amount);
  pay.voided = pay.voided.plus(event.params.amount);
  saveWithStatus(pay);
  timeline(event, pay, 'VOIDED', event.params.amount);
  m.voided = m.voided.plus(event.params.amount);
  saveMerchant(m, event);
  saveProtocol(p, event);
}

export function handlePaymentsPaymentReclaimed(event: PaymentReclaimed): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  pay.capturable = pay.capturable.minus(event.params.amount);
  pay.reclaimed = pay.reclaimed.plus(event.params.amount);
  saveWithStatus(pay);
  timeline(event, pay, 'RECLAIMED', event.params.amount);
  m.reclaimed = m.reclaimed.plus(event.params.amount);
  saveMerchant(m, event);
  saveProtocol(p, event);
}

export function handlePaymentsPaymentRefunded(event: PaymentRefunded): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  const amount = event.params.amount;
  pay.held = pay.held.minus(amount);
  pay.refunded = pay.refunded.plus(amount);
  saveWithStatus(pay);
  timeline(event, pay, 'REFUNDED', amount);
  const r = new Refund(eventId(event));
  r.payment = pay.id;
  r.merchant = m.id;
  r.payer = event.params.payer;
  r.amount = amount;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
  m.pending = m.pending.minus(amount);
  m.refunded = m.refunded.plus(amount);
  const md = merchantDay(m, event);
  md.refunded = md.refunded.plus(amount);
  md.save();
  saveMerchant(m, event);
  const payfi = ensurePayFi();
  payfi.refunded = payfi.refunded.plus(amount);
  payfi.save();
  p.refundVolume = p.refundVolume.plus(amount);
  saveProtocol(p, event);
}

export function handlePaymentsPointsRedeemed(event: PointsRedeemed): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  pay.pointsRedeemed = pay.pointsRedeemed.plus(event.params.points);
  pay.discount = pay.discount.plus(event.params.discount);
  saveWithStatus(pay);
  timeline(event, pay, 'POINTS_REDEEMED', event.params.points);
  const programId = m.loyaltyProgram;
  if (programId !== null) {
    const program = LoyaltyProgram.load(programId);
    if (program !== null) {
      program.burnedForDiscount = program.burnedForDiscount.plus(event.params.points);
      program.save();
      const r = new PointsRedemption(eventId(event));
      r.program = program.id;
      r.kind = 'DISCOUNT';
      r.holder = event.params.payer;
      r.payment = pay.id;
      r.points = event.params.points;
      r.value = event.params.discount;
      r.blockNumber = event.block.number;
      r.timestamp = event.block.timestamp;
      r.transactionHash = event.transaction.hash;
      r.save();
    }
  }
  m.save();
  saveProtocol(p, event);
}

export function handlePaymentsPointsRestored(event: PointsRestored): void {
  const p = loadProtocol(event);
  processor(p, event);
  const pay = ensurePayment(p, event.params.paymentId, event.params.merchant, event.params.payer, event);
  pay.pointsRestored = pay.pointsRestored.plus(event.params.points);
  saveWithStatus(pay);
  timeline(event, pay, 'POINTS_RESTORED', event.params.points);
  saveProtocol(p, event);
}

export function handlePaymentsReturnCredited(event: ReturnCredited): void {
  const p = loadProtocol(event);
  processor(p, event);
  const a = ensureAccount(p, event.params.account, event);
  a.payfiCredit = a.payfiCredit.plus(event.params.amount);
  a.save();
  const pay = Payment.load(event.params.paymentId);
  if (pay !== null) timeline(event, pay, 'RETURN_CREDITED', event.params.amount);
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── balances

function payout(
  event: ethereum.Event,
  merchant: Address,
  to: Address,
  amount: BigInt,
  repaid: BigInt,
  failed: boolean,
): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(merchant, event);
  if (!failed) {
    // the repayment left the claimable balance with AdvanceRepaid
    m.claimable = m.claimable.minus(amount);
    m.paidOut = m.paidOut.plus(amount);
  }
  saveMerchant(m, event);
  const o = new MerchantPayout(eventId(event));
  o.merchant = m.id;
  o.to = to;
  o.amount = amount;
  o.repaidToPool = repaid;
  o.failed = failed;
  o.blockNumber = event.block.number;
  o.timestamp = event.block.timestamp;
  o.transactionHash = event.transaction.hash;
  o.save();
  saveProtocol(p, event);
}

export function handlePaymentsMerchantPaidOut(event: MerchantPaidOut): void {
  payout(
    event,
    event.params.merchant,
    event.params.to,
    event.params.amount,
    event.params.repaidToPool,
    false,
  );
}

export function handlePaymentsPayoutFailed(event: PayoutFailed): void {
  payout(event, event.params.merchant, event.params.to, event.params.amount, zero(), true);
}

export function handlePaymentsClaimed(event: Claimed): void {
  const p = loadProtocol(event);
  processor(p, event);
  const a = ensureAccount(p, event.params.account, event);
  a.payfiCredit = a.payfiCredit.minus(event.params.amount);
  a.save();
  const c = new CreditClaim(eventId(event));
  c.account = event.params.account;
  c.to = event.params.to;
  c.amount = event.params.amount;
  c.blockNumber = event.block.number;
  c.timestamp = event.block.timestamp;
  c.transactionHash = event.transaction.hash;
  c.save();
  saveProtocol(p, event);
}

export function handlePaymentsFeesSwept(event: FeesSwept): void {
  const p = loadProtocol(event);
  processor(p, event);
  const payfi = ensurePayFi();
  payfi.accruedFees = payfi.accruedFees.minus(event.params.amount);
  payfi.sweptFees = payfi.sweptFees.plus(event.params.amount);
  payfi.save();
  const s = new FeeSweep(eventId(event));
  s.feeCollector = event.params.feeCollector;
  s.amount = event.params.amount;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── configuration

export function handlePaymentsTierFeeSet(event: TierFeeSet): void {
  const p = loadProtocol(event);
  processor(p, event);
  const id = event.params.tier.toString();
  let t = FeeTier.load(id);
  if (t === null) {
    t = new FeeTier(id);
    t.tier = event.params.tier;
  }
  t.feeBps = event.params.feeBps;
  t.save();
  governanceEvent(event, 'TierFeeSet', null, 'tier=' + id + ' feeBps=' + event.params.feeBps.toString());
  saveProtocol(p, event);
}

export function handlePaymentsReferralShareSet(event: ReferralShareSet): void {
  const p = loadProtocol(event);
  processor(p, event);
  const payfi = ensurePayFi();
  payfi.referralShareBps = event.params.shareBps;
  payfi.processor = event.address;
  payfi.save();
  governanceEvent(event, 'ReferralShareSet', null, 'shareBps=' + event.params.shareBps.toString());
  saveProtocol(p, event);
}

export function handlePaymentsAdvancePoolSet(event: AdvancePoolSet): void {
  const p = loadProtocol(event);
  processor(p, event);
  registerContract(p, event.params.advancePool, 'AdvancePool', ADVANCES);
  const payfi = ensurePayFi();
  payfi.advancePool = event.params.advancePool;
  payfi.save();
  ensureAdvancePool(event.params.advancePool).save();
  governanceEvent(event, 'AdvancePoolSet', event.params.advancePool, '');
  saveProtocol(p, event);
}

// ─────────────────────────────────────────────────────────────── advances (the processor's ledger)

function advanceEvent(
  event: ethereum.Event,
  merchant: Bytes,
  kind: string,
  amount: BigInt,
  debtAfter: BigInt,
  payment: Bytes | null,
): void {
  const a = new AdvanceEvent(eventId(event));
  a.merchant = merchant;
  a.kind = kind;
  a.amount = amount;
  a.debtAfter = debtAfter;
  if (payment !== null) a.payment = payment;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
}

function advancePoolId(): Bytes | null {
  const payfi = ensurePayFi();
  return payfi.advancePool;
}

export function handlePaymentsAdvanceOpened(event: AdvanceOpened): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.advanceDebt = event.params.debt;
  m.advanced = m.advanced.plus(event.params.amount);
  saveMerchant(m, event);
  advanceEvent(event, m.id, 'OPENED', event.params.amount, event.params.debt, null);
  p.advancesOutstanding = p.advancesOutstanding.plus(event.params.amount);
  p.advancedTotal = p.advancedTotal.plus(event.params.amount);
  saveProtocol(p, event);
}

export function handlePaymentsAdvanceRepaid(event: AdvanceRepaid): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.advanceDebt = event.params.debt;
  m.advanceRepaid = m.advanceRepaid.plus(event.params.amount);
  // repayments come out of the merchant's settled balance first
  m.claimable = m.claimable.minus(event.params.amount);
  saveMerchant(m, event);
  advanceEvent(event, m.id, 'REPAID', event.params.amount, event.params.debt, null);
  const poolId = advancePoolId();
  if (poolId !== null) {
    const pool = ensureAdvancePool(poolId);
    pool.repaid = pool.repaid.plus(event.params.amount);
    pool.outstanding = pool.outstanding.minus(event.params.amount);
    pool.save();
  }
  p.advancesOutstanding = p.advancesOutstanding.minus(event.params.amount);
  saveProtocol(p, event);
}

export function handlePaymentsAdvanceWrittenOff(event: AdvanceWrittenOff): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.advanceDebt = event.params.debt;
  m.advanceWrittenOff = m.advanceWrittenOff.plus(event.params.amount);
  saveMerchant(m, event);
  advanceEvent(event, m.id, 'WRITTEN_OFF', event.params.amount, event.params.debt, null);
  p.advancesOutstanding = p.advancesOutstanding.minus(event.params.amount);
  saveProtocol(p, event);
}

export function handlePaymentsAdvanceShortfall(event: AdvanceShortfall): void {
  const p = loadProtocol(event);
  processor(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.save();
  advanceEvent(
    event,
    m.id,
    'SHORTFALL',
    event.params.uncovered,
    event.params.uncovered,
    event.params.paymentId,
  );
  const pay = Payment.load(event.params.paymentId);
  if (pay !== null) timeline(event, pay, 'ADVANCE_SHORTFALL', event.params.uncovered);
  saveProtocol(p, event);
}
