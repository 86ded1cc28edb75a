import { plazaUsdAbi } from '@plaza/abi';
import { erc20ErrorMessages, safeErc20ErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of PlazaUSD (pUSD).
 *
 * @example
 * ```ts
 * import { pusdErrorMessages } from '@plaza/sdk';
 * pusdErrorMessages.EnforcedPause({}, info); // 'pUSD is paused: …'
 * ```
 */
export const pusdErrorMessages: ErrorMessages<typeof plazaUsdAbi> = {
  ...erc20ErrorMessages,
  ...safeErc20ErrorMessages,
  AccountBlocked: ({ account }) =>
    `${account} is on pUSD's sanctions blocklist: it can neither send nor receive pUSD (nor spend an allowance).`,
  AddressEmptyCode: ({ target }) => `${target} has no code.`,
  AuthorizationAlreadyUsed: ({ authorizer, nonce }) =>
    `Authorization nonce ${nonce} of ${authorizer} was already used or canceled; sign a new authorization with a fresh nonce.`,
  AuthorizationExpired: ({ validBefore }) =>
    `The authorization expired at ${formatTimestamp(validBefore)}; sign a new one.`,
  AuthorizationNotYetValid: ({ validAfter }) =>
    `The authorization is not valid until after ${formatTimestamp(validAfter)}.`,
  CallerNotPayee: ({ caller, payee }) =>
    `receiveWithAuthorization must be submitted by the payee ${payee}, not ${caller} (use transferWithAuthorization for relayers).`,
  ERC1967InvalidImplementation: ({ implementation }) =>
    `${implementation} is not a valid pUSD implementation (it has no code).`,
  ERC1967NonPayable: () => 'This call does not accept ETH.',
  ERC2612ExpiredSignature: ({ deadline }) =>
    `The permit expired at ${formatTimestamp(deadline)}; sign a new one.`,
  EnforcedPause: () => 'pUSD is paused: no transfers, mints or burns until its pauser unpauses it.',
  ExpectedPause: () => 'pUSD is not paused.',
  FailedCall: () => 'A low-level call failed.',
  InvalidInitialization: () => 'pUSD is already initialized.',
  InvalidMinterAllowance: ({ allowance }) =>
    `A minter allowance must fit in 128 bits or be unlimited (2^256 − 1); ${allowance} is neither.`,
  InvalidSignature: () =>
    "The signature is not the signer's: it is neither the owner's ECDSA signature nor accepted by the owner's ERC-1271 wallet. Check the signer, the chain and the token of the signed message.",
  MaxSupplyExceeded: ({ supply }) =>
    `Minting would take pUSD's supply to ${supply}, above its cap of 2^248 − 1.`,
  MinterAllowanceExceeded: ({ minter, allowance, amount }, info) =>
    `Minter ${minter} may mint ${info.amount(allowance)} more, not ${info.amount(amount)}.`,
  NotBlocklister: ({ caller }) => `${caller} is not pUSD's blocklister (the ComplianceRegistry).`,
  NotInitializing: () => 'pUSD is not initializing.',
  NotMasterMinter: ({ caller }) => `${caller} is not pUSD's master minter.`,
  NotMinter: ({ caller }) => `${caller} is not a pUSD minter.`,
  NotPauser: ({ caller }) => `${caller} is not pUSD's pauser.`,
  NotRescuer: ({ caller }) => `${caller} is not pUSD's rescuer.`,
  OwnableInvalidOwner: ({ owner }) => `${owner} cannot be pUSD's admin.`,
  OwnableUnauthorizedAccount: ({ account }) => `${account} is not pUSD's admin.`,
  RenounceDisabled: () => "pUSD's admin cannot be renounced.",
  UUPSUnauthorizedCallContext: () => 'Upgrades go through the pUSD proxy, not the implementation.',
  UUPSUnsupportedProxiableUUID: ({ slot }) =>
    `The new implementation is not UUPS-compatible (proxiableUUID ${slot}).`,
  ZeroAddress: () => 'An address argument is the zero address.',
  ZeroAmount: () => 'The amount is zero.',
};

/**
 * How pUSD's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { pusdErrors } from '@plaza/sdk';
 * pusdErrors.contract; // 'PlazaUSD'
 * ```
 */
export const pusdErrors = defineErrorTable('PlazaUSD', plazaUsdAbi, pusdErrorMessages, {
  symbol: 'pUSD',
  decimals: 18,
});
