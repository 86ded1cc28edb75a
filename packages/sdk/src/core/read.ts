// Typed contract reads with decoded errors, and the approval step many writes share. Internal to the modules.
import type {
  Abi,
  Account,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  ContractFunctionReturnType,
} from 'viem';
import { erc20Abi } from 'viem';
import { accountAddress, type PlazaContext } from './context.js';
import { writeContract, type WriteResult } from './write.js';

type ReadName<abi extends Abi> = ContractFunctionName<abi, 'pure' | 'view'>;

/**
 * A typed `readContract` for one ABI whose failures are decoded into `PlazaError`s naming `contract`.
 * @internal
 */
export function contractReader<const abi extends Abi>(ctx: PlazaContext, contract: string, abi: abi) {
  return async <
    functionName extends ReadName<abi>,
    const args extends ContractFunctionArgs<abi, 'pure' | 'view', functionName>,
  >(
    address: Address,
    functionName: functionName,
    ...args: readonly [] extends args ? [args?] : [args]
  ): Promise<ContractFunctionReturnType<abi, 'pure' | 'view', functionName, args>> => {
    try {
      return (await ctx.publicClient.readContract({
        address,
        abi,
        functionName,
        args: args[0] ?? [],
      } as never)) as ContractFunctionReturnType<abi, 'pure' | 'view', functionName, args>;
    } catch (error) {
      throw ctx.decodeError(error, contract, functionName);
    }
  };
}

/** How a write gets a token allowance it needs: approve what it needs (default), 2^256 − 1, or never. */
export type Approval = 'exact' | 'max' | false;

const MAX_UINT256 = 2n ** 256n - 1n;

/**
 * Approves `amount` of `token` for `spender` from `account` when the allowance is short, and waits for it.
 * With `mode === false` a short allowance is an `ERC20InsufficientAllowance` refusal before anything is sent.
 * @internal
 */
export async function ensureAllowance(
  ctx: PlazaContext,
  params: {
    token: Address;
    /** The token's name for messages (`PlazaUSD`, `MockUSDC`, …). */
    tokenContract: string;
    spender: Address;
    amount: bigint;
    account: Account | Address;
    mode?: Approval;
    functionName: string;
  },
): Promise<WriteResult<boolean> | undefined> {
  const { token, tokenContract, spender, amount, account, mode = 'exact', functionName } = params;
  const owner = accountAddress(account);
  let current: bigint;
  try {
    current = await ctx.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, spender],
    });
  } catch (error) {
    throw ctx.decodeError(error, tokenContract, 'allowance');
  }
  if (current >= amount) return undefined;
  if (mode === false) {
    throw ctx.contractError(
      tokenContract,
      'ERC20InsufficientAllowance',
      { spender, allowance: current, needed: amount },
      functionName,
    );
  }
  const approval = await writeContract<boolean>(ctx, {
    contract: tokenContract,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, mode === 'max' ? MAX_UINT256 : amount],
    address: token,
    account,
  });
  await approval.wait();
  return approval;
}

/**
 * The balance of `account` in `token`, with a refusal named like the token's own when it is short.
 * @internal
 */
export async function requireBalance(
  ctx: PlazaContext,
  params: { token: Address; tokenContract: string; account: Address; amount: bigint; functionName: string },
): Promise<void> {
  const { token, tokenContract, account, amount, functionName } = params;
  let balance: bigint;
  try {
    balance = await ctx.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account],
    });
  } catch (error) {
    throw ctx.decodeError(error, tokenContract, 'balanceOf');
  }
  if (balance < amount) {
    throw ctx.contractError(
      tokenContract,
      'ERC20InsufficientBalance',
      { sender: account, balance, needed: amount },
      functionName,
    );
  }
}

/**
 * The time defaults (deadlines, expiries, start times) count from: the later of the chain's latest block time and
 * the local clock. A devnet that has been idle has an old latest block, but its next block is stamped with the
 * current time, so counting from the block alone could produce a deadline already past.
 * @internal
 */
export async function defaultsClock(ctx: PlazaContext): Promise<bigint> {
  const latest = (await ctx.publicClient.getBlock()).timestamp;
  const local = BigInt(Math.floor(Date.now() / 1000));
  return latest > local ? latest : local;
}
