// A small, fixed dataset written straight into a Store over three blocks (no chain), for the
// store and GraphQL semantics tests.
import type { Hex } from 'viem';
import { loadSubgraph } from '../../src/manifest.js';
import { BigDecimal } from '../../src/numbers.js';
import type { Modification } from '../../src/runtime/entity-cache.js';
import type { Db } from '../../src/store/db.js';
import { Store, type BlockPtr } from '../../src/store/store.js';
import { hexToBytes, type Entity, type Value } from '../../src/values.js';
import { fixtureBuildDir } from '../fixtures/build.js';

const s = (v: string): Value => ({ kind: 'String', value: v });
const b = (v: string): Value => ({ kind: 'Bytes', value: hexToBytes(v) });
const n = (v: bigint | number): Value => ({ kind: 'BigInt', value: BigInt(v) });
const i = (v: number): Value => ({ kind: 'Int', value: v });
const i8 = (v: bigint | number): Value => ({ kind: 'Int8', value: BigInt(v) });
const d = (v: string): Value => ({ kind: 'BigDecimal', value: BigDecimal.fromString(v) });
const t = (v: bigint | number): Value => ({ kind: 'Timestamp', value: BigInt(v) });
const bool = (v: boolean): Value => ({ kind: 'Bool', value: v });
const list = (...v: Value[]): Value => ({ kind: 'List', value: v });
const e = (fields: Record<string, Value | null>): Entity =>
  new Map(Object.entries(fields).filter((x): x is [string, Value] => x[1] !== null));

export const A1 = '0x01';
export const A2 = '0x02';
export const A3 = '0x03';
export const A4 = '0x0a0b';
export const A5 = '0x05';
export const POOL = '0x0f';

const account = (
  id: string,
  balance: number,
  share: string,
  txCount: number,
  lastSeen: number,
  label: string | null,
) =>
  e({
    id: b(id),
    balance: n(balance),
    onchainBalance: n(balance),
    share: d(share),
    txCount: i(txCount),
    lastSeen: t(lastSeen),
    label: label === null ? null : s(label),
  });

const ins = (type: string, id: string, entity: Entity): Modification => ({ op: 'insert', type, id, entity });
const over = (type: string, id: string, entity: Entity): Modification => ({
  op: 'overwrite',
  type,
  id,
  entity,
});

export function ptr(number: number): BlockPtr {
  const h = (x: number): Hex => `0x${x.toString(16).padStart(64, '0')}`;
  return {
    number,
    hash: h(0xb000 + number),
    parentHash: h(0xb000 + number - 1),
    timestamp: BigInt(1_700_000_000 + number),
  };
}

/** Block 1 creates everything; block 2 updates A1, removes A4, adds A5; block 3 updates A2. */
export const BLOCKS: Modification[][] = [
  [
    ins('Account', A1, account(A1, 100, '0.5', 1, 1000, 'Alice')),
    ins('Account', A2, account(A2, 200, '0.25', 2, 2000, 'bob')),
    ins('Account', A3, account(A3, 100, '1.5', 3, 3000, null)),
    ins('Account', A4, account(A4, -5, '-0.75', 0, 4000, 'Carol%')),
    ins(
      'Note',
      'n1',
      e({
        id: s('n1'),
        author: b(A1),
        text: s('hello world'),
        data: b('0x1234'),
        delta: n(5),
        flag: bool(true),
        kind: s('SMALL'),
        tags: list(s('a'), s('b')),
        ratio: d('0.2'),
      }),
    ),
    ins(
      'Note',
      'n2',
      e({
        id: s('n2'),
        author: b(A1),
        text: s('Hello'),
        data: b('0xabcdef'),
        delta: n(-3),
        flag: bool(false),
        kind: s('LARGE'),
        tags: list(s('B')),
        ratio: null,
      }),
    ),
    ins(
      'Note',
      'n3',
      e({
        id: s('n3'),
        author: b(A2),
        text: s('bye'),
        data: b('0x'),
        delta: n(0),
        flag: bool(true),
        kind: s('MEDIUM'),
        tags: list(),
        ratio: d('-1.25'),
      }),
    ),
    ins(
      'Transfer',
      '0x0101',
      e({
        id: b('0x0101'),
        from: b(A1),
        to: b(A2),
        value: n(50),
        kind: s('SMALL'),
        logIndex: i8(1),
        blockNumber: n(1),
        timestamp: n(100),
      }),
    ),
    ins(
      'Transfer',
      '0x0102',
      e({
        id: b('0x0102'),
        from: b(A2),
        to: b(A3),
        value: n(5000),
        kind: s('MEDIUM'),
        logIndex: i8(2),
        blockNumber: n(1),
        timestamp: n(100),
      }),
    ),
    ins(
      'Transfer',
      '0x0103',
      e({
        id: b('0x0103'),
        from: b(A1),
        to: b(A3),
        value: n(10n ** 20n),
        kind: s('LARGE'),
        logIndex: i8(3),
        blockNumber: n(1),
        timestamp: n(100),
      }),
    ),
    ins(
      'Pool',
      POOL,
      e({
        id: b(POOL),
        name: s('alpha'),
        creator: b(A1),
        totalDeposits: n(30),
        tvl: d('0.03'),
        depositCount: i(2),
        positionCount: i(2),
        members: list(b(A3), b(A1), b(A2), b(A1)),
      }),
    ),
    ins(
      'Position',
      `${POOL}-${A1}`,
      e({ id: s(`${POOL}-${A1}`), pool: b(POOL), account: b(A1), amount: n(10), deposits: i(1) }),
    ),
    ins(
      'Position',
      `${POOL}-${A2}`,
      e({ id: s(`${POOL}-${A2}`), pool: b(POOL), account: b(A2), amount: n(20), deposits: i(1) }),
    ),
    ins(
      'Deposit',
      '0x0201',
      e({ id: b('0x0201'), pool: b(POOL), user: b(A1), amount: n(10), blockNumber: n(1), timestamp: n(150) }),
    ),
    ins(
      'Deposit',
      '0x0202',
      e({ id: b('0x0202'), pool: b(POOL), user: b(A2), amount: n(20), blockNumber: n(1), timestamp: n(50) }),
    ),
    ins('Counter', '1', e({ id: i8(1), count: n(1), sum: n(7) })),
    ins('Counter', '2', e({ id: i8(2), count: n(2), sum: n(14) })),
    ins('Counter', '10', e({ id: i8(10), count: n(3), sum: n(21) })),
  ],
  [
    over('Account', A1, account(A1, 150, '0.6', 2, 1500, 'Alice')),
    { op: 'remove', type: 'Account', id: A4 },
    ins('Account', A5, account(A5, 7, '0.07', 1, 5000, 'eve')),
  ],
  [over('Account', A2, account(A2, 250, '0.3', 3, 2500, 'bob'))],
];

/** Opens a store of the fixture subgraph on `db` and writes the dataset (committed). */
export async function writeDataset(db: Db, namespace = 'dataset'): Promise<Store> {
  const store = await Store.open(db, loadSubgraph(fixtureBuildDir), { namespace });
  for (const [k, mods] of BLOCKS.entries()) await store.addBlock(ptr(k + 1), mods, []);
  await store.flush();
  return store;
}
