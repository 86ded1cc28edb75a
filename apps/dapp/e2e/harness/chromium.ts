// Debian's Chromium driven by playwright-core (no browser download): headless, sandbox off (root in CI), no
// network services of its own, and a fresh profile per session that is removed afterwards.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get update && apt-get install -y chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a message naming the install command when the browser is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The dApp's browser tests drive Debian's chromium: install it ` +
        `with \`${CHROMIUM_INSTALL}\` (.ci/run does), or point CHROMIUM_PATH at another Chromium.`,
    );
  }
}

export interface BrowserSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserSession> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'plaza-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
