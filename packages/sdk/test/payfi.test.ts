// PayFi through the SDK against the real deployment: payment ids equal the contract's across fuzzed payments
// (and the contracts' viem fixture); one-signature checkouts submitted by a relayer, also from a smart wallet
// (ERC-1271) and from a payment link; escrow (capture, refund, void, reclaim, settle); fee splits equal the
// contract's across fuzzed amounts, tiers and referral shares; loyalty points earned, spent at checkout and
// redeemed; the AdvancePool; and what the contracts would refuse refused before anything is sent.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { paymentProcessorAbi } from '@plaza/abi';
import {
  computePaymentId,
  ownerSignedSmartAccount,
  paymentAuthorizationTypedData,
  paymentFee,
  parsePusd,
  settlementSplit,
  type PaymentInfo,
} from '@plaza/sdk';
import fc from 'fast-check';
import { getAddress, hashTypedData, parseEventLogs, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';
import { SEED, fundPusd, increaseTime, kyc, mined, nonceOf } from './support/helpers.js';

const chain = useTestChain();
const { alice, bob, carol, cafe, grocer, gadgets } = accounts;
const WEEK = 7 * 86_400;

/** Cafe (no refund window, code CAFE), Grocer (7-day window, points, code GROCER), Bob a referral partner. */
async function setup() {
  const { as } = chain();
  await kyc(as.deployer, cafe.address, { creditScore: 700 });
  await kyc(as.deployer, grocer.address, { creditScore: 800 });
  await mined(as.cafe.merchants.register({ referralCode: 'CAFE' }));
  await mined(as.grocer.merchants.register({ refundWindow: WEEK, referralCode: 'GROCER' }));
  await mined(
    as.grocer.merchants.createLoyaltyProgram({
      name: 'Grocer Points',
      symbol: 'GRO',
      earnRateBps: 10_000,
      pointValue: parsePusd('0.01'),
    }),
  );
  await mined(as.deployer.merchants.setReferralCodeFor({ partner: bob.address, code: 'BOB' }));
  await fundPusd(as.alice, parsePusd('1000'));
}

async function receiptLogs(hash: Hex) {
  const receipt = await chain().publicClient.getTransactionReceipt({ hash });
  return parseEventLogs({ abi: paymentProcessorAbi, logs: receipt.logs });
}

describe('payment ids', () => {
  it('match the contracts’ viem fixture and the processor’s paymentId across fuzzed payments', async () => {
    const { as, deployment } = chain();
    const fixture = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve('@plaza/contracts/test/fixtures/payfi.json'),
        'utf8',
      ),
    ) as {
      processor: Address;
      pusd: Address;
      paymentId: Hex;
      authorizationDigest: Hex;
      payment: Record<string, unknown>;
    };
    const p = fixture.payment;
    const info: PaymentInfo = {
      payer: p.payer as Address,
      merchant: p.merchant as Address,
      token: p.token as Address,
      amount: BigInt(p.amount as string),
      pointsRedeemed: BigInt(p.pointsRedeemed as string),
      orderRef: p.orderRef as Hex,
      authorizationExpiry: p.authorizationExpiry as number,
      refundExpiry: p.refundExpiry as number,
      minFeeBps: p.minFeeBps as number,
      maxFeeBps: p.maxFeeBps as number,
      referrer: p.referrer as Address,
      autoCapture: p.autoCapture as boolean,
      salt: BigInt(p.salt as string),
    };
    expect(computePaymentId(info, { chainId: 31337, processor: fixture.processor })).toBe(fixture.paymentId);
    const pusdDomain = { name: 'Plaza USD', version: '1', chainId: 31337, verifyingContract: fixture.pusd };
    expect(
      hashTypedData(
        paymentAuthorizationTypedData(info, { pusdDomain, processor: fixture.processor, chainId: 31337 }),
      ),
    ).toBe(fixture.authorizationDigest);

    const address = fc
      .uint8Array({ minLength: 20, maxLength: 20 })
      .map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          payer: address,
          merchant: address,
          token: fc.constantFrom(deployment.contracts.PlazaUSD!.address, getAddress(`0x${'11'.repeat(20)}`)),
          amount: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
          pointsRedeemed: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
          orderRef: fc
            .uint8Array({ minLength: 32, maxLength: 32 })
            .map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex),
          authorizationExpiry: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
          refundExpiry: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
          minFeeBps: fc.integer({ min: 0, max: 65_535 }),
          maxFeeBps: fc.integer({ min: 0, max: 65_535 }),
          referrer: address,
          autoCapture: fc.boolean(),
          salt: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        }),
        async (payment) => {
          expect(as.bob.payments.paymentId(payment)).toBe(await as.bob.payments.paymentIdOnChain(payment));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('one-signature checkout', () => {
  it('a shopper signs once, a relayer pays the gas; fee, referral and payout as quoted', async () => {
    const { as, deployment } = chain();
    await setup();
    const info = await as.alice.payments.createPayment({
      merchant: cafe.address,
      amount: parsePusd('25'),
      orderRef: 'LATTE-42',
      referrer: bob.address,
    });
    const now = Number((await chain().publicClient.getBlock()).timestamp);
    expect(info).toMatchObject({
      payer: alice.address,
      token: deployment.contracts.PlazaUSD!.address,
      autoCapture: true,
      minFeeBps: 0,
      maxFeeBps: 100,
      refundExpiry: info.authorizationExpiry,
      pointsRedeemed: 0n,
    });
    // An hour from the later of the latest block and the local clock (an idle devnet's next block is stamped now).
    const clock = Math.max(now, Math.floor(Date.now() / 1000));
    expect(info.authorizationExpiry - clock).toBeGreaterThanOrEqual(3599);
    expect(info.authorizationExpiry - clock).toBeLessThanOrEqual(3600);
    expect(info.salt < 2n ** 64n).toBe(true);
    const quote = await as.alice.payments.quote(info);
    expect(quote).toMatchObject({
      feeBps: 100,
      fee: parsePusd('0.25'),
      referralFee: parsePusd('0.05'),
      merchant: parsePusd('24.75'),
      points: 0n,
    });

    const signed = await as.alice.payments.signPayment(info);
    expect(signed.id).toBe(await as.bob.payments.paymentIdOnChain(info));
    const aliceNonce = await nonceOf(as.alice, alice.address);
    const sent = await mined(as.relayer.payments.submitPayment(signed));
    expect(sent.result).toBe(signed.id);
    expect(await nonceOf(as.alice, alice.address)).toBe(aliceNonce); // Alice sent nothing
    const paid = (await receiptLogs(sent.hash)).find((l) => l.eventName === 'PaymentPaid')!;
    expect(paid.args).toMatchObject({
      paymentId: signed.id,
      merchant: cafe.address,
      payer: alice.address,
      amount: quote.amount,
      fee: quote.fee,
      referrer: bob.address,
      referralFee: quote.referralFee,
      points: 0n,
    });
    expect(await as.bob.payments.state(info)).toMatchObject({ exists: false, used: true, held: 0n });
    expect(await as.bob.payments.merchantBalances(cafe.address)).toMatchObject({
      claimable: quote.merchant,
      pending: 0n,
    });
    expect(await as.bob.payments.creditOf(bob.address)).toBe(quote.referralFee);
    expect(await as.bob.payments.feesAccrued()).toBe(quote.protocolFee);

    const payout = await mined(as.bob.payments.payout({ merchant: cafe.address }));
    expect(payout.result).toBe(quote.merchant);
    const claimed = await mined(as.bob.payments.claim());
    expect(claimed.result).toBe(quote.referralFee);
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(quote.referralFee);
    expect((await mined(as.bob.payments.sweepFees())).result).toBe(quote.protocolFee);

    // The same signature cannot pay twice: refused before sending.
    const relayerNonce = await nonceOf(as.relayer, accounts.relayer.address);
    await expect(as.relayer.payments.submitPayment(signed)).rejects.toMatchObject({
      errorName: 'PaymentAlreadyExists',
      args: { id: signed.id },
    });
    expect(await nonceOf(as.relayer, accounts.relayer.address)).toBe(relayerNonce);
  });

  it('a smart wallet (ERC-1271) pays with its owner’s signature, in either signature form', async () => {
    const { as, publicClient } = chain();
    await setup();
    const artifact = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve('@plaza/contracts/out/SmartWallet.sol/SmartWallet.json'),
        'utf8',
      ),
    ) as { abi: readonly unknown[]; bytecode: { object: Hex } };
    const hash = await as.deployer.walletClient!.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode.object,
      args: [carol.address],
      account: accounts.deployer,
      chain: as.deployer.walletClient!.chain,
    });
    const wallet = getAddress((await publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
    await mined(as.alice.pusd.transfer({ to: wallet, amount: parsePusd('20') }));
    const signer = ownerSignedSmartAccount({ address: wallet, owner: carol });
    for (const form of ['auto', 'bytes'] as const) {
      const info = await as.relayer.payments.createPayment({
        merchant: cafe.address,
        amount: parsePusd('5'),
        payer: wallet,
      });
      const signed = await as.relayer.payments.signPayment(info, { signer });
      await mined(as.relayer.payments.submitPayment(signed, { form }));
    }
    expect(await as.bob.pusd.balanceOf(wallet)).toBe(parsePusd('10'));
    expect((await as.bob.payments.merchantBalances(cafe.address)).claimable).toBe(parsePusd('9.9'));
  });

  it('a merchant’s https link is paid by whoever opens it; the EIP-681 link pays its payout address', async () => {
    const { as } = chain();
    await setup();
    const offer = await as.grocer.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('12'),
      orderRef: 'BASKET-9',
      payer: grocer.address, // a placeholder: links carry no payer
    });
    const link = await as.grocer.payments.link(offer, { baseUrl: 'https://app.plaza.example' });
    expect(link).not.toContain('payer=');
    expect(link).toContain('order=BASKET-9');
    const info = await as.alice.payments.fromLink(link);
    expect(info).toEqual({ ...offer, payer: alice.address });
    await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(info)));
    expect(await as.bob.payments.state(info)).toMatchObject({
      exists: true,
      held: parsePusd('12'),
      refundable: true,
    });

    const eip681 = await as.grocer.payments.eip681Link(offer);
    expect(eip681).toBe(
      `ethereum:${info.token}@31337/transfer?address=${grocer.address}&uint256=${parsePusd('12')}`,
    );
    await expect(as.bob.payments.fromLink(link.replace('chain=31337', 'chain=8453'))).rejects.toMatchObject({
      code: 'ChainMismatch',
    });
  });
});

