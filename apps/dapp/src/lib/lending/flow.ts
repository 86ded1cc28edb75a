// Lend / Borrow flows as lifecycle steps through plaza.lending (which pre-checks what the hub would refuse and
// simulates every write). pUSD approvals are their own steps (skipped when the allowance suffices); the
// collateral's approval is done by the SDK inside the posting step (RWA shares have no permit).
import { createLendingModule, createPusdModule, type PlazaContext } from '@plaza/sdk';
import type { Address } from 'viem';
import { formatAmount, type TokenUnit } from '../amount';
import type { StepSpec } from '../tx.svelte';
import { PUSD } from './forms';

const show = (value: bigint, unit: TokenUnit = PUSD) => `${formatAmount(value, unit)} ${unit.symbol}`;

function approvePusdStep(ctx: PlazaContext, owner: Address, amount: bigint, what: string): StepSpec {
  const pusd = createPusdModule(ctx);
  const hub = () => ctx.address('LendingHub');
  return {
    label: `Approve the lending hub to spend ${show(amount)} (${what})`,
    skipIf: async () => (await pusd.allowance(owner, hub())) >= amount,
    run: () => pusd.approve({ spender: hub(), amount }),
  };
}

export function supplySteps(ctx: PlazaContext, owner: Address, market: string, assets: bigint): StepSpec[] {
  const lending = createLendingModule(ctx);
  return [
    approvePusdStep(ctx, owner, assets, 'supply'),
    {
      label: `Supply ${show(assets)} to the ${market} market`,
      run: async () => (await lending.supply({ market, assets, approve: false })).supply,
    },
  ];
}

export function lenderWithdrawSteps(
  ctx: PlazaContext,
  market: string,
  plan: { assets: bigint; shares: bigint; all: boolean },
): StepSpec[] {
  const lending = createLendingModule(ctx);
  return [
    {
      label: plan.all
        ? `Withdraw your whole supply (${show(plan.assets)}) from ${market}`
        : `Withdraw ${show(plan.assets)} from ${market}`,
      run: () =>
        plan.all
          ? lending.withdraw({ market, shares: 'all' })
          : lending.withdraw({ market, assets: plan.assets }),
    },
  ];
}

/** Posting collateral (if any), then borrowing (if any). */
export function borrowSteps(
  ctx: PlazaContext,
  market: string,
  collateralToken: TokenUnit,
  plan: { collateral: bigint; borrow: bigint },
): StepSpec[] {
  const lending = createLendingModule(ctx);
  const steps: StepSpec[] = [];
  if (plan.collateral > 0n) {
    steps.push({
      label: `Approve and post ${show(plan.collateral, collateralToken)} as collateral`,
      run: async () => (await lending.supplyCollateral({ market, assets: plan.collateral })).supplyCollateral,
    });
  }
  if (plan.borrow > 0n) {
    steps.push({
      label: `Borrow ${show(plan.borrow)}`,
      run: () => lending.borrow({ market, assets: plan.borrow }),
    });
  }
  return steps;
}

export function repaySteps(
  ctx: PlazaContext,
  owner: Address,
  market: string,
  plan: { assets: bigint; shares: bigint; all: boolean },
): StepSpec[] {
  const lending = createLendingModule(ctx);
  // Repaying every share costs the debt at the block it lands in: approve a little headroom (the interest of a
  // few minutes is far below 0.01%).
  const approval = plan.all ? plan.assets + plan.assets / 10_000n + 1n : plan.assets;
  return [
    approvePusdStep(ctx, owner, approval, 'repayment'),
    {
      label: plan.all ? `Repay all your debt (${show(plan.assets)})` : `Repay ${show(plan.assets)}`,
      run: async () =>
        (plan.all
          ? await lending.repay({ market, all: true, approve: false })
          : await lending.repay({ market, assets: plan.assets, approve: false })
        ).repay,
    },
  ];
}

export function withdrawCollateralSteps(
  ctx: PlazaContext,
  market: string,
  collateralToken: TokenUnit,
  assets: bigint,
): StepSpec[] {
  const lending = createLendingModule(ctx);
  return [
    {
      label: `Withdraw ${show(assets, collateralToken)} of collateral`,
      run: () => lending.withdrawCollateral({ market, assets }),
    },
  ];
}

export function autoRepaySteps(ctx: PlazaContext, market: string, enabled: boolean): StepSpec[] {
  const lending = createLendingModule(ctx);
  return [
    {
      label: enabled
        ? `Let the collateral’s rent repay the ${market} loan`
        : `Pay the collateral’s rent out instead of repaying the ${market} loan`,
      run: () => lending.setAutoRepay({ market, enabled }),
    },
  ];
}
