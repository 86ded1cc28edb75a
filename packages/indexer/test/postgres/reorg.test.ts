import { postgres } from '../helpers/backend.js';
import { reorgSuite } from '../suites/reorg.js';

reorgSuite(postgres);
