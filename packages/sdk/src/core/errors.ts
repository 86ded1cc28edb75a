import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  formatUnits,
  UserRejectedRequestError,
  type Abi,
  type AbiParameter,
  type AbiParameterToPrimitiveType,
  type ContractErrorName,
  type Hex,
} from 'viem';

/**
 * What went wrong, in categories an app can branch on:
 * - `ContractRevert`: a contract refused the call (see `errorName`/`args`); also raised by the SDK's own
 *   pre-flight checks with the same name the contract would use (e.g. `SwapsPaused`);
 * - `TransactionReverted`: a transaction passed simulation but reverted when mined (the state changed);
 * - `InvalidInput`: an argument the SDK rejected before touching the chain;
 * - `NotDeployed`: the deployment has no such contract on this chain;
 * - `NoWallet`: a write or signature without a wallet client or account;
 * - `ChainMismatch`: the clients and the deployment disagree on the chain;
 * - `UserRejected`: the wallet's user declined;
 * - `Rpc`: the node could not be reached or answered with an error;
 * - `Unknown`: anything else (the original error is the `cause`).
 *
 * @example
 * ```ts
 * import type { PlazaErrorCode } from '@plaza/sdk';
 * const retryable: PlazaErrorCode[] = ['Rpc', 'TransactionReverted'];
 * ```
 */
export type PlazaErrorCode =
  | 'ContractRevert'
  | 'TransactionReverted'
  | 'InvalidInput'
  | 'NotDeployed'
  | 'NoWallet'
  | 'ChainMismatch'
  | 'UserRejected'
  | 'Rpc'
  | 'Unknown';

/**
 * Every error the SDK throws: a typed code, the contract's custom error name and named arguments when a
 * contract reverted, and a human message (`message`) from the module's message table.
 *
 * @example
 * ```ts
 * import { PlazaError } from '@plaza/sdk';
 * try {
 *   await plaza.psm.sellGem({ gemAmount: 100_000000n });
 * } catch (error) {
 *   if (error instanceof PlazaError && error.errorName === 'DebtCeilingExceeded') {
 *     console.log(error.message, error.args.debtCeiling);
 *   } else throw error;
 * }
 * ```
 */
export class PlazaError extends Error {
  override readonly name = 'PlazaError';
  /** The category (see {@link PlazaErrorCode}). */
  readonly code: PlazaErrorCode;
  /**
   * The custom error's name for contract reverts (`AccountBlocked`, `Error` for `require` strings, `Panic`,
   * `UnknownError` for a selector no Plaza ABI declares, `EmptyRevert`); the code otherwise.
   */
  readonly errorName: string;
  /** The custom error's arguments by name (`{ account }` for `AccountBlocked(address account)`). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The Plaza contract that was called, when known (`PegStabilityModule`). */
  readonly contract: string | undefined;
  /** The function that was called, when known. */
  readonly functionName: string | undefined;
  /** Raw revert data, when a contract reverted. */
  readonly data: Hex | undefined;

