import { advancePoolAbi, complianceRegistryAbi, merchantRegistryAbi, paymentProcessorAbi } from '@plaza/abi';
import type { Account, Address } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { contractReader, ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { advanceLimit, advanceRateBps, quoteAdvance, type AdvanceParameters } from './math.js';

/**
 * The AdvancePool's books: ERC-4626 totals, idle and lent pUSD, discount fees still vesting, the credit
 * parameters and what one whole share is worth.
 *
 * @example
 * ```ts
 * const pool = await plaza.advances.state();
 * console.log(formatPusd(pool.totalAssets), formatPusd(pool.outstanding));
 * ```
 */
export interface AdvancePoolState {
  readonly totalAssets: bigint;
  /** papUSD shares (24 decimals: pUSD's 18 plus the 6-decimal offset). */
  readonly totalSupply: bigint;
  readonly idle: bigint;
  readonly outstanding: bigint;
  readonly unvestedFees: bigint;
  readonly parameters: AdvanceParameters;
  /** pUSD wei one whole share (1e24 units) redeems for now (`convertToAssets(1e24)`). */
  readonly assetsPerShare: bigint;
}

/**
 * What a merchant may draw now and why: its score, rate, held funds, debt and limit (also limited by liquidity).
 *
 * @example
 * ```ts
 * const credit = await plaza.advances.credit(merchant);
 * if (credit.available > 0n) await (await merchantClient.advances.advance({ amount: credit.available })).wait();
 * ```
 */
export interface MerchantCredit {
  readonly creditScore: number;
  readonly rateBps: number;
  readonly held: bigint;
  readonly debt: bigint;
  /** The contract's `advanceLimit` (before liquidity). */
  readonly limit: bigint;
  /** The limit, capped by what the pool can pay out (its idle pUSD grossed up by the fee). */
  readonly available: bigint;
  readonly active: boolean;
}

type Sender = { account?: Account | Address };

/**
 * The AdvancePool (receivables finance): deposit and withdraw pUSD (ERC-4626, `papUSD` shares), see the credit
 * curve and a merchant's limit, and draw an advance against escrowed receivables (the contract's checks done
 * first, so a refused advance sends nothing).
 *
 * @example
 * ```ts
 * await (await lender.advances.deposit({ assets: parsePusd('10000') })).deposit.wait();
 * const credit = await plaza.advances.credit(merchant);
 * await (await merchantClient.advances.advance({ amount: credit.limit / 2n })).wait();
 * ```
 */
export interface AdvancesModule {
  address(): Promise<Address>;
  state(): Promise<AdvancePoolState>;
  parameters(): Promise<AdvanceParameters>;
  /** The contract's credit curve at `score` (bps of held funds). */
  advanceRateBps(score: number): Promise<number>;
  credit(merchant: Address): Promise<MerchantCredit>;
  /** The fee and what the merchant receives for an advance of `amount` at today's fee. */
  quoteAdvance(amount: bigint): Promise<{ fee: bigint; received: bigint }>;
  balanceOf(account: Address): Promise<bigint>;
  maxWithdraw(owner: Address): Promise<bigint>;
  previewDeposit(assets: bigint): Promise<bigint>;
  previewRedeem(shares: bigint): Promise<bigint>;
  deposit(
    params: Sender & { assets: bigint; receiver?: Address; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; deposit: WriteResult<bigint> }>;
  withdraw(
    params: Sender & { assets: bigint; receiver?: Address; owner?: Address },
  ): Promise<WriteResult<bigint>>;
  redeem(
    params: Sender & { shares: bigint; receiver?: Address; owner?: Address },
  ): Promise<WriteResult<bigint>>;
  /** The merchant (sender) draws `amount` (face); `minReceived` defaults to the quote. `result` is what it receives. */
  advance(params: Sender & { amount: bigint; minReceived?: bigint }): Promise<WriteResult<bigint>>;
  writeOff(params: Sender & { merchant: Address }): Promise<WriteResult<bigint>>;
  collectCredit(params?: Sender): Promise<WriteResult<bigint>>;
  /** Risk manager. */
  setParameters(params: Sender & { parameters: AdvanceParameters }): Promise<WriteResult<void>>;
}

/**
 * Builds the advances module on a context (what `createPlazaClient` does for `plaza.advances`).
 *
 * @example
 * ```ts
 * import { createAdvancesModule, createPlazaContext } from '@plaza/sdk';
 * const advances = createAdvancesModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createAdvancesModule(ctx: PlazaContext): AdvancesModule {
  const CONTRACT = 'AdvancePool';
  const address = async () => ctx.address(CONTRACT);
  const read = contractReader(ctx, CONTRACT, advancePoolAbi);
  const readProcessor = contractReader(ctx, 'PaymentProcessor', paymentProcessorAbi);
  const readRegistry = contractReader(ctx, 'MerchantRegistry', merchantRegistryAbi);
  const readCompliance = contractReader(ctx, 'ComplianceRegistry', complianceRegistryAbi);
  const send = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: advancePoolAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });

  async function parameters(): Promise<AdvanceParameters> {
    const p = await read(await address(), 'parameters');
    return {
      minCreditScore: p.minCreditScore,
      minAdvanceRateBps: p.minAdvanceRateBps,
      maxAdvanceRateBps: p.maxAdvanceRateBps,
      discountFeeBps: p.discountFeeBps,
      maxDebtPerMerchant: p.maxDebtPerMerchant,
    };
  }
  async function credit(merchant: Address): Promise<MerchantCredit> {
    assertAddress(merchant, 'merchant');
    const pool = await address();
    const [p, score, [held, , debt], active, limit, idle] = await Promise.all([
      parameters(),
      readCompliance(ctx.address('ComplianceRegistry'), 'creditScore', [merchant]),
      readProcessor(ctx.address('PaymentProcessor'), 'merchantBalances', [merchant]),
      readRegistry(ctx.address('MerchantRegistry'), 'isActive', [merchant]),
      read(pool, 'advanceLimit', [merchant]),
      read(pool, 'idleAssets'),
    ]);
    // The largest face amount whose payout (face − ceil(face × fee)) fits the idle pUSD.
    const byLiquidity =
      p.discountFeeBps >= 10_000 ? 0n : (idle * 10_000n) / (10_000n - BigInt(p.discountFeeBps));
    return {
      creditScore: score,
      rateBps: advanceRateBps(score, p),
      held,
      debt,
      limit,
      available: limit < byLiquidity ? limit : byLiquidity,
      active,
    };
  }

  return {
    address,
    async state() {
      const pool = await address();
      const [totalAssets, totalSupply, idle, outstanding, unvestedFees, p, assetsPerShare] =
        await Promise.all([
          read(pool, 'totalAssets'),
          read(pool, 'totalSupply'),
          read(pool, 'idleAssets'),
          read(pool, 'outstandingDebt'),
          read(pool, 'unvestedFees'),
          parameters(),
          read(pool, 'convertToAssets', [10n ** 24n]),
        ]);
      return { totalAssets, totalSupply, idle, outstanding, unvestedFees, parameters: p, assetsPerShare };
    },
    parameters,
    async advanceRateBps(score) {
      return Number(await read(await address(), 'advanceRateBps', [BigInt(score)]));
    },
    credit,
    async quoteAdvance(amount) {
      assertAmount(amount, 'amount');
      return quoteAdvance(amount, (await parameters()).discountFeeBps);
    },
    async balanceOf(account) {
      assertAddress(account, 'account');
      return read(await address(), 'balanceOf', [account]);
    },
    async maxWithdraw(owner) {
      assertAddress(owner, 'owner');
      return read(await address(), 'maxWithdraw', [owner]);
    },
    async previewDeposit(assets) {
      assertAmount(assets, 'assets');
      return read(await address(), 'previewDeposit', [assets]);
    },
    async previewRedeem(shares) {
      assertAmount(shares, 'shares');
      return read(await address(), 'previewRedeem', [shares]);
    },
    async deposit({ assets, receiver, approve, account }) {
      assertAmount(assets, 'assets');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const to = receiver ?? from;
      assertAddress(to, 'receiver');
      const pusd = ctx.address('PlazaUSD');
      await requireBalance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        account: from,
        amount: assets,
        functionName: 'deposit',
      });
      const approval = await ensureAllowance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        spender: await address(),
        amount: assets,
        account: sender,
        mode: approve ?? 'exact',
        functionName: 'deposit',
      });
      const deposit = await send<bigint>('deposit', [assets, to], sender);
      return approval ? { approval, deposit } : { deposit };
    },
    async withdraw({ assets, receiver, owner, account }) {
      assertAmount(assets, 'assets');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const holder = owner ?? from;
      const max = await read(await address(), 'maxWithdraw', [holder]);
      if (assets > max) {
        throw ctx.contractError(
          CONTRACT,
          'ERC4626ExceededMaxWithdraw',
          { owner: holder, assets, max },
          'withdraw',
        );
      }
      return send<bigint>('withdraw', [assets, receiver ?? from, holder], sender);
    },
    async redeem({ shares, receiver, owner, account }) {
      assertAmount(shares, 'shares');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const holder = owner ?? from;
      const max = await read(await address(), 'maxRedeem', [holder]);
      if (shares > max) {
        throw ctx.contractError(
          CONTRACT,
          'ERC4626ExceededMaxRedeem',
          { owner: holder, shares, max },
          'redeem',
        );
      }
      return send<bigint>('redeem', [shares, receiver ?? from, holder], sender);
    },
    async advance({ amount, minReceived, account }) {
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const merchant = accountAddress(sender);
      if (amount === 0n) throw ctx.contractError(CONTRACT, 'ZeroAmount', {}, 'advance');
      const [c, p] = await Promise.all([credit(merchant), parameters()]);
      if (!c.active) throw ctx.contractError(CONTRACT, 'MerchantNotActive', { merchant }, 'advance');
      const policyId = await readRegistry(ctx.address('MerchantRegistry'), 'merchantPolicy');
      if (!(await readCompliance(ctx.address('ComplianceRegistry'), 'isAllowed', [policyId, merchant]))) {
        throw ctx.contractError(CONTRACT, 'NotCompliant', { merchant, policyId }, 'advance');
      }
      if (c.creditScore < p.minCreditScore) {
        throw ctx.contractError(
          CONTRACT,
          'CreditScoreTooLow',
          { score: BigInt(c.creditScore), minScore: BigInt(p.minCreditScore) },
          'advance',
        );
      }
      const limit = advanceLimit({
        held: c.held,
        debt: c.debt,
        score: c.creditScore,
        active: c.active,
        params: p,
      });
      if (amount > limit)
        throw ctx.contractError(CONTRACT, 'AdvanceExceedsLimit', { amount, limit }, 'advance');
      const { received } = quoteAdvance(amount, p.discountFeeBps);
      const least = minReceived ?? received;
      if (received < least) {
        throw ctx.contractError(CONTRACT, 'AdvanceBelowMinimum', { received, minReceived: least }, 'advance');
      }
      const idle = await read(await address(), 'idleAssets');
      if (received > idle)
        throw ctx.contractError(CONTRACT, 'InsufficientLiquidity', { needed: received, idle }, 'advance');
      return send<bigint>('advance', [amount, least], sender);
    },
    async writeOff({ merchant, account }) {
      assertAddress(merchant, 'merchant');
      return send<bigint>('writeOff', [merchant], account);
    },
    collectCredit: async ({ account } = {}) => send<bigint>('collectCredit', [], account),
    async setParameters({ parameters: p, account }) {
      return send<void>('setParameters', [p], account);
    },
  };
}
