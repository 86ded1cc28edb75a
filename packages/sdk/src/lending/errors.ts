import {
  kinkedRateModelAbi,
  lendingHubAbi,
  navFeedAdapterAbi,
  navOracleAbi,
  savingsVaultAbi,
} from '@plaza/abi';
import { decodeErrorResult, formatUnits, type Hex } from 'viem';
import {
  accessControlErrorMessages,
  erc20ErrorMessages,
  safeErc20ErrorMessages,
} from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';
import { formatPusd } from '../core/units.js';

const pusd = (value: bigint) => `${formatPusd(value)} pUSD`;
const pct = (wad: bigint) => `${formatUnits(wad * 100n, 18)}%`;

/** The oracle's own revert inside `PriceUnavailable`, named when a Plaza oracle ABI declares it. */
function oracleReason(reason: Hex): string {
  if (reason === '0x' || reason.length < 10) return 'the oracle gave no reason';
  for (const abi of [navFeedAdapterAbi, navOracleAbi]) {
    try {
      const decoded = decodeErrorResult({ abi, data: reason });
      const args = decoded.args?.length ? `(${decoded.args.map(String).join(', ')})` : '';
      return `the oracle says ${decoded.errorName}${args}`;
    } catch {
      // not this ABI
    }
  }
  return `the oracle failed with error ${reason.slice(0, 10)}`;
}

/**
 * A human message for every custom error of the LendingHub (and the OpenZeppelin errors it can raise).
 *
 * @example
 * ```ts
 * import { lendingErrorMessages } from '@plaza/sdk';
 * lendingErrorMessages.MarketFrozen({ id }, info); // 'Market 0x… is frozen: …'
 * ```
 */
