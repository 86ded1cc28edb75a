import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDeployment, type Deployment } from '@plaza/abi';
import { deployPlaza } from '@plaza/contracts/tools/deploy';
import { contractsDir, rpc, startAnvil, type Anvil } from '@plaza/contracts/tools/foundry';
import { createPlazaClient, type PlazaClient } from '@plaza/sdk';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  parseEther,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNT_COUNT, DEV_MNEMONIC, devAccounts, findDevAccount, type DevAccount } from './accounts.js';
import { demoSteps, runSeed, type SeedContext, type SeedStep } from './seed/index.js';

/**
 * The repository's `.plaza/devnet`, where the devnet keeps its address book by default.
 *
 * @example
 * ```ts
 * import { DEFAULT_STATE_DIR } from '@plaza/devnet';
 * readFileSync(join(DEFAULT_STATE_DIR, 'deployment.json'), 'utf8');
 * ```
 */
export const DEFAULT_STATE_DIR = join(dirname(contractsDir), '.plaza', 'devnet');

/**
 * How to start the devnet. Defaults: anvil on 127.0.0.1:8545 (chain 31337), the `anvil` deployment config,
 * the demo world, state in `.plaza/devnet`.
 *
 * @example
 * ```ts
 * const options: DevnetOptions = { port: 8546, demo: false };
 * ```
 */
export interface DevnetOptions {
  readonly host?: string;
  readonly port?: number;
  readonly chainId?: number;
  /** Deploy to this chain instead of starting anvil (needs `privateKey`). */
  readonly rpcUrl?: string;
  /** The deployer (default: anvil's account #0). Required with `rpcUrl`. */
  readonly privateKey?: Hex;
  /** Seed the demo world (default true). */
  readonly demo?: boolean;
  /** Where `deployment.json` and `devnet.json` go (default `.plaza/devnet` at the repository root). */
  readonly stateDir?: string;
  /** The deployment config `contracts/deployments/config/<network>.json` (default `anvil`). */
  readonly network?: string;
  /** Demo steps to run instead of {@link demoSteps}. */
  readonly steps?: readonly SeedStep[];
  readonly onProgress?: (event: DevnetProgress) => void;
  /** Aborting stops whatever is under way and everything started so far. */
  readonly signal?: AbortSignal;
}

/**
 * One line of progress: task `index` of `total` started, progressed, finished or was skipped.
 *
 * @example
 * ```ts
 * const print = (e: DevnetProgress) => console.log(`[${e.index}/${e.total}] ${e.title} ${e.status} ${e.detail ?? ''}`);
 * ```
 */
export interface DevnetProgress {
  readonly index: number;
  readonly total: number;
  readonly title: string;
  readonly status: 'start' | 'update' | 'done' | 'skipped';
  readonly detail?: string;
}

/**
 * A running devnet: how to reach it, what is deployed, who can sign, and `stop()`.
 *
 * @example
 * ```ts
 * const devnet = await startDevnet();
 * const alice = devnet.plaza('alice');
 * console.log(await alice.pusd.balanceOf(alice.walletClient!.account!.address));
 * await devnet.stop();
 * ```
 */
export interface Devnet {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly deployment: Deployment;
  /** Where the address book was written. */
  readonly deploymentPath: string;
  /** Funded development accounts (the deployer first); keys are public, DEV ONLY. */
  readonly accounts: readonly DevAccount[];
  /** Facts about the demo world, for the summary. */
  readonly notes: readonly string[];
  /** Whether this devnet started (and will stop) its own anvil. */
  readonly ownsChain: boolean;
  /** Resolves when the devnet's anvil exits by itself (never for a remote chain). */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  /** A Plaza client signing as the named development account (default `deployer`; `accountN` is HD index N). */
  plaza(name?: string): PlazaClient;
  /** Stops what the devnet started (anvil) and removes `devnet.json`; idempotent. */
  stop(): Promise<void>;
}

/** anvil's account #0. */
const DEFAULT_DEPLOYER_KEY = devAccounts(1)[0]!.privateKey;

/**
 * Starts anvil (or connects to `rpcUrl`), deploys Plaza with the forge script, seeds the demo world through
 * the SDK, and returns the running devnet. On failure or abort, everything it started is stopped.
 *
 * @example
 * ```ts
 * import { startDevnet } from '@plaza/devnet';
 * const devnet = await startDevnet({ port: 8545, onProgress: (e) => console.log(e.title, e.status) });
 * console.log(devnet.rpcUrl, devnet.deployment.contracts.PlazaUSD?.address);
 * await devnet.stop();
 * ```
 */
