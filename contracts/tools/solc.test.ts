import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const shim = join(import.meta.dirname, 'solc.cjs');

function run(args: string[], input = '') {
  return spawnSync(shim, args, { input, encoding: 'utf8' });
}

function standardJson(sources: Record<string, { content: string }>) {
  return JSON.stringify({
    language: 'Solidity',
    sources,
    settings: { outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  });
}

describe('tools/solc.cjs (solcjs shim for forge)', () => {
  it('prints a version line that forge parses', () => {
    const out = execFileSync(shim, ['--version'], { encoding: 'utf8' });
    expect(out).toMatch(
      /^solc, the solidity compiler commandline interface\nVersion: 0\.8\.30\+commit\.[0-9a-f]{8}/,
    );
  });

  it('compiles a contract whose import it resolves from an include path', () => {
    const root = mkdtempSync(join(tmpdir(), 'solc-shim-'));
    mkdirSync(join(root, 'lib/math'), { recursive: true });
    writeFileSync(
      join(root, 'lib/math/Twice.sol'),
      '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\nlibrary Twice { function times(uint256 x) internal pure returns (uint256) { return 2 * x; } }\n',
    );
    const main =
      '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\nimport {Twice} from "math/Twice.sol";\ncontract Doubler { function double(uint256 x) external pure returns (uint256) { return Twice.times(x); } }\n';
    const result = run(
      ['--standard-json', '--base-path', root, '--include-path', join(root, 'lib'), '--allow-paths', root],
      standardJson({ 'src/Doubler.sol': { content: main } }),
    );
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.errors ?? []).toEqual([]);
    expect(output.contracts['src/Doubler.sol'].Doubler.abi[0].name).toBe('double');
    expect(output.contracts['src/Doubler.sol'].Doubler.evm.bytecode.object).toMatch(/^[0-9a-f]{100,}$/);
    expect(Object.keys(output.sources)).toContain('math/Twice.sol');
  });

  it("reports solc's own error and exits non-zero on a syntax error", () => {
    const result = run(
      ['--standard-json'],
      standardJson({ 'Bad.sol': { content: 'pragma solidity ^0.8.0;\ncontract Bad { function f( }\n' } }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ParserError: Expected type name');
    expect(result.stderr).toContain('Bad.sol:2:');
    expect(JSON.parse(result.stdout).errors[0].type).toBe('ParserError');
  });

  it('names an import it cannot find', () => {
    const result = run(
      ['--standard-json', '--base-path', tmpdir()],
      standardJson({
        'A.sol': { content: 'pragma solidity ^0.8.0;\nimport "missing/Nope.sol";\ncontract A {}\n' },
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('File not found: missing/Nope.sol');
  });

  it('fails clearly on empty input, bad JSON and unknown options', () => {
    expect(run(['--standard-json'], '').stderr).toContain('no standard JSON input on stdin');
    expect(run(['--standard-json'], '{oops').stderr).toContain('not valid JSON');
    const unknown = run(['--optimize']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unsupported option --optimize');
  });
});
