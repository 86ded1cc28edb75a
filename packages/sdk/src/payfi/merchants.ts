import { complianceRegistryAbi, merchantRegistryAbi } from '@plaza/abi';
import type { Account, Address, Hex } from 'viem';
import { accountAddress, requireAccount, type PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { contractReader } from '../core/read.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { encodeOrderRef } from './payment.js';

/**
 * A merchant's record in the registry, with its fee and referral code.
 *
 * @example
 * ```ts
 * const shop = await plaza.merchants.merchant(merchantAddress);
 * console.log(shop.active, shop.payout, shop.refundWindow, shop.loyaltyProgram);
 * ```
 */
export interface MerchantInfo {
  readonly address: Address;
  readonly registered: boolean;
  readonly active: boolean;
  readonly payout: Address;
  readonly refundWindow: number;
  readonly earnRateBps: number;
  readonly tier: number;
  readonly adminSuspended: boolean;
  readonly complianceSuspended: boolean;
  /** Its LoyaltyPoints program, or undefined. */
  readonly loyaltyProgram: Address | undefined;
  /** Its referral code (zero if none). */
  readonly referralCode: Hex;
}

/**
 * A referral code: text (≤ 31 bytes, e.g. `'CAFE'`) or 32 bytes of hex.
 *
 * @example
 * ```ts
 * import type { ReferralCode } from '@plaza/sdk';
 * const code: ReferralCode = 'CAFE';
 * ```
 */
export type ReferralCode = string;

type Sender = { account?: Account | Address };
const ZERO: Address = '0x0000000000000000000000000000000000000000';

/**
 * The MerchantRegistry: merchants register (behind the merchant policy), set their payout address, refund
 * window, operators and referral code, and create their loyalty program; the merchant and fee admins suspend,
 * tier and price.
 *
 * @example
 * ```ts
 * await (await shop.merchants.register({ refundWindow: 7 * 86_400, referralCode: 'SHOP' })).wait();
 * await (await shop.merchants.createLoyaltyProgram({ name: 'Shop Points', symbol: 'SHOPPTS', earnRateBps: 10_000, pointValue: parsePusd('0.01') })).wait();
 * ```
 */
export interface MerchantsModule {
  address(): Promise<Address>;
  merchant(merchant: Address): Promise<MerchantInfo>;
  isOperator(merchant: Address, operator: Address): Promise<boolean>;
  referrerByCode(code: ReferralCode): Promise<Address | undefined>;
  merchantPolicy(): Promise<Hex>;
  /** Registers the sender; `payout` defaults to the sender, `refundWindow` (seconds) to 0. Checks the policy first. */
  register(
    params?: Sender & { payout?: Address; refundWindow?: number; referralCode?: ReferralCode },
  ): Promise<WriteResult<void>>;
  setPayout(params: Sender & { payout: Address }): Promise<WriteResult<void>>;
  setRefundWindow(params: Sender & { refundWindow: number }): Promise<WriteResult<void>>;
  setOperator(params: Sender & { operator: Address; allowed: boolean }): Promise<WriteResult<void>>;
  setReferralCode(params: Sender & { code: ReferralCode | null }): Promise<WriteResult<void>>;
  /** Creates the sender's points program (`result` is its address); `pointValue` is pUSD wei per whole point. */
  createLoyaltyProgram(
    params: Sender & {
      name: string;
      symbol: string;
      earnRateBps: number;
      pointValue: bigint;
      expiresAt?: number;
    },
  ): Promise<WriteResult<Address>>;
  setEarnRate(params: Sender & { earnRateBps: number }): Promise<WriteResult<void>>;
  /** Lifts the sender's compliance suspension once it satisfies the policy again. */
  reinstate(params?: Sender): Promise<WriteResult<void>>;
  /** Anyone: suspends a merchant that no longer satisfies the policy. */
  enforceCompliance(params: Sender & { merchant: Address }): Promise<WriteResult<void>>;
  /** Merchant admin. */
  setSuspended(params: Sender & { merchant: Address; suspended: boolean }): Promise<WriteResult<void>>;
  /** Merchant admin. */
  setFeeTier(params: Sender & { merchant: Address; tier: number }): Promise<WriteResult<void>>;
  /** Merchant admin: grants (or with `null` revokes) a partner's referral code. */
  setReferralCodeFor(
    params: Sender & { partner: Address; code: ReferralCode | null },
  ): Promise<WriteResult<void>>;
  /** Fee admin. */
  setTierFee(params: Sender & { tier: number; feeBps: number }): Promise<WriteResult<void>>;
  /** Fee admin. */
  setReferralShare(params: Sender & { shareBps: number }): Promise<WriteResult<void>>;
}

function checkUint(value: unknown, name: string, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new PlazaError(`Invalid ${name}: expected a whole number from 0 to ${max}, got ${String(value)}.`, {
      code: 'InvalidInput',
      errorName: 'InvalidInput',
      args: { name, value },
    });
  }
}

