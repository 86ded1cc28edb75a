#!/usr/bin/env node
// Gas benchmark: runs the scenario tests in test/gas/ in forge's isolated mode (one transaction per
// top-level call, so figures include the 21k intrinsic gas), which write snapshots/<Group>.json, then
// prints every figure beside its anchor's target and the ratio. Exits non-zero only if forge fails;
// a missed target is reported, not hidden, and is not an error of the benchmark itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(
    'usage: npm run bench -w @plaza/contracts [-- --no-run]\n\n  --no-run  only print the committed snapshots against their targets',
  );
  process.exit(0);
}

if (!args.includes('--no-run')) {
  console.log("Running gas scenarios: forge test --isolate --match-path 'test/gas/*'");
  const forge = spawnSync('forge', ['test', '--isolate', '--match-path', 'test/gas/*'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (forge.status !== 0) process.exit(forge.status ?? 1);
}

const targets = JSON.parse(readFileSync(join(root, 'tools/gas-targets.json'), 'utf8'));
const snapshotsDir = join(root, 'snapshots');
const groups = existsSync(snapshotsDir) ? readdirSync(snapshotsDir).filter((f) => f.endsWith('.json')) : [];
if (groups.length === 0) {
  console.log('No gas snapshots yet (contracts/snapshots/*.json).');
  process.exit(0);
}

const fmt = (n) => n.toLocaleString('en-US');
const rows = [];
for (const file of groups.sort()) {
  const group = file.replace(/\.json$/, '');
  const snapshot = JSON.parse(readFileSync(join(snapshotsDir, file), 'utf8'));
  for (const [op, value] of Object.entries(snapshot)) {
    const gas = Number(value);
    const target = targets[group]?.[op];
    rows.push({
      group,
      op,
      gas: fmt(gas),
      target: target ? fmt(target.target) : '—',
      ratio: target ? (gas / target.target).toFixed(3) : '—',
      verdict: target ? (gas <= target.target ? 'meets' : `MISSES by ${fmt(gas - target.target)}`) : '',
      anchor: target?.anchor ?? '',
    });
  }
}
const cols = ['group', 'op', 'gas', 'target', 'ratio', 'verdict', 'anchor'];
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (r) => cols.map((c, i) => String(r[c]).padEnd(widths[i])).join('  ');
console.log('\nGas per transaction (forge --isolate, incl. 21k intrinsic)\n');
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
const missed = rows.filter((r) => r.verdict.startsWith('MISSES'));
console.log(
  `\n${rows.length} figures, ${rows.length - missed.length - rows.filter((r) => r.ratio === '—').length} meet their target, ${missed.length} miss.`,
);
