// What the user reads when something fails. The SDK's PlazaError already carries a human message for every
// contract custom error; here a wallet's refusal (EIP-1193 code 4001) gets its own kind, and anything else a
// plain sentence instead of a stack trace.
import { PlazaError } from '@plaza/sdk';

export type FailureKind = 'rejected' | 'contract' | 'network' | 'input' | 'unknown';

export interface Failure {
  readonly kind: FailureKind;
  /** One sentence for the user. */
  readonly message: string;
  /** The contract's custom error name (`AccountBlocked`), when a contract refused. */
  readonly errorName?: string | undefined;
}

/** EIP-1193 / EIP-1474 codes the app handles. */
export const USER_REJECTED = 4001;
export const UNRECOGNIZED_CHAIN = 4902;

/**
 * The EIP-1193 error code anywhere in an error's chain: wallets put it on the error, viem wraps it in `cause`,
 * MetaMask mobile nests it in `data.originalError`.
 */
export function providerErrorCode(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 10; depth++) {
    const { code, data, cause } = current as { code?: unknown; data?: unknown; cause?: unknown };
    if (typeof code === 'number') return code;
    const original = (data as { originalError?: { code?: unknown } } | undefined)?.originalError;
    if (original && typeof original.code === 'number') return original.code;
    current = cause;
  }
  return undefined;
}

export const REJECTED_MESSAGE = 'You rejected the request in your wallet. Nothing was sent.';

/** Any thrown value as a {@link Failure}. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof PlazaError) {
    switch (error.code) {
      case 'UserRejected':
        return { kind: 'rejected', message: REJECTED_MESSAGE };
      case 'ContractRevert':
      case 'TransactionReverted':
        return { kind: 'contract', message: error.message, errorName: error.errorName };
      case 'InvalidInput':
        return { kind: 'input', message: error.message };
      case 'Rpc':
        return { kind: 'network', message: `The network did not answer: ${error.message}` };
      default:
        if (providerErrorCode(error.cause) === USER_REJECTED)
          return { kind: 'rejected', message: REJECTED_MESSAGE };
        return { kind: 'unknown', message: error.message };
    }
  }
  if (providerErrorCode(error) === USER_REJECTED) return { kind: 'rejected', message: REJECTED_MESSAGE };
  const text =
    error instanceof Error
      ? ((error as { shortMessage?: string }).shortMessage ?? error.message)
      : typeof error === 'string'
        ? error
        : 'Something went wrong.';
  return { kind: 'unknown', message: text.split('\n')[0] ?? text };
}
