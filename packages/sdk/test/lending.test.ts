// Lending through the SDK against the real deployment: the deployment's markets, each action's effect on chain,
// the SDK's math equal to LendingLens and the hub across fuzzed positions, time warps and prices, liquidations
// as previewed, collateral income (payout and auto-repay), and refusals and real reverts decoded.
import { lendingHubAbi, lendingLensAbi } from '@plaza/abi';
import {
  MAX_UINT256,
  WAD,
  accrueInterest,
  healthFactorAfter,
  liquidationIncentiveFactor,
  marketId,
  maxBorrow,
  parsePusd,
  policyId,
  previewBorrow,
  previewCollateralChange,
  previewLiquidation,
  previewRepay,
  previewSupply,
  type LendingMarket,
} from '@plaza/sdk';
import fc from 'fast-check';
import { parseEventLogs, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain, type TestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, kyc, mined, nonceOf } from './support/helpers.js';
import { borrowerWithShares, lend, setNav } from './support/lending.js';

const chain = useTestChain();
const { alice, bob, carol, dave } = accounts;

async function lens<T>(c: TestChain, functionName: string, args: readonly unknown[], blockNumber: bigint) {
  return (await c.publicClient.readContract({
    address: c.deployment.contracts.LendingLens!.address,
    abi: lendingLensAbi,
    functionName,
    args,
    blockNumber,
  } as never)) as T;
}

/** Bob lends, Alice posts shares; prices HRBR at 100 and MSMR at 1. */
async function world(c: TestChain) {
  await setNav(c, 'HRBR', parsePusd('100'));
  await setNav(c, 'MSMR', parsePusd('1'));
  await lend(c.as.bob, 'HRBR', parsePusd('100000'));
  await lend(c.as.bob, 'MSMR', parsePusd('50000'));
  await borrowerWithShares(c, c.as.alice, 'HRBR', parsePusd('200'));
  await borrowerWithShares(c, c.as.alice, 'MSMR', parsePusd('40000'));
}

describe('markets of the deployment', () => {
  it('lists one market per RWA asset with its parameters, config, rates and price', async () => {
    const c = chain();
    const markets = await c.as.bob.lending.markets();
    expect(markets.map((m) => m.collateralSymbol)).toEqual(['HRBR', 'MSMR']);
    const [hrbr, msmr] = markets as [LendingMarket, LendingMarket];
    expect(hrbr.params).toEqual({
      loanToken: c.deployment.contracts.PlazaUSD!.address,
      collateralToken: c.deployment.contracts.RwaShareToken_HRBR!.address,
      oracle: c.deployment.contracts.NavFeedAdapter_HRBR!.address,
      rateModel: c.deployment.contracts.KinkedRateModel_Property!.address,
      lltv: 77n * 10n ** 16n,
      policyId: policyId('accredited'),
    });
    expect(hrbr.id).toBe(marketId(hrbr.params));
    expect(await c.as.bob.lending.marketId('HRBR')).toBe(hrbr.id);
    expect((await c.as.bob.lending.market(hrbr.id)).params).toEqual(hrbr.params);
    expect((await c.as.bob.lending.market(hrbr.params)).id).toBe(hrbr.id);
    expect(hrbr).toMatchObject({
      supplyCap: parsePusd('10000000'),
      borrowCap: parsePusd('8000000'),
      paused: false,
      frozen: false,
      incomeBearing: true,
      autoRepayAvailable: true,
      price: undefined, // no NAV reported yet
      liquidity: 0n,
      utilization: 0n,
      liquidationIncentiveFactor: liquidationIncentiveFactor(77n * 10n ** 16n),
    });
    expect(hrbr.state).toMatchObject({ reserveFactor: 1000n, minLeftover: parsePusd('100'), flags: 12 });
    expect(hrbr.rateModel.kink).toBe(8n * 10n ** 17n);
    expect(msmr).toMatchObject({ borrowCap: parsePusd('4000000') });
    expect(msmr.params).toMatchObject({ lltv: 86n * 10n ** 16n, policyId: policyId('retail') });
    await expect(c.as.bob.lending.market('NOPE')).rejects.toThrow(/RwaShareToken_NOPE is not deployed/);
    await expect(c.as.bob.lending.market(`0x${'12'.repeat(32)}`)).rejects.toMatchObject({
      errorName: 'MarketNotCreated',
    });
  });
});

