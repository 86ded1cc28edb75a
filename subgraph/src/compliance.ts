// ComplianceRegistry: records (KYC level, jurisdiction, expiry, credit score, blocked, exempt), attestations,
// named policies and their jurisdictions, the global sanctions list and every write of the blocked flag.
import { Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  BlockedSet,
  BlocklistMirrorSet,
  ExemptionSet,
  JurisdictionSanctionSet,
  PolicyJurisdictionSet,
  PolicyRemoved,
  PolicySet,
  RecordRevoked,
  RecordSet,
} from '../generated/ComplianceRegistry/ComplianceRegistry';
import {
  BlocklistChange,
  ComplianceAttestation,
  CompliancePolicy,
  ComplianceRecord,
  Jurisdiction,
  PolicyJurisdiction,
  Protocol,
} from '../generated/schema';
import {
  COMPLIANCE,
  ensureAccount,
  eventId,
  governanceEvent,
  jurisdictionText,
  loadProtocol,
  saveProtocol,
  touchContract,
  zero,
} from './common';

function ensureRecord(p: Protocol, account: Bytes, event: ethereum.Event): ComplianceRecord {
  let r = ComplianceRecord.load(account);
  if (r === null) {
    ensureAccount(p, account, event);
    r = new ComplianceRecord(account);
    r.account = account;
    r.kycLevel = 0;
    r.jurisdiction = '';
    r.expiry = zero();
    r.creditScore = 0;
    r.blocked = false;
    r.exempt = false;
    r.revoked = false;
  }
  r.updatedAt = event.block.timestamp;
  return r as ComplianceRecord;
}

function attestation(event: ethereum.Event, r: ComplianceRecord, attester: Bytes, kind: string): void {
  const a = new ComplianceAttestation(eventId(event));
  a.record = r.id;
  a.attester = attester;
  a.kind = kind;
  a.kycLevel = r.kycLevel;
  a.jurisdiction = r.jurisdiction;
  a.expiry = r.expiry;
  a.creditScore = r.creditScore;
  a.blocked = r.blocked;
  a.blockNumber = event.block.number;
  a.timestamp = event.block.timestamp;
  a.transactionHash = event.transaction.hash;
  a.save();
}

export function handleComplianceRecordSet(event: RecordSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const r = ensureRecord(p, event.params.account, event);
  r.kycLevel = event.params.kycLevel;
  r.jurisdiction = jurisdictionText(event.params.jurisdiction);
  r.expiry = event.params.expiry;
  r.creditScore = event.params.creditScore;
  r.blocked = event.params.blocked;
  r.revoked = false;
  r.attester = event.params.attester;
  r.save();
  attestation(event, r, event.params.attester, 'SET');
  saveProtocol(p, event);
}

export function handleComplianceRecordRevoked(event: RecordRevoked): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const r = ensureRecord(p, event.params.account, event);
  r.kycLevel = 0;
  r.jurisdiction = '';
  r.expiry = zero();
  r.creditScore = 0;
  r.revoked = true;
  r.attester = event.params.attester;
  r.save();
  attestation(event, r, event.params.attester, 'REVOKED');
  saveProtocol(p, event);
}

export function handleComplianceBlockedSet(event: BlockedSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const r = ensureRecord(p, event.params.account, event);
  r.blocked = event.params.blocked;
  r.save();
  const b = new BlocklistChange(eventId(event));
  b.account = event.params.account;
  b.blocked = event.params.blocked;
  b.source = 'REGISTRY';
  b.by = event.params.by;
  b.blockNumber = event.block.number;
  b.timestamp = event.block.timestamp;
  b.transactionHash = event.transaction.hash;
  b.save();
  saveProtocol(p, event);
}

