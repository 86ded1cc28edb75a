// Handlers shared by every contract that emits the event: OpenZeppelin's AccessControl, default-admin rules,
// Ownable2Step, Initializable, ERC-1967, EIP-712, pause, rescue, FeeCollectorSet and ERC-20 Approval. Each event
// has the same layout in every ABI, so the classes of one data source's generated code decode all of them.
import { Bytes } from '@graphprotocol/graph-ts';
import {
  DefaultAdminDelayChangeCanceled,
  DefaultAdminDelayChangeScheduled,
  DefaultAdminTransferCanceled,
  DefaultAdminTransferScheduled,
  RoleAdminChanged,
  RoleGranted,
  RoleRevoked,
} from '../generated/ComplianceRegistry/ComplianceRegistry';
import {
  Approval,
  EIP712DomainChanged,
  Initialized,
  OwnershipTransferStarted,
  OwnershipTransferred,
  Paused,
  TokensRescued,
  Unpaused,
  Upgraded,
} from '../generated/PlazaUSD/PlazaUSD';
import { FeeCollectorSet } from '../generated/PegStabilityModule/PegStabilityModule';
import { Allowance, PayFi, Psm, RoleMember } from '../generated/schema';
import {
  ensureAccount,
  governanceEvent,
  loadProtocol,
  PAYMENTS,
  saveProtocol,
  touchContract,
} from './common';

const DEFAULT_ADMIN_ROLE = Bytes.fromHexString(
  '0x0000000000000000000000000000000000000000000000000000000000000000',
);

export function handleRoleGranted(event: RoleGranted): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  ensureAccount(p, event.params.account, event);
  const id =
    c.id.toHexString() + '-' + event.params.role.toHexString() + '-' + event.params.account.toHexString();
  let m = RoleMember.load(id);
  if (m === null) {
    m = new RoleMember(id);
    m.contract = c.id;
    m.role = event.params.role;
    m.account = event.params.account;
  }
  m.active = true;
  m.grantedBy = event.params.sender;
  m.updatedAt = event.block.timestamp;
  m.save();
  if (event.params.role.equals(DEFAULT_ADMIN_ROLE)) {
    c.admin = event.params.account;
    c.pendingAdmin = null;
    c.pendingAdminSchedule = null;
    c.save();
  }
  governanceEvent(
    event,
    'RoleGranted',
    event.params.account,
    'role=' + event.params.role.toHexString() + ' sender=' + event.params.sender.toHexString(),
  );
  saveProtocol(p, event);
}

export function handleRoleRevoked(event: RoleRevoked): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  const id =
    c.id.toHexString() + '-' + event.params.role.toHexString() + '-' + event.params.account.toHexString();
  const m = RoleMember.load(id);
  if (m !== null) {
    m.active = false;
    m.updatedAt = event.block.timestamp;
    m.save();
  }
  const admin = c.admin;
  if (event.params.role.equals(DEFAULT_ADMIN_ROLE) && admin !== null && admin.equals(event.params.account)) {
    c.admin = null;
    c.save();
  }
  governanceEvent(
    event,
    'RoleRevoked',
    event.params.account,
    'role=' + event.params.role.toHexString() + ' sender=' + event.params.sender.toHexString(),
  );
  saveProtocol(p, event);
}

export function handleRoleAdminChanged(event: RoleAdminChanged): void {
  const p = loadProtocol(event);
  touchContract(p, event, '', '');
  governanceEvent(
    event,
    'RoleAdminChanged',
    null,
    'role=' +
      event.params.role.toHexString() +
      ' previousAdminRole=' +
      event.params.previousAdminRole.toHexString() +
      ' newAdminRole=' +
      event.params.newAdminRole.toHexString(),
  );
  saveProtocol(p, event);
}

export function handleDefaultAdminTransferScheduled(event: DefaultAdminTransferScheduled): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.pendingAdmin = event.params.newAdmin;
  c.pendingAdminSchedule = event.params.acceptSchedule;
  c.save();
  governanceEvent(
    event,
    'DefaultAdminTransferScheduled',
    event.params.newAdmin,
    'acceptSchedule=' + event.params.acceptSchedule.toString(),
  );
  saveProtocol(p, event);
}

export function handleDefaultAdminTransferCanceled(event: DefaultAdminTransferCanceled): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.pendingAdmin = null;
  c.pendingAdminSchedule = null;
  c.save();
  governanceEvent(event, 'DefaultAdminTransferCanceled', null, '');
  saveProtocol(p, event);
}

