// The root config (typescript-eslint) plus eslint-plugin-svelte, browser globals for the app, and one rule of
// the app's design: viem's runtime is used only in src/lib/chain/ (contract calls go through @plaza/sdk).
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import root from '../../eslint.config.js';

const viemOnlyInChain = {
  message:
    'Reach the chain through @plaza/sdk; viem clients are built in src/lib/chain/ (type imports are fine).',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['build/**', '.svelte-kit/**', 'test-results/**'] },
  ...root,
  ...svelte.configs.recommended,
  {
    files: ['src/**/*'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['e2e/**/*'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/chain/**', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'viem', ...viemOnlyInChain }],
          patterns: [{ group: ['viem/*'], ...viemOnlyInChain }],
        },
      ],
    },
  },
);
