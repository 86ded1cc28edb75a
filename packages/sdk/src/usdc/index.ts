import { mockUsdcAbi, pegStabilityModuleAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import type { PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { createTokenActions, type TokenActions } from '../core/token.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';

export { usdcErrorMessages, usdcErrors } from './errors.js';

/**
 * USDC, the PSM's reserve token (MockUSDC with a public faucet on dev chains): balances, approvals, EIP-2612
 * and EIP-3009 like pUSD, and `faucet` where the deployment has MockUSDC.
 *
 * @example
 * ```ts
 * await (await plaza.usdc.faucet({ to: alice, amount: parseUsdc('1000') })).wait(); // dev chains only
 * const balance = await plaza.usdc.balanceOf(alice);
 * ```
 */
export interface UsdcModule extends TokenActions {
  /** The address book name of the token: `MockUSDC` on dev chains, `USDC` otherwise. */
  readonly contract: string;
  /** Whether this is the dev-chain MockUSDC (which has a faucet). */
  isMock(): boolean;
  /** Mints test USDC (MockUSDC only; a `NotDeployed` {@link PlazaError} elsewhere). */
  faucet(params: { to: Address; amount: bigint; account?: Account | Address }): Promise<WriteResult<void>>;
}

const resolved = new WeakMap<PlazaContext, Promise<Address>>();

/**
 * The USDC address of a deployment: its `MockUSDC` or `USDC` entry, or else the PSM's gem (read once).
 *
 * @example
 * ```ts
 * import { usdcAddress } from '@plaza/sdk';
 * const usdc = await usdcAddress(ctx);
 * ```
 */
export function usdcAddress(ctx: PlazaContext): Promise<Address> {
  let address = resolved.get(ctx);
  if (!address) {
    address = (async () => {
      if (ctx.has('MockUSDC')) return ctx.address('MockUSDC');
      if (ctx.has('USDC')) return ctx.address('USDC');
      try {
        return await ctx.publicClient.readContract({
          address: ctx.address('PegStabilityModule'),
          abi: pegStabilityModuleAbi,
          functionName: 'gem',
        });
      } catch (error) {
        resolved.delete(ctx);
        throw ctx.decodeError(error, 'PegStabilityModule', 'gem');
      }
    })();
    resolved.set(ctx, address);
  }
  return address;
}

/**
 * Builds the USDC module on a context (what `createPlazaClient` does for `plaza.usdc`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createUsdcModule } from '@plaza/sdk';
 * const usdc = createUsdcModule(createPlazaContext({ publicClient, walletClient, chainId, deployment }));
 * ```
 */
export function createUsdcModule(ctx: PlazaContext): UsdcModule {
  const mock = ctx.has('MockUSDC');
  const contract = mock ? 'MockUSDC' : 'USDC';
  return {
    ...createTokenActions(ctx, { contract, abi: mockUsdcAbi, address: () => usdcAddress(ctx) }),
    contract,
    isMock: () => mock,
    async faucet({ to, amount, account }) {
      if (!mock) {
        throw new PlazaError(
          `The ${ctx.deployment.network} deployment has no MockUSDC: the USDC faucet exists on dev chains only.`,
          { code: 'NotDeployed', args: { contract: 'MockUSDC' }, contract: 'MockUSDC', functionName: 'mint' },
        );
      }
      assertAddress(to, 'to');
      assertAmount(amount, 'amount', { min: 1n });
      return writeContract<void>(ctx, {
        contract: 'MockUSDC',
        abi: mockUsdcAbi,
        functionName: 'mint',
        args: [to, amount],
        ...(account ? { account } : {}),
      });
    },
  };
}
