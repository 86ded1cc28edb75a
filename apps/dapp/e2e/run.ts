// The e2e runner (npm run test:e2e; npm test runs it after the unit tests): checks what the suite needs and
// says how to get it, then runs the flows with vitest.
import { startVitest } from 'vitest/node';
import { BUILD_DIR, isBuilt } from '../scripts/serve';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, assertChromium } from './harness/chromium';

try {
  assertChromium();
} catch (error) {
  console.error(`\ne2e: ${error instanceof Error ? error.message : String(error)}\n`);
  console.error(`   ${CHROMIUM_INSTALL}\n`);
  process.exit(1);
}
if (!isBuilt()) {
  console.error(
    `\ne2e: the dApp is not built (${BUILD_DIR}): run npm run build first (turbo runs it before npm test).\n`,
  );
  process.exit(1);
}
console.log(`e2e: ${CHROMIUM_PATH}, app ${BUILD_DIR}`);

const vitest = await startVitest('test', process.argv.slice(2), {
  config: 'vitest.e2e.config.ts',
  run: true,
  watch: false,
});
const failed =
  !vitest || vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
await vitest?.close();
process.exit(failed ? 1 : (process.exitCode ?? 0));
