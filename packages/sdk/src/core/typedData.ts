import {
  bytesToHex,
  parseSignature,
  type Account,
  type Address,
  type Hex,
  type LocalAccount,
  type TypedDataDefinition,
  type WalletClient,
} from 'viem';
import { toAccount } from 'viem/accounts';
import { PlazaError } from './errors.js';

/**
 * An EIP-712 domain of a token (name, version, chain id, contract).
 *
 * @example
 * ```ts
 * import type { TokenDomain } from '@plaza/sdk';
 * const usdc: TokenDomain = { name: 'USD Coin', version: '2', chainId: 8453, verifyingContract: '0x8335…' };
 * ```
 */
export interface TokenDomain {
  readonly name: string;
  readonly version: string;
  readonly chainId: number;
  readonly verifyingContract: Address;
}

/**
 * EIP-2612 `Permit` types.
 *
 * @example
 * ```ts
 * import { permitTypes } from '@plaza/sdk';
 * permitTypes.Permit.map((f) => f.name); // ['owner', 'spender', 'value', 'nonce', 'deadline']
 * ```
 */
export const permitTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

const authorizationFields = [
  { name: 'from', type: 'address' },
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' },
  { name: 'validBefore', type: 'uint256' },
  { name: 'nonce', type: 'bytes32' },
] as const;

/**
 * EIP-3009 `TransferWithAuthorization` types.
 *
 * @example
 * ```ts
 * import { transferWithAuthorizationTypes } from '@plaza/sdk';
 * transferWithAuthorizationTypes.TransferWithAuthorization.length; // 6
 * ```
 */
export const transferWithAuthorizationTypes = { TransferWithAuthorization: authorizationFields } as const;

/**
 * EIP-3009 `ReceiveWithAuthorization` types.
 *
 * @example
 * ```ts
 * import { receiveWithAuthorizationTypes } from '@plaza/sdk';
 * receiveWithAuthorizationTypes.ReceiveWithAuthorization.length; // 6
 * ```
 */
export const receiveWithAuthorizationTypes = { ReceiveWithAuthorization: authorizationFields } as const;

/**
 * EIP-3009 `CancelAuthorization` types.
 *
 * @example
 * ```ts
 * import { cancelAuthorizationTypes } from '@plaza/sdk';
 * cancelAuthorizationTypes.CancelAuthorization.map((f) => f.name); // ['authorizer', 'nonce']
 * ```
 */
