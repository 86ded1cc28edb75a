// The subgraph's data sources: which contract of the address book each one indexes, with which ABI, and which
// mapping handler takes each of its events. This table is the single source of the manifest (manifest.ts renders
// it for a deployment) and of the README's coverage table; `checkCoverage` refuses an ABI event without a handler,
// so a new contract event fails the build until it is mapped.

/** One data source (or template) of the manifest. */
export interface SourceSpec {
  /** Contract name in `@plaza/abi` (and the ABI's name in the manifest). */
  readonly abi: string;
  /** Which deployment entries it indexes: one data source per matching contract name. */
  readonly contracts: (name: string) => boolean;
  /** The data source name for a matching deployment entry. */
  readonly dataSourceName: (contractName: string) => string;
  /** Name of the entry in the template deployment (used for `npm run build`). */
  readonly templateName: string;
  /** Created at run time (`LoyaltyProgramCreated`), not from the address book. */
  readonly template?: boolean;
  /** ABIs the handlers call (`ethereum.call`), besides their own. */
  readonly callAbis?: readonly string[];
  /** Entities the handlers write (documentation for graph-node; graph-cli checks they exist). */
  readonly entities: readonly string[];
  /** Solidity event name → handler. */
  readonly handlers: Readonly<Record<string, string>>;
}

/** Handlers shared by every contract that emits the event (OpenZeppelin's role, admin and token events). */
export const sharedHandlers: Readonly<Record<string, string>> = {
  Approval: 'handleApproval',
  RoleGranted: 'handleRoleGranted',
  RoleRevoked: 'handleRoleRevoked',
  RoleAdminChanged: 'handleRoleAdminChanged',
  DefaultAdminTransferScheduled: 'handleDefaultAdminTransferScheduled',
  DefaultAdminTransferCanceled: 'handleDefaultAdminTransferCanceled',
  DefaultAdminDelayChangeScheduled: 'handleDefaultAdminDelayChangeScheduled',
  DefaultAdminDelayChangeCanceled: 'handleDefaultAdminDelayChangeCanceled',
  OwnershipTransferStarted: 'handleOwnershipTransferStarted',
  OwnershipTransferred: 'handleOwnershipTransferred',
  Initialized: 'handleInitialized',
  Upgraded: 'handleUpgraded',
  EIP712DomainChanged: 'handleEip712DomainChanged',
  Paused: 'handlePaused',
  Unpaused: 'handleUnpaused',
  TokensRescued: 'handleTokensRescued',
  FeeCollectorSet: 'handleFeeCollectorSet',
};

const ACCESS_CONTROL = [
  'RoleGranted',
  'RoleRevoked',
  'RoleAdminChanged',
  'DefaultAdminTransferScheduled',
  'DefaultAdminTransferCanceled',
  'DefaultAdminDelayChangeScheduled',
  'DefaultAdminDelayChangeCanceled',
];
const GOVERNANCE_ENTITIES = ['Contract', 'RoleMember', 'GovernanceEvent', 'Account'];

function shared(...events: string[]): Record<string, string> {
  return Object.fromEntries(events.map((e) => [e, sharedHandlers[e]!]));
}

function own(prefix: string, ...events: string[]): Record<string, string> {
  return Object.fromEntries(events.map((e) => [e, `handle${prefix}${e}`]));
}

const single = (name: string) => ({
  contracts: (n: string) => n === name,
  dataSourceName: () => name,
  templateName: name,
});

