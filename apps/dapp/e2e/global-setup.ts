// Starts the suite's stack once (a devnet with the demo world and the built app) and stops it at the end.
import type { TestProject } from 'vitest/node';
import { assertChromium } from './harness/chromium';
import { startStack } from './harness/stack';

export default async function setup(project: TestProject) {
  assertChromium();
  const stack = await startStack({ demo: true });
  const { appUrl, rpcUrl, chainId, deployment, config } = stack;
  project.provide('e2e', { appUrl, rpcUrl, chainId, deployment, config });
  return () => stack.stop();
}
