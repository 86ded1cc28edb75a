// Data on screen: a query reloads when its inputs change (wallet account, SDK context, confirmed transactions,
// the refresh tick) and ignores answers that arrive after newer ones.
import { untrack } from 'svelte';
import { describeFailure, type Failure } from './errors';

export interface Query<T> {
  readonly data: T | undefined;
  readonly error: Failure | undefined;
  /** True until the first answer for the current inputs. */
  readonly loading: boolean;
}

/**
 * Call in a component's script. `inputs` is read synchronously (its reactive reads are the dependencies);
 * `load` gets its result. Returning `undefined` from `inputs` means "nothing to load" (data stays undefined).
 * While the inputs' `identity` (e.g. the account) stays the same, a reload keeps showing the last data; when it
 * changes, the old data is dropped at once (no other account's balance on screen).
 */
export function query<I, T>(
  inputs: () => I | undefined,
  load: (inputs: I) => Promise<T>,
  identity: (inputs: I) => string = () => '',
): Query<T> {
  let data = $state.raw<T | undefined>(undefined);
  let error = $state.raw<Failure | undefined>(undefined);
  let loading = $state(false);
  let generation = 0;
  let lastIdentity: string | undefined;

  $effect(() => {
    const value = inputs();
    // Only `inputs` is a dependency: the rest reads and writes this query's own state.
    untrack(() => {
      const mine = ++generation;
      if (value === undefined) {
        data = undefined;
        error = undefined;
        loading = false;
        lastIdentity = undefined;
        return;
      }
      const id = identity(value);
      if (id !== lastIdentity) {
        data = undefined;
        error = undefined;
      }
      lastIdentity = id;
      loading = data === undefined;
      load(value).then(
        (result) => {
          if (mine !== generation) return;
          data = result;
          error = undefined;
          loading = false;
        },
        (failure: unknown) => {
          if (mine !== generation) return;
          error = describeFailure(failure);
          loading = false;
        },
      );
    });
  });

  return {
    get data() {
      return data;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    },
  };
}
