// The browser end-to-end suite (npm run test:e2e, through e2e/run.ts): flows in e2e/flows/, one at a time
// against one devnet (each test reverts the chain), each with its own Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/flows/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['verbose'],
  },
});