export const lendingErrorMessages: ErrorMessages<typeof lendingHubAbi> = {
  ...safeErc20ErrorMessages,
  AlreadySet: () => 'Nothing to change: the value is already what the call asks for.',
  AutoRepayUnavailable: ({ id }) =>
    `Market ${id} cannot repay debt with collateral income: its collateral pays no income in the loan token (or the market does not exist).`,
  BorrowCapExceeded: ({ id, totalBorrowAssets, borrowCap }) =>
    `Borrowing this would bring market ${id}'s total borrowed to ${pusd(totalBorrowAssets)}, above its cap of ${pusd(borrowCap)}: borrow less.`,
  DustLeft: ({ id, debtLeft, collateralValueLeft, minLeftover }) =>
    collateralValueLeft === 0n
      ? `A debt of ${pusd(debtLeft)} is below market ${id}'s minimum of ${pusd(minLeftover)}: borrow at least the minimum.`
      : `This partial liquidation would leave a debt of ${pusd(debtLeft)} and collateral worth ${pusd(collateralValueLeft)} in market ${id}, below the minimum of ${pusd(minLeftover)}: repay all the debt or seize all the collateral instead.`,
  HealthyPosition: ({ id, borrower }) =>
    `${borrower}'s position in market ${id} is healthy (its debt is within the liquidation LTV): it cannot be liquidated.`,
  IncomeShortfall: ({ collateralToken, available, amount }) =>
    `The hub holds ${pusd(available)} of income from ${collateralToken} but needs ${pusd(amount)}: try again after the token's income is claimable.`,
  InconsistentInput: () =>
    'Give exactly one amount: assets or shares (for a liquidation, the collateral to seize or the debt shares to repay), not both and not neither.',
  InsufficientCollateral: ({ id, borrower }) =>
    `${borrower}'s collateral in market ${id} would not cover the debt at the liquidation LTV: add collateral, borrow less or repay first.`,
  InsufficientLiquidity: ({ id }) =>
    `Market ${id} does not have that much pUSD available now (lenders' supply is lent out): try a smaller amount or later.`,
  InvalidCap: ({ cap }) => `A cap of ${cap} does not fit in 128 bits.`,
  InvalidLltv: ({ lltv }) => `An LLTV of ${pct(lltv)} is invalid: it must be below 100%.`,
  InvalidMinLeftover: ({ minLeftover }) => `A minimum leftover of ${minLeftover} does not fit in 72 bits.`,
  InvalidNonce: ({ authorizer, nonce, expected }) =>
    `The signed authorization uses nonce ${nonce}, but ${authorizer}'s next nonce is ${expected}: sign again.`,
  InvalidReserveFactor: ({ reserveFactor }) =>
    `A reserve factor of ${reserveFactor} bps is above the maximum of 5000 (50% of interest).`,
  InvalidSignature: () =>
    "The authorization's signature is not the authorizer's (or has a high s value): sign it again with the authorizer's key.",
  LltvNotEnabled: ({ lltv }) => `An LLTV of ${pct(lltv)} is not enabled for new markets by the hub's owner.`,
  MarketAlreadyCreated: ({ id }) => `Market ${id} already exists.`,
  MarketFrozen: ({ id }) =>
    `Market ${id} is frozen by its guardian: no new borrows (repaying, withdrawing and adding collateral still work).`,
  MarketNotCreated: ({ id }) => `There is no market ${id} in the LendingHub.`,
  MarketPaused: ({ id }) =>
    `Market ${id} is paused by its guardian: no supply, collateral or borrowing until it resumes (repay, withdraw and liquidations still work).`,
  NotAllowed: ({ policyId, account }) =>
    `${account} does not pass the market's compliance policy ${policyId}: borrowers and receivers of seized collateral need a KYC record meeting it.`,
  NotGuardian: ({ caller }) => `${caller} is not a guardian of the LendingHub.`,
  NotIncomeBearing: ({ id }) => `Market ${id}'s collateral pays no income: there is nothing to claim.`,
  NotRiskManager: ({ caller }) => `${caller} is not a risk manager of the LendingHub.`,
  OracleNotEnabled: ({ oracle }) => `The oracle ${oracle} is not enabled for new markets by the hub's owner.`,
  Overflow: () => 'An amount is too large for the hub to store.',
  OwnableInvalidOwner: ({ owner }) => `${owner} cannot be the LendingHub's owner.`,
  OwnableUnauthorizedAccount: ({ account }) => `${account} is not the LendingHub's owner.`,
  PriceUnavailable: ({ id, oracle, reason }) =>
    `Market ${id} has no usable price now (${oracleReason(reason)}; oracle ${oracle}): borrowing, withdrawing collateral against debt and liquidations wait for a fresh NAV.`,
  RateModelNotEnabled: ({ rateModel }) =>
    `The rate model ${rateModel} is not enabled for new markets by the hub's owner.`,
  ReentrancyGuardReentrantCall: () => 'The LendingHub was re-entered (a token called back into it).',
  RenounceDisabled: () => 'The LendingHub always has an owner: renouncing is disabled.',
  SignatureExpired: ({ deadline }) =>
    `The signed authorization expired at ${formatTimestamp(deadline)}: sign a new one.`,
  SupplyCapExceeded: ({ id, totalSupplyAssets, supplyCap }) =>
    `Supplying this would bring market ${id}'s total supply to ${pusd(totalSupplyAssets)}, above its cap of ${pusd(supplyCap)}: supply less.`,
  Unauthorized: ({ caller, onBehalf }) =>
    `${caller} may not manage ${onBehalf}'s positions: ${onBehalf} must call setAuthorization(${caller}, true) first.`,
  ZeroAddress: () => 'An address that must be set (receiver, on-behalf account, token) is zero.',
  ZeroAssets: () => 'The amount is zero.',
};

/**
 * How LendingHub reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { lendingErrors } from '@plaza/sdk';
 * lendingErrors.contract; // 'LendingHub'
 * ```
 */
export const lendingErrors = defineErrorTable('LendingHub', lendingHubAbi, lendingErrorMessages);

/**
 * A human message for every custom error of a KinkedRateModel (raised by its constructor).
 *
 * @example
 * ```ts
 * import { rateModelErrorMessages } from '@plaza/sdk';
 * rateModelErrorMessages.InvalidKink({ kink: 0n }, info);
 * ```
 */
export const rateModelErrorMessages: ErrorMessages<typeof kinkedRateModelAbi> = {
  InvalidKink: ({ kink }) =>
    `A kink at ${pct(kink)} utilization is invalid: it must be strictly between 0% and 100%.`,
  RateTooHigh: ({ maxRate }) =>
    `The model's highest rate (${maxRate} per second) exceeds 1,000% APR: lower base, slope1 or slope2.`,
};

