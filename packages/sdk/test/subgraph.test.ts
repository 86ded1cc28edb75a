// The subgraph client's own logic, against a scripted fetch: the wire format it sends, the typed results it
// parses, its errors, paging, searching and CSV. tests/subgraph runs every query against the real indexer.
import { PlazaError, createSubgraphClient, paymentsToCsv, type PaymentCsvRow } from '@plaza/sdk';
import { describe, expect, it } from 'vitest';

interface Sent {
  query: string;
  variables?: Record<string, unknown>;
}

/** A fetch that records the requests and answers with the given bodies (or throws them if they are errors). */
function scripted(...answers: (unknown | Error | { status: number; body: string })[]) {
  const sent: Sent[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(init.body as string) as Sent);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    if (answer && typeof answer === 'object' && 'status' in answer && 'body' in answer) {
      return new Response((answer as { body: string }).body, {
        status: (answer as { status: number }).status,
      });
    }
    return new Response(JSON.stringify(answer), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, sent };
}

const url = 'http://127.0.0.1:8000/graphql';
const merchant = '0x00000000000000000000000000000000000000AA';

const wirePayment = (id: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
  id,
  merchant: { id: merchant.toLowerCase() },
  payer: { id: '0x00000000000000000000000000000000000000bb' },
  orderRef: '0x494e562d31000000000000000000000000000000000000000000000000000000',
  orderRefText: 'INV-1',
  mode: 'ESCROW',
  status: 'SETTLED',
  amount: '250000000000000000000',
  capturable: '0',
  held: '0',
  captured: '250000000000000000000',
  settled: '250000000000000000000',
  fee: '2500000000000000000',
  referralFee: '0',
  merchantNet: '247500000000000000000',
  refunded: '0',
  voided: '0',
  reclaimed: '0',
  pointsEarned: '250000000000000000000',
  pointsRedeemed: '0',
  discount: '0',
  feeBps: 100,
  referrer: null,
  releaseAt: null,
  createdAt: String(createdAt),
  createdBlock: createdAt,
  transactionHash: `0x${'ab'.repeat(32)}`,
  ...extra,
});

