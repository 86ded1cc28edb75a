// AdvancePool: the ERC-4626 pool of pUSD (papUSD shares, deposits, withdrawals), advances drawn by merchants,
// losses, credit parameters.
import { BigInt, ethereum } from '@graphprotocol/graph-ts';
import {
  Advanced,
  Deposit,
  LossRecorded,
  PoolParametersSet,
  Transfer,
  Withdraw,
} from '../generated/AdvancePool/AdvancePool';
import { Advance, AdvanceEvent, Protocol, Vault } from '../generated/schema';
import {
  ADVANCES,
  balanceOf,
  ensureAccount,
  eventId,
  governanceEvent,
  loadProtocol,
  saveProtocol,
  touchContract,
} from './common';
import { ensureAdvancePool, ensureMerchant } from './payfi';
import { ensureVault, saveVault, vaultAction, vaultTransfer } from './vaults';

function pool(p: Protocol, event: ethereum.Event): Vault {
  touchContract(p, event, 'AdvancePool', ADVANCES);
  const v = ensureVault(event.address, 'ADVANCE');
  refresh(p, v);
  return v;
}

/** The pool's idle pUSD is its balance; its deployed pUSD the advances outstanding. */
function refresh(p: Protocol, v: Vault): void {
  const pusd = p.pusd;
  if (pusd !== null) v.idle = balanceOf(pusd, v.id);
  const ledger = ensureAdvancePool(v.id);
  v.deployed = ledger.outstanding;
}

export function handleAdvancePoolTransfer(event: Transfer): void {
  const p = loadProtocol(event);
  const v = pool(p, event);
  vaultTransfer(p, v, event, event.params.from, event.params.to, event.params.value);
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleAdvancePoolDeposit(event: Deposit): void {
  const p = loadProtocol(event);
  const v = pool(p, event);
  vaultAction(
    p,
    v,
    event,
    'DEPOSIT',
    event.params.sender,
    event.params.owner,
    event.params.owner,
    event.params.assets,
    event.params.shares,
  );
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleAdvancePoolWithdraw(event: Withdraw): void {
  const p = loadProtocol(event);
  const v = pool(p, event);
  vaultAction(
    p,
    v,
    event,
    'WITHDRAW',
    event.params.sender,
    event.params.owner,
    event.params.receiver,
    event.params.assets,
    event.params.shares,
  );
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleAdvancePoolAdvanced(event: Advanced): void {
  const p = loadProtocol(event);
  const v = pool(p, event);
  ensureAccount(p, event.params.merchant, event);
  const ledger = ensureAdvancePool(event.address);
  ledger.outstanding = ledger.outstanding.plus(event.params.amount);
  ledger.advanced = ledger.advanced.plus(event.params.amount);
  ledger.fees = ledger.fees.plus(event.params.fee);
  ledger.advanceCount = ledger.advanceCount + 1;
  ledger.save();
  // the fee vests over VESTING_PERIOD (7 days), merged with what had not vested
  const period = BigInt.fromI32(7 * 86400);
  const now = event.block.timestamp;
  let pendingAmount = BigInt.zero();
  const amount = v.vestingAmount;
  const start = v.vestingStart;
  if (amount !== null && start !== null && now.minus(start).lt(period)) {
    pendingAmount = amount.times(period.minus(now.minus(start))).div(period);
  }
  v.vestingAmount = pendingAmount.plus(event.params.fee);
  v.vestingStart = now;
  v.vestingEnd = now.plus(period);
  refresh(p, v);
  saveVault(v, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.save();
  const a = new Advance(eventId(event));
  a.merchant = m.id;
  a.to = event.params.to;
  a.amount = event.params.amount;
  a.fee = event.params.fee;
  a.debtAfter = event.params.debt;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
  saveProtocol(p, event);
}

export function handleAdvancePoolLossRecorded(event: LossRecorded): void {
  const p = loadProtocol(event);
  const v = pool(p, event);
  const ledger = ensureAdvancePool(event.address);
  ledger.outstanding = ledger.outstanding.minus(event.params.amount);
  ledger.writtenOff = ledger.writtenOff.plus(event.params.amount);
  ledger.save();
  refresh(p, v);
  saveVault(v, event);
  const m = ensureMerchant(event.params.merchant, event);
  m.save();
  const e = new AdvanceEvent(eventId(event));
  e.merchant = m.id;
  e.kind = 'LOSS_RECORDED';
  e.amount = event.params.amount;
  e.caller = event.params.caller;
  e.blockNumber = event.block.number;
  e.timestamp = event.block.timestamp;
  e.transactionHash = event.transaction.hash;
  e.save();
  saveProtocol(p, event);
}

export function handleAdvancePoolPoolParametersSet(event: PoolParametersSet): void {
  const p = loadProtocol(event);
  pool(p, event);
  const ledger = ensureAdvancePool(event.address);
  ledger.minCreditScore = event.params.minCreditScore;
  ledger.minAdvanceRateBps = event.params.minAdvanceRateBps;
  ledger.maxAdvanceRateBps = event.params.maxAdvanceRateBps;
  ledger.discountFeeBps = event.params.discountFeeBps;
  ledger.maxDebtPerMerchant = event.params.maxDebtPerMerchant;
  ledger.save();
  governanceEvent(
    event,
    'PoolParametersSet',
    null,
    'minCreditScore=' +
      event.params.minCreditScore.toString() +
      ' minAdvanceRateBps=' +
      event.params.minAdvanceRateBps.toString() +
      ' maxAdvanceRateBps=' +
      event.params.maxAdvanceRateBps.toString() +
      ' discountFeeBps=' +
      event.params.discountFeeBps.toString() +
      ' maxDebtPerMerchant=' +
      event.params.maxDebtPerMerchant.toString(),
  );
  saveProtocol(p, event);
}
