// End to end on anvil, stored in PGlite (see suites/mapping.ts).
import { pglite } from './helpers/backend.js';
import { mappingSuite } from './suites/mapping.js';

mappingSuite(pglite);
