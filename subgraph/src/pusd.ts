// PlazaUSD (pUSD): supply, holders, balances, minters, mints and burns, EIP-3009 nonces, the mirrored blocklist,
// value locked per module (pUSD held by Plaza contracts) and the daily supply series.
import { Address, BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  AuthorizationCanceled,
  AuthorizationUsed,
  Blocked,
  BlocklisterChanged,
  Burn as BurnEvent,
  MasterMinterChanged,
  Mint as MintEvent,
  MinterConfigured,
  MinterRemoved,
  PauserChanged,
  RescuerChanged,
  Transfer,
  Unblocked,
} from '../generated/PlazaUSD/PlazaUSD';
import {
  BlocklistChange,
  Burn,
  Contract,
  Mint,
  Minter,
  Protocol,
  StablecoinDailySnapshot,
  Token,
  TransferAuthorization,
} from '../generated/schema';
import {
  addModuleValue,
  applyTransfer,
  dayOf,
  ensureAccount,
  ensureToken,
  eventId,
  governanceEvent,
  loadProtocol,
  protocolDay,
  protocolHour,
  saveProtocol,
  STABLECOIN,
  touchContract,
  zero,
} from './common';

/** type(uint256).max: an unlimited minter allowance. */
function unlimited(): BigInt {
  return BigInt.fromString('115792089237316195423570985008687907853269984665640564039457584007913129639935');
}

function pusdToken(p: Protocol, event: ethereum.Event): Token {
  if (p.pusd === null) p.pusd = event.address;
  return ensureToken(event.address, 'PUSD', 'Plaza USD', 'pUSD', 18);
}

/** The pUSD daily snapshot (`<pUSD>-<day>`), with the day's flows starting at zero. */
export function stablecoinDay(token: Bytes, event: ethereum.Event): StablecoinDailySnapshot {
  const day = dayOf(event.block.timestamp);
  const id = token.toHexString() + '-' + day.toString();
  let s = StablecoinDailySnapshot.load(id);
  if (s === null) {
    s = new StablecoinDailySnapshot(id);
    s.day = day;
    s.token = token;
    const p = Protocol.load('plaza');
    if (p !== null) {
      s.supply = p.pusdSupply;
      s.holders = p.pusdHolders;
      s.psmReserves = p.psmReserves;
    } else {
      s.supply = zero();
      s.holders = 0;
      s.psmReserves = zero();
    }
    s.minted = zero();
    s.burned = zero();
    s.mintCount = 0;
    s.burnCount = 0;
    s.transferCount = 0;
    s.transferVolume = zero();
    s.psmSellVolume = zero();
    s.psmBuyVolume = zero();
    s.psmFees = zero();
  }
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  return s as StablecoinDailySnapshot;
}

function moduleOf(address: Address): string {
  const c = Contract.load(address);
  if (c === null) return '';
  const module = c.module;
  if (module === null) return '';
  return module;
}

export function handlePusdTransfer(event: Transfer): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  const token = pusdToken(p, event);
  const from = event.params.from;
  const to = event.params.to;
  const value = event.params.value;
  p.pusdHolders = p.pusdHolders + applyTransfer(p, token, event, from, to, value);
  p.pusdSupply = token.totalSupply;

  // value locked: pUSD held by Plaza contracts, per module
  const fromModule = moduleOf(from);
  if (fromModule.length > 0) addModuleValue(p, fromModule, value.neg());
  const toModule = moduleOf(to);
  if (toModule.length > 0) addModuleValue(p, toModule, value);

  const s = stablecoinDay(event.address, event);
  s.supply = token.totalSupply;
  s.holders = p.pusdHolders;
  s.psmReserves = p.psmReserves;
  if (!from.equals(Address.zero()) && !to.equals(Address.zero())) {
    s.transferCount = s.transferCount + 1;
    s.transferVolume = s.transferVolume.plus(value);
  }
  s.save();
  saveProtocol(p, event);
}

function ensureMinter(address: Bytes): Minter {
  let m = Minter.load(address);
  if (m === null) {
    m = new Minter(address);
    m.active = false;
    m.unlimited = false;
    m.minted = zero();
    m.burned = zero();
    m.mintCount = 0;
    m.burnCount = 0;
  }
  return m as Minter;
}

