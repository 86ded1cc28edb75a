import { complianceRegistryAbi, rwaShareTokenAbi } from '@plaza/abi';
import { isAddress, type Account, type Address, type Hex } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { contractReader, ensureAllowance, requireBalance, type Approval } from '../core/read.js';
import { assertAddress, assertAmount, assertBytes32 } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { createOracleModule, type LatestAnswer } from '../oracle/index.js';
import { shareValue, type StreamState } from './math.js';

export { rwaErrorMessages, rwaErrors } from './errors.js';
export * from './math.js';

/**
 * An RWA asset: its share token's symbol as in the address book (`RwaShareToken_<symbol>`), or its address.
 *
 * @example
 * ```ts
 * import type { RwaAssetRef } from '@plaza/sdk';
 * const hrbr: RwaAssetRef = 'HRBR';
 * ```
 */
export type RwaAssetRef = string;

/**
 * An RWA share token of the deployment, with its NAV feed when the oracle has one.
 *
 * @example
 * ```ts
 * for (const asset of await plaza.rwa.assets()) console.log(asset.symbol, asset.name, asset.feedId);
 * ```
 */
export interface RwaAsset {
  readonly symbol: string;
  readonly name: string;
  readonly address: Address;
  readonly decimals: number;
  readonly totalSupply: bigint;
  /** The compliance policy every holder must pass. */
  readonly policyId: Hex;
  /** Seconds over which each income deposit streams. */
  readonly streamDuration: number;
  readonly incomeToken: Address;
  /** Its NavOracle feed, if any. */
  readonly feedId: bigint | undefined;
  /** Its NavFeedAdapter (pUSD) in the address book, if any. */
  readonly adapter: Address | undefined;
}

/**
 * An asset's income stream now: the contract's stream, its period, what is still to stream, and the
 * accumulator.
 *
 * @example
 * ```ts
 * const stream = await plaza.rwa.incomeStream('HRBR');
 * console.log(formatPusd(stream.pusdPerDay), 'pUSD a day until', new Date(Number(stream.periodFinish) * 1000));
 * ```
 */
export interface IncomeStream extends StreamState {
  readonly streamDuration: number;
  /** Whether income is streaming now. */
  readonly active: boolean;
  /** Income per day at the current rate, in pUSD wei (rounded down). */
  readonly pusdPerDay: bigint;
  /** Not streamed yet plus carried to the next deposit (`undistributedIncome()`). */
  readonly undistributed: bigint;
  readonly incomePerShare: bigint;
  readonly totalSupply: bigint;
  /** The chain time these were read at. */
  readonly now: bigint;
}

/**
 * One account's position in an asset.
 *
 * @example
 * ```ts
 * const { balance, claimable, value } = await plaza.rwa.holding('HRBR', alice);
 * ```
 */
export interface RwaHolding {
  readonly balance: bigint;
  readonly claimable: bigint;
  readonly claimed: bigint;
  /** The feed's latest answer (undefined without a feed). */
  readonly nav: LatestAnswer | undefined;
  /** `balance` at the latest answer when it is fresh, in pUSD wei. */
  readonly value: bigint | undefined;
}

interface Sender {
  account?: Account | Address;
}

/**
 * RWA share tokens: the deployment's assets, balances and income (claimable, claimed, the stream), claims,
 * compliant transfers (checked against the policy before sending), and the issuer's and distributor's actions.
 *
 * @example
 * ```ts
 * const claimable = await alice.rwa.claimableIncome('HRBR', aliceAddress);
 * await (await alice.rwa.claimIncome({ asset: 'HRBR' })).wait();
 * ```
 */
