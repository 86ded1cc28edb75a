import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';

const deployment = {
  chainId: 31337,
  network: 'anvil',
  contracts: { PlazaUSD: { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3', block: 1 } },
};
const alice = {
  name: 'alice',
  role: 'demo user',
  address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
};
const base = { rpcUrl: 'http://127.0.0.1:8545/', chainId: 31337, deployment };

describe('parseConfig', () => {
  it('reads a devnet config with its dev accounts', () => {
    const config = parseConfig({
      ...base,
      devnet: true,
      devAccounts: [alice],
      graphqlUrl: 'http://127.0.0.1:8000/subgraphs/name/plaza',
    });
    expect(config.rpcUrl).toBe('http://127.0.0.1:8545');
    expect(config.chainName).toBe('Plaza devnet (anvil)');
    expect(config.deployment.contracts.PlazaUSD?.address).toBe('0x5FbDB2315678afecb367f032d93F642f64180aa3');
    expect(config.devAccounts).toEqual([alice]);
    expect(config.graphqlUrl).toBe('http://127.0.0.1:8000/subgraphs/name/plaza');
    expect(config.explorerUrl).toBeUndefined();
  });

  it('defaults to a non-devnet without dev accounts', () => {
    const config = parseConfig({ ...base, chainName: 'Base', explorerUrl: 'https://basescan.org/' });
    expect(config).toMatchObject({
      devnet: false,
      devAccounts: [],
      chainName: 'Base',
      explorerUrl: 'https://basescan.org',
    });
  });

  it('never accepts dev-wallet keys outside a devnet', () => {
    expect(() => parseConfig({ ...base, devAccounts: [alice] })).toThrow(
      'config.json: "devAccounts" are only allowed with "devnet": true.',
    );
  });

  it('says what is wrong', () => {
    const cases: [unknown, string][] = [
      [null, 'config.json: expected a JSON object.'],
      [{ ...base, rpcUrl: undefined }, 'config.json: "rpcUrl" is required (an http(s) URL).'],
      [{ ...base, rpcUrl: 'ws://x' }, 'config.json: "rpcUrl" must be an http(s) URL, got ws:.'],
      [{ ...base, rpcUrl: 'not a url' }, 'config.json: "rpcUrl" is not a URL: "not a url".'],
      [{ ...base, chainId: '31337' }, 'config.json: "chainId" must be a positive integer.'],
      [{ ...base, chainId: 1 }, 'config.json: the deployment is for chain 31337, but "chainId" is 1.'],
      [
        { ...base, deployment: { chainId: 31337 } },
        'config.json "deployment": "network" must be a non-empty string.',
      ],
      [{ ...base, devnet: 'yes' }, 'config.json: "devnet" must be true or false.'],
      [
        { ...base, devnet: true, devAccounts: [{ ...alice, privateKey: '0x12' }] },
        'config.json: devAccounts[0] needs a "name", an "address" and a "privateKey" (0x + 64 hex digits).',
      ],
    ];
    for (const [json, message] of cases) {
      expect(() => parseConfig(json)).toThrow(ConfigError);
      expect(() => parseConfig(json)).toThrow(message);
    }
  });
});

describe('loadConfig', () => {
  const answer = (status: number, body: string) =>
    (async () => new Response(body, { status })) as typeof fetch;

  it('fetches and validates', async () => {
    const config = await loadConfig('/config.json', answer(200, JSON.stringify(base)));
    expect(config.chainId).toBe(31337);
  });

  it('explains a missing or broken config', async () => {
    await expect(loadConfig('/config.json', answer(404, 'Not found'))).rejects.toThrow(
      '/config.json answered 404: the app is served without its runtime config',
    );
    await expect(loadConfig('/config.json', answer(200, '{'))).rejects.toThrow(
      '/config.json is not valid JSON.',
    );
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadConfig('/config.json', offline)).rejects.toThrow(
      'Could not fetch /config.json: Failed to fetch.',
    );
  });
});
