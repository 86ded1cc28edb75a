// End to end: real contract transactions on anvil, indexed by the fixture subgraph's graph-cli
// WASM, asserted through GraphQL over HTTP. Covers every entity type, ethereum.call at the
// trigger's block, a data source template, polling block handlers, removal, time travel, following
// new blocks and a deterministic handler failure.
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indexer } from '../../src/indexer.js';
import type { Db } from '../../src/store/db.js';
import { EMITTER_ADDRESS } from '../fixtures/build.js';
import { ACCOUNTS, FixtureChain, indexFixture, query } from '../helpers/chain.js';
import { ns, type Backend } from '../helpers/backend.js';

export function mappingSuite(backend: Backend): void {
  const lower = (a: string) => a.toLowerCase() as Hex;
  const DEPLOYER = lower(ACCOUNTS[0]!.address);
  const A = lower(ACCOUNTS[1]!.address);
  const B = lower(ACCOUNTS[2]!.address);
  const C: Hex = '0x00000000000000000000000000000000000000c0';
  const ZERO: Hex = '0x0000000000000000000000000000000000000000';

  let chain: FixtureChain;
  let indexer: Indexer;
  let db: Db;
  let pool: Hex;
  const blocks: Record<string, number> = {};
  const txs: Record<string, Hex> = {};

  beforeAll(async () => {
    chain = await FixtureChain.start();
    await chain.mint(A, 1000n);
    const t = await chain.transfer(1, B, 10n);
    txs.transferAB = t.transactionHash;
    blocks.transferAB = Number(t.blockNumber);
    // two transfers in one block: ethereum.call sees the state after the whole block
    await chain.anvil.test.setAutomine(false);
    const h1 = await chain.anvil.wallets[0]!.writeContract({
      address: EMITTER_ADDRESS,
      abi: chain.emitterAbi,
      functionName: 'mint',
      args: [C, 50n],
      account: ACCOUNTS[0]!,
      chain: null,
    });
    const h2 = await chain.anvil.wallets[1]!.writeContract({
      address: EMITTER_ADDRESS,
      abi: chain.emitterAbi,
      functionName: 'transfer',
      args: [C, 20n],
      account: ACCOUNTS[1]!,
      chain: null,
    });
    await chain.anvil.test.mine({ blocks: 1 });
    await chain.anvil.test.setAutomine(true);
    blocks.pair = Number((await chain.anvil.public.waitForTransactionReceipt({ hash: h2 })).blockNumber);
    expect(Number((await chain.anvil.public.waitForTransactionReceipt({ hash: h1 })).blockNumber)).toBe(
      blocks.pair,
    );
    pool = await chain.createPool('alpha');
    blocks.pool = await chain.head();
    await chain.deposit(pool, 500n, 1);
    await chain.deposit(pool, 100n, 2);
    await chain.deposit(pool, 200n, 1);
    await chain.note('hello', '0x1234', -4n, true, 1, ['x', 'y'], 1);
    blocks.noteA = await chain.head();
    await chain.ping(25);
    await chain.note('bye', '0x', 0n, false, 5, [], 2);
    blocks.noteB = await chain.head();
    await chain.removeNote(2);
    blocks.removed = await chain.head();
    await chain.probe('datasource');
    await chain.anvil.test.mine({ blocks: 3 });
    db = await backend.open();
    indexer = await indexFixture(chain, { database: db, namespace: ns('mapping') });
    await indexer.synced(await chain.head());
  });

  afterAll(async () => {
    await indexer?.stop();
    await db?.close();
    await chain?.stop();
  });

  const gql = <T = Record<string, unknown>>(q: string) => query<T>(indexer.graphqlUrl!, q);

  describe(`indexing the fixture on anvil (${backend.name})`, () => {
    it('counts events in the protocol singleton and runs the polling block handler', async () => {
      const head = await chain.head();
      const polled = Array.from({ length: head }, (_, i) => i + 1).filter((b) => (b - 1) % 5 === 0);
      const d = await gql(
        `{ protocol(id: "1") { transferCount totalMinted poolCount pingCount polls lastPolledBlock } }`,
      );
      expect(d.protocol).toEqual({
        transferCount: 4,
        totalMinted: '1050',
        poolCount: 1,
        pingCount: '25',
        polls: polled.length,
        lastPolledBlock: String(polled[polled.length - 1]),
      });
    });

    it('tracks accounts, with ethereum.call answered at the trigger’s block', async () => {
      const noteBlock = await chain.anvil.public.getBlock({ blockNumber: BigInt(blocks.noteA!) });
      const d = await gql<{ accounts: Record<string, unknown>[] }>(
        `{ accounts(orderBy: balance, orderDirection: desc) { id balance onchainBalance share txCount lastSeen label } }`,
      );
      const byId = Object.fromEntries(d.accounts.map((a) => [a.id, a]));
      expect(byId[A]).toEqual({
        id: A,
        balance: '970',
        onchainBalance: '970',
        share: '0.9' + '238095'.repeat(5) + '238',
        txCount: 3,
        lastSeen: String(noteBlock.timestamp * 1_000_000n),
        label: 'hello',
      });
      expect(byId[B]).toMatchObject({ balance: '10', onchainBalance: '10', txCount: 1, label: 'bye' });
      expect(byId[C]).toMatchObject({ balance: '70', onchainBalance: '70', txCount: 2, label: null });
      expect(byId[ZERO]).toMatchObject({ balance: '-1050', onchainBalance: '0', txCount: 2 });
      expect(byId[DEPLOYER]).toMatchObject({ balance: '0', txCount: 0 });
      // at the block of the A→B transfer, A's on-chain balance was 990
      const then = await gql(
        `{ account(id: "${A}", block: { number: ${blocks.transferAB} }) { balance onchainBalance } }`,
      );
      expect(then.account).toEqual({ balance: '990', onchainBalance: '990' });
    });

    it('stores immutable transfers with graph-ts ids, kinds and Int8 log indexes', async () => {
      const d = await gql<{
        transfers: { id: string; value: string; kind: string; logIndex: string; from: { id: string } }[];
      }>(`{ transfers(orderBy: blockNumber) { id value kind logIndex from { id } to { id } blockNumber } }`);
      expect(d.transfers.map((t) => [t.value, t.kind])).toEqual([
        ['1000', 'MEDIUM'],
        ['10', 'SMALL'],
        ['50', 'SMALL'],
        ['20', 'SMALL'],
      ]);
      const ab = d.transfers[1]!;
      expect(ab.id).toBe(`${txs.transferAB}00000000`); // txHash.concatI32(logIndex 0), little-endian
      expect(ab.from.id).toBe(A);
      const pair = d.transfers.slice(2).map((t) => Number(t.logIndex));
      expect(pair).toEqual([0, 1]); // two logs of one block, in log-index order
    });

    it('indexes the data source created from the Pool template, with loadRelated', async () => {
      const d = await gql(`{
        pool(id: "${pool}") {
          name creator { id } totalDeposits tvl depositCount positionCount
          positions(orderBy: amount, orderDirection: desc) { id amount deposits account { id } }
          deposits(orderBy: amount) { amount user { id } }
        }
        deposits(first: 1) { __typename }
      }`);
      expect(d.pool).toEqual({
        name: 'alpha',
        creator: { id: DEPLOYER },
        totalDeposits: '800',
        tvl: '0.8',
        depositCount: 3,
        positionCount: 2,
        positions: [
          { id: `${pool}-${A}`, amount: '700', deposits: 2, account: { id: A } },
          { id: `${pool}-${B}`, amount: '100', deposits: 1, account: { id: B } },
        ],
        deposits: [
          { amount: '100', user: { id: B } },
          { amount: '200', user: { id: A } },
          { amount: '500', user: { id: A } },
        ],
      });
      expect(indexer.store.dataSources).toHaveLength(1);
      const ds = indexer.store.dataSources[0]!;
      expect({ ...ds, context: null }).toEqual({
        template: 'Pool',
        params: [pool],
        context: null,
        creationBlock: blocks.pool,
      });
      expect(Object.fromEntries(ds.context!)).toEqual({
        name: { kind: 'String', value: 'alpha' },
        creator: { kind: 'Bytes', value: new Uint8Array(Buffer.from(DEPLOYER.slice(2), 'hex')) },
        index: { kind: 'Int', value: 1 },
      });
    });

    it('stores notes, removes them, and still shows them at earlier blocks', async () => {
      const d = await gql(`{
        notes { id text data delta flag kind tags ratio author { id } }
        before: note(id: "${B}", block: { number: ${blocks.noteB} }) { text kind ratio }
        after: note(id: "${B}") { id }
      }`);
      expect(d.notes).toEqual([
        {
          id: A,
          text: 'hello',
          data: '0x1234',
          delta: '-4',
          flag: true,
          kind: 'MEDIUM',
          tags: ['x', 'y'],
          ratio: '-0.25',
          author: { id: A },
        },
      ]);
      expect(d.before).toEqual({ text: 'bye', kind: 'LARGE', ratio: null });
      expect(d.after).toBeNull();
    });

    it('handles 25 events of one transaction (immutable pings, Int8-id counters)', async () => {
      const d = await gql<{
        pings: { i: string; value: string }[];
        counters: { id: string; count: string; sum: string }[];
      }>(`{ pings(first: 1000, orderBy: i) { i value } counters(orderBy: id) { id count sum } }`);
      expect(d.pings.map((p) => Number(p.i))).toEqual(Array.from({ length: 25 }, (_, i) => i));
      expect(d.counters).toEqual(
        Array.from({ length: 10 }, (_, k) => {
          const members = Array.from({ length: 25 }, (_, i) => i).filter((i) => i % 10 === k);
          return {
            id: String(k),
            count: String(members.length),
            sum: String(members.reduce((s, i) => s + i * 7, 0)),
          };
        }),
      );
    });

    it('gives handlers the data source (address, network, context)', async () => {
      const d = await gql<{ probeResults: { op: string; out: string[] }[] }>(`{ probeResults { op out } }`);
      expect(d.probeResults).toEqual([{ op: 'datasource', out: [EMITTER_ADDRESS, 'devnet', '0'] }]);
    });

    it('reports the indexed block in _meta', async () => {
      const head = await chain.anvil.public.getBlock();
      const d = await gql(
        `{ _meta { block { number hash parentHash timestamp } deployment hasIndexingErrors } }`,
      );
      expect(d._meta).toEqual({
        block: {
          number: Number(head.number),
          hash: head.hash,
          parentHash: head.parentHash,
          timestamp: Number(head.timestamp),
        },
        deployment: indexer.deployment,
        hasIndexingErrors: false,
      });
    });

    it('follows new blocks', async () => {
      await chain.transfer(1, B, 1n);
      await indexer.synced(await chain.head());
      const d = await gql(
        `{ protocol(id: "1") { transferCount } account(id: "${B}") { balance onchainBalance } }`,
      );
      expect(d).toEqual({ protocol: { transferCount: 5 }, account: { balance: '11', onchainBalance: '11' } });
    });

    it('stops at a deterministic handler error and keeps serving the last good block', async () => {
      const good = await chain.head();
      await chain.probe('abort!', 0n, 0n, 'on purpose');
      await expect(indexer.synced(good + 1)).rejects.toThrow(
        /Mapping aborted at src\/probe\.ts, line \d+, column \d+, with message: boom on purpose/,
      );
      const status = indexer.status();
      expect(status.fatalError).toMatchObject({ block: good + 1, handler: 'handleProbe' });
      expect(status.latest?.number).toBe(good);
      const d = await gql(
        `{ _meta { block { number } hasIndexingErrors } protocol(id: "1") { transferCount } }`,
      );
      expect(d).toEqual({
        _meta: { block: { number: good }, hasIndexingErrors: true },
        protocol: { transferCount: 5 },
      });
    });
  });
}
