// @plaza/devnet: a local Plaza chain in one command (plaza-devnet, npm start) or one call (startDevnet).
export {
  DEFAULT_STATE_DIR,
  startDevnet,
  type Devnet,
  type DevnetOptions,
  type DevnetProgress,
} from './devnet.js';
export {
  DEV_ACCOUNT_COUNT,
  DEV_MNEMONIC,
  devAccount,
  devAccounts,
  findDevAccount,
  type DevAccount,
} from './accounts.js';
export {
  demoSteps,
  incentivesSteps,
  payfiSteps,
  runSeed,
  lendingSteps,
  rwaSteps,
  stablecoinSteps,
  type SeedContext,
  type SeedEvent,
  type SeedStep,
} from './seed/index.js';
export { describeDevnet } from './summary.js';
export { createProgressPrinter } from './progress.js';
export { CliUsageError, USAGE, parseCliArgs, type CliArgs } from './cliArgs.js';