describe('escrow', () => {
  it('authorize, partial capture, refund, void; settle after the window mints points; the payer reclaims an expired one', async () => {
    const { as, testClient } = chain();
    await setup();
    const info = await as.alice.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('50'),
      mode: 'escrow',
    });
    expect(info.autoCapture).toBe(false);
    expect(info.refundExpiry - info.authorizationExpiry).toBe(WEEK);
    await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(info)));
    expect(await as.bob.payments.state(info)).toMatchObject({ capturable: parsePusd('50'), held: 0n });

    await expect(as.bob.payments.capture({ payment: info })).rejects.toMatchObject({
      errorName: 'NotMerchantOrOperator',
      args: { caller: bob.address, merchant: grocer.address },
    });
    await mined(as.grocer.merchants.setOperator({ operator: carol.address, allowed: true }));
    await mined(as.carol.payments.capture({ payment: info, amount: parsePusd('30') }));
    await expect(
      as.grocer.payments.capture({ payment: info, amount: parsePusd('21') }),
    ).rejects.toMatchObject({
      errorName: 'AmountExceedsCapturable',
      args: { amount: parsePusd('21'), capturable: parsePusd('20') },
    });
    const before = await as.bob.pusd.balanceOf(alice.address);
    await mined(as.grocer.payments.refund({ payment: info, amount: parsePusd('10') }));
    await mined(as.grocer.payments.void({ payment: info }));
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(before + parsePusd('30'));
    const held = await as.bob.payments.state(info);
    expect(held).toMatchObject({
      capturable: 0n,
      held: parsePusd('20'),
      refundable: true,
      settleable: false,
    });
    expect(await as.bob.payments.merchantBalances(grocer.address)).toMatchObject({
      pending: parsePusd('20'),
    });

    await expect(as.bob.payments.settle({ payment: info })).rejects.toMatchObject({
      errorName: 'NotYetReleasable',
      contract: 'PaymentProcessor',
    });
    await increaseTime(testClient, WEEK);
    await expect(as.grocer.payments.refund({ payment: info })).rejects.toMatchObject({
      errorName: 'RefundWindowClosed',
    });
    const payoutBefore = await as.bob.pusd.balanceOf(grocer.address);
    await mined(as.bob.payments.settle({ payment: info }));
    expect(await as.bob.pusd.balanceOf(grocer.address)).toBe(
      payoutBefore + parsePusd('20') - paymentFee(parsePusd('20'), 100),
    );
    expect(await as.bob.points.balanceOf(grocer.address, alice.address)).toBe(parsePusd('20'));

    // An authorization nobody captures goes back to the payer after its expiry.
    const stale = await as.alice.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('7'),
      mode: 'escrow',
    });
    await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(stale)));
    await expect(as.alice.payments.reclaim({ payment: stale })).rejects.toMatchObject({
      errorName: 'AuthorizationNotExpired',
    });
    await expect(as.bob.payments.reclaim({ payment: stale })).rejects.toMatchObject({
      errorName: 'NotPayer',
    });
    await increaseTime(testClient, WEEK);
    const aliceBefore = await as.bob.pusd.balanceOf(alice.address);
    await mined(as.alice.payments.reclaim({ payment: stale }));
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(aliceBefore + parsePusd('7'));
  });

  it('captures and settles in batches, paying each merchant once', async () => {
    const { as, testClient } = chain();
    await setup();
    const payments: PaymentInfo[] = [];
    for (const amount of ['1', '2', '3']) {
      const info = await as.alice.payments.createPayment({
        merchant: grocer.address,
        amount: parsePusd(amount),
        mode: 'escrow',
      });
      await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(info)));
      payments.push(info);
    }
    await mined(as.grocer.payments.captureBatch({ payments }));
    await increaseTime(testClient, WEEK);
    const settled = await mined(as.bob.payments.settleBatch({ payments }));
    expect(settled.result).toBe(3n);
    expect(await as.bob.points.balanceOf(grocer.address, alice.address)).toBe(parsePusd('6'));
  });
});

