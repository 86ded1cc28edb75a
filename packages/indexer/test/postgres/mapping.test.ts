import { postgres } from '../helpers/backend.js';
import { mappingSuite } from '../suites/mapping.js';

mappingSuite(postgres);