describe('lenders and borrowers', () => {
  it('supplies, borrows, repays in full by shares, withdraws collateral and supply; each effect on chain', async () => {
    const c = chain();
    await world(c);
    const hub = c.deployment.contracts.LendingHub!.address;
    const market = await c.as.bob.lending.market('HRBR');
    expect(market.state.totalSupplyAssets).toBe(parsePusd('100000'));
    expect((await c.as.bob.lending.position('HRBR', bob.address)).supplyAssets).toBe(parsePusd('100000'));

    const before = await c.as.bob.pusd.balanceOf(alice.address);
    const { approval, supplyCollateral } = await c.as.alice.lending.supplyCollateral({
      market: 'HRBR',
      assets: parsePusd('200'),
    });
    expect(approval).toBeDefined();
    await supplyCollateral.wait();
    expect(await c.as.bob.rwa.balanceOf('HRBR', hub)).toBe(parsePusd('200'));

    const snapshot = (await c.as.alice.lending.position('HRBR', alice.address)).snapshot;
    const preview = previewBorrow(snapshot, parsePusd('10000'));
    expect(preview.refusal).toBeUndefined();
    const borrow = await mined(c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('10000') }));
    expect(borrow.result).toEqual([parsePusd('10000'), preview.shares]);
    expect(await c.as.bob.pusd.balanceOf(alice.address)).toBe(before + parsePusd('10000'));
    const position = await c.as.alice.lending.position('HRBR', alice.address);
    expect(position).toMatchObject({
      collateral: parsePusd('200'),
      borrowShares: preview.shares,
      collateralValue: parsePusd('20000'),
      maxDebt: parsePusd('15400'),
      autoRepay: false,
    });
    expect(position.healthFactor).toBe((parsePusd('15400') * WAD) / position.debt);
    // Borrowing more than the borrowing power is refused by the simulation: nothing is sent.
    const nonce = await nonceOf(c.as.alice, alice.address);
    await expect(
      c.as.alice.lending.borrow({ market: 'HRBR', assets: position.borrowingPower! + parsePusd('1') }),
    ).rejects.toMatchObject({ errorName: 'InsufficientCollateral', contract: 'LendingHub' });
    expect(await nonceOf(c.as.alice, alice.address)).toBe(nonce);

    await increaseTime(c.testClient, 30 * 86_400 - 3600);
    await setNav(c, 'HRBR', parsePusd('100'));
    const grown = await c.as.alice.lending.position('HRBR', alice.address);
    expect(grown.debt).toBeGreaterThan(parsePusd('10000'));
    await fundPusd(c.as.alice, parsePusd('100'));
    const { repay } = await c.as.alice.lending.repay({ market: 'HRBR', all: true });
    await repay.wait();
    expect(repay.result[1]).toBe(grown.borrowShares);
    expect(repay.result[0]).toBeGreaterThanOrEqual(grown.debt);
    const repaid = await c.as.alice.lending.position('HRBR', alice.address);
    expect(repaid).toMatchObject({
      borrowShares: 0n,
      debt: 0n,
      healthFactor: MAX_UINT256,
      liquidationPrice: 0n,
    });

    await mined(c.as.alice.lending.withdrawCollateral({ market: 'HRBR', assets: parsePusd('200') }));
    expect(await c.as.bob.rwa.balanceOf('HRBR', alice.address)).toBe(parsePusd('200'));

    const lender = await c.as.bob.lending.position('HRBR', bob.address);
    expect(lender.supplyAssets).toBeGreaterThan(parsePusd('100000')); // interest, less the reserve's 10%
    const bobBefore = await c.as.bob.pusd.balanceOf(bob.address);
    const withdrawal = await mined(c.as.bob.lending.withdraw({ market: 'HRBR', shares: 'all' }));
    expect(withdrawal.result[0]).toBeGreaterThanOrEqual(lender.supplyAssets);
    expect(await c.as.bob.pusd.balanceOf(bob.address)).toBe(bobBefore + withdrawal.result[0]);
    expect((await c.as.bob.lending.position('HRBR', bob.address)).supplyShares).toBe(0n);
    const after = await c.as.bob.lending.market('HRBR');
    expect(after.state.reserveShares).toBeGreaterThan(0n);
  });

  it('pays collateral income out, or repays the debt with it (auto-repay), and lets a manager act when authorized', async () => {
    const c = chain();
    await world(c);
    await (
      await c.as.alice.lending.supplyCollateral({ market: 'MSMR', assets: parsePusd('40000') })
    ).supplyCollateral.wait();
    await mined(c.as.alice.lending.borrow({ market: 'MSMR', assets: parsePusd('20000') }));
    // Income streams to the hub for Alice's collateral: the manager deposits 7,000 pUSD over 7 days.
    await fundPusd(c.as.manager, parsePusd('7000'));
    await (await c.as.manager.rwa.depositIncome({ asset: 'MSMR', amount: parsePusd('7000') })).deposit.wait();
    await increaseTime(c.testClient, 86_400);
    await setNav(c, 'MSMR', parsePusd('1'));
    const p1 = await c.as.alice.lending.position('MSMR', alice.address);
    expect(p1.claimableIncome).toBeGreaterThan(parsePusd('999'));
    expect(p1.claimableIncome).toBeLessThanOrEqual(parsePusd('1000') + parsePusd('1'));
    const { params, blockNumber: block } = await c.as.bob.lending.market('MSMR');
    expect(p1.claimableIncome).toBe(await lens<bigint>(c, 'pendingIncome', [params, alice.address], block));

    const before = await c.as.bob.pusd.balanceOf(alice.address);
    const claim = await mined(c.as.alice.lending.claimCollateralIncome({ market: 'MSMR' }));
    expect(claim.result).toBeGreaterThanOrEqual(p1.claimableIncome);
    // The transaction is mined a block after its simulation: a block more of income.
    expect(await c.as.bob.pusd.balanceOf(alice.address)).toBeGreaterThanOrEqual(before + claim.result);

    // Auto-repay: the next day's income repays debt instead; a keeper applies it.
    await mined(c.as.alice.lending.setAutoRepay({ market: 'MSMR', enabled: true }));
    expect((await c.as.alice.lending.position('MSMR', alice.address)).autoRepay).toBe(true);
    await increaseTime(c.testClient, 86_400);
    await setNav(c, 'MSMR', parsePusd('1'));
    const p2 = await c.as.alice.lending.position('MSMR', alice.address);
    const applied = await mined(c.as.carol.lending.applyIncome({ market: 'MSMR', borrower: alice.address }));
    expect(applied.result).toBeGreaterThanOrEqual(p2.claimableIncome);
    const p3 = await c.as.alice.lending.position('MSMR', alice.address);
    expect(p3.debt).toBeLessThan(p2.debt - p2.claimableIncome + parsePusd('1'));
    expect(p3.claimableIncome).toBe(0n);

    // Carol may not withdraw Alice's collateral until Alice authorizes her.
    await expect(
      c.as.carol.lending.withdrawCollateral({ market: 'MSMR', assets: 1n, onBehalf: alice.address }),
    ).rejects.toMatchObject({
      errorName: 'Unauthorized',
      args: { caller: carol.address, onBehalf: alice.address },
    });
    await mined(c.as.alice.lending.setAuthorization({ authorized: carol.address, isAuthorized: true }));
    expect(await c.as.bob.lending.isAuthorized(alice.address, carol.address)).toBe(true);
    await mined(
      c.as.carol.lending.withdrawCollateral({
        market: 'MSMR',
        assets: parsePusd('1'),
        onBehalf: alice.address,
        receiver: alice.address,
      }),
    );
    expect((await c.as.bob.lending.position('MSMR', alice.address)).collateral).toBe(parsePusd('39999'));
  });
});

