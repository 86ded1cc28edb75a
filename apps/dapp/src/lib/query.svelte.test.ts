// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { query, type Query } from './query.svelte';

/** A load whose answers the test releases in any order. */
function loads<T>() {
  const pending: { input: string; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = (input: { account: string; tick: number }) =>
    new Promise<T>((resolve, reject) =>
      pending.push({ input: `${input.account}@${input.tick}`, resolve, reject }),
    );
  return { pending, load };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('query', () => {
  it('reloads when its inputs change, ignores late answers, and drops data when the identity changes', async () => {
    const inputs = $state({ account: 'alice' as string | undefined, tick: 0 });
    const { pending, load } = loads<string>();
    let q!: Query<string>;
    const stop = $effect.root(() => {
      q = query(
        () => (inputs.account ? { account: inputs.account, tick: inputs.tick } : undefined),
        load,
        ({ account }) => account,
      );
    });
    flushSync();
    expect(pending.map((p) => p.input)).toEqual(['alice@0']);
    expect(q.loading).toBe(true);
    pending[0]!.resolve('alice balance 1');
    await settle();
    expect(q.data).toBe('alice balance 1');
    expect(q.loading).toBe(false);

    // A refresh of the same account keeps showing the last data until the new answer.
    inputs.tick = 1;
    flushSync();
    expect(q.data).toBe('alice balance 1');
    expect(q.loading).toBe(false);

    // Another account: the old data goes at once, and the refresh that answers late is ignored.
    inputs.account = 'bob';
    flushSync();
    expect(q.data).toBeUndefined();
    expect(q.loading).toBe(true);
    pending[2]!.resolve('bob balance');
    pending[1]!.resolve('alice balance 2 (late)');
    await settle();
    expect(q.data).toBe('bob balance');

    // An error is described; nothing to load clears everything.
    inputs.tick = 2;
    flushSync();
    pending[3]!.reject(Object.assign(new Error('fetch failed'), {}));
    await settle();
    expect(q.error).toEqual({ kind: 'unknown', message: 'fetch failed' });
    inputs.account = undefined;
    flushSync();
    expect([q.data, q.error, q.loading]).toEqual([undefined, undefined, false]);
    expect(pending).toHaveLength(4);
    stop();
  });
});
