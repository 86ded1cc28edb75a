import {
  advancePoolAbi,
  loyaltyPointsAbi,
  merchantRegistryAbi,
  paymentProcessorAbi,
  type payFiErrorsAbi,
} from '@plaza/abi';
import {
  accessControlErrorMessages,
  erc20ErrorMessages,
  safeErc20ErrorMessages,
} from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';
import { formatPusd } from '../core/units.js';

const pusd = (value: bigint) => `${formatPusd(value)} pUSD`;
const points = (value: bigint) => `${formatPusd(value)} points`;
const bps = (value: bigint | number) => `${value} bps (${Number(value) / 100}%)`;

/**
 * A human message for every PayFi custom error (`PayFiErrors`: payments, registry, points and advances); the
 * four PayFi contracts' tables are built from it.
 *
 * @example
 * ```ts
 * import { payfiErrorMessages } from '@plaza/sdk';
 * payfiErrorMessages.RefundWindowClosed({ id, releaseAt: 1_700_000_000n }, info);
 * ```
 */
export const payfiErrorMessages: ErrorMessages<typeof payFiErrorsAbi> = {
  AdvanceBelowMinimum: ({ received, minReceived }) =>
    `The advance would pay ${pusd(received)}, less than the ${pusd(minReceived)} asked for (the discount fee changed?).`,
  AdvanceExceedsCollateral: ({ debtAfter, collateral }) =>
    `A debt of ${pusd(debtAfter)} would exceed what secures it: ${pusd(collateral)} of held and released funds.`,
  AdvanceExceedsLimit: ({ amount, limit }) =>
    `An advance of ${pusd(amount)} exceeds the merchant's limit of ${pusd(limit)} (its share of held funds by credit score, less its debt).`,
  AdvancePoolAlreadySet: () => 'The AdvancePool is set once and is already set.',
  AlreadyInitialized: () => 'This loyalty program is already initialized.',
  AlreadyRegistered: ({ merchant }) => `${merchant} is already a registered merchant.`,
  AmountExceedsCapturable: ({ amount, capturable }) =>
    `Capturing ${pusd(amount)} exceeds the ${pusd(capturable)} still authorized.`,
  AmountExceedsRefundable: ({ amount, held }) =>
    `Refunding ${pusd(amount)} exceeds the ${pusd(held)} still held in escrow.`,
  AuthorizationExpired: ({ authorizationExpiry }) =>
    `The payment's authorization expired at ${formatTimestamp(authorizationExpiry)}: it can no longer be paid or captured (the payer can reclaim what was not captured).`,
  AuthorizationNotExpired: ({ authorizationExpiry }) =>
    `The payer can reclaim only after the authorization expires at ${formatTimestamp(authorizationExpiry)}; until then the merchant may still capture or void.`,
  CreditScoreTooLow: ({ score, minScore }) =>
    `A credit score of ${score} is below the pool's minimum of ${minScore}: no advance.`,
  ExceedsSurplus: ({ amount, surplus }) =>
    `Withdrawing ${pusd(amount)} exceeds the reserve's surplus over the points liability (${pusd(surplus)}).`,
  FeeOutOfBounds: ({ feeBps, minFeeBps, maxFeeBps }) =>
    `The merchant's fee is ${bps(feeBps)}, outside the payment's signed bounds [${minFeeBps}, ${maxFeeBps}] bps: build the payment again.`,
  InsufficientLiquidity: ({ needed, idle }) =>
    `The pool has ${pusd(idle)} idle but the advance needs ${pusd(needed)}.`,
  InvalidAmount: ({ amount }) =>
    `${amount} is not a valid payment amount: it must be positive and below 2^96 wei (~79 billion pUSD).`,
  InvalidEarnRate: ({ earnRateBps }) =>
    `An earn rate of ${earnRateBps} bps is above the maximum of 1,000,000 (100 points per pUSD).`,
  InvalidExpiries: ({ authorizationExpiry, refundExpiry }) =>
    `The refund expiry (${formatTimestamp(refundExpiry)}) is before the authorization expiry (${formatTimestamp(authorizationExpiry)}).`,
  InvalidExpiry: ({ expiresAt, earliest }) =>
    `An expiry at ${formatTimestamp(expiresAt)} is too soon: programs are announced at least 30 days ahead (from ${formatTimestamp(earliest)}).`,
  InvalidFeeBps: ({ feeBps }) => `A tier fee of ${bps(feeBps)} is above the maximum of 1000 bps (10%).`,
  InvalidParameters: () =>
    'Parameters out of range (a payout at the processor, a points supply overflow, or pool parameters: score ≤ 1000, min rate ≤ max rate ≤ 100%, fee ≤ 10%, a positive debt cap).',
  InvalidReferralShare: ({ shareBps }) =>
    `A referral share of ${bps(shareBps)} is above the maximum of 6000 bps (60% of the fee).`,
  InvalidRefundWindow: ({ refundWindow }) =>
    `A refund window of ${refundWindow} s is above the maximum of 180 days.`,
  InvalidTier: ({ tier }) => `Fee tier ${tier} does not exist (tiers 0–7).`,
  LengthMismatch: ({ a, b }) => `The lists have different lengths (${a} and ${b}).`,
  LoyaltyProgramExists: ({ merchant, program }) => `${merchant} already has a loyalty program at ${program}.`,
  MerchantNotActive: ({ merchant }) =>
    `${merchant} is not an active merchant (not registered, or suspended): it takes no new payments or captures.`,
  NoLoyaltyProgram: ({ merchant }) =>
    `${merchant} has no loyalty program, so no points can be redeemed or earned there.`,
  NotAdvancePool: ({ caller }) => `${caller} is not the AdvancePool.`,
  NotCompliant: ({ merchant, policyId }) =>
    `${merchant} does not satisfy the merchant policy ${policyId} (a KYC record meeting it is needed).`,
  NotMerchant: ({ caller }) => `${caller} is not this loyalty program's merchant.`,
  NotMerchantOrOperator: ({ caller, merchant }) =>
    `${caller} is neither ${merchant} nor one of its operators: only they capture, void and refund its payments.`,
  NotPayer: ({ caller, payer }) =>
    `Only the payer ${payer} may do this (the caller is ${caller}); allowance and permit payments are sent by the payer itself.`,
  NotProcessor: ({ caller }) => `${caller} is not the PaymentProcessor.`,
  NotRegistered: ({ merchant }) => `${merchant} is not a registered merchant.`,
  NotRegistry: ({ caller }) =>
    `${caller} is not the MerchantRegistry (the processor is configured only through it).`,
  NotYetReleasable: ({ id, releaseAt }) =>
    `Payment ${id} is inside its refund window until ${formatTimestamp(releaseAt)}; settle it afterwards.`,
  NothingToClaim: ({ account }) => `${account} has nothing to withdraw or claim.`,
  NothingToRedeem: () => 'Redeeming these points pays nothing (no reserve, or no posted point value).',
  NothingToReturn: ({ id }) => `Payment ${id} has nothing left to void or reclaim.`,
  NothingToSettle: ({ id }) => `Payment ${id} holds nothing to settle.`,
  NothingToWriteOff: ({ merchant }) => `${merchant} owes the pool nothing.`,
  PaymentAlreadyExists: ({ id }) =>
    `Payment ${id} was already made (its id, also its signature's nonce, can be used once): build a new payment with another salt.`,
  PaymentNotFound: ({ id }) => `No payment ${id} is stored (never authorized, or finished and cleared).`,
  ProcessorAlreadySet: () => 'The processor is set once and is already set.',
  ProcessorNotSet: () => 'The MerchantRegistry has no processor yet.',
  ProgramExpired: ({ expiresAt }) =>
    `The loyalty program expired at ${formatTimestamp(expiresAt)}: its points no longer move, discount or redeem.`,
  ReferralCodeTaken: ({ code, owner }) => `Referral code ${code} belongs to ${owner}.`,
  RefundWindowClosed: ({ id, releaseAt }) =>
    `Payment ${id}'s refund window has closed (${releaseAt === 0n ? 'nothing is held' : `released at ${formatTimestamp(releaseAt)}`}); refunds now happen off-protocol.`,
  StillCompliant: ({ merchant }) =>
    `${merchant} still satisfies the merchant policy: there is nothing to enforce.`,
  UnsupportedToken: ({ token }) => `${token} is not pUSD, the only payment token.`,
  WriteOffExceedsDebt: ({ amount, debt }) => `Writing off ${pusd(amount)} exceeds the debt of ${pusd(debt)}.`,
  WriteOffNotAllowed: ({ merchant }) =>
    `${merchant}'s debt cannot be written off by this caller now (the risk manager writes off the uncovered part; anyone, the whole debt of a suspended merchant with nothing left).`,
  WrongPaymentMode: ({ autoCapture }) =>
    autoCapture
      ? 'This is a direct payment (autoCapture = true): submit it with payWithAuthorization or pay, not authorize.'
      : 'This is an escrow authorization (autoCapture = false): submit it with authorize or authorizeFrom, not pay.',
  ZeroAddress: () => 'An address that must be set is zero.',
  ZeroAmount: () => 'The amount is zero.',
};

