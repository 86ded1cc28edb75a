// PayFi through the subgraph: merchants, direct and escrowed payments through every end state (settled, partly
// refunded, voided, reclaimed, paid at once), referral fees and their claim, fee sweeps, a loyalty program (a
// LoyaltyPoints clone indexed through the data source template: points earned, transferred, redeemed at checkout
// and from the reserve), advances repaid from settlements, a shortfall and a write-off — checked against the
// contracts, and read through the SDK's subgraph client as the merchant dashboard does.
import { loyaltyPointsAbi, paymentProcessorAbi } from '@plaza/abi';
import { paymentsToCsv } from '@plaza/sdk';
import { keccak256, toHex, type Abi, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, expectEntities } from './support/coverage.js';
import { startStack, type Stack } from './support/stack.js';
import { WAD, abi, approve, at, deployPayFi, onboard } from './support/world.js';

const processorAbi = paymentProcessorAbi as Abi;
const pointsAbi = loyaltyPointsAbi as Abi;

interface PaymentInfo {
  payer: Address;
  merchant: Address;
  token: Address;
  amount: bigint;
  pointsRedeemed: bigint;
  orderRef: Hex;
  authorizationExpiry: bigint;
  refundExpiry: bigint;
  minFeeBps: number;
  maxFeeBps: number;
  referrer: Address;
  autoCapture: boolean;
  salt: bigint;
}

const ref = (text: string) => `0x${Buffer.from(text).toString('hex').padEnd(64, '0')}` as Hex;
const ZERO = '0x0000000000000000000000000000000000000000' as Address;

let stack: Stack;
let processor: Address;
let registry: Address;
let pool: Address;
let program: Address;
let salt = 1n;
const payments: Record<string, { info: PaymentInfo; id: Hex }> = {};
let captureTx: Hex;

async function newPayment(
  name: string,
  payer: string,
  merchant: string,
  amount: bigint,
  options: Partial<PaymentInfo> = {},
): Promise<PaymentInfo> {
  const now = (await stack.publicClient.getBlock()).timestamp;
  const info: PaymentInfo = {
    payer: stack.account(payer).address,
    merchant: stack.account(merchant).address,
    token: at(stack, 'PlazaUSD'),
    amount,
    pointsRedeemed: 0n,
    orderRef: ref(name),
    authorizationExpiry: now + 86_400n,
    refundExpiry: now + 30n * 86_400n,
    minFeeBps: 0,
    maxFeeBps: 1000,
    referrer: ZERO,
    autoCapture: true,
    salt: salt++,
    ...options,
  };
  payments[name] = { info, id: await stack.read<Hex>(processor, processorAbi, 'paymentId', [info]) };
  return info;
}

