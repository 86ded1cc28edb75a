// The PSM swap as a multi-step flow: a pre-flight check, the approval (skipped when the allowance suffices),
// then the swap. Everything goes through the SDK: the approval is the token module's `approve`, the swap is
// `sellGem`/`buyGem` (which checks again and simulates before the wallet is asked).
import {
  createPsmModule,
  createPusdModule,
  createUsdcModule,
  quoteBuyGem,
  quoteSellGem,
  type PlazaContext,
} from '@plaza/sdk';
import type { Address } from 'viem';
import { formatAmount } from '../amount';
import type { StepSpec } from '../tx.svelte';
import { payToken, receiveToken, type SwapPlan } from './swap';

/** `exact` approves what this swap needs; `max` approves 2^256 − 1 once (no approval next time). */
export type ApprovalChoice = 'exact' | 'max';

const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * What the PSM would refuse, checked before an approval is spent on a swap that cannot succeed. The errors are
 * the SDK's, under the contract's own custom error names, so they read exactly like a decoded revert.
 */
export async function checkSwap(ctx: PlazaContext, owner: Address, plan: SwapPlan): Promise<void> {
  const psm = createPsmModule(ctx);
  const pusd = createPusdModule(ctx);
  const contract = 'PegStabilityModule';
  const functionName = plan.direction === 'sell' ? 'sellGem' : 'buyGem';
  const [state, blocked] = await Promise.all([psm.state(), pusd.isBlocked(owner)]);
  if (state.paused) throw ctx.contractError(contract, 'SwapsPaused', {}, functionName);
  if (blocked) throw ctx.contractError(contract, 'AccountBlocked', { account: owner }, functionName);
  if (plan.direction === 'sell') {
    const { gross } = quoteSellGem(plan.gemAmount, state);
    if (state.minted + gross > state.debtCeiling) {
      throw ctx.contractError(
        contract,
        'DebtCeilingExceeded',
        { minted: state.minted + gross, debtCeiling: state.debtCeiling },
        functionName,
      );
    }
  } else {
    const { gross } = quoteBuyGem(plan.gemAmount, state);
    if (gross > state.minted) {
      throw ctx.contractError(
        contract,
        'InsufficientMinted',
        { requested: gross, minted: state.minted },
        functionName,
      );
    }
  }
}

/** The steps of a swap, for `session.tx.run`. */
export function swapSteps(
  ctx: PlazaContext,
  owner: Address,
  plan: SwapPlan,
  approval: ApprovalChoice,
): StepSpec[] {
  const psm = createPsmModule(ctx);
  const token = plan.direction === 'sell' ? createUsdcModule(ctx) : createPusdModule(ctx);
  const pay = payToken(plan.direction);
  const receive = receiveToken(plan.direction);
  const shown = (value: bigint, unit = pay) => `${formatAmount(value, unit)} ${unit.symbol}`;
  return [
    {
      label:
        approval === 'max'
          ? `Approve the PSM to spend your ${pay.symbol} (unlimited)`
          : `Approve the PSM to spend ${shown(plan.pay)}`,
      skipIf: async () => {
        await checkSwap(ctx, owner, plan);
        return (await token.allowance(owner, await psm.address())) >= plan.pay;
      },
      run: async () =>
        token.approve({
          spender: await psm.address(),
          amount: approval === 'max' ? MAX_UINT256 : plan.pay,
        }),
    },
    {
      label: `Swap ${shown(plan.pay)} for ${shown(plan.receive, receive)}`,
      run: async () => {
        const { swap } =
          plan.direction === 'sell'
            ? await psm.sellGem({ gemAmount: plan.gemAmount, approve: false })
            : await psm.buyGem({ gemAmount: plan.gemAmount, approve: false });
        return swap;
      },
    },
  ];
}
