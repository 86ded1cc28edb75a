// The SavingsVault's (spUSD) conversions, fee and vesting math on bigints, rounding like the Solidity
// (contracts/src/lending/SavingsVault.sol, OpenZeppelin Math.mulDiv).
import { SECONDS_PER_YEAR, WAD } from '../lending/math.js';

/**
 * spUSD's decimals: pUSD's 18 plus the vault's decimals offset of 6.
 *
 * @example
 * ```ts
 * import { SPUSD_DECIMALS } from '@plaza/sdk';
 * formatUnits(shares, SPUSD_DECIMALS);
 * ```
 */
export const SPUSD_DECIMALS = 24;
/**
 * The vault's virtual shares (`10^decimalsOffset`).
 *
 * @example
 * ```ts
 * import { VAULT_VIRTUAL_SHARES } from '@plaza/sdk';
 * VAULT_VIRTUAL_SHARES; // 1_000_000n
 * ```
 */
export const VAULT_VIRTUAL_SHARES = 10n ** 6n;

/**
 * What the vault's conversions need: total assets now (interest to now, unvested income excluded), spUSD
 * supply, total assets at the last fee accrual, and the performance fee (WAD).
 *
 * @example
 * ```ts
 * const snapshot = (await plaza.savings.vault()).snapshot;
 * savingsPreviewDeposit(snapshot, parsePusd('100'));
 * ```
 */
export interface VaultSnapshot {
  readonly totalAssets: bigint;
  readonly totalSupply: bigint;
  readonly lastTotalAssets: bigint;
  readonly performanceFee: bigint;
}

/**
 * Income vesting: `amount` vests linearly from `start` to `end` (seconds).
 *
 * @example
 * ```ts
 * import { unvestedIncome, type Vesting } from '@plaza/sdk';
 * const left = unvestedIncome(vesting, now);
 * ```
 */
export interface Vesting {
  readonly amount: bigint;
  readonly start: bigint;
  readonly end: bigint;
}

type Rounding = 'down' | 'up';
const mulDiv = (x: bigint, y: bigint, d: bigint, rounding: Rounding) =>
  rounding === 'up' ? (x * y + d - 1n) / d : (x * y) / d;

/**
 * `assets × (supply + 1e6) / (totalAssets + 1)`, rounded as asked (the vault's `_toShares`).
 *
 * @example
 * ```ts
 * import { vaultToShares } from '@plaza/sdk';
 * vaultToShares(10n ** 18n, 0n, 0n, 'down'); // 10n ** 24n
 * ```
 */
export function vaultToShares(
  assets: bigint,
  supply: bigint,
  totalAssets: bigint,
  rounding: Rounding,
): bigint {
  return mulDiv(assets, supply + VAULT_VIRTUAL_SHARES, totalAssets + 1n, rounding);
}

/**
 * `shares × (totalAssets + 1) / (supply + 1e6)`, rounded as asked (the vault's `_toAssets`).
 *
 * @example
 * ```ts
 * import { vaultToAssets } from '@plaza/sdk';
 * vaultToAssets(10n ** 24n, 0n, 0n, 'down'); // 10n ** 18n
 * ```
 */
export function vaultToAssets(
  shares: bigint,
  supply: bigint,
  totalAssets: bigint,
  rounding: Rounding,
): bigint {
  return mulDiv(shares, totalAssets + 1n, supply + VAULT_VIRTUAL_SHARES, rounding);
}

/**
 * Fee shares an accrual now would mint: `feeAssets = (totalAssets − lastTotalAssets) × fee` (down), minted at
 * `feeAssets × (supply + 1e6) / (totalAssets − feeAssets + 1)` (down); 0 without growth or fee.
 *
 * @example
 * ```ts
 * import { accruedFeeShares } from '@plaza/sdk';
 * const feeShares = accruedFeeShares(snapshot);
 * ```
 */
export function accruedFeeShares(s: VaultSnapshot): bigint {
  if (s.performanceFee === 0n || s.totalAssets <= s.lastTotalAssets) return 0n;
  const feeAssets = ((s.totalAssets - s.lastTotalAssets) * s.performanceFee) / WAD;
  return vaultToShares(feeAssets, s.totalSupply, s.totalAssets - feeAssets, 'down');
}

/**
 * spUSD a deposit of `assets` mints (the vault's `previewDeposit`: fee shares first, rounded down).
 *
 * @example
 * ```ts
 * import { savingsPreviewDeposit } from '@plaza/sdk';
 * savingsPreviewDeposit(snapshot, parsePusd('100'));
 * ```
 */
