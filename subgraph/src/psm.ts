// PegStabilityModule: swaps, fees, ceiling, reserves (USDC held, counted in value locked as pUSD 1:1).
import { BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import { BuyGem, DebtCeilingSet, FeesSet, SellGem } from '../generated/PegStabilityModule/PegStabilityModule';
import { Psm, PsmSwap } from '../generated/schema';
import {
  ensureAccount,
  eventId,
  governanceEvent,
  loadProtocol,
  pow10,
  protocolDay,
  protocolHour,
  PSM,
  saveProtocol,
  touchContract,
  zero,
} from './common';
import { stablecoinDay } from './pusd';

function ensurePsm(address: Bytes): Psm {
  let psm = Psm.load(address);
  if (psm === null) {
    psm = new Psm(address);
    psm.tinBps = 0;
    psm.toutBps = 0;
    psm.debtCeiling = zero();
    psm.minted = zero();
    psm.reserves = zero();
    psm.paused = false;
    psm.sellVolume = zero();
    psm.buyVolume = zero();
    psm.fees = zero();
    psm.swapCount = 0;
  }
  return psm as Psm;
}

function swap(
  event: ethereum.Event,
  kind: string,
  owner: Bytes,
  to: Bytes,
  gemAmount: BigInt,
  pusdAmount: BigInt,
  fee: BigInt,
): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PegStabilityModule', PSM);
  ensureAccount(p, owner, event);
  const psm = ensurePsm(event.address);
  // each gem unit mints (sell) or burns (buy) exactly 10^12 pUSD wei (fees included)
  const scaled = gemAmount.times(pow10(12));
  const sell = kind == 'SELL_GEM';
  if (sell) {
    psm.reserves = psm.reserves.plus(gemAmount);
    psm.minted = psm.minted.plus(scaled);
    psm.sellVolume = psm.sellVolume.plus(gemAmount);
    p.psmSellVolume = p.psmSellVolume.plus(gemAmount);
    p.tvlPsm = p.tvlPsm.plus(scaled);
  } else {
    psm.reserves = psm.reserves.minus(gemAmount);
    psm.minted = psm.minted.minus(scaled);
    psm.buyVolume = psm.buyVolume.plus(gemAmount);
    p.psmBuyVolume = p.psmBuyVolume.plus(gemAmount);
    p.tvlPsm = p.tvlPsm.minus(scaled);
  }
  psm.fees = psm.fees.plus(fee);
  psm.swapCount = psm.swapCount + 1;
  psm.save();
  p.psmReserves = psm.reserves;
  p.psmMinted = psm.minted;
  p.psmFees = p.psmFees.plus(fee);

  const s = new PsmSwap(eventId(event));
  s.psm = psm.id;
  s.kind = kind;
  s.owner = owner;
  s.to = to;
  s.gemAmount = gemAmount;
  s.pusdAmount = pusdAmount;
  s.fee = fee;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();

  const pusd = p.pusd;
  if (pusd !== null) {
    const day = stablecoinDay(pusd, event);
    day.psmReserves = psm.reserves;
    if (sell) day.psmSellVolume = day.psmSellVolume.plus(gemAmount);
    else day.psmBuyVolume = day.psmBuyVolume.plus(gemAmount);
    day.psmFees = day.psmFees.plus(fee);
    day.save();
  }
  const d = protocolDay(event);
  d.dailyPsmVolume = d.dailyPsmVolume.plus(gemAmount);
  d.save();
  const h = protocolHour(event);
  h.hourlyPsmVolume = h.hourlyPsmVolume.plus(gemAmount);
  h.save();
  saveProtocol(p, event);
}

export function handlePsmSellGem(event: SellGem): void {
  swap(
    event,
    'SELL_GEM',
    event.params.owner,
    event.params.to,
    event.params.gemAmount,
    event.params.pusdOut,
    event.params.fee,
  );
}

export function handlePsmBuyGem(event: BuyGem): void {
  swap(
    event,
    'BUY_GEM',
    event.params.owner,
    event.params.to,
    event.params.gemAmount,
    event.params.pusdIn,
    event.params.fee,
  );
}

export function handlePsmFeesSet(event: FeesSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PegStabilityModule', PSM);
  const psm = ensurePsm(event.address);
  psm.tinBps = event.params.tin;
  psm.toutBps = event.params.tout;
  psm.save();
  governanceEvent(
    event,
    'FeesSet',
    null,
    'tin=' + event.params.tin.toString() + ' tout=' + event.params.tout.toString(),
  );
  saveProtocol(p, event);
}

export function handlePsmDebtCeilingSet(event: DebtCeilingSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'PegStabilityModule', PSM);
  const psm = ensurePsm(event.address);
  psm.debtCeiling = event.params.debtCeiling;
  psm.save();
  governanceEvent(event, 'DebtCeilingSet', null, 'debtCeiling=' + event.params.debtCeiling.toString());
  saveProtocol(p, event);
}