describe('allowance and permit payments', () => {
  it('pay, payWithPermit and authorizeFrom are sent by the payer, approving only what is needed', async () => {
    const { as, deployment } = chain();
    await setup();
    const direct = await as.alice.payments.createPayment({ merchant: cafe.address, amount: parsePusd('3') });
    await expect(as.bob.payments.pay(direct)).rejects.toMatchObject({
      errorName: 'NotPayer',
      args: { caller: bob.address, payer: alice.address },
    });
    const { approval, payment } = await as.alice.payments.pay(direct);
    expect(approval).toBeDefined();
    await payment.wait();
    expect(await as.bob.pusd.allowance(alice.address, deployment.contracts.PaymentProcessor!.address)).toBe(
      0n,
    );
    expect(await as.bob.payments.state(direct)).toMatchObject({ exists: true, used: true });

    const permitted = await as.alice.payments.createPayment({
      merchant: cafe.address,
      amount: parsePusd('4'),
    });
    await mined(as.alice.payments.payWithPermit(permitted));
    const escrow = await as.alice.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('5'),
      mode: 'escrow',
    });
    await expect(as.alice.payments.pay(escrow)).rejects.toMatchObject({ errorName: 'WrongPaymentMode' });
    await (await as.alice.payments.authorizeFrom(escrow)).payment.wait();
    expect((await as.bob.payments.state(escrow)).capturable).toBe(parsePusd('5'));
    expect((await as.bob.payments.merchantBalances(cafe.address)).claimable).toBe(
      parsePusd('7') - parsePusd('0.07'),
    );
    const withdrawn = await mined(as.cafe.payments.withdraw({ to: carol.address }));
    expect(withdrawn.result).toBe(parsePusd('6.93'));
    expect(await as.bob.pusd.balanceOf(carol.address)).toBe(parsePusd('6.93'));
  });

  it('splits fees exactly as the contract across fuzzed amounts, tiers, referral shares and earn rates', async () => {
    const { as } = chain();
    await setup();
    await fundPusd(as.alice, parsePusd('100000'));
    let referred = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: parsePusd('1000') })),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom<'bob' | 'none' | 'merchant'>('bob', 'none', 'merchant'),
        async (amount, feeBps, shareBps, earnRateBps, who) => {
          await mined(as.deployer.merchants.setTierFee({ tier: 0, feeBps }));
          await mined(as.deployer.merchants.setReferralShare({ shareBps }));
          await mined(as.grocer.merchants.setEarnRate({ earnRateBps }));
          await mined(as.grocer.merchants.setRefundWindow({ refundWindow: 0 }));
          const referrer = who === 'bob' ? bob.address : who === 'merchant' ? grocer.address : undefined;
          const info = await as.alice.payments.createPayment({
            merchant: grocer.address,
            amount,
            ...(referrer ? { referrer } : {}),
          });
          const quote = await as.alice.payments.quote(info);
          const expected = settlementSplit({
            amount,
            feeBps,
            referralShareBps: shareBps,
            referrerEligible: who === 'bob',
            earnRateBps,
          });
          expect(quote).toMatchObject(expected);
          const sent = await mined(
            as.relayer.payments.submitPayment(await as.alice.payments.signPayment(info)),
          );
          const paid = (await receiptLogs(sent.hash)).find((l) => l.eventName === 'PaymentPaid')!;
          expect(paid.args).toMatchObject({
            amount,
            fee: expected.fee,
            referralFee: expected.referralFee,
            points: expected.points,
          });
          if (expected.referralFee > 0n) referred++;
        },
      ),
      { seed: SEED, numRuns: 15 },
    );
    expect(referred).toBeGreaterThan(0);
  });
});

