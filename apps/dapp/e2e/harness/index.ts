// The e2e harness as tests use it. A flow file typically:
//
//   const stack = e2eStack();           // the suite's devnet + served app (started once, global-setup.ts)
//   isolateChain();                      // each test starts from the demo world (anvil snapshot/revert)
//   const app = await openDapp(stack, { account: 'alice' });   // Chromium + injected wallet
//   await connectWallet(app.page);       // through the EIP-6963 wallet list
//   … drive the page with Playwright locators, check the chain with plazaAs('alice') …
//   await app.screenshot('my-flow');  expect(app.errors).toEqual([]);  await app.close();
import { createPlazaClient, type PlazaClient } from '@plaza/sdk';
import { devAccount } from '@plaza/devnet';
import type { Page } from 'playwright-core';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterEach, beforeEach, inject } from 'vitest';
import { rpc } from './node-wallet';
import type { E2eStackInfo } from './stack';

export {
  openDapp,
  DEFAULT_WALLET,
  ARTIFACTS_DIR,
  type DappSession,
  type OpenDappOptions,
  type WalletSpec,
} from './session';
export { NodeWallet, rpc } from './node-wallet';
export type { E2eStackInfo } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eStackInfo;
  }
}

/** The stack global-setup.ts started for this run. */
export function e2eStack(): E2eStackInfo {
  return inject('e2e');
}

/** Reverts the chain to the demo world after every test of the file. */
export function isolateChain(): void {
  const { rpcUrl } = e2eStack();
  let snapshot: unknown;
  beforeEach(async () => {
    snapshot = await rpc(rpcUrl, 'evm_snapshot');
  });
  afterEach(async () => {
    await rpc(rpcUrl, 'evm_revert', [snapshot]);
  });
}

/** A Plaza SDK client signing as a dev account, for setting up and checking the chain from the test. */
export function plazaAs(name: string): PlazaClient {
  const { rpcUrl, chainId, deployment } = e2eStack();
  const chain = { ...foundry, id: chainId, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl);
  return createPlazaClient({
    publicClient: createPublicClient({ chain, transport, pollingInterval: 100 }),
    walletClient: createWalletClient({
      chain,
      transport,
      account: privateKeyToAccount(devAccount(name).privateKey),
    }),
    chainId,
    deployment,
  });
}

/** Opens the wallet dialog and connects the named injected wallet (default: the first). */
export async function connectWallet(page: Page, name = 'Plaza E2E Wallet'): Promise<void> {
  await page.getByTestId('wallet-button').click();
  const dialog = page.getByRole('dialog', { name: 'Connect a wallet' });
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits for the latest transaction flow to end and returns its status and error text. */
export async function lastFlow(
  page: Page,
): Promise<{ status: string; error: string | null; hashes: string[] }> {
  const flow = page.getByTestId('tx-flow').last();
  await flow
    .and(page.locator('[data-status="confirmed"], [data-status="failed"], [data-status="rejected"]'))
    .waitFor();
  const status = (await flow.getAttribute('data-status')) ?? '';
  const errorBox = flow.getByTestId('tx-error');
  const error = (await errorBox.count()) > 0 ? await errorBox.innerText() : null;
  const hashes = await flow
    .getByTestId('tx-hash')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-hash') ?? ''));
  return { status, error, hashes };
}
