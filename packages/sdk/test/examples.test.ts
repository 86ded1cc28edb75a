// The README's examples are the files in examples/: this runs each against the real deployment and checks
// what it returns, and checks that the README shows each file exactly (npm run readme -w @plaza/sdk syncs it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parsePusd, parseUsdc, quoteBuyGem, quoteSellGem } from '@plaza/sdk';
import { createWalletClient, getAddress, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, it, vi } from 'vitest';
import { complianceExample } from '../examples/compliance.js';
import { connect } from '../examples/connect.js';
import { feesExample } from '../examples/fees.js';
import { psmExample } from '../examples/psm.js';
import { pusdExample, smartWalletPermit } from '../examples/pusd.js';
import { readmeExamples, renderReadme } from '../scripts/readme.js';
import { RESERVE, TREASURY, accounts, keys } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
vi.spyOn(console, 'log').mockImplementation(() => {});

describe('README examples', () => {
  it('shows every example file exactly as it is', () => {
    const root = join(import.meta.dirname, '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readmeExamples(readme).length).toBeGreaterThanOrEqual(5);
    expect(readme, 'README.md is out of date: run npm run readme -w @plaza/sdk').toBe(
      renderReadme(readme, root),
    );
  });

  it('connect: a client from the devnet address book', async () => {
    const { rpcUrl, deployment } = chain();
    const plaza = connect(rpcUrl, JSON.parse(JSON.stringify(deployment)), keys.alice);
    await plaza.verify();
    expect(plaza.walletClient!.account!.address).toBe(accounts.alice.address);
  });

  it('psm: quote, swap both ways, and a typed refusal', async () => {
    const { rpcUrl, deployment } = chain();
    const result = await psmExample(connect(rpcUrl, deployment, keys.alice));
    const params = { tin: 5n, tout: 10n, to18: 10n ** 12n };
    expect(result).toEqual({
      received: quoteSellGem(parseUsdc('500'), params).pusdOut,
      paid: quoteBuyGem(parseUsdc('100'), params).pusdIn,
      refusal: 'ERC20InsufficientBalance',
    });
  });

  it('pusd: transfer, gasless payment, smart-wallet permit', async () => {
    const { rpcUrl, deployment, as, publicClient } = chain();
    await (await as.alice.usdc.faucet({ to: accounts.alice.address, amount: parseUsdc('100') })).wait();
    await (await as.alice.psm.sellGem({ gemAmount: parseUsdc('100') })).swap.wait();
    const result = await pusdExample(
      connect(rpcUrl, deployment, keys.alice),
      connect(rpcUrl, deployment, keys.relayer),
      accounts.bob.address,
    );
    expect(result).toEqual({ bobBalance: parsePusd('15'), blocked: false });

    const artifact = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve('@plaza/contracts/out/SmartWallet.sol/SmartWallet.json'),
        'utf8',
      ),
    ) as { abi: readonly unknown[]; bytecode: { object: Hex } };
    const deployer = createWalletClient({
      chain: foundry,
      transport: http(rpcUrl),
      account: accounts.deployer,
    });
    const hash = await deployer.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode.object,
      args: [accounts.dave.address],
    });
    const wallet = getAddress((await publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
    expect(
      await smartWalletPermit(
        connect(rpcUrl, deployment, keys.relayer),
        wallet,
        accounts.dave,
        accounts.carol.address,
      ),
    ).toBe(parsePusd('100'));
  });

  it('compliance: an attester writes a record, policies answer with the reason', async () => {
    const { rpcUrl, deployment } = chain();
    const result = await complianceExample(connect(rpcUrl, deployment, keys.deployer), accounts.dave.address);
    expect(result.stored).toMatchObject({ kycLevel: 2, jurisdiction: 'DE', creditScore: 690, live: true });
    expect(result.retail).toBe(true);
    expect(result.accredited).toEqual({
      allowed: true,
      reason: 'allowed',
      message: 'The account meets the policy.',
    });
  });

  it('fees: preview and distribute', async () => {
    const { rpcUrl, deployment, as } = chain();
    await (await as.alice.usdc.faucet({ to: accounts.alice.address, amount: parseUsdc('1000') })).wait();
    await (await as.alice.psm.sellGem({ gemAmount: parseUsdc('1000') })).swap.wait(); // 0.5 pUSD fee
    const result = await feesExample(connect(rpcUrl, deployment, keys.bob));
    expect(result.distributed).toBe(parsePusd('0.5'));
    expect(result.preview.shares).toEqual([
      { account: TREASURY, amount: parsePusd('0.3') },
      { account: RESERVE, amount: parsePusd('0.1') },
      { account: deployment.contracts.LiquidityIncentives!.address, amount: parsePusd('0.1') },
    ]);
    expect(await as.bob.pusd.balanceOf(TREASURY)).toBe(parsePusd('0.3'));
  });
});
