// The liquidity page's flows as lifecycle steps: approvals for the position manager (skipped when the allowance
// suffices), the mint, and optionally the deposit staked into programs; stake, claim, unstake and withdraw.
// Every write is the SDK's (plaza.incentives), which pre-checks what the contracts would refuse and simulates.
import {
  createIncentivesModule,
  createPusdModule,
  createUsdcModule,
  type PlazaContext,
  type ProgramKey,
  type WriteResult,
} from '@plaza/sdk';
import type { Address } from 'viem';
import { formatAmount } from '../amount';
import type { StepSpec } from '../tx.svelte';
import type { ProgramView } from './positions';
import { PUSD, USDC, type DepositPlan } from './range';

/** Steps of "create a position" (and, when `stakeInto` is not empty, deposit it staked into those programs). */
export function mintSteps(
  ctx: PlazaContext,
  owner: Address,
  plan: DepositPlan,
  stakeInto: readonly ProgramKey[],
  slippageBps = 50,
): StepSpec[] {
  const incentives = createIncentivesModule(ctx);
  const tokens = [
    { module: createPusdModule(ctx), amount: plan.pusd, unit: PUSD },
    { module: createUsdcModule(ctx), amount: plan.usdc, unit: USDC },
  ];
  const steps: StepSpec[] = tokens
    .filter((t) => t.amount > 0n)
    .map((t) => ({
      label: `Approve the position manager to spend ${formatAmount(t.amount, t.unit)} ${t.unit.symbol}`,
      skipIf: async () => (await t.module.allowance(owner, await incentives.positionManager())) >= t.amount,
      run: async () => t.module.approve({ spender: await incentives.positionManager(), amount: t.amount }),
    }));
  steps.push({
    label: `Add ${formatAmount(plan.pusd, PUSD)} pUSD and ${formatAmount(plan.usdc, USDC)} USDC to the pool`,
    run: async () =>
      (
        await incentives.mintPosition({
          tickLower: plan.tickLower,
          tickUpper: plan.tickUpper,
          amount0Desired: plan.amount0Desired,
          amount1Desired: plan.amount1Desired,
          slippageBps,
          approve: false,
        })
      ).mint,
  });
  if (stakeInto.length > 0) {
    const mintIndex = steps.length - 1;
    steps.push({
      label: `Deposit the position and stake it into ${stakeInto.length === 1 ? 'the program' : `${stakeInto.length} programs`}`,
      run: async (earlier) => {
        const minted = earlier[mintIndex] as WriteResult<{ tokenId: bigint }>;
        return incentives.deposit({ tokenId: minted.result.tokenId, programs: stakeInto });
      },
    });
  }
  return steps;
}

/** Staking a position: a position in the wallet is deposited (staked on the way), a deposited one staked. */
export function stakeSteps(
  ctx: PlazaContext,
  tokenId: bigint,
  deposited: boolean,
  programs: readonly ProgramView[],
): StepSpec[] {
  const incentives = createIncentivesModule(ctx);
  if (!deposited) {
    return [
      {
        label: `Deposit position #${tokenId} and stake it into ${programs.map((p) => p.name).join(', ')}`,
        run: () => incentives.deposit({ tokenId, programs: programs.map((p) => p.key) }),
      },
    ];
  }
  return programs.map((p) => ({
    label: `Stake position #${tokenId} into ${p.name}`,
    run: () => incentives.stake({ tokenId, key: p.key }),
  }));
}

/** Claiming a stake's rewards while it stays staked. */
export function claimSteps(
  ctx: PlazaContext,
  tokenId: bigint,
  program: ProgramView,
  pending: bigint,
): StepSpec[] {
  const incentives = createIncentivesModule(ctx);
  return [
    {
      label: `Claim ${formatAmount(pending, { decimals: program.rewardDecimals })} ${program.rewardSymbol} from ${program.name} (stays staked)`,
      run: () => incentives.claim({ tokenId, key: program.key }),
    },
  ];
}

/** Unstaking from programs (their rewards are credited to you), then optionally withdrawing the NFT. */
export function unstakeSteps(
  ctx: PlazaContext,
  tokenId: bigint,
  programs: readonly ProgramView[],
  withdraw: boolean,
): StepSpec[] {
  const incentives = createIncentivesModule(ctx);
  const steps: StepSpec[] = programs.map((p) => ({
    label: `Unstake position #${tokenId} from ${p.name}`,
    run: () => incentives.unstake({ tokenId, key: p.key }),
  }));
  if (withdraw) {
    steps.push({
      label: `Withdraw position #${tokenId} to your wallet`,
      run: () => incentives.withdraw({ tokenId }),
    });
  }
  return steps;
}

/** Paying out rewards credited by unstakes. */
export function claimCreditedSteps(ctx: PlazaContext, program: ProgramView, amount: bigint): StepSpec[] {
  const incentives = createIncentivesModule(ctx);
  return [
    {
      label: `Claim ${formatAmount(amount, { decimals: program.rewardDecimals })} ${program.rewardSymbol} credited by unstakes`,
      run: () => incentives.claimReward({ rewardToken: program.key.rewardToken }),
    },
  ];
}
