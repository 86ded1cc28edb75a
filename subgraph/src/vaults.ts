// The ERC-4626 side of the SavingsVault (spUSD) and of the AdvancePool (papUSD): shares, deposits and withdrawals,
// idle and deployed pUSD, vesting, and the SavingsVault's allocations, queues and fees.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  AccrueFee,
  Allocated,
  Deallocated,
  Deposit,
  IncomeDistributed,
  SavingsVault as SavingsVaultContract,
  SetCap,
  SetFeeRecipient,
  SetPerformanceFee,
  SetSupplyQueue,
  SetVestingPeriod,
  SetWithdrawQueue,
  Transfer,
  Withdraw,
} from '../generated/SavingsVault/SavingsVault';
import {
  Market,
  Protocol,
  Token,
  Vault,
  VaultAction,
  VaultAllocation,
  VaultFeeAccrual,
  VaultIncome,
  VaultReallocation,
} from '../generated/schema';
import {
  applyTransfer,
  ensureAccount,
  ensureToken,
  eventId,
  governanceEvent,
  loadProtocol,
  pairId,
  saveProtocol,
  SAVINGS,
  touchContract,
  zero,
} from './common';

/** The vault of `address`; its share token is created on first sight (name and symbol read once). */
export function ensureVault(address: Bytes, kind: string): Vault {
  let v = Vault.load(address);
  if (v === null) {
    v = new Vault(address);
    v.kind = kind;
    const tokenKind = kind == 'SAVINGS' ? 'SAVINGS_SHARE' : 'ADVANCE_POOL_SHARE';
    // both vaults are OpenZeppelin ERC4626: the SavingsVault binding reads either one's metadata
    const contract = SavingsVaultContract.bind(Address.fromBytes(address));
    const name = contract.try_name();
    const symbol = contract.try_symbol();
    const decimals = contract.try_decimals();
    const token = ensureToken(
      address,
      tokenKind,
      name.reverted ? '' : name.value,
      symbol.reverted ? '' : symbol.value,
      decimals.reverted ? 24 : decimals.value,
    );
    v.token = token.id;
    v.totalShares = zero();
    v.idle = zero();
    v.deployed = zero();
    v.totalAssets = zero();
    v.deposited = zero();
    v.withdrawn = zero();
    v.incomeDistributed = zero();
    v.feeShares = zero();
    v.supplyQueue = [];
    v.withdrawQueue = [];
    v.depositorCount = 0;
  }
  return v as Vault;
}

/** Income (SavingsVault) or fees (AdvancePool) still vesting at `now`, rounded up as the vaults do. */
export function unvested(v: Vault, now: BigInt): BigInt {
  const amount = v.vestingAmount;
  const start = v.vestingStart;
  const end = v.vestingEnd;
  if (amount === null || start === null || end === null) return zero();
  if (now.ge(end) || end.le(start)) return zero();
  const num = amount.times(end.minus(now));
  const den = end.minus(start);
  return num.plus(den).minus(BigInt.fromI32(1)).div(den);
}

/** The SavingsVault's supply in its markets, valued with each market's totals (rounded down, as the hub). */
function valueAllocations(v: Vault): BigInt {
  let total = zero();
  const allocations = v.allocations.load();
  for (let i = 0; i < allocations.length; i++) {
    const a = allocations[i];
    if (a.supplyShares.isZero()) continue;
    const m = Market.load(a.market);
    if (m === null) continue;
    total = total.plus(
      a.supplyShares
        .times(m.totalSupplyAssets.plus(BigInt.fromI32(1)))
        .div(m.totalSupplyShares.plus(BigInt.fromI32(1000000))),
    );
  }
  return total;
}