export interface RwaModule {
  /** Every `RwaShareToken_<symbol>` of the address book. */
  assets(): Promise<RwaAsset[]>;
  asset(asset: RwaAssetRef): Promise<RwaAsset>;
  /** The token address of a symbol or address. */
  addressOf(asset: RwaAssetRef): Address;
  balanceOf(asset: RwaAssetRef, account: Address): Promise<bigint>;
  claimableIncome(asset: RwaAssetRef, account: Address): Promise<bigint>;
  incomeClaimed(asset: RwaAssetRef, account: Address): Promise<bigint>;
  incomePerShare(asset: RwaAssetRef): Promise<bigint>;
  incomeStream(asset: RwaAssetRef): Promise<IncomeStream>;
  holding(asset: RwaAssetRef, account: Address): Promise<RwaHolding>;
  /** Whether `account` may hold the asset (its policy, or an exempt contract). */
  canHold(asset: RwaAssetRef, account: Address): Promise<boolean>;

  /** Transfers shares; both parties must pass the policy (checked first: a `NotAllowed` error names who fails). */
  transfer(
    params: Sender & { asset: RwaAssetRef; to: Address; amount: bigint },
  ): Promise<WriteResult<boolean>>;
  approve(
    params: Sender & { asset: RwaAssetRef; spender: Address; amount: bigint },
  ): Promise<WriteResult<boolean>>;
  /** Pays the sender's claimable income to `to` (default: the sender); `result` is the amount (0 if none). */
  claimIncome(params: Sender & { asset: RwaAssetRef; to?: Address }): Promise<WriteResult<bigint>>;

  /** Distributor: streams `amount` pUSD to holders over the stream duration (approving the token first). */
  depositIncome(
    params: Sender & { asset: RwaAssetRef; amount: bigint; approve?: Approval },
  ): Promise<{ approval?: WriteResult<boolean>; deposit: WriteResult<void> }>;
  /** Issuer: mints shares to `to`, which must pass the policy. */
  mint(params: Sender & { asset: RwaAssetRef; to: Address; amount: bigint }): Promise<WriteResult<void>>;
  /** Issuer: burns shares of `from` (a redemption). */
  burn(params: Sender & { asset: RwaAssetRef; from: Address; amount: bigint }): Promise<WriteResult<void>>;
  /** Issuer: moves shares without the holder's consent (court order, lost keys); `to` must pass the policy. */
  forceTransfer(
    params: Sender & { asset: RwaAssetRef; from: Address; to: Address; amount: bigint; orderRef: Hex },
  ): Promise<WriteResult<void>>;
  /** Admin: the streaming period of future deposits. */
  setStreamDuration(params: Sender & { asset: RwaAssetRef; duration: number }): Promise<WriteResult<void>>;
}

