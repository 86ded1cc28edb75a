// The NavOracle and its adapters through the SDK: feeds and adapters of the deployment, reporters bonding and
// submitting, a first answer frozen for the guardian, prices through adapters, the settlement preview equal to
// what the contract does across fuzzed rounds, unbonding, and what the contract would refuse refused before
// anything is sent.
import { navOracleAbi } from '@plaza/abi';
import {
  adapterScaleFactor,
  collateralValue,
  exceedsBps,
  lowerMedian,
  parsePusd,
  previewSettlement,
  type PlazaClient,
} from '@plaza/sdk';
import fc from 'fast-check';
import { parseEventLogs } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, mined, nonceOf } from './support/helpers.js';

const chain = useTestChain();
const HRBR = 1n;
const MSMR = 2n;

function reporters(): PlazaClient[] {
  const { as } = chain();
  return [as.reporter1, as.reporter2, as.reporter3];
}

/** The three configured reporters bond 1,000 pUSD (+ extra) in `feedId`. */
async function bondAll(feedId: bigint, extra = 0n) {
  for (const reporter of reporters()) {
    await fundPusd(reporter, parsePusd('1000') + extra);
    const { register } = await reporter.oracle.register({ feedId, bond: parsePusd('1000') + extra });
    await register.wait();
  }
}

/** Round `answers` by the three reporters; the guardian confirms if it freezes. */
async function round(feedId: bigint, answers: readonly bigint[], confirm = true) {
  for (const [i, reporter] of reporters().entries()) {
    await mined(reporter.oracle.submit({ feedId, answer: answers[i]! }));
  }
  const { as } = chain();
  if (confirm && (await as.bob.oracle.roundState(feedId)).frozen) {
    await mined(as.deployer.oracle.confirmAnswer({ feedId }));
  }
}

describe('feeds and adapters of the deployment', () => {
  it('lists both RWA feeds with their parameters, and their adapters', async () => {
    const { as, deployment } = chain();
    const feeds = await as.bob.oracle.feeds();
    expect(feeds.map((f) => [f.feedId, f.description])).toEqual([
      [1n, 'HRBR / pUSD NAV'],
      [2n, 'MSMR / pUSD NAV'],
    ]);
    expect(feeds[0]).toMatchObject({
      asset: deployment.contracts.RwaShareToken_HRBR!.address,
      adapter: deployment.contracts.NavFeedAdapter_HRBR!.address,
      params: {
        quorum: 3,
        maxMoveBps: 500,
        toleranceBps: 200,
        jailThreshold: 3,
        heartbeat: 86_400,
        roundTimeout: 3600,
        minRoundInterval: 0,
        slashAmount: parsePusd('100'),
        minBond: parsePusd('1000'),
      },
      latest: { answer: 0n, roundId: 0n, status: 'None' },
      round: { roundId: 1n, count: 0, frozen: false, currentRound: 1n },
    });
    expect(await as.bob.oracle.feedIdOf(deployment.contracts.RwaShareToken_MSMR!.address)).toBe(MSMR);
    expect(await as.bob.oracle.adapterOf(MSMR)).toBe(deployment.contracts.NavFeedAdapter_MSMR!.address);
    expect(await as.bob.oracle.reporter(HRBR, accounts.reporter1.address)).toMatchObject({
      bond: 0n,
      status: 'Approved',
    });
    expect(await as.bob.oracle.unbondingDelay()).toBe(7n * 86_400n);
    await expect(as.bob.oracle.feedIdOf(accounts.bob.address)).rejects.toMatchObject({
      errorName: 'FeedNotFound',
    });
  });

  it('refuses prices before a first answer, in the oracle and through the adapter', async () => {
    const { as, deployment } = chain();
    await expect(as.bob.oracle.navOf(HRBR)).rejects.toMatchObject({
      errorName: 'NoAnswer',
      contract: 'NavOracle',
      message:
        'Feed 1 has no accepted answer yet: reporters must complete a round and a guardian confirm it.',
    });
    await expect(
      as.bob.oracle.price(deployment.contracts.NavFeedAdapter_HRBR!.address),
    ).rejects.toMatchObject({
      errorName: 'NoAnswer',
      contract: 'NavFeedAdapter',
    });
    await expect(as.bob.oracle.latestRoundData(HRBR)).rejects.toMatchObject({ errorName: 'NoAnswer' });
    await expect(as.bob.oracle.frozenAnswer(HRBR)).rejects.toMatchObject({ errorName: 'NotFrozen' });
  });
});

