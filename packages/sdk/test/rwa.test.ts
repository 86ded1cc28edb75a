// RWA share tokens through the SDK: the deployment's assets with their feeds, issuance, income deposits that
// stream to holders and are claimed, the income projection equal to the contract's accumulator across fuzzed
// supplies, deposits and times, compliant transfers, and refusals before anything is sent.
import {
  INCOME_PRECISION,
  incomeBetween,
  parsePusd,
  policyId,
  projectIncomePerShare,
  shareValue,
} from '@plaza/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, kyc, mined, nonceOf } from './support/helpers.js';

const chain = useTestChain();
const { alice, bob, carol, erin } = {
  ...accounts,
  erin: { address: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as const },
};

describe('assets of the deployment', () => {
  it('lists both share tokens with their policy, stream and NAV feed', async () => {
    const { as, deployment } = chain();
    const assets = await as.bob.rwa.assets();
    expect(assets.map((a) => a.symbol)).toEqual(['HRBR', 'MSMR']);
    expect(assets[0]).toEqual({
      symbol: 'HRBR',
      name: 'Harbor Point Commercial Property',
      address: deployment.contracts.RwaShareToken_HRBR!.address,
      decimals: 18,
      totalSupply: 0n,
      policyId: policyId('accredited'),
      streamDuration: 30 * 86_400,
      incomeToken: deployment.contracts.PlazaUSD!.address,
      feedId: 1n,
      adapter: deployment.contracts.NavFeedAdapter_HRBR!.address,
    });
    expect(assets[1]).toMatchObject({ policyId: policyId('retail'), streamDuration: 7 * 86_400, feedId: 2n });
    expect(as.bob.rwa.addressOf(deployment.contracts.RwaShareToken_MSMR!.address)).toBe(
      deployment.contracts.RwaShareToken_MSMR!.address,
    );
    expect(() => as.bob.rwa.addressOf('NOPE')).toThrow(/RwaShareToken_NOPE is not deployed/);
  });
});