export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const { signal } = options;
  const remote = options.rpcUrl !== undefined;
  if (remote && !options.privateKey) {
    throw new Error('Deploying to another chain (rpcUrl) needs the deployer private key (privateKey).');
  }
  const privateKey = options.privateKey ?? DEFAULT_DEPLOYER_KEY;
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
    throw new Error('The private key must be 0x followed by 64 hex digits.');
  }
  const demo = options.demo ?? true;
  const steps = demo ? (options.steps ?? demoSteps) : [];
  const stateDir = resolve(options.stateDir ?? DEFAULT_STATE_DIR);
  const total = 2 + steps.length;
  const progress = (index: number, title: string, status: DevnetProgress['status'], detail?: string) =>
    options.onProgress?.({ index, total, title, status, ...(detail ? { detail } : {}) });

  let anvil: Anvil | undefined;
  const cleanup = async () => {
    await anvil?.stop();
    rmSync(join(stateDir, 'devnet.json'), { force: true });
  };

  try {
    // 1. The chain.
    let rpcUrl: string;
    const chainTitle = remote
      ? `Connecting to ${options.rpcUrl}`
      : `Starting anvil on ${options.host ?? '127.0.0.1'}:${options.port ?? 8545}`;
    progress(1, chainTitle, 'start');
    if (remote) {
      rpcUrl = options.rpcUrl!;
      await rpc(rpcUrl, 'eth_chainId').catch((error: unknown) => {
        throw new Error(`Cannot reach ${rpcUrl}: ${error instanceof Error ? error.message : String(error)}`);
      });
    } else {
      anvil = await startAnvil({
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 8545,
        ...(options.chainId !== undefined ? { chainId: options.chainId } : {}),
        args: ['--accounts', String(DEV_ACCOUNT_COUNT), '--mnemonic', DEV_MNEMONIC],
      });
      rpcUrl = anvil.rpcUrl;
    }
    const chainId = Number(await rpc(rpcUrl, 'eth_chainId'));
    progress(1, chainTitle, 'done', `chain ${chainId}`);
    signal?.throwIfAborted();

    // 2. The contracts.
    const deployTitle = 'Deploying Plaza (forge script, contracts/script/Deploy.s.sol)';
    progress(2, deployTitle, 'start');
    mkdirSync(stateDir, { recursive: true });
    const deploymentPath = join(stateDir, 'deployment.json');
    const result = await deployPlaza({
      rpcUrl,
      privateKey,
      network: options.network ?? 'anvil',
      outputPath: deploymentPath,
      onProgress: (event) => progress(2, deployTitle, 'update', event.message),
      ...(signal ? { signal } : {}),
    });
    const deployment = parseDeployment(result.deployment, deploymentPath);
    progress(
      2,
      deployTitle,
      'done',
      `${Object.keys(deployment.contracts).length} contracts, ${result.transactions} transactions`,
    );

    // 3. The demo world, through the SDK.
    const chain = defineChain({
      id: chainId,
      name: deployment.network,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    const transport = http(rpcUrl);
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 }) as PublicClient;
    const deployer = privateKeyToAccount(privateKey);
    const accounts: DevAccount[] = devAccounts().map((account) =>
      account.name === 'deployer' ? { ...account, address: deployer.address, privateKey } : account,
    );
    const byName = (name: string) => findDevAccount(accounts, name);
    const clients = new Map<string, PlazaClient>();
    const plaza = (name = 'deployer') => {
      let client = clients.get(name);
      if (!client) {
        const walletClient = createWalletClient({
          chain,
          transport,
          account: privateKeyToAccount(byName(name).privateKey),
        });
        client = createPlazaClient({ publicClient, walletClient, chainId, deployment });
        clients.set(name, client);
      }
      return client;
    };
    const notes: string[] = [];
    if (steps.length > 0) {
      if (remote) await fundDemoAccounts(publicClient, plaza('deployer'), accounts);
      const seed: SeedContext = {
        deployment,
        chainId,
        publicClient,
        plaza,
        account: byName,
        now: async () => (await publicClient.getBlock()).timestamp,
        note: (line) => notes.push(line),
        shared: new Map(),
      };
      await runSeed(
        seed,
        steps,
        (event) =>
          progress(
            3 + event.index,
            `Demo: ${event.step.title}`,
            event.status === 'skipped' ? 'skipped' : event.status,
            event.reason,
          ),
        signal,
      );
    }

    writeFileSync(
      join(stateDir, 'devnet.json'),
      `${JSON.stringify({ rpcUrl, chainId, deployment: deploymentPath, pid: process.pid, demo }, null, 2)}\n`,
    );
    const ownedAnvil = anvil;
    return {
      rpcUrl,
      chainId,
      deployment,
      deploymentPath,
      accounts,
      notes,
      ownsChain: !remote,
      exited: ownedAnvil
        ? ownedAnvil.exited.then(({ code, signal: s }) => ({ code, signal: s }))
        : new Promise(() => {}),
      plaza,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    if (signal?.aborted)
      throw new Error('Cancelled; everything the devnet started was stopped.', { cause: error });
    throw error;
  }
}

/** On a chain where the development accounts are not funded, the deployer gives each demo account some gas. */
async function fundDemoAccounts(
  publicClient: PublicClient,
  deployer: PlazaClient,
  accounts: readonly DevAccount[],
) {
  const wallet = deployer.walletClient!;
  for (const account of accounts.slice(1).filter((a) => !a.name.startsWith('account'))) {
    const balance = await publicClient.getBalance({ address: account.address });
    if (balance >= parseEther('0.05')) continue;
    const hash = await wallet.sendTransaction({
      account: wallet.account!,
      chain: wallet.chain,
      to: account.address,
      value: parseEther('0.1') - balance,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
}
