import { complianceRegistryAbi } from '@plaza/abi';
import type { Account, Address, Hex } from 'viem';
import type { PlazaContext } from '../core/context.js';
import { PlazaError } from '../core/errors.js';
import { assertAddress, assertAmount } from '../core/validate.js';
import { writeContract, type WriteResult } from '../core/write.js';
import { OPEN_POLICY, decodeJurisdiction, encodeJurisdiction, policyId } from './policy.js';

export { complianceErrorMessages, complianceErrors } from './errors.js';
export { OPEN_POLICY, decodeJurisdiction, encodeJurisdiction, policyId } from './policy.js';

/**
 * An account's attested KYC record, plus what the registry derives from it.
 *
 * @example
 * ```ts
 * const { kycLevel, jurisdiction, live } = await plaza.compliance.recordOf(alice); // 2, 'US', true
 * ```
 */
export interface ComplianceRecord {
  readonly kycLevel: number;
  /** ISO 3166-1 alpha-2 ("US"), or "" without a record. */
  readonly jurisdiction: string;
  /** Unix seconds; the record satisfies policies while `now ≤ expiry`. */
  readonly expiry: bigint;
  /** 0–1000, as attested (the registry's `creditScore()` view returns 0 once expired). */
  readonly creditScore: number;
  /** On the sanctions blocklist. */
  readonly blocked: boolean;
  /** A protocol contract exempted from policies. */
  readonly exempt: boolean;
  /** Not expired at the chain's latest block. */
  readonly live: boolean;
}

/**
 * What an attester writes for an account.
 *
 * @example
 * ```ts
 * const record: ComplianceRecordInput = { kycLevel: 2, jurisdiction: 'US', expiry: now + 365n * 86400n, creditScore: 720 };
 * ```
 */
export interface ComplianceRecordInput {
  readonly kycLevel: number;
  readonly jurisdiction: string;
  readonly expiry: bigint;
  readonly creditScore: number;
  /** Default false. */
  readonly blocked?: boolean;
}

/**
 * A named policy's thresholds.
 *
 * @example
 * ```ts
 * const { active, minKycLevel, minCreditScore } = await plaza.compliance.policy('accredited');
 * ```
 */
export interface CompliancePolicy {
  readonly id: Hex;
  readonly active: boolean;
  readonly minKycLevel: number;
  readonly minCreditScore: number;
}

/**
 * Why an account passes or fails a policy, in the order the registry checks.
 *
 * @example
 * ```ts
 * import type { AllowedReason } from '@plaza/sdk';
 * const needsKyc = (reason: AllowedReason) => reason === 'no-record' || reason === 'expired' || reason === 'kyc-level';
 * ```
 */
export type AllowedReason =
  | 'blocked'
  | 'exempt'
  | 'open-policy'
  | 'policy-inactive'
  | 'no-record'
  | 'expired'
  | 'kyc-level'
  | 'credit-score'
  | 'jurisdiction-sanctioned'
  | 'jurisdiction-blocked'
  | 'allowed';

/**
 * The verdict of {@link explainAllowed}: the same answer as the registry's `isAllowed`, with the reason.
 *
 * @example
 * ```ts
 * const { allowed, reason, message } = await plaza.compliance.explainAllowed('accredited', bob);
 * ```
 */
export interface AllowedExplanation {
  readonly allowed: boolean;
  readonly reason: AllowedReason;
  readonly message: string;
}

/**
 * Everything `isAllowed(policy, account)` depends on.
 *
 * @example
 * ```ts
 * import type { PolicyCheckInput } from '@plaza/sdk';
 * const input: PolicyCheckInput = { policy, record, now, jurisdictionSanctioned: false, jurisdictionBlockedByPolicy: false };
 * ```
 */
export interface PolicyCheckInput {
  readonly policy: CompliancePolicy;
  readonly record: Omit<ComplianceRecord, 'live'>;
  readonly now: bigint;
  readonly jurisdictionSanctioned: boolean;
  readonly jurisdictionBlockedByPolicy: boolean;
}

/**
 * The registry's `isAllowed` logic, with the reason (blocked → exempt → open policy → active policy → live
 * record → KYC level → credit score → sanctioned jurisdiction → policy's blocked jurisdictions).
 *
 * @example
 * ```ts
 * import { explainAllowed } from '@plaza/sdk';
 * explainAllowed(input).reason; // 'credit-score'
 * ```
 */
