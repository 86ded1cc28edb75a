import type { PlazaClient } from '@plaza/sdk';
import type { Address } from 'viem';

// Compliance: an attester (KYC provider) writes a record; anyone reads it and asks policies, with the reason.
export async function complianceExample(attester: PlazaClient, account: Address) {
  const now = (await attester.publicClient.getBlock()).timestamp;
  const record = { kycLevel: 2, jurisdiction: 'DE', expiry: now + 365n * 86_400n, creditScore: 690 };
  await (await attester.compliance.setRecord({ account, record })).wait();

  const stored = await attester.compliance.recordOf(account);
  const retail = await attester.compliance.isAllowed('retail', account);
  const accredited = await attester.compliance.explainAllowed('accredited', account);
  console.log(accredited.allowed, accredited.reason, accredited.message); // true 'allowed' 'The account meets the policy.'
  return { stored, retail, accredited };
}
