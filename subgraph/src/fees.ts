// FeeCollector: the recipient set, fees accounted per token, distributions, credits and claims.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  FeesAccounted,
  FeesClaimed,
  FeesCredited,
  FeesDistributed,
  RecipientsSet,
} from '../generated/FeeCollector/FeeCollector';
import { FeeCollector, FeeFlow, FeeRecipient, FeeToken, Protocol } from '../generated/schema';
import {
  eventId,
  FEES,
  governanceEvent,
  loadProtocol,
  pairId,
  protocolDay,
  saveProtocol,
  touchContract,
  zero,
} from './common';

function ensureCollector(address: Bytes): FeeCollector {
  let c = FeeCollector.load(address);
  if (c === null) {
    c = new FeeCollector(address);
    c.recipientCount = 0;
  }
  return c as FeeCollector;
}

function ensureRecipient(collector: Bytes, account: Bytes): FeeRecipient {
  const id = pairId(collector, account);
  let r = FeeRecipient.load(id);
  if (r === null) {
    r = new FeeRecipient(id);
    r.collector = collector;
    r.account = account;
    r.bps = 0;
    r.notify = false;
    r.active = false;
    r.distributed = zero();
    r.credited = zero();
    r.claimed = zero();
  }
  return r as FeeRecipient;
}

function ensureFeeToken(token: Bytes): FeeToken {
  let t = FeeToken.load(token);
  if (t === null) {
    t = new FeeToken(token);
    t.accounted = zero();
    t.distributed = zero();
    t.credited = zero();
    t.claimed = zero();
  }
  return t as FeeToken;
}

function isPusd(p: Protocol, token: Bytes): boolean {
  const pusd = p.pusd;
  return pusd !== null && pusd.equals(token);
}

export function handleFeesRecipientsSet(event: RecipientsSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'FeeCollector', FEES);
  const collector = ensureCollector(event.address);
  // the set is replaced as a whole
  const previous = collector.recipients.load();
  for (let i = 0; i < previous.length; i++) {
    const r = previous[i];
    r.active = false;
    r.save();
  }
  const accounts = event.params.accounts;
  const bps = event.params.bps;
  const notify = event.params.notify;
  const described = new Array<string>();
  for (let i = 0; i < accounts.length; i++) {
    const r = ensureRecipient(collector.id, accounts[i]);
    r.bps = bps[i];
    r.notify = notify[i];
    r.active = true;
    r.save();
    described.push(accounts[i].toHexString() + ':' + bps[i].toString() + (notify[i] ? ':notify' : ''));
  }
  collector.recipientCount = accounts.length;
  collector.save();
  governanceEvent(event, 'RecipientsSet', null, 'recipients=' + described.join(','));
  saveProtocol(p, event);
}

function flow(
  event: ethereum.Event,
  kind: string,
  token: Bytes,
  recipient: Address | null,
  amount: BigInt,
): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'FeeCollector', FEES);
  const t = ensureFeeToken(token);
  const pusd = isPusd(p, token);
  if (kind == 'ACCOUNTED') {
    t.accounted = t.accounted.plus(amount);
    if (pusd) {
      p.protocolFees = p.protocolFees.plus(amount);
      const d = protocolDay(event);
      d.dailyProtocolFees = d.dailyProtocolFees.plus(amount);
      d.save();
    }
  } else if (kind == 'DISTRIBUTED') t.distributed = t.distributed.plus(amount);
  else if (kind == 'CREDITED') t.credited = t.credited.plus(amount);
  else t.claimed = t.claimed.plus(amount);
  t.save();

  const f = new FeeFlow(eventId(event));
  f.kind = kind;
  f.token = token;
  if (recipient !== null) {
    f.recipient = recipient;
    if (pusd) {
      const r = ensureRecipient(ensureCollector(event.address).id, recipient);
      if (kind == 'DISTRIBUTED') r.distributed = r.distributed.plus(amount);
      else if (kind == 'CREDITED') r.credited = r.credited.plus(amount);
      else r.claimed = r.claimed.plus(amount);
      r.save();
    }
  }
  f.amount = amount;
  f.blockNumber = event.block.number;
  f.timestamp = event.block.timestamp;
  f.transactionHash = event.transaction.hash;
  f.save();
  saveProtocol(p, event);
}

export function handleFeesFeesAccounted(event: FeesAccounted): void {
  flow(event, 'ACCOUNTED', event.params.token, null, event.params.amount);
}

export function handleFeesFeesDistributed(event: FeesDistributed): void {
  flow(event, 'DISTRIBUTED', event.params.token, event.params.recipient, event.params.amount);
}

export function handleFeesFeesCredited(event: FeesCredited): void {
  flow(event, 'CREDITED', event.params.token, event.params.recipient, event.params.amount);
}

export function handleFeesFeesClaimed(event: FeesClaimed): void {
  flow(event, 'CLAIMED', event.params.token, event.params.recipient, event.params.amount);
}
