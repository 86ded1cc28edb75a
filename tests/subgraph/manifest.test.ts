// The subgraph's build and manifest without a chain: every event of every contract has a handler in the WASM, the
// manifest rendered for an address book has the right data sources, a prepared build loads in the indexer, and the
// chain tests together show every entity type of the schema.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as plazaAbi from '@plaza/abi';
import { loadSubgraph } from '@plaza/indexer';
import {
  buildDir,
  checkBuild,
  checkCoverage,
  coverageMarkdown,
  eventlessContracts,
  prepareSubgraph,
  renderManifest,
  sources,
  subgraphDir,
  templateDeploymentPath,
  wasmExports,
} from '@plaza/subgraph';
import { afterAll, describe, expect, it } from 'vitest';
import { coverage } from './support/coverage.js';

const require = createRequire(import.meta.url);
const contractsSrc = join(dirname(require.resolve('@plaza/contracts/package.json')), 'src');
const tmp = mkdtempSync(join(tmpdir(), 'plaza-subgraph-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every deployable contract declared in contracts/src (not interfaces, libraries or abstract contracts). */
function deployableContracts(dir = contractsSrc): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return deployableContracts(path);
    if (!entry.name.endsWith('.sol')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/^contract (\w+)/gm)].map((m) => m[1]!);
  });
}

function abiOf(name: string): { type: string; name?: string }[] {
  const key = Object.keys(plazaAbi).find((k) => k.toLowerCase() === `${name}abi`.toLowerCase());
  return (plazaAbi as unknown as Record<string, { type: string; name?: string }[]>)[key!]!;
}

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe('the subgraph build', () => {
  it('maps every event of every contract in contracts/src (MockUSDC is a dev-chain stand-in for USDC)', () => {
    const indexed = new Set(sources.map((s) => s.abi));
    for (const name of deployableContracts()) {
      const events = abiOf(name).filter((item) => item.type === 'event');
      if (name === 'MockUSDC') continue;
      if (events.length === 0) {
        expect(eventlessContracts, `${name} emits nothing`).toContain(name);
        continue;
      }
      expect(indexed.has(name), `${name} has events but no data source`).toBe(true);
    }
    for (const source of sources) expect(() => checkCoverage(source)).not.toThrow();
  });

  it('exports every handler the manifest names from the compiled WASM', () => {
    const manifest = readFileSync(join(buildDir, 'subgraph.yaml'), 'utf8');
    const handlers = [...manifest.matchAll(/handler: (\w+)/g)].map((m) => m[1]!);
    expect(handlers.length).toBeGreaterThan(200);
    const exported = wasmExports(join(buildDir, 'PlazaUSD/PlazaUSD.wasm'));
    expect(handlers.filter((h) => !exported.has(h))).toEqual([]);
    expect(() => checkBuild()).not.toThrow();
  });

  it('renders one data source per contract of the address book, one per RWA asset, and the points template', () => {
    const deployment = {
      chainId: 8453,
      network: 'base',
      contracts: {
        PlazaUSD: { address: address(1), block: 100 },
        PegStabilityModule: { address: address(2), block: 101 },
        RwaShareToken_HRBR: { address: address(3), block: 200 },
        RwaShareToken_MSMR: { address: address(4), block: 201 },
        NavFeedAdapter_HRBR: { address: address(5), block: 202 },
        MockUSDC: { address: address(6), block: 99 },
      },
    };
    const yaml = renderManifest(plazaAbi.parseDeployment(deployment));
    const names = [...yaml.matchAll(/^ {4}name: (\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual([
      'PlazaUSD',
      'PegStabilityModule',
      'RwaShareToken_HRBR',
      'RwaShareToken_MSMR',
      'LoyaltyPoints',
    ]);
    expect(yaml).toContain(`address: '${address(3)}'\n      abi: RwaShareToken\n      startBlock: 200`);
    expect([...yaml.matchAll(/network: (\S+)/g)].every((m) => m[1] === 'base')).toBe(true);
  });

  it('prepares a runnable build for a deployment that the indexer loads, without recompiling', () => {
    const template = JSON.parse(readFileSync(templateDeploymentPath, 'utf8')) as {
      contracts: Record<string, unknown>;
    };
    const { RwaShareToken: _omit, ...rest } = template.contracts;
    const deployment = {
      chainId: 31337,
      network: 'anvil',
      contracts: {
        ...rest,
        RwaShareToken_HRBR: { address: address(0x41), block: 12 },
        RwaShareToken_MSMR: { address: address(0x42), block: 13 },
      },
    };
    const prepared = prepareSubgraph({ deployment, outDir: join(tmp, 'prepared') });
    expect(prepared.dataSources.map((d) => d.name)).toContain('RwaShareToken_MSMR');
    const loaded = loadSubgraph(prepared.dir);
    expect(loaded.dataSources.map((d) => [d.name, d.address, d.startBlock])).toEqual(
      expect.arrayContaining([
        ['RwaShareToken_HRBR', address(0x41), 12],
        ['RwaShareToken_MSMR', address(0x42), 13],
      ]),
    );
    expect(loaded.templates.map((t) => t.name)).toEqual(['LoyaltyPoints']);
    expect(existsSync(join(prepared.dir, 'deployment.json'))).toBe(true);
    // the same compiled mapping and schema, another manifest: another deployment id than the template build's
    expect(loaded.deployment).not.toBe(loadSubgraph(buildDir).deployment);
    expect(() => prepareSubgraph({ deployment, outDir: subgraphDir + '/build' })).toThrow(
      /must not be the build/,
    );
  });

  it("carries the current event → handler tables in the subgraph's README", () => {
    const rows = (text: string) =>
      [...text.matchAll(/^\|\s*`([^`]+)`\s*\|\s*`(\w+)`/gm)].map((m) => `${m[1]} → ${m[2]}`);
    const readme = readFileSync(join(subgraphDir, 'README.md'), 'utf8');
    const expected = rows(coverageMarkdown());
    expect(expected.length).toBeGreaterThan(200);
    expect(rows(readme)).toEqual(expected);
  });

  it('shows every entity type of the schema in one of the chain tests', () => {
    const schema = readFileSync(join(subgraphDir, 'schema.graphql'), 'utf8');
    const types = [...schema.matchAll(/^type (\w+) @entity/gm)].map((m) => m[1]!).sort();
    const listed = Object.values(coverage).flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(types);
  });
});
