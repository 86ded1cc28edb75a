// The ComplianceRegistry through the SDK: records, policies and isAllowed; explainAllowed gives the registry's
// own answer (fuzzed against isAllowed) with the reason; attester writes and their decoded errors.
import {
  OPEN_POLICY,
  decodeJurisdiction,
  encodeJurisdiction,
  policyId,
  type ComplianceRecordInput,
} from '@plaza/sdk';
import fc from 'fast-check';
import { keccak256, toBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
const { alice, bob, carol, deployer } = accounts;
const YEAR = 365n * 86_400n;

async function now() {
  return (await chain().publicClient.getBlock()).timestamp;
}

describe('compliance reads', () => {
  it('reads the policies and sanctions the deployment configured', async () => {
    const { as } = chain();
    expect(await as.bob.compliance.policy('accredited')).toEqual({
      id: keccak256(toBytes('accredited')),
      active: true,
      minKycLevel: 2,
      minCreditScore: 650,
    });
    expect((await as.bob.compliance.policy('retail')).minKycLevel).toBe(1);
    expect((await as.bob.compliance.policy('no-such-policy')).active).toBe(false);
    expect(await as.bob.compliance.isPolicyJurisdictionBlocked('accredited', 'RU')).toBe(true);
    expect(await as.bob.compliance.isPolicyJurisdictionBlocked('accredited', 'US')).toBe(false);
    expect(await as.bob.compliance.isJurisdictionSanctioned('KP')).toBe(true);
    expect(await as.bob.compliance.isJurisdictionSanctioned('US')).toBe(false);
    expect(await as.bob.compliance.isAttester(deployer.address)).toBe(true);
    expect(await as.bob.compliance.isAttester(bob.address)).toBe(false);
    expect(await as.bob.compliance.isAllowed(OPEN_POLICY, bob.address)).toBe(true);
    expect(await as.bob.compliance.isAllowed('retail', bob.address)).toBe(false);
  });

  it('writes and reads back a record; isAllowed and explainAllowed follow it', async () => {
    const { as } = chain();
    const expiry = (await now()) + YEAR;
    const record: ComplianceRecordInput = { kycLevel: 2, jurisdiction: 'US', expiry, creditScore: 720 };
    await (await as.deployer.compliance.setRecord({ account: alice.address, record })).wait();
    expect(await as.bob.compliance.recordOf(alice.address)).toEqual({
      ...record,
      blocked: false,
      exempt: false,
      live: true,
    });
    expect(await as.bob.compliance.creditScore(alice.address)).toBe(720);
    expect(await as.bob.compliance.isAllowed('accredited', alice.address)).toBe(true);
    expect(await as.bob.compliance.explainAllowed('accredited', alice.address)).toMatchObject({
      allowed: true,
      reason: 'allowed',
    });

    await (
      await as.deployer.compliance.setRecords({
        records: [
          { account: bob.address, record: { kycLevel: 2, jurisdiction: 'RU', expiry, creditScore: 800 } },
          { account: carol.address, record: { kycLevel: 1, jurisdiction: 'KP', expiry, creditScore: 900 } },
        ],
      })
    ).wait();
    expect(await as.bob.compliance.explainAllowed('accredited', bob.address)).toMatchObject({
      allowed: false,
      reason: 'jurisdiction-blocked',
    });
    expect(await as.bob.compliance.explainAllowed('accredited', carol.address)).toMatchObject({
      allowed: false,
      reason: 'kyc-level',
    });
    expect(await as.bob.compliance.explainAllowed('retail', carol.address)).toMatchObject({
      allowed: false,
      reason: 'jurisdiction-sanctioned',
    });

    await (await as.deployer.compliance.revokeRecord({ account: alice.address })).wait();
    expect(await as.bob.compliance.explainAllowed('retail', alice.address)).toMatchObject({
      reason: 'no-record',
    });

    await (await as.deployer.compliance.setBlocked({ account: bob.address, blocked: true })).wait();
    expect(await as.bob.compliance.isBlocked(bob.address)).toBe(true);
    expect(await as.bob.pusd.isBlocked(bob.address)).toBe(true);
    expect(await as.bob.compliance.explainAllowed(OPEN_POLICY, bob.address)).toMatchObject({
      reason: 'blocked',
    });
  });

  it('marks expired records and reports them as expired', async () => {
    const { as, testClient } = chain();
    await (
      await as.deployer.compliance.setRecord({
        account: alice.address,
        record: { kycLevel: 3, jurisdiction: 'SG', expiry: (await now()) + 100n, creditScore: 700 },
      })
    ).wait();
    await testClient.increaseTime({ seconds: 200 });
    await testClient.mine({ blocks: 1 });
    const record = await as.bob.compliance.recordOf(alice.address);
    expect(record.live).toBe(false);
    expect(record.creditScore).toBe(700);
    expect(await as.bob.compliance.creditScore(alice.address)).toBe(0);
    expect(await as.bob.compliance.explainAllowed('retail', alice.address)).toMatchObject({
      allowed: false,
      reason: 'expired',
    });
  });

  it('explains exactly what isAllowed decides, across fuzzed records and policies', async () => {
    const { as } = chain();
    const subjects = [alice.address, bob.address, carol.address];
    const reasons = new Set<string>();
    const arbitraryRecord = fc.record({
      kycLevel: fc.integer({ min: 0, max: 4 }),
      jurisdiction: fc.constantFrom('US', 'RU', 'KP', 'SG', 'DE'),
      lifetime: fc.constantFrom(5n, YEAR),
      creditScore: fc.integer({ min: 0, max: 1000 }),
      blocked: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryRecord, { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        async (records, letSomeExpire) => {
          const t = await now();
          await (
            await as.deployer.compliance.setRecords({
              records: records.map(({ lifetime, ...record }, i) => ({
                account: subjects[i]!,
                record: { ...record, expiry: t + lifetime },
              })),
            })
          ).wait();
          if (letSomeExpire) {
            await chain().testClient.increaseTime({ seconds: 60 });
            await chain().testClient.mine({ blocks: 1 });
          }
          for (const account of subjects) {
            for (const policy of ['retail', 'accredited', 'missing', OPEN_POLICY]) {
              const [allowed, explained] = await Promise.all([
                as.bob.compliance.isAllowed(policy, account),
                as.bob.compliance.explainAllowed(policy, account),
              ]);
              expect(explained.allowed, `${policy} ${account} ${explained.reason}`).toBe(allowed);
              reasons.add(explained.reason);
            }
          }
        },
      ),
      { seed: 0x504c415a, numRuns: 12 },
    );
    // The fuzzing reached the registry's branches, not just one of them.
    for (const reason of ['allowed', 'blocked', 'open-policy', 'policy-inactive', 'expired', 'kyc-level']) {
      expect(reasons).toContain(reason);
    }
  });
});

describe('compliance writes and their errors', () => {
  it('decodes the registry’s refusals of bad records', async () => {
    const { as } = chain();
    const expiry = (await now()) + YEAR;
    await expect(
      as.deployer.compliance.setRecord({
        account: alice.address,
        record: { kycLevel: 1, jurisdiction: 'US', expiry: 1n, creditScore: 10 },
      }),
    ).rejects.toMatchObject({
      code: 'ContractRevert',
      errorName: 'InvalidExpiry',
      contract: 'ComplianceRegistry',
      message: "A record's expiry must be in the future; 1970-01-01T00:00:01.000Z is not.",
    });
    await expect(
      as.deployer.compliance.setRecord({
        account: alice.address,
        record: { kycLevel: 1, jurisdiction: 'US', expiry, creditScore: 1001 },
      }),
    ).rejects.toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('creditScore') });
    await expect(
      as.deployer.compliance.setRecord({
        account: alice.address,
        record: { kycLevel: 1, jurisdiction: 'us', expiry, creditScore: 1 },
      }),
    ).rejects.toMatchObject({
      code: 'InvalidInput',
      message: 'Invalid jurisdiction: expected an ISO 3166-1 alpha-2 code such as "US", got "us".',
    });
  });

  it('decodes role errors: only attesters write records, attesters or the admin block', async () => {
    const { as } = chain();
    const expiry = (await now()) + YEAR;
    await expect(
      as.alice.compliance.setRecord({
        account: alice.address,
        record: { kycLevel: 3, jurisdiction: 'US', expiry, creditScore: 1000 },
      }),
    ).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
      args: { account: alice.address, neededRole: keccak256(toBytes('ATTESTER_ROLE')) },
    });
    await expect(
      as.alice.compliance.setBlocked({ account: bob.address, blocked: true }),
    ).rejects.toMatchObject({
      errorName: 'NotAttesterOrAdmin',
      message: `${alice.address} is neither a KYC attester nor the registry's admin.`,
    });
  });
});

describe('policy and jurisdiction helpers', () => {
  it('derives policy ids from names and keeps ids as they are', () => {
    expect(policyId('accredited')).toBe(keccak256(toBytes('accredited')));
    expect(policyId(OPEN_POLICY)).toBe(OPEN_POLICY);
    expect(() => policyId('')).toThrow('A policy is a 32-byte id or a non-empty name.');
  });

  it('encodes and decodes ISO 3166-1 alpha-2 codes', () => {
    expect(encodeJurisdiction('US')).toBe('0x5553');
    expect(decodeJurisdiction('0x5553')).toBe('US');
    expect(decodeJurisdiction('0x0000')).toBe('');
    for (const bad of ['usa', 'U', 'u1', ''])
      expect(() => encodeJurisdiction(bad)).toThrow(/Invalid jurisdiction/);
  });
});