describe('subgraph client', () => {
  it('parses The Graph encodings into bigint amounts and numbers', async () => {
    const { fetch, sent } = scripted({
      data: {
        protocolDailySnapshots: [
          {
            day: 20001,
            pusdSupply: '2000',
            psmReserves: '2',
            tvl: '3000',
            lendingSupply: '0',
            lendingBorrow: '0',
            dailyPusdMinted: '1000',
            dailyPusdBurned: '0',
            dailyPsmVolume: '1',
            dailyPaymentVolume: '0',
            dailyEventCount: 7,
          },
          {
            day: 20000,
            pusdSupply: '1000',
            psmReserves: '1',
            tvl: '1000',
            lendingSupply: '0',
            lendingBorrow: '0',
            dailyPusdMinted: '1000',
            dailyPusdBurned: '0',
            dailyPsmVolume: '1',
            dailyPaymentVolume: '0',
            dailyEventCount: 3,
          },
        ],
      },
    });
    const series = await createSubgraphClient({ url, fetch }).overviewSeries({ count: 2 });
    expect(sent[0]!.variables).toEqual({ first: 2, before: 2_147_483_647 });
    expect(series.map((p) => [p.period, p.start, p.pusdSupply, p.eventCount])).toEqual([
      [20000, 20000 * 86_400, 1000n, 3],
      [20001, 20001 * 86_400, 2000n, 7],
    ]);
  });

  it('turns GraphQL errors and unreachable servers into PlazaErrors', async () => {
    const { fetch } = scripted(
      { errors: [{ message: 'Type `Protocol` has no field `nope`' }] },
      new TypeError('fetch failed'),
      { status: 502, body: '<html>Bad gateway</html>' },
    );
    const subgraph = createSubgraphClient({ url, fetch });
    const refused = await subgraph.request('{ protocol(id: "plaza") { nope } }').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlazaError);
    expect(refused).toMatchObject({ code: 'Rpc', errorName: 'SubgraphError' });
    expect((refused as PlazaError).message).toContain('has no field `nope`');
    const down = await subgraph.meta().catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'Rpc', errorName: 'SubgraphUnavailable' });
    expect((down as PlazaError).message).toContain('fetch failed');
    const gateway = await subgraph.meta().catch((e: unknown) => e);
    expect(gateway).toMatchObject({ code: 'Rpc', errorName: 'SubgraphUnavailable' });
    expect((gateway as PlazaError).message).toContain('HTTP 502');
  });

  it('refuses bad input before sending anything', async () => {
    const { fetch, sent } = scripted();
    expect(() => createSubgraphClient({ url: 'localhost:8000', fetch })).toThrow(/http\(s\) URL/);
    const subgraph = createSubgraphClient({ url, fetch });
    await expect(subgraph.markets({ first: 5000 })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(subgraph.merchantPayments({ merchant: '0x12' as `0x${string}` })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
    await expect(
      subgraph.merchantPayments({ merchant, status: 'PAID' as unknown as 'SETTLED' }),
    ).rejects.toThrow(/Unknown payment status "PAID"/);
    expect(sent).toEqual([]);
  });

  it('filters merchant payments by status, and searches order references as text', async () => {
    const { fetch, sent } = scripted({ data: { payments: [wirePayment(`0x${'01'.repeat(32)}`, 100)] } });
    const { payments } = await createSubgraphClient({ url, fetch }).merchantPayments({
      merchant,
      status: ['SETTLED', 'HELD'],
      search: ' inv-1 ',
      first: 10,
    });
    expect(sent[0]!.variables).toEqual({
      where: {
        merchant: merchant.toLowerCase(),
        status_in: ['SETTLED', 'HELD'],
        orderRefText_contains_nocase: 'inv-1',
      },
      first: 10,
      skip: 0,
      orderDirection: 'desc',
    });
    expect(payments[0]).toMatchObject({
      status: 'SETTLED',
      amount: 250_000000000000000000n,
      feeBps: 100,
      referrer: null,
    });
  });

  it('searches a 32-byte hex as payment id, order reference or transaction, and merges what each finds', async () => {
    const hash = `0x${'CD'.repeat(32)}`;
    const created = wirePayment(`0x${'02'.repeat(32)}`, 300);
    const touched = wirePayment(`0x${'03'.repeat(32)}`, 200, { status: 'HELD' });
    const { fetch, sent } = scripted({
      data: { payments: [created], paymentEvents: [{ payment: touched }, { payment: created }] },
    });
    const { payments } = await createSubgraphClient({ url, fetch }).merchantPayments({
      merchant,
      search: hash,
    });
    const lower = hash.toLowerCase();
    expect(sent[0]!.variables).toEqual({
      where: {
        and: [
          { merchant: merchant.toLowerCase() },
          { or: [{ id: lower }, { orderRef: lower }, { transactionHash: lower }] },
        ],
      },
      events: { transactionHash: lower, merchant: merchant.toLowerCase() },
      first: 25,
    });
    expect(payments.map((p) => p.id)).toEqual([created.id, touched.id]);
  });

  it('pages a CSV export by id past the 1,000-row limit and sorts it by time', async () => {
    const page1 = Array.from({ length: 1000 }, (_, i) =>
      wirePayment(`0x${i.toString(16).padStart(64, '0')}`, 5000 - i),
    );
    const page2 = [wirePayment(`0x${'ff'.repeat(32)}`, 1)];
    const { fetch, sent } = scripted({ data: { payments: page1 } }, { data: { payments: page2 } });
    const rows = await createSubgraphClient({ url, fetch }).paymentCsvRows({ merchant, from: 0 });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.variables).toEqual({
      where: { merchant: merchant.toLowerCase(), createdAt_gte: '0', id_gt: page1.at(-1)!.id },
      first: 1000,
    });
    expect(rows).toHaveLength(1001);
    expect(rows[0]!.paymentId).toBe(page2[0]!.id);
    expect(rows[0]).toMatchObject({
      amount: '250',
      fee: '2.5',
      net: '247.5',
      orderRef: 'INV-1',
      date: '1970-01-01T00:00:01.000Z',
    });
  });

  it('waits until the subgraph reaches a block, and gives up on an indexing error', async () => {
    const meta = (number: number, hasIndexingErrors = false) => ({
      data: {
        _meta: { block: { number, hash: null, timestamp: null }, deployment: 'Qm', hasIndexingErrors },
      },
    });
    const { fetch, sent } = scripted(meta(5), meta(6), meta(9));
    const reached = await createSubgraphClient({ url, fetch }).waitForBlock(8n, { intervalMs: 1 });
    expect(reached.blockNumber).toBe(9);
    expect(sent).toHaveLength(3);
    const failing = scripted(meta(5, true));
    await expect(
      createSubgraphClient({ url, fetch: failing.fetch }).waitForBlock(8, { intervalMs: 1 }),
    ).rejects.toThrow(/stopped at block 5 on an indexing error/);
  });

  it('writes RFC 4180 CSV that spreadsheets cannot run as formulas', () => {
    const row: PaymentCsvRow = {
      date: '2025-01-01T00:00:00.000Z',
      paymentId: `0x${'01'.repeat(32)}`,
      orderRef: '=HYPERLINK("x","order, 1")',
      payer: '0x00000000000000000000000000000000000000bb',
      status: 'SETTLED',
      mode: 'DIRECT',
      amount: '-1.5',
      captured: '1',
      settled: '1',
      fee: '0.01',
      referralFee: '0',
      net: '0.99',
      refunded: '0',
      pointsEarned: '1',
      transactionHash: `0x${'ab'.repeat(32)}`,
    };
    const csv = paymentsToCsv([row]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(
      'date,paymentId,orderRef,payer,status,mode,amount,captured,settled,fee,referralFee,net,refunded,pointsEarned,transactionHash',
    );
    expect(line).toContain(`,"'=HYPERLINK(""x"",""order, 1"")",`);
    expect(line).toContain(',-1.5,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