const reentrancy = (contract: string) => () =>
  `The ${contract} was re-entered (a token or wallet called back into it).`;

/**
 * Messages of the PaymentProcessor's errors (amounts in pUSD).
 *
 * @example
 * ```ts
 * import { paymentProcessorErrorMessages } from '@plaza/sdk';
 * paymentProcessorErrorMessages.NotPayer({ caller, payer }, info);
 * ```
 */
export const paymentProcessorErrorMessages: ErrorMessages<typeof paymentProcessorAbi> = {
  ...payfiErrorMessages,
  ...safeErc20ErrorMessages,
  ReentrancyGuardReentrantCall: reentrancy('PaymentProcessor'),
  SafeCastOverflowedUintDowncast: accessControlErrorMessages.SafeCastOverflowedUintDowncast,
};

/**
 * Messages of the MerchantRegistry's errors.
 *
 * @example
 * ```ts
 * import { merchantRegistryErrorMessages } from '@plaza/sdk';
 * merchantRegistryErrorMessages.AlreadyRegistered({ merchant }, info);
 * ```
 */
export const merchantRegistryErrorMessages: ErrorMessages<typeof merchantRegistryAbi> = {
  ...payfiErrorMessages,
  ...accessControlErrorMessages,
  FailedDeployment: () => 'The loyalty program clone could not be deployed.',
  InsufficientBalance: ({ balance, needed }) =>
    `The registry holds ${balance} wei but the clone deployment needs ${needed}.`,
};