/**
 * How KinkedRateModel reverts are decoded (contract name `KinkedRateModel` for every curve).
 *
 * @example
 * ```ts
 * import { rateModelErrors } from '@plaza/sdk';
 * rateModelErrors.contract; // 'KinkedRateModel'
 * ```
 */
export const rateModelErrors = defineErrorTable(
  'KinkedRateModel',
  kinkedRateModelAbi,
  rateModelErrorMessages,
);

/**
 * A human message for every custom error of the SavingsVault (spUSD), OpenZeppelin's included.
 *
 * @example
 * ```ts
 * import { savingsErrorMessages } from '@plaza/sdk';
 * savingsErrorMessages.NotEnoughLiquidity({ requested, available }, info);
 * ```
 */
export const savingsErrorMessages: ErrorMessages<typeof savingsVaultAbi> = {
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  ...erc20ErrorMessages,
  AllocationExceedsCap: ({ id, target, cap }) =>
    `Allocating ${pusd(target)} to market ${id} exceeds the vault's cap of ${pusd(cap)} there.`,
  CapTooHigh: ({ cap }) => `A cap of ${cap} does not fit in 96 bits.`,
  DuplicateMarket: ({ id }) => `Market ${id} appears twice in the queue.`,
  ERC4626ExceededMaxDeposit: ({ receiver, assets, max }) =>
    `Depositing ${pusd(assets)} for ${receiver} exceeds the maximum of ${pusd(max)}.`,
  ERC4626ExceededMaxMint: ({ receiver, shares, max }) =>
    `Minting ${shares} spUSD units for ${receiver} exceeds the maximum of ${max}.`,
  ERC4626ExceededMaxRedeem: ({ owner, shares, max }) =>
    `${owner} can redeem at most ${max} spUSD units now (asked ${shares}): the rest is lent out; try a smaller amount or later.`,
  ERC4626ExceededMaxWithdraw: ({ owner, assets, max }) =>
    `${owner} can withdraw at most ${pusd(max)} now (asked ${pusd(assets)}).`,
  FeeTooHigh: ({ fee }) => `A performance fee of ${pct(fee)} is above the maximum of 50%.`,
  InvalidMarket: ({ id }) => `Market ${id} does not exist in the hub or does not lend pUSD.`,
  InvalidVestingPeriod: ({ period }) =>
    `A vesting period of ${period} s is out of range (1 hour to 90 days).`,
  MarketNotEnabled: ({ id }) => `Market ${id} is not enabled in the vault (the curator has not capped it).`,
  MarketNotRemovable: ({ id, cap, supplied }) =>
    `Market ${id} cannot leave the withdraw queue: its cap is ${pusd(cap)} and the vault still supplies ${supplied} shares there (set the cap to 0 and withdraw first).`,
  NoFeeRecipient: () => 'A performance fee needs a fee recipient.',
  NotEnoughLiquidity: ({ requested, available }) =>
    `The vault can pay out ${pusd(available)} now, not ${pusd(requested)}: the rest is lent to borrowers. Withdraw less, or later when borrowers repay.`,
  QueueTooLong: ({ length }) => `A queue of ${length} markets is longer than the maximum of 30.`,
  ReentrancyGuardReentrantCall: () => 'The SavingsVault was re-entered (a token called back into it).',
  WrongToken: ({ token }) => `The vault only takes pUSD income, not ${token}.`,
  ZeroAddress: () => 'An address that must be set is zero.',
  ZeroAmount: () => 'Nothing to distribute: the amount is zero and no pUSD reached the vault otherwise.',
};

/**
 * How SavingsVault reverts are decoded and described; spUSD amounts show with its 24 decimals.
 *
 * @example
 * ```ts
 * import { savingsErrors } from '@plaza/sdk';
 * savingsErrors.contract; // 'SavingsVault'
 * ```
 */
export const savingsErrors = defineErrorTable('SavingsVault', savingsVaultAbi, savingsErrorMessages, {
  symbol: 'spUSD',
  decimals: 24,
});
