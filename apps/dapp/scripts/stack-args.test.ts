import { parseCliArgs } from '@plaza/devnet';
import { describe, expect, it } from 'vitest';
import { USAGE, parseStackArgs } from './stack-args';

describe('npm start options', () => {
  it('defaults to the dApp on 127.0.0.1:5173 and passes chain options to the devnet', () => {
    expect(parseStackArgs([])).toEqual({
      help: false,
      dappPort: 5173,
      dappHost: '127.0.0.1',
      indexerPort: 8000,
      devnetArgs: [],
    });
    const args = parseStackArgs([
      '--port',
      '9545',
      '--dapp-port=8080',
      '--no-demo',
      '--dapp-host',
      '0.0.0.0',
      '--indexer-port=8001',
    ]);
    expect(args).toEqual({
      help: false,
      dappPort: 8080,
      dappHost: '0.0.0.0',
      indexerPort: 8001,
      devnetArgs: ['--port', '9545', '--no-demo'],
    });
    const devnet = parseCliArgs(args.devnetArgs);
    expect(devnet.help === false && devnet.options).toMatchObject({ port: 9545, demo: false });
  });

  it('refuses bad values, and has help listing both kinds of options', () => {
    expect(() => parseStackArgs(['--dapp-port', 'x'])).toThrow(
      '--dapp-port must be a port number from 1 to 65535, not "x".',
    );
    expect(() => parseStackArgs(['--dapp-port'])).toThrow('--dapp-port needs a value.');
    expect(() => parseStackArgs(['--indexer-port', '70000'])).toThrow(
      '--indexer-port must be a port number from 1 to 65535, not "70000".',
    );
    expect(parseStackArgs(['-h']).help).toBe(true);
    expect(USAGE).toContain('--dapp-port <n>');
    expect(USAGE).toContain('--indexer-port <n>');
    expect(USAGE).toContain('--no-demo');
    expect(USAGE).toContain('--state-dir <dir>');
    expect(USAGE).not.toContain('undefined');
  });
});