export function explainAllowed(input: PolicyCheckInput): AllowedExplanation {
  const { policy, record, now } = input;
  const verdict = (allowed: boolean, reason: AllowedReason, message: string) => ({
    allowed,
    reason,
    message,
  });
  if (record.blocked) return verdict(false, 'blocked', 'The account is on the sanctions blocklist.');
  if (record.exempt)
    return verdict(true, 'exempt', 'The account is a protocol contract exempt from policies.');
  if (policy.id === OPEN_POLICY)
    return verdict(true, 'open-policy', 'The open policy admits everyone not blocked.');
  if (!policy.active) return verdict(false, 'policy-inactive', `Policy ${policy.id} is not active.`);
  if (record.expiry < now) {
    return record.expiry === 0n
      ? verdict(false, 'no-record', 'The account has no KYC record.')
      : verdict(false, 'expired', `The account's KYC record expired at ${record.expiry}.`);
  }
  if (record.kycLevel < policy.minKycLevel) {
    return verdict(
      false,
      'kyc-level',
      `KYC level ${record.kycLevel} is below the policy's ${policy.minKycLevel}.`,
    );
  }
  if (record.creditScore < policy.minCreditScore) {
    return verdict(
      false,
      'credit-score',
      `Credit score ${record.creditScore} is below the policy's ${policy.minCreditScore}.`,
    );
  }
  if (input.jurisdictionSanctioned) {
    return verdict(false, 'jurisdiction-sanctioned', `Jurisdiction ${record.jurisdiction} is sanctioned.`);
  }
  if (input.jurisdictionBlockedByPolicy) {
    return verdict(false, 'jurisdiction-blocked', `The policy excludes jurisdiction ${record.jurisdiction}.`);
  }
  return verdict(true, 'allowed', 'The account meets the policy.');
}

/**
 * The ComplianceRegistry: KYC records, policies and `isAllowed` for everyone; record and blocklist writes for
 * attesters (KYC providers).
 *
 * @example
 * ```ts
 * const allowed = await plaza.compliance.isAllowed('accredited', alice);
 * const why = await plaza.compliance.explainAllowed('accredited', bob);
 * ```
 */
export interface ComplianceModule {
  address(): Promise<Address>;
  recordOf(account: Address): Promise<ComplianceRecord>;
  /** 0 once the record expired (the registry's view). */
  creditScore(account: Address): Promise<number>;
  /** `policy` is a 32-byte id or a name (id = keccak256(name)); {@link OPEN_POLICY} admits everyone not blocked. */
  isAllowed(policy: string, account: Address): Promise<boolean>;
  explainAllowed(policy: string, account: Address): Promise<AllowedExplanation>;
  policy(policy: string): Promise<CompliancePolicy>;
  isPolicyJurisdictionBlocked(policy: string, jurisdiction: string): Promise<boolean>;
  isJurisdictionSanctioned(jurisdiction: string): Promise<boolean>;
  isBlocked(account: Address): Promise<boolean>;
  isExempt(account: Address): Promise<boolean>;
  isAttester(account: Address): Promise<boolean>;
  /** Attesters: writes an account's full record. */
  setRecord(params: {
    account: Address;
    record: ComplianceRecordInput;
    sender?: Account | Address;
  }): Promise<WriteResult<void>>;
  /** Attesters: writes many records in one transaction. */
  setRecords(params: {
    records: readonly { account: Address; record: ComplianceRecordInput }[];
    sender?: Account | Address;
  }): Promise<WriteResult<void>>;
  /** Attesters: clears the KYC fields (the blocked flag stays). */
  revokeRecord(params: { account: Address; sender?: Account | Address }): Promise<WriteResult<void>>;
  /** Attesters and the admin: blocks or unblocks (pUSD follows in the same transaction). */
  setBlocked(params: {
    account: Address;
    blocked: boolean;
    sender?: Account | Address;
  }): Promise<WriteResult<void>>;
}

function encodeRecord(record: ComplianceRecordInput) {
  for (const [name, value, max] of [
    ['kycLevel', record.kycLevel, 255],
    ['creditScore', record.creditScore, 1000],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new PlazaError(
        `Invalid ${name}: expected an integer from 0 to ${max}, got ${JSON.stringify(value)}.`,
        {
          code: 'InvalidInput',
          errorName: 'InvalidInput',
          args: { name, value },
        },
      );
    }
  }
  assertAmount(record.expiry, 'expiry', { max: 2n ** 40n - 1n });
  return {
    kycLevel: record.kycLevel,
    jurisdiction: encodeJurisdiction(record.jurisdiction),
    expiry: Number(record.expiry),
    creditScore: record.creditScore,
    blocked: record.blocked ?? false,
  };
}

/**
 * Builds the compliance module on a context (what `createPlazaClient` does for `plaza.compliance`).
 *
 * @example
 * ```ts
 * import { createComplianceModule, createPlazaContext } from '@plaza/sdk';
 * const compliance = createComplianceModule(createPlazaContext({ publicClient, chainId, deployment }));
 * ```
 */