beforeAll(async () => {
  stack = await startStack();
  await onboard(stack, [
    { name: 'alice', usdc: '5000' },
    { name: 'bob', jurisdiction: 'GB', kycLevel: 1, usdc: '30000' },
    { name: 'carol', jurisdiction: 'SG', kycLevel: 3, creditScore: 800, usdc: '1000' },
    { name: 'dave', jurisdiction: 'DE', usdc: '10' },
  ]);
  ({ registry, processor, pool } = await deployPayFi(stack));
  await stack.startIndexer();
  const pusd = at(stack, 'PlazaUSD');
  const carol = stack.account('carol').address;
  const dave = stack.account('dave').address;
  const partner = stack.account('account10').address;

  // ── merchants: Carol's café (refund window, loyalty points, an operator), Dave's books (settled at once)
  await stack.send('carol', registry, abi.registry, 'register', [carol, 3600, keccak256(toHex('CAROL'))]);
  await stack.send('dave', registry, abi.registry, 'register', [
    stack.account('account11').address,
    0,
    `0x${'0'.repeat(64)}`,
  ]);
  await stack.send('carol', registry, abi.registry, 'createLoyaltyProgram', [
    'Carol Coffee Points',
    'CCP',
    10_000,
    WAD / 100n,
    0,
  ]);
  program = await stack.read<Address>(processor, processorAbi, 'loyaltyProgramOf', [carol]);
  await stack.send('carol', registry, abi.registry, 'setOperator', [
    stack.account('account12').address,
    true,
  ]);
  await stack.send('carol', registry, abi.registry, 'setRefundWindow', [7200]);
  await stack.send('carol', registry, abi.registry, 'setPayout', [carol]);
  await stack.send('carol', registry, abi.registry, 'setEarnRate', [10_000]);
  await stack.send('deployer', registry, abi.registry, 'setFeeTier', [dave, 1]);
  await stack.send('deployer', registry, abi.registry, 'setReferralCodeFor', [
    partner,
    keccak256(toHex('PARTNER')),
  ]);
  await stack.send('deployer', registry, abi.registry, 'setSuspended', [dave, true]);
  await stack.send('deployer', registry, abi.registry, 'setSuspended', [dave, false]);
  for (const payer of ['alice', 'bob', 'carol']) await approve(stack, payer, pusd, processor);

  // ── the AdvancePool is funded by Bob
  await approve(stack, 'bob', pusd, pool);
  await stack.send('bob', pool, abi.pool, 'deposit', [20_000n * WAD, stack.account('bob').address]);

  // ── payments
  const a = await newPayment('INV-1001', 'alice', 'carol', 250n * WAD, { referrer: partner });
  await stack.send('alice', processor, processorAbi, 'pay', [a]); // held in the refund window
  const b = await newPayment('INV-1002', 'bob', 'carol', 500n * WAD, { autoCapture: false });
  await stack.send('bob', processor, processorAbi, 'authorizeFrom', [b]);
  captureTx = (await stack.send('account12', processor, processorAbi, 'capture', [b, 200n * WAD]))
    .transactionHash;
  await stack.send('carol', processor, processorAbi, 'void', [b]);
  // an advance against the held funds (up to 70% of 450 pUSD for a credit score of 800), repaid at settlement
  await stack.send('carol', pool, abi.pool, 'advance', [150n * WAD, 0n]);
  await stack.send('carol', processor, processorAbi, 'refund', [b, 160n * WAD]);
  const c = await newPayment('INV-1003', 'alice', 'carol', 100n * WAD, {
    autoCapture: false,
    authorizationExpiry: (await stack.publicClient.getBlock()).timestamp + 600n,
  });
  await stack.send('alice', processor, processorAbi, 'authorizeFrom', [c]);
  const d = await newPayment('BOOK-77', 'bob', 'dave', 80n * WAD);
  await stack.send('bob', processor, processorAbi, 'pay', [d]); // no refund window: PaymentPaid
  await stack.send('bob', processor, processorAbi, 'payout', [dave]);
  await stack.advance(7300);
  await stack.send('alice', processor, processorAbi, 'reclaim', [c]);
  await stack.send('dave', processor, processorAbi, 'settle', [a]); // anyone may settle; repays the advance first
  await stack.send('dave', processor, processorAbi, 'settle', [b]);
  const e = await newPayment('INV-1004', 'alice', 'carol', 40n * WAD, { pointsRedeemed: 10n * WAD });
  await stack.send('alice', processor, processorAbi, 'pay', [e]);
  await stack.send('account10', processor, processorAbi, 'claim', [partner]);
  await stack.send('bob', processor, processorAbi, 'sweepFees', []);

  // ── a second advance, its payment refunded in full (a shortfall of 20), and the uncovered part written off
  const f = await newPayment('INV-1005', 'bob', 'carol', 100n * WAD);
  await stack.send('bob', processor, processorAbi, 'pay', [f]);
  await stack.send('carol', pool, abi.pool, 'advance', [60n * WAD, 0n]);
  await stack.send('carol', processor, processorAbi, 'refund', [f, 100n * WAD]);
  await stack.send('deployer', pool, abi.pool, 'writeOff', [carol]);
  await stack.send('bob', pool, abi.pool, 'withdraw', [
    1000n * WAD,
    stack.account('bob').address,
    stack.account('bob').address,
  ]);

  // ── points: a transfer, a funded reserve, a redemption, a lower value announced, an expiry, a withdrawal
  await stack.send('alice', program, pointsAbi, 'transfer', [stack.account('bob').address, 20n * WAD]);
  await approve(stack, 'carol', pusd, program);
  await stack.send('carol', program, pointsAbi, 'fundReserve', [100n * WAD]);
  await stack.send('bob', program, pointsAbi, 'redeem', [5n * WAD, stack.account('bob').address]);
  await stack.send('carol', program, pointsAbi, 'setPointValue', [WAD / 200n]);
  const expiry = (await stack.publicClient.getBlock()).timestamp + 40n * 86_400n;
  await stack.send('carol', program, pointsAbi, 'setExpiry', [expiry]);
  await stack.send('carol', program, pointsAbi, 'withdrawReserve', [50n * WAD, carol]);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('payments', () => {
  it('follows every payment to its end state, amounts equal to the processor', async () => {
    const { payments: indexed } = await stack.query<{ payments: Record<string, unknown>[] }>(
      `{ payments(first: 100, orderBy: createdAt) { id orderRef orderRefText mode status amount capturable held
          captured settled refunded voided reclaimed fee referralFee pointsEarned pointsRedeemed discount } }`,
    );
    const byRef = new Map(indexed.map((p) => [p.orderRefText, p]));
    expect([...byRef.keys()].sort()).toEqual([
      'BOOK-77',
      'INV-1001',
      'INV-1002',
      'INV-1003',
      'INV-1004',
      'INV-1005',
    ]);
    expect(byRef.get('INV-1001')).toMatchObject({
      mode: 'DIRECT',
      status: 'SETTLED',
      settled: (250n * WAD).toString(),
    });
    expect(byRef.get('INV-1002')).toMatchObject({
      mode: 'ESCROW',
      status: 'PARTIALLY_REFUNDED',
      captured: (200n * WAD).toString(),
      voided: (300n * WAD).toString(),
      refunded: (160n * WAD).toString(),
      settled: (40n * WAD).toString(),
    });
    expect(byRef.get('INV-1003')).toMatchObject({ status: 'RECLAIMED', reclaimed: (100n * WAD).toString() });
    expect(byRef.get('BOOK-77')).toMatchObject({
      mode: 'DIRECT',
      status: 'SETTLED',
      fee: ((80n * WAD * 50n) / 10_000n).toString(),
    });
    expect(byRef.get('INV-1004')).toMatchObject({
      status: 'HELD',
      pointsRedeemed: (10n * WAD).toString(),
      discount: (WAD / 10n).toString(),
    });
    expect(byRef.get('INV-1005')).toMatchObject({ status: 'REFUNDED', refunded: (100n * WAD).toString() });
    for (const [name, { id }] of Object.entries(payments)) {
      const [capturable, held] = await stack.read<readonly bigint[]>(
        processor,
        processorAbi,
        'paymentState',
        [id],
      );
      const p = indexed.find((x) => x.id === id)!;
      expect([name, p.capturable, p.held]).toEqual([name, capturable!.toString(), held!.toString()]);
    }
    // the referral share: 20% of INV-1001's 1% fee, credited to the partner and claimed
    expect(byRef.get('INV-1001')!.referralFee).toBe(((250n * WAD) / 100n / 5n).toString());
  });

  it('keeps the merchants balances, the advance ledger and the fee split equal to the contracts', async () => {
    const { merchants, payFi } = await stack.query<{
      merchants: Record<string, unknown>[];
      payFi: Record<string, unknown>;
    }>(
      `{ merchants { id pending claimable advanceDebt advanced advanceRepaid advanceWrittenOff feeTier refundWindow
          referralCode active paymentCount loyaltyProgram { id symbol } operators { operator allowed } }
         payFi(id: "payfi") { accruedFees sweptFees merchantCount paymentCount referralShareBps processor advancePool } }`,
    );
    for (const m of merchants) {
      const [pending, claimable, debt] = await stack.read<readonly bigint[]>(
        processor,
        processorAbi,
        'merchantBalances',
        [m.id],
      );
      expect(m).toMatchObject({
        pending: pending!.toString(),
        claimable: claimable!.toString(),
        advanceDebt: debt!.toString(),
      });
    }
    const carol = merchants.find((m) => m.id === stack.account('carol').address.toLowerCase())!;
    expect(carol).toMatchObject({
      advanced: (210n * WAD).toString(),
      advanceRepaid: (150n * WAD).toString(),
      advanceWrittenOff: (20n * WAD).toString(),
      refundWindow: '7200',
      referralCode: keccak256(toHex('CAROL')),
      loyaltyProgram: { id: program.toLowerCase(), symbol: 'CCP' },
      operators: [{ operator: stack.account('account12').address.toLowerCase(), allowed: true }],
      paymentCount: 5,
    });
    const dave = merchants.find((m) => m.id === stack.account('dave').address.toLowerCase())!;
    expect(dave).toMatchObject({ feeTier: 1, active: true, paymentCount: 1 });
    expect(payFi).toMatchObject({
      accruedFees: (await stack.read<bigint>(processor, processorAbi, 'feesAccrued')).toString(),
      merchantCount: 2,
      paymentCount: 6,
      referralShareBps: 2000,
      processor: processor.toLowerCase(),
      advancePool: pool.toLowerCase(),
    });
    expect(BigInt(payFi.sweptFees as string)).toBeGreaterThan(0n);
  });

  it('records settlements, refunds, timelines, payouts, claims, sweeps, advances and the daily merchant figures', async () => {
    const data = await stack.query<Record<string, Record<string, unknown>[]>>(
      `{ settlements(orderBy: blockNumber) { direct amount fee referralFee points payment { orderRefText } }
         refunds { amount payment { orderRefText } }
         paymentEvents(first: 1000, orderBy: logIndex) { kind payment { orderRefText } }
         merchantPayouts { amount repaidToPool failed }
         creditClaims { account amount } feeSweeps { amount }
         advances { amount fee debtAfter } advanceEvents(orderBy: blockNumber) { kind amount }
         merchantDailySnapshots { id day paymentCount settledVolume merchant { id } }
         feeTiers(orderBy: tier) { tier feeBps } referralCodes { account active } }`,
    );
    expect(data.settlements!.map((s) => [s.payment, s.direct])).toEqual(
      expect.arrayContaining([
        [{ orderRefText: 'BOOK-77' }, true],
        [{ orderRefText: 'INV-1001' }, false],
        [{ orderRefText: 'INV-1002' }, false],
      ]),
    );
    expect(data.refunds!.map((r) => r.amount).sort()).toEqual(
      [(100n * WAD).toString(), (160n * WAD).toString()].sort(),
    );
    const kinds = new Set(data.paymentEvents!.map((e) => e.kind));
    for (const kind of [
      'AUTHORIZED',
      'CAPTURED',
      'RELEASED',
      'PAID',
      'VOIDED',
      'RECLAIMED',
      'REFUNDED',
      'POINTS_REDEEMED',
      'ADVANCE_SHORTFALL',
    ]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    expect(data.merchantPayouts).toEqual(
      expect.arrayContaining(
        [{ amount: (975n * WAD) / 10n, repaidToPool: 150n * WAD, failed: false }].map((p) => ({
          amount: p.amount.toString(),
          repaidToPool: p.repaidToPool.toString(),
          failed: p.failed,
        })),
      ),
    );
    expect(data.creditClaims).toEqual([
      {
        account: stack.account('account10').address.toLowerCase(),
        amount: ((250n * WAD) / 100n / 5n).toString(),
      },
    ]);
    expect(data.feeSweeps).toHaveLength(1);
    expect(data.advances!.map((a) => a.amount).sort()).toEqual(
      [(150n * WAD).toString(), (60n * WAD).toString()].sort(),
    );
    expect(data.advances!.find((a) => a.amount === (150n * WAD).toString())!.fee).toBe(
      ((150n * WAD) / 100n).toString(),
    );
    expect(data.advanceEvents!.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['OPENED', 'SHORTFALL', 'REPAID', 'WRITTEN_OFF', 'LOSS_RECORDED']),
    );
    for (const s of data.merchantDailySnapshots!)
      expect(s.id).toBe(`${(s.merchant as { id: string }).id}-${s.day}`);
    expect(data.feeTiers).toEqual([
      { tier: 0, feeBps: 100 },
      { tier: 1, feeBps: 50 },
      { tier: 2, feeBps: 25 },
    ]);
    expect(data.referralCodes).toHaveLength(2);
  });

  it('serves the merchant dashboard through the SDK: status filter, search by order reference and by transaction, CSV', async () => {
    const subgraph = stack.subgraph();
    const merchant = stack.account('carol').address;
    const settled = await subgraph.merchantPayments({ merchant, status: ['SETTLED', 'PARTIALLY_REFUNDED'] });
    expect(settled.payments.map((p) => p.orderRefText).sort()).toEqual(['INV-1001', 'INV-1002']);
    const search = await subgraph.merchantPayments({ merchant, search: 'inv-100' });
    expect(search.payments.map((p) => p.orderRefText)).toEqual([
      'INV-1005',
      'INV-1004',
      'INV-1003',
      'INV-1002',
      'INV-1001',
    ]);
    const byCapture = await subgraph.merchantPayments({ merchant, search: captureTx });
    expect(byCapture.payments.map((p) => p.id)).toEqual([payments['INV-1002']!.id]);
    const byId = await subgraph.merchantPayments({ merchant, search: payments['INV-1003']!.id });
    expect(byId.payments.map((p) => p.status)).toEqual(['RECLAIMED']);
    expect((await subgraph.merchantPayments({ merchant, search: 'BOOK' })).payments).toEqual([]); // Dave's
    const page = await subgraph.merchantPayments({ merchant, first: 2, skip: 1, orderDirection: 'asc' });
    expect(page.payments.map((p) => p.orderRefText)).toEqual(['INV-1002', 'INV-1003']);
    const rows = await subgraph.paymentCsvRows({ merchant });
    expect(rows.map((r) => r.orderRef)).toEqual(['INV-1001', 'INV-1002', 'INV-1003', 'INV-1004', 'INV-1005']);
    expect(rows[0]).toMatchObject({ amount: '250', fee: '2.5', status: 'SETTLED', mode: 'DIRECT' });
    const csv = paymentsToCsv(rows);
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
  });
});

describe('loyalty points (data source template)', () => {
  it('indexes the clone created at run time: supply, balances and reserve equal the contract', async () => {
    const { loyaltyProgram } = await stack.query<{
      loyaltyProgram: Record<string, unknown> & {
        balances: { account: { id: string }; balance: string; earned: string }[];
      };
    }>(
      `query($id: ID!) { loyaltyProgram(id: $id) { name symbol earnRateBps pointValue pendingPointValue expiresAt totalSupply
          holderCount minted burnedForDiscount redeemedForReserve reserve reserveFunded reserveWithdrawn reservePaid
          token { kind } balances { account { id } balance earned } } }`,
      { id: program.toLowerCase() },
    );
    expect(loyaltyProgram).toMatchObject({
      name: 'Carol Coffee Points',
      symbol: 'CCP',
      earnRateBps: 10_000,
      pointValue: (WAD / 100n).toString(),
      pendingPointValue: (WAD / 200n).toString(),
      burnedForDiscount: (10n * WAD).toString(),
      redeemedForReserve: (5n * WAD).toString(),
      reserve: (await stack.read<bigint>(program, pointsAbi, 'reserve')).toString(),
      totalSupply: (await stack.read<bigint>(program, pointsAbi, 'totalSupply')).toString(),
      token: { kind: 'LOYALTY_POINTS' },
    });
    expect(BigInt(loyaltyProgram.expiresAt as string)).toBeGreaterThan(0n);
    for (const b of loyaltyProgram.balances) {
      expect(b.balance).toBe(
        (await stack.read<bigint>(program, pointsAbi, 'balanceOf', [b.account.id])).toString(),
      );
    }
    const alice = loyaltyProgram.balances.find(
      (b) => b.account.id === stack.account('alice').address.toLowerCase(),
    )!;
    expect(alice.earned).toBe((250n * WAD).toString()); // one point per pUSD of INV-1001 (INV-1004 is still held)
    const points = await stack.subgraph().pointsBalances({ account: stack.account('bob').address });
    expect(points.map((p) => [p.program.symbol, p.balance])).toEqual([
      ['CCP', await stack.read<bigint>(program, pointsAbi, 'balanceOf', [stack.account('bob').address])],
    ]);
    const { pointsRedemptions, loyaltyReserveChanges } = await stack.query<
      Record<string, { kind: string }[]>
    >(`{ pointsRedemptions { kind } loyaltyReserveChanges { kind } }`);
    expect(pointsRedemptions!.map((r) => r.kind).sort()).toEqual(['DISCOUNT', 'RESERVE']);
    expect(loyaltyReserveChanges!.map((r) => r.kind).sort()).toEqual(['FUNDED', 'WITHDRAWN']);
  });

  it('indexes without errors and has every entity type of the module', async () => {
    const { _meta } = await stack.query<{ _meta: { hasIndexingErrors: boolean } }>(
      `{ _meta { hasIndexingErrors } }`,
    );
    expect(_meta.hasIndexingErrors).toBe(false);
    await expectEntities(stack, coverage.payfi);
    const { advancePool, vault } = await stack.query<{
      advancePool: Record<string, string>;
      vault: Record<string, unknown>;
    }>(
      `query($id: ID!) { advancePool(id: $id) { outstanding advanced repaid writtenOff discountFeeBps }
         vault(id: $id) { kind idle deployed token { symbol } } }`,
      { id: pool.toLowerCase() },
    );
    expect(advancePool).toMatchObject({
      outstanding: (40n * WAD).toString(),
      advanced: (210n * WAD).toString(),
      repaid: (150n * WAD).toString(),
      writtenOff: (20n * WAD).toString(),
      discountFeeBps: 100,
    });
    expect(vault).toMatchObject({ kind: 'ADVANCE', token: { symbol: 'papUSD' } });
  });
});
