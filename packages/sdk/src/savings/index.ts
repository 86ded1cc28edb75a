import { savingsVaultAbi } from '@plaza/abi';
import type { Abi, Account, Address, Hex } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { createLendingModule } from '../lending/index.js';
import { savingsApy, vaultToAssets, type SavingsApy, type VaultSnapshot, type Vesting } from './math.js';

export * from './math.js';

/**
 * One market the vault may supply to: its cap, what the vault supplies there now and the market's supply APY.
 *
 * @example
 * ```ts
 * for (const a of (await plaza.savings.vault()).allocations) console.log(a.collateralSymbol, a.assets, a.cap);
 * ```
 */
export interface SavingsAllocation {
  readonly marketId: Hex;
  readonly collateralSymbol: string | undefined;
  readonly cap: bigint;
  /** The vault's supply there, interest to now. */
  readonly assets: bigint;
  /** The market's supply APY (WAD). */
  readonly supplyApy: bigint;
  /** Position in the supply queue, or undefined when deposits are not supplied there. */
  readonly supplyQueueIndex: number | undefined;
}

/**
 * The SavingsVault (spUSD) now: totals, idle and available liquidity, fee, vesting income, allocations and the
 * APY split; `snapshot` feeds the preview functions.
 *
 * @example
 * ```ts
 * const vault = await plaza.savings.vault();
 * console.log(formatPusd(vault.totalAssets), 'pUSD at', formatUnits(vault.apy.apy * 100n, 18), '% APY');
 * ```
 */
export interface SavingsVaultInfo {
  readonly address: Address;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly asset: Address;
  readonly totalAssets: bigint;
  readonly totalSupply: bigint;
  readonly idle: bigint;
  /** pUSD the vault can pay out now (idle plus what markets can return). */
  readonly availableLiquidity: bigint;
  readonly lastTotalAssets: bigint;
  /** Performance fee (WAD). */
  readonly performanceFee: bigint;
  readonly feeRecipient: Address;
  readonly vesting: Vesting;
  readonly unvestedIncome: bigint;
  readonly vestingPeriod: number;
  /** pUSD one whole spUSD (1e24 units) redeems for now. */
  readonly sharePrice: bigint;
  readonly allocations: readonly SavingsAllocation[];
  readonly apy: SavingsApy;
  readonly snapshot: VaultSnapshot;
  /** The block timestamp it was read at. */
  readonly now: bigint;
}

/**
 * One account's spUSD: shares, their value, and what it can take out now.
 *
 * @example
 * ```ts
 * const { shares, assets, maxWithdraw } = await plaza.savings.position(me);
 * ```
 */
export interface SavingsPosition {
  readonly account: Address;
  readonly shares: bigint;
  /** What its shares redeem for now (rounded down). */
  readonly assets: bigint;
  /** pUSD it can withdraw now (liquidity-capped). */
  readonly maxWithdraw: bigint;
  readonly maxRedeem: bigint;
}

interface Sender {
  account?: Account | Address;
}

/**
 * spUSD, the SavingsVault: deposits allocated to the lending markets, plus RWA income vested to savers.
 *
 * @example
 * ```ts
 * const { deposit } = await saver.savings.deposit({ assets: parsePusd('1000') });
 * await deposit.wait();
 * console.log(await saver.savings.position(me));
 * ```
 */
export interface SavingsModule {
  vault(): Promise<SavingsVaultInfo>;
  /** The APY split: lending interest and RWA income, net of the performance fee. */
  apy(): Promise<SavingsApy>;
  position(account: Address): Promise<SavingsPosition>;
  /** spUSD a deposit of `assets` mints now (the vault's view). */
  previewDeposit(assets: bigint): Promise<bigint>;
  /** pUSD minting `shares` costs now. */
  previewMint(shares: bigint): Promise<bigint>;
  /** spUSD a withdrawal of `assets` burns now. */
  previewWithdraw(assets: bigint): Promise<bigint>;
  /** pUSD redeeming `shares` pays now. */
  previewRedeem(shares: bigint): Promise<bigint>;