export function handlePusdMint(event: MintEvent): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  pusdToken(p, event);
  const m = ensureMinter(event.params.minter);
  m.minted = m.minted.plus(event.params.amount);
  m.mintCount = m.mintCount + 1;
  const allowance = m.allowance;
  if (!m.unlimited && allowance !== null) m.allowance = allowance.minus(event.params.amount);
  m.save();
  ensureAccount(p, event.params.to, event);

  const e = new Mint(eventId(event));
  e.minter = m.id;
  e.to = event.params.to;
  e.amount = event.params.amount;
  e.blockNumber = event.block.number;
  e.timestamp = event.block.timestamp;
  e.transactionHash = event.transaction.hash;
  e.save();

  p.pusdMinted = p.pusdMinted.plus(event.params.amount);
  const s = stablecoinDay(event.address, event);
  s.minted = s.minted.plus(event.params.amount);
  s.mintCount = s.mintCount + 1;
  s.save();
  const d = protocolDay(event);
  d.dailyPusdMinted = d.dailyPusdMinted.plus(event.params.amount);
  d.save();
  const h = protocolHour(event);
  h.hourlyPusdMinted = h.hourlyPusdMinted.plus(event.params.amount);
  h.save();
  saveProtocol(p, event);
}

export function handlePusdBurn(event: BurnEvent): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  pusdToken(p, event);
  const m = ensureMinter(event.params.burner);
  m.burned = m.burned.plus(event.params.amount);
  m.burnCount = m.burnCount + 1;
  m.save();

  const e = new Burn(eventId(event));
  e.burner = m.id;
  e.from = event.params.from;
  e.amount = event.params.amount;
  e.blockNumber = event.block.number;
  e.timestamp = event.block.timestamp;
  e.transactionHash = event.transaction.hash;
  e.save();

  p.pusdBurned = p.pusdBurned.plus(event.params.amount);
  const s = stablecoinDay(event.address, event);
  s.burned = s.burned.plus(event.params.amount);
  s.burnCount = s.burnCount + 1;
  s.save();
  const d = protocolDay(event);
  d.dailyPusdBurned = d.dailyPusdBurned.plus(event.params.amount);
  d.save();
  const h = protocolHour(event);
  h.hourlyPusdBurned = h.hourlyPusdBurned.plus(event.params.amount);
  h.save();
  saveProtocol(p, event);
}

export function handlePusdMinterConfigured(event: MinterConfigured): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  const m = ensureMinter(event.params.minter);
  m.active = true;
  if (event.params.allowance.equals(unlimited())) {
    m.unlimited = true;
    m.allowance = null;
  } else {
    m.unlimited = false;
    m.allowance = event.params.allowance;
  }
  m.save();
  governanceEvent(
    event,
    'MinterConfigured',
    event.params.minter,
    'allowance=' + event.params.allowance.toString(),
  );
  saveProtocol(p, event);
}

export function handlePusdMinterRemoved(event: MinterRemoved): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  const m = ensureMinter(event.params.minter);
  m.active = false;
  m.unlimited = false;
  m.allowance = zero();
  m.save();
  governanceEvent(event, 'MinterRemoved', event.params.minter, '');
  saveProtocol(p, event);
}

function roleChange(event: ethereum.Event, name: string, previous: Address, next: Address): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  governanceEvent(event, name, next, 'previous=' + previous.toHexString());
  saveProtocol(p, event);
}

export function handlePusdMasterMinterChanged(event: MasterMinterChanged): void {
  roleChange(event, 'MasterMinterChanged', event.params.previous, event.params.next);
}

export function handlePusdPauserChanged(event: PauserChanged): void {
  roleChange(event, 'PauserChanged', event.params.previous, event.params.next);
}

export function handlePusdBlocklisterChanged(event: BlocklisterChanged): void {
  roleChange(event, 'BlocklisterChanged', event.params.previous, event.params.next);
}

export function handlePusdRescuerChanged(event: RescuerChanged): void {
  roleChange(event, 'RescuerChanged', event.params.previous, event.params.next);
}

function blocklistChange(event: ethereum.Event, account: Address, blocked: boolean): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  ensureAccount(p, account, event);
  const b = new BlocklistChange(eventId(event));
  b.account = account;
  b.blocked = blocked;
  b.source = 'PUSD';
  b.blockNumber = event.block.number;
  b.timestamp = event.block.timestamp;
  b.transactionHash = event.transaction.hash;
  b.save();
  saveProtocol(p, event);
}

export function handlePusdBlocked(event: Blocked): void {
  blocklistChange(event, event.params.account, true);
}

export function handlePusdUnblocked(event: Unblocked): void {
  blocklistChange(event, event.params.account, false);
}

function authorization(event: ethereum.Event, authorizer: Address, nonce: Bytes, state: string): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PlazaUSD', STABLECOIN);
  const a = new TransferAuthorization(authorizer.concat(nonce));
  a.authorizer = authorizer;
  a.nonce = nonce;
  a.state = state;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
  saveProtocol(p, event);
}

export function handlePusdAuthorizationUsed(event: AuthorizationUsed): void {
  authorization(event, event.params.authorizer, event.params.nonce, 'USED');
}

export function handlePusdAuthorizationCanceled(event: AuthorizationCanceled): void {
  authorization(event, event.params.authorizer, event.params.nonce, 'CANCELED');
}
