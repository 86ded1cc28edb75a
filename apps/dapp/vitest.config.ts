// Unit and component tests (npm run test:unit): the forms' math and validation, the wallet, the transaction
// lifecycle, the config, the server. Component tests opt into happy-dom with a `@vitest-environment` comment.
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    // Svelte's client runtime (mount) for component tests.
    resolve: { conditions: ['browser'] },
    test: {
      include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['src/test-setup.ts'],
    },
  }),
);