  /** Deposits pUSD (approving the vault first); `result` is the spUSD minted. */
  deposit(
    params: Sender & { assets: bigint; receiver?: Address; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; deposit: WriteResult<bigint> }>;
  /** Mints exactly `shares` spUSD; `result` is the pUSD paid. */
  mint(
    params: Sender & { shares: bigint; receiver?: Address; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; mint: WriteResult<bigint> }>;
  /** Withdraws `assets` pUSD; `result` is the spUSD burnt. */
  withdraw(
    params: Sender & { assets: bigint; receiver?: Address; owner?: Address },
  ): Promise<WriteResult<bigint>>;
  /** Redeems `shares` spUSD (`'all'`: the owner's balance); `result` is the pUSD paid. */
  redeem(
    params: Sender & { shares: bigint | 'all'; receiver?: Address; owner?: Address },
  ): Promise<WriteResult<bigint>>;
  /** Income source: pushes `amount` pUSD of income, vested over the vesting period (approving first). */
  distributeIncome(
    params: Sender & { amount: bigint; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; distribute: WriteResult<void> }>;
}

/**
 * Builds the savings module on a context (what `createPlazaClient` does for `plaza.savings`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createSavingsModule } from '@plaza/sdk';
 * const savings = createSavingsModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createSavingsModule(ctx: PlazaContext): SavingsModule {
  const VAULT = 'SavingsVault';
  const vaultAddress = () => ctx.address(VAULT);
  const lending = createLendingModule(ctx);

  async function read<T>(
    functionName: string,
    args: readonly unknown[] = [],
    blockNumber?: bigint,
  ): Promise<T> {
    try {
      return (await ctx.publicClient.readContract({
        address: vaultAddress(),
        abi: savingsVaultAbi as Abi,
        functionName,
        args,
        ...(blockNumber === undefined ? {} : { blockNumber }),
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, VAULT, functionName);
    }
  }
  const send = <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: VAULT,
      abi: savingsVaultAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });

  async function vault(): Promise<SavingsVaultInfo> {
    const block = await ctx.publicClient.getBlock();
    const at = block.number;
    const [
      name,
      symbol,
      decimals,
      asset,
      totalAssets,
      totalSupply,
      idle,
      availableLiquidity,
      lastTotalAssets,
      performanceFee,
      feeRecipient,
      [vAmount, vStart, vEnd],
      unvested,
      vestingPeriod,
      withdrawLength,
      supplyLength,
    ] = await Promise.all([
      read<string>('name', [], at),
      read<string>('symbol', [], at),
      read<number>('decimals', [], at),
      read<Address>('asset', [], at),
      read<bigint>('totalAssets', [], at),
      read<bigint>('totalSupply', [], at),
      read<bigint>('idle', [], at),
      read<bigint>('availableLiquidity', [], at),
      read<bigint>('lastTotalAssets', [], at),
      read<bigint>('performanceFee', [], at),
      read<Address>('feeRecipient', [], at),
      read<readonly [bigint, bigint, bigint]>('vesting', [], at),
      read<bigint>('unvestedIncome', [], at),
      read<number>('vestingPeriod', [], at),
      read<bigint>('withdrawQueueLength', [], at),
      read<bigint>('supplyQueueLength', [], at),
    ]);
    const withdrawQueue = await Promise.all(
      Array.from({ length: Number(withdrawLength) }, (_, i) => read<Hex>('withdrawQueue', [BigInt(i)], at)),
    );
    const supplyQueue = await Promise.all(
      Array.from({ length: Number(supplyLength) }, (_, i) => read<Hex>('supplyQueue', [BigInt(i)], at)),
    );
    const allocations = await Promise.all(
      withdrawQueue.map(async (id): Promise<SavingsAllocation> => {
        const [[, cap], assets, market] = await Promise.all([
          read<readonly [Address, bigint]>('config', [id], at),
          read<bigint>('allocation', [id], at),
          lending.market(id),
        ]);
        const index = supplyQueue.findIndex((q) => q.toLowerCase() === id.toLowerCase());
        return {
          marketId: id,
          collateralSymbol: market.collateralSymbol,
          cap,
          assets,
          supplyApy: market.supplyApy,
          supplyQueueIndex: index < 0 ? undefined : index,
        };
      }),
    );
    const vesting = { amount: vAmount, start: vStart, end: vEnd };
    const snapshot = { totalAssets, totalSupply, lastTotalAssets, performanceFee };
    const [feeShares] = await read<readonly [bigint, bigint]>('accruedFee', [], at);
    return {
      address: vaultAddress(),
      name,
      symbol,
      decimals,
      asset,
      totalAssets,
      totalSupply,
      idle,
      availableLiquidity,
      lastTotalAssets,
      performanceFee,
      feeRecipient,
      vesting,
      unvestedIncome: unvested,
      vestingPeriod,
      sharePrice: vaultToAssets(10n ** 24n, totalSupply + feeShares, totalAssets, 'down'),
      allocations,
      apy: savingsApy({ totalAssets, performanceFee, allocations, vesting, now: block.timestamp }),
      snapshot,
      now: block.timestamp,
    };
  }

  async function pusdIn(
    sender: Account | Address,
    amount: bigint,
    approve: Approval | undefined,
    functionName: string,
  ) {
    const token = await read<Address>('asset');
    await requireBalance(ctx, {
      token,
      tokenContract: 'PlazaUSD',
      account: accountAddress(sender),
      amount,
      functionName,
    });
    return ensureAllowance(ctx, {
      token,
      tokenContract: 'PlazaUSD',
      spender: vaultAddress(),
      amount,
      account: sender,
      mode: approve ?? 'exact',
      functionName,
    });
  }

  return {
    vault,
    apy: async () => (await vault()).apy,
    async position(account) {
      assertAddress(account, 'account');
      const block = await ctx.publicClient.getBlock();
      const at = block.number;
      const shares = await read<bigint>('balanceOf', [account], at);
      const [assets, maxWithdraw, maxRedeem] = await Promise.all([
        read<bigint>('convertToAssets', [shares], at),
        read<bigint>('maxWithdraw', [account], at),
        read<bigint>('maxRedeem', [account], at),
      ]);
      return { account, shares, assets, maxWithdraw, maxRedeem };
    },
    previewDeposit: async (assets) => read<bigint>('previewDeposit', [assets]),
    previewMint: async (shares) => read<bigint>('previewMint', [shares]),
    previewWithdraw: async (assets) => read<bigint>('previewWithdraw', [assets]),
    previewRedeem: async (shares) => read<bigint>('previewRedeem', [shares]),

    async deposit({ assets, receiver, approve, account }) {
      assertAmount(assets, 'assets', { min: 1n });
      const sender = requireAccount(ctx, account);
      const to = receiver ?? accountAddress(sender);
      assertAddress(to, 'receiver');
      const approval = await pusdIn(sender, assets, approve, 'deposit');
      const deposit = await send<bigint>('deposit', [assets, to], sender);
      return approval ? { approval, deposit } : { deposit };
    },
    async mint({ shares, receiver, approve, account }) {
      assertAmount(shares, 'shares', { min: 1n });
      const sender = requireAccount(ctx, account);
      const to = receiver ?? accountAddress(sender);
      assertAddress(to, 'receiver');
      // Interest accrues until the transaction is mined: 0.1% of headroom on the approval.
      const cost = await read<bigint>('previewMint', [shares]);
      const approval = await pusdIn(sender, cost + cost / 1000n + 1n, approve, 'mint');
      const mint = await send<bigint>('mint', [shares, to], sender);
      return approval ? { approval, mint } : { mint };
    },
    async withdraw({ assets, receiver, owner, account }) {
      assertAmount(assets, 'assets', { min: 1n });
      const sender = requireAccount(ctx, account);
      const to = receiver ?? accountAddress(sender);
      const from = owner ?? accountAddress(sender);
      assertAddress(to, 'receiver');
      assertAddress(from, 'owner');
      return send<bigint>('withdraw', [assets, to, from], sender);
    },
    async redeem({ shares, receiver, owner, account }) {
      const sender = requireAccount(ctx, account);
      const to = receiver ?? accountAddress(sender);
      const from = owner ?? accountAddress(sender);
      assertAddress(to, 'receiver');
      assertAddress(from, 'owner');
      const balance = await read<bigint>('balanceOf', [from]);
      const amount = shares === 'all' ? balance : shares;
      assertAmount(amount, 'shares');
      if (amount === 0n) {
        throw new PlazaError(`${from} holds no spUSD to redeem.`, {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'shares', value: shares },
        });
      }
      if (amount > balance) {
        throw ctx.contractError(
          VAULT,
          'ERC20InsufficientBalance',
          { sender: from, balance, needed: amount },
          'redeem',
        );
      }
      return send<bigint>('redeem', [amount, to, from], sender);
    },
    async distributeIncome({ amount, approve, account }) {
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const role = await read<Hex>('INCOME_SOURCE_ROLE');
      if (!(await read<boolean>('hasRole', [role, from]))) {
        throw ctx.contractError(
          VAULT,
          'AccessControlUnauthorizedAccount',
          { account: from, neededRole: role },
          'distributeIncome',
        );
      }
      const approval = amount === 0n ? undefined : await pusdIn(sender, amount, approve, 'distributeIncome');
      const distribute = await send<void>('distributeIncome', [amount], sender);
      return approval ? { approval, distribute } : { distribute };
    },
  };
}
