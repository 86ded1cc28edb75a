// RwaShareToken (one data source per asset of the address book): holders and balances, income deposits and
// streams, claims, forced transfers.
import { ethereum } from '@graphprotocol/graph-ts';
import {
  ForcedTransfer as ForcedTransferEvent,
  IncomeClaimed,
  IncomeDeposited,
  StreamDurationSet,
  Transfer,
} from '../generated/RwaShareToken/RwaShareToken';
import { ForcedTransfer, IncomeClaim, IncomeDeposit, Protocol, RwaAsset } from '../generated/schema';
import { ensureAsset } from './assets';
import {
  applyTransfer,
  ensureAccount,
  ensureToken,
  eventId,
  governanceEvent,
  loadProtocol,
  RWA,
  saveProtocol,
  touchContract,
} from './common';

function asset(p: Protocol, event: ethereum.Event): RwaAsset {
  touchContract(p, event, 'RwaShareToken', RWA);
  const a = ensureAsset(event.address);
  if (a.token === null) {
    ensureToken(event.address, 'RWA_SHARE', a.name, a.symbol, 18);
    a.token = event.address;
    a.save();
  }
  return a;
}

export function handleRwaTransfer(event: Transfer): void {
  const p = loadProtocol(event);
  asset(p, event);
  const token = ensureToken(event.address, 'RWA_SHARE', '', '', 18);
  applyTransfer(p, token, event, event.params.from, event.params.to, event.params.value);
  saveProtocol(p, event);
}

export function handleRwaIncomeDeposited(event: IncomeDeposited): void {
  const p = loadProtocol(event);
  const a = asset(p, event);
  ensureAccount(p, event.params.distributor, event);
  a.incomeDeposited = a.incomeDeposited.plus(event.params.amount);
  a.ratePerSecond = event.params.ratePerSecond;
  a.periodFinish = event.params.periodFinish;
  a.save();
  const d = new IncomeDeposit(eventId(event));
  d.asset = a.id;
  d.distributor = event.params.distributor;
  d.amount = event.params.amount;
  d.restreamed = event.params.restreamed;
  d.ratePerSecond = event.params.ratePerSecond;
  d.periodFinish = event.params.periodFinish;
  d.blockNumber = event.block.number;
  d.timestamp = event.block.timestamp;
  d.transactionHash = event.transaction.hash;
  d.save();
  saveProtocol(p, event);
}

export function handleRwaIncomeClaimed(event: IncomeClaimed): void {
  const p = loadProtocol(event);
  const a = asset(p, event);
  ensureAccount(p, event.params.account, event);
  a.incomeClaimed = a.incomeClaimed.plus(event.params.amount);
  a.save();
  const c = new IncomeClaim(eventId(event));
  c.asset = a.id;
  c.account = event.params.account;
  c.to = event.params.to;
  c.amount = event.params.amount;
  c.blockNumber = event.block.number;
  c.timestamp = event.block.timestamp;
  c.transactionHash = event.transaction.hash;
  c.save();
  saveProtocol(p, event);
}

export function handleRwaForcedTransfer(event: ForcedTransferEvent): void {
  const p = loadProtocol(event);
  const a = asset(p, event);
  const f = new ForcedTransfer(eventId(event));
  f.asset = a.id;
  f.from = event.params.from;
  f.to = event.params.to;
  f.amount = event.params.amount;
  f.issuer = event.params.issuer;
  f.orderRef = event.params.orderRef;
  f.blockNumber = event.block.number;
  f.timestamp = event.block.timestamp;
  f.transactionHash = event.transaction.hash;
  f.save();
  saveProtocol(p, event);
}

export function handleRwaStreamDurationSet(event: StreamDurationSet): void {
  const p = loadProtocol(event);
  const a = asset(p, event);
  a.streamDuration = event.params.duration;
  a.save();
  governanceEvent(event, 'StreamDurationSet', null, 'duration=' + event.params.duration.toString());
  saveProtocol(p, event);
}
