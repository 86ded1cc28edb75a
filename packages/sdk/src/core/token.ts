import type { Abi, Account, Address, Hex, TypedDataDefinition } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from './context.js';
import { PlazaError } from './errors.js';
import {
  cancelAuthorizationTypedData,
  permitTypedData,
  randomAuthorizationNonce,
  receiveAuthorizationTypedData,
  signTypedDataWith,
  splitSignature,
  transferAuthorizationTypedData,
  type AuthorizationMessage,
  type PlazaSigner,
  type TokenDomain,
} from './typedData.js';
import { defaultsClock } from './read.js';
import { assertAddress, assertAmount, assertBytes32 } from './validate.js';
import { writeContract, type WriteResult } from './write.js';

/**
 * A signed EIP-2612 permit, ready to submit (by anyone) with `permit()`.
 *
 * @example
 * ```ts
 * const signed: SignedPermit = await plaza.pusd.signPermit({ spender, value: parsePusd('25') });
 * await (await plaza.pusd.permit(signed)).wait();
 * ```
 */
export interface SignedPermit {
  readonly token: Address;
  readonly owner: Address;
  readonly spender: Address;
  readonly value: bigint;
  readonly nonce: bigint;
  readonly deadline: bigint;
  readonly signature: Hex;
}

/**
 * A signed EIP-3009 authorization: `transfer` (anyone submits) or `receive` (only the payee submits).
 *
 * @example
 * ```ts
 * const signed: SignedAuthorization = await plaza.pusd.signTransferAuthorization({ to, value: parsePusd('5') });
 * await (await relayer.pusd.transferWithAuthorization(signed)).wait();
 * ```
 */
export interface SignedAuthorization extends AuthorizationMessage {
  readonly kind: 'transfer' | 'receive';
  readonly token: Address;
  readonly signature: Hex;
}

/**
 * A signed EIP-3009 cancellation of an unused authorization nonce.
 *
 * @example
 * ```ts
 * const signed: SignedCancelAuthorization = await plaza.pusd.signCancelAuthorization({ nonce });
 * await (await plaza.pusd.cancelAuthorization(signed)).wait();
 * ```
 */
export interface SignedCancelAuthorization {
  readonly token: Address;
  readonly authorizer: Address;
  readonly nonce: Hex;
  readonly signature: Hex;
}

/**
 * How a signature goes on-chain: `auto` uses the `v, r, s` overload for 65-byte signatures (EOAs, and wallets
 * whose ERC-1271 check accepts them) and the `bytes` overload otherwise; `vrs`/`bytes` force one.
 *
 * @example
 * ```ts
 * await plaza.pusd.permit(signed, { form: 'bytes' });
 * ```
 */
export type SignatureForm = 'auto' | 'vrs' | 'bytes';

/**
 * Options of a write: another account than the wallet client's, and (for signatures) the overload.
 *
 * @example
 * ```ts
 * await plaza.pusd.transferWithAuthorization(signed, { account: relayerAccount });
 * ```
 */
export interface SubmitOptions {
  readonly account?: Account | Address;
  readonly form?: SignatureForm;
}

/**
 * The parts of an ERC-20 with EIP-2612 and EIP-3009 (pUSD, USDC) that the SDK's token modules share.
 *
 * @example
 * ```ts
 * const balance = await plaza.pusd.balanceOf(alice);
 * const signed = await plaza.usdc.signTransferAuthorization({ to: bob, value: parseUsdc('1') });
 * ```
 */
