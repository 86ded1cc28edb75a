#!/usr/bin/env node
// plaza-subgraph: build the subgraph, render its manifest for an address book, or prepare a runnable build
// directory for a deployment. See README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDeployment } from '@plaza/abi';
import { build, subgraphDir } from './build.js';
import { coverageMarkdown } from './docs.js';
import { renderManifest } from './manifest.js';
import { prepareSubgraph } from './prepare.js';

const USAGE = `usage:
  plaza-subgraph build                                      abis/, subgraph.yaml (template deployment), graph codegen + build
  plaza-subgraph manifest --deployment <file> [--out <file>]  render subgraph.yaml for an address book (default: ./subgraph.yaml)
  plaza-subgraph prepare --deployment <file> --out <dir>      copy build/ to <dir> with a manifest for the address book
  plaza-subgraph coverage                                   print the README's event → handler tables`;

function readDeployment(file: string | undefined) {
  if (!file) throw new Error(`--deployment <file> is required\n\n${USAGE}`);
  return parseDeployment(JSON.parse(readFileSync(file, 'utf8')), file);
}

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      deployment: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
  } else if (command === 'build') {
    build();
  } else if (command === 'manifest') {
    const out = values.out ?? join(subgraphDir, 'subgraph.yaml');
    writeFileSync(out, renderManifest(readDeployment(values.deployment)));
    console.log(`@plaza/subgraph: wrote ${out}`);
  } else if (command === 'coverage') {
    console.log(coverageMarkdown());
  } else if (command === 'prepare') {
    if (!values.out) throw new Error(`--out <dir> is required\n\n${USAGE}`);
    const prepared = prepareSubgraph({ deployment: readDeployment(values.deployment), outDir: values.out });
    console.log(`@plaza/subgraph: ${prepared.dataSources.length} data sources → ${prepared.dir}`);
  } else {
    throw new Error(`unknown command ${command}\n\n${USAGE}`);
  }
} catch (error) {
  console.error(`@plaza/subgraph: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
