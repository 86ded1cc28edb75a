import { complianceRegistryAbi } from '@plaza/abi';
import { hexToString } from 'viem';
import { accessControlErrorMessages } from '../core/commonErrors.js';
import { defineErrorTable, formatTimestamp, type ErrorMessages } from '../core/errors.js';

/**
 * A human message for every custom error of the ComplianceRegistry.
 *
 * @example
 * ```ts
 * import { complianceErrorMessages } from '@plaza/sdk';
 * complianceErrorMessages.InvalidCreditScore({ creditScore: 1200 }, info);
 * ```
 */
export const complianceErrorMessages: ErrorMessages<typeof complianceRegistryAbi> = {
  ...accessControlErrorMessages,
  InvalidCreditScore: ({ creditScore }) => `A credit score must be between 0 and 1000; got ${creditScore}.`,
  InvalidExpiry: ({ expiry }) =>
    `A record's expiry must be in the future; ${formatTimestamp(expiry)} is not.`,
  InvalidJurisdiction: ({ jurisdiction }) =>
    `A jurisdiction is an ISO 3166-1 alpha-2 code of two upper-case letters; ${jurisdiction} (${JSON.stringify(hexToString(jurisdiction))}) is not.`,
  LengthMismatch: ({ a, b }) => `The lists differ in length (${a} and ${b}).`,
  MirrorNotSet: () => 'No blocklist mirror (pUSD) is configured, so there is nothing to sync.',
  NotAttesterOrAdmin: ({ caller }) => `${caller} is neither a KYC attester nor the registry's admin.`,
  OpenPolicyIsFixed: () => 'Policy 0 is the open policy (everyone not blocked) and cannot be configured.',
  PolicyNotFound: ({ policyId }) => `No active compliance policy ${policyId}.`,
  ZeroAddress: () => 'An address argument is the zero address.',
};

/**
 * How the ComplianceRegistry's reverts are decoded and described.
 *
 * @example
 * ```ts
 * import { complianceErrors } from '@plaza/sdk';
 * complianceErrors.contract; // 'ComplianceRegistry'
 * ```
 */
export const complianceErrors = defineErrorTable(
  'ComplianceRegistry',
  complianceRegistryAbi,
  complianceErrorMessages,
);
