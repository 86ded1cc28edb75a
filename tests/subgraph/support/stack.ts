// The test stack of the subgraph suites: a devnet (real anvil + the real deployment script), further modules the
// tests deploy with their own parameters (from the forge artifacts, wired as contracts/README.md
// says), the subgraph prepared for that address book, and the real @plaza/indexer serving GraphQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDeployment, type Deployment } from '@plaza/abi';
import { freePort } from '@plaza/contracts/tools/foundry';
import { findDevAccount, startDevnet, type Devnet } from '@plaza/devnet';
import { startIndexer, type Indexer } from '@plaza/indexer';
import { createSubgraphClient, type SubgraphClient } from '@plaza/sdk';
import { prepareSubgraph } from '@plaza/subgraph';
import type { Artifact, WorldChain } from '@plaza/subgraph/world';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Address,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

export interface Stack extends WorldChain {
  readonly devnet: Devnet;
  readonly publicClient: PublicClient;
  /** The address book the subgraph indexes: the devnet's plus the modules deployed by the tests. */
  deployment: Deployment;
  /** Development account by name (`deployer`, `alice`, …) or HD index (`account12`). */
  account(name: string): PrivateKeyAccount;
  /** Deploys a contract as `from` and records it in the address book as `name` (with its block). */
  deploy(from: string, name: string, art: Artifact, args?: readonly unknown[]): Promise<Address>;
  /** Sends a contract call as `from` (simulated first, so a revert fails with the contract's error). */
  send(
    from: string,
    address: Address,
    abi: Abi,
    functionName: string,
    args?: readonly unknown[],
  ): Promise<TransactionReceipt>;
  read<T>(address: Address, abi: Abi, functionName: string, args?: readonly unknown[]): Promise<T>;
  /** Moves the chain's clock forward and mines a block. */
  advance(seconds: number): Promise<void>;
  /** Starts the indexer on the current address book (once, after the contracts are deployed). */
  startIndexer(): Promise<Indexer>;
  /** GraphQL over HTTP against the indexer, after it has indexed the chain's head. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The SDK's typed subgraph client on the indexer's URL. */
  subgraph(): SubgraphClient;
  stop(): Promise<void>;
}

function graphqlUrl(indexer: Indexer): string {
  if (!indexer.graphqlUrl) throw new Error('the indexer serves no GraphQL endpoint');
  return indexer.graphqlUrl;
}

/** Starts a devnet on a free port (with or without the demo world) and returns the stack around it. */
export async function startStack(options: { demo?: boolean } = {}): Promise<Stack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'plaza-subgraph-test-'));
  const devnet = await startDevnet({ port: await freePort(), demo: options.demo ?? false, stateDir });
  const chain = defineChain({
    id: devnet.chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [devnet.rpcUrl] } },
  });
  const transport = http(devnet.rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient;
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const account = (name: string) => {
    // `accountN` is HD index N whatever its demo-world role (these suites run without the demo world)
    return privateKeyToAccount(findDevAccount(devnet.accounts, name).privateKey);
  };
  const wallet = (name: string) => createWalletClient({ chain, transport, account: account(name) });
  let indexer: Indexer | undefined;
  let client: SubgraphClient | undefined;

  const stack: Stack = {
    devnet,
    publicClient,
    deployment: parseDeployment(JSON.parse(JSON.stringify(devnet.deployment))),
    account,
    async deploy(from, name, art, args = []) {
      const hash = await wallet(from).deployContract({ abi: art.abi, bytecode: art.bytecode, args });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success' || !receipt.contractAddress)
        throw new Error(`deploying ${name} failed`);
      stack.deployment = {
        ...stack.deployment,
        contracts: {
          ...stack.deployment.contracts,
          [name]: { address: receipt.contractAddress, block: Number(receipt.blockNumber) },
        },
      };
      return receipt.contractAddress;
    },
    async send(from, address, abi, functionName, args = []) {
      const { request } = await publicClient.simulateContract({
        account: account(from),
        address,
        abi,
        functionName,
        args,
      });
      // a fixed, generous gas limit: an estimate made on the latest block can fall short when the transaction is
      // mined a second later (interest and income accrue in between) and run out of gas
      const hash = await wallet(from).writeContract({ ...request, gas: 8_000_000n });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') {
        // passed the simulation but reverted when mined: replay it on the block's state for the reason
        const reason = await publicClient
          .simulateContract({
            account: account(from),
            address,
            abi,
            functionName,
            args,
            blockNumber: receipt.blockNumber,
          })
          .then(
            () => `(no revert on replay; gas used ${receipt.gasUsed})`,
            (error: unknown) => (error instanceof Error ? error.message : String(error)),
          );
        throw new Error(`${functionName} reverted in block ${receipt.blockNumber}: ${reason}`);
      }
      return receipt;
    },
    read: async <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
      (await publicClient.readContract({ address, abi, functionName, args })) as T,
    async advance(seconds) {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    },
    async startIndexer() {
      const prepared = prepareSubgraph({ deployment: stack.deployment, outDir: join(stateDir, 'subgraph') });
      indexer = await startIndexer({
        subgraph: prepared.dir,
        rpcUrl: devnet.rpcUrl,
        graphqlPort: 0,
        databaseDir: ':memory:',
        pollIntervalMs: 100,
        logger: false,
      });
      return indexer;
    },
    async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      if (!indexer) throw new Error('startIndexer() first');
      await indexer.synced();
      const response = await fetch(graphqlUrl(indexer), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
      return body.data as T;
    },
    subgraph() {
      if (!indexer) throw new Error('startIndexer() first');
      client ??= createSubgraphClient({ url: graphqlUrl(indexer) });
      return client;
    },
    async stop() {
      await indexer?.stop();
      await devnet.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return stack;
}
