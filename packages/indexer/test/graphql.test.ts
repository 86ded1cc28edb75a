// The Graph's query API over HTTP on PGlite (see suites/graphql.ts).
import { pglite } from './helpers/backend.js';
import { graphqlSuite } from './suites/graphql.js';

graphqlSuite(pglite);