/** Recomputes the vault's totals at this event and saves it. */
export function saveVault(v: Vault, event: ethereum.Event): void {
  const token = Token.load(v.token);
  if (token !== null) {
    v.totalShares = token.totalSupply;
    v.depositorCount = token.holderCount;
  }
  if (v.kind == 'SAVINGS') v.deployed = valueAllocations(v);
  let total = v.idle.plus(v.deployed).minus(unvested(v, event.block.timestamp));
  if (total.lt(zero())) total = zero();
  v.totalAssets = total;
  v.save();
}

export function vaultTransfer(
  p: Protocol,
  v: Vault,
  event: ethereum.Event,
  from: Address,
  to: Address,
  value: BigInt,
): void {
  const token = Token.load(v.token);
  if (token === null) return;
  applyTransfer(p, token as Token, event, from, to, value);
}

export function vaultAction(
  p: Protocol,
  v: Vault,
  event: ethereum.Event,
  kind: string,
  sender: Bytes,
  owner: Bytes,
  receiver: Bytes,
  assets: BigInt,
  shares: BigInt,
): void {
  ensureAccount(p, owner, event);
  const a = new VaultAction(eventId(event));
  a.vault = v.id;
  a.kind = kind;
  a.sender = sender;
  a.owner = owner;
  a.receiver = receiver;
  a.assets = assets;
  a.shares = shares;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
  if (kind == 'DEPOSIT') v.deposited = v.deposited.plus(assets);
  else v.withdrawn = v.withdrawn.plus(assets);
}

// ─────────────────────────────────────────────────────────────── SavingsVault

function savings(p: Protocol, event: ethereum.Event): Vault {
  touchContract(p, event, 'SavingsVault', SAVINGS);
  return ensureVault(event.address, 'SAVINGS');
}

export function handleSavingsTransfer(event: Transfer): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  vaultTransfer(p, v, event, event.params.from, event.params.to, event.params.value);
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleSavingsDeposit(event: Deposit): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.idle = v.idle.plus(event.params.assets);
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

export function handleSavingsWithdraw(event: Withdraw): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.idle = v.idle.minus(event.params.assets);
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

export function handleSavingsAccrueFee(event: AccrueFee): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.feeShares = v.feeShares.plus(event.params.feeShares);
  v.lastTotalAssets = event.params.totalAssets;
  const f = new VaultFeeAccrual(eventId(event));
  f.vault = v.id;
  f.totalAssets = event.params.totalAssets;
  f.feeShares = event.params.feeShares;
  f.blockNumber = event.block.number;
  f.timestamp = event.block.timestamp;
  f.transactionHash = event.transaction.hash;
  f.save();
  saveVault(v, event);
  saveProtocol(p, event);
}

function ensureAllocation(v: Vault, market: Bytes): VaultAllocation {
  const id = pairId(v.id, market);
  let a = VaultAllocation.load(id);
  if (a === null) {
    a = new VaultAllocation(id);
    a.vault = v.id;
    a.market = market;
    a.cap = zero();
    a.enabled = false;
    a.supplyShares = zero();
    a.principal = zero();
  }
  return a as VaultAllocation;
}

export function handleSavingsSetCap(event: SetCap): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  const a = ensureAllocation(v, event.params.id);
  a.cap = event.params.cap;
  if (!event.params.cap.isZero()) a.enabled = true;
  a.save();
  // a first cap appends the market to the withdraw queue
  const queue = v.withdrawQueue;
  let listed = false;
  for (let i = 0; i < queue.length; i++) if (queue[i].equals(event.params.id)) listed = true;
  if (a.enabled && !listed) {
    queue.push(event.params.id);
    v.withdrawQueue = queue;
  }
  saveVault(v, event);
  governanceEvent(
    event,
    'SetCap',
    event.params.caller,
    'id=' + event.params.id.toHexString() + ' cap=' + event.params.cap.toString(),
  );
  saveProtocol(p, event);
}

function queueText(queue: Bytes[]): string {
  const ids = new Array<string>();
  for (let i = 0; i < queue.length; i++) ids.push(queue[i].toHexString());
  return ids.join(',');
}