/**
 * Builds the RWA module on a context (what `createPlazaClient` does for `plaza.rwa`).
 *
 * @example
 * ```ts
 * import { createPlazaContext, createRwaModule } from '@plaza/sdk';
 * const rwa = createRwaModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createRwaModule(ctx: PlazaContext): RwaModule {
  const CONTRACT = 'RwaShareToken';
  const PREFIX = 'RwaShareToken_';
  const read = contractReader(ctx, CONTRACT, rwaShareTokenAbi);
  const readRegistry = contractReader(ctx, 'ComplianceRegistry', complianceRegistryAbi);
  const oracle = createOracleModule(ctx);

  function addressOf(asset: RwaAssetRef): Address {
    if (typeof asset === 'string' && isAddress(asset, { strict: false })) return asset;
    if (typeof asset !== 'string' || asset.length === 0) {
      throw new PlazaError(
        `Invalid asset: expected a symbol such as "HRBR" or an address, got ${String(asset)}.`,
        {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'asset', value: asset },
        },
      );
    }
    return ctx.address(`${PREFIX}${asset}`);
  }
  const send = async <T>(
    asset: RwaAssetRef,
    functionName: string,
    args: readonly unknown[],
    account?: Account | Address,
  ) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: rwaShareTokenAbi,
      functionName,
      args,
      address: addressOf(asset),
      ...(account ? { account } : {}),
    });
  async function canHold(asset: RwaAssetRef, account: Address): Promise<boolean> {
    assertAddress(account, 'account');
    const token = addressOf(asset);
    const [registry, policyId] = await Promise.all([
      read(token, 'complianceRegistry'),
      read(token, 'policyId'),
    ]);
    return readRegistry(registry, 'isAllowed', [policyId, account]);
  }
  async function requireHolder(asset: RwaAssetRef, account: Address, functionName: string) {
    if (await canHold(asset, account)) return;
    const policyId = await read(addressOf(asset), 'policyId');
    throw ctx.contractError(CONTRACT, 'NotAllowed', { policyId, account }, functionName);
  }
  async function requireRole(
    asset: RwaAssetRef,
    role: 'ISSUER_ROLE' | 'DISTRIBUTOR_ROLE',
    account: Address,
    functionName: string,
  ) {
    const token = addressOf(asset);
    const roleId = await read(token, role);
    if (!(await read(token, 'hasRole', [roleId, account]))) {
      throw ctx.contractError(
        CONTRACT,
        'AccessControlUnauthorizedAccount',
        { account, neededRole: roleId },
        functionName,
      );
    }
  }
  async function feedOf(
    token: Address,
  ): Promise<{ feedId: bigint | undefined; adapter: Address | undefined }> {
    if (!ctx.has('NavOracle')) return { feedId: undefined, adapter: undefined };
    try {
      const feedId = await oracle.feedIdOf(token);
      const adapter = (await oracle.adapters()).find((a) => a.feedId === feedId)?.address;
      return { feedId, adapter };
    } catch (error) {
      if (error instanceof PlazaError && error.errorName === 'FeedNotFound') {
        return { feedId: undefined, adapter: undefined };
      }
      throw error;
    }
  }
  async function asset(ref: RwaAssetRef): Promise<RwaAsset> {
    const token = addressOf(ref);
    const [symbol, name, decimals, totalSupply, policyId, streamDuration, incomeToken, feed] =
      await Promise.all([
        read(token, 'symbol'),
        read(token, 'name'),
        read(token, 'decimals'),
        read(token, 'totalSupply'),
        read(token, 'policyId'),
        read(token, 'streamDuration'),
        read(token, 'incomeToken'),
        feedOf(token),
      ]);
    return {
      symbol,
      name,
      address: token,
      decimals,
      totalSupply,
      policyId,
      streamDuration,
      incomeToken,
      ...feed,
    };
  }

  const module: RwaModule = {
    async assets() {
      const symbols = Object.keys(ctx.deployment.contracts)
        .filter((name) => name.startsWith(PREFIX))
        .map((name) => name.slice(PREFIX.length));
      return Promise.all(symbols.map(asset));
    },
    asset,
    addressOf,
    async balanceOf(ref, account) {
      assertAddress(account, 'account');
      return read(addressOf(ref), 'balanceOf', [account]);
    },
    async claimableIncome(ref, account) {
      assertAddress(account, 'account');
      return read(addressOf(ref), 'claimableIncome', [account]);
    },
    async incomeClaimed(ref, account) {
      assertAddress(account, 'account');
      return read(addressOf(ref), 'incomeClaimed', [account]);
    },
    incomePerShare: async (ref) => read(addressOf(ref), 'incomePerShare'),
    async incomeStream(ref) {
      const token = addressOf(ref);
      // One block for every read, so that they are consistent with `now`.
      const block = await ctx.publicClient.getBlock();
      const at = { blockNumber: block.number };
      const call = async <T>(functionName: string): Promise<T> => {
        try {
          return (await ctx.publicClient.readContract({
            address: token,
            abi: rwaShareTokenAbi,
            functionName,
            ...at,
          } as never)) as T;
        } catch (error) {
          throw ctx.decodeError(error, CONTRACT, functionName);
        }
      };
      const [
        [ratePerSecond, lastUpdate, periodFinish],
        streamDuration,
        undistributed,
        incomePerShare,
        totalSupply,
      ] = await Promise.all([
        call<readonly [bigint, bigint, bigint]>('incomeStream'),
        call<number>('streamDuration'),
        call<bigint>('undistributedIncome'),
        call<bigint>('incomePerShare'),
        call<bigint>('totalSupply'),
      ]);
      const now = block.timestamp;
      return {
        ratePerSecond,
        lastUpdate,
        periodFinish,
        streamDuration,
        active: now < periodFinish && ratePerSecond > 0n,
        pusdPerDay: (ratePerSecond * 86_400n) / 10n ** 18n,
        undistributed,
        incomePerShare,
        totalSupply,
        now,
      };
    },
    async holding(ref, account) {
      assertAddress(account, 'account');
      const token = addressOf(ref);
      const [balance, claimable, claimed, feed] = await Promise.all([
        read(token, 'balanceOf', [account]),
        read(token, 'claimableIncome', [account]),
        read(token, 'incomeClaimed', [account]),
        feedOf(token),
      ]);
      const nav = feed.feedId === undefined ? undefined : await oracle.latestAnswer(feed.feedId);
      const value = nav?.status === 'Fresh' ? shareValue(balance, nav.answer) : undefined;
      return { balance, claimable, claimed, nav, value };
    },
    canHold,

    async transfer({ asset: ref, to, amount, account }) {
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      await requireHolder(ref, from, 'transfer');
      await requireHolder(ref, to, 'transfer');
      await requireBalance(ctx, {
        token: addressOf(ref),
        tokenContract: CONTRACT,
        account: from,
        amount,
        functionName: 'transfer',
      });
      return send<boolean>(ref, 'transfer', [to, amount], sender);
    },
    async approve({ asset: ref, spender, amount, account }) {
      assertAddress(spender, 'spender');
      assertAmount(amount, 'amount');
      return send<boolean>(ref, 'approve', [spender, amount], account);
    },
    async claimIncome({ asset: ref, to, account }) {
      const sender = requireAccount(ctx, account);
      const receiver = to ?? accountAddress(sender);
      assertAddress(receiver, 'to');
      return send<bigint>(ref, 'claimIncome', [receiver], sender);
    },
    async depositIncome({ asset: ref, amount, approve, account }) {
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      await requireRole(ref, 'DISTRIBUTOR_ROLE', from, 'depositIncome');
      const token = addressOf(ref);
      const pusd = await read(token, 'incomeToken');
      await requireBalance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        account: from,
        amount,
        functionName: 'depositIncome',
      });
      const approval = await ensureAllowance(ctx, {
        token: pusd,
        tokenContract: 'PlazaUSD',
        spender: token,
        amount,
        account: sender,
        mode: approve ?? 'exact',
        functionName: 'depositIncome',
      });
      const deposit = await send<void>(ref, 'depositIncome', [amount], sender);
      return approval ? { approval, deposit } : { deposit };
    },
    async mint({ asset: ref, to, amount, account }) {
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      const sender = requireAccount(ctx, account);
      await requireRole(ref, 'ISSUER_ROLE', accountAddress(sender), 'mint');
      await requireHolder(ref, to, 'mint');
      return send<void>(ref, 'mint', [to, amount], sender);
    },
    async burn({ asset: ref, from, amount, account }) {
      assertAddress(from, 'from');
      assertAmount(amount, 'amount');
      return send<void>(ref, 'burn', [from, amount], account);
    },
    async forceTransfer({ asset: ref, from, to, amount, orderRef, account }) {
      assertAddress(from, 'from');
      assertAddress(to, 'to');
      assertAmount(amount, 'amount');
      assertBytes32(orderRef, 'orderRef');
      const sender = requireAccount(ctx, account);
      await requireRole(ref, 'ISSUER_ROLE', accountAddress(sender), 'forceTransfer');
      await requireHolder(ref, to, 'forceTransfer');
      return send<void>(ref, 'forceTransfer', [from, to, amount, orderRef], sender);
    },
    async setStreamDuration({ asset: ref, duration, account }) {
      if (!Number.isSafeInteger(duration) || duration < 0 || duration > 2 ** 32 - 1) {
        throw new PlazaError(`Invalid duration: expected seconds (a uint32), got ${duration}.`, {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name: 'duration', value: duration },
        });
      }
      return send<void>(ref, 'setStreamDuration', [duration], account);
    },
  };
  return module;
}
