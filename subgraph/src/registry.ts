// MerchantRegistry: merchants (payout, refund window, tier, operators, suspension, referral codes), loyalty
// programs (each starts a LoyaltyPoints template for its clone) and PayFi's control plane.
import { BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  EarnRateSet,
  FeeTierSet,
  LoyaltyProgramCreated,
  MerchantPolicySet,
  MerchantRegistered,
  OperatorSet,
  PayoutSet,
  ProcessorSet,
  ReferralCodeSet,
  RefundWindowSet,
  SuspensionSet,
} from '../generated/MerchantRegistry/MerchantRegistry';
import { LoyaltyPoints as LoyaltyPointsTemplate } from '../generated/templates';
import { LoyaltyProgram, Merchant, MerchantOperator, Protocol, ReferralCode } from '../generated/schema';
import {
  ensureAccount,
  governanceEvent,
  loadProtocol,
  LOYALTY,
  PAYMENTS,
  registerContract,
  saveProtocol,
  touchContract,
} from './common';
import { ensureMerchant, ensurePayFi, newProgram, saveMerchant } from './payfi';

function registry(p: Protocol, event: ethereum.Event): void {
  touchContract(p, event, 'MerchantRegistry', PAYMENTS);
  const payfi = ensurePayFi();
  if (payfi.registry === null) {
    payfi.registry = event.address;
    payfi.save();
  }
}

function setReferralCode(account: Bytes, code: Bytes, event: ethereum.Event, p: Protocol): void {
  const a = ensureAccount(p, account, event);
  const previous = a.referralCode;
  if (previous !== null) {
    const old = ReferralCode.load(previous);
    if (old !== null) {
      old.active = false;
      old.updatedAt = event.block.timestamp;
      old.save();
    }
  }
  if (
    code.equals(Bytes.fromHexString('0x0000000000000000000000000000000000000000000000000000000000000000'))
  ) {
    a.referralCode = null;
  } else {
    const r = new ReferralCode(code);
    r.account = account;
    r.active = true;
    r.updatedAt = event.block.timestamp;
    r.save();
    a.referralCode = code;
  }
  a.save();
  const m = Merchant.load(account);
  if (m !== null) {
    m.referralCode = a.referralCode;
    saveMerchant(m, event);
  }
}

export function handleRegistryMerchantRegistered(event: MerchantRegistered): void {
  const p = loadProtocol(event);
  registry(p, event);
  ensureAccount(p, event.params.merchant, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.payout = event.params.payout;
  m.refundWindow = BigInt.fromI32(event.params.refundWindow);
  m.active = true;
  m.registeredAt = event.block.timestamp;
  saveMerchant(m, event);
  const payfi = ensurePayFi();
  payfi.merchantCount = payfi.merchantCount + 1;
  payfi.save();
  p.merchantCount = p.merchantCount + 1;
  saveProtocol(p, event);
}

export function handleRegistryPayoutSet(event: PayoutSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.payout = event.params.payout;
  saveMerchant(m, event);
  saveProtocol(p, event);
}

export function handleRegistryRefundWindowSet(event: RefundWindowSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.refundWindow = BigInt.fromI32(event.params.refundWindow);
  saveMerchant(m, event);
  saveProtocol(p, event);
}

export function handleRegistryOperatorSet(event: OperatorSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  ensureAccount(p, event.params.operator, event);
  const id = event.params.merchant.toHexString() + '-' + event.params.operator.toHexString();
  let o = MerchantOperator.load(id);
  if (o === null) {
    o = new MerchantOperator(id);
    o.merchant = event.params.merchant;
    o.operator = event.params.operator;
  }
  o.allowed = event.params.allowed;
  o.save();
  saveProtocol(p, event);
}

export function handleRegistryReferralCodeSet(event: ReferralCodeSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  setReferralCode(event.params.account, event.params.code, event, p);
  saveProtocol(p, event);
}

export function handleRegistryFeeTierSet(event: FeeTierSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.feeTier = event.params.tier;
  saveMerchant(m, event);
  governanceEvent(event, 'FeeTierSet', event.params.merchant, 'tier=' + event.params.tier.toString());
  saveProtocol(p, event);
}

export function handleRegistrySuspensionSet(event: SuspensionSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.adminSuspended = event.params.adminSuspended;
  m.complianceSuspended = event.params.complianceSuspended;
  m.active = !event.params.adminSuspended && !event.params.complianceSuspended;
  saveMerchant(m, event);
  governanceEvent(
    event,
    'SuspensionSet',
    event.params.merchant,
    'adminSuspended=' +
      (event.params.adminSuspended ? 'true' : 'false') +
      ' complianceSuspended=' +
      (event.params.complianceSuspended ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleRegistryLoyaltyProgramCreated(event: LoyaltyProgramCreated): void {
  const p = loadProtocol(event);
  registry(p, event);
  const program = event.params.program;
  // index the clone from now on (its initialize events of this block are processed right after this handler)
  LoyaltyPointsTemplate.create(program);
  registerContract(p, program, 'LoyaltyPoints', LOYALTY);
  let l = LoyaltyProgram.load(program);
  if (l === null)
    l = newProgram(program, event.params.merchant, event.params.name, event.params.symbol, event);
  l.merchant = event.params.merchant;
  l.name = event.params.name;
  l.symbol = event.params.symbol;
  l.earnRateBps = event.params.earnRateBps;
  l.pointValue = event.params.pointValue;
  l.expiresAt = event.params.expiresAt;
  l.save();
  const m = ensureMerchant(event.params.merchant, event);
  m.loyaltyProgram = program;
  m.earnRateBps = event.params.earnRateBps;
  saveMerchant(m, event);
  p.loyaltyProgramCount = p.loyaltyProgramCount + 1;
  saveProtocol(p, event);
}

export function handleRegistryEarnRateSet(event: EarnRateSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.earnRateBps = event.params.earnRateBps;
  saveMerchant(m, event);
  const programId = m.loyaltyProgram;
  if (programId !== null) {
    const l = LoyaltyProgram.load(programId);
    if (l !== null) {
      l.earnRateBps = event.params.earnRateBps;
      l.save();
    }
  }
  saveProtocol(p, event);
}

export function handleRegistryMerchantPolicySet(event: MerchantPolicySet): void {
  const p = loadProtocol(event);
  registry(p, event);
  const payfi = ensurePayFi();
  payfi.merchantPolicy = event.params.policyId;
  payfi.save();
  governanceEvent(event, 'MerchantPolicySet', null, 'policyId=' + event.params.policyId.toHexString());
  saveProtocol(p, event);
}

export function handleRegistryProcessorSet(event: ProcessorSet): void {
  const p = loadProtocol(event);
  registry(p, event);
  registerContract(p, event.params.processor, 'PaymentProcessor', PAYMENTS);
  const payfi = ensurePayFi();
  payfi.processor = event.params.processor;
  payfi.save();
  governanceEvent(event, 'ProcessorSet', event.params.processor, '');
  saveProtocol(p, event);
}