/**
 * Messages of a LoyaltyPoints program's errors (amounts in points).
 *
 * @example
 * ```ts
 * import { loyaltyPointsErrorMessages } from '@plaza/sdk';
 * loyaltyPointsErrorMessages.NothingToRedeem({}, info);
 * ```
 */
export const loyaltyPointsErrorMessages: ErrorMessages<typeof loyaltyPointsAbi> = {
  ...payfiErrorMessages,
  ...safeErc20ErrorMessages,
  ERC20InsufficientAllowance: ({ spender, allowance, needed }) =>
    `${spender} may spend ${points(allowance)} but needs ${points(needed)}: approve it first.`,
  ERC20InsufficientBalance: ({ sender, balance, needed }) =>
    `${sender} holds ${points(balance)} but needs ${points(needed)}.`,
  ERC20InvalidApprover: erc20ErrorMessages.ERC20InvalidApprover,
  ERC20InvalidReceiver: erc20ErrorMessages.ERC20InvalidReceiver,
  ERC20InvalidSender: erc20ErrorMessages.ERC20InvalidSender,
  ERC20InvalidSpender: erc20ErrorMessages.ERC20InvalidSpender,
  ReentrancyGuardReentrantCall: reentrancy('loyalty program'),
};

/**
 * Messages of the AdvancePool's errors (ERC-4626 over pUSD; shares are `papUSD`).
 *
 * @example
 * ```ts
 * import { advancePoolErrorMessages } from '@plaza/sdk';
 * advancePoolErrorMessages.CreditScoreTooLow({ score: 550n, minScore: 600n }, info);
 * ```
 */
