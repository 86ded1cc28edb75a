// The README's examples are the files in examples/: this runs each against the real deployment and checks
// what it returns, and checks that the README shows each file exactly (npm run readme -w @plaza/sdk syncs it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parsePusd, parseUsdc, paymentFee, quoteBuyGem, quoteSellGem } from '@plaza/sdk';
import { createWalletClient, getAddress, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, it, vi } from 'vitest';
import { complianceExample } from '../examples/compliance.js';
import { connect } from '../examples/connect.js';
import { feesExample } from '../examples/fees.js';
import { claimRewards, provideLiquidity } from '../examples/incentives.js';
import { lendingExample } from '../examples/lending.js';
import { confirmAndPrice, reportNav } from '../examples/oracle.js';
import { checkoutLink, escrowAndAdvance, payLink } from '../examples/payfi.js';
import { rwaExample } from '../examples/rwa.js';
import { psmExample } from '../examples/psm.js';
import { pusdExample, smartWalletPermit } from '../examples/pusd.js';
import { savingsExample } from '../examples/savings.js';
import { readmeExamples, renderReadme } from '../scripts/readme.js';
import { RESERVE, TREASURY, accounts, keys } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { fundPusd, increaseTime, kyc, mined } from './support/helpers.js';
import { setNav } from './support/lending.js';

const chain = useTestChain();
vi.spyOn(console, 'log').mockImplementation(() => {});

