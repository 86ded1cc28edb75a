// Real anvil for the tests: spawned from the @foundry-rs/anvil platform binary on a free port,
// with viem clients for the first dev account.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  type Abi,
  type Hex,
  type PublicClient,
  type TestClient,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

const require = createRequire(import.meta.url);

/** anvil's first dev accounts. */
export const KEYS: Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
];
export const ACCOUNTS = KEYS.map((k) => privateKeyToAccount(k));

export function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}/package.json`;
  return join(dirname(require.resolve(pkg)), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running anvil. */
export class Anvil {
  readonly url: string;
  readonly public: PublicClient;
  readonly test: TestClient;
  readonly wallets: WalletClient[];

  private constructor(
    private readonly proc: ChildProcess,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const transport = http(this.url, { retryCount: 0 });
    this.public = createPublicClient({ chain: foundry, transport });
    this.test = createTestClient({ chain: foundry, mode: 'anvil', transport });
    this.wallets = ACCOUNTS.map((account) => createWalletClient({ account, chain: foundry, transport }));
  }

  /** Starts anvil (automine unless `blockTime` is given). */
  static async start(args: string[] = []): Promise<Anvil> {
    const port = await freePort();
    const proc = spawn(anvilBinary(), ['--port', String(port), '--host', '127.0.0.1', '--silent', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const anvil = new Anvil(proc, port);
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`anvil exited: ${stderr}`);
      try {
        await anvil.public.getChainId();
        return anvil;
      } catch {
        if (Date.now() > deadline) throw new Error(`anvil did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async deploy(abi: Abi, bytecode: Hex, args: unknown[] = [], from = 0): Promise<Hex> {
    const hash = await this.wallets[from]!.deployContract({
      abi,
      bytecode,
      args,
      account: ACCOUNTS[from]!,
      chain: foundry,
    });
    const receipt = await this.public.waitForTransactionReceipt({ hash });
    return receipt.contractAddress!.toLowerCase() as Hex;
  }

  /** Sends a contract call and waits for its receipt. */
  async send(address: Hex, abi: Abi, functionName: string, args: unknown[] = [], from = 0) {
    const hash = await this.wallets[from]!.writeContract({
      address,
      abi,
      functionName,
      args,
      account: ACCOUNTS[from]!,
      chain: foundry,
    });
    return this.public.waitForTransactionReceipt({ hash });
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}