describe('reporting', () => {
  it('bonds, freezes the first answer for the guardian, then prices the share through its adapter', async () => {
    const { as, deployment, publicClient } = chain();
    const reporter = as.reporter1;
    await fundPusd(reporter, parsePusd('1000'));
    const { approval, register } = await reporter.oracle.register({ feedId: HRBR, bond: parsePusd('1000') });
    expect(approval).toBeDefined();
    await register.wait();
    expect(await reporter.oracle.reporter(HRBR, accounts.reporter1.address)).toMatchObject({
      bond: parsePusd('1000'),
      status: 'Active',
    });
    for (const other of [as.reporter2, as.reporter3]) {
      await fundPusd(other, parsePusd('1000'));
      await (await other.oracle.register({ feedId: HRBR, bond: parsePusd('1000') })).register.wait();
    }

    await mined(as.reporter1.oracle.submit({ feedId: HRBR, answer: parsePusd('102') }));
    await mined(as.reporter2.oracle.submit({ feedId: HRBR, answer: parsePusd('100') }));
    expect(await as.bob.oracle.pendingSubmissions(HRBR)).toEqual([
      { reporter: accounts.reporter1.address, answer: parsePusd('102') },
      { reporter: accounts.reporter2.address, answer: parsePusd('100') },
    ]);
    expect(
      await as.bob.oracle.previewSubmission({
        feedId: HRBR,
        answer: parsePusd('101'),
        reporter: accounts.reporter3.address,
      }),
    ).toEqual({ settles: true, median: parsePusd('101'), frozen: true, outliers: [] });
    await mined(as.reporter3.oracle.submit({ feedId: HRBR, answer: parsePusd('101') }));

    expect(await as.bob.oracle.latestAnswer(HRBR)).toMatchObject({ answer: 0n, status: 'Frozen' });
    expect(await as.bob.oracle.frozenAnswer(HRBR)).toBe(parsePusd('101'));
    await expect(as.reporter1.oracle.submit({ feedId: HRBR, answer: 1n })).rejects.toMatchObject({
      errorName: 'FeedIsFrozen',
    });
    await expect(as.alice.oracle.confirmAnswer({ feedId: HRBR })).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
    });
    const confirmed = await mined(as.deployer.oracle.confirmAnswer({ feedId: HRBR }));
    const receipt = await publicClient.getTransactionReceipt({ hash: confirmed.hash });
    expect(
      parseEventLogs({ abi: navOracleAbi, logs: receipt.logs, eventName: 'FrozenAnswerConfirmed' })[0]!.args,
    ).toMatchObject({ feedId: HRBR, roundId: 1n, answer: parsePusd('101') });

    const latest = await as.bob.oracle.latestAnswer(HRBR);
    expect(latest).toMatchObject({ answer: parsePusd('101'), roundId: 1n, status: 'Fresh' });
    expect(await as.bob.oracle.navOf(HRBR)).toBe(parsePusd('101'));
    expect(await as.bob.oracle.roundData(HRBR, 1n)).toMatchObject({ roundId: 1n, answer: parsePusd('101') });
    expect(await as.bob.oracle.latestRoundData(HRBR)).toEqual(await as.bob.oracle.roundData(HRBR, 1n));

    const adapter = deployment.contracts.NavFeedAdapter_HRBR!.address;
    const price = await as.bob.oracle.price(adapter);
    expect(price).toBe(parsePusd('101') * adapterScaleFactor(18, 18));
    expect(collateralValue(parsePusd('10'), price)).toBe(parsePusd('1010'));
    expect(await as.bob.oracle.adapterQuote(adapter)).toMatchObject({
      answer: parsePusd('101'),
      status: 'Fresh',
      feedId: HRBR,
      scaleFactor: 10n ** 18n,
      loanDecimals: 18,
      collateralDecimals: 18,
    });
  });

  it('predicts every settlement exactly: median, freeze, and who is slashed', async () => {
    const { as } = chain();
    await bondAll(HRBR, parsePusd('1000'));
    await round(HRBR, [parsePusd('100'), parsePusd('100'), parsePusd('100')]);
    let frozen = 0;
    let accepted = 0;
    let slashed = 0;
    await fc.assert(
      fc.asyncProperty(
        // moves of -8%..+8% in basis points around the last answer, per reporter
        fc.array(fc.integer({ min: -800, max: 800 }), { minLength: 3, maxLength: 3 }),
        async (moves) => {
          const last = (await as.bob.oracle.latestAnswer(HRBR)).answer;
          const answers = moves.map((bps) => last + (last * BigInt(bps)) / 10_000n);
          const [first, second] = reporters();
          await mined(first!.oracle.submit({ feedId: HRBR, answer: answers[0]! }));
          await mined(second!.oracle.submit({ feedId: HRBR, answer: answers[1]! }));
          const preview = await as.bob.oracle.previewSubmission({
            feedId: HRBR,
            answer: answers[2]!,
            reporter: accounts.reporter3.address,
          });
          if (!preview.settles) throw new Error('the third submission settles a quorum of 3');
          expect(preview.median).toBe(lowerMedian(answers));
          const bondsBefore = await Promise.all(
            reporters().map((r) => as.bob.oracle.reporter(HRBR, r.walletClient!.account!.address)),
          );
          const sent = await mined(reporters()[2]!.oracle.submit({ feedId: HRBR, answer: answers[2]! }));
          const receipt = await chain().publicClient.getTransactionReceipt({ hash: sent.hash });
          const logs = parseEventLogs({ abi: navOracleAbi, logs: receipt.logs });
          if (preview.frozen) {
            frozen++;
            expect(logs.some((l) => l.eventName === 'AnswerFrozen')).toBe(true);
            expect(await as.bob.oracle.frozenAnswer(HRBR)).toBe(preview.median);
            const confirmed = await mined(as.deployer.oracle.confirmAnswer({ feedId: HRBR }));
            const confirmLogs = parseEventLogs({
              abi: navOracleAbi,
              logs: (await chain().publicClient.getTransactionReceipt({ hash: confirmed.hash })).logs,
            });
            logs.push(...confirmLogs);
          } else {
            accepted++;
            expect(logs.find((l) => l.eventName === 'AnswerUpdated')?.args).toMatchObject({
              answer: preview.median,
            });
          }
          const slashes = logs.filter((l) => l.eventName === 'Slashed').map((l) => l.args.reporter);
          expect(slashes).toEqual(preview.outliers.map((o) => o.reporter));
          slashed += slashes.length;
          expect((await as.bob.oracle.latestAnswer(HRBR)).answer).toBe(preview.median);
          // Each outlier lost exactly min(slashAmount, bond).
          for (const [i, r] of reporters().entries()) {
            const who = r.walletClient!.account!.address;
            const after = await as.bob.oracle.reporter(HRBR, who);
            const cut = slashes.includes(who)
              ? bondsBefore[i]!.bond < parsePusd('100')
                ? bondsBefore[i]!.bond
                : parsePusd('100')
              : 0n;
            expect(after.bond).toBe(bondsBefore[i]!.bond - cut);
            // Keep everyone active: unjail and top up whoever the fuzzing punished.
            if (after.status === 'Jailed')
              await mined(as.deployer.oracle.unjail({ feedId: HRBR, reporter: who }));
            const now = await as.bob.oracle.reporter(HRBR, who);
            if (now.bond < parsePusd('1000')) {
              await fundPusd(r, parsePusd('1000'));
              await (await r.oracle.addBond({ feedId: HRBR, amount: parsePusd('1000') })).addBond.wait();
            }
          }
        },
      ),
      { seed: SEED, numRuns: 16 },
    );
    expect({ frozen: frozen > 0, accepted: accepted > 0, slashed: slashed > 0 }).toEqual({
      frozen: true,
      accepted: true,
      slashed: true,
    });
  });

  it('lets a guardian reject a frozen jump: the previous answer stays and the majority behind it is slashed', async () => {
    const { as } = chain();
    await bondAll(HRBR);
    await round(HRBR, [parsePusd('100'), parsePusd('100'), parsePusd('100')]);
    await round(HRBR, [parsePusd('150'), parsePusd('151'), parsePusd('100')], false);
    expect(await as.bob.oracle.frozenAnswer(HRBR)).toBe(parsePusd('150'));
    await mined(as.deployer.oracle.rejectAnswer({ feedId: HRBR }));
    expect(await as.bob.oracle.latestAnswer(HRBR)).toMatchObject({
      answer: parsePusd('100'),
      status: 'Fresh',
    });
    const bonds = await Promise.all(
      [accounts.reporter1, accounts.reporter2, accounts.reporter3].map((r) =>
        as.bob.oracle.reporter(HRBR, r.address),
      ),
    );
    expect(bonds.map((b) => b.bond)).toEqual([parsePusd('900'), parsePusd('900'), parsePusd('1000')]);
    await expect(as.deployer.oracle.rejectAnswer({ feedId: HRBR })).rejects.toMatchObject({
      errorName: 'NotFrozen',
    });
  });

  it('unbonds after the delay, and refuses an early withdrawal and a stale price', async () => {
    const { as, testClient } = chain();
    await bondAll(MSMR);
    await round(MSMR, [parsePusd('1'), parsePusd('1'), parsePusd('1')]);
    expect((await as.bob.oracle.latestAnswer(MSMR)).status).toBe('Fresh');

    await mined(as.reporter1.oracle.requestUnbond({ feedId: MSMR }));
    expect((await as.bob.oracle.reporter(MSMR, accounts.reporter1.address)).status).toBe('Unbonding');
    await expect(as.reporter1.oracle.withdrawBond({ feedId: MSMR })).rejects.toMatchObject({
      errorName: 'StillUnbonding',
    });
    await increaseTime(testClient, 7 * 86_400 + 1);
    expect((await as.bob.oracle.latestAnswer(MSMR)).status).toBe('Stale');
    await expect(as.bob.oracle.navOf(MSMR)).rejects.toMatchObject({
      errorName: 'StaleAnswer',
      message: expect.stringContaining('older than its 86400 s heartbeat'),
    });
    const before = await as.bob.pusd.balanceOf(accounts.reporter1.address);
    const withdrawn = await mined(as.reporter1.oracle.withdrawBond({ feedId: MSMR }));
    expect(withdrawn.result).toBe(parsePusd('1000'));
    expect(await as.bob.pusd.balanceOf(accounts.reporter1.address)).toBe(before + parsePusd('1000'));
    expect((await as.bob.oracle.reporter(MSMR, accounts.reporter1.address)).status).toBe('Approved');
  });

  it('creates a feed and approves a reporter as the admin', async () => {
    const { as, deployment } = chain();
    const created = await mined(
      as.deployer.oracle.createFeed({
        asset: deployment.contracts.RwaShareToken_HRBR!.address,
        description: 'HRBR / pUSD NAV (fast)',
        params: {
          quorum: 1,
          maxMoveBps: 10_000,
          toleranceBps: 100,
          jailThreshold: 1,
          heartbeat: 3600,
          roundTimeout: 60,
          minRoundInterval: 0,
          slashAmount: 1n,
          minBond: 1n,
        },
      }),
    );
    expect(created.result).toBe(3n);
    await mined(
      as.deployer.oracle.setReporterApproval({
        feedId: 3n,
        reporter: accounts.alice.address,
        approved: true,
      }),
    );
    await fundPusd(as.alice, 1n);
    await (await as.alice.oracle.register({ feedId: 3n, bond: 1n })).register.wait();
    await mined(as.alice.oracle.submit({ feedId: 3n, answer: 5n }));
    expect(await as.bob.oracle.frozenAnswer(3n)).toBe(5n);
    await expect(
      as.alice.oracle.createFeed({
        asset: accounts.alice.address,
        description: 'x',
        params: (await as.bob.oracle.feed(3n)).params,
      }),
    ).rejects.toMatchObject({ errorName: 'AccessControlUnauthorizedAccount' });
  });
});

