import root from '../eslint.config.js';

// src/ holds the AssemblyScript mappings: ESLint checks their syntax and style, graph-cli's compiler (graph build)
// is their type check. AssemblyScript 0.19 has no `import type`. generated/, build/ and abis/ are build output.
export default [
  { ignores: ['generated/**', 'build/**', 'abis/**'] },
  ...root,
  { files: ['src/**/*.ts'], rules: { '@typescript-eslint/consistent-type-imports': 'off' } },
];
