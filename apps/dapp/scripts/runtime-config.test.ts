import { devAccounts, type Devnet } from '@plaza/devnet';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/lib/config';
import { devnetConfig } from './runtime-config';

const deployment = {
  chainId: 31337,
  network: 'anvil',
  contracts: { PlazaUSD: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const, block: 1 } },
};

function fakeDevnet(overrides: Partial<Devnet> = {}): Devnet {
  return {
    rpcUrl: 'http://127.0.0.1:8545',
    chainId: 31337,
    deployment,
    deploymentPath: '/tmp/deployment.json',
    accounts: devAccounts(),
    notes: [],
    ownsChain: true,
    exited: new Promise(() => {}),
    plaza: () => {
      throw new Error('not needed');
    },
    stop: async () => {},
    ...overrides,
  };
}

describe('devnetConfig', () => {
  it('gives the dev wallet the named demo accounts, and the app accepts it', () => {
    const json = devnetConfig(fakeDevnet(), { graphqlUrl: 'http://127.0.0.1:8000/graphql' });
    // Every named demo account (the devnet names more as its world grows), never the unnamed spares.
    const names = json.devAccounts?.map((a) => a.name) ?? [];
    expect(names).toEqual(
      devAccounts()
        .filter((a) => a.name !== `account${a.index}`)
        .map((a) => a.name),
    );
    expect(names.slice(0, 10)).toEqual([
      'deployer',
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
      'mallory',
      'relayer',
      'reserve',
      'treasury',
    ]);
    const config = parseConfig(JSON.parse(JSON.stringify(json)));
    expect(config).toMatchObject({
      devnet: true,
      chainId: 31337,
      graphqlUrl: 'http://127.0.0.1:8000/graphql',
    });
  }, 30_000);

  it('never puts a key other than anvil’s public ones into config.json', () => {
    const custom = '0x1111111111111111111111111111111111111111111111111111111111111111' as const;
    const accounts = devAccounts().map((a) => (a.name === 'deployer' ? { ...a, privateKey: custom } : a));
    const json = devnetConfig(fakeDevnet({ accounts }));
    expect(json.devAccounts?.map((a) => a.name)).not.toContain('deployer');
    expect(JSON.stringify(json)).not.toContain(custom.slice(2));
  }, 30_000); // deriving the 20 HD keys is slow on a loaded CI machine

  it('has no dev wallet on a chain the devnet did not start', () => {
    const json = devnetConfig(fakeDevnet({ ownsChain: false, rpcUrl: 'http://10.0.0.5:8545' }));
    expect(json.devnet).toBe(false);
    expect(json.devAccounts).toBeUndefined();
    expect(parseConfig(JSON.parse(JSON.stringify(json))).devAccounts).toEqual([]);
  });
});
