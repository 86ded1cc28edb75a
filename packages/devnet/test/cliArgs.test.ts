import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../src/cliArgs.js';

const KEY = `0x${'ab'.repeat(32)}`;

describe('plaza-devnet arguments', () => {
  it('defaults to anvil on 127.0.0.1:8545 with the demo world', () => {
    expect(parseCliArgs([], {})).toEqual({ help: false, options: { demo: true } });
    expect(parseCliArgs(['--help'], {})).toEqual({ help: true });
    expect(parseCliArgs(['-h'], {})).toEqual({ help: true });
  });

  it('reads every option', () => {
    expect(
      parseCliArgs(
        ['--port', '9545', '--host', '0.0.0.0', '--no-demo', '--state-dir', 'tmp/x', '--network', 'anvil'],
        {},
      ),
    ).toEqual({
      help: false,
      options: { demo: false, port: 9545, host: '0.0.0.0', stateDir: resolve('tmp/x'), network: 'anvil' },
    });
    expect(parseCliArgs(['--rpc-url', 'http://10.0.0.5:8545', '--private-key', KEY], {})).toEqual({
      help: false,
      options: { demo: true, rpcUrl: 'http://10.0.0.5:8545', privateKey: KEY },
    });
    expect(parseCliArgs(['--rpc-url', 'http://10.0.0.5:8545'], { PLAZA_DEPLOYER_KEY: KEY })).toMatchObject({
      options: { privateKey: KEY },
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a port number from 1 to 65535, not "abc".'],
    [['--port', '70000'], '--port must be a port number from 1 to 65535, not "70000".'],
    [['--rpc-url', 'http://x:1'], '--rpc-url needs --private-key (the deployer) or PLAZA_DEPLOYER_KEY.'],
    [
      ['--rpc-url', 'localhost:8545', '--private-key', KEY],
      '--rpc-url must be an http(s) or ws(s) URL, not "localhost:8545".',
    ],
    [
      ['--rpc-url', 'http://x:1', '--private-key', KEY, '--port', '1'],
      '--rpc-url deploys to an existing chain; --port and --host are for the local anvil.',
    ],
    [['--private-key', '0x12'], '--private-key must be 0x followed by 64 hex digits.'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv, {})).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv, {})).toThrow(message);
  });
});
