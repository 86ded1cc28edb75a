import { incentivesSteps } from './incentives.js';
import { lendingSteps } from './lending.js';
import { payfiSteps } from './payfi.js';
import { rwaSteps } from './rwa.js';
import { stablecoinSteps } from './stablecoin.js';
import type { SeedContext, SeedStep } from './types.js';

export { incentivesSteps } from './incentives.js';
export { lendingSteps } from './lending.js';
export { payfiSteps } from './payfi.js';
export { rwaSteps } from './rwa.js';
export { stablecoinSteps } from './stablecoin.js';
export type { SeedContext, SeedStep } from './types.js';

/**
 * The demo world, in order. Each phase appends its module's steps after the ones they build on:
 * stablecoin (KYC, USDC, PSM, payments, fees) → RWA assets and NAV feeds with three bonded reporters each →
 * two lending markets with lenders and borrowers, one near liquidation → spUSD deposits and income → three
 * merchants with direct, gasless and escrowed payments, a refund, points and an advance → a pUSD/USDC Uniswap
 * v3 pool with LP positions staked in an incentive program.
 *
 * @example
 * ```ts
 * import { demoSteps } from '@plaza/devnet';
 * demoSteps.map((step) => step.title);
 * ```
 */
export const demoSteps: readonly SeedStep[] = [
  ...stablecoinSteps,
  ...rwaSteps,
  // Lending markets, spUSD deposits and income: the RWA assets and their fresh NAV feeds as collateral.
  ...lendingSteps,
  ...payfiSteps,
  ...incentivesSteps,
];

/**
 * Progress of the demo seeding.
 *
 * @example
 * ```ts
 * import type { SeedEvent } from '@plaza/devnet';
 * const log = (e: SeedEvent) => console.log(`[${e.index + 1}/${e.total}] ${e.step.title}: ${e.status}`);
 * ```
 */
export interface SeedEvent {
  readonly step: SeedStep;
  readonly index: number;
  readonly total: number;
  readonly status: 'start' | 'done' | 'skipped';
  /** Why a step was skipped. */
  readonly reason?: string;
}

/**
 * Runs the steps in order; a step that fails stops the seeding with an error naming it.
 *
 * @example
 * ```ts
 * import { demoSteps, runSeed } from '@plaza/devnet';
 * await runSeed(seedContext, demoSteps, (event) => console.log(event.step.id, event.status));
 * ```
 */
export async function runSeed(
  seed: SeedContext,
  steps: readonly SeedStep[] = demoSteps,
  onEvent: (event: SeedEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    signal?.throwIfAborted();
    const missing = step.contracts.filter((name) => !(name in seed.deployment.contracts));
    if (missing.length > 0) {
      const reason = `the deployment has no ${missing.join(', ')}`;
      onEvent({ step, index, total: steps.length, status: 'skipped', reason });
      continue;
    }
    onEvent({ step, index, total: steps.length, status: 'start' });
    try {
      await step.run(seed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Demo step "${step.title}" (${step.id}) failed: ${message}`, { cause: error });
    }
    onEvent({ step, index, total: steps.length, status: 'done' });
  }
}
