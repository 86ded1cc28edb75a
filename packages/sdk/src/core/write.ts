import type { Abi, Account, Address, Hash, TransactionReceipt } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from './context.js';
import { PlazaError } from './errors.js';

/**
 * A sent transaction: its hash, what the simulation said the call returns, and `wait()` for the receipt
 * (which throws a `TransactionReverted` {@link PlazaError} if it reverted after all).
 *
 * @example
 * ```ts
 * const swap = await plaza.psm.sellGem({ gemAmount: parseUsdc('100') });
 * console.log('expected pUSD', swap.result);
 * const receipt = await swap.wait();
 * ```
 */
export interface WriteResult<result = unknown> {
  readonly hash: Hash;
  /** The function's return value in the simulation that preceded the transaction. */
  readonly result: result;
  /** Waits for the receipt; a reverted transaction is a {@link PlazaError}. */
  wait(options?: { confirmations?: number; timeout?: number }): Promise<TransactionReceipt>;
}

/**
 * One contract call for {@link writeContract}.
 *
 * @example
 * ```ts
 * import type { WriteRequest } from '@plaza/sdk';
 * const request: WriteRequest = { contract: 'FeeCollector', abi: feeCollectorAbi, functionName: 'distribute', args: [token] };
 * ```
 */
export interface WriteRequest {
  /** The contract's name in the deployment (for its address and error messages). */
  readonly contract: string;
  readonly abi: Abi;
  readonly functionName: string;
  readonly args: readonly unknown[];
  /** Overrides the deployment's address (tokens that are not part of the deployment). */
  readonly address?: Address;
  /** Overrides the wallet client's account. */
  readonly account?: Account | Address;
  /** Transaction fields to set instead of letting the wallet fill them (all of gas and fees skip estimation). */
  readonly overrides?: {
    readonly gas?: bigint;
    readonly maxFeePerGas?: bigint;
    readonly maxPriorityFeePerGas?: bigint;
    readonly nonce?: number;
  };
}

/**
 * Simulates the call (so a revert is a decoded {@link PlazaError} before anything is signed), then sends it
 * from the wallet client. Every write of every module goes through here.
 *
 * @example
 * ```ts
 * import { writeContract } from '@plaza/sdk';
 * import { feeCollectorAbi } from '@plaza/abi';
 * const sent = await writeContract<bigint>(ctx, {
 *   contract: 'FeeCollector', abi: feeCollectorAbi, functionName: 'distribute', args: [pusdAddress],
 * });
 * await sent.wait();
 * ```
 */
export async function writeContract<result = unknown>(
  ctx: PlazaContext,
  request: WriteRequest,
): Promise<WriteResult<result>> {
  const { contract, abi, functionName, args } = request;
  const wallet = ctx.walletClient;
  const account = requireAccount(ctx, request.account);
  if (!wallet) {
    throw new PlazaError(
      `${contract}.${functionName} sends a transaction: pass a walletClient to createPlazaClient.`,
      {
        code: 'NoWallet',
        contract,
        functionName,
      },
    );
  }
  const address = request.address ?? ctx.address(contract);
  let simulation;
  try {
    simulation = await ctx.publicClient.simulateContract({ address, abi, functionName, args, account });
  } catch (error) {
    throw ctx.decodeError(error, contract, functionName);
  }
  // The node estimates gas at the latest block's time; mined later, a call can cost more (interest or rewards
  // accrued over the seconds in between), so the limit gets a margin instead of the bare estimate.
  let gas = request.overrides?.gas;
  if (gas === undefined) {
    try {
      const estimate = await ctx.publicClient.estimateContractGas({
        address,
        abi,
        functionName,
        args,
        account,
      } as Parameters<typeof ctx.publicClient.estimateContractGas>[0]);
      gas = estimate + estimate / 4n + 50_000n;
    } catch {
      gas = undefined; // the wallet estimates (the simulation passed)
    }
  }
  let hash: Hash;
  try {
    hash = await wallet.writeContract({
      ...(simulation.request as Parameters<typeof wallet.writeContract>[0]),
      ...request.overrides,
      ...(gas === undefined ? {} : { gas }),
      account,
      chain: wallet.chain ?? ctx.publicClient.chain ?? null,
    } as Parameters<typeof wallet.writeContract>[0]);
  } catch (error) {
    throw ctx.decodeError(error, contract, functionName);
  }
  return {
    hash,
    result: simulation.result as result,
    wait: (options) =>
      waitForReceipt(ctx, hash, { contract, functionName, from: accountAddress(account) }, options),
  };
}

async function waitForReceipt(
  ctx: PlazaContext,
  hash: Hash,
  call: { contract: string; functionName: string; from: Address },
  options: { confirmations?: number; timeout?: number } = {},
): Promise<TransactionReceipt> {
  let receipt: TransactionReceipt;
  try {
    receipt = await ctx.publicClient.waitForTransactionReceipt({ hash, ...options });
  } catch (error) {
    throw ctx.decodeError(error, call.contract, call.functionName);
  }
  if (receipt.status === 'success') return receipt;

  // Replay it on the parent block's state to recover the reason (best effort: earlier transactions of the
  // same block are not replayed).
  let reason: PlazaError | undefined;
  try {
    const tx = await ctx.publicClient.getTransaction({ hash });
    await ctx.publicClient.call({
      account: call.from,
      to: tx.to ?? undefined,
      data: tx.input,
      value: tx.value,
      blockNumber: receipt.blockNumber - 1n,
    });
  } catch (error) {
    const decoded = ctx.decodeError(error, call.contract, call.functionName);
    if (decoded.code === 'ContractRevert') reason = decoded;
  }
  throw new PlazaError(
    `${call.contract}.${call.functionName} reverted when mined in block ${receipt.blockNumber} (transaction ${hash}), ` +
      `after its simulation passed: the chain changed in between.${reason ? ` ${reason.message}` : ''}`,
    {
      code: 'TransactionReverted',
      errorName: reason?.errorName ?? 'TransactionReverted',
      args: reason?.args ?? { hash },
      contract: call.contract,
      functionName: call.functionName,
      data: reason?.data,
      cause: reason,
    },
  );
}