describe('the SDK math equals the contracts', () => {
  it('matches LendingLens and the hub across fuzzed positions, time warps and prices', async () => {
    const c = chain();
    await world(c);
    const params = (await c.as.bob.lending.market('HRBR')).params;
    let unhealthy = 0;
    let borrowed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 10n ** 15n, max: parsePusd('150') }),
        fc.integer({ min: 5, max: 99 }),
        fc.integer({ min: 1, max: 20 * 3600 }),
        fc.bigInt({ min: parsePusd('80'), max: parsePusd('104') }),
        async (collateral, percent, warp, nav) => {
          // Each run from the same world: a snapshot reverted at the end.
          const run = await c.testClient.snapshot();
          try {
            await check(collateral, percent, warp, nav);
          } finally {
            await c.testClient.revert({ id: run });
          }
        },
      ),
      { seed: SEED, numRuns: 10 },
    );
    async function check(collateral: bigint, percent: number, warp: number, nav: bigint) {
      await (
        await c.as.alice.lending.supplyCollateral({ market: 'HRBR', assets: collateral, approve: 'max' })
      ).supplyCollateral.wait();
      const snapshot = (await c.as.alice.lending.position('HRBR', alice.address)).snapshot;
      const wanted = (maxBorrow(snapshot) * BigInt(percent)) / 100n;
      const preview = previewBorrow(snapshot, wanted);
      if (wanted === 0n) {
        // nothing to borrow against dust collateral
      } else if (preview.refusal === undefined) {
        const sent = await mined(c.as.alice.lending.borrow({ market: 'HRBR', assets: wanted }));
        expect(sent.result[1]).toBe(preview.shares);
        borrowed++;
      } else {
        await expect(c.as.alice.lending.borrow({ market: 'HRBR', assets: wanted })).rejects.toMatchObject({
          errorName: preview.refusal,
        });
      }
      await increaseTime(c.testClient, warp);
      await setNav(c, 'HRBR', nav);
      const market = await c.as.alice.lending.market('HRBR');
      const position = await c.as.alice.lending.position('HRBR', alice.address);
      const block = market.blockNumber;
      expect(block).toBe((await c.publicClient.getBlock()).number); // nothing mined in between
      const [tsa, tss, tba, tbs] = await lens<readonly bigint[]>(
        c,
        'expectedMarketBalances',
        [params],
        block,
      );
      expect([
        market.state.totalSupplyAssets,
        market.state.totalSupplyShares,
        market.state.totalBorrowAssets,
        market.state.totalBorrowShares,
      ]).toEqual([tsa, tss, tba, tbs]);
      const [u, rate, borrowApy, supplyApy] = await lens<readonly bigint[]>(c, 'rates', [params], block);
      expect([market.utilization, market.borrowRate, market.borrowApy, market.supplyApy]).toEqual([
        u,
        rate,
        borrowApy,
        supplyApy,
      ]);
      const view = await lens<{
        supplyAssets: bigint;
        borrowAssets: bigint;
        collateral: bigint;
        incomeOwed: bigint;
      }>(c, 'positionOf', [params, alice.address], block);
      expect(position.debt).toBe(view.borrowAssets);
      expect(position.collateral).toBe(view.collateral);
      expect(position.claimableIncome).toBe(view.incomeOwed);
      expect(position.healthFactor).toBe(
        await lens<bigint>(c, 'healthFactor', [params, alice.address], block),
      );
      expect(position.borrowingPower).toBe(
        await lens<bigint>(c, 'borrowingPower', [params, alice.address], block),
      );
      expect(position.liquidationPrice).toBe(
        await lens<bigint>(c, 'liquidationPrice', [params, alice.address], block),
      );
      expect(position.maxDebt).toBe(
        await lens<bigint>(c, 'maxDebt', [position.collateral, nav * 10n ** 18n, params.lltv], block),
      );
      if (position.healthy === false) unhealthy++;
      // As-you-type helpers agree with the full previews.
      expect(healthFactorAfter(position.snapshot, {})).toBe(position.healthFactor);
      expect(healthFactorAfter(position.snapshot, { collateral: parsePusd('1') })).toBe(
        previewCollateralChange(position.snapshot, parsePusd('1')).healthFactor,
      );
      if (position.borrowShares > 0n) {
        const all = previewRepay(position.snapshot, { shares: position.borrowShares });
        expect(all.debt).toBe(0n);
        expect(all.assets).toBe(position.debt);
      }
    }
    expect(borrowed).toBeGreaterThan(0);
    expect(unhealthy).toBeGreaterThan(0); // prices fell far enough to reach liquidatable positions
    expect(previewSupply((await c.as.bob.lending.market('HRBR')).state, 1n).shares).toBeGreaterThan(0n);
  });

  it('liquidates an unhealthy position as previewed, and refuses a healthy one', async () => {
    const c = chain();
    await world(c);
    await (
      await c.as.alice.lending.supplyCollateral({ market: 'HRBR', assets: parsePusd('200') })
    ).supplyCollateral.wait();
    await mined(c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('15000') }));
    await kyc(c.as.deployer, dave.address);
    await fundPusd(c.as.dave, parsePusd('20000'));
    await expect(
      c.as.dave.lending.liquidate({ market: 'HRBR', borrower: alice.address, seizedAssets: parsePusd('10') }),
    ).rejects.toMatchObject({ errorName: 'HealthyPosition', args: { borrower: alice.address } });

    await setNav(c, 'HRBR', parsePusd('96')); // 200 × 96 × 0.77 = 14,784 < 15,000
    const position = await c.as.alice.lending.position('HRBR', alice.address);
    expect(position.healthy).toBe(false);
    expect(position.healthFactor!).toBeLessThan(WAD);
    const market = await c.as.dave.lending.market('HRBR');
    const shares = await c.as.bob.rwa.balanceOf('HRBR', dave.address);
    const { liquidate } = await c.as.dave.lending.liquidate({
      market: 'HRBR',
      borrower: alice.address,
      seizedAssets: parsePusd('50'),
    });
    const receipt = await liquidate.wait();
    // The preview from the market as the transaction found it: storage of the block before, accrued to its time.
    const txBlock = await c.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    const [tsa, tss, tba, tbs, lastUpdate, rf, flags, minLeftover, reserveShares] =
      (await c.publicClient.readContract({
        address: c.deployment.contracts.LendingHub!.address,
        abi: lendingHubAbi,
        functionName: 'market',
        args: [market.id],
        blockNumber: receipt.blockNumber - 1n,
      })) as readonly [bigint, bigint, bigint, bigint, number, number, number, bigint, bigint];
    const state = accrueInterest(
      {
        totalSupplyAssets: tsa,
        totalSupplyShares: tss,
        totalBorrowAssets: tba,
        totalBorrowShares: tbs,
        lastUpdate: BigInt(lastUpdate),
        reserveFactor: BigInt(rf),
        flags,
        minLeftover,
        reserveShares,
      },
      market.rateModel,
      txBlock.timestamp,
    );
    const preview = previewLiquidation(
      { market: state, lltv: market.params.lltv, price: market.price! },
      { seizedAssets: parsePusd('50') },
    );
    const [event] = parseEventLogs({ abi: lendingHubAbi, eventName: 'Liquidate', logs: receipt.logs });
    expect(event!.args).toMatchObject({
      seizedAssets: preview.seizedAssets,
      repaidShares: preview.repaidShares,
      repaidAssets: preview.repaidAssets,
      badDebtAssets: 0n,
    });
    expect(await c.as.bob.rwa.balanceOf('HRBR', dave.address)).toBe(shares + parsePusd('50'));
    const after = await c.as.alice.lending.position('HRBR', alice.address);
    expect(after.borrowShares).toBe(position.borrowShares - preview.repaidShares);
    expect(preview.incentiveFactor).toBe(market.liquidationIncentiveFactor);
  });
});

