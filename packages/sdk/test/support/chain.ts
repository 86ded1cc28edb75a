// One anvil per test file with the deployment of globalSetup loaded, viem clients, and a Plaza client per
// named account. useSnapshots() reverts the chain after every test, so tests do not see each other.
import { parseDeployment, type Deployment } from '@plaza/abi';
import { freePort, rpc, startAnvil, type Anvil } from '@plaza/contracts/tools/foundry';
import { createPlazaClient, type PlazaClient } from '@plaza/sdk';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  type Account,
  type PublicClient,
  type TestClient,
} from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { accounts } from './accounts.js';

export interface TestChain {
  readonly anvil: Anvil;
  readonly rpcUrl: string;
  readonly deployment: Deployment;
  readonly publicClient: PublicClient;
  readonly testClient: TestClient;
  /** A Plaza client whose wallet is `account` (default: the deployer). */
  plaza(account?: Account): PlazaClient;
  /** The Plaza client of each named test account. */
  readonly as: { readonly [name in keyof typeof accounts]: PlazaClient };
}

export async function startTestChain(): Promise<TestChain> {
  const anvil = await startAnvil({ port: await freePort() });
  await rpc(anvil.rpcUrl, 'anvil_loadState', [inject('plazaChainState')]);
  const deployment = parseDeployment(inject('plazaDeployment'), 'globalSetup deployment');
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 }) as PublicClient;
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport }) as unknown as TestClient;
  const plaza = (account: Account = accounts.deployer) =>
    createPlazaClient({
      publicClient,
      walletClient: createWalletClient({ chain: foundry, transport, account }),
      chainId: foundry.id,
      deployment,
    });
  const as = Object.fromEntries(
    Object.entries(accounts).map(([name, account]) => [name, plaza(account)]),
  ) as {
    [name in keyof typeof accounts]: PlazaClient;
  };
  return { anvil, rpcUrl: anvil.rpcUrl, deployment, publicClient, testClient, plaza, as };
}

/** Starts the file's chain before its tests, stops it after, and reverts it after each test. */
export function useTestChain(): () => TestChain {
  let chain: TestChain | undefined;
  let snapshot: `0x${string}` | undefined;
  beforeAll(async () => {
    chain = await startTestChain();
  });
  afterAll(async () => {
    await chain?.anvil.stop();
  });
  beforeEach(async () => {
    snapshot = await chain!.testClient.snapshot();
  });
  afterEach(async () => {
    if (snapshot) await chain!.testClient.revert({ id: snapshot });
  });
  return () => {
    if (!chain) throw new Error('the test chain is not started yet (use it inside tests or hooks)');
    return chain;
  };
}
