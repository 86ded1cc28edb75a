// Reorgs on anvil, stored in PGlite (see suites/reorg.ts).
import { pglite } from './helpers/backend.js';
import { reorgSuite } from './suites/reorg.js';

reorgSuite(pglite);
