// Deploys Plaza once with the real deployment script (forge script on anvil) and hands the chain's state to
// the test files, each of which loads it into an anvil of its own (test/support/chain.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployPlaza, type AddressBookJson } from '@plaza/contracts/tools/deploy';
import { freePort, rpc, startAnvil } from '@plaza/contracts/tools/foundry';
import type { TestProject } from 'vitest/node';
import { DEPLOYER_KEY } from './accounts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** anvil_dumpState of a chain with Plaza deployed by script/Deploy.s.sol (anvil.json config). */
    plazaChainState: string;
    /** The address book that deployment wrote. */
    plazaDeployment: AddressBookJson;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-sdk-test-'));
  // 20 funded accounts: the config's asset manager, reporters and the tests' merchants are #10–#16.
  const anvil = await startAnvil({ port: await freePort(), args: ['--accounts', '20'] });
  try {
    const { deployment } = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: DEPLOYER_KEY,
      outputPath: join(dir, 'deployment.json'),
    });
    project.provide('plazaDeployment', deployment);
    project.provide('plazaChainState', (await rpc(anvil.rpcUrl, 'anvil_dumpState')) as string);
  } finally {
    await anvil.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