export function createComplianceModule(ctx: PlazaContext): ComplianceModule {
  const CONTRACT = 'ComplianceRegistry';
  const address = async () => ctx.address(CONTRACT);
  const read = async <T>(functionName: string, args: readonly unknown[] = []): Promise<T> => {
    try {
      return (await ctx.publicClient.readContract({
        address: await address(),
        abi: complianceRegistryAbi,
        functionName,
        args,
      } as never)) as T;
    } catch (error) {
      throw ctx.decodeError(error, CONTRACT, functionName);
    }
  };
  const send = (functionName: string, args: readonly unknown[], sender?: Account | Address) =>
    writeContract<void>(ctx, {
      contract: CONTRACT,
      abi: complianceRegistryAbi,
      functionName,
      args,
      ...(sender ? { account: sender } : {}),
    });

  async function rawRecord(account: Address) {
    const [record, exempt] = await Promise.all([
      read<{ kycLevel: number; jurisdiction: Hex; expiry: number; creditScore: number; blocked: boolean }>(
        'recordOf',
        [account],
      ),
      read<boolean>('isExempt', [account]),
    ]);
    return {
      kycLevel: record.kycLevel,
      jurisdiction: decodeJurisdiction(record.jurisdiction),
      expiry: BigInt(record.expiry),
      creditScore: record.creditScore,
      blocked: record.blocked,
      exempt,
      rawJurisdiction: record.jurisdiction,
    };
  }

  const module: ComplianceModule = {
    address,
    async recordOf(account) {
      assertAddress(account, 'account');
      const [{ rawJurisdiction: _, ...record }, block] = await Promise.all([
        rawRecord(account),
        ctx.publicClient.getBlock(),
      ]);
      return { ...record, live: record.expiry >= block.timestamp };
    },
    async creditScore(account) {
      assertAddress(account, 'account');
      return read<number>('creditScore', [account]);
    },
    async isAllowed(policy, account) {
      assertAddress(account, 'account');
      return read<boolean>('isAllowed', [policyId(policy), account]);
    },
    async explainAllowed(policy, account) {
      assertAddress(account, 'account');
      const id = policyId(policy);
      const [{ rawJurisdiction, ...record }, thresholds, block] = await Promise.all([
        rawRecord(account),
        module.policy(id),
        ctx.publicClient.getBlock(),
      ]);
      const [jurisdictionSanctioned, jurisdictionBlockedByPolicy] = await Promise.all([
        read<boolean>('isJurisdictionSanctioned', [rawJurisdiction]),
        read<boolean>('isPolicyJurisdictionBlocked', [id, rawJurisdiction]),
      ]);
      return explainAllowed({
        policy: thresholds,
        record,
        now: block.timestamp,
        jurisdictionSanctioned,
        jurisdictionBlockedByPolicy,
      });
    },
    async policy(policy) {
      const id = policyId(policy);
      const [active, minKycLevel, minCreditScore] = await read<readonly [boolean, number, number]>(
        'policyOf',
        [id],
      );
      return { id, active, minKycLevel, minCreditScore };
    },
    async isPolicyJurisdictionBlocked(policy, jurisdiction) {
      return read<boolean>('isPolicyJurisdictionBlocked', [
        policyId(policy),
        encodeJurisdiction(jurisdiction),
      ]);
    },
    async isJurisdictionSanctioned(jurisdiction) {
      return read<boolean>('isJurisdictionSanctioned', [encodeJurisdiction(jurisdiction)]);
    },
    async isBlocked(account) {
      assertAddress(account, 'account');
      return read<boolean>('isBlocked', [account]);
    },
    async isExempt(account) {
      assertAddress(account, 'account');
      return read<boolean>('isExempt', [account]);
    },
    async isAttester(account) {
      assertAddress(account, 'account');
      const role = await read<Hex>('ATTESTER_ROLE');
      return read<boolean>('hasRole', [role, account]);
    },
    async setRecord({ account, record, sender }) {
      assertAddress(account, 'account');
      return send('setRecord', [account, encodeRecord(record)], sender);
    },
    async setRecords({ records, sender }) {
      records.forEach((entry, i) => assertAddress(entry.account, `records[${i}].account`));
      return send(
        'setRecords',
        [records.map((entry) => entry.account), records.map((entry) => encodeRecord(entry.record))],
        sender,
      );
    },
    async revokeRecord({ account, sender }) {
      assertAddress(account, 'account');
      return send('revokeRecord', [account], sender);
    },
    async setBlocked({ account, blocked, sender }) {
      assertAddress(account, 'account');
      return send('setBlocked', [account, blocked], sender);
    },
  };
  return module;
}
