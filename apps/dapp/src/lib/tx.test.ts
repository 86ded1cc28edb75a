// @vitest-environment happy-dom
import { PlazaError, type WriteResult } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';
import { TxCenter, type StepStatus, type TxFlow } from './tx.svelte';

/** A wallet stand-in whose sign requests the test triggers. */
function signSource() {
  const listeners = new Set<(method: string) => void>();
  return {
    onSign(listener: (method: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sign(method = 'eth_sendTransaction') {
      for (const l of listeners) l(method);
    },
  };
}

/** A write whose mining the test controls. */
function write(hash: `0x${string}`) {
  let mine!: () => void;
  let revert!: (error: unknown) => void;
  const mined = new Promise<void>((resolve, reject) => {
    mine = resolve;
    revert = reject;
  });
  const result: WriteResult = { hash, result: undefined, wait: async () => (await mined, {}) as never };
  return { result, mine, revert };
}

const statuses = (flow: TxFlow) => flow.steps.map((s) => s.status);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TxCenter', () => {
  it('takes each step through checking → wallet → pending (with its hash) → done, in order', async () => {
    const wallet = signSource();
    const center = new TxCenter(wallet);
    const approve = write('0xaa');
    const swap = write('0xbb');
    const seen: StepStatus[][] = [];
    const running = center.run('Swap', [
      {
        label: 'Approve',
        run: async () => {
          wallet.sign();
          return approve.result;
        },
      },
      { label: 'Swap', run: async () => (wallet.sign(), swap.result) },
    ]);
    const flow = center.flows[0]!;
    await tick();
    seen.push(statuses(flow));
    approve.mine();
    await tick();
    seen.push(statuses(flow));
    expect(flow.steps[0]!.hash).toBe('0xaa');
    swap.mine();
    expect(await running).toBe(flow);
    seen.push(statuses(flow));
    expect(seen).toEqual([
      ['pending', 'queued'],
      ['done', 'pending'],
      ['done', 'done'],
    ]);
    expect(flow.status).toBe('confirmed');
    expect(flow.steps.map((s) => s.hash)).toEqual(['0xaa', '0xbb']);
    expect(center.confirmations).toBe(1);
  });

  it('shows "confirm in wallet" while the wallet is asked, and skips steps that are not needed', async () => {
    const wallet = signSource();
    const center = new TxCenter(wallet);
    let release!: () => void;
    const signed = new Promise<string>((resolve) => (release = () => resolve('0xsig')));
    const running = center.run('Pay', [
      { label: 'Approve', skipIf: async () => true, run: async () => expect.unreachable() },
      { label: 'Sign', kind: 'signature', run: async () => (wallet.sign('eth_signTypedData_v4'), signed) },
    ]);
    await tick();
    const flow = center.flows[0]!;
    expect(statuses(flow)).toEqual(['skipped', 'wallet']);
    expect(flow.current?.label).toBe('Sign');
    release();
    await running;
    expect(statuses(flow)).toEqual(['skipped', 'done']);
    expect(flow.status).toBe('confirmed');
  });

  it('stops at a failing step with the SDK’s message, and counts a mined approval as a change', async () => {
    const center = new TxCenter(signSource());
    const approve = write('0xaa');
    approve.mine();
    const flow = await center.run('Swap', [
      { label: 'Approve', run: async () => approve.result },
      {
        label: 'Swap',
        run: async () => {
          throw new PlazaError('PSM swaps are paused (both directions) until its pauser resumes them.', {
            code: 'ContractRevert',
            errorName: 'SwapsPaused',
          });
        },
      },
      { label: 'Never', run: async () => expect.unreachable() },
    ]);
    expect(flow.status).toBe('failed');
    expect(statuses(flow)).toEqual(['done', 'failed', 'queued']);
    expect(flow.failure).toEqual({
      kind: 'contract',
      errorName: 'SwapsPaused',
      message: 'PSM swaps are paused (both directions) until its pauser resumes them.',
    });
    expect(center.confirmations).toBe(1);
  });

  it('treats a wallet rejection as its own outcome, and a revert after sending as a failure', async () => {
    const center = new TxCenter(signSource());
    const rejected = await center.run('Swap', [
      {
        label: 'Swap',
        run: async () => {
          throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
        },
      },
    ]);
    expect(rejected.status).toBe('rejected');
    expect(rejected.failure?.message).toBe('You rejected the request in your wallet. Nothing was sent.');

    const reverted = write('0xcc');
    reverted.revert(new PlazaError('reverted when mined', { code: 'TransactionReverted' }));
    const flow = await center.run('Swap', [{ label: 'Swap', run: async () => reverted.result }]);
    expect(flow.status).toBe('failed');
    expect(flow.steps[0]!.hash).toBe('0xcc');
    expect(flow.failure?.kind).toBe('contract');
    expect(center.confirmations).toBe(0);
  });

  it('keeps the last flows on screen and lets them be dismissed', async () => {
    const center = new TxCenter(signSource(), 2);
    for (const title of ['a', 'b', 'c'])
      await center.run(title, [{ label: 'x', kind: 'signature', run: async () => '0x' }]);
    expect(center.flows.map((f) => f.title)).toEqual(['b', 'c']);
    center.dismiss(center.flows[0]!.id);
    expect(center.flows.map((f) => f.title)).toEqual(['c']);
    expect(center.running).toBe(false);
  });
});
