#!/usr/bin/env node
// plaza-devnet: anvil + deployment + demo world, until Ctrl-C. `npm start` at the repository root runs it.
import { CliUsageError, USAGE, parseCliArgs } from './cliArgs.js';
import { startDevnet, type Devnet } from './devnet.js';
import { createProgressPrinter } from './progress.js';
import { describeDevnet } from './summary.js';

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`plaza-devnet: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const controller = new AbortController();
  let devnet: Devnet | undefined;
  let stopping: Promise<number> | undefined;
  const shutdown = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (!devnet) {
        controller.abort();
        return 130;
      }
      process.stdout.write('\nStopping the devnet… ');
      await devnet.stop();
      console.log('stopped. Nothing is left running.');
      return 0;
    })();
    return stopping;
  };
  const onSignal = () => void shutdown().then((code) => devnet && process.exit(code));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  console.log('plaza-devnet: a local Plaza chain with a demo world (Ctrl-C stops it)\n');
  const printer = createProgressPrinter(process.stdout);
  try {
    devnet = await startDevnet({ ...args.options, onProgress: printer.update, signal: controller.signal });
  } catch (error) {
    printer.close();
    if (controller.signal.aborted) {
      console.log('\nStopped before the devnet was ready; everything it had started was stopped.');
      return 130;
    }
    console.error(`\nplaza-devnet: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  printer.close();
  if (stopping) {
    await devnet.stop();
    return 0;
  }

  console.log(await describeDevnet(devnet));
  console.log('\nPress Ctrl-C to stop.');
  const { code, signal } = await devnet.exited;
  if (stopping) return stopping;
  console.error(`\nplaza-devnet: anvil exited unexpectedly (${signal ?? `code ${code}`}).`);
  await devnet.stop();
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`plaza-devnet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
