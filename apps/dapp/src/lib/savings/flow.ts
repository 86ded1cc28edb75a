// Earn flows through plaza.savings: approve pUSD for the vault (skipped when the allowance suffices), deposit;
// withdraw an amount, or redeem every share.
import {
  createPusdModule,
  createSavingsModule,
  type PlazaContext,
  type SavingsVaultInfo,
  type SavingsPosition,
} from '@plaza/sdk';
import type { Address } from 'viem';
import { formatAmount } from '../amount';
import type { StepSpec } from '../tx.svelte';
import { PUSD } from './forms';

const show = (value: bigint) => `${formatAmount(value, PUSD)} pUSD`;

export function savingsDepositSteps(ctx: PlazaContext, owner: Address, assets: bigint): StepSpec[] {
  const pusd = createPusdModule(ctx);
  const savings = createSavingsModule(ctx);
  const vault = () => ctx.address('SavingsVault');
  return [
    {
      label: `Approve the savings vault to spend ${show(assets)}`,
      skipIf: async () => (await pusd.allowance(owner, vault())) >= assets,
      run: () => pusd.approve({ spender: vault(), amount: assets }),
    },
    {
      label: `Deposit ${show(assets)} for spUSD`,
      run: async () => (await savings.deposit({ assets, approve: false })).deposit,
    },
  ];
}

export function savingsWithdrawSteps(
  ctx: PlazaContext,
  plan: { assets: bigint; shares: bigint; all: boolean },
): StepSpec[] {
  const savings = createSavingsModule(ctx);
  return [
    {
      label: plan.all ? `Redeem all your spUSD (${show(plan.assets)})` : `Withdraw ${show(plan.assets)}`,
      run: () => (plan.all ? savings.redeem({ shares: 'all' }) : savings.withdraw({ assets: plan.assets })),
    },
  ];
}

export interface SavingsData {
  readonly vault: SavingsVaultInfo;
  readonly position?: SavingsPosition;
  readonly pusdBalance?: bigint;
}

export async function loadSavings(ctx: PlazaContext, account: Address | undefined): Promise<SavingsData> {
  const savings = createSavingsModule(ctx);
  const vault = await savings.vault();
  if (!account) return { vault };
  const [position, pusdBalance] = await Promise.all([
    savings.position(account),
    createPusdModule(ctx).balanceOf(account),
  ]);
  return { vault, position, pusdBalance };
}

/** pUSD the vault holds for savers (for the overview's TVL table). */
export async function savingsDeposits(ctx: PlazaContext): Promise<bigint> {
  return (await createSavingsModule(ctx).vault()).totalAssets;
}
