// CI must run exactly the test command the README gives to users.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The command in the first ```sh block after the given line of the README. */
function readmeCommand(after: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(after);
  expect(start, `README.md has no "${after}"`).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([^\n]+)\n```/.exec(readme.slice(start));
  expect(block, `no command block after "${after}"`).not.toBeNull();
  return block![1]!;
}

describe('CI and README', () => {
  it('runs the README test command as the last step of .ci/run', () => {
    const script = readFileSync(join(root, '.ci/run'), 'utf8').trim().split('\n');
    expect(script[0]).toBe('#!/usr/bin/env bash');
    expect(script).toContain('set -euo pipefail');
    expect(script.at(-1)).toBe(readmeCommand('Run every test:'));
  });

  it('gives the start command first and both as single lines', () => {
    expect(readmeCommand('Start the local stack:')).toBe('npm ci && npm start');
    expect(readmeCommand('Run every test:')).toBe('npm ci && npm test');
  });
});
