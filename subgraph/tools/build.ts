// `npm run build`: ABIs from @plaza/abi → subgraph.yaml from the template deployment → graph codegen → graph build
// → a check that the WASM exports every handler the manifest names. No chain is needed: the mappings do not depend
// on addresses, which prepare.ts fills in for a real deployment.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDeployment } from '@plaza/abi';
import { abiOf } from './abis.js';
import { renderManifest } from './manifest.js';
import { sources } from './sources.js';

/** The subgraph package's directory (`subgraph/`). */
export const subgraphDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** graph build's output: what the indexer and graph-node run. */
export const buildDir = join(subgraphDir, 'build');
/** The stand-in address book `npm run build` renders the manifest from. */
export const templateDeploymentPath = join(subgraphDir, 'deployments/template.json');

const require = createRequire(import.meta.url);

// Node's WebAssembly JS API (TypeScript declares it only in lib.dom).
declare const WebAssembly: {
  Module: { new (bytes: Uint8Array): object; exports(module: object): { name: string }[] };
};

/** Every ABI a data source or template uses (their own and the ones their handlers call). */
export function usedAbis(): string[] {
  return [...new Set(sources.flatMap((s) => [s.abi, ...(s.callAbis ?? [])]))].sort();
}

/** Writes `abis/<Name>.json` from @plaza/abi. */
export function writeAbis(dir = subgraphDir): void {
  const abisDir = join(dir, 'abis');
  rmSync(abisDir, { recursive: true, force: true });
  mkdirSync(abisDir, { recursive: true });
  for (const name of usedAbis()) {
    writeFileSync(join(abisDir, `${name}.json`), `${JSON.stringify(abiOf(name), null, 2)}\n`);
  }
}

function graph(args: string[]): void {
  const bin = join(dirname(require.resolve('@graphprotocol/graph-cli/package.json')), 'bin/run.js');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: subgraphDir, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`graph ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Handler names exported by a compiled mapping. */
export function wasmExports(file: string): Set<string> {
  const module = new WebAssembly.Module(readFileSync(file));
  return new Set(WebAssembly.Module.exports(module).map((e) => e.name));
}

/** Every handler of the manifest must be exported by the compiled mapping. */
export function checkBuild(dir = buildDir): void {
  const wasm = join(dir, 'PlazaUSD/PlazaUSD.wasm');
  if (!existsSync(wasm)) throw new Error(`no compiled mapping at ${wasm}`);
  const exported = wasmExports(wasm);
  const missing = sources.flatMap((s) => Object.values(s.handlers)).filter((h) => !exported.has(h));
  if (missing.length > 0)
    throw new Error(`handlers missing from the WASM: ${[...new Set(missing)].join(', ')}`);
}

/** The whole build (see the file comment). */
export function build(log: (line: string) => void = console.log): void {
  const started = Date.now();
  writeAbis();
  const deployment = parseDeployment(
    JSON.parse(readFileSync(templateDeploymentPath, 'utf8')),
    templateDeploymentPath,
  );
  writeFileSync(join(subgraphDir, 'subgraph.yaml'), renderManifest(deployment));
  log('@plaza/subgraph: abis/ and subgraph.yaml written (template deployment)');
  rmSync(join(subgraphDir, 'generated'), { recursive: true, force: true });
  graph(['codegen', '--skip-migrations']);
  log('@plaza/subgraph: graph codegen done');
  rmSync(buildDir, { recursive: true, force: true });
  graph(['build', '--skip-migrations']);
  checkBuild();
  log(`@plaza/subgraph: graph build done (${((Date.now() - started) / 1000).toFixed(1)} s) → ${buildDir}`);
}
