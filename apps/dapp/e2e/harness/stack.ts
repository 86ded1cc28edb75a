// The stack the e2e suite runs against: its own devnet (anvil on a free port, the deployment, the demo world,
// state in a temporary directory) and the built app on a free port with a config.json for that devnet.
// Started once for the suite by global-setup.ts; tests reach it with `e2eStack()`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from '@plaza/abi';
import { startDevnet, type Devnet } from '@plaza/devnet';
import { startIndexer } from '@plaza/indexer';
import { prepareSubgraph } from '@plaza/subgraph';
import { devnetConfig, type RuntimeConfigJson } from '../../scripts/runtime-config';
import { freePort, serveStatic, type StaticServer } from '../../scripts/serve';

/** What the tests get (serialisable: it crosses from the global setup to the test workers). */
export interface E2eStackInfo {
  readonly appUrl: string;
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly deployment: Deployment;
  readonly config: RuntimeConfigJson;
}

export interface RunningStack extends E2eStackInfo {
  readonly devnet: Devnet;
  readonly server: StaticServer;
  stop(): Promise<void>;
}

export async function startStack(options: { demo?: boolean } = {}): Promise<RunningStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'plaza-e2e-devnet-'));
  let devnet: Devnet | undefined;
  let server: StaticServer | undefined;
  let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
  try {
    devnet = await startDevnet({ port: await freePort(), stateDir, demo: options.demo ?? true });
    // The subgraph on @plaza/indexer (in memory), synced to the demo world before the app opens. Tests revert
    // the chain (anvil snapshots); the indexer sees that as a reorg and rolls back with it.
    indexer = await startIndexer({
      subgraph: prepareSubgraph({ deployment: devnet.deployment, outDir: join(stateDir, 'subgraph') }).dir,
      rpcUrl: devnet.rpcUrl,
      graphqlHost: '127.0.0.1',
      graphqlPort: await freePort(),
      databaseDir: ':memory:',
      pollIntervalMs: 200,
      logger: { info: () => {}, warn: () => {}, error: (m: string) => console.error(`[indexer] ${m}`) },
    });
    await indexer.synced(Number(await devnet.plaza().publicClient.getBlockNumber()));
    const config = devnetConfig(devnet, { graphqlUrl: indexer.graphqlUrl! });
    server = await serveStatic({ port: 0, config });
    const running: Devnet = devnet;
    const served: StaticServer = server;
    const indexing = indexer;
    return {
      appUrl: server.url,
      rpcUrl: devnet.rpcUrl,
      chainId: devnet.chainId,
      deployment: devnet.deployment,
      config,
      devnet,
      server,
      stop: async () => {
        await served.close();
        await indexing.stop();
        await running.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    await indexer?.stop();
    await devnet?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
}
