#!/usr/bin/env node
// A solc command-line front for forge, backed by the npm `solc` package (solcjs).
// Forge cannot download native compilers on our machines, so foundry.toml points `solc` here.
// It implements the subset of the solc CLI forge uses: `--version` and `--standard-json`
// (input on stdin or as a file argument) with `--base-path`, `--include-path` and
// `--allow-paths`; imports that the input does not carry are resolved like solc does.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const USAGE = `usage: solc --version
       solc --standard-json [--base-path DIR] [--include-path DIR]... [--allow-paths DIR[,DIR]...] [input.json]

Compiles Solidity with the npm \`solc\` package (solcjs). Standard JSON is read from the
file argument, or from stdin when there is none.`;

function fail(message) {
  process.stderr.write(`solc shim: ${message}\n`);
  process.exit(1);
}

function loadCompiler() {
  try {
    return require('solc');
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') {
      fail('the npm package "solc" is not installed; run `npm ci` at the repository root.');
    }
    throw error;
  }
}

function parseArgs(argv) {
  const options = {
    basePath: null,
    includePaths: [],
    allowPaths: [],
    standardJson: false,
    version: false,
    help: false,
    inputFile: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${flag} needs a value.`);
      return argv[++i];
    };
    switch (flag) {
      case '--version':
      case '-v':
        options.version = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--standard-json':
        options.standardJson = true;
        break;
      case '--base-path':
        options.basePath = value();
        break;
      case '--include-path':
        options.includePaths.push(value());
        break;
      case '--allow-paths':
        options.allowPaths.push(...value().split(',').filter(Boolean));
        break;
      default:
        if (flag.startsWith('-'))
          fail(
            `unsupported option ${flag}. This shim only implements --version and --standard-json.\n${USAGE}`,
          );
        if (options.inputFile)
          fail(`only one input file is supported, got ${options.inputFile} and ${flag}.`);
        options.inputFile = flag;
    }
  }
  return options;
}

/** Resolves an import the way solc's file reader does: base path, then include paths, then as given. */
function importResolver(options) {
  const roots = [options.basePath ?? process.cwd(), ...options.includePaths];
  return (importPath) => {
    const candidates = path.isAbsolute(importPath)
      ? [importPath]
      : roots.map((root) => path.resolve(root, importPath));
    for (const candidate of candidates) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        return { contents: fs.readFileSync(candidate, 'utf8') };
      }
    }
    return { error: `File not found: ${importPath} (searched ${candidates.join(', ')})` };
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const solc = loadCompiler();
  if (options.version) {
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
    return;
  }
  if (!options.standardJson) fail(`nothing to do: pass --version or --standard-json.\n${USAGE}`);

  const input = options.inputFile ? fs.readFileSync(options.inputFile, 'utf8') : fs.readFileSync(0, 'utf8');
  if (input.trim() === '') fail('no standard JSON input on stdin.');
  try {
    JSON.parse(input);
  } catch (error) {
    fail(`the standard JSON input is not valid JSON: ${error.message}`);
  }
  const output = solc.compile(input, { import: importResolver(options) });
  process.stdout.write(output);
  // solc itself exits 0 here; we exit 1 on compile errors so that scripts calling the shim directly
  // notice, and print solc's own messages on stderr for forge to show.
  const errors = (JSON.parse(output).errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(errors.map((e) => e.formattedMessage ?? e.message).join('\n'));
    process.exitCode = 1;
  }
}

main();
