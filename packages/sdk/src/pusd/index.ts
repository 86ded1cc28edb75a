import { plazaUsdAbi } from '@plaza/abi';
import type { Address } from 'viem';
import type { PlazaContext } from '../core/context.js';
import { createTokenActions, type TokenActions } from '../core/token.js';
import { assertAddress } from '../core/validate.js';

export { pusdErrorMessages, pusdErrors } from './errors.js';

/**
 * pUSD, Plaza's stablecoin: balances and allowances, transfers, EIP-2612 permits and EIP-3009 authorizations
 * (build, sign with any account — smart wallets included — and submit), and the blocklist and pause status.
 *
 * @example
 * ```ts
 * const balance = await plaza.pusd.balanceOf(alice);
 * const signed = await plaza.pusd.signTransferAuthorization({ to: bob, value: parsePusd('5') });
 * await (await relayer.pusd.transferWithAuthorization(signed)).wait(); // the relayer pays the gas
 * ```
 */
export interface PusdModule extends TokenActions {
  /** Whether `account` is on the sanctions blocklist (it can neither send nor receive). */
  isBlocked(account: Address): Promise<boolean>;
  /** Whether every movement of pUSD is paused. */
  paused(): Promise<boolean>;
}

/**
 * Builds the pUSD module on a context (what `createPlazaClient` does for `plaza.pusd`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createPusdModule } from '@plaza/sdk';
 * const pusd = createPusdModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createPusdModule(ctx: PlazaContext): PusdModule {
  const address = async () => ctx.address('PlazaUSD');
  const read = async <T>(functionName: 'isBlocked' | 'paused', args: readonly [Address] | readonly []) => {
    try {
      return (await ctx.publicClient.readContract({
        address: await address(),
        abi: plazaUsdAbi,
        functionName,
        args,
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, 'PlazaUSD', functionName);
    }
  };
  return {
    ...createTokenActions(ctx, { contract: 'PlazaUSD', abi: plazaUsdAbi, address }),
    async isBlocked(account) {
      assertAddress(account, 'account');
      return read<boolean>('isBlocked', [account]);
    },
    paused: async () => read<boolean>('paused', []),
  };
}
