// The transaction lifecycle every flow goes through: each step is checked (the SDK simulates every write and
// pre-checks what the contract would refuse), signed in the wallet, pending with its hash, then confirmed — or
// it fails with the SDK's human message, a wallet rejection (4001) being its own outcome. Multi-step flows
// (approve, then swap; permit signature, then action) are one flow with several steps.
import type { WriteResult } from '@plaza/sdk';
import type { Hash } from 'viem';
import { describeFailure, type Failure } from './errors';

export type StepKind = 'transaction' | 'signature';

/**
 * - `queued`: not reached yet
 * - `checking`: simulating / pre-flight checks (nothing sent yet)
 * - `wallet`: waiting for the user to confirm in the wallet
 * - `pending`: sent, waiting to be mined (the hash is known)
 * - `done`: mined successfully, or signed
 * - `skipped`: not needed (e.g. the allowance already suffices)
 * - `failed`: see the flow's `failure`
 */
export type StepStatus = 'queued' | 'checking' | 'wallet' | 'pending' | 'done' | 'skipped' | 'failed';

export type FlowStatus = 'running' | 'confirmed' | 'failed' | 'rejected';

/** One step of a flow, as the page describes it. */
export interface StepSpec {
  readonly label: string;
  /** `transaction` (default): `run` returns the SDK's WriteResult; `signature`: `run` returns the signature. */
  readonly kind?: StepKind;
  /** Checked when the step is reached; true skips it (e.g. the allowance is already enough). */
  readonly skipIf?: () => Promise<boolean>;
  /** Does the step through the SDK. Gets what the earlier steps produced (signatures, write results). */
  readonly run: (earlier: readonly unknown[]) => Promise<unknown>;
}

export class TxStep {
  readonly label: string;
  readonly kind: StepKind;
  status = $state<StepStatus>('queued');
  hash = $state<Hash | null>(null);

  constructor(spec: StepSpec) {
    this.label = spec.label;
    this.kind = spec.kind ?? 'transaction';
  }
}

export class TxFlow {
  readonly id: number;
  readonly title: string;
  readonly steps: readonly TxStep[];
  status = $state<FlowStatus>('running');
  failure = $state.raw<Failure | null>(null);
  readonly current = $derived.by(
    () => this.steps.find((s) => !['done', 'skipped', 'queued'].includes(s.status)) ?? null,
  );

  constructor(id: number, title: string, steps: readonly StepSpec[]) {
    this.id = id;
    this.title = title;
    this.steps = steps.map((spec) => new TxStep(spec));
  }
}

function isWriteResult(value: unknown): value is WriteResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WriteResult).hash === 'string' &&
    typeof (value as WriteResult).wait === 'function'
  );
}

/** Anything that reports when a signature is requested (the wallet). */
export interface SignSource {
  onSign(listener: (method: string) => void): () => void;
}

/** The flows on screen (newest last) and the runner. */
export class TxCenter {
  flows = $state.raw<TxFlow[]>([]);
  /** Bumped after every confirmed flow: data on screen depends on it and reloads. */
  confirmations = $state(0);
  /** How many flows stay on screen. */
  readonly keep: number;

  #nextId = 1;
  #active: TxStep | null = null;

  constructor(wallet: SignSource, keep = 4) {
    this.keep = keep;
    wallet.onSign(() => {
      if (this.#active && this.#active.status === 'checking') this.#active.status = 'wallet';
    });
  }

  get running(): boolean {
    return this.flows.some((f) => f.status === 'running');
  }

  /** Runs the steps in order; resolves with the flow when it ends (it never throws: see `flow.status`). */
  async run(title: string, steps: readonly StepSpec[]): Promise<TxFlow> {
    const flow = new TxFlow(this.#nextId++, title, steps);
    this.flows = [...this.flows, flow].slice(-this.keep);
    const results: unknown[] = [];
    for (const [i, spec] of steps.entries()) {
      const step = flow.steps[i]!;
      try {
        step.status = 'checking';
        if (spec.skipIf && (await spec.skipIf())) {
          step.status = 'skipped';
          results.push(undefined);
          continue;
        }
        this.#active = step;
        const result = await spec.run(results);
        this.#active = null;
        if (isWriteResult(result)) {
          step.hash = result.hash;
          step.status = 'pending';
          await result.wait();
        }
        step.status = 'done';
        results.push(result);
      } catch (error) {
        this.#active = null;
        step.status = 'failed';
        const failure = describeFailure(error);
        flow.failure = failure;
        flow.status = failure.kind === 'rejected' ? 'rejected' : 'failed';
        // A step that already changed the chain (an approval) still counts: reload what is on screen.
        if (flow.steps.some((s) => s.status === 'done' && s.hash)) this.confirmations++;
        return flow;
      }
    }
    flow.status = 'confirmed';
    this.confirmations++;
    return flow;
  }

  dismiss(id: number): void {
    this.flows = this.flows.filter((f) => f.id !== id);
  }
}
