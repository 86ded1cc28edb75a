// @plaza/sdk: one client for every Plaza module. The design and how to add a module: README.md, CONTRIBUTING.md.
export {
  createPlazaClient,
  createPlazaContext,
  type PlazaClient,
  type PlazaClientOptions,
} from './client.js';
export { plazaErrorTables, plazaModules, type PlazaModules } from './modules.js';

// Core: context, errors, writes, signatures, units.
export { accountAddress, requireAccount, type PlazaContext } from './core/context.js';
export {
  PlazaError,
  contractError,
  decodeError,
  decodeRevertData,
  defineErrorTable,
  formatTimestamp,
  type ErrorArgs,
  type ErrorMessageInfo,
  type ErrorMessages,
  type ErrorTable,
  type PlazaErrorCode,
} from './core/errors.js';
export {
  accessControlErrorMessages,
  erc20ErrorMessages,
  safeErc20ErrorMessages,
} from './core/commonErrors.js';
export { writeContract, type WriteRequest, type WriteResult } from './core/write.js';
export {
  cancelAuthorizationTypedData,
  cancelAuthorizationTypes,
  ownerSignedSmartAccount,
  permitTypedData,
  permitTypes,
  randomAuthorizationNonce,
  receiveAuthorizationTypedData,
  receiveWithAuthorizationTypes,
  signTypedDataWith,
  splitSignature,
  transferAuthorizationTypedData,
  transferWithAuthorizationTypes,
  type AuthorizationMessage,
  type CancelAuthorizationMessage,
  type PermitMessage,
  type PlazaSigner,
  type TokenDomain,
} from './core/typedData.js';
export {
  createTokenActions,
  type AuthorizationParams,
  type SignatureForm,
  type SignedAuthorization,
  type SignedCancelAuthorization,
  type SignedPermit,
  type SubmitOptions,
  type TokenActions,
} from './core/token.js';
export { assertAddress, assertAmount, assertBytes32 } from './core/validate.js';
export { PUSD_DECIMALS, USDC_DECIMALS, formatPusd, formatUsdc, parsePusd, parseUsdc } from './core/units.js';

// Modules.
export { createPusdModule, pusdErrorMessages, pusdErrors, type PusdModule } from './pusd/index.js';
export {
  createUsdcModule,
  usdcAddress,
  usdcErrorMessages,
  usdcErrors,
  type UsdcModule,
} from './usdc/index.js';
export {
  BPS,
  createPsmModule,
  gemForPusdOut,
  maxBuyGem,
  psmErrorMessages,
  psmErrors,
  psmFee,
  quoteBuyGem,
  quoteSellGem,
  type ApprovalMode,
  type BuyGemQuote,
  type PsmFeeParams,
  type PsmModule,
  type PsmState,
  type SellGemQuote,
  type SwapResult,
} from './psm/index.js';
export {
  OPEN_POLICY,
  complianceErrorMessages,
  complianceErrors,
  createComplianceModule,
  decodeJurisdiction,
  encodeJurisdiction,
  explainAllowed,
  policyId,
  type AllowedExplanation,
  type AllowedReason,
  type ComplianceModule,
  type CompliancePolicy,
  type ComplianceRecord,
  type ComplianceRecordInput,
  type PolicyCheckInput,
} from './compliance/index.js';
export {
  createFeesModule,
  feesErrorMessages,
  feesErrors,
  splitFees,
  type FeeRecipient,
  type FeeShare,
  type FeesModule,
} from './fees/index.js';

// The subgraph: a typed GraphQL client (src/subgraph/README.md).
export {
  PAYMENT_STATUSES,
  createSubgraphClient,
  createSubgraphModule,
  paymentsToCsv,
  subgraphQueries,
  subgraphRequest,
  type GraphQLErrorInfo,
  type MarketSummary,
  type MerchantPaymentsParams,
  type OverviewPoint,
  type PaymentCsvRow,
  type PaymentStatus,
  type PaymentSummary,
  type PointsBalanceSummary,
  type PositionSummary,
  type ProgramSummary,
  type ProtocolFigures,
  type StakeSummary,
  type SubgraphClient,
  type SubgraphClientOptions,
  type SubgraphMeta,
} from './subgraph/index.js';