describe('loyalty points', () => {
  it('points earned are spent at checkout as a discount and redeemed from the reserve', async () => {
    const { as, testClient } = chain();
    await setup();
    const earn = await as.alice.payments.createPayment({ merchant: grocer.address, amount: parsePusd('40') });
    await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(earn)));
    await increaseTime(testClient, WEEK);
    await mined(as.bob.payments.settle({ payment: earn }));
    expect(await as.bob.points.balanceOf(grocer.address, alice.address)).toBe(parsePusd('40'));

    const spend = await as.alice.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('10'),
      pointsRedeemed: parsePusd('5'),
    });
    expect((await as.alice.payments.quote(spend)).discount).toBe(parsePusd('0.05'));
    const sent = await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(spend)));
    expect((await receiptLogs(sent.hash)).find((l) => l.eventName === 'PointsRedeemed')?.args).toMatchObject({
      points: parsePusd('5'),
      discount: parsePusd('0.05'),
    });
    expect(await as.bob.points.balanceOf(grocer.address, alice.address)).toBe(parsePusd('35'));

    const program = await as.bob.points.program(grocer.address);
    expect(program).toMatchObject({
      symbol: 'GRO',
      name: 'Grocer Points',
      merchant: grocer.address,
      reserve: 0n,
      expired: false,
    });
    await expect(
      as.alice.points.redeem({ merchant: grocer.address, points: parsePusd('1') }),
    ).rejects.toMatchObject({
      errorName: 'NothingToRedeem',
    });
    await fundPusd(as.grocer, parsePusd('1'));
    await (
      await as.grocer.points.fundReserve({ merchant: grocer.address, amount: parsePusd('1') })
    ).fund.wait();
    const preview = await as.alice.points.previewRedeem(grocer.address, parsePusd('10'));
    expect(preview).toBe(parsePusd('0.1'));
    const before = await as.bob.pusd.balanceOf(alice.address);
    expect(
      (await mined(as.alice.points.redeem({ merchant: grocer.address, points: parsePusd('10') }))).result,
    ).toBe(preview);
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(before + preview);
    const after = await as.bob.points.program(grocer.address);
    expect(after.surplus).toBe(after.reserve - after.liability);
    await expect(as.grocer.points.withdrawReserve({ amount: after.surplus + 1n })).rejects.toMatchObject({
      errorName: 'ExceedsSurplus',
    });
    await mined(as.grocer.points.withdrawReserve({ amount: after.surplus }));
    expect(await as.bob.points.programOf(cafe.address)).toBeUndefined();
  });
});