  constructor(
    message: string,
    options: {
      code: PlazaErrorCode;
      errorName?: string;
      args?: Readonly<Record<string, unknown>>;
      contract?: string | undefined;
      functionName?: string | undefined;
      data?: Hex | undefined;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.errorName = options.errorName ?? options.code;
    this.args = options.args ?? {};
    this.contract = options.contract;
    this.functionName = options.functionName;
    this.data = options.data;
  }
}

/** Named arguments of the parameters of an ABI item. */
type NamedParams<params extends readonly AbiParameter[]> = {
  [
    param in params[number] as param extends { name: infer name extends string } ? name : never
  ]: AbiParameterToPrimitiveType<param>;
};

/**
 * The named arguments of custom error `name` in `abi`.
 *
 * @example
 * ```ts
 * import type { ErrorArgs } from '@plaza/sdk';
 * import type { pegStabilityModuleAbi } from '@plaza/abi';
 * type Args = ErrorArgs<typeof pegStabilityModuleAbi, 'DebtCeilingExceeded'>; // { minted: bigint; debtCeiling: bigint }
 * ```
 */
export type ErrorArgs<abi extends Abi, name extends string> = NamedParams<
  Extract<abi[number], { type: 'error'; name: name }>['inputs']
>;

/**
 * Context for a message: the contract that was called and how to show amounts.
 *
 * @example
 * ```ts
 * import type { ErrorMessageInfo } from '@plaza/sdk';
 * const show = (info: ErrorMessageInfo) => info.amount(1_000000n); // "1 USDC" when USDC was called
 * ```
 */
export interface ErrorMessageInfo {
  /** The contract that was called, when known. */
  readonly contract: string | undefined;
  /** Formats a token amount with the called token's decimals and symbol, or as base units otherwise. */
  amount(value: bigint): string;
}

/**
 * A module's message table: one human message per custom error of its contract's ABI (the type makes the
 * table complete: a new error in the ABI fails the build until it has a message).
 *
 * @example
 * ```ts
 * import type { ErrorMessages } from '@plaza/sdk';
 * import type { feeCollectorAbi } from '@plaza/abi';
 * type FeeMessages = ErrorMessages<typeof feeCollectorAbi>;
 * ```
 */
export type ErrorMessages<abi extends Abi> = {
  readonly [name in ContractErrorName<abi>]: (args: ErrorArgs<abi, name>, info: ErrorMessageInfo) => string;
};

/**
 * How errors of one contract are decoded: its name in the address book, its ABI and its message table.
 *
 * @example
 * ```ts
 * import { defineErrorTable } from '@plaza/sdk';
 * import { feeCollectorAbi } from '@plaza/abi';
 * const table = defineErrorTable('FeeCollector', feeCollectorAbi, messages);
 * ```
 */
export interface ErrorTable {
  readonly contract: string;
  readonly abi: Abi;
  readonly messages: Readonly<Record<string, (args: never, info: ErrorMessageInfo) => string>>;
  /** For tokens: how `info.amount` shows amounts. */
  readonly token?: { readonly symbol: string; readonly decimals: number };
}

/**
 * Builds an {@link ErrorTable}, checking at compile time that `messages` covers every error of `abi`.
 *
 * @example
 * ```ts
 * import { defineErrorTable } from '@plaza/sdk';
 * import { feeCollectorAbi } from '@plaza/abi';
 * export const feesErrors = defineErrorTable('FeeCollector', feeCollectorAbi, feeCollectorMessages);
 * ```
 */
export function defineErrorTable<const abi extends Abi>(
  contract: string,
  abi: abi,
  messages: ErrorMessages<abi>,
  token?: { symbol: string; decimals: number },
): ErrorTable {
  return { contract, abi, messages: messages as ErrorTable['messages'], ...(token ? { token } : {}) };
}

/**
 * Shows a unix time (seconds) as an ISO date for messages.
 *
 * @example
 * ```ts
 * import { formatTimestamp } from '@plaza/sdk';
 * formatTimestamp(1_700_000_000n); // '2023-11-14T22:13:20.000Z'
 * ```
 */
export function formatTimestamp(seconds: bigint | number): string {
  const value = BigInt(seconds);
  if (value > 8_640_000_000_000n) return `${value} (unix seconds)`;
  return new Date(Number(value) * 1000).toISOString();
}

const PANIC_REASONS: Record<number, string> = {
  0x01: 'an assertion failed',
  0x11: 'an arithmetic operation overflowed or underflowed',
  0x12: 'division or modulo by zero',
  0x21: 'an invalid enum value',
  0x22: 'a corrupted storage byte array',
  0x31: 'pop() on an empty array',
  0x32: 'an array index out of bounds',
  0x41: 'too much memory was allocated',
  0x51: 'a call to an uninitialized function',
};

/** Revert data carried anywhere in a (viem) error chain. */
function revertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 12; depth++) {
    if (current instanceof ContractFunctionRevertedError && current.raw) return current.raw;
    const data = (current as { data?: unknown }).data;
    if (typeof data === 'string' && /^0x[0-9a-fA-F]*$/.test(data)) return data as Hex;
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') {
      const inner = (data as { data: string }).data;
      if (/^0x[0-9a-fA-F]*$/.test(inner)) return inner as Hex;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isRevert(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    (error.walk((e) => e instanceof ContractFunctionRevertedError) !== null ||
      /revert/i.test(error.details ?? '') ||
      /revert/i.test(error.shortMessage))
  );
}

function infoFor(tables: readonly ErrorTable[], contract: string | undefined): ErrorMessageInfo {
  const token = tables.find((t) => t.contract === contract)?.token;
  return {
    contract,
    amount: (value) =>
      token ? `${formatUnits(value, token.decimals)} ${token.symbol}` : `${value} (base units)`,
  };
}

/** Where the failure happened, for messages. */
function where(contract: string | undefined, functionName: string | undefined): string {
  if (contract && functionName) return `${contract}.${functionName}`;
  return contract ?? functionName ?? 'The call';
}

/**
 * Turns anything a viem call threw into a {@link PlazaError}: revert data is decoded against the given
 * tables (the called contract's first, then every other Plaza contract's, since reverts bubble up from the
 * contracts it calls), named, and described by the table's message.
 *
 * @example
 * ```ts
 * import { decodeError } from '@plaza/sdk';
 * const error = decodeError(thrown, { tables: plazaErrorTables, contract: 'PlazaUSD', functionName: 'transfer' });
 * console.log(error.errorName, error.message);
 * ```
 */
