// spUSD through the SDK against the real deployment: the vault as deployed, deposits allocated to the markets,
// previews (the vault's and the SDK's pure math) equal to what operations do across fuzzed deposits, times and
// income, income vesting and the APY split, withdrawals and redemptions, and refusals and real reverts decoded.
import {
  SPUSD_DECIMALS,
  WAD,
  parsePusd,
  savingsApy,
  savingsPreviewDeposit,
  savingsPreviewRedeem,
  savingsPreviewWithdraw,
  unvestedIncome,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, mined, nonceOf } from './support/helpers.js';
import { borrowerWithShares, setNav } from './support/lending.js';

const chain = useTestChain();
const { alice, bob, carol } = accounts;

describe('the vault as deployed', () => {
  it('allocates to both markets within its caps, HRBR first, with a 10% fee and a day of vesting', async () => {
    const c = chain();
    const vault = await c.as.bob.savings.vault();
    expect(vault).toMatchObject({
      address: c.deployment.contracts.SavingsVault!.address,
      name: 'Plaza Savings USD',
      symbol: 'spUSD',
      decimals: SPUSD_DECIMALS,
      asset: c.deployment.contracts.PlazaUSD!.address,
      totalAssets: 0n,
      totalSupply: 0n,
      performanceFee: WAD / 10n,
      feeRecipient: c.deployment.contracts.FeeCollector!.address,
      vestingPeriod: 86_400,
      sharePrice: parsePusd('1'),
    });
    expect(vault.allocations.map((a) => [a.collateralSymbol, a.cap, a.supplyQueueIndex])).toEqual([
      ['HRBR', parsePusd('5000000'), 0],
      ['MSMR', parsePusd('2000000'), 1],
    ]);
    expect(vault.allocations[0]!.marketId).toBe(await c.as.bob.lending.marketId('HRBR'));
    expect(vault.apy).toEqual({
      lendingApy: 0n,
      incomeApy: 0n,
      apy: 0n,
      grossLendingApy: 0n,
      grossIncomeApy: 0n,
    });
  });
});

