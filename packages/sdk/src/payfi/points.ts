import { loyaltyPointsAbi, paymentProcessorAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { contractReader, ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';

/**
 * A merchant's loyalty program: its points token, posted value, expiry and pUSD reserve.
 *
 * @example
 * ```ts
 * const program = await plaza.points.program(merchant);
 * console.log(program.symbol, formatPusd(program.pointValue), formatPusd(program.reserve));
 * ```
 */
export interface PointsProgram {
  readonly address: Address;
  readonly merchant: Address;
  readonly name: string;
  readonly symbol: string;
  readonly totalSupply: bigint;
  /** pUSD wei per whole point, as posted now. */
  readonly pointValue: bigint;
  /** A scheduled lower value and when it applies (undefined if none). */
  readonly pendingValue: { value: bigint; effectiveAt: bigint } | undefined;
  /** 0 = never. */
  readonly expiresAt: number;
  readonly expired: boolean;
  /** pUSD held as reserve. */
  readonly reserve: bigint;
  /** What the points are worth at the posted value. */
  readonly liability: bigint;
  /** Reserve above the liability (what the merchant may withdraw). */
  readonly surplus: bigint;
}

type Sender = { account?: Account | Address };

/**
 * Loyalty points (one ERC-20 clone per merchant, earned on settled payments): balances, programs, redemption for
 * pUSD from the reserve, reserve funding and the merchant's value, expiry and surplus withdrawals. Programs are
 * created with `plaza.merchants.createLoyaltyProgram`; points are spent at checkout through
 * `PaymentInfo.pointsRedeemed`.
 *
 * @example
 * ```ts
 * const points = await alice.points.balanceOf(merchant, aliceAddress);
 * const paid = await alice.points.previewRedeem(merchant, points);
 * await (await alice.points.redeem({ merchant, points })).wait();
 * ```
 */
export interface PointsModule {
  /** The merchant's program address (undefined if it has none). */
  programOf(merchant: Address): Promise<Address | undefined>;
  program(merchant: Address): Promise<PointsProgram>;
  balanceOf(merchant: Address, account: Address): Promise<bigint>;
  /** What redeeming `points` pays now (the contract's `previewRedeem`). */
  previewRedeem(merchant: Address, points: bigint): Promise<bigint>;
  /** Burns the sender's points for pUSD sent to `to` (default: the sender); `result` is the amount paid. */
  redeem(params: Sender & { merchant: Address; points: bigint; to?: Address }): Promise<WriteResult<bigint>>;
  transfer(
    params: Sender & { merchant: Address; to: Address; amount: bigint },
  ): Promise<WriteResult<boolean>>;
  /** Anyone adds pUSD to a program's reserve (approving it first if needed). */
  fundReserve(
    params: Sender & { merchant: Address; amount: bigint; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; fund: WriteResult<void> }>;
  /** The merchant (sender) withdraws reserve above the liability to `to` (default: itself). */
  withdrawReserve(params: Sender & { amount: bigint; to?: Address }): Promise<WriteResult<void>>;
  /** The merchant posts a new value (lowering it takes effect after 7 days). */
  setPointValue(params: Sender & { pointValue: bigint }): Promise<WriteResult<void>>;
  /** The merchant sets the expiry (0 = never; at least 30 days ahead unless extending). */
  setExpiry(params: Sender & { expiresAt: number }): Promise<WriteResult<void>>;
}

/**
 * Builds the points module on a context (what `createPlazaClient` does for `plaza.points`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createPointsModule } from '@plaza/sdk';
 * const points = createPointsModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createPointsModule(ctx: PlazaContext): PointsModule {
  const CONTRACT = 'LoyaltyPoints';
  const read = contractReader(ctx, CONTRACT, loyaltyPointsAbi);
  const readProcessor = contractReader(ctx, 'PaymentProcessor', paymentProcessorAbi);

  async function programOf(merchant: Address): Promise<Address | undefined> {
    assertAddress(merchant, 'merchant');
    const predicted = await readProcessor(ctx.address('PaymentProcessor'), 'loyaltyProgramOf', [merchant]);
    const code = await ctx.publicClient.getCode({ address: predicted });
    return code && code !== '0x' ? predicted : undefined;
  }
  async function requireProgram(merchant: Address, functionName: string): Promise<Address> {
    const program = await programOf(merchant);
    if (!program) throw ctx.contractError('PaymentProcessor', 'NoLoyaltyProgram', { merchant }, functionName);
    return program;
  }
  const send = async <T>(
    program: Address,
    functionName: string,
    args: readonly unknown[],
    account?: Account | Address,
  ) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: loyaltyPointsAbi,
      functionName,
      args,
      address: program,
      ...(account ? { account } : {}),
    });
  async function live(program: Address, functionName: string) {
    const [expired, expiresAt] = await Promise.all([read(program, 'isExpired'), read(program, 'expiresAt')]);
    if (expired)
      throw ctx.contractError(CONTRACT, 'ProgramExpired', { expiresAt: BigInt(expiresAt) }, functionName);
  }
  /** The sender's own program (it must be the merchant). */
  async function ownProgram(sender: Address, functionName: string): Promise<Address> {
    const program = await programOf(sender);
    if (!program) throw ctx.contractError(CONTRACT, 'NotMerchant', { caller: sender }, functionName);
    return program;
  }
  const checkValue = (value: unknown, name: string, max: number) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
      throw new PlazaError(
        `Invalid ${name}: expected a whole number from 0 to ${max}, got ${String(value)}.`,
        {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name, value },
        },
      );
    }
  };

  return {
    programOf,
    async program(merchant) {
      const program = await requireProgram(merchant, 'program');
      const [
        owner,
        name,
        symbol,
        totalSupply,
        pointValue,
        pending,
        expiresAt,
        expired,
        reserve,
        liability,
        surplus,
      ] = await Promise.all([
        read(program, 'merchant'),
        read(program, 'name'),
        read(program, 'symbol'),
        read(program, 'totalSupply'),
        read(program, 'pointValue'),
        read(program, 'pendingPointValue'),
        read(program, 'expiresAt'),
        read(program, 'isExpired'),
        read(program, 'reserve'),
        read(program, 'liability'),
        read(program, 'reserveSurplus'),
      ]);
      return {
        address: program,
        merchant: owner,
        name,
        symbol,
        totalSupply,
        pointValue,
        pendingValue: pending[1] === 0n ? undefined : { value: pending[0], effectiveAt: pending[1] },
        expiresAt,
        expired,
        reserve,
        liability,
        surplus,
      };
    },
    async balanceOf(merchant, account) {
      assertAddress(account, 'account');
      const program = await programOf(merchant);
      return program ? read(program, 'balanceOf', [account]) : 0n;
    },
    async previewRedeem(merchant, points) {
      assertAmount(points, 'points');
      return read(await requireProgram(merchant, 'previewRedeem'), 'previewRedeem', [points]);
    },
    async redeem({ merchant, points, to, account }) {
      assertAmount(points, 'points');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');
      const program = await requireProgram(merchant, 'redeem');
      await live(program, 'redeem');
      const paid = await read(program, 'previewRedeem', [points]);
      if (paid === 0n) throw ctx.contractError(CONTRACT, 'NothingToRedeem', {}, 'redeem');
      await requireBalance(ctx, {
        token: program,
        tokenContract: CONTRACT,
        account: from,
        amount: points,
        functionName: 'redeem',
      });
      return send<bigint>(program, 'redeem', [points, receiver], sender);
    },
    async transfer({ merchant, to, amount, account }) {
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const program = await requireProgram(merchant, 'transfer');
      await live(program, 'transfer');
      await requireBalance(ctx, {
        token: program,
        tokenContract: CONTRACT,
        account: accountAddress(sender),
        amount,
        functionName: 'transfer',
      });
      return send<boolean>(program, 'transfer', [to, amount], sender);
    },
    async fundReserve({ merchant, amount, approve, account }) {
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const program = await requireProgram(merchant, 'fundReserve');
      if (amount === 0n) throw ctx.contractError(CONTRACT, 'ZeroAmount', {}, 'fundReserve');
      const pusd = ctx.address('PlazaUSD');
      await requireBalance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        account: accountAddress(sender),
        amount,
        functionName: 'fundReserve',
      });
      const approval = await ensureAllowance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        spender: program,
        amount,
        account: sender,
        mode: approve ?? 'exact',
        functionName: 'fundReserve',
      });
      const fund = await send<void>(program, 'fundReserve', [amount], sender);
      return approval ? { approval, fund } : { fund };
    },
    async withdrawReserve({ amount, to, account }) {
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const receiver = to ?? from;
      assertAddress(receiver, 'to');
      const program = await ownProgram(from, 'withdrawReserve');
      const surplus = await read(program, 'reserveSurplus');
      if (amount > surplus)
        throw ctx.contractError(CONTRACT, 'ExceedsSurplus', { amount, surplus }, 'withdrawReserve');
      return send<void>(program, 'withdrawReserve', [amount, receiver], sender);
    },
    async setPointValue({ pointValue, account }) {
      assertAmount(pointValue, 'pointValue', { max: 2n ** 128n - 1n });
      const sender = requireAccount(ctx, account);
      return send<void>(
        await ownProgram(accountAddress(sender), 'setPointValue'),
        'setPointValue',
        [pointValue],
        sender,
      );
    },
    async setExpiry({ expiresAt, account }) {
      checkValue(expiresAt, 'expiresAt', 2 ** 48 - 1);
      const sender = requireAccount(ctx, account);
      return send<void>(
        await ownProgram(accountAddress(sender), 'setExpiry'),
        'setExpiry',
        [expiresAt],
        sender,
      );
    },
  };
}
