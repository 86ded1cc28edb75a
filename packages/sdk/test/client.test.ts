// createPlazaClient: where the deployment comes from, what it refuses, verify(), wallets; and the typed-data
// builders against the committed EIP-712 fixture that the pUSD contract itself verifies.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseDeployment, type Deployment } from '@plaza/abi';
import {
  PlazaError,
  cancelAuthorizationTypedData,
  createPlazaClient,
  createPlazaContext,
  createPsmModule,
  createUsdcModule,
  formatPusd,
  formatUsdc,
  parsePusd,
  parseUsdc,
  permitTypedData,
  receiveAuthorizationTypedData,
  splitSignature,
  transferAuthorizationTypedData,
} from '@plaza/sdk';
import {
  createPublicClient,
  domainSeparator,
  hashTypedData,
  http,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { base } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();

describe('createPlazaClient', () => {
  it('refuses a chain without a deployment, a mismatched deployment or client, and a bad chain id', () => {
    const { publicClient, deployment } = chain();
    expect(() => createPlazaClient({ publicClient, chainId: 31337 })).toThrow(
      'Plaza is not deployed on chain 31337 in this address book (known chains: none). For a local chain, pass its deployment',
    );
    expect(() => createPlazaClient({ publicClient, chainId: 31337 })).toThrow(PlazaError);
    expect(() => createPlazaClient({ publicClient, chainId: 8453, deployment })).toThrow(
      'The deployment (anvil) is on chain 31337, but Plaza was asked for chain 8453.',
    );
    const onBase = createPublicClient({ chain: base, transport: http(chain().rpcUrl) });
    expect(() => createPlazaClient({ publicClient: onBase, chainId: 31337, deployment })).toThrow(
      expect.objectContaining({
        code: 'ChainMismatch',
        message: 'The publicClient is on chain 8453, but Plaza was asked for chain 31337.',
      }),
    );
    expect(() => createPlazaClient({ publicClient, chainId: 0, deployment })).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });

  it('verifies the node and the deployment, and names a contract without code', async () => {
    const { publicClient, deployment } = chain();
    const plaza = createPlazaClient({ publicClient, chainId: 31337, deployment });
    await expect(plaza.verify()).resolves.toBeUndefined();

    const stale: Deployment = parseDeployment({
      ...deployment,
      contracts: {
        ...deployment.contracts,
        FeeCollector: { address: '0x000000000000000000000000000000000000dEaD', block: 1 },
      },
    });
    await expect(
      createPlazaClient({ publicClient, chainId: 31337, deployment: stale }).verify(),
    ).rejects.toMatchObject({
      code: 'NotDeployed',
      contract: 'FeeCollector',
      message:
        'FeeCollector has no code at 0x000000000000000000000000000000000000dEaD on chain 31337: the deployment does not match this chain (a restarted devnet?).',
    });
  });

  it('reads without a wallet, and says a wallet is needed for writes and signatures', async () => {
    const { publicClient, deployment } = chain();
    const reader = createPlazaClient({ publicClient, chainId: 31337, deployment });
    expect(await reader.pusd.totalSupply()).toBe(0n);
    await expect(reader.pusd.transfer({ to: accounts.bob.address, amount: 1n })).rejects.toMatchObject({
      code: 'NoWallet',
    });
    await expect(reader.pusd.signPermit({ spender: accounts.bob.address, value: 1n })).rejects.toMatchObject({
      code: 'NoWallet',
    });
    // An explicit account works without a wallet client's account for signatures.
    const signed = await reader.pusd.signPermit({
      spender: accounts.bob.address,
      value: 1n,
      signer: accounts.alice,
    });
    expect(signed.owner).toBe(accounts.alice.address);
  });

  it('names the contracts a deployment has when a module needs one it lacks', async () => {
    const { publicClient, deployment } = chain();
    const { MockUSDC: _mock, ...rest } = deployment.contracts;
    const withoutMock = parseDeployment({ ...deployment, contracts: rest });
    const plaza = createPlazaClient({ publicClient, chainId: 31337, deployment: withoutMock });
    await expect(plaza.usdc.faucet({ to: accounts.bob.address, amount: 1n })).rejects.toMatchObject({
      code: 'NotDeployed',
      message: 'The anvil deployment has no MockUSDC: the USDC faucet exists on dev chains only.',
    });
    // Without a MockUSDC entry, USDC is the PSM's gem.
    expect(await plaza.usdc.address()).toBe(deployment.contracts.MockUSDC!.address);
    expect(() => plaza.context.address('Timelock')).toThrow(
      `Timelock is not deployed in the anvil deployment (chain 31337); it has: ${Object.keys(rest).join(', ')}.`,
    );
  });

  it('builds single modules on a context, and swaps wallets', async () => {
    const { publicClient, deployment, as } = chain();
    const psm = createPsmModule(createPlazaContext({ publicClient, chainId: 31337, deployment }));
    expect((await psm.state()).tin).toBe(5n);
    const asBob = as.alice.withWallet(as.bob.walletClient!);
    expect(asBob.walletClient!.account!.address).toBe(accounts.bob.address);
    expect(asBob.deployment).toBe(as.alice.deployment);
  });
});

describe('token domains', () => {
  it("falls back to name() and version() for tokens without ERC-5267 (Circle's USDC)", async () => {
    const usdc = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';
    const calls: string[] = [];
    const node = {
      readContract: async ({ functionName }: { functionName: string }) => {
        calls.push(functionName);
        if (functionName === 'eip712Domain') throw new Error('execution reverted');
        return functionName === 'name' ? 'USD Coin' : '2';
      },
    } as unknown as PublicClient;
    const deployment = {
      chainId: 8453,
      network: 'base',
      contracts: { USDC: { address: usdc, block: 1 } },
    } as const;
    const module = createUsdcModule(createPlazaContext({ publicClient: node, chainId: 8453, deployment }));
    expect(module.contract).toBe('USDC');
    expect(await module.domain()).toEqual({
      name: 'USD Coin',
      version: '2',
      chainId: 8453,
      verifyingContract: usdc,
    });
    await module.domain(); // cached
    expect(calls.sort()).toEqual(['eip712Domain', 'name', 'version']);
  });
});

describe('units', () => {
  it('parses and formats pUSD and USDC, refusing malformed amounts', () => {
    expect(parsePusd('12.5')).toBe(12_500000000000000000n);
    expect(formatPusd(12_500000000000000000n)).toBe('12.5');
    expect(parseUsdc('100.25')).toBe(100_250000n);
    expect(formatUsdc(100_250000n)).toBe('100.25');
    expect(() => parseUsdc('1.0000001')).toThrow(
      'Invalid USDC amount: USDC has 6 decimals, "1.0000001" has 7.',
    );
    expect(() => parsePusd('-1')).toThrow(
      'Invalid pUSD amount: expected a decimal number such as "12.5", got "-1".',
    );
    expect(() => parsePusd('1e18')).toThrow(PlazaError);
  });
});

describe('typed data', () => {
  interface FixtureMessage {
    digest: Hex;
    signature: Hex;
    [key: string]: string | number;
  }
  const fixture = JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('@plaza/contracts/test/fixtures/eip712.json'),
      'utf8',
    ),
  ) as {
    chainId: number;
    verifyingContract: Address;
    signer: Address;
    domainSeparator: Hex;
    permit: FixtureMessage;
    transferWithAuthorization: FixtureMessage;
    receiveWithAuthorization: FixtureMessage;
    cancelAuthorization: FixtureMessage;
  };
  const domain = {
    name: 'Plaza USD',
    version: '1',
    chainId: fixture.chainId,
    verifyingContract: fixture.verifyingContract,
  };
  const auth = (m: FixtureMessage) => ({
    from: m.from as Address,
    to: m.to as Address,
    value: BigInt(m.value!),
    validAfter: BigInt(m.validAfter!),
    validBefore: BigInt(m.validBefore!),
    nonce: m.nonce as Hex,
  });

  it('hashes to the digests the pUSD contract computes (contracts/test/fixtures/eip712.json)', () => {
    expect(domainSeparator({ domain })).toBe(fixture.domainSeparator);
    const p = fixture.permit;
    expect(
      hashTypedData(
        permitTypedData(domain, {
          owner: p.owner as Address,
          spender: p.spender as Address,
          value: BigInt(p.value!),
          nonce: BigInt(p.nonce!),
          deadline: BigInt(p.deadline!),
        }),
      ),
    ).toBe(p.digest);
    expect(
      hashTypedData(transferAuthorizationTypedData(domain, auth(fixture.transferWithAuthorization))),
    ).toBe(fixture.transferWithAuthorization.digest);
    expect(hashTypedData(receiveAuthorizationTypedData(domain, auth(fixture.receiveWithAuthorization)))).toBe(
      fixture.receiveWithAuthorization.digest,
    );
    const c = fixture.cancelAuthorization;
    expect(
      hashTypedData(
        cancelAuthorizationTypedData(domain, { authorizer: c.authorizer as Address, nonce: c.nonce as Hex }),
      ),
    ).toBe(c.digest);
  });

  it('signs like the fixture and splits 65-byte signatures only', async () => {
    const signer = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    expect(signer.address).toBe(fixture.signer);
    const signature = await signer.signTypedData(
      transferAuthorizationTypedData(domain, auth(fixture.transferWithAuthorization)),
    );
    expect(signature).toBe(fixture.transferWithAuthorization.signature);
    expect(splitSignature(signature)).toMatchObject({ v: fixture.transferWithAuthorization.v });
    expect(splitSignature('0x1234')).toBeUndefined();
  });
});
