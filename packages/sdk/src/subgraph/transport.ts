import { PlazaError } from '../core/errors.js';

/**
 * How to reach a subgraph's GraphQL endpoint: the embedded `@plaza/indexer` (`npm start` writes its URL into the
 * dApp's `config.json` as `graphqlUrl`), or any graph-node / The Graph gateway serving the Plaza subgraph.
 *
 * @example
 * ```ts
 * import type { SubgraphClientOptions } from '@plaza/sdk';
 * const options: SubgraphClientOptions = { url: 'http://127.0.0.1:8000/graphql', timeoutMs: 10_000 };
 * ```
 */
export interface SubgraphClientOptions {
  /** The GraphQL endpoint (`…/graphql`, `…/subgraphs/name/plaza`, a gateway URL with its API key). */
  readonly url: string;
  /** A `fetch` implementation (default: the global one). */
  readonly fetch?: typeof fetch;
  /** Extra HTTP headers (e.g. an `Authorization` header for a hosted gateway). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Abort a request after this many milliseconds (default 30,000). */
  readonly timeoutMs?: number;
}

/**
 * One GraphQL error as graph-node returns it.
 *
 * @example
 * ```ts
 * import type { GraphQLErrorInfo } from '@plaza/sdk';
 * const error: GraphQLErrorInfo = { message: 'The `first` argument must be between 0 and 1000, but is 5000' };
 * ```
 */
export interface GraphQLErrorInfo {
  readonly message: string;
  readonly locations?: readonly { line: number; column: number }[];
  readonly path?: readonly (string | number)[];
}

/**
 * Sends one GraphQL request (POST, JSON) and returns its `data`. Failures are `PlazaError`s with code `Rpc`:
 * `errorName` `SubgraphUnavailable` (network, timeout, HTTP status, a body that is not GraphQL) or
 * `SubgraphError` (the server answered with GraphQL `errors`, in `args.errors`).
 *
 * @example
 * ```ts
 * import { subgraphRequest } from '@plaza/sdk';
 * const data = await subgraphRequest<{ _meta: { block: { number: number } } }>(
 *   { url: 'http://127.0.0.1:8000/graphql' },
 *   '{ _meta { block { number } } }',
 * );
 * ```
 */
export async function subgraphRequest<T>(
  options: SubgraphClientOptions,
  query: string,
  variables?: Readonly<Record<string, unknown>>,
): Promise<T> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const unavailable = (message: string, cause?: unknown) =>
    new PlazaError(`The subgraph at ${options.url} could not be queried: ${message}`, {
      code: 'Rpc',
      errorName: 'SubgraphUnavailable',
      args: { url: options.url },
      cause,
    });
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(variables ? { query, variables } : { query }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs ?? 30_000} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    throw unavailable(reason, error);
  }
  let body: { data?: T | null; errors?: GraphQLErrorInfo[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw unavailable(`HTTP ${response.status}, not a GraphQL response`, error);
  }
  if (body.errors && body.errors.length > 0) {
    throw new PlazaError(`The subgraph refused the query: ${body.errors.map((e) => e.message).join('; ')}`, {
      code: 'Rpc',
      errorName: 'SubgraphError',
      args: { url: options.url, errors: body.errors },
    });
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw unavailable(`HTTP ${response.status}${response.ok ? ' without data' : ''}`);
  }
  return body.data;
}