describe('issuance and income', () => {
  it('streams deposited income to holders pro rata, and pays claims', async () => {
    const { as, testClient } = chain();
    await kyc(as.deployer, alice.address, { creditScore: 720 });
    await kyc(as.deployer, carol.address, { kycLevel: 3, creditScore: 810, jurisdiction: 'SG' });
    expect(await as.bob.rwa.canHold('HRBR', alice.address)).toBe(true);
    expect(await as.bob.rwa.canHold('HRBR', bob.address)).toBe(false);
    await mined(as.manager.rwa.mint({ asset: 'HRBR', to: alice.address, amount: parsePusd('300') }));
    await mined(as.manager.rwa.mint({ asset: 'HRBR', to: carol.address, amount: parsePusd('100') }));

    await fundPusd(as.manager, parsePusd('40000'));
    const { approval, deposit } = await as.manager.rwa.depositIncome({
      asset: 'HRBR',
      amount: parsePusd('30000'),
    });
    expect(approval).toBeDefined();
    await deposit.wait();
    const stream = await as.bob.rwa.incomeStream('HRBR');
    expect(stream).toMatchObject({
      active: true,
      streamDuration: 30 * 86_400,
      totalSupply: parsePusd('400'),
      undistributed: parsePusd('30000'),
    });
    expect(stream.periodFinish - stream.lastUpdate).toBe(30n * 86_400n);
    expect(stream.pusdPerDay).toBe((stream.ratePerSecond * 86_400n) / 10n ** 18n);
    expect(stream.pusdPerDay).toBe(parsePusd('1000') - 1n); // 30,000 over 30 days, rounded down

    await increaseTime(testClient, 10 * 86_400);
    const aliceClaimable = await as.bob.rwa.claimableIncome('HRBR', alice.address);
    const carolClaimable = await as.bob.rwa.claimableIncome('HRBR', carol.address);
    // Ten days of a 30-day stream: 10,000 pUSD (less rounding dust), 3/4 to Alice, 1/4 to Carol.
    const streamed =
      (stream.ratePerSecond * ((await as.bob.rwa.incomeStream('HRBR')).now - stream.lastUpdate)) / 10n ** 18n;
    expect(streamed).toBeGreaterThanOrEqual(parsePusd('9999.99'));
    expect(aliceClaimable + carolClaimable).toBeLessThanOrEqual(streamed);
    expect(streamed - (aliceClaimable + carolClaimable)).toBeLessThanOrEqual(3n);
    expect(aliceClaimable / 3n - carolClaimable).toBeLessThanOrEqual(1n);

    const before = await as.bob.pusd.balanceOf(alice.address);
    const claim = await mined(as.alice.rwa.claimIncome({ asset: 'HRBR' }));
    expect(claim.result).toBeGreaterThanOrEqual(aliceClaimable);
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(before + claim.result);
    expect(await as.bob.rwa.incomeClaimed('HRBR', alice.address)).toBe(claim.result);
    const holding = await as.bob.rwa.holding('HRBR', alice.address);
    expect(holding).toMatchObject({ balance: parsePusd('300'), claimed: claim.result });
    expect(holding.nav).toMatchObject({ status: 'None' });
    expect(holding.value).toBeUndefined();

    // A compliant transfer keeps accrued income with the sender.
    const accrued = await as.bob.rwa.claimableIncome('HRBR', carol.address);
    await mined(as.carol.rwa.transfer({ asset: 'HRBR', to: alice.address, amount: parsePusd('100') }));
    expect(await as.bob.rwa.claimableIncome('HRBR', carol.address)).toBeGreaterThanOrEqual(accrued);
    expect(await as.bob.rwa.balanceOf('HRBR', alice.address)).toBe(parsePusd('400'));
    expect(shareValue(parsePusd('400'), parsePusd('101'))).toBe(parsePusd('40400'));
  });

  it('projects incomePerShare exactly as the contract accrues it, across fuzzed supplies, deposits and times', async () => {
    const { as, testClient } = chain();
    await kyc(as.deployer, alice.address);
    await fundPusd(as.manager, parsePusd('10000000'));
    let carried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 10n ** 17n, max: 10n ** 26n }),
        fc.bigInt({ min: 1n, max: parsePusd('100000') }),
        fc.array(fc.integer({ min: 1, max: 20 * 86_400 }), { minLength: 1, maxLength: 3 }),
        async (supply, deposit, steps) => {
          const current = await as.bob.rwa.asset('MSMR');
          if (current.totalSupply > 0n) {
            await mined(
              as.manager.rwa.burn({ asset: 'MSMR', from: alice.address, amount: current.totalSupply }),
            );
          }
          await mined(as.manager.rwa.mint({ asset: 'MSMR', to: alice.address, amount: supply }));
          await (
            await as.manager.rwa.depositIncome({ asset: 'MSMR', amount: deposit, approve: 'max' })
          ).deposit.wait();
          const start = await as.bob.rwa.incomeStream('MSMR');
          if (supply < 10n ** 18n) carried++;
          let elapsed = 0n;
          for (const step of steps) {
            await increaseTime(testClient, step);
            const now = await as.bob.rwa.incomeStream('MSMR');
            elapsed = now.now - start.now;
            const projected = projectIncomePerShare({
              incomePerShareNow: start.incomePerShare,
              stream: start,
              totalSupply: start.totalSupply,
              now: start.now,
              at: now.now,
            });
            expect(projected).toBe(now.incomePerShare);
          }
          expect(elapsed).toBeGreaterThan(0n);
          const claimable = await as.bob.rwa.claimableIncome('MSMR', alice.address);
          expect(claimable).toBeGreaterThanOrEqual(0n);
        },
      ),
      { seed: SEED, numRuns: 12 },
    );
    expect(carried).toBeGreaterThan(0); // supplies below one share (income carried, accumulator flat) reached
    expect(incomeBetween(parsePusd('2'), 0n, INCOME_PRECISION)).toBe(parsePusd('2'));
  });
});

