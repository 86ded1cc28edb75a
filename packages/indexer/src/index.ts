// @plaza/indexer: an embedded, graph-node-compatible subgraph host.
export { startIndexer } from './indexer.js';
export type { Indexer, IndexerOptions, IndexerStatus, Logger } from './indexer.js';
export type { BlockPtr, FatalError } from './store/store.js';
export { Store } from './store/store.js';
export { openDatabase } from './store/db.js';
export type { Db, DatabaseOptions } from './store/db.js';
export { GraphQLApi, DEFAULT_LIMITS } from './graphql/executor.js';
export type { QueryLimits } from './graphql/executor.js';
export { startGraphQLServer } from './graphql/server.js';
export { loadSubgraph } from './manifest.js';
export type {
  Subgraph,
  DataSourceDef,
  TemplateDef,
  Mapping,
  EventHandler,
  BlockHandler,
} from './manifest.js';
export { SubgraphSchema } from './schema.js';
export { BigDecimal } from './numbers.js';
export { MappingRuntime, HandlerError } from './runtime/host.js';
export { queryFieldNames, toPlural, toCamelCase } from './naming.js';
