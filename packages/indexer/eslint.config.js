import root from '../../eslint.config.js';

// The fixture subgraph's mappings are AssemblyScript (compiled by graph-cli), not TypeScript for Node.
export default [{ ignores: ['test/fixtures/subgraph/**'] }, ...root];