describe('compliance and roles', () => {
  it('refuses transfers, mints and deposits the contract would refuse, before sending anything', async () => {
    const { as, deployment } = chain();
    await kyc(as.deployer, alice.address);
    await mined(as.manager.rwa.mint({ asset: 'HRBR', to: alice.address, amount: parsePusd('10') }));
    const aliceNonce = await nonceOf(as.alice, alice.address);
    await expect(
      as.alice.rwa.transfer({ asset: 'HRBR', to: erin.address, amount: 1n }),
    ).rejects.toMatchObject({
      errorName: 'NotAllowed',
      contract: 'RwaShareToken',
      args: { policyId: policyId('accredited'), account: erin.address },
      message: expect.stringContaining("does not pass the asset's compliance policy"),
    });
    await expect(
      as.alice.rwa.transfer({ asset: 'HRBR', to: alice.address, amount: parsePusd('11') }),
    ).rejects.toMatchObject({
      errorName: 'ERC20InsufficientBalance',
    });
    expect(await nonceOf(as.alice, alice.address)).toBe(aliceNonce);

    const managerNonce = await nonceOf(as.manager, accounts.manager.address);
    await expect(as.manager.rwa.mint({ asset: 'HRBR', to: bob.address, amount: 1n })).rejects.toMatchObject({
      errorName: 'NotAllowed',
    });
    expect(await nonceOf(as.manager, accounts.manager.address)).toBe(managerNonce);

    await fundPusd(as.alice, parsePusd('10'));
    await expect(
      as.alice.rwa.depositIncome({ asset: 'HRBR', amount: parsePusd('10') }),
    ).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
      args: { account: alice.address },
    });
    await expect(as.alice.rwa.mint({ asset: 'HRBR', to: alice.address, amount: 1n })).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
    });
    expect(await as.bob.pusd.allowance(alice.address, deployment.contracts.RwaShareToken_HRBR!.address)).toBe(
      0n,
    );

    // What only the chain knows: a sanctioned holder cannot claim; the admin's range check.
    await mined(as.deployer.compliance.setBlocked({ account: alice.address, blocked: true }));
    await expect(as.alice.rwa.claimIncome({ asset: 'HRBR' })).rejects.toMatchObject({
      errorName: 'Blocked',
      args: { account: alice.address },
    });
    await expect(as.deployer.rwa.setStreamDuration({ asset: 'HRBR', duration: 60 })).rejects.toMatchObject({
      errorName: 'InvalidStreamDuration',
      message: 'A streaming period of 60 s is out of range (1 hour to 730 days).',
    });
  });

  it('lets the issuer force a transfer and burn, and the admin change the stream duration', async () => {
    const { as } = chain();
    await kyc(as.deployer, alice.address);
    await kyc(as.deployer, carol.address);
    await mined(as.manager.rwa.mint({ asset: 'MSMR', to: alice.address, amount: parsePusd('5') }));
    await mined(
      as.manager.rwa.forceTransfer({
        asset: 'MSMR',
        from: alice.address,
        to: carol.address,
        amount: parsePusd('2'),
        orderRef: `0x${'0c'.repeat(32)}`,
      }),
    );
    await mined(as.manager.rwa.burn({ asset: 'MSMR', from: carol.address, amount: parsePusd('1') }));
    expect(await as.bob.rwa.balanceOf('MSMR', alice.address)).toBe(parsePusd('3'));
    expect(await as.bob.rwa.balanceOf('MSMR', carol.address)).toBe(parsePusd('1'));
    await mined(as.deployer.rwa.setStreamDuration({ asset: 'MSMR', duration: 3600 }));
    expect((await as.bob.rwa.asset('MSMR')).streamDuration).toBe(3600);
  });
});
