// The FeeCollector through the SDK: previewDistribution is exactly what distribute pays (fuzzed amounts and
// splits, including dust that rounds shares to zero), credits for recipients that cannot be paid, and claims.
import { feeCollectorAbi, plazaUsdAbi } from '@plaza/abi';
import { parsePusd, splitFees, writeContract, type FeeRecipient } from '@plaza/sdk';
import fc from 'fast-check';
import { getAddress, keccak256, parseEventLogs, toHex, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { RESERVE, TREASURY, accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
const SEED = 0x504c415a;

/** Mints pUSD straight into the collector, as if a module had paid a fee (the deployer becomes a minter). */
async function payFee(amount: bigint) {
  const { as } = chain();
  const ctx = as.deployer.context;
  const send = async (functionName: string, args: readonly unknown[]) =>
    (await writeContract(ctx, { contract: 'PlazaUSD', abi: plazaUsdAbi, functionName, args })).wait();
  await send('configureMinter', [accounts.deployer.address, 2n ** 128n - 1n]);
  await send('mint', [ctx.address('FeeCollector'), amount]);
}

async function setRecipients(recipients: readonly FeeRecipient[]) {
  const { as } = chain();
  await (
    await writeContract(as.deployer.context, {
      contract: 'FeeCollector',
      abi: feeCollectorAbi,
      functionName: 'setRecipients',
      args: [recipients],
    })
  ).wait();
}

/** A split of 10,000 bps among 1–8 fresh addresses. */
const arbitrarySplit = fc
  .array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 8 })
  .map((weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const bps = weights.map((w) => Math.max(1, Math.floor((w * 10_000) / total)));
    let excess = bps.reduce((a, b) => a + b, 0) - 10_000;
    for (let i = 0; excess !== 0; i = (i + 1) % bps.length) {
      const step = excess > 0 ? (bps[i]! > 1 ? -1 : 0) : 1;
      bps[i]! += step;
      excess += step;
    }
    return bps.map((share, i) => ({
      account: getAddress(keccak256(toHex(`recipient-${i}-${share}-${total}`)).slice(0, 42)),
      bps: share,
      notify: false,
    }));
  });

describe('fee distribution', () => {
  it('reads the configured split', async () => {
    const { as } = chain();
    expect(await as.bob.fees.recipients()).toEqual([
      { account: TREASURY, bps: 6000, notify: false },
      { account: RESERVE, bps: 2000, notify: false },
      { account: chain().deployment.contracts.LiquidityIncentives!.address, bps: 2000, notify: true },
    ]);
    expect(await as.bob.fees.undistributed()).toBe(0n);
  });

  it('pays exactly the previewed shares, across fuzzed amounts and splits', async () => {
    const { as } = chain();
    let zeroShares = 0;
    await fc.assert(
      fc.asyncProperty(
        arbitrarySplit,
        fc.oneof(fc.bigInt({ min: 1n, max: 20n }), fc.bigInt({ min: 1n, max: 10n ** 24n })),
        async (recipients, amount) => {
          await setRecipients(recipients);
          await payFee(amount);
          const before = await Promise.all(recipients.map((r) => as.bob.pusd.balanceOf(r.account)));
          const preview = await as.bob.fees.previewDistribution();
          expect(preview.amount).toBe(amount);
          expect(preview.shares).toEqual(splitFees(amount, recipients));

          const sent = await as.bob.fees.distribute();
          expect(sent.result).toBe(amount);
          const receipt = await sent.wait();
          const paid = parseEventLogs({
            abi: feeCollectorAbi,
            logs: receipt.logs,
            eventName: 'FeesDistributed',
          });
          expect(paid.map((log) => ({ account: log.args.recipient, amount: log.args.amount }))).toEqual(
            preview.shares,
          );
          for (const [i, recipient] of recipients.entries()) {
            const share = preview.shares.find((s) => s.account === recipient.account)?.amount ?? 0n;
            if (share === 0n) zeroShares++;
            expect(await as.bob.pusd.balanceOf(recipient.account)).toBe(before[i]! + share);
          }
          expect(await as.bob.fees.undistributed()).toBe(0n);
        },
      ),
      { seed: SEED, numRuns: 15 },
    );
    expect(zeroShares).toBeGreaterThan(0); // dust amounts reached the skipped-share branch
  });

  it('returns 0 when nothing arrived since the last distribution', async () => {
    const { as } = chain();
    const sent = await as.bob.fees.distribute();
    expect(sent.result).toBe(0n);
    await sent.wait();
  });

  it('credits a recipient that cannot be paid, and lets anyone claim it once it can', async () => {
    const { as } = chain();
    await (await as.deployer.compliance.setBlocked({ account: RESERVE, blocked: true })).wait();
    await payFee(parsePusd('10'));
    await (await as.bob.fees.distribute()).wait();
    expect(await as.bob.pusd.balanceOf(TREASURY)).toBe(parsePusd('6'));
    expect(await as.bob.fees.creditOf(RESERVE)).toBe(parsePusd('2'));
    expect(await as.bob.fees.totalCredit()).toBe(parsePusd('2'));
    expect(await as.bob.fees.undistributed()).toBe(0n);

    await expect(as.bob.fees.claim({ recipient: RESERVE })).rejects.toMatchObject({
      errorName: 'AccountBlocked',
      contract: 'FeeCollector',
      args: { account: RESERVE },
    });
    await (await as.deployer.compliance.setBlocked({ account: RESERVE, blocked: false })).wait();
    const claimed = await as.bob.fees.claim({ recipient: RESERVE });
    expect(claimed.result).toBe(parsePusd('2'));
    await claimed.wait();
    expect(await as.bob.pusd.balanceOf(RESERVE)).toBe(parsePusd('2'));
    expect(await as.bob.fees.totalCredit()).toBe(0n);

    await expect(as.bob.fees.claim({ recipient: RESERVE })).rejects.toMatchObject({
      errorName: 'NothingToClaim',
      message: `${RESERVE} has no fee credit in ${await as.bob.pusd.address()} to claim.`,
    });
  });

  it('splits like the contract, by hand', () => {
    const [a, b, c] = ['0x1', '0x2', '0x3'].map((x) => getAddress(x.padEnd(42, '0'))) as [
      Address,
      Address,
      Address,
    ];
    expect(
      splitFees(10n, [
        { account: a, bps: 3333, notify: false },
        { account: b, bps: 6667, notify: false },
      ]),
    ).toEqual([
      { account: a, amount: 3n },
      { account: b, amount: 7n },
    ]);
    expect(
      splitFees(1n, [
        { account: a, bps: 5000, notify: false },
        { account: b, bps: 4000, notify: false },
        { account: c, bps: 1000, notify: false },
      ]),
    ).toEqual([{ account: c, amount: 1n }]);
  });
});