export const cancelAuthorizationTypes = {
  CancelAuthorization: [
    { name: 'authorizer', type: 'address' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const;

/**
 * The message of an EIP-2612 permit.
 *
 * @example
 * ```ts
 * import type { PermitMessage } from '@plaza/sdk';
 * const message: PermitMessage = { owner, spender, value: parsePusd('10'), nonce: 0n, deadline: 1_900_000_000n };
 * ```
 */
export interface PermitMessage {
  readonly owner: Address;
  readonly spender: Address;
  readonly value: bigint;
  readonly nonce: bigint;
  readonly deadline: bigint;
}

/**
 * The message of an EIP-3009 transfer or receive authorization. Valid while
 * `validAfter < block.timestamp < validBefore`; `nonce` is 32 random bytes.
 *
 * @example
 * ```ts
 * import { randomAuthorizationNonce, type AuthorizationMessage } from '@plaza/sdk';
 * const message: AuthorizationMessage = {
 *   from, to, value: parsePusd('5'), validAfter: 0n, validBefore: 1_900_000_000n, nonce: randomAuthorizationNonce(),
 * };
 * ```
 */
export interface AuthorizationMessage {
  readonly from: Address;
  readonly to: Address;
  readonly value: bigint;
  readonly validAfter: bigint;
  readonly validBefore: bigint;
  readonly nonce: Hex;
}

/**
 * The message of an EIP-3009 cancellation.
 *
 * @example
 * ```ts
 * import type { CancelAuthorizationMessage } from '@plaza/sdk';
 * const message: CancelAuthorizationMessage = { authorizer, nonce };
 * ```
 */
export interface CancelAuthorizationMessage {
  readonly authorizer: Address;
  readonly nonce: Hex;
}

/**
 * EIP-2612 permit typed data, ready for any viem `signTypedData`.
 *
 * @example
 * ```ts
 * import { permitTypedData } from '@plaza/sdk';
 * const typedData = permitTypedData(domain, { owner, spender, value, nonce, deadline });
 * const signature = await account.signTypedData(typedData);
 * ```
 */
export function permitTypedData(
  domain: TokenDomain,
  message: PermitMessage,
): TypedDataDefinition<typeof permitTypes, 'Permit'> {
  return { domain, types: permitTypes, primaryType: 'Permit', message: { ...message } };
}

/**
 * EIP-3009 `TransferWithAuthorization` typed data (anyone may submit the signed transfer).
 *
 * @example
 * ```ts
 * import { transferAuthorizationTypedData } from '@plaza/sdk';
 * const typedData = transferAuthorizationTypedData(domain, message);
 * ```
 */
export function transferAuthorizationTypedData(
  domain: TokenDomain,
  message: AuthorizationMessage,
): TypedDataDefinition<typeof transferWithAuthorizationTypes, 'TransferWithAuthorization'> {
  return {
    domain,
    types: transferWithAuthorizationTypes,
    primaryType: 'TransferWithAuthorization',
    message: { ...message },
  };
}

/**
 * EIP-3009 `ReceiveWithAuthorization` typed data (only the payee `to` may submit it).
 *
 * @example
 * ```ts
 * import { receiveAuthorizationTypedData } from '@plaza/sdk';
 * const typedData = receiveAuthorizationTypedData(domain, message);
 * ```
 */
export function receiveAuthorizationTypedData(
  domain: TokenDomain,
  message: AuthorizationMessage,
): TypedDataDefinition<typeof receiveWithAuthorizationTypes, 'ReceiveWithAuthorization'> {
  return {
    domain,
    types: receiveWithAuthorizationTypes,
    primaryType: 'ReceiveWithAuthorization',
    message: { ...message },
  };
}

/**
 * EIP-3009 `CancelAuthorization` typed data.
 *
 * @example
 * ```ts
 * import { cancelAuthorizationTypedData } from '@plaza/sdk';
 * const typedData = cancelAuthorizationTypedData(domain, { authorizer, nonce });
 * ```
 */
export function cancelAuthorizationTypedData(
  domain: TokenDomain,
  message: CancelAuthorizationMessage,
): TypedDataDefinition<typeof cancelAuthorizationTypes, 'CancelAuthorization'> {
  return {
    domain,
    types: cancelAuthorizationTypes,
    primaryType: 'CancelAuthorization',
    message: { ...message },
  };
}

/**
 * 32 random bytes for an EIP-3009 nonce (from the platform's CSPRNG).
 *
 * @example
 * ```ts
 * import { randomAuthorizationNonce } from '@plaza/sdk';
 * const nonce = randomAuthorizationNonce(); // '0x…' (64 hex digits)
 * ```
 */
export function randomAuthorizationNonce(): Hex {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Who signs: a viem account (local, smart account, or anything with `signTypedData`), or an address that the
 * wallet client signs for (a JSON-RPC account, e.g. a browser wallet).
 *
 * @example
 * ```ts
 * import type { PlazaSigner } from '@plaza/sdk';
 * const signer: PlazaSigner = privateKeyToAccount(key);
 * ```
 */
export type PlazaSigner = Account | Address;

/**
 * Signs EIP-712 typed data with any {@link PlazaSigner}: accounts that sign themselves (local accounts, smart
 * accounts, ERC-1271 signers) do so; addresses and JSON-RPC accounts go through the wallet client.
 *
 * @example
 * ```ts
 * import { permitTypedData, signTypedDataWith } from '@plaza/sdk';
 * const signature = await signTypedDataWith(account, walletClient, permitTypedData(domain, message));
 * ```
 */
export async function signTypedDataWith(
  signer: PlazaSigner,
  walletClient: WalletClient | undefined,
  typedData: TypedDataDefinition,
): Promise<Hex> {
  if (typeof signer === 'object' && 'signTypedData' in signer && typeof signer.signTypedData === 'function') {
    return signer.signTypedData(typedData as Parameters<LocalAccount['signTypedData']>[0]);
  }
  if (!walletClient) {
    throw new PlazaError(
      'Signing for an address needs a walletClient (or pass a viem account as the signer).',
      {
        code: 'NoWallet',
      },
    );
  }
  return walletClient.signTypedData({
    ...(typedData as Parameters<WalletClient['signTypedData']>[0]),
    account: signer,
  });
}

/**
 * A 65-byte ECDSA signature split into `v, r, s` (for the functions that take them); `undefined` for other
 * signatures (ERC-1271 wallets may produce any bytes), which go to the `bytes signature` overloads.
 *
 * @example
 * ```ts
 * import { splitSignature } from '@plaza/sdk';
 * const parts = splitSignature(signature); // { v: 27, r: '0x…', s: '0x…' } | undefined
 * ```
 */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } | undefined {
  if (signature.length !== 132) return undefined;
  const { r, s, v, yParity } = parseSignature(signature);
  return { r, s, v: v !== undefined ? Number(v) : yParity + 27 };
}

/**
 * A signer for a smart wallet (ERC-1271) whose `isValidSignature` accepts its owner's ECDSA signature of the
 * digest — the simplest wallet design, and the test `SmartWallet` of `contracts/test/utils`. Its `address` is
 * the wallet's, so messages are signed *for the wallet*; it cannot send transactions.
 *
 * @example
 * ```ts
 * import { ownerSignedSmartAccount } from '@plaza/sdk';
 * const wallet = ownerSignedSmartAccount({ address: walletAddress, owner: privateKeyToAccount(ownerKey) });
 * const permit = await plaza.pusd.signPermit({ spender, value, signer: wallet });
 * ```
 */
export function ownerSignedSmartAccount(options: { address: Address; owner: LocalAccount }): LocalAccount {
  const { address, owner } = options;
  return toAccount({
    address,
    signMessage: (parameters) => owner.signMessage(parameters),
    signTypedData: (parameters) => owner.signTypedData(parameters),
    signTransaction: () => {
      throw new PlazaError(
        `The smart wallet ${address} signs messages only; send its transactions through the wallet itself.`,
        { code: 'InvalidInput', errorName: 'InvalidInput' },
      );
    },
  });
}