export interface TokenActions {
  /** The token's address. */
  address(): Promise<Address>;
  /** Its EIP-712 domain (read once from `eip712Domain()`, ERC-5267, or `name()` + `version()`; then cached). */
  domain(): Promise<TokenDomain>;
  balanceOf(account: Address): Promise<bigint>;
  allowance(owner: Address, spender: Address): Promise<bigint>;
  totalSupply(): Promise<bigint>;
  /** The next EIP-2612 nonce of `owner`. */
  nonces(owner: Address): Promise<bigint>;
  /** Whether an EIP-3009 nonce of `authorizer` was used or canceled. */
  authorizationState(authorizer: Address, nonce: Hex): Promise<boolean>;
  transfer(params: {
    to: Address;
    amount: bigint;
    account?: Account | Address;
  }): Promise<WriteResult<boolean>>;
  approve(params: {
    spender: Address;
    amount: bigint;
    account?: Account | Address;
  }): Promise<WriteResult<boolean>>;
  transferFrom(params: {
    from: Address;
    to: Address;
    amount: bigint;
    account?: Account | Address;
  }): Promise<WriteResult<boolean>>;
  /** EIP-2612 typed data (nonce read from the chain unless given). */
  permitTypedData(params: {
    owner: Address;
    spender: Address;
    value: bigint;
    deadline: bigint;
    nonce?: bigint;
  }): Promise<TypedDataDefinition>;
  /** Signs a permit as `signer` (default: the wallet's account); the deadline defaults to one hour ahead. */
  signPermit(params: {
    spender: Address;
    value: bigint;
    deadline?: bigint;
    nonce?: bigint;
    signer?: PlazaSigner;
  }): Promise<SignedPermit>;
  /** Submits a signed permit (anyone may). */
  permit(signed: SignedPermit, options?: SubmitOptions): Promise<WriteResult<void>>;
  /** Signs an EIP-3009 transfer from `signer` to `to`; valid from now (validAfter 0) for an hour by default. */
  signTransferAuthorization(params: AuthorizationParams): Promise<SignedAuthorization>;
  /** Submits a signed transfer authorization (anyone may: a relayer pays the gas). */
  transferWithAuthorization(signed: SignedAuthorization, options?: SubmitOptions): Promise<WriteResult<void>>;
  /** Signs an EIP-3009 receive authorization: only `to` may submit it. */
  signReceiveAuthorization(params: AuthorizationParams): Promise<SignedAuthorization>;
  /** Submits a signed receive authorization; the sender must be its payee `to`. */
  receiveWithAuthorization(signed: SignedAuthorization, options?: SubmitOptions): Promise<WriteResult<void>>;
  /** Signs the cancellation of an unused authorization nonce. */
  signCancelAuthorization(params: { nonce: Hex; signer?: PlazaSigner }): Promise<SignedCancelAuthorization>;
  cancelAuthorization(signed: SignedCancelAuthorization, options?: SubmitOptions): Promise<WriteResult<void>>;
}

/**
 * What to authorize with EIP-3009; `nonce` defaults to 32 random bytes.
 *
 * @example
 * ```ts
 * const params: AuthorizationParams = { to: merchant, value: parsePusd('9.99'), validBefore: deadline };
 * ```
 */
export interface AuthorizationParams {
  readonly to: Address;
  readonly value: bigint;
  readonly validAfter?: bigint;
  readonly validBefore?: bigint;
  readonly nonce?: Hex;
  readonly signer?: PlazaSigner;
}

const eip712DomainAbi = [
  {
    type: 'function',
    name: 'eip712Domain',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      { name: 'fields', type: 'bytes1' },
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
      { name: 'salt', type: 'bytes32' },
      { name: 'extensions', type: 'uint256[]' },
    ],
  },
] as const;

const nameVersionAbi = [
  {
    type: 'function',
    name: 'name',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'string' }],
  },
  {
    type: 'function',
    name: 'version',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'string' }],
  },
] as const;

/** Where default deadlines count from (see `defaultsClock`). */
const chainTime = defaultsClock;

/**
 * Builds {@link TokenActions} for one token contract of the deployment (or any address).
 *
 * @example
 * ```ts
 * import { createTokenActions } from '@plaza/sdk';
 * import { plazaUsdAbi } from '@plaza/abi';
 * const pusd = createTokenActions(ctx, { contract: 'PlazaUSD', abi: plazaUsdAbi, address: async () => ctx.address('PlazaUSD') });
 * ```
 */
