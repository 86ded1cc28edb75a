// RWA assets as the oracle and the lending markets see them: created on first sight by any module, priced by
// their feed, and valued as lending collateral.
import { Address, BigInt, Bytes } from '@graphprotocol/graph-ts';
import { RwaShareToken } from '../generated/NavOracle/RwaShareToken';
import { Protocol, RwaAsset } from '../generated/schema';
import { wad, zero } from './common';

/** The asset of a token address; name and symbol are read once with eth_call (empty if the call reverts). */
export function ensureAsset(token: Bytes): RwaAsset {
  let a = RwaAsset.load(token);
  if (a === null) {
    a = new RwaAsset(token);
    const contract = RwaShareToken.bind(Address.fromBytes(token));
    const name = contract.try_name();
    const symbol = contract.try_symbol();
    if (name.reverted) a.name = '';
    else a.name = name.value;
    if (symbol.reverted) a.symbol = '';
    else a.symbol = symbol.value;
    a.incomeDeposited = zero();
    a.incomeClaimed = zero();
    a.ratePerSecond = zero();
    a.periodFinish = zero();
    a.lendingCollateral = zero();
    a.lendingCollateralValue = zero();
    a.save();
  }
  return a as RwaAsset;
}

/**
 * Re-values the asset's lending collateral at its NAV and moves the difference into the protocol's figures.
 * The caller saves the asset and the protocol.
 */
export function revalueCollateral(p: Protocol, asset: RwaAsset): void {
  let value = zero();
  const nav = asset.nav;
  if (nav !== null) value = asset.lendingCollateral.times(nav).div(wad());
  const delta = value.minus(asset.lendingCollateralValue);
  asset.lendingCollateralValue = value;
  p.lendingCollateralValue = p.lendingCollateralValue.plus(delta);
  p.tvlLending = p.tvlLending.plus(delta);
}

/** Adds `delta` (may be negative) shares to the asset's lending collateral and re-values it. */
export function addLendingCollateral(p: Protocol, token: Bytes, delta: BigInt): void {
  const asset = ensureAsset(token);
  asset.lendingCollateral = asset.lendingCollateral.plus(delta);
  revalueCollateral(p, asset);
  asset.save();
}