describe('refusals and reverts', () => {
  it('refuses what the hub would refuse before sending, and decodes real reverts of each family', async () => {
    const c = chain();
    await world(c);
    const erin = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address;
    // A borrower who fails the market's policy: refused before anything is sent.
    const nonce = await nonceOf(c.as.carol, carol.address);
    await expect(
      c.as.carol.lending.borrow({ market: 'HRBR', assets: parsePusd('100') }),
    ).rejects.toMatchObject({
      errorName: 'NotAllowed',
      contract: 'LendingHub',
      args: { policyId: policyId('accredited'), account: carol.address },
      message: expect.stringContaining("does not pass the market's compliance policy"),
    });
    await expect(c.as.carol.lending.supply({ market: 'HRBR', assets: 0n })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
    await expect(
      c.as.carol.lending.supply({ market: 'HRBR', assets: parsePusd('1'), shares: 1n } as never),
    ).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(c.as.carol.lending.supply({ market: 'HRBR', assets: parsePusd('1') })).rejects.toMatchObject(
      {
        errorName: 'ERC20InsufficientBalance',
      },
    );
    expect(await nonceOf(c.as.carol, carol.address)).toBe(nonce);

    await (
      await c.as.alice.lending.supplyCollateral({ market: 'HRBR', assets: parsePusd('10') })
    ).supplyCollateral.wait();
    await expect(
      c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('50') }),
    ).rejects.toMatchObject({
      errorName: 'DustLeft',
      args: { debtLeft: parsePusd('50'), minLeftover: parsePusd('100') },
      message: expect.stringContaining('below market'),
    });
    await expect(
      c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('800') }),
    ).rejects.toMatchObject({
      errorName: 'InsufficientCollateral',
    });
    await expect(
      c.as.alice.lending.withdraw({ market: 'HRBR', assets: parsePusd('1') }),
    ).rejects.toMatchObject({
      errorName: 'Panic', // no supply: an arithmetic underflow in the hub
    });

    // A stale price: the oracle's own reason is named.
    await mined(c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('500') }));
    await increaseTime(c.testClient, 2 * 86_400);
    await expect(
      c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('10') }),
    ).rejects.toMatchObject({
      errorName: 'PriceUnavailable',
      message: expect.stringMatching(/the oracle says \w+/),
    });
    expect((await c.as.alice.lending.market('HRBR')).price).toBeUndefined();

    // Pause and freeze, by the guardian (the deployer), through a plain contract write.
    const id = await c.as.bob.lending.marketId('HRBR');
    const guardian = c.as.deployer.walletClient!;
    const pause = async (fn: 'setPaused' | 'setFrozen', on: boolean) => {
      const hash = await guardian.writeContract({
        address: c.deployment.contracts.LendingHub!.address,
        abi: lendingHubAbi,
        functionName: fn,
        args: [id, on],
        account: accounts.deployer,
        chain: guardian.chain,
      });
      await c.publicClient.waitForTransactionReceipt({ hash });
    };
    await setNav(c, 'HRBR', parsePusd('100'));
    await pause('setFrozen', true);
    await expect(
      c.as.alice.lending.borrow({ market: 'HRBR', assets: parsePusd('10') }),
    ).rejects.toMatchObject({
      errorName: 'MarketFrozen',
    });
    await pause('setPaused', true);
    const bobNonce = await nonceOf(c.as.bob, bob.address);
    await fundPusd(c.as.bob, parsePusd('10'));
    const funded = await nonceOf(c.as.bob, bob.address);
    await expect(c.as.bob.lending.supply({ market: 'HRBR', assets: parsePusd('10') })).rejects.toMatchObject({
      errorName: 'MarketPaused',
    });
    expect(funded).toBeGreaterThan(bobNonce);
    expect(await nonceOf(c.as.bob, bob.address)).toBe(funded);
    expect((await c.as.bob.lending.market('HRBR')).paused).toBe(true);
    await expect(c.as.bob.lending.position('HRBR', erin)).resolves.toMatchObject({
      collateral: 0n,
      debt: 0n,
      supplyShares: 0n,
    });
    // An address is not a market reference.
    await expect(c.as.bob.lending.market(erin)).rejects.toMatchObject({ code: 'InvalidInput' });
  });
});
