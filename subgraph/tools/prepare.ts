// A runnable build directory for a real deployment: the compiled mapping, schema and ABIs of `subgraph/build`
// (built once, address-independent) with a manifest rendered for the deployment's network, addresses and start
// blocks. The WASM is shared by every data source, so an address book with more RWA assets than the template just
// gets more data sources pointing at the same module — no recompilation, no graph-cli at run time.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDeployment, type Deployment } from '@plaza/abi';
import { buildDir as defaultBuildDir } from './build.js';
import { dataSourcesFor, renderManifest, type ManifestPaths } from './manifest.js';

/** What {@link prepareSubgraph} needs. */
export interface PrepareOptions {
  /** The address book (a `Deployment`, or the parsed JSON of one). */
  readonly deployment: Deployment | unknown;
  /** Where the runnable build goes (replaced if it exists). */
  readonly outDir: string;
  /** The graph-cli build to start from (default: this package's `build/`). */
  readonly buildDir?: string;
}

/** A prepared build directory. */
export interface PreparedSubgraph {
  /** The directory to give to `startIndexer({ subgraph })`, `plaza-indexer --subgraph` or graph-node. */
  readonly dir: string;
  /** Its manifest (`<dir>/subgraph.yaml`). */
  readonly manifestPath: string;
  /** Data source names with their contract addresses (templates have none). */
  readonly dataSources: readonly { name: string; address?: string; startBlock?: number }[];
}

/** The compiled mapping's path inside a graph-cli build directory, read from its manifest. */
function mappingFile(buildDir: string): string {
  const manifest = readFileSync(join(buildDir, 'subgraph.yaml'), 'utf8');
  const match = /file:\s*["']?([^"'\s]+\.wasm)/.exec(manifest);
  if (!match) throw new Error(`${buildDir}/subgraph.yaml names no .wasm mapping`);
  return match[1]!;
}

/**
 * Copies the subgraph's build to `outDir` and renders its manifest for `deployment`.
 *
 * @example
 * ```ts
 * import { prepareSubgraph } from '@plaza/subgraph';
 * import { startIndexer } from '@plaza/indexer';
 * const { dir } = prepareSubgraph({ deployment: devnet.deployment, outDir: '.plaza/subgraph' });
 * const indexer = await startIndexer({ subgraph: dir, rpcUrl: devnet.rpcUrl });
 * ```
 */
export function prepareSubgraph(options: PrepareOptions): PreparedSubgraph {
  const source = resolve(options.buildDir ?? defaultBuildDir);
  if (!existsSync(join(source, 'subgraph.yaml'))) {
    throw new Error(`No subgraph build at ${source}: run npm run build -w @plaza/subgraph first.`);
  }
  const deployment = parseDeployment(options.deployment, 'deployment');
  const wasm = mappingFile(source);
  const paths: ManifestPaths = {
    schema: 'schema.graphql',
    mapping: () => wasm,
    abi: (name, spec) => `${spec.templateName}/${name}.json`,
  };
  const manifest = renderManifest(deployment, paths);
  const dir = resolve(options.outDir);
  if (dir === source) throw new Error('prepareSubgraph: outDir must not be the build directory itself.');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !path.endsWith('subgraph.yaml') });
  const manifestPath = join(dir, 'subgraph.yaml');
  writeFileSync(manifestPath, manifest);
  writeFileSync(join(dir, 'deployment.json'), `${JSON.stringify(deployment, null, 2)}\n`);
  const dataSources = dataSourcesFor(deployment).map(({ name, address, startBlock }) => ({
    name,
    ...(address ? { address } : {}),
    ...(startBlock !== undefined ? { startBlock } : {}),
  }));
  return { dir, manifestPath, dataSources };
}