describe('pre-flight refusals (nothing sent)', () => {
  it('refuses an unapproved reporter, a small bond, repeats, wrong rounds and bad answers', async () => {
    const { as } = chain();
    await fundPusd(as.alice, parsePusd('1000'));
    const aliceNonce = await nonceOf(as.alice, accounts.alice.address);
    await expect(as.alice.oracle.register({ feedId: HRBR, bond: parsePusd('1000') })).rejects.toMatchObject({
      errorName: 'InvalidReporterStatus',
      args: { feedId: HRBR, reporter: accounts.alice.address, status: 0 },
      message: `${accounts.alice.address} is None in feed 1, which does not allow this (reporters are approved by the admin, register with a bond, and submit while Active).`,
    });
    expect(await nonceOf(as.alice, accounts.alice.address)).toBe(aliceNonce);

    const reporter = as.reporter1;
    await fundPusd(reporter, parsePusd('1000'));
    const nonce = await nonceOf(reporter, accounts.reporter1.address);
    await expect(reporter.oracle.register({ feedId: HRBR, bond: parsePusd('999') })).rejects.toMatchObject({
      errorName: 'BondTooSmall',
      args: { amount: parsePusd('999'), minBond: parsePusd('1000') },
    });
    await expect(reporter.oracle.register({ feedId: HRBR, bond: parsePusd('5000') })).rejects.toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      contract: 'PlazaUSD',
    });
    await expect(reporter.oracle.submit({ feedId: HRBR, answer: parsePusd('1') })).rejects.toMatchObject({
      errorName: 'InvalidReporterStatus',
    });
    expect(await nonceOf(reporter, accounts.reporter1.address)).toBe(nonce);

    await (await reporter.oracle.register({ feedId: HRBR, bond: parsePusd('1000') })).register.wait();
    const afterRegister = await nonceOf(reporter, accounts.reporter1.address);
    await expect(reporter.oracle.submit({ feedId: HRBR, answer: 0n })).rejects.toMatchObject({
      errorName: 'InvalidAnswer',
    });
    await expect(reporter.oracle.submit({ feedId: HRBR, answer: 2n ** 96n })).rejects.toMatchObject({
      errorName: 'InvalidAnswer',
    });
    await expect(reporter.oracle.submit({ feedId: HRBR, answer: 1n, roundId: 2n })).rejects.toMatchObject({
      errorName: 'WrongRound',
      args: { feedId: HRBR, given: 2n, current: 1n },
    });
    await mined(reporter.oracle.submit({ feedId: HRBR, answer: parsePusd('100') }));
    await expect(reporter.oracle.submit({ feedId: HRBR, answer: parsePusd('100') })).rejects.toMatchObject({
      errorName: 'AlreadySubmitted',
    });
    await expect(reporter.oracle.addBond({ feedId: HRBR, amount: 0n })).rejects.toMatchObject({
      errorName: 'ZeroAmount',
    });
    expect(await nonceOf(reporter, accounts.reporter1.address)).toBe(afterRegister + 1);
    await expect(reporter.oracle.navOf(0n)).rejects.toMatchObject({ code: 'InvalidInput' });
  });
});

describe('math', () => {
  it('lower median, distance and settlement agree with the contract’s rules on edge cases', () => {
    expect(lowerMedian([3n])).toBe(3n);
    expect(lowerMedian([4n, 1n, 3n, 2n])).toBe(2n);
    expect(exceedsBps(102n, 100n, 200)).toBe(false);
    expect(exceedsBps(103n, 100n, 200)).toBe(true);
    const a = accounts.alice.address;
    const b = accounts.bob.address;
    // Equal answers sort by reporter address (the packed word).
    const ordered = [a, b].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    const preview = previewSettlement({
      submissions: [
        { reporter: ordered[1]!, answer: 100n },
        { reporter: ordered[0]!, answer: 100n },
      ],
      lastAnswer: 100n,
      hasAnswer: true,
      maxMoveBps: 1,
      toleranceBps: 1,
    });
    expect(preview).toEqual({ median: 100n, frozen: false, outliers: [] });
    expect(
      previewSettlement({
        submissions: [{ reporter: a, answer: 7n }],
        lastAnswer: 0n,
        hasAnswer: false,
        maxMoveBps: 1,
        toleranceBps: 1,
      }).frozen,
    ).toBe(true);
  });
});
