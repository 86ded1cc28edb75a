// The typed GraphQL client of the Plaza subgraph (README.md in this folder).
export {
  createSubgraphClient,
  createSubgraphModule,
  paymentsToCsv,
  type MerchantPaymentsParams,
  type SubgraphClient,
} from './client.js';
export { subgraphQueries } from './queries.js';
export { subgraphRequest, type GraphQLErrorInfo, type SubgraphClientOptions } from './transport.js';
export {
  PAYMENT_STATUSES,
  type MarketSummary,
  type OverviewPoint,
  type PaymentCsvRow,
  type PaymentStatus,
  type PaymentSummary,
  type PointsBalanceSummary,
  type PositionSummary,
  type ProgramSummary,
  type ProtocolFigures,
  type StakeSummary,
  type SubgraphMeta,
} from './types.js';