describe('advances', () => {
  it('a merchant draws against escrowed receivables; settlement repays the pool first', async () => {
    const { as, testClient } = chain();
    await setup();
    await fundPusd(as.carol, parsePusd('1000'));
    const { deposit } = await as.carol.advances.deposit({ assets: parsePusd('1000') });
    await deposit.wait();
    const info = await as.alice.payments.createPayment({
      merchant: grocer.address,
      amount: parsePusd('100'),
    });
    await mined(as.relayer.payments.submitPayment(await as.alice.payments.signPayment(info)));

    const credit = await as.bob.advances.credit(grocer.address);
    expect(credit).toMatchObject({
      creditScore: 800,
      rateBps: 7000,
      held: parsePusd('100'),
      debt: 0n,
      limit: parsePusd('70'),
      active: true,
    });
    await expect(as.grocer.advances.advance({ amount: parsePusd('71') })).rejects.toMatchObject({
      errorName: 'AdvanceExceedsLimit',
      args: { amount: parsePusd('71'), limit: parsePusd('70') },
    });
    const quote = await as.bob.advances.quoteAdvance(parsePusd('50'));
    expect(quote).toEqual({ fee: parsePusd('0.5'), received: parsePusd('49.5') });
    const before = await as.bob.pusd.balanceOf(grocer.address);
    const drawn = await mined(as.grocer.advances.advance({ amount: parsePusd('50') }));
    expect(drawn.result).toBe(parsePusd('49.5'));
    expect(await as.bob.pusd.balanceOf(grocer.address)).toBe(before + parsePusd('49.5'));
    expect(await as.bob.payments.advanceTotals()).toMatchObject({
      outstanding: parsePusd('50'),
      advanced: parsePusd('50'),
    });
    const pool = await as.bob.advances.state();
    expect(pool).toMatchObject({
      idle: parsePusd('950.5'),
      outstanding: parsePusd('50'),
      unvestedFees: parsePusd('0.5'),
    });
    expect(pool.totalAssets).toBe(parsePusd('1000'));

    await increaseTime(testClient, WEEK);
    await mined(as.bob.payments.settle({ payment: info }));
    expect(await as.bob.payments.advanceTotals()).toMatchObject({ outstanding: 0n, repaid: parsePusd('50') });
    expect(await as.bob.advances.maxWithdraw(carol.address)).toBeGreaterThan(parsePusd('1000'));
    const before2 = await as.bob.pusd.balanceOf(carol.address);
    await mined(as.carol.advances.withdraw({ assets: parsePusd('10') }));
    expect(await as.bob.pusd.balanceOf(carol.address)).toBe(before2 + parsePusd('10'));
    const redeemable = await as.bob.advances.balanceOf(carol.address);
    await expect(as.carol.advances.withdraw({ assets: parsePusd('2000') })).rejects.toMatchObject({
      errorName: 'ERC4626ExceededMaxWithdraw',
    });
    expect((await mined(as.carol.advances.redeem({ shares: redeemable }))).result).toBeGreaterThan(
      parsePusd('990'), // 1,000 deposited, 10 withdrawn, plus the vested part of the 0.5 fee,
    );
  });

  it('refuses a merchant below the minimum score, before sending', async () => {
    const { as } = chain();
    await setup();
    await kyc(as.deployer, gadgets.address, { creditScore: 550 });
    await mined(as.gadgets.merchants.register({ refundWindow: WEEK }));
    const nonce = await nonceOf(as.gadgets, gadgets.address);
    await expect(as.gadgets.advances.advance({ amount: 1n })).rejects.toMatchObject({
      errorName: 'CreditScoreTooLow',
      args: { score: 550n, minScore: 600n },
      message: "A credit score of 550 is below the pool's minimum of 600: no advance.",
    });
    expect(await nonceOf(as.gadgets, gadgets.address)).toBe(nonce);
    expect(await as.bob.advances.advanceRateBps(1000)).toBe(9000);
  });
});

