import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AbiGenerationError,
  collectAbis,
  exportName,
  generate,
  renderModule,
} from '../scripts/generate-abis.js';

const counterAbi = [
  {
    type: 'function',
    name: 'increment',
    inputs: [{ name: 'by', type: 'uint256' }],
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    name: 'Incremented',
    inputs: [{ name: 'by', type: 'uint256', indexed: false }],
    anonymous: false,
  },
  { type: 'error', name: 'TooLarge', inputs: [] },
];

/** A Foundry root with the given sources and forge-shaped artifacts for some of them. */
function fixture(
  sources: Record<string, string>,
  artifacts: Record<string, { source: string; abi: unknown[] }>,
) {
  const root = mkdtempSync(join(tmpdir(), 'plaza-abi-'));
  for (const [path, code] of Object.entries(sources)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  }
  for (const [name, { source, abi }] of Object.entries(artifacts)) {
    const dir = join(root, 'out', source.split('/').pop()!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${name}.json`),
      JSON.stringify({ abi, metadata: { settings: { compilationTarget: { [source]: name } } } }),
    );
  }
  return root;
}

describe('ABI generator', () => {
  it('collects the ABIs of contracts under src and ignores test and library artifacts', () => {
    const root = fixture(
      { 'src/Counter.sol': 'contract Counter {}' },
      {
        Counter: { source: 'src/Counter.sol', abi: counterAbi },
        CounterTest: { source: 'test/Counter.t.sol', abi: [] },
      },
    );
    const abis = collectAbis(root);
    expect(abis.map((a) => a.name)).toEqual(['Counter']);
    expect(abis[0]!.abi).toEqual(counterAbi);
  });

  it('renders `as const` exports whose literal types viem can infer', () => {
    const root = fixture(
      { 'src/Counter.sol': 'contract Counter {}' },
      { Counter: { source: 'src/Counter.sol', abi: counterAbi } },
    );
    const out = join(root, 'generated/abis.ts');
    generate(root, out);
    const code = readFileSync(out, 'utf8');
    expect(code).toContain('export const counterAbi = [');
    expect(code).toContain('] as const;');
    expect(code).toContain('export const contractNames = ["Counter"] as const;');

    // The type checker sees literal names and types, which is what viem's inference needs.
    writeFileSync(
      join(root, 'generated/check.ts'),
      [
        "import { counterAbi, type ContractName } from './abis.js';",
        "const name: 'increment' = counterAbi[0].name;",
        "const input: 'uint256' = counterAbi[0].inputs[0].type;",
        "const contract: ContractName = 'Counter';",
        'export { name, input, contract };',
      ].join('\n'),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const typecheck = () =>
      spawnSync(
        process.execPath,
        [
          tsc,
          '--ignoreConfig',
          '--noEmit',
          '--strict',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          join(root, 'generated/check.ts'),
        ],
        { encoding: 'utf8' },
      );
    expect(typecheck().stdout).toBe('');
    expect(typecheck().status).toBe(0);

    writeFileSync(
      join(root, 'generated/check.ts'),
      "import { counterAbi } from './abis.js';\nexport const wrong: 'decrement' = counterAbi[0].name;\n",
    );
    const failed = typecheck();
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain(`Type '"increment"' is not assignable to type '"decrement"'`);
  });

  it('names exports in camelCase with an Abi suffix', () => {
    expect(exportName('PlazaUSD')).toBe('plazaUsdAbi');
    expect(exportName('NavOracle')).toBe('navOracleAbi');
    expect(exportName('IERC20')).toBe('ierc20Abi');
    expect(exportName('KinkedRateModel')).toBe('kinkedRateModelAbi');
    expect(renderModule([])).toContain('export const contractNames = [] as const;');
  });

  it('fails clearly when the contracts were not built', () => {
    const root = fixture({ 'src/Counter.sol': 'contract Counter {}' }, {});
    expect(() => collectAbis(root)).toThrow(AbiGenerationError);
    expect(() => collectAbis(root)).toThrow(
      /No forge artifacts in .*out\. Build the contracts first: npm run build -w @plaza\/contracts/,
    );
  });

  it('names a source whose artifact is missing', () => {
    const root = fixture(
      {
        'src/Counter.sol': 'contract Counter {}',
        'src/Vault.sol': '// a vault\ncontract Vault {}',
        'src/Math.sol': 'function twice(uint x) pure returns (uint) { return 2 * x; }',
      },
      { Counter: { source: 'src/Counter.sol', abi: counterAbi } },
    );
    expect(() => collectAbis(root)).toThrow(/No forge artifact for src\/Vault\.sol\. .*stale or incomplete/);
  });
});
