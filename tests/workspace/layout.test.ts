// The repository's shape is part of its design (ARCHITECTURE §1): these tests keep it that way.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function workspaces(): Map<string, { dir: string; manifest: Manifest }> {
  const found = new Map<string, { dir: string; manifest: Manifest }>();
  for (const pattern of rootManifest.workspaces) {
    const dirs = pattern.endsWith('/*')
      ? existsSync(join(root, pattern.slice(0, -2)))
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => join(pattern.slice(0, -2), e.name))
        : []
      : [pattern];
    for (const dir of dirs) {
      const file = join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      found.set(manifest.name, { dir, manifest });
    }
  }
  return found;
}

// contracts → abi → sdk → {devnet, indexer, dapp}; subgraph reads ABIs from abi; tests may use anything.
const layer: Record<string, number> = {
  '@plaza/contracts': 0,
  '@plaza/abi': 1,
  '@plaza/subgraph': 2,
  '@plaza/sdk': 2,
  '@plaza/devnet': 3,
  '@plaza/indexer': 3,
  '@plaza/dapp': 4,
  '@plaza/tests': 5,
};

describe('workspace layout', () => {
  it('has exactly the top-level entries of the design', () => {
    const allowedConfig = /^(\.[\w.-]+|tsconfig\.base\.json|eslint\.config\.js|package-lock\.json|LICENSE)$/;
    const entries = readdirSync(root).filter((e) => e !== 'node_modules' && !allowedConfig.test(e));
    expect(entries.sort()).toEqual([
      'README.md',
      'apps',
      'contracts',
      'package.json',
      'packages',
      'subgraph',
      'tests',
      'turbo.json',
    ]);
    expect(existsSync(join(root, '.ci/run'))).toBe(true);
  });

  it('knows every workspace package and its layer', () => {
    for (const name of workspaces().keys()) expect(layer, `unknown workspace ${name}`).toHaveProperty(name);
  });

  it('lets dependencies point only one way', () => {
    for (const [name, { manifest }] of workspaces()) {
      const deps = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
      for (const dep of Object.keys(deps).filter((d) => d.startsWith('@plaza/'))) {
        expect(layer[dep], `${name} depends on ${dep}`).toBeLessThan(layer[name]!);
        if (name !== '@plaza/tests') expect(dep, `${name} depends on an app`).not.toBe('@plaza/dapp');
      }
    }
  });
});