export function decodeError(
  error: unknown,
  context: {
    tables: readonly ErrorTable[];
    contract?: string | undefined;
    functionName?: string | undefined;
  },
): PlazaError {
  if (error instanceof PlazaError) return error;
  const { tables, contract, functionName } = context;
  const at = where(contract, functionName);

  if (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError)) {
    return new PlazaError(`The wallet's user rejected the request (${at}).`, {
      code: 'UserRejected',
      contract,
      functionName,
      cause: error,
    });
  }

  const data = revertData(error);
  if (data !== undefined && (data.length >= 10 || isRevert(error))) {
    return decodeRevertData(data, { tables, contract, functionName, cause: error });
  }
  if (isRevert(error)) {
    return new PlazaError(
      `${at} reverted without a reason (out of gas, a call to an account without code, or an invalid opcode).`,
      { code: 'ContractRevert', errorName: 'EmptyRevert', contract, functionName, data: '0x', cause: error },
    );
  }
  if (error instanceof BaseError) {
    const rpc = error.walk(
      (e) =>
        e instanceof BaseError &&
        ['HttpRequestError', 'RpcRequestError', 'TimeoutError', 'WebSocketRequestError'].includes(e.name),
    );
    return new PlazaError(`${at} failed: ${error.shortMessage}`, {
      code: rpc ? 'Rpc' : 'Unknown',
      contract,
      functionName,
      cause: error,
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new PlazaError(`${at} failed: ${text}`, { code: 'Unknown', contract, functionName, cause: error });
}

/**
 * A {@link PlazaError} for a revert the SDK predicted before sending (a pre-flight check), described by the
 * same message table as the real revert, so apps handle both the same way.
 *
 * @example
 * ```ts
 * import { contractError } from '@plaza/sdk';
 * throw contractError(plazaErrorTables, 'PegStabilityModule', 'SwapsPaused', {}, 'sellGem');
 * ```
 */
export function contractError(
  tables: readonly ErrorTable[],
  contract: string,
  errorName: string,
  args: Readonly<Record<string, unknown>>,
  functionName?: string,
): PlazaError {
  const table = tables.find((t) => t.contract === contract && errorName in t.messages);
  const describe = table?.messages[errorName] as
    ((args: Readonly<Record<string, unknown>>, info: ErrorMessageInfo) => string) | undefined;
  const message = describe
    ? describe(args, infoFor(tables, contract))
    : `${where(contract, functionName)} would revert with ${errorName}.`;
  return new PlazaError(message, { code: 'ContractRevert', errorName, args, contract, functionName });
}

/**
 * Decodes raw revert data (`0x` + selector + arguments) into a {@link PlazaError}.
 *
 * @example
 * ```ts
 * import { decodeRevertData } from '@plaza/sdk';
 * const error = decodeRevertData('0x…', { tables: plazaErrorTables, contract: 'PlazaUSD' });
 * ```
 */
export function decodeRevertData(
  data: Hex,
  context: {
    tables: readonly ErrorTable[];
    contract?: string | undefined;
    functionName?: string | undefined;
    cause?: unknown;
  },
): PlazaError {
  const { tables, contract, functionName, cause } = context;
  const at = where(contract, functionName);
  const ordered = [
    ...tables.filter((t) => t.contract === contract),
    ...tables.filter((t) => t.contract !== contract),
  ];
  if (data.length < 10) {
    return new PlazaError(
      `${at} reverted without a reason (out of gas, a call to an account without code, or an invalid opcode).`,
      { code: 'ContractRevert', errorName: 'EmptyRevert', contract, functionName, data, cause },
    );
  }
  // Error(string) and Panic(uint256) decode against any ABI, including the empty one at the end.
  const fallback: ErrorTable = { contract: contract ?? '', abi: [], messages: {} };
  for (const table of [...ordered, fallback]) {
    let decoded;
    try {
      decoded = decodeErrorResult({ abi: table.abi, data });
    } catch {
      continue;
    }
    const item = decoded.abiItem;
    if (item.type !== 'error') continue;
    const positional = (decoded.args ?? []) as readonly unknown[];
    const args: Record<string, unknown> = {};
    item.inputs.forEach((input, i) => (args[input.name || `arg${i}`] = positional[i]));
    if (decoded.errorName === 'Error') {
      return new PlazaError(`${at} reverted: ${String(positional[0])}`, {
        code: 'ContractRevert',
        errorName: 'Error',
        args: { reason: positional[0] },
        contract,
        functionName,
        data,
        cause,
      });
    }
    if (decoded.errorName === 'Panic') {
      const code = Number(positional[0]);
      return new PlazaError(
        `${at} panicked: ${PANIC_REASONS[code] ?? `panic code 0x${code.toString(16)}`}.`,
        {
          code: 'ContractRevert',
          errorName: 'Panic',
          args: { code: positional[0] },
          contract,
          functionName,
          data,
          cause,
        },
      );
    }
    const describe = table.messages[decoded.errorName] as
      ((args: Record<string, unknown>, info: ErrorMessageInfo) => string) | undefined;
    const human = describe
      ? describe(args, infoFor(tables, contract))
      : `${at} reverted with ${decoded.errorName}(${Object.entries(args)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', ')}).`;
    return new PlazaError(human, {
      code: 'ContractRevert',
      errorName: decoded.errorName,
      args,
      contract,
      functionName,
      data,
      cause,
    });
  }
  const selector = data.slice(0, 10);
  return new PlazaError(
    `${at} reverted with an unknown custom error ${selector} that no Plaza contract declares (raw data ${data}).`,
    {
      code: 'ContractRevert',
      errorName: 'UnknownError',
      args: { selector, data },
      contract,
      functionName,
      data,
      cause,
    },
  );
}