export const advancePoolErrorMessages: ErrorMessages<typeof advancePoolAbi> = {
  ...payfiErrorMessages,
  ...accessControlErrorMessages,
  ...safeErc20ErrorMessages,
  ERC20InsufficientAllowance: erc20ErrorMessages.ERC20InsufficientAllowance,
  ERC20InsufficientBalance: erc20ErrorMessages.ERC20InsufficientBalance,
  ERC20InvalidApprover: erc20ErrorMessages.ERC20InvalidApprover,
  ERC20InvalidReceiver: erc20ErrorMessages.ERC20InvalidReceiver,
  ERC20InvalidSender: erc20ErrorMessages.ERC20InvalidSender,
  ERC20InvalidSpender: erc20ErrorMessages.ERC20InvalidSpender,
  ERC4626ExceededMaxDeposit: ({ receiver, assets, max }) =>
    `Depositing ${pusd(assets)} for ${receiver} exceeds the maximum of ${pusd(max)}.`,
  ERC4626ExceededMaxMint: ({ receiver, shares, max }) =>
    `Minting ${shares} shares for ${receiver} exceeds the maximum of ${max}.`,
  ERC4626ExceededMaxRedeem: ({ owner, shares, max }) =>
    `${owner} can redeem at most ${max} shares now (withdrawals are limited to idle pUSD), not ${shares}.`,
  ERC4626ExceededMaxWithdraw: ({ owner, assets, max }) =>
    `${owner} can withdraw at most ${pusd(max)} now (withdrawals are limited to idle pUSD; lent funds return as merchants' payments settle), not ${pusd(assets)}.`,
  ReentrancyGuardReentrantCall: reentrancy('AdvancePool'),
};

/**
 * How the PaymentProcessor's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { paymentProcessorErrors } from '@plaza/sdk';
 * paymentProcessorErrors.contract; // 'PaymentProcessor'
 * ```
 */
export const paymentProcessorErrors = defineErrorTable(
  'PaymentProcessor',
  paymentProcessorAbi,
  paymentProcessorErrorMessages,
  { symbol: 'pUSD', decimals: 18 },
);

/**
 * How the MerchantRegistry's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { merchantRegistryErrors } from '@plaza/sdk';
 * merchantRegistryErrors.contract; // 'MerchantRegistry'
 * ```
 */
export const merchantRegistryErrors = defineErrorTable(
  'MerchantRegistry',
  merchantRegistryAbi,
  merchantRegistryErrorMessages,
);

/**
 * How LoyaltyPoints reverts are decoded and described (contract name `LoyaltyPoints` for every program).
 *
 * @example
 * ```ts
 * import { loyaltyPointsErrors } from '@plaza/sdk';
 * loyaltyPointsErrors.contract; // 'LoyaltyPoints'
 * ```
 */
export const loyaltyPointsErrors = defineErrorTable(
  'LoyaltyPoints',
  loyaltyPointsAbi,
  loyaltyPointsErrorMessages,
);

/**
 * How the AdvancePool's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { advancePoolErrors } from '@plaza/sdk';
 * advancePoolErrors.contract; // 'AdvancePool'
 * ```
 */
export const advancePoolErrors = defineErrorTable('AdvancePool', advancePoolAbi, advancePoolErrorMessages);