export function savingsPreviewDeposit(s: VaultSnapshot, assets: bigint): bigint {
  return vaultToShares(assets, s.totalSupply + accruedFeeShares(s), s.totalAssets, 'down');
}

/**
 * pUSD minting `shares` costs (`previewMint`, rounded up).
 *
 * @example
 * ```ts
 * import { savingsPreviewMint } from '@plaza/sdk';
 * savingsPreviewMint(snapshot, 10n ** 24n);
 * ```
 */
export function savingsPreviewMint(s: VaultSnapshot, shares: bigint): bigint {
  return vaultToAssets(shares, s.totalSupply + accruedFeeShares(s), s.totalAssets, 'up');
}

/**
 * spUSD a withdrawal of `assets` burns (`previewWithdraw`, rounded up).
 *
 * @example
 * ```ts
 * import { savingsPreviewWithdraw } from '@plaza/sdk';
 * savingsPreviewWithdraw(snapshot, parsePusd('100'));
 * ```
 */
export function savingsPreviewWithdraw(s: VaultSnapshot, assets: bigint): bigint {
  return vaultToShares(assets, s.totalSupply + accruedFeeShares(s), s.totalAssets, 'up');
}

/**
 * pUSD redeeming `shares` pays (`previewRedeem`, rounded down).
 *
 * @example
 * ```ts
 * import { savingsPreviewRedeem } from '@plaza/sdk';
 * savingsPreviewRedeem(snapshot, balance);
 * ```
 */
export function savingsPreviewRedeem(s: VaultSnapshot, shares: bigint): bigint {
  return vaultToAssets(shares, s.totalSupply + accruedFeeShares(s), s.totalAssets, 'down');
}

/**
 * Income not vested yet at `now`: `ceil(amount × (end − now) / (end − start))`, 0 once vested.
 *
 * @example
 * ```ts
 * import { unvestedIncome } from '@plaza/sdk';
 * unvestedIncome({ amount: 100n, start: 0n, end: 100n }, 25n); // 75n
 * ```
 */
export function unvestedIncome(v: Vesting, now: bigint): bigint {
  if (now >= v.end) return 0n;
  return mulDiv(v.amount, v.end - now, v.end - v.start, 'up');
}

/**
 * The vault's yield split: lending interest (each market's supply APY weighted by the vault's allocation there,
 * idle funds earning nothing) and RWA income (the current vesting's rate annualized, simple), both over total
 * assets and net of the performance fee; `apy` is their sum. All WAD.
 *
 * @example
 * ```ts
 * import { savingsApy } from '@plaza/sdk';
 * const { lendingApy, incomeApy, apy } = savingsApy({ totalAssets, performanceFee, allocations, vesting, now });
 * ```
 */
export interface SavingsApy {
  readonly lendingApy: bigint;
  readonly incomeApy: bigint;
  readonly apy: bigint;
  /** Before the performance fee. */
  readonly grossLendingApy: bigint;
  readonly grossIncomeApy: bigint;
}

/**
 * Computes {@link SavingsApy} from the vault's allocations (assets supplied and each market's supply APY), its
 * vesting and total assets.
 *
 * @example
 * ```ts
 * import { savingsApy } from '@plaza/sdk';
 * savingsApy({ totalAssets, performanceFee, allocations: [{ assets, supplyApy }], vesting, now });
 * ```
 */
export function savingsApy(p: {
  totalAssets: bigint;
  performanceFee: bigint;
  allocations: readonly { assets: bigint; supplyApy: bigint }[];
  vesting: Vesting;
  now: bigint;
}): SavingsApy {
  if (p.totalAssets === 0n) {
    return { lendingApy: 0n, incomeApy: 0n, apy: 0n, grossLendingApy: 0n, grossIncomeApy: 0n };
  }
  const weighted = p.allocations.reduce((sum, a) => sum + a.assets * a.supplyApy, 0n);
  const grossLendingApy = weighted / p.totalAssets;
  const vesting = p.now < p.vesting.end && p.vesting.end > p.vesting.start;
  const incomePerYear = vesting
    ? (p.vesting.amount * SECONDS_PER_YEAR) / (p.vesting.end - p.vesting.start)
    : 0n;
  const grossIncomeApy = (incomePerYear * WAD) / p.totalAssets;
  const net = (x: bigint) => x - (x * p.performanceFee) / WAD;
  const lendingApy = net(grossLendingApy);
  const incomeApy = net(grossIncomeApy);
  return { lendingApy, incomeApy, apy: lendingApy + incomeApy, grossLendingApy, grossIncomeApy };
}