export function createTokenActions(
  ctx: PlazaContext,
  token: { contract: string; abi: Abi; address: () => Promise<Address> },
): TokenActions {
  const { contract, abi } = token;
  let domain: Promise<TokenDomain> | undefined;

  const read = async <T>(functionName: string, args: readonly unknown[] = []): Promise<T> => {
    const address = await token.address();
    try {
      return (await ctx.publicClient.readContract({ address, abi, functionName, args })) as T;
    } catch (error) {
      throw ctx.decodeError(error, contract, functionName);
    }
  };
  const send = async <T>(
    functionName: string,
    args: readonly unknown[],
    account?: Account | Address,
  ): Promise<WriteResult<T>> =>
    writeContract<T>(ctx, {
      contract,
      abi,
      functionName,
      args,
      address: await token.address(),
      ...(account ? { account } : {}),
    });

  const signerOf = (signer: PlazaSigner | undefined): PlazaSigner => requireAccount(ctx, signer);

  async function signAuthorization(kind: 'transfer' | 'receive', params: AuthorizationParams) {
    assertAddress(params.to, 'to');
    assertAmount(params.value, 'value');
    const signer = signerOf(params.signer);
    const validAfter = params.validAfter ?? 0n;
    const validBefore = params.validBefore ?? (await chainTime(ctx)) + 3600n;
    assertAmount(validAfter, 'validAfter');
    assertAmount(validBefore, 'validBefore', { min: validAfter + 1n });
    const nonce = params.nonce ?? randomAuthorizationNonce();
    assertBytes32(nonce, 'nonce');
    const message: AuthorizationMessage = {
      from: accountAddress(signer),
      to: params.to,
      value: params.value,
      validAfter,
      validBefore,
      nonce,
    };
    const d = await actions.domain();
    const typedData =
      kind === 'transfer'
        ? transferAuthorizationTypedData(d, message)
        : receiveAuthorizationTypedData(d, message);
    const signature = await signTypedDataWith(signer, ctx.walletClient, typedData as TypedDataDefinition);
    return { kind, token: d.verifyingContract, ...message, signature } satisfies SignedAuthorization;
  }

  function signatureArgs(signature: Hex, form: SignatureForm = 'auto'): readonly unknown[] {
    const parts = splitSignature(signature);
    if (form === 'vrs' && !parts) {
      throw new PlazaError(
        'This signature is not 65 bytes, so it has no v, r, s: submit it with form "bytes".',
        {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
        },
      );
    }
    return form !== 'bytes' && parts ? [parts.v, parts.r, parts.s] : [signature];
  }

  /** A signature for another token would only fail on-chain as InvalidSignature: say so before sending. */
  async function checkToken(signedFor: Address) {
    const address = await token.address();
    if (signedFor.toLowerCase() !== address.toLowerCase()) {
      throw new PlazaError(`This was signed for the token ${signedFor}, not ${contract} (${address}).`, {
        code: 'InvalidInput',
        errorName: 'InvalidInput',
        args: { name: 'token', value: signedFor },
      });
    }
  }

  async function submitAuthorization(
    functionName: string,
    signed: SignedAuthorization,
    options: SubmitOptions,
  ) {
    await checkToken(signed.token);
    return send<void>(
      functionName,
      [
        signed.from,
        signed.to,
        signed.value,
        signed.validAfter,
        signed.validBefore,
        signed.nonce,
        ...signatureArgs(signed.signature, options.form),
      ],
      options.account,
    );
  }

  const actions: TokenActions = {
    address: token.address,
    domain() {
      domain ??= (async () => {
        const address = await token.address();
        try {
          const [, name, version, chainId, verifyingContract] = await ctx.publicClient.readContract({
            address,
            abi: eip712DomainAbi,
            functionName: 'eip712Domain',
          });
          return { name, version, chainId: Number(chainId), verifyingContract };
        } catch (error) {
          // Tokens without ERC-5267 (Circle's USDC) expose name() and version() instead.
          try {
            const [name, version] = await Promise.all([
              ctx.publicClient.readContract({ address, abi: nameVersionAbi, functionName: 'name' }),
              ctx.publicClient.readContract({ address, abi: nameVersionAbi, functionName: 'version' }),
            ]);
            return { name, version, chainId: ctx.chainId, verifyingContract: address };
          } catch {
            domain = undefined;
            throw ctx.decodeError(error, contract, 'eip712Domain');
          }
        }
      })();
      return domain;
    },
    async balanceOf(account) {
      assertAddress(account, 'account');
      return read('balanceOf', [account]);
    },
    async allowance(owner, spender) {
      assertAddress(owner, 'owner');
      assertAddress(spender, 'spender');
      return read('allowance', [owner, spender]);
    },
    totalSupply: async () => read('totalSupply'),
    async nonces(owner) {
      assertAddress(owner, 'owner');
      return read('nonces', [owner]);
    },
    async authorizationState(authorizer, nonce) {
      assertAddress(authorizer, 'authorizer');
      assertBytes32(nonce, 'nonce');
      return read('authorizationState', [authorizer, nonce]);
    },
    async transfer({ to, amount, account }) {
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      return send('transfer', [to, amount], account);
    },
    async approve({ spender, amount, account }) {
      assertAddress(spender, 'spender');
      assertAmount(amount, 'amount');
      return send('approve', [spender, amount], account);
    },
    async transferFrom({ from, to, amount, account }) {
      assertAddress(from, 'from');
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      return send('transferFrom', [from, to, amount], account);
    },
    async permitTypedData({ owner, spender, value, deadline, nonce }) {
      assertAddress(owner, 'owner');
      assertAddress(spender, 'spender');
      assertAmount(value, 'value');
      assertAmount(deadline, 'deadline');
      const resolvedNonce = nonce ?? (await actions.nonces(owner));
      return permitTypedData(await actions.domain(), {
        owner,
        spender,
        value,
        nonce: resolvedNonce,
        deadline,
      }) as TypedDataDefinition;
    },
    async signPermit({ spender, value, deadline, nonce, signer }) {
      const account = signerOf(signer);
      const owner = accountAddress(account);
      const resolvedDeadline = deadline ?? (await chainTime(ctx)) + 3600n;
      const resolvedNonce = nonce ?? (await actions.nonces(owner));
      const typedData = await actions.permitTypedData({
        owner,
        spender,
        value,
        deadline: resolvedDeadline,
        nonce: resolvedNonce,
      });
      const signature = await signTypedDataWith(account, ctx.walletClient, typedData);
      return {
        token: await token.address(),
        owner,
        spender,
        value,
        nonce: resolvedNonce,
        deadline: resolvedDeadline,
        signature,
      };
    },
    async permit(signed, options = {}) {
      await checkToken(signed.token);
      return send<void>(
        'permit',
        [
          signed.owner,
          signed.spender,
          signed.value,
          signed.deadline,
          ...signatureArgs(signed.signature, options.form),
        ],
        options.account,
      );
    },
    signTransferAuthorization: (params) => signAuthorization('transfer', params),
    async transferWithAuthorization(signed, options = {}) {
      if (signed.kind !== 'transfer') {
        throw new PlazaError(
          'This is a receive authorization: submit it with receiveWithAuthorization, as its payee.',
          {
            code: 'InvalidInput',
            errorName: 'InvalidInput',
          },
        );
      }
      return submitAuthorization('transferWithAuthorization', signed, options);
    },
    signReceiveAuthorization: (params) => signAuthorization('receive', params),
    async receiveWithAuthorization(signed, options = {}) {
      if (signed.kind !== 'receive') {
        throw new PlazaError('This is a transfer authorization: submit it with transferWithAuthorization.', {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
        });
      }
      return submitAuthorization('receiveWithAuthorization', signed, options);
    },
    async signCancelAuthorization({ nonce, signer }) {
      assertBytes32(nonce, 'nonce');
      const account = signerOf(signer);
      const authorizer = accountAddress(account);
      const d = await actions.domain();
      const signature = await signTypedDataWith(
        account,
        ctx.walletClient,
        cancelAuthorizationTypedData(d, { authorizer, nonce }) as TypedDataDefinition,
      );
      return { token: d.verifyingContract, authorizer, nonce, signature };
    },
    async cancelAuthorization(signed, options = {}) {
      await checkToken(signed.token);
      return send<void>(
        'cancelAuthorization',
        [signed.authorizer, signed.nonce, ...signatureArgs(signed.signature, options.form)],
        options.account,
      );
    },
  };
  return actions;
}