export function handleDefaultAdminDelayChangeScheduled(event: DefaultAdminDelayChangeScheduled): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.pendingAdminDelay = event.params.newDelay;
  c.pendingAdminDelaySchedule = event.params.effectSchedule;
  c.save();
  governanceEvent(
    event,
    'DefaultAdminDelayChangeScheduled',
    null,
    'newDelay=' +
      event.params.newDelay.toString() +
      ' effectSchedule=' +
      event.params.effectSchedule.toString(),
  );
  saveProtocol(p, event);
}

export function handleDefaultAdminDelayChangeCanceled(event: DefaultAdminDelayChangeCanceled): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.pendingAdminDelay = null;
  c.pendingAdminDelaySchedule = null;
  c.save();
  governanceEvent(event, 'DefaultAdminDelayChangeCanceled', null, '');
  saveProtocol(p, event);
}

export function handleOwnershipTransferStarted(event: OwnershipTransferStarted): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.pendingAdmin = event.params.newOwner;
  c.save();
  governanceEvent(
    event,
    'OwnershipTransferStarted',
    event.params.newOwner,
    'previousOwner=' + event.params.previousOwner.toHexString(),
  );
  saveProtocol(p, event);
}

export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.admin = event.params.newOwner;
  c.pendingAdmin = null;
  c.save();
  governanceEvent(
    event,
    'OwnershipTransferred',
    event.params.newOwner,
    'previousOwner=' + event.params.previousOwner.toHexString(),
  );
  saveProtocol(p, event);
}

export function handleInitialized(event: Initialized): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.initializedVersion = event.params.version;
  c.save();
  governanceEvent(event, 'Initialized', null, 'version=' + event.params.version.toString());
  saveProtocol(p, event);
}

export function handleUpgraded(event: Upgraded): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.implementation = event.params.implementation;
  c.save();
  governanceEvent(event, 'Upgraded', event.params.implementation, '');
  saveProtocol(p, event);
}

export function handleEip712DomainChanged(event: EIP712DomainChanged): void {
  const p = loadProtocol(event);
  touchContract(p, event, '', '');
  governanceEvent(event, 'EIP712DomainChanged', null, '');
  saveProtocol(p, event);
}

export function handlePaused(event: Paused): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.paused = true;
  c.save();
  const psm = Psm.load(event.address);
  if (psm !== null) {
    psm.paused = true;
    psm.save();
  }
  governanceEvent(event, 'Paused', event.params.account, '');
  saveProtocol(p, event);
}

export function handleUnpaused(event: Unpaused): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.paused = false;
  c.save();
  const psm = Psm.load(event.address);
  if (psm !== null) {
    psm.paused = false;
    psm.save();
  }
  governanceEvent(event, 'Unpaused', event.params.account, '');
  saveProtocol(p, event);
}

export function handleTokensRescued(event: TokensRescued): void {
  const p = loadProtocol(event);
  touchContract(p, event, '', '');
  governanceEvent(
    event,
    'TokensRescued',
    event.params.to,
    'token=' + event.params.token.toHexString() + ' amount=' + event.params.amount.toString(),
  );
  saveProtocol(p, event);
}

export function handleFeeCollectorSet(event: FeeCollectorSet): void {
  const p = loadProtocol(event);
  const c = touchContract(p, event, '', '');
  c.feeCollector = event.params.feeCollector;
  c.save();
  const module = c.module;
  if (module !== null && module == PAYMENTS) {
    const payfi = PayFi.load('payfi');
    if (payfi !== null) {
      payfi.feeCollector = event.params.feeCollector;
      payfi.save();
    }
  }
  governanceEvent(event, 'FeeCollectorSet', event.params.feeCollector, '');
  saveProtocol(p, event);
}

export function handleApproval(event: Approval): void {
  const p = loadProtocol(event);
  touchContract(p, event, '', '');
  const id =
    event.address.toHexString() +
    '-' +
    event.params.owner.toHexString() +
    '-' +
    event.params.spender.toHexString();
  let a = Allowance.load(id);
  if (a === null) {
    a = new Allowance(id);
    a.token = event.address;
    a.owner = event.params.owner;
    a.spender = event.params.spender;
  }
  a.value = event.params.value;
  a.updatedAt = event.block.timestamp;
  a.save();
  saveProtocol(p, event);
}
