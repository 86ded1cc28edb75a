// The GraphQL documents of the subgraph client, against subgraph/schema.graphql (the integration tests in
// tests/subgraph validate every document against the schema the indexer generates from it). Filters are passed
// as variables, never spliced into the text.

const PROTOCOL_FIELDS = `pusdSupply pusdHolders psmReserves psmMinted protocolFees lendingSupply lendingBorrow
  lendingCollateralValue tvl tvlPsm tvlLending tvlSavings tvlPayments tvlAdvances tvlLoyalty tvlIncentives tvlOther
  paymentVolume paymentCount merchantCount marketCount accountCount lastBlock`;

const MARKET_FIELDS = `id loanToken collateralToken collateralAsset { name symbol nav } oracle rateModel lltv policyId
  totalSupplyAssets totalBorrowAssets totalCollateral borrowRate utilization supplyCap borrowCap paused frozen
  positionCount openPositionCount createdAt`;

const POSITION_FIELDS = `id market { id lltv collateralAsset { symbol } } account { id } supplyShares borrowShares
  collateral supplyAssets borrowAssets autoRepay incomeAccrued incomeClaimed isOpen liquidationCount updatedAt`;

const PAYMENT_FIELDS = `id merchant { id } payer { id } orderRef orderRefText mode status amount capturable held
  captured settled fee referralFee merchantNet refunded voided reclaimed pointsEarned pointsRedeemed discount feeBps
  referrer releaseAt createdAt createdBlock transactionHash`;

const PROGRAM_FIELDS = `id rewardToken pool refundee startTime endTime tickLower tickUpper rate isStream endedAt
  funded claimed credited refunded stakedLiquidity activeStakeCount`;

/** @internal */
export const META_QUERY = `query Meta { _meta { block { number hash timestamp } deployment hasIndexingErrors } }`;

/** @internal */
export const PROTOCOL_QUERY = `query Protocol { protocol(id: "plaza") { ${PROTOCOL_FIELDS} } }`;

/** @internal */
export const DAILY_SERIES_QUERY = `query DailySeries($first: Int!, $before: Int!) {
  protocolDailySnapshots(first: $first, orderBy: day, orderDirection: desc, where: { day_lt: $before }) {
    day pusdSupply psmReserves tvl lendingSupply lendingBorrow dailyPusdMinted dailyPusdBurned dailyPsmVolume
    dailyPaymentVolume dailyEventCount
  }
}`;

/** @internal */
export const HOURLY_SERIES_QUERY = `query HourlySeries($first: Int!, $before: Int!) {
  protocolHourlySnapshots(first: $first, orderBy: hour, orderDirection: desc, where: { hour_lt: $before }) {
    hour pusdSupply psmReserves tvl lendingSupply lendingBorrow hourlyPusdMinted hourlyPusdBurned hourlyPsmVolume
    hourlyPaymentVolume hourlyEventCount
  }
}`;

/** @internal */
export const MARKETS_QUERY = `query Markets($first: Int!, $skip: Int!) {
  markets(first: $first, skip: $skip, orderBy: totalSupplyAssets, orderDirection: desc) { ${MARKET_FIELDS} }
}`;

/** @internal */
export const MARKET_QUERY = `query Market($id: ID!) { market(id: $id) { ${MARKET_FIELDS} } }`;

/** @internal */
export const POSITIONS_QUERY = `query Positions($where: Position_filter!, $first: Int!) {
  positions(where: $where, first: $first, orderBy: updatedAt, orderDirection: desc) { ${POSITION_FIELDS} }
}`;

/** @internal */
export const PAYMENTS_QUERY = `query MerchantPayments(
  $where: Payment_filter!
  $first: Int!
  $skip: Int!
  $orderDirection: OrderDirection!
) {
  payments(where: $where, first: $first, skip: $skip, orderBy: createdBlock, orderDirection: $orderDirection) {
    ${PAYMENT_FIELDS}
  }
}`;

/**
 * A search by transaction hash also finds payments a later transaction touched (capture, refund, settlement):
 * their timeline events carry the hash.
 *
 * @internal
 */
export const PAYMENTS_BY_TRANSACTION_QUERY = `query PaymentsByTransaction(
  $where: Payment_filter!
  $events: PaymentEvent_filter!
  $first: Int!
) {
  payments(where: $where, first: $first, orderBy: createdBlock, orderDirection: desc) { ${PAYMENT_FIELDS} }
  paymentEvents(where: $events, first: $first) { payment { ${PAYMENT_FIELDS} } }
}`;

/** @internal */
export const PAYMENTS_PAGE_QUERY = `query PaymentsPage($where: Payment_filter!, $first: Int!) {
  payments(where: $where, first: $first, orderBy: id, orderDirection: asc) { ${PAYMENT_FIELDS} }
}`;

/** @internal */
export const PROGRAMS_QUERY = `query Programs($where: IncentiveProgram_filter!, $first: Int!) {
  incentivePrograms(where: $where, first: $first, orderBy: createdAt, orderDirection: desc) { ${PROGRAM_FIELDS} }
}`;

/** @internal */
export const STAKES_QUERY = `query Stakes($where: Stake_filter!, $first: Int!) {
  stakes(where: $where, first: $first, orderBy: stakedAt, orderDirection: desc) {
    id program { id rewardToken } deposit { tokenId } owner { id } liquidity active claimed credited forfeited stakedAt
  }
}`;

/** @internal */
export const POINTS_QUERY = `query PointsBalances($where: PointsBalance_filter!, $first: Int!) {
  pointsBalances(where: $where, first: $first, orderBy: balance, orderDirection: desc) {
    program { id merchant { id } name symbol pointValue expiresAt } account { id } balance earned spent
  }
}`;

/**
 * Every GraphQL document of the subgraph client, by name: for tooling (validation against the schema, persisted
 * queries) and for apps that send them through their own GraphQL client.
 *
 * @example
 * ```ts
 * import { subgraphQueries } from '@plaza/sdk';
 * const { MARKETS_QUERY } = subgraphQueries;
 * await fetch(url, { method: 'POST', body: JSON.stringify({ query: MARKETS_QUERY, variables: { first: 10, skip: 0 } }) });
 * ```
 */
export const subgraphQueries = {
  META_QUERY,
  PROTOCOL_QUERY,
  DAILY_SERIES_QUERY,
  HOURLY_SERIES_QUERY,
  MARKETS_QUERY,
  MARKET_QUERY,
  POSITIONS_QUERY,
  PAYMENTS_QUERY,
  PAYMENTS_BY_TRANSACTION_QUERY,
  PAYMENTS_PAGE_QUERY,
  PROGRAMS_QUERY,
  STAKES_QUERY,
  POINTS_QUERY,
} as const;
