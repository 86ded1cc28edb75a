// A browser session on the dApp with the injected test wallet: a fresh Chromium profile, the EIP-1193/EIP-6963
// wallet(s) added before any app code runs, each bridged to its NodeWallet, page errors collected, screenshots
// saved under test-results/e2e/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { NodeWallet, type WalletRequest } from './node-wallet';
import type { E2eStackInfo } from './stack';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));
const INPAGE_WALLET = readFileSync(fileURLToPath(new URL('./inpage-wallet.js', import.meta.url)), 'utf8');

const ICON =
  'data:image/svg+xml;base64,' +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f7b45"/><path d="M9 17l5 5 9-11" stroke="#fff" stroke-width="3" fill="none"/></svg>',
  ).toString('base64');

export interface WalletSpec {
  readonly name: string;
  readonly rdns: string;
  /** Also install it as window.ethereum. */
  readonly legacy?: boolean;
}

export interface OpenDappOptions {
  /** The dev account the wallet signs as (default alice). */
  readonly account?: string;
  /** The chain the wallet starts on (default the devnet's). */
  readonly chainId?: number;
  /** Chains the wallet knows (default: the start chain); others answer 4902 until added. */
  readonly knownChains?: readonly number[];
  /** Injected wallets (default one, "Plaza E2E Wallet"); [] for a browser without a wallet. */
  readonly wallets?: readonly WalletSpec[];
  readonly colorScheme?: 'light' | 'dark';
  /** The page to open (default /). */
  readonly path?: string;
}

export const DEFAULT_WALLET: WalletSpec = { name: 'Plaza E2E Wallet', rdns: 'dev.plaza.e2e' };

export interface DappSession {
  readonly page: Page;
  /** The first injected wallet's Node side. */
  readonly wallet: NodeWallet;
  /** Every injected wallet's Node side, in announcement order. */
  readonly wallets: readonly NodeWallet[];
  /** Uncaught exceptions and console errors in the page. */
  readonly errors: string[];
  /** Saves test-results/e2e/<name>.png (full page) and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openDapp(stack: E2eStackInfo, options: OpenDappOptions = {}): Promise<DappSession> {
  const browser = await launchChromium(options.colorScheme ? { colorScheme: options.colorScheme } : {});
  const { context } = browser;
  try {
    const specs = options.wallets ?? [DEFAULT_WALLET];
    const wallets = specs.map(
      () =>
        new NodeWallet({
          rpcUrl: stack.rpcUrl,
          devChainId: stack.chainId,
          ...(options.account ? { account: options.account } : {}),
          ...(options.chainId !== undefined ? { chainId: options.chainId } : {}),
          ...(options.knownChains ? { knownChains: options.knownChains } : {}),
        }),
    );
    const injected = specs.map((spec, i) => ({
      uuid: `00000000-0000-4000-8000-00000000000${i + 1}`,
      name: spec.name,
      rdns: spec.rdns,
      icon: ICON,
      legacy: spec.legacy ?? false,
      binding: `__e2eWallet${i}`,
    }));
    for (const [i, wallet] of wallets.entries()) {
      await context.exposeBinding(injected[i]!.binding, (_source, request: WalletRequest) =>
        wallet.handle(request),
      );
    }
    if (injected.length > 0) {
      await context.addInitScript({
        content: `window.__e2eWalletOptions = ${JSON.stringify({ wallets: injected })};\n${INPAGE_WALLET}`,
      });
    }

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    for (const [i, wallet] of wallets.entries()) {
      const binding = injected[i]!.binding;
      wallet.attach(async (event, payload) => {
        await page.evaluate(
          ([b, e, p]) =>
            (window as unknown as { __e2eWalletEmit: (...a: unknown[]) => void }).__e2eWalletEmit(b, e, p),
          [binding, event, payload] as const,
        );
      });
    }
    await page.goto(`${stack.appUrl}${options.path ?? '/'}`);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    return {
      page,
      get wallet() {
        if (!wallets[0]) throw new Error('This session has no injected wallet (wallets: []).');
        return wallets[0];
      },
      wallets,
      errors,
      async screenshot(name) {
        const path = join(ARTIFACTS_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
