// @plaza/subgraph's Node API: the data source table, the manifest renderer and the preparation of a runnable build
// for a deployment. The subgraph itself (schema, mappings, build/) is described in README.md.
export { buildDir, checkBuild, subgraphDir, templateDeploymentPath, usedAbis, wasmExports } from './build.js';
export {
  checkCoverage,
  dataSourcesFor,
  renderManifest,
  sourcePaths,
  type ManifestPaths,
} from './manifest.js';
export { prepareSubgraph, type PrepareOptions, type PreparedSubgraph } from './prepare.js';
export { eventlessContracts, sharedHandlers, sources, type SourceSpec } from './sources.js';
export { coverageMarkdown } from './docs.js';
