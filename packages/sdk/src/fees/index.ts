import { feeCollectorAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import type { PlazaContext } from '../core/context.js';
import { assertAddress } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { splitFees, type FeeRecipient, type FeeShare } from './math.js';

export { feesErrorMessages, feesErrors } from './errors.js';
export { splitFees, type FeeRecipient, type FeeShare } from './math.js';

/**
 * The FeeCollector: where every module's fees arrive, how they are split, and the permissionless
 * `distribute`/`claim`. `token` defaults to pUSD.
 *
 * @example
 * ```ts
 * const preview = await plaza.fees.previewDistribution();
 * await (await plaza.fees.distribute()).wait();
 * ```
 */
export interface FeesModule {
  address(): Promise<Address>;
  recipients(): Promise<FeeRecipient[]>;
  /** What `distribute(token)` would split now: the balance minus unclaimed credits. */
  undistributed(token?: Address): Promise<bigint>;
  /** Credits owed in `token` to recipients whose payment failed. */
  totalCredit(token?: Address): Promise<bigint>;
  creditOf(recipient: Address, token?: Address): Promise<bigint>;
  /** The shares `distribute(token)` would pay now, computed exactly as the contract does. */
  previewDistribution(token?: Address): Promise<{ amount: bigint; shares: FeeShare[] }>;
  /** Splits the undistributed balance of `token` (anyone may call it); `result` is the amount distributed. */
  distribute(params?: { token?: Address; account?: Account | Address }): Promise<WriteResult<bigint>>;
  /** Pays `recipient` its credit in `token` (anyone may call it). */
  claim(params: {
    recipient: Address;
    token?: Address;
    account?: Account | Address;
  }): Promise<WriteResult<bigint>>;
}

/**
 * Builds the fees module on a context (what `createPlazaClient` does for `plaza.fees`).
 *
 * @example
 * ```ts
 * import { createFeesModule, createPlazaContext } from '@plaza/sdk';
 * const fees = createFeesModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createFeesModule(ctx: PlazaContext): FeesModule {
  const CONTRACT = 'FeeCollector';
  const address = async () => ctx.address(CONTRACT);
  const tokenOf = (token?: Address): Address => {
    const resolved = token ?? ctx.address('PlazaUSD');
    assertAddress(resolved, 'token');
    return resolved;
  };
  const read = async <T>(functionName: string, args: readonly unknown[] = []): Promise<T> => {
    try {
      return (await ctx.publicClient.readContract({
        address: await address(),
        abi: feeCollectorAbi,
        functionName,
        args,
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, CONTRACT, functionName);
    }
  };
  const module: FeesModule = {
    address,
    async recipients() {
      const list = await read<readonly FeeRecipient[]>('recipients');
      return list.map(({ account, bps, notify }) => ({ account, bps, notify }));
    },
    undistributed: async (token) => read<bigint>('undistributed', [tokenOf(token)]),
    totalCredit: async (token) => read<bigint>('totalCredit', [tokenOf(token)]),
    async creditOf(recipient, token) {
      assertAddress(recipient, 'recipient');
      return read<bigint>('creditOf', [tokenOf(token), recipient]);
    },
    async previewDistribution(token) {
      const [amount, recipients] = await Promise.all([module.undistributed(token), module.recipients()]);
      return { amount, shares: splitFees(amount, recipients) };
    },
    async distribute({ token, account } = {}) {
      return writeContract<bigint>(ctx, {
        contract: CONTRACT,
        abi: feeCollectorAbi,
        functionName: 'distribute',
        args: [tokenOf(token)],
        ...(account ? { account } : {}),
      });
    },
    async claim({ recipient, token, account }) {
      assertAddress(recipient, 'recipient');
      return writeContract<bigint>(ctx, {
        contract: CONTRACT,
        abi: feeCollectorAbi,
        functionName: 'claim',
        args: [tokenOf(token), recipient],
        ...(account ? { account } : {}),
      });
    },
  };
  return module;
}