export function handleSavingsSetSupplyQueue(event: SetSupplyQueue): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.supplyQueue = event.params.queue;
  saveVault(v, event);
  governanceEvent(event, 'SetSupplyQueue', event.params.caller, 'queue=' + queueText(event.params.queue));
  saveProtocol(p, event);
}

export function handleSavingsSetWithdrawQueue(event: SetWithdrawQueue): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  const queue = event.params.queue;
  // markets left out of the withdraw queue are disabled
  const allocations = v.allocations.load();
  for (let i = 0; i < allocations.length; i++) {
    const a = allocations[i];
    let listed = false;
    for (let j = 0; j < queue.length; j++) if (queue[j].equals(a.market)) listed = true;
    if (!listed && a.enabled) {
      a.enabled = false;
      a.save();
    }
  }
  v.withdrawQueue = queue;
  saveVault(v, event);
  governanceEvent(event, 'SetWithdrawQueue', event.params.caller, 'queue=' + queueText(queue));
  saveProtocol(p, event);
}

function reallocation(
  event: ethereum.Event,
  kind: string,
  market: Bytes,
  assets: BigInt,
  shares: BigInt,
): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  const a = ensureAllocation(v, market);
  if (kind == 'ALLOCATED') {
    v.idle = v.idle.minus(assets);
    a.supplyShares = a.supplyShares.plus(shares);
    a.principal = a.principal.plus(assets);
  } else {
    v.idle = v.idle.plus(assets);
    a.supplyShares = a.supplyShares.minus(shares);
    a.principal = a.principal.minus(assets);
  }
  a.save();
  const r = new VaultReallocation(eventId(event));
  r.vault = v.id;
  r.kind = kind;
  r.market = market;
  r.assets = assets;
  r.shares = shares;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleSavingsAllocated(event: Allocated): void {
  reallocation(event, 'ALLOCATED', event.params.id, event.params.assets, event.params.shares);
}

export function handleSavingsDeallocated(event: Deallocated): void {
  reallocation(event, 'DEALLOCATED', event.params.id, event.params.assets, event.params.shares);
}

export function handleSavingsIncomeDistributed(event: IncomeDistributed): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  ensureAccount(p, event.params.source, event);
  v.idle = v.idle.plus(event.params.amount);
  v.incomeDistributed = v.incomeDistributed.plus(event.params.amount);
  v.vestingAmount = event.params.vestingAmount;
  v.vestingStart = event.block.timestamp;
  v.vestingEnd = event.params.vestingEnd;
  const i = new VaultIncome(eventId(event));
  i.vault = v.id;
  i.source = event.params.source;
  i.amount = event.params.amount;
  i.vestingAmount = event.params.vestingAmount;
  i.vestingEnd = event.params.vestingEnd;
  i.blockNumber = event.block.number;
  i.timestamp = event.block.timestamp;
  i.transactionHash = event.transaction.hash;
  i.save();
  saveVault(v, event);
  saveProtocol(p, event);
}

export function handleSavingsSetPerformanceFee(event: SetPerformanceFee): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.performanceFee = event.params.fee;
  saveVault(v, event);
  governanceEvent(event, 'SetPerformanceFee', null, 'fee=' + event.params.fee.toString());
  saveProtocol(p, event);
}

export function handleSavingsSetFeeRecipient(event: SetFeeRecipient): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.feeRecipient = event.params.feeRecipient;
  saveVault(v, event);
  governanceEvent(event, 'SetFeeRecipient', event.params.feeRecipient, '');
  saveProtocol(p, event);
}

export function handleSavingsSetVestingPeriod(event: SetVestingPeriod): void {
  const p = loadProtocol(event);
  const v = savings(p, event);
  v.vestingPeriod = event.params.period;
  saveVault(v, event);
  governanceEvent(event, 'SetVestingPeriod', null, 'period=' + event.params.period.toString());
  saveProtocol(p, event);
}
