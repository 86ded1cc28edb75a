import { pegStabilityModuleAbi, plazaUsdAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { createUsdcModule } from '../usdc/index.js';
import {
  gemForPusdOut,
  maxBuyGem,
  quoteBuyGem,
  quoteSellGem,
  type BuyGemQuote,
  type PsmFeeParams,
  type SellGemQuote,
} from './math.js';

export { psmErrorMessages, psmErrors } from './errors.js';
export * from './math.js';

/**
 * Everything the PSM's swaps depend on, read in one go.
 *
 * @example
 * ```ts
 * const { tin, tout, minted, debtCeiling, paused } = await plaza.psm.state();
 * ```
 */
export interface PsmState extends PsmFeeParams {
  /** pUSD outstanding through the PSM (fees included). */
  readonly minted: bigint;
  readonly debtCeiling: bigint;
  readonly paused: boolean;
  /** Gem (USDC) held. */
  readonly reserves: bigint;
  readonly gem: Address;
  readonly feeCollector: Address;
}

/**
 * How a swap gets its allowance: `exact` approves what the swap needs when the allowance is short (default),
 * `max` approves 2^256 − 1, `false` never approves (a short allowance is then an error before anything is sent).
 *
 * @example
 * ```ts
 * await plaza.psm.sellGem({ gemAmount, approve: 'max' });
 * ```
 */
export type ApprovalMode = 'exact' | 'max' | false;

/**
 * The transactions of a swap: the approval, if one was needed (already mined), and the swap.
 *
 * @example
 * ```ts
 * const { approval, swap } = await plaza.psm.sellGem({ gemAmount: parseUsdc('100') });
 * await swap.wait();
 * ```
 */
export interface SwapResult {
  readonly approval?: WriteResult<boolean>;
  readonly swap: WriteResult<bigint>;
}

/**
 * The PegStabilityModule: USDC ↔ pUSD at 1:1 with fees. Quotes are computed locally exactly as the contract
 * rounds; swaps check pause, ceiling, balances and the blocklist first, approve when needed, then simulate and
 * send.
 *
 * @example
 * ```ts
 * const quote = await plaza.psm.quoteSellGem(parseUsdc('100'));
 * const { swap } = await plaza.psm.sellGem({ gemAmount: parseUsdc('100') });
 * await swap.wait();
 * ```
 */
export interface PsmModule {
  address(): Promise<Address>;
  state(): Promise<PsmState>;
  /** What selling `gemAmount` USDC gives now (local math on the current `tin`). */
  quoteSellGem(gemAmount: bigint): Promise<SellGemQuote>;
  /** What buying `gemAmount` USDC costs now (local math on the current `tout`). */
  quoteBuyGem(gemAmount: bigint): Promise<BuyGemQuote>;
  /** The least USDC to sell for at least `pusdOut` pUSD. */
  gemForPusdOut(pusdOut: bigint): Promise<bigint>;
  /** The most USDC that `pusdBudget` pUSD buys. */
  maxBuyGem(pusdBudget: bigint): Promise<bigint>;
  /** The contract's own `previewSellGem`. */
  previewSellGem(gemAmount: bigint): Promise<{ pusdOut: bigint; fee: bigint }>;
  /** The contract's own `previewBuyGem`. */
  previewBuyGem(gemAmount: bigint): Promise<{ pusdIn: bigint; fee: bigint }>;
  /** Sells USDC for pUSD sent to `to` (default: the sender). */
  sellGem(params: {
    gemAmount: bigint;
    to?: Address;
    approve?: ApprovalMode;
    account?: Account | Address;
  }): Promise<SwapResult>;
  /** Buys USDC, sent to `to` (default: the sender), with pUSD. */
  buyGem(params: {
    gemAmount: bigint;
    to?: Address;
    approve?: ApprovalMode;
    account?: Account | Address;
  }): Promise<SwapResult>;
}

const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * Builds the PSM module on a context (what `createPlazaClient` does for `plaza.psm`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createPsmModule } from '@plaza/sdk';
 * const psm = createPsmModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createPsmModule(ctx: PlazaContext): PsmModule {
  const CONTRACT = 'PegStabilityModule';
  const address = async () => ctx.address(CONTRACT);
  const usdc = createUsdcModule(ctx);
  let to18: Promise<bigint> | undefined;

  const read = async <T>(functionName: string, args: readonly unknown[] = []): Promise<T> => {
    try {
      return (await ctx.publicClient.readContract({
        address: await address(),
        abi: pegStabilityModuleAbi,
        functionName,
        args,
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, CONTRACT, functionName);
    }
  };
  const scale = () => {
    to18 ??= read<bigint>('to18').catch((error: unknown) => {
      to18 = undefined;
      throw error;
    });
    return to18;
  };
  const pusdRead = async <T>(
    functionName: 'isBlocked' | 'balanceOf' | 'allowance',
    args: readonly unknown[],
  ) => {
    try {
      return (await ctx.publicClient.readContract({
        address: ctx.address('PlazaUSD'),
        abi: plazaUsdAbi,
        functionName,
        args,
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, 'PlazaUSD', functionName);
    }
  };

  async function state(): Promise<PsmState> {
    const [tin, tout, minted, debtCeiling, paused, reserves, gem, feeCollector, scaleValue] =
      await Promise.all([
        read<bigint>('tin'),
        read<bigint>('tout'),
        read<bigint>('minted'),
        read<bigint>('debtCeiling'),
        read<boolean>('paused'),
        read<bigint>('reserves'),
        read<Address>('gem'),
        read<Address>('feeCollector'),
        scale(),
      ]);
    return { tin, tout, to18: scaleValue, minted, debtCeiling, paused, reserves, gem, feeCollector };
  }

  /** Approves `amount` of `token` for the PSM if the allowance is short, and waits for it. */
  async function ensureAllowance(
    token: 'usdc' | 'pusd',
    owner: Address,
    amount: bigint,
    mode: ApprovalMode,
    account: Account | Address,
    functionName: string,
  ): Promise<WriteResult<boolean> | undefined> {
    const spender = await address();
    const current =
      token === 'usdc'
        ? await usdc.allowance(owner, spender)
        : await pusdRead<bigint>('allowance', [owner, spender]);
    if (current >= amount) return undefined;
    if (mode === false) {
      throw ctx.contractError(
        token === 'usdc' ? usdc.contract : 'PlazaUSD',
        'ERC20InsufficientAllowance',
        { spender, allowance: current, needed: amount },
        functionName,
      );
    }
    const value = mode === 'max' ? MAX_UINT256 : amount;
    const approval =
      token === 'usdc'
        ? await usdc.approve({ spender, amount: value, account })
        : await writeContract<boolean>(ctx, {
            contract: 'PlazaUSD',
            abi: plazaUsdAbi,
            functionName: 'approve',
            args: [spender, value],
            account,
          });
    await approval.wait();
    return approval;
  }

  return {
    address,
    state,
    async quoteSellGem(gemAmount) {
      assertAmount(gemAmount, 'gemAmount');
      const [tin, scaleValue] = await Promise.all([read<bigint>('tin'), scale()]);
      return quoteSellGem(gemAmount, { tin, to18: scaleValue });
    },
    async quoteBuyGem(gemAmount) {
      assertAmount(gemAmount, 'gemAmount');
      const [tout, scaleValue] = await Promise.all([read<bigint>('tout'), scale()]);
      return quoteBuyGem(gemAmount, { tout, to18: scaleValue });
    },
    async gemForPusdOut(pusdOut) {
      assertAmount(pusdOut, 'pusdOut');
      const [tin, scaleValue] = await Promise.all([read<bigint>('tin'), scale()]);
      return gemForPusdOut(pusdOut, { tin, to18: scaleValue });
    },
    async maxBuyGem(pusdBudget) {
      assertAmount(pusdBudget, 'pusdBudget');
      const [tout, scaleValue] = await Promise.all([read<bigint>('tout'), scale()]);
      return maxBuyGem(pusdBudget, { tout, to18: scaleValue });
    },
    async previewSellGem(gemAmount) {
      assertAmount(gemAmount, 'gemAmount');
      const [pusdOut, fee] = await read<readonly [bigint, bigint]>('previewSellGem', [gemAmount]);
      return { pusdOut, fee };
    },
    async previewBuyGem(gemAmount) {
      assertAmount(gemAmount, 'gemAmount');
      const [pusdIn, fee] = await read<readonly [bigint, bigint]>('previewBuyGem', [gemAmount]);
      return { pusdIn, fee };
    },

    async sellGem({ gemAmount, to, approve = 'exact', account }) {
      assertAmount(gemAmount, 'gemAmount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');

      // Pre-flight: what the contract would refuse, before an approval is spent on it.
      const s = await state();
      if (s.paused) throw ctx.contractError(CONTRACT, 'SwapsPaused', {}, 'sellGem');
      if (gemAmount === 0n) throw ctx.contractError(CONTRACT, 'ZeroAmount', {}, 'sellGem');
      const quote = quoteSellGem(gemAmount, s);
      if (s.minted + quote.gross > s.debtCeiling) {
        throw ctx.contractError(
          CONTRACT,
          'DebtCeilingExceeded',
          { minted: s.minted + quote.gross, debtCeiling: s.debtCeiling },
          'sellGem',
        );
      }
      for (const who of new Set([from, receiver])) {
        if (await pusdRead<boolean>('isBlocked', [who])) {
          throw ctx.contractError(CONTRACT, 'AccountBlocked', { account: who }, 'sellGem');
        }
      }
      const balance = await usdc.balanceOf(from);
      if (balance < gemAmount) {
        throw ctx.contractError(
          usdc.contract,
          'ERC20InsufficientBalance',
          { sender: from, balance, needed: gemAmount },
          'sellGem',
        );
      }

      const approval = await ensureAllowance('usdc', from, gemAmount, approve, sender, 'sellGem');
      const swap = await writeContract<bigint>(ctx, {
        contract: CONTRACT,
        abi: pegStabilityModuleAbi,
        functionName: 'sellGem',
        args: [receiver, gemAmount],
        account: sender,
      });
      return approval ? { approval, swap } : { swap };
    },

    async buyGem({ gemAmount, to, approve = 'exact', account }) {
      assertAmount(gemAmount, 'gemAmount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');

      const s = await state();
      if (s.paused) throw ctx.contractError(CONTRACT, 'SwapsPaused', {}, 'buyGem');
      if (gemAmount === 0n) throw ctx.contractError(CONTRACT, 'ZeroAmount', {}, 'buyGem');
      const quote = quoteBuyGem(gemAmount, s);
      if (quote.gross > s.minted) {
        throw ctx.contractError(
          CONTRACT,
          'InsufficientMinted',
          { requested: quote.gross, minted: s.minted },
          'buyGem',
        );
      }
      for (const who of new Set([from, receiver])) {
        if (await pusdRead<boolean>('isBlocked', [who])) {
          throw ctx.contractError(CONTRACT, 'AccountBlocked', { account: who }, 'buyGem');
        }
      }
      const balance = await pusdRead<bigint>('balanceOf', [from]);
      if (balance < quote.pusdIn) {
        throw ctx.contractError(
          'PlazaUSD',
          'ERC20InsufficientBalance',
          { sender: from, balance, needed: quote.pusdIn },
          'buyGem',
        );
      }

      const approval = await ensureAllowance('pusd', from, quote.pusdIn, approve, sender, 'buyGem');
      const swap = await writeContract<bigint>(ctx, {
        contract: CONTRACT,
        abi: pegStabilityModuleAbi,
        functionName: 'buyGem',
        args: [receiver, gemAmount],
        account: sender,
      });
      return approval ? { approval, swap } : { swap };
    },
  };
}