describe('pre-flight refusals (nothing sent)', () => {
  it('refuses expired, out-of-bounds, inactive and unregistered cases like the contracts', async () => {
    const { as, testClient } = chain();
    await setup();
    const relayerNonce = await nonceOf(as.relayer, accounts.relayer.address);
    const soon = await as.alice.payments.createPayment({
      merchant: cafe.address,
      amount: parsePusd('1'),
      authorizationExpiry: Number((await chain().publicClient.getBlock()).timestamp) + 5,
    });
    const signedSoon = await as.alice.payments.signPayment(soon);
    await increaseTime(testClient, 10);
    await expect(as.relayer.payments.submitPayment(signedSoon)).rejects.toMatchObject({
      errorName: 'AuthorizationExpired',
    });

    const info = await as.alice.payments.createPayment({ merchant: cafe.address, amount: parsePusd('1') });
    const signed = await as.alice.payments.signPayment(info);
    await mined(as.deployer.merchants.setTierFee({ tier: 0, feeBps: 150 }));
    await expect(as.relayer.payments.submitPayment(signed)).rejects.toMatchObject({
      errorName: 'FeeOutOfBounds',
      args: { feeBps: 150n, minFeeBps: 0n, maxFeeBps: 100n },
    });
    await mined(as.deployer.merchants.setTierFee({ tier: 0, feeBps: 100 }));
    await mined(as.deployer.merchants.setSuspended({ merchant: cafe.address, suspended: true }));
    await expect(as.relayer.payments.submitPayment(signed)).rejects.toMatchObject({
      errorName: 'MerchantNotActive',
      message: `${cafe.address} is not an active merchant (not registered, or suspended): it takes no new payments or captures.`,
    });
    await mined(as.deployer.merchants.setSuspended({ merchant: cafe.address, suspended: false }));
    const broke = await as.bob.payments.createPayment({ merchant: cafe.address, amount: parsePusd('1') });
    await expect(
      as.relayer.payments.submitPayment(await as.bob.payments.signPayment(broke)),
    ).rejects.toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      contract: 'PlazaUSD',
    });
    await expect(
      as.relayer.payments.submitPayment({ ...signed, info: { ...info, pointsRedeemed: 1n } }),
    ).rejects.toMatchObject({ errorName: 'NoLoyaltyProgram' });
    expect(await nonceOf(as.relayer, accounts.relayer.address)).toBe(relayerNonce);

    await expect(as.bob.payments.signPayment(info)).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(as.alice.merchants.register()).rejects.toMatchObject({ errorName: 'NotCompliant' });
    await expect(as.cafe.merchants.register()).rejects.toMatchObject({ errorName: 'AlreadyRegistered' });
    await expect(as.alice.merchants.setPayout({ payout: alice.address })).rejects.toMatchObject({
      errorName: 'NotRegistered',
    });
    await expect(
      as.grocer.merchants.createLoyaltyProgram({ name: 'x', symbol: 'x', earnRateBps: 1, pointValue: 1n }),
    ).rejects.toMatchObject({
      errorName: 'LoyaltyProgramExists',
    });
    await expect(as.cafe.merchants.setReferralCode({ code: 'GROCER' })).rejects.toMatchObject({
      errorName: 'ReferralCodeTaken',
      args: { owner: grocer.address },
    });
    await expect(as.alice.payments.withdraw()).rejects.toMatchObject({ errorName: 'NothingToClaim' });
    await expect(as.alice.payments.claim()).rejects.toMatchObject({ errorName: 'NothingToClaim' });
    expect(await as.bob.merchants.referrerByCode('BOB')).toBe(bob.address);
    expect(await as.bob.merchants.merchant(grocer.address)).toMatchObject({
      active: true,
      refundWindow: WEEK,
      tier: 0,
    });
  });
});
