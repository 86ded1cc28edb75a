// The mapping module of every data source and template: graph-cli compiles this file once, and each data
// source's handlers (named in subgraph.yaml, see tools/sources.ts) are among its exports.
export * from './governance';
export * from './pusd';
export * from './compliance';
export * from './psm';
export * from './fees';
export * from './oracle';
export * from './rwa';
export * from './lending';
export * from './vaults';
export * from './registry';
export * from './payments';
export * from './advances';
export * from './loyalty';
export * from './incentives';