describe('saving', () => {
  it('deposits into the markets, earns interest and vested income, and pays out', async () => {
    const c = chain();
    await fundPusd(c.as.bob, parsePusd('30000'));
    const preview = await c.as.bob.savings.previewDeposit(parsePusd('30000'));
    const { approval, deposit } = await c.as.bob.savings.deposit({ assets: parsePusd('30000') });
    expect(approval).toBeDefined();
    await deposit.wait();
    expect(deposit.result).toBe(preview);
    const position = await c.as.bob.savings.position(bob.address);
    expect(position).toMatchObject({ shares: preview, assets: parsePusd('30000') });
    const hrbr = await c.as.bob.lending.position('HRBR', c.deployment.contracts.SavingsVault!.address);
    expect(hrbr.supplyAssets).toBe(parsePusd('30000'));

    // A borrower pays interest; the manager distributes rent income to savers.
    await setNav(c, 'HRBR', parsePusd('100'));
    await borrowerWithShares(c, c.as.alice, 'HRBR', parsePusd('300'));
    await (
      await c.as.alice.lending.supplyCollateral({ market: 'HRBR', assets: parsePusd('300') })
    ).supplyCollateral.wait();
    await mined(c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('20000') }));
    await fundPusd(c.as.manager, parsePusd('1000'));
    const { distribute } = await c.as.manager.savings.distributeIncome({ amount: parsePusd('1000') });
    await distribute.wait();
    const vault = await c.as.bob.savings.vault();
    expect(vault.vesting.amount).toBe(parsePusd('1000'));
    expect(vault.vesting.end - vault.vesting.start).toBe(86_400n);
    expect(vault.unvestedIncome).toBe(unvestedIncome(vault.vesting, vault.now));
    expect(vault.apy.incomeApy).toBeGreaterThan(0n);
    expect(vault.apy.lendingApy).toBeGreaterThan(0n);
    expect(vault.apy.apy).toBe(vault.apy.lendingApy + vault.apy.incomeApy);
    expect(vault.apy).toEqual(
      savingsApy({
        totalAssets: vault.totalAssets,
        performanceFee: vault.performanceFee,
        allocations: vault.allocations,
        vesting: vault.vesting,
        now: vault.now,
      }),
    );
    // 1,000 pUSD a day over ~30,000: ≈ 1,216% a year, less the fee.
    expect(vault.apy.grossIncomeApy / 10n ** 16n).toBeGreaterThan(1100n);

    await increaseTime(c.testClient, 2 * 86_400);
    const grown = await c.as.bob.savings.position(bob.address);
    expect(grown.assets).toBeGreaterThan(parsePusd('30900'));
    // Only what borrowers left can be withdrawn now.
    expect(grown.maxWithdraw).toBeLessThan(grown.assets);
    await expect(c.as.bob.savings.withdraw({ assets: grown.assets })).rejects.toMatchObject({
      errorName: 'NotEnoughLiquidity',
      contract: 'SavingsVault',
      message: expect.stringContaining('lent to borrowers'),
    });
    const before = await c.as.bob.pusd.balanceOf(bob.address);
    const withdrawal = await mined(c.as.bob.savings.withdraw({ assets: grown.maxWithdraw - parsePusd('1') }));
    expect(await c.as.bob.pusd.balanceOf(bob.address)).toBe(before + grown.maxWithdraw - parsePusd('1'));
    expect(withdrawal.result).toBeGreaterThan(0n);

    // The borrower repays; everything can be redeemed.
    await setNav(c, 'HRBR', parsePusd('100'));
    await fundPusd(c.as.alice, parsePusd('100'));
    await (await c.as.alice.lending.repay({ market: 'HRBR', all: true })).repay.wait();
    const last = await c.as.bob.savings.position(bob.address);
    const redeemed = await mined(c.as.bob.savings.redeem({ shares: 'all' }));
    expect(redeemed.result).toBeGreaterThanOrEqual(last.assets);
    expect((await c.as.bob.savings.position(bob.address)).shares).toBe(0n);
    // The FeeCollector holds the performance fee in spUSD.
    expect(
      (await c.as.bob.savings.position(c.deployment.contracts.FeeCollector!.address)).shares,
    ).toBeGreaterThan(0n);
  });

  it('previews equal the vault and what operations do, across fuzzed deposits, times and income', async () => {
    const c = chain();
    await fundPusd(c.as.carol, parsePusd('1000000'));
    await fundPusd(c.as.manager, parsePusd('100000'));
    await c.as.carol.savings
      .deposit({ assets: parsePusd('1000'), approve: 'max' })
      .then((r) => r.deposit.wait());
    let withIncome = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: parsePusd('50000') }),
        fc.bigInt({ min: 0n, max: parsePusd('5000') }),
        fc.integer({ min: 1, max: 2 * 86_400 }),
        async (assets, income, warp) => {
          if (income > 0n) {
            await (
              await c.as.manager.savings.distributeIncome({ amount: income, approve: 'max' })
            ).distribute.wait();
            withIncome++;
          }
          await increaseTime(c.testClient, warp);
          const vault = await c.as.carol.savings.vault();
          expect(savingsPreviewDeposit(vault.snapshot, assets)).toBe(
            await c.as.carol.savings.previewDeposit(assets),
          );
          expect(savingsPreviewWithdraw(vault.snapshot, assets)).toBe(
            await c.as.carol.savings.previewWithdraw(assets),
          );
          const shares = savingsPreviewDeposit(vault.snapshot, assets);
          expect(savingsPreviewRedeem(vault.snapshot, shares)).toBe(
            await c.as.carol.savings.previewRedeem(shares),
          );
          expect(vault.unvestedIncome).toBe(unvestedIncome(vault.vesting, vault.now));
          const { deposit } = await c.as.carol.savings.deposit({ assets });
          await deposit.wait();
          expect(deposit.result).toBeGreaterThan(0n);
        },
      ),
      { seed: SEED, numRuns: 8 },
    );
    expect(withIncome).toBeGreaterThan(0);
  });

  it('refuses what the vault would refuse before sending', async () => {
    const c = chain();
    const nonce = await nonceOf(c.as.alice, alice.address);
    await expect(c.as.alice.savings.distributeIncome({ amount: parsePusd('1') })).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
      args: { account: alice.address },
    });
    await expect(c.as.alice.savings.deposit({ assets: parsePusd('1') })).rejects.toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      contract: 'PlazaUSD',
    });
    await expect(c.as.alice.savings.redeem({ shares: 'all' })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
    await expect(c.as.alice.savings.deposit({ assets: 0n })).rejects.toMatchObject({ code: 'InvalidInput' });
    expect(await nonceOf(c.as.alice, alice.address)).toBe(nonce);
    // A real revert: nothing arrived to vest.
    await expect(c.as.manager.savings.distributeIncome({ amount: 0n })).rejects.toMatchObject({
      errorName: 'ZeroAmount',
      contract: 'SavingsVault',
    });
    expect(carol.address).not.toBe(alice.address);
  });
});
