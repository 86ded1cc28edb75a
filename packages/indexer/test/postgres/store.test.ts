import { postgres } from '../helpers/backend.js';
import { storeSuite } from '../suites/store.js';

storeSuite(postgres);
