import type { Deployment } from '@plaza/abi';
import type { PlazaClient } from '@plaza/sdk';
import type { PublicClient } from 'viem';
import type { DevAccount } from '../accounts.js';

/**
 * What a demo step works with: a Plaza client per development account, the deployment, the chain's time,
 * a place for facts worth printing, and values shared with later steps.
 *
 * @example
 * ```ts
 * const step: SeedStep = {
 *   id: 'pusd.tip', module: 'pusd', title: 'Alice tips Bob', contracts: ['PlazaUSD'],
 *   run: async (seed) => {
 *     await (await seed.plaza('alice').pusd.transfer({ to: seed.account('bob').address, amount: parsePusd('1') })).wait();
 *   },
 * };
 * ```
 */
export interface SeedContext {
  readonly deployment: Deployment;
  readonly chainId: number;
  readonly publicClient: PublicClient;
  /** A Plaza client that signs and sends as the named development account. */
  plaza(name: string): PlazaClient;
  account(name: string): DevAccount;
  /** The chain's latest block timestamp. */
  now(): Promise<bigint>;
  /** A fact for the summary, e.g. "Alice: 24,987.5 pUSD". */
  note(line: string): void;
  /** Values later steps need (a market id, a merchant address…), by key. */
  readonly shared: Map<string, unknown>;
}

/**
 * One ordered step of the demo world. Steps run in order; a step whose contracts the deployment lacks is
 * skipped with a note (e.g. the USDC faucet where USDC is real).
 *
 * @example
 * ```ts
 * import { demoSteps, type SeedStep } from '@plaza/devnet';
 * const mine: SeedStep[] = [...demoSteps, myStep];
 * ```
 */
export interface SeedStep {
  /** `<module>.<what>`, unique. */
  readonly id: string;
  /** The SDK module it exercises. */
  readonly module: string;
  /** Shown in the progress output. */
  readonly title: string;
  /** Address book names it needs; missing ones skip the step. */
  readonly contracts: readonly string[];
  run(seed: SeedContext): Promise<void>;
}
