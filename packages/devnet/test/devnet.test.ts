// The devnet end to end: start, deploy with the forge script, seed the demo world, check that world through
// the SDK, stop, and nothing left running. Also: a taken port, a remote chain, cancelling, and the CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree, rpc, startAnvil } from '@plaza/contracts/tools/foundry';
import { parsePusd, parseUsdc } from '@plaza/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { describeDevnet, devAccount, startDevnet, type DevnetProgress } from '../src/index.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'plaza-devnet-test-'));

/** Processes this test process started that are still alive (besides the `ps` that lists them). */
function childProcesses(): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes('ps -o pid='));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** pids of anvils listening on `port` (anywhere on the machine). */
function anvilsOn(port: number): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes('anvil') && line.includes(`--port ${port}`));
}

describe('startDevnet', () => {
  it('starts anvil, deploys, seeds the demo world, and stops leaving nothing behind', async () => {
    const stateDir = tempDir();
    const port = await freePort();
    const events: DevnetProgress[] = [];
    const devnet = await startDevnet({ port, stateDir, onProgress: (e) => events.push(e) });
    try {
      expect(devnet.rpcUrl).toBe(`http://127.0.0.1:${port}`);
      expect(devnet.chainId).toBe(31337);
      expect(devnet.ownsChain).toBe(true);

      // Progress: every task started and finished, in order.
      const finished = events.filter((e) => e.status === 'done').map((e) => e.index);
      expect(finished).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(events.find((e) => e.status === 'update' && e.index === 2)?.detail).toBeDefined();

      // The address book on disk is the deployment, and it is live.
      expect(JSON.parse(readFileSync(devnet.deploymentPath, 'utf8'))).toEqual(devnet.deployment);
      expect(devnet.deploymentPath).toBe(join(stateDir, 'deployment.json'));
      expect(JSON.parse(readFileSync(join(stateDir, 'devnet.json'), 'utf8'))).toMatchObject({
        rpcUrl: devnet.rpcUrl,
        chainId: 31337,
      });
      const plaza = devnet.plaza('erin');
      await plaza.verify();

      // Accounts: anvil's, the deployer first, keys matching addresses.
      expect(devnet.accounts).toHaveLength(20);
      expect(devnet.accounts.map((a) => a.name)).toEqual([
        'deployer',
        'alice',
        'bob',
        'carol',
        'dave',
        'erin',
        'mallory',
        'relayer',
        'reserve',
        'treasury',
        'manager',
        'reporter1',
        'reporter2',
        'reporter3',
        'cafe',
        'grocer',
        'gadgets',
        'lender',
        'saver',
        'keeper',
      ]);
      for (const account of devnet.accounts) {
        expect(privateKeyToAccount(account.privateKey).address).toBe(account.address);
        expect(await plaza.publicClient.getBalance({ address: account.address })).toBeGreaterThan(0n);
      }

      // The demo world, read through the SDK.
      const [alice, bob, carol, erin, mallory, treasury, reserve] = [
        'alice',
        'bob',
        'carol',
        'erin',
        'mallory',
        'treasury',
        'reserve',
      ].map((name) => devAccount(name).address);
      expect(await plaza.compliance.recordOf(alice!)).toMatchObject({
        kycLevel: 2,
        jurisdiction: 'US',
        live: true,
      });
      expect(await plaza.compliance.isAllowed('accredited', alice!)).toBe(true);
      expect(await plaza.compliance.explainAllowed('retail', erin!)).toMatchObject({
        allowed: false,
        reason: 'no-record',
      });
      expect(await plaza.pusd.isBlocked(mallory!)).toBe(true);
      expect(await plaza.compliance.isAllowed('retail', mallory!)).toBe(false);

      // Stablecoin: every pUSD the PSM minted is backed; fees were distributed to the treasury, reserve and LPs.
      const psm = await plaza.psm.state();
      expect(psm.minted).toBeGreaterThanOrEqual(parsePusd('143000'));
      expect(psm.reserves * 10n ** 12n).toBe(psm.minted);
      expect(await plaza.usdc.balanceOf(erin!)).toBe(parseUsdc('5000'));
      expect(await plaza.fees.undistributed()).toBe(0n);
      expect(await plaza.pusd.balanceOf(treasury!)).toBeGreaterThan(0n);
      expect(await plaza.pusd.balanceOf(reserve!)).toBeGreaterThan(0n);
      expect(devnet.notes.join('\n')).toContain('pUSD to the treasury');

      // RWA assets with fresh NAV feeds, bonded reporters and an outlier slashed.
      // Lending: two markets with a lender and borrowers; Carol healthy with auto-repay, Dave near liquidation.
      const markets = await plaza.lending.markets();
      expect(markets.map((m) => m.collateralSymbol)).toEqual(['HRBR', 'MSMR']);
      for (const market of markets) {
        expect(market.state.totalSupplyAssets).toBeGreaterThan(parsePusd('50000') - 1n);
        expect(market.state.totalBorrowAssets).toBeGreaterThan(0n);
        expect(market.price).toBeDefined();
      }
      const carolLoan = await plaza.lending.position('HRBR', carol!);
      expect(carolLoan.autoRepay).toBe(true);
      expect(carolLoan.healthFactor!).toBeGreaterThan(parsePusd('1.9'));
      const daveLoan = await plaza.lending.position('HRBR', devAccount('dave').address);
      expect(daveLoan.healthFactor!).toBeGreaterThan(parsePusd('1'));
      expect(daveLoan.healthFactor!).toBeLessThan(parsePusd('1.1'));
      expect(daveLoan.autoRepay).toBe(false);
      expect((await plaza.lending.position('MSMR', alice!)).debt).toBeGreaterThan(0n);
      expect(
        (await plaza.lending.position('HRBR', devAccount('lender').address)).supplyAssets,
      ).toBeGreaterThanOrEqual(parsePusd('200000'));
      const printed = await describeDevnet(devnet);
      expect(printed).toContain('Lending markets');
      expect(printed).toMatch(/HRBR market \(LLTV 77\.00%\): [\d,.]+ pUSD supplied/);
      expect(printed).toMatch(/MSMR market \(LLTV 86\.00%\)/);
      expect(printed).toMatch(/spUSD \(SavingsVault\): [\d,.]+ pUSD saved/);
      // spUSD: deposits allocated to the markets, income vesting.
      const vault = await plaza.savings.vault();
      expect(vault.totalAssets).toBeGreaterThanOrEqual(parsePusd('105000'));
      expect(vault.vesting.amount).toBe(parsePusd('2000'));
      expect(vault.unvestedIncome).toBeGreaterThan(0n);
      expect(vault.allocations[0]!.assets).toBeGreaterThan(0n);
      expect(vault.apy.incomeApy).toBeGreaterThan(0n);
      expect((await plaza.savings.position(devAccount('saver').address)).assets).toBeGreaterThanOrEqual(
        parsePusd('100000') - 1n,
      );

      expect((await plaza.rwa.assets()).map((a) => [a.symbol, a.totalSupply])).toEqual([
        ['HRBR', parsePusd('2750')],
        ['MSMR', parsePusd('5500')],
      ]);
      expect(await plaza.rwa.balanceOf('HRBR', alice!)).toBe(parsePusd('500'));
      expect((await plaza.rwa.incomeStream('HRBR')).active).toBe(true);
      const hrbr = await plaza.oracle.feed(1n);
      expect(hrbr.latest).toMatchObject({ answer: parsePusd('102.25'), roundId: 2n, status: 'Fresh' });
      expect(await plaza.oracle.price(hrbr.adapter!)).toBe(parsePusd('102.25') * 10n ** 18n);
      expect((await plaza.oracle.latestAnswer(2n)).answer).toBe(parsePusd('1.0015'));
      for (const name of ['reporter1', 'reporter2', 'reporter3']) {
        const bonded = await plaza.oracle.reporter(2n, devAccount(name).address);
        expect(bonded).toMatchObject({
          status: 'Active',
          bond: parsePusd('1000'),
          strikes: name === 'reporter3' ? 1 : 0,
        });
      }

      // PayFi: three merchants, settled, held and escrowed payments, points, an advance.
      const [cafe, grocer, gadgets] = ['cafe', 'grocer', 'gadgets'].map((name) => devAccount(name).address);
      for (const merchant of [cafe!, grocer!, gadgets!]) {
        expect((await plaza.merchants.merchant(merchant)).active).toBe(true);
      }
      expect(await plaza.payments.merchantBalances(cafe!)).toMatchObject({ pending: 0n, claimable: 0n });
      expect((await plaza.payments.merchantBalances(gadgets!)).pending).toBe(parsePusd('1250'));
      expect(await plaza.payments.merchantBalances(grocer!)).toMatchObject({
        pending: parsePusd('190'),
        debt: parsePusd('100'),
      });
      expect(await plaza.points.balanceOf(cafe!, alice!)).toBe(parsePusd('7.8'));
      expect((await plaza.advances.state()).outstanding).toBe(parsePusd('100'));
      expect(await plaza.payments.creditOf(bob!)).toBeGreaterThan(0n); // Bob's referral share
      expect(devnet.notes.join('\n')).toMatch(
        /an open payment link \(anyone can pay it for 30 days\): https:\/\/app\.plaza\.example\/pay\?v=1&/,
      );

      // The open payment link of the summary is payable: Dave opens it, signs once, the relayer submits.
      const openLink = /open payment link \(anyone can pay it for 30 days\): (\S+)/.exec(
        devnet.notes.join('\n'),
      )![1]!;
      const dave = devnet.plaza('dave');
      const signed = await dave.payments.signPayment(await dave.payments.fromLink(openLink));
      await (await devnet.plaza('relayer').payments.submitPayment(signed)).wait();
      expect((await dave.payments.state(signed.info)).used).toBe(true);

      // Incentives: liquidity in the pool, staked in two programs, and a swap.
      expect((await plaza.incentives.pool()).liquidity).toBeGreaterThan(0n);
      const positions = await plaza.incentives.positionsOf(carol!);
      expect(positions).toMatchObject([{ owner: carol, deposited: true, numberOfStakes: 2 }]);
      const programs = await plaza.incentives.programs();
      expect(programs.map((p) => p.key.endTime === 0)).toEqual([true, false]);
      const { stakes } = await plaza.incentives.pendingRewardsOf(carol!);
      expect(stakes).toHaveLength(2);
      for (const stake of stakes) {
        expect(stake.pending).toBe(await plaza.incentives.pendingReward(stake.tokenId, stake.key));
      }
      expect(await plaza.usdc.balanceOf(bob!)).toBe(parseUsdc('7500')); // 2,500 USDC swapped
    } finally {
      await devnet.stop();
    }

    expect(await isPortFree('127.0.0.1', port)).toBe(true);
    expect(anvilsOn(port)).toEqual([]);
    expect(childProcesses()).toEqual([]);
    expect(existsSync(join(stateDir, 'devnet.json'))).toBe(false);
    await devnet.stop(); // idempotent
  });

  it('says so when the port is taken, and starts nothing', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startDevnet({ port, stateDir: tempDir() })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use.`,
      );
      expect(childProcesses()).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('stops everything it started when cancelled during the deployment', async () => {
    const port = await freePort();
    const controller = new AbortController();
    const attempt = startDevnet({
      port,
      stateDir: tempDir(),
      signal: controller.signal,
      onProgress: (e) => {
        if (e.index === 2 && e.status === 'start') controller.abort();
      },
    });
    await expect(attempt).rejects.toThrow('Cancelled; everything the devnet started was stopped.');
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
    expect(childProcesses()).toEqual([]);
  });

  it('deploys to another chain with a key, funds the demo users there, and refuses to deploy twice', async () => {
    // A chain where only the deployer has ETH: the devnet gives the demo users gas.
    // The deployer is a key of the user's own (funded here by anvil), not one of the development keys.
    const chain = await startAnvil({ port: await freePort(), args: ['--accounts', '1'] });
    const stateDir = tempDir();
    const deployer = { privateKey: generatePrivateKey() };
    const deployerAddress = privateKeyToAccount(deployer.privateKey).address;
    try {
      await rpc(chain.rpcUrl, 'anvil_setBalance', [deployerAddress, '0x3635c9adc5dea00000']); // 1000 ETH
      const devnet = await startDevnet({ rpcUrl: chain.rpcUrl, privateKey: deployer.privateKey, stateDir });
      expect(devnet.ownsChain).toBe(false);
      expect(devnet.accounts[0]!.address).toBe(deployerAddress);
      expect(await devnet.plaza().compliance.isAttester(deployerAddress)).toBe(true);
      const summary = await describeDevnet(devnet);
      expect(summary).not.toContain(deployer.privateKey);
      expect(summary).toContain('(the key you gave, not shown)');
      expect(summary).toContain(devAccount('alice').privateKey);
      await devnet.plaza().verify();
      expect(await devnet.plaza().rwa.balanceOf('HRBR', devAccount('alice').address)).toBe(parsePusd('500'));
      expect(await devnet.plaza().usdc.balanceOf(devAccount('bob').address)).toBe(parseUsdc('7500')); // through the swap
      expect((await devnet.plaza().oracle.latestAnswer(1n)).status).toBe('Fresh');
      await devnet.stop();
      expect(alive(chain.pid!)).toBe(true); // not ours to stop

      await expect(
        startDevnet({ rpcUrl: chain.rpcUrl, privateKey: deployer.privateKey, stateDir, demo: false }),
      ).rejects.toThrow(
        /Deployment failed: Deploy: Plaza is already deployed on chain 31337 .*nothing was sent/,
      );
    } finally {
      await chain.stop();
    }
  });
});

describe('plaza-devnet (the CLI behind npm start)', () => {
  const cli = join(import.meta.dirname, '../src/cli.ts');
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1' },
    });

  it('prints its usage, and refuses bad arguments with exit code 2', async () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: plaza-devnet [options]');
    expect(help.stdout).toContain('--no-demo');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('plaza-devnet: --port must be a port number from 1 to 65535, not "x".');
  });

  it('shows progress, prints how to reach the chain, and stops everything on Ctrl-C', async () => {
    const port = await freePort();
    const child = run(['--port', String(port), '--state-dir', tempDir()]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearInterval(timer);
          resolve();
        }
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`plaza-devnet exited early:\n${output}`));
        }
      }, 100);
    });
    expect(output).toContain('✔ [2/21] Deploying Plaza');
    expect(output).toContain('✔ [21/21] Demo: Protocol fees (PSM, PayFi) distributed');
    expect(output).toContain('PayFi: an open payment link');
    expect(output).toMatch(/LiquidityIncentives\s+0x[0-9a-fA-F]{40}/);
    expect(output).toContain(`RPC URL     http://127.0.0.1:${port}`);
    expect(output).toContain('Chain ID    31337');
    expect(output).toMatch(/PlazaUSD\s+0x[0-9a-fA-F]{40}/);
    expect(output).toContain('DEV ONLY');
    expect(output).toContain('key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    expect(anvilsOn(port)).toHaveLength(1);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopping the devnet… stopped. Nothing is left running.');
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
    expect(anvilsOn(port)).toEqual([]);
  });
});