export function handleComplianceExemptionSet(event: ExemptionSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const r = ensureRecord(p, event.params.account, event);
  r.exempt = event.params.exempt;
  r.save();
  governanceEvent(
    event,
    'ExemptionSet',
    event.params.account,
    'exempt=' + (event.params.exempt ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleComplianceJurisdictionSanctionSet(event: JurisdictionSanctionSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  // `jurisdiction` is indexed: a bytes2 topic is left-aligned in its 32-byte word
  const code = jurisdictionText(event.params.jurisdiction);
  let j = Jurisdiction.load(code);
  if (j === null) j = new Jurisdiction(code);
  j.sanctioned = event.params.sanctioned;
  j.updatedAt = event.block.timestamp;
  j.save();
  governanceEvent(
    event,
    'JurisdictionSanctionSet',
    null,
    'jurisdiction=' + code + ' sanctioned=' + (event.params.sanctioned ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

function ensurePolicy(id: Bytes, event: ethereum.Event): CompliancePolicy {
  let policy = CompliancePolicy.load(id);
  if (policy === null) {
    policy = new CompliancePolicy(id);
    policy.active = false;
    policy.minKycLevel = 0;
    policy.minCreditScore = 0;
    policy.blockedJurisdictions = [];
  }
  policy.updatedAt = event.block.timestamp;
  return policy as CompliancePolicy;
}

function setPolicyJurisdiction(policy: Bytes, code: string, blocked: boolean): void {
  const id = policy.toHexString() + '-' + code;
  let j = PolicyJurisdiction.load(id);
  if (j === null) {
    j = new PolicyJurisdiction(id);
    j.policy = policy;
    j.jurisdiction = code;
  }
  j.blocked = blocked;
  j.save();
}

export function handleCompliancePolicySet(event: PolicySet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const policy = ensurePolicy(event.params.policyId, event);
  // the policy is replaced as a whole: every jurisdiction it blocked before (by PolicySet or PolicyJurisdictionSet)
  // is forgotten
  const previous = policy.jurisdictions.load();
  for (let i = 0; i < previous.length; i++) {
    const j = previous[i];
    if (j.blocked) {
      j.blocked = false;
      j.save();
    }
  }
  const codes = new Array<string>();
  const blocked = event.params.blockedJurisdictions;
  for (let i = 0; i < blocked.length; i++) {
    const code = jurisdictionText(blocked[i]);
    codes.push(code);
    setPolicyJurisdiction(policy.id, code, true);
  }
  policy.active = true;
  policy.minKycLevel = event.params.minKycLevel;
  policy.minCreditScore = event.params.minCreditScore;
  policy.blockedJurisdictions = codes;
  policy.save();
  governanceEvent(
    event,
    'PolicySet',
    null,
    'policyId=' +
      event.params.policyId.toHexString() +
      ' minKycLevel=' +
      event.params.minKycLevel.toString() +
      ' minCreditScore=' +
      event.params.minCreditScore.toString() +
      ' blockedJurisdictions=' +
      codes.join(','),
  );
  saveProtocol(p, event);
}

export function handleCompliancePolicyJurisdictionSet(event: PolicyJurisdictionSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const policy = ensurePolicy(event.params.policyId, event);
  policy.save();
  const code = jurisdictionText(event.params.jurisdiction);
  setPolicyJurisdiction(policy.id, code, event.params.blocked);
  governanceEvent(
    event,
    'PolicyJurisdictionSet',
    null,
    'policyId=' +
      event.params.policyId.toHexString() +
      ' jurisdiction=' +
      code +
      ' blocked=' +
      (event.params.blocked ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleCompliancePolicyRemoved(event: PolicyRemoved): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  const policy = ensurePolicy(event.params.policyId, event);
  policy.active = false;
  policy.save();
  governanceEvent(event, 'PolicyRemoved', null, 'policyId=' + event.params.policyId.toHexString());
  saveProtocol(p, event);
}

export function handleComplianceBlocklistMirrorSet(event: BlocklistMirrorSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'ComplianceRegistry', COMPLIANCE);
  governanceEvent(event, 'BlocklistMirrorSet', event.params.mirror, '');
  saveProtocol(p, event);
}