/**
 * Builds the merchants module on a context (what `createPlazaClient` does for `plaza.merchants`).
 *
 * @example
 * ```ts
 * import { createMerchantsModule, createPlazaContext } from '@plaza/sdk';
 * const merchants = createMerchantsModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createMerchantsModule(ctx: PlazaContext): MerchantsModule {
  const CONTRACT = 'MerchantRegistry';
  const address = async () => ctx.address(CONTRACT);
  const read = contractReader(ctx, CONTRACT, merchantRegistryAbi);
  const readCompliance = contractReader(ctx, 'ComplianceRegistry', complianceRegistryAbi);
  const send = async <T>(functionName: string, args: readonly unknown[], account?: Account | Address) =>
    writeContract<T>(ctx, {
      contract: CONTRACT,
      abi: merchantRegistryAbi,
      functionName,
      args,
      ...(account ? { account } : {}),
    });
  const code = (value: ReferralCode | null | undefined): Hex =>
    value === null || value === undefined || value === '' ? `0x${'0'.repeat(64)}` : encodeOrderRef(value);

  async function merchant(who: Address): Promise<MerchantInfo> {
    assertAddress(who, 'merchant');
    const registry = await address();
    const [m, active, referralCode] = await Promise.all([
      read(registry, 'merchantOf', [who]),
      read(registry, 'isActive', [who]),
      read(registry, 'referralCodeOf', [who]),
    ]);
    return {
      address: who,
      registered: m.registered,
      active,
      payout: m.payout,
      refundWindow: m.refundWindow,
      earnRateBps: m.earnRateBps,
      tier: m.tier,
      adminSuspended: m.adminSuspended,
      complianceSuspended: m.complianceSuspended,
      loyaltyProgram: m.loyaltyProgram === ZERO ? undefined : m.loyaltyProgram,
      referralCode,
    };
  }
  async function requireMerchant(sender: Address, functionName: string): Promise<MerchantInfo> {
    const info = await merchant(sender);
    if (!info.registered)
      throw ctx.contractError(CONTRACT, 'NotRegistered', { merchant: sender }, functionName);
    return info;
  }
  async function requireCompliant(who: Address, functionName: string) {
    const policyId = await read(await address(), 'merchantPolicy');
    const allowed = await readCompliance(ctx.address('ComplianceRegistry'), 'isAllowed', [policyId, who]);
    if (!allowed)
      throw ctx.contractError(CONTRACT, 'NotCompliant', { merchant: who, policyId }, functionName);
  }
  async function checkCode(owner: Address, value: Hex, functionName: string) {
    if (/^0x0*$/.test(value)) return;
    const holder = await read(await address(), 'referrerByCode', [value]);
    if (holder !== ZERO && holder.toLowerCase() !== owner.toLowerCase()) {
      throw ctx.contractError(CONTRACT, 'ReferralCodeTaken', { code: value, owner: holder }, functionName);
    }
  }

  return {
    address,
    merchant,
    async isOperator(who, operator) {
      assertAddress(who, 'merchant');
      assertAddress(operator, 'operator');
      return read(await address(), 'isOperator', [who, operator]);
    },
    async referrerByCode(value) {
      const holder = await read(await address(), 'referrerByCode', [code(value)]);
      return holder === ZERO ? undefined : holder;
    },
    merchantPolicy: async () => read(await address(), 'merchantPolicy'),
    async register({ payout, refundWindow = 0, referralCode, account } = {}) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const to = payout ?? from;
      assertAddress(to, 'payout');
      checkUint(refundWindow, 'refundWindow', 2 ** 24 - 1);
      if ((await merchant(from)).registered) {
        throw ctx.contractError(CONTRACT, 'AlreadyRegistered', { merchant: from }, 'register');
      }
      await requireCompliant(from, 'register');
      if (refundWindow > 180 * 86_400) {
        throw ctx.contractError(
          CONTRACT,
          'InvalidRefundWindow',
          { refundWindow: BigInt(refundWindow) },
          'register',
        );
      }
      const encoded = code(referralCode);
      await checkCode(from, encoded, 'register');
      return send<void>('register', [to, refundWindow, encoded], sender);
    },
    async setPayout({ payout, account }) {
      assertAddress(payout, 'payout');
      const sender = requireAccount(ctx, account);
      await requireMerchant(accountAddress(sender), 'setPayout');
      return send<void>('setPayout', [payout], sender);
    },
    async setRefundWindow({ refundWindow, account }) {
      checkUint(refundWindow, 'refundWindow', 2 ** 24 - 1);
      const sender = requireAccount(ctx, account);
      await requireMerchant(accountAddress(sender), 'setRefundWindow');
      return send<void>('setRefundWindow', [refundWindow], sender);
    },
    async setOperator({ operator, allowed, account }) {
      assertAddress(operator, 'operator');
      const sender = requireAccount(ctx, account);
      await requireMerchant(accountAddress(sender), 'setOperator');
      return send<void>('setOperator', [operator, allowed], sender);
    },
    async setReferralCode({ code: value, account }) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      await requireMerchant(from, 'setReferralCode');
      const encoded = code(value);
      await checkCode(from, encoded, 'setReferralCode');
      return send<void>('setReferralCode', [encoded], sender);
    },
    async createLoyaltyProgram({ name, symbol, earnRateBps, pointValue, expiresAt = 0, account }) {
      checkUint(earnRateBps, 'earnRateBps', 2 ** 24 - 1);
      checkUint(expiresAt, 'expiresAt', 2 ** 48 - 1);
      assertAmount(pointValue, 'pointValue', { max: 2n ** 128n - 1n });
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      const info = await requireMerchant(from, 'createLoyaltyProgram');
      if (info.loyaltyProgram) {
        throw ctx.contractError(
          CONTRACT,
          'LoyaltyProgramExists',
          { merchant: from, program: info.loyaltyProgram },
          'createLoyaltyProgram',
        );
      }
      if (earnRateBps > 1_000_000) {
        throw ctx.contractError(
          CONTRACT,
          'InvalidEarnRate',
          { earnRateBps: BigInt(earnRateBps) },
          'createLoyaltyProgram',
        );
      }
      return send<Address>(
        'createLoyaltyProgram',
        [name, symbol, earnRateBps, pointValue, expiresAt],
        sender,
      );
    },
    async setEarnRate({ earnRateBps, account }) {
      checkUint(earnRateBps, 'earnRateBps', 2 ** 24 - 1);
      const sender = requireAccount(ctx, account);
      const info = await requireMerchant(accountAddress(sender), 'setEarnRate');
      if (!info.loyaltyProgram) {
        throw ctx.contractError(CONTRACT, 'NoLoyaltyProgram', { merchant: info.address }, 'setEarnRate');
      }
      return send<void>('setEarnRate', [earnRateBps], sender);
    },
    async reinstate({ account } = {}) {
      const sender = requireAccount(ctx, account);
      const from = accountAddress(sender);
      await requireMerchant(from, 'reinstate');
      await requireCompliant(from, 'reinstate');
      return send<void>('reinstate', [], sender);
    },
    async enforceCompliance({ merchant: who, account }) {
      assertAddress(who, 'merchant');
      return send<void>('enforceCompliance', [who], account);
    },
    async setSuspended({ merchant: who, suspended, account }) {
      assertAddress(who, 'merchant');
      return send<void>('setSuspended', [who, suspended], account);
    },
    async setFeeTier({ merchant: who, tier, account }) {
      assertAddress(who, 'merchant');
      checkUint(tier, 'tier', 255);
      return send<void>('setFeeTier', [who, tier], account);
    },
    async setReferralCodeFor({ partner, code: value, account }) {
      assertAddress(partner, 'partner');
      return send<void>('setReferralCodeFor', [partner, code(value)], account);
    },
    async setTierFee({ tier, feeBps, account }) {
      checkUint(tier, 'tier', 255);
      checkUint(feeBps, 'feeBps', 65_535);
      return send<void>('setTierFee', [tier, feeBps], account);
    },
    async setReferralShare({ shareBps, account }) {
      checkUint(shareBps, 'shareBps', 65_535);
      return send<void>('setReferralShare', [shareBps], account);
    },
  };
}