describe('README examples', () => {
  it('shows every example file exactly as it is', () => {
    const root = join(import.meta.dirname, '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readmeExamples(readme).length).toBeGreaterThanOrEqual(11);
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

  it('oracle: three appraisers report, the guardian confirms the first answer, the adapter prices the share', async () => {
    const { rpcUrl, deployment, as } = chain();
    const previews = [];
    for (const [name, nav] of [
      ['reporter1', '101.5'],
      ['reporter2', '100'],
      ['reporter3', '101'],
    ] as const) {
      await fundPusd(as[name], parsePusd('1000'));
      previews.push(await reportNav(connect(rpcUrl, deployment, keys[name]), 1n, nav));
    }
    expect(previews[0]).toEqual({ settles: false, count: 1, quorum: 3 });
    expect(previews[2]).toEqual({ settles: true, median: parsePusd('101'), frozen: true, outliers: [] });
    expect(await confirmAndPrice(connect(rpcUrl, deployment, keys.deployer), 1n)).toEqual({
      answer: parsePusd('101'),
      status: 'Fresh',
      price: parsePusd('101') * 10n ** 18n,
    });
  });

  it('rwa: issuance, a rent deposit streaming to the holder, and a claim', async () => {
    const { rpcUrl, deployment, as } = chain();
    await kyc(as.deployer, accounts.alice.address);
    await fundPusd(as.manager, parsePusd('3000'));
    const result = await rwaExample(
      connect(rpcUrl, deployment, keys.manager),
      connect(rpcUrl, deployment, keys.alice),
    );
    expect(result.stream.pusdPerDay).toBe(parsePusd('100') - 1n);
    expect(result.claimed).toBeGreaterThanOrEqual(result.claimable);
    expect(result.holding).toMatchObject({ balance: parsePusd('100'), claimed: result.claimed });
  });

  it('lending: supply, collateral, a previewed borrow, auto-repay and a full repayment', async () => {
    const c = chain();
    const { rpcUrl, deployment, as } = c;
    await setNav(c, 'HRBR', parsePusd('100'));
    await fundPusd(as.bob, parsePusd('50000'));
    await kyc(as.deployer, accounts.alice.address);
    await mined(as.manager.rwa.mint({ asset: 'HRBR', to: accounts.alice.address, amount: parsePusd('100') }));
    await fundPusd(as.alice, parsePusd('10')); // the interest until the repayment
    const result = await lendingExample(
      connect(rpcUrl, deployment, keys.bob),
      connect(rpcUrl, deployment, keys.alice),
    );
    expect(result.preview.refusal).toBeUndefined();
    expect(result.preview.healthFactor).toBe((parsePusd('7700') * 10n ** 18n) / parsePusd('5000'));
    expect(result.borrowed[0]).toBe(parsePusd('5000'));
    expect(result.borrowed[1]).toBe(result.preview.shares);
    expect(result.position).toMatchObject({ autoRepay: true, collateral: parsePusd('100') });
    expect(result.market.state.totalSupplyAssets).toBeGreaterThanOrEqual(parsePusd('50000'));
    expect(result.repaid[1]).toBe(result.position.borrowShares);
    expect((await as.bob.lending.position('HRBR', accounts.alice.address)).debt).toBe(0n);
  });

  it('savings: a deposit allocated to the markets, income vesting, the APY split, a redemption', async () => {
    const { rpcUrl, deployment, as } = chain();
    await fundPusd(as.carol, parsePusd('1000'));
    await fundPusd(as.manager, parsePusd('10'));
    const result = await savingsExample(
      connect(rpcUrl, deployment, keys.carol),
      connect(rpcUrl, deployment, keys.manager),
    );
    expect(result.minted).toBe(result.expected);
    expect(result.vault.allocations[0]!.assets).toBe(parsePusd('1000'));
    expect(result.vault.apy.incomeApy).toBeGreaterThan(0n);
    expect(result.position.assets).toBeGreaterThanOrEqual(parsePusd('1000') - 1n);
    expect(result.redeemed).toBeGreaterThanOrEqual(parsePusd('1000') - 1n);
  });

  it('payfi: a checkout link and its QR code paid by whoever opens it; escrow, refund and an advance', async () => {
    const { rpcUrl, deployment, as } = chain();
    await kyc(as.deployer, accounts.cafe.address);
    await kyc(as.deployer, accounts.grocer.address, { creditScore: 800 });
    await mined(as.cafe.merchants.register());
    await mined(as.grocer.merchants.register({ refundWindow: 7 * 86_400 }));
    await fundPusd(as.alice, parsePusd('300'));
    const { link, qr, plainWallets } = await checkoutLink(
      connect(rpcUrl, deployment, keys.cafe),
      'LATTE-7',
      '4.5',
    );
    expect(link).toContain('order=LATTE-7');
    expect(qr).toMatch(/^<svg/);
    expect(plainWallets).toMatch(/^ethereum:0x[0-9a-fA-F]{40}@31337\/transfer\?address=/);
    const paid = await payLink(
      connect(rpcUrl, deployment, keys.alice),
      connect(rpcUrl, deployment, keys.relayer),
      link,
    );
    expect(paid.quote).toMatchObject({ fee: parsePusd('0.045'), merchant: parsePusd('4.455') });
    expect(paid.state).toMatchObject({ id: paid.id, used: true });
    expect((await as.bob.payments.merchantBalances(accounts.cafe.address)).claimable).toBe(
      parsePusd('4.455'),
    );

    await fundPusd(as.carol, parsePusd('1000'));
    await (await as.carol.advances.deposit({ assets: parsePusd('1000') })).deposit.wait();
    const escrow = await escrowAndAdvance(
      connect(rpcUrl, deployment, keys.grocer),
      connect(rpcUrl, deployment, keys.alice),
      connect(rpcUrl, deployment, keys.relayer),
    );
    expect(escrow.state).toMatchObject({
      capturable: parsePusd('50'),
      held: parsePusd('120'),
      refundable: true,
    });
    expect(escrow.credit).toMatchObject({ creditScore: 800, rateBps: 7000, limit: parsePusd('84') });
    expect(escrow.received).toBe(parsePusd('42') - paymentFee(parsePusd('42'), 100));
  });

  it('incentives: a position in the peg band, staked in the fee-share stream, claims its rewards', async () => {
    const { rpcUrl, deployment, as, testClient } = chain();
    await fundPusd(as.alice, parsePusd('1000'));
    await mined(as.alice.usdc.faucet({ to: accounts.alice.address, amount: parseUsdc('1000') }));
    const lp = connect(rpcUrl, deployment, keys.alice);
    const { tokenId, band, programs } = await provideLiquidity(lp);
    expect(band.tickUpper - band.tickLower).toBeGreaterThanOrEqual(18);
    expect(programs).toHaveLength(1);
    expect(await as.bob.incentives.depositOf(tokenId)).toMatchObject({
      owner: accounts.alice.address,
      numberOfStakes: 1,
    });
    await mined(as.bob.fees.distribute()); // the LP share of the PSM fees funds the stream
    await increaseTime(testClient, 3600);
    const before = await as.bob.pusd.balanceOf(accounts.alice.address);
    const { stakes, totals } = await claimRewards(lp);
    expect(stakes).toHaveLength(1);
    expect(totals[programs[0]!.rewardToken]).toBeGreaterThan(0n);
    expect(await as.bob.pusd.balanceOf(accounts.alice.address)).toBeGreaterThanOrEqual(
      before + stakes[0]!.pending,
    );
  });
});
