// Property tests (fast-check) run from one seed so that CI is reproducible; FC_SEED=<n> replays another seed and
// FC_SEED=random explores new ones locally.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 0x504c415a });