/** Every data source and template of the Plaza subgraph, in manifest order. */
export const sources: readonly SourceSpec[] = [
  {
    abi: 'PlazaUSD',
    ...single('PlazaUSD'),
    entities: [
      'Protocol',
      'ProtocolDailySnapshot',
      'ProtocolHourlySnapshot',
      'Token',
      'TokenBalance',
      'TokenTransfer',
      'Allowance',
      'Minter',
      'Mint',
      'Burn',
      'TransferAuthorization',
      'BlocklistChange',
      'StablecoinDailySnapshot',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Pusd',
        'Transfer',
        'Mint',
        'Burn',
        'MinterConfigured',
        'MinterRemoved',
        'MasterMinterChanged',
        'PauserChanged',
        'BlocklisterChanged',
        'RescuerChanged',
        'Blocked',
        'Unblocked',
        'AuthorizationUsed',
        'AuthorizationCanceled',
      ),
      ...shared(
        'Approval',
        'Paused',
        'Unpaused',
        'TokensRescued',
        'OwnershipTransferStarted',
        'OwnershipTransferred',
        'Initialized',
        'Upgraded',
        'EIP712DomainChanged',
      ),
    },
  },
  {
    abi: 'ComplianceRegistry',
    ...single('ComplianceRegistry'),
    entities: [
      'ComplianceRecord',
      'ComplianceAttestation',
      'CompliancePolicy',
      'PolicyJurisdiction',
      'Jurisdiction',
      'BlocklistChange',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Compliance',
        'RecordSet',
        'RecordRevoked',
        'BlockedSet',
        'ExemptionSet',
        'JurisdictionSanctionSet',
        'PolicySet',
        'PolicyJurisdictionSet',
        'PolicyRemoved',
        'BlocklistMirrorSet',
      ),
      ...shared(...ACCESS_CONTROL),
    },
  },
  {
    abi: 'PegStabilityModule',
    ...single('PegStabilityModule'),
    entities: ['Psm', 'PsmSwap', 'Protocol', 'StablecoinDailySnapshot', ...GOVERNANCE_ENTITIES],
    handlers: {
      ...own('Psm', 'SellGem', 'BuyGem', 'FeesSet', 'DebtCeilingSet'),
      ...shared('FeeCollectorSet', 'Paused', 'Unpaused', 'TokensRescued', ...ACCESS_CONTROL),
    },
  },
  {
    abi: 'FeeCollector',
    ...single('FeeCollector'),
    entities: ['FeeCollector', 'FeeRecipient', 'FeeToken', 'FeeFlow', 'Protocol', ...GOVERNANCE_ENTITIES],
    handlers: {
      ...own('Fees', 'RecipientsSet', 'FeesAccounted', 'FeesDistributed', 'FeesCredited', 'FeesClaimed'),
      ...shared(...ACCESS_CONTROL),
    },
  },
  {
    abi: 'NavOracle',
    ...single('NavOracle'),
    callAbis: ['RwaShareToken'],
    entities: [
      'Feed',
      'Round',
      'Submission',
      'Reporter',
      'Slash',
      'BondChange',
      'RwaAsset',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Oracle',
        'FeedCreated',
        'FeedParamsSet',
        'ReporterApproval',
        'ReporterRegistered',
        'BondAdded',
        'UnbondRequested',
        'BondWithdrawn',
        'Submitted',
        'RoundAbandoned',
        'AnswerUpdated',
        'AnswerFrozen',
        'FrozenAnswerConfirmed',
        'FrozenAnswerRejected',
        'Slashed',
        'SlashDeferred',
        'SlashSwept',
        'ReporterJailed',
        'ReporterUnjailed',
        'UnbondingDelaySet',
      ),
      ...shared(...ACCESS_CONTROL),
    },
  },
  {
    // One data source per asset token of the address book (`RwaShareToken_<SYMBOL>`, or `RwaShareToken`).
    abi: 'RwaShareToken',
    contracts: (n) => n === 'RwaShareToken' || n.startsWith('RwaShareToken_'),
    dataSourceName: (n) => n,
    templateName: 'RwaShareToken',
    entities: [
      'RwaAsset',
      'Token',
      'TokenBalance',
      'TokenTransfer',
      'IncomeDeposit',
      'IncomeClaim',
      'ForcedTransfer',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own('Rwa', 'Transfer', 'IncomeDeposited', 'IncomeClaimed', 'ForcedTransfer', 'StreamDurationSet'),
      ...shared('Approval', ...ACCESS_CONTROL),
    },
  },
  {
    abi: 'LendingHub',
    ...single('LendingHub'),
    callAbis: ['RwaShareToken'],
    entities: [
      'Market',
      'MarketSnapshot',
      'MarketDailySnapshot',
      'MarketHourlySnapshot',
      'Position',
      'PositionSnapshot',
      'LendingAction',
      'Liquidation',
      'InterestAccrual',
      'ReservesClaim',
      'CollateralIncome',
      'LendingComponent',
      'LendingAuthorization',
      'FlashLoan',
      'RwaAsset',
      'Protocol',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Lending',
        'RiskManagerSet',
        'GuardianSet',
        'RateModelEnabled',
        'LltvEnabled',
        'OracleEnabled',
        'DefaultsSet',
        'MarketConfigSet',
        'PausedSet',
        'FrozenSet',
        'CreateMarket',
        'AccrueInterest',
        'ReservesClaimed',
        'Supply',
        'Withdraw',
        'Borrow',
        'Repay',
        'SupplyCollateral',
        'WithdrawCollateral',
        'Liquidate',
        'IncomeAccrued',
        'IncomeApplied',
        'IncomeClaimed',
        'AutoRepaySet',
        'FlashLoan',
        'SetAuthorization',
        'IncrementNonce',
      ),
      ...shared('FeeCollectorSet', 'OwnershipTransferStarted', 'OwnershipTransferred'),
    },
  },
  {
    abi: 'SavingsVault',
    ...single('SavingsVault'),
    entities: [
      'Vault',
      'VaultAction',
      'VaultAllocation',
      'VaultReallocation',
      'VaultIncome',
      'VaultFeeAccrual',
      'Token',
      'TokenBalance',
      'TokenTransfer',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Savings',
        'Transfer',
        'Deposit',
        'Withdraw',
        'AccrueFee',
        'SetCap',
        'SetSupplyQueue',
        'SetWithdrawQueue',
        'Allocated',
        'Deallocated',
        'IncomeDistributed',
        'SetPerformanceFee',
        'SetFeeRecipient',
        'SetVestingPeriod',
      ),
      ...shared('Approval', ...ACCESS_CONTROL),
    },
  },
  {
    abi: 'MerchantRegistry',
    ...single('MerchantRegistry'),
    entities: [
      'Merchant',
      'MerchantOperator',
      'ReferralCode',
      'LoyaltyProgram',
      'Token',
      'PayFi',
      'FeeTier',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Registry',
        'MerchantRegistered',
        'PayoutSet',
        'RefundWindowSet',
        'OperatorSet',
        'ReferralCodeSet',
        'FeeTierSet',
        'SuspensionSet',
        'LoyaltyProgramCreated',
        'EarnRateSet',
        'MerchantPolicySet',
        'ProcessorSet',
      ),
      ...shared(...ACCESS_CONTROL),
    },
  },
  {
    abi: 'PaymentProcessor',
    ...single('PaymentProcessor'),
    entities: [
      'Payment',
      'PaymentEvent',
      'Settlement',
      'Refund',
      'MerchantPayout',
      'CreditClaim',
      'FeeSweep',
      'Merchant',
      'MerchantDailySnapshot',
      'PointsRedemption',
      'AdvanceEvent',
      'PayFi',
      'FeeTier',
      'Protocol',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Payments',
        'PaymentAuthorized',
        'PaymentCaptured',
        'PaymentReleased',
        'PaymentPaid',
        'PaymentVoided',
        'PaymentReclaimed',
        'PaymentRefunded',
        'PointsRedeemed',
        'PointsRestored',
        'ReturnCredited',
        'MerchantPaidOut',
        'PayoutFailed',
        'Claimed',
        'FeesSwept',
        'TierFeeSet',
        'ReferralShareSet',
        'AdvancePoolSet',
        'AdvanceOpened',
        'AdvanceRepaid',
        'AdvanceWrittenOff',
        'AdvanceShortfall',
      ),
      ...shared('FeeCollectorSet'),
    },
  },
  {
    abi: 'AdvancePool',
    ...single('AdvancePool'),
    callAbis: ['SavingsVault'],
    entities: [
      'AdvancePool',
      'Advance',
      'AdvanceEvent',
      'Vault',
      'VaultAction',
      'Token',
      'TokenBalance',
      'TokenTransfer',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'AdvancePool',
        'Transfer',
        'Deposit',
        'Withdraw',
        'Advanced',
        'LossRecorded',
        'PoolParametersSet',
      ),
      ...shared('Approval', ...ACCESS_CONTROL),
    },
  },
  {
    abi: 'LiquidityIncentives',
    ...single('LiquidityIncentives'),
    entities: [
      'IncentiveProgram',
      'LpDeposit',
      'Stake',
      'RewardClaim',
      'RewardBalance',
      'RewardWithdrawal',
      'ProgramFunding',
      'IncentiveFeeReceipt',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Incentives',
        'ProgramCreated',
        'StreamFunded',
        'StreamEnded',
        'FeesReceived',
        'Deposited',
        'LiquiditySnapshot',
        'Withdrawn',
        'Staked',
        'Claimed',
        'Settled',
        'Unstaked',
        'RewardClaimed',
        'Refunded',
      ),
      ...shared('FeeCollectorSet', 'OwnershipTransferStarted', 'OwnershipTransferred'),
    },
  },
  {
    // Every merchant's points are an EIP-1167 clone created by MerchantRegistry.createLoyaltyProgram; the
    // LoyaltyProgramCreated handler starts this template for it.
    abi: 'LoyaltyPoints',
    contracts: () => false,
    dataSourceName: () => 'LoyaltyPoints',
    templateName: 'LoyaltyPoints',
    template: true,
    entities: [
      'LoyaltyProgram',
      'PointsBalance',
      'PointsRedemption',
      'LoyaltyReserveChange',
      'Token',
      'TokenTransfer',
      ...GOVERNANCE_ENTITIES,
    ],
    handlers: {
      ...own(
        'Loyalty',
        'Transfer',
        'PointValueSet',
        'ExpirySet',
        'ReserveFunded',
        'ReserveWithdrawn',
        'Redeemed',
      ),
      ...shared('Approval'),
    },
  },
];

/** Contracts of `contracts/src` that emit no events and so have no data source. */
export const eventlessContracts = ['NavFeedAdapter', 'KinkedRateModel', 'LendingLens'] as const;
