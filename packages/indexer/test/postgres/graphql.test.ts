import { postgres } from '../helpers/backend.js';
import { graphqlSuite } from '../suites/graphql.js';

graphqlSuite(postgres);
