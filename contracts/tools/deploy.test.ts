// The Node side of the deployment: Foundry binaries from npm, a managed anvil, and deployPlaza() running
// script/Deploy.s.sol (its Solidity logic is tested in test/script/Deploy.t.sol).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployError, deployPlaza } from './deploy.mjs';
import {
  type Anvil,
  FoundryError,
  foundryBinary,
  freePort,
  isPortFree,
  rpc,
  startAnvil,
} from './foundry.mjs';

// anvil's first well-known development key (public; never use it on a real network).
const DEPLOYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('Foundry binaries', () => {
  it('finds forge, anvil and cast in node_modules', () => {
    for (const tool of ['forge', 'anvil', 'cast'] as const) {
      const path = foundryBinary(tool);
      expect(path).toMatch(new RegExp(`@foundry-rs/${tool}-[a-z0-9]+-[a-z0-9]+/bin/${tool}$`));
      expect(existsSync(path)).toBe(true);
    }
  });

  it('names the npm package when a binary is missing', () => {
    expect(() => foundryBinary('solc' as 'forge')).toThrow(FoundryError);
    expect(() => foundryBinary('solc' as 'forge')).toThrow(
      /the npm package @foundry-rs\/solc-.* is missing\. Run `npm ci`/,
    );
  });
});

describe('anvil', () => {
  it('refuses a port that is taken, saying so', async () => {
    const server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree('127.0.0.1', port)).toBe(false);
      await expect(startAnvil({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use.`);
    } finally {
      server.close();
    }
  });

  it('starts, answers JSON-RPC, and stops without leaving the process or the port behind', async () => {
    const port = await freePort();
    const anvil = await startAnvil({ port, chainId: 4242 });
    expect(anvil.chainId).toBe(4242);
    expect(await rpc(anvil.rpcUrl, 'eth_blockNumber')).toBe('0x0');
    await anvil.stop();
    expect(anvil.process.exitCode !== null || anvil.process.signalCode !== null).toBe(true);
    expect(() => process.kill(anvil.pid!, 0)).toThrow();
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
  });
});

describe('deployPlaza', () => {
  let anvil: Anvil;
  const dir = mkdtempSync(join(tmpdir(), 'plaza-deploy-test-'));
  const outputPath = join(dir, 'deployment.json');

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('deploys and records the exact block of every contract, outside the fs_permissions paths too', async () => {
    const phases: string[] = [];
    const result = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: DEPLOYER_KEY,
      outputPath,
      onProgress: (event) => phases.push(event.phase),
    });
    expect(phases[0]).toBe('start');
    expect(phases).toContain('broadcast');
    expect(phases.at(-1)).toBe('done');
    expect(result.transactions).toBeGreaterThan(10);

    const book = JSON.parse(readFileSync(outputPath, 'utf8'));
    expect(book).toEqual(result.deployment);
    expect(book.chainId).toBe(31337);
    expect(book.network).toBe('anvil');
    expect(Object.keys(book.contracts)).toEqual([
      'ComplianceRegistry',
      'PlazaUSDImplementation',
      'PlazaUSD',
      'MockUSDC',
      'FeeCollector',
      'PegStabilityModule',
      'NavOracle',
      'RwaShareToken_HRBR',
      'NavFeedAdapter_HRBR',
      'RwaShareToken_MSMR',
      'NavFeedAdapter_MSMR',
      'LendingHub',
      'KinkedRateModel_Property',
      'KinkedRateModel_Receivables',
      'LendingLens',
      'SavingsVault',
      'MerchantRegistry',
      'PaymentProcessor',
      'LoyaltyPointsImplementation',
      'AdvancePool',
      'WETH9',
      'UniswapV3Factory',
      'NFTDescriptor',
      'NonfungibleTokenPositionDescriptor',
      'NonfungiblePositionManager',
      'SwapRouter',
      'PusdUsdcPool',
      'LiquidityIncentives',
    ]);
    for (const { address, block } of Object.values(book.contracts) as { address: string; block: number }[]) {
      const hex = (n: number) => `0x${n.toString(16)}`;
      expect(await rpc(anvil.rpcUrl, 'eth_getCode', [address, hex(block)])).not.toBe('0x');
      expect(await rpc(anvil.rpcUrl, 'eth_getCode', [address, hex(block - 1)])).toBe('0x');
    }
  });

  it('refuses to deploy again on the same chain and names the address book', async () => {
    const nonce = () => rpc(anvil.rpcUrl, 'eth_getTransactionCount', [DEPLOYER, 'latest']);
    const nonceBefore = await nonce();
    const blockBefore = await rpc(anvil.rpcUrl, 'eth_blockNumber');
    const attempt = deployPlaza({ rpcUrl: anvil.rpcUrl, privateKey: DEPLOYER_KEY, outputPath });
    await expect(attempt).rejects.toThrow(DeployError);
    await expect(attempt).rejects.toThrow(
      `Deployment failed: Deploy: Plaza is already deployed on chain 31337 (ComplianceRegistry at ${book().contracts.ComplianceRegistry!.address}, listed in ${outputPath}). Refusing to deploy again: nothing was sent.`,
    );
    expect(await rpc(anvil.rpcUrl, 'eth_blockNumber')).toBe(blockBefore);
    expect(await nonce()).toBe(nonceBefore);
  });

  it('rejects bad arguments before running forge', async () => {
    await expect(deployPlaza({ rpcUrl: anvil.rpcUrl, privateKey: '0x1234' })).rejects.toThrow(
      'deployPlaza needs a private key: 0x followed by 64 hex digits.',
    );
    await expect(
      deployPlaza({
        rpcUrl: anvil.rpcUrl,
        privateKey: DEPLOYER_KEY,
        network: 'nowhere',
        outputPath: join(dir, 'x.json'),
      }),
    ).rejects.toThrow(/No deployment config at .*deployments\/config\/nowhere\.json/);
    await expect(
      deployPlaza({ rpcUrl: `http://127.0.0.1:${await freePort()}`, privateKey: DEPLOYER_KEY }),
    ).rejects.toThrow(/^Cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });

  function book() {
    return JSON.parse(readFileSync(outputPath, 'utf8')) as {
      contracts: Record<string, { address: string; block: number }>;
    };
  }
});
