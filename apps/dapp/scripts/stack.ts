// The local stack behind `npm start`: the devnet (anvil, deployment, demo world), the indexer (the subgraph on
// @plaza/indexer), config.json, and the built dApp on http://127.0.0.1:5173 — until Ctrl-C, which stops everything
// this process started. Run with `node --import tsx scripts/stack.ts [options]` (npm start does).
import { dirname, join } from 'node:path';
import {
  CliUsageError,
  createProgressPrinter,
  describeDevnet,
  parseCliArgs,
  startDevnet,
  type Devnet,
} from '@plaza/devnet';
import { startIndexer as startPlazaIndexer } from '@plaza/indexer';
import { prepareSubgraph } from '@plaza/subgraph';
import { devnetConfig, writeRuntimeConfig, DEFAULT_CONFIG_PATH } from './runtime-config';
import { BUILD_DIR, isBuilt, isPortFree, serveStatic, type StaticServer } from './serve';
import { USAGE, parseStackArgs, type StackArgs } from './stack-args';

// ── Indexer ─────────────────────────────────────────────────────────────────────────────────────────────────────
// The subgraph's build (subgraph/build, from npm run build) prepared for the devnet's address book, run by
// @plaza/indexer on the devnet's chain. Its GraphQL URL goes into config.json as graphqlUrl; stop() runs on Ctrl-C,
// before the devnet stops. The store is in memory: every npm start is a new chain, indexed from its first block.
interface RunningIndexer {
  readonly graphqlUrl: string;
  readonly block: number;
  stop(): Promise<void>;
}
async function startIndexer(devnet: Devnet, args: StackArgs): Promise<RunningIndexer> {
  const prepared = prepareSubgraph({
    deployment: devnet.deployment,
    outDir: join(dirname(devnet.deploymentPath), 'subgraph'),
  });
  const indexer = await startPlazaIndexer({
    subgraph: prepared.dir,
    rpcUrl: devnet.rpcUrl,
    graphqlHost: args.dappHost,
    graphqlPort: args.indexerPort,
    databaseDir: ':memory:',
    pollIntervalMs: 500,
    // progress lines would interleave with the summary; errors and warnings still show
    logger: {
      info: () => {},
      warn: (m: string) => console.warn(`[indexer] ${m}`),
      error: (m: string) => console.error(`[indexer] ${m}`),
    },
  });
  try {
    const head = Number(await devnet.plaza().publicClient.getBlockNumber());
    await indexer.synced(head);
    return { graphqlUrl: indexer.graphqlUrl!, block: head, stop: () => indexer.stop() };
  } catch (error) {
    await indexer.stop();
    throw error;
  }
}
// ───────────────────────────────────────────────────────────────────────────────────────────────────────────────

async function main(argv: readonly string[]): Promise<number> {
  let args: StackArgs;
  let devnetOptions;
  try {
    args = parseStackArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const parsed = parseCliArgs(args.devnetArgs);
    if (parsed.help) {
      console.log(USAGE);
      return 0;
    }
    devnetOptions = parsed.options;
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  if (!isBuilt()) {
    console.error(
      `npm start: the dApp is not built (${BUILD_DIR}): run npm run build (npm start at the root does).`,
    );
    return 1;
  }
  if (!(await isPortFree(args.dappHost, args.dappPort))) {
    console.error(
      `npm start: ${args.dappHost}:${args.dappPort} is taken; stop what runs there or pick another port with --dapp-port.`,
    );
    return 1;
  }

  if (!(await isPortFree(args.dappHost, args.indexerPort))) {
    console.error(
      `npm start: ${args.dappHost}:${args.indexerPort} is taken; stop what runs there or pick another port with --indexer-port.`,
    );
    return 1;
  }

  const controller = new AbortController();
  let devnet: Devnet | undefined;
  let indexer: RunningIndexer | undefined;
  let server: StaticServer | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      controller.abort();
      await server?.close();
      await indexer?.stop();
      await devnet?.stop();
    })());
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    process.stdout.write('\nStopping the dApp server, the indexer and the devnet… ');
    void stopAll().then(() => {
      console.log('stopped. Nothing is left running.');
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  console.log('Plaza: local chain, demo world and dApp (Ctrl-C stops everything)\n');
  const printer = createProgressPrinter(process.stdout);
  try {
    devnet = await startDevnet({ ...devnetOptions, onProgress: printer.update, signal: controller.signal });
    printer.close();
    process.stdout.write('Indexing the chain (@plaza/indexer, the Plaza subgraph)… ');
    indexer = await startIndexer(devnet, args);
    console.log(`synced to block ${indexer.block}.\n`);
    const config = devnetConfig(devnet, { graphqlUrl: indexer.graphqlUrl });
    const configPath = writeRuntimeConfig(config, DEFAULT_CONFIG_PATH);
    server = await serveStatic({ host: args.dappHost, port: args.dappPort, config });

    console.log(await describeDevnet(devnet));
    console.log(`\nGraphQL     ${indexer.graphqlUrl}  (the Plaza subgraph, indexed live by @plaza/indexer)`);
    console.log(`dApp config ${configPath}`);
    console.log(`\n  ➜  dApp: ${server.url}\n`);
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    printer.close();
    if (interrupted) return new Promise<number>(() => {}); // onSignal exits once everything is stopped
    await stopAll();
    console.error(`\nnpm start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const { code, signal } = await devnet.exited;
  if (interrupted) return new Promise<number>(() => {});
  console.error(`\nnpm start: anvil exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
  await stopAll();
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
