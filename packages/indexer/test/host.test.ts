// The mapping runtime against the graph-cli-built fixture WASM: every host function, the memory
// layout of each value kind (round trips through store.get/store.set), the entity cache's
// semantics and graph-node's error texts. Handlers run on synthetic events over an in-memory store.
import { encodeAbiParameters, keccak256, toHex, type Hex } from 'viem';
import { beforeEach, describe, expect, it } from 'vitest';
import { BigDecimal } from '../src/numbers.js';
import { HandlerError } from '../src/runtime/host.js';
import { bytesToHex, type Entity, type Value } from '../src/values.js';
import { EMITTER_ADDRESS } from './fixtures/build.js';
import { Harness, addressTopic } from './helpers/runtime.js';

const hex = (s: string): Hex => toHex(new TextEncoder().encode(s));
const A = 123456789012345678901234567890n;
const B = -987654321n;

// The 54 imports of graph-ts 0.38.2 (reference B.3), plus the ones graph-node links for removed APIs.
const GRAPH_TS_IMPORTS = [
  'abort',
  'store.set',
  'store.get',
  'store.get_in_block',
  'store.loadRelated',
  'store.remove',
  'log.log',
  'crypto.keccak256',
  'ipfs.cat',
  'ipfs.map',
  'ens.nameByHash',
  'typeConversion.bytesToHex',
  'typeConversion.bigIntToString',
  'typeConversion.bigIntToHex',
  'typeConversion.bytesToString',
  'typeConversion.bytesToBase58',
  'typeConversion.stringToH160',
  'bigInt.plus',
  'bigInt.minus',
  'bigInt.times',
  'bigInt.dividedBy',
  'bigInt.dividedByDecimal',
  'bigInt.mod',
  'bigInt.pow',
  'bigInt.fromString',
  'bigInt.bitOr',
  'bigInt.bitAnd',
  'bigInt.leftShift',
  'bigInt.rightShift',
  'bigDecimal.toString',
  'bigDecimal.fromString',
  'bigDecimal.plus',
  'bigDecimal.minus',
  'bigDecimal.times',
  'bigDecimal.dividedBy',
  'bigDecimal.equals',
  'dataSource.create',
  'dataSource.createWithContext',
  'dataSource.address',
  'dataSource.network',
  'dataSource.context',
  'json.fromBytes',
  'json.try_fromBytes',
  'json.toI64',
  'json.toU64',
  'json.toF64',
  'json.toBigInt',
  'yaml.fromBytes',
  'yaml.try_fromBytes',
  'ethereum.call',
  'ethereum.getBalance',
  'ethereum.hasCode',
  'ethereum.encode',
  'ethereum.decode',
];

let h: Harness;
beforeEach(() => {
  h = new Harness();
});

const str = (s: string): Value => ({ kind: 'String', value: s });

describe('linking', () => {
  it('implements every host function graph-ts 0.38 can import', () => {
    const names = new Set(h.runtime.hostFunctionNames());
    for (const n of GRAPH_TS_IMPORTS) expect(names, n).toContain(n);
    for (const n of ['ipfs.getBlock', 'arweave.transactionData', 'box.profile']) expect(names).toContain(n);
    expect([...h.runtime.unimplementedImports]).toEqual([]);
  });
});

describe('BigInt host functions', () => {
  it('compute like num-bigint', () => {
    const out = h.probe('bigint', A, B, '-12345678901234567890', '3.5', '0xff01');
    expect(out).toEqual([
      (A + B).toString(),
      (A - B).toString(),
      (A * B).toString(),
      (A / B).toString(),
      (A % B).toString(),
      (A ** 3n).toString(),
      (A | B).toString(),
      (A & B).toString(),
      (A << 7n).toString(),
      (A >> 7n).toString(),
      '0x' + A.toString(16),
      '-12345678901234567890',
      '35273368289241622543209876540',
      String(0x01ff), // fromSignedBytes([0xff, 0x01]) little-endian
      String(0x01ff),
      '351364182882014', // graph-ts sqrt (AssemblyScript side), exercised for completeness
    ]);
  });

  it('handle negatives: floor shifts, two’s complement bit ops, hex of the magnitude', () => {
    const out = h.probe('bigint', -255n, 16n, '+7', '-2', '0x80');
    expect(out[3]).toBe('-15'); // division truncates
    expect(out[4]).toBe('-15'); // remainder takes the dividend's sign
    expect(out[6]).toBe(String(-255n | 16n));
    expect(out[7]).toBe(String(-255n & 16n));
    expect(out[9]).toBe(String(-255n >> 7n)); // -2: rounds toward negative infinity
    expect(out[10]).toBe('0xff'); // graph-node prints the magnitude
    expect(out[11]).toBe('7');
    expect(out[12]).toBe('127.5');
    expect(out[13]).toBe('-128');
    expect(out[14]).toBe('128');
  });

  it('fail with graph-node’s texts', () => {
    expect(h.probeError('bigint-div-zero!', 5n, 0n)).toBe('attempted to divide BigInt `5` by zero');
    expect(h.probeError('bigint-mod-zero!', -7n, 0n)).toBe(
      'attempted to calculate the remainder of `-7` with a divisor of zero',
    );
    expect(h.probeError('bigint-parse!', 0n, 0n, '12x')).toBe('string is not a BigInt: `12x`');
  });
});

describe('BigDecimal host functions', () => {
  it('compute and print like graph-node', () => {
    expect(h.probe('bigdecimal', 42n, 0n, '1.50', '3')).toEqual([
      '4.5',
      '-1.5',
      '4.5',
      '0.5',
      'false',
      '1.5',
      '3',
      '1.5',
      '15e-1',
      '42',
    ]);
    const out = h.probe('bigdecimal', 0n, 0n, '-2', '3');
    expect(out[3]).toBe('-0.66666666666666666666666666666666666');
    const third = h.probe('bigdecimal', 0n, 0n, '1', '3');
    expect(third[3]).toBe('0.3333333333333333333333333333333333');
    const eq = h.probe('bigdecimal', 0n, 0n, '2.50', '2.5');
    expect(eq[4]).toBe('true');
  });

  it('fail with graph-node’s texts', () => {
    expect(h.probeError('bigdecimal-div-zero!', 0n, 0n, '1.5', '0')).toBe(
      'attempted to divide BigDecimal `1.5` by zero',
    );
    expect(h.probeError('bigdecimal-parse!', 0n, 0n, '1.2.3')).toBe("string  is not a BigDecimal: '1.2.3'");
  });
});

describe('conversions, crypto, JSON, YAML, ABI', () => {
  it('converts bytes and addresses', () => {
    const out = h.probe(
      'bytes',
      300n,
      0n,
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      'héllo',
      hex('Hello World'),
    );
    expect(out).toEqual([
      hex('Hello World'),
      'JxF12TrwUP45BMd',
      'Hello World',
      keccak256(hex('Hello World')),
      '0x5fbdb2315678afecb367f032d93f642f64180aa3',
      hex('héllo'),
      '0x2c01',
    ]);
    // trailing NULs are trimmed and invalid UTF-8 is replaced, like String::from_utf8_lossy
    expect(h.probe('bytes', 0n, 0n, EMITTER_ADDRESS, '', '0x48690000')[2]).toBe('Hi');
    expect(h.probe('bytes', 0n, 0n, EMITTER_ADDRESS, '', '0x48ff69')[2]).toBe('H\ufffdi');
    expect(h.probeError('address-parse!', 0n, 0n, '0x1234')).toBe(
      "Failed to convert string to Address: '0x1234'",
    );
  });

  it('parses JSON like serde_json with arbitrary_precision (sorted keys, exact numbers)', () => {
    const doc = '{"z":[1,2.50,-3e2,12345678901234567890],"a":null,"m":{"y":true,"b":"x\\u00e9"},"a":false}';
    expect(h.probe('json', 0n, 0n, '', '', hex(doc))).toEqual([
      '{a=false,m={b=s:xé,y=true},z=[n:1:1:1:1:1.0,n:2.50:2.5,n:-3e2:-300.0,n:12345678901234567890:12345678901234567890:12345678901234567000.0]}',
    ]);
    expect(h.probe('json', 0n, 0n, '', '', hex('{"a":1,}'))).toEqual(['error']);
    expect(h.probe('json', 0n, 0n, '', '', hex('[1] x'))).toEqual(['error']);
    expect(h.probeError('json-parse!', 0n, 0n, '', '', hex('nope'))).toMatch(
      /^Failed to parse JSON from byte array\. Bytes \(truncated to 1024 chars\): `\[110, 111, 112, 101\]`/,
    );
  });

  it('parses YAML like serde_yaml (ordered mappings, tags, Display numbers)', () => {
    const doc = 'b: 1\na: [x, 2.50, true, ~, 1e3, 0x10]\nc: !tag 3\nd: {k: "v"}\n';
    expect(h.probe('yaml', 0n, 0n, '', '', hex(doc))).toEqual([
      '{s:b=n:1,s:a=[s:x,n:2.5,true,null,n:1000.0,n:16],s:c=!!tag n:3,s:d={s:k=s:v}}',
    ]);
    expect(h.probe('yaml', 0n, 0n, '', '', hex('a: [unclosed'))).toEqual(['error']);
  });

  it('encodes and decodes ABI values like graph-node (one-element sequence)', () => {
    const addr = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
    const out = h.probe('ethereum', -5n, 7n, addr, 'str', '0x1234');
    const expected = encodeAbiParameters(
      [
        {
          type: 'tuple',
          components: [
            { type: 'address' },
            { type: 'uint256' },
            { type: 'int256' },
            { type: 'string' },
            { type: 'bytes' },
            { type: 'bool' },
            { type: 'uint256[]' },
          ],
        },
      ],
      [[addr, 7n, -5n, 'str', '0x1234', true, [7n, 1n]]],
    );
    expect(out[0]).toBe(expected);
    expect(out[1]).toBe(
      `tuple(address:${addr},uint:7,int:-5,string:str,bytes:0x1234,bool:true,array(uint:7,uint:1))`,
    );
    expect(out[2]).toBe('null'); // undecodable data gives null, not an error
  });

  it('reads balances and code at the trigger’s block', () => {
    h.chain.balances.set('0x00000000000000000000000000000000000000aa', 10n ** 18n);
    h.chain.code.set('0x00000000000000000000000000000000000000aa', '0x6000');
    expect(h.probe('chain', 0n, 0n, '0x00000000000000000000000000000000000000aa')).toEqual([
      '1000000000000000000',
      'code',
    ]);
    expect(h.probe('chain', 0n, 0n, '0x00000000000000000000000000000000000000bb')).toEqual(['0', 'nocode']);
  });
});

describe('ethereum.call', () => {
  const transferLog = (from: Hex, to: Hex, value: bigint) =>
    h.log('Transfer', encodeAbiParameters([{ type: 'uint256' }], [value]), [
      addressTopic(from),
      addressTopic(to),
    ]);

  it('calls the contract at the trigger’s block and decodes the result', () => {
    h.chain.callResult = { ok: true, data: encodeAbiParameters([{ type: 'uint256' }], [777n]) };
    const to: Hex = '0x00000000000000000000000000000000000000cc';
    h.runBlock([transferLog('0x0000000000000000000000000000000000000000', to, 1000n)]);
    const balanceOf = '0x70a08231';
    expect(h.chain.calls).toEqual([
      { to: EMITTER_ADDRESS, data: `${balanceOf}${'0'.repeat(64)}`, block: 10 },
      { to: EMITTER_ADDRESS, data: `${balanceOf}${to.slice(2).padStart(64, '0')}`, block: 10 },
    ]);
    expect(h.store.get('Account', to)?.get('onchainBalance')).toEqual({ kind: 'BigInt', value: 777n });
  });

  it('returns null (try_ reverted) when the call reverts', () => {
    h.chain.callResult = { ok: false, reason: 'execution reverted' };
    const to: Hex = '0x00000000000000000000000000000000000000dd';
    h.runBlock([transferLog('0x0000000000000000000000000000000000000000', to, 5n)]);
    expect(h.store.get('Account', to)?.get('onchainBalance')).toEqual({ kind: 'BigInt', value: 0n });
  });
});

describe('memory layout round trips', () => {
  const every: Record<string, Entity> = {
    Account: new Map<string, Value>([
      ['id', { kind: 'Bytes', value: new Uint8Array([0xab, 0xcd]) }],
      ['balance', { kind: 'BigInt', value: -(2n ** 200n) - 42n }],
      ['onchainBalance', { kind: 'BigInt', value: 0n }],
      ['share', { kind: 'BigDecimal', value: BigDecimal.fromString('-0.000123456789') }],
      ['txCount', { kind: 'Int', value: -2147483648 }],
      ['lastSeen', { kind: 'Timestamp', value: 1_700_000_000_123_456n }],
      ['label', str('ünïcödé ✓ 𝄞')],
    ]),
    Note: new Map<string, Value>([
      ['id', str('n1')],
      ['author', { kind: 'Bytes', value: new Uint8Array([1]) }],
      ['text', str('')],
      ['data', { kind: 'Bytes', value: new Uint8Array() }],
      ['delta', { kind: 'BigInt', value: 2n ** 255n - 1n }],
      ['flag', { kind: 'Bool', value: true }],
      ['kind', str('MEDIUM')],
      ['tags', { kind: 'List', value: [str('a'), str(''), str('long '.repeat(100))] }],
      ['ratio', { kind: 'BigDecimal', value: BigDecimal.fromString('12345678901234567890.123456789') }],
    ]),
    Counter: new Map<string, Value>([
      ['id', { kind: 'Int8', value: -9223372036854775808n }],
      ['count', { kind: 'BigInt', value: 1n }],
      ['sum', { kind: 'BigInt', value: -1n }],
    ]),
    Transfer: new Map<string, Value>([
      ['id', { kind: 'Bytes', value: new Uint8Array(36).fill(7) }],
      ['from', { kind: 'Bytes', value: new Uint8Array(20).fill(1) }],
      ['to', { kind: 'Bytes', value: new Uint8Array(20).fill(2) }],
      ['value', { kind: 'BigInt', value: 10n ** 30n }],
      ['kind', str('LARGE')],
      ['logIndex', { kind: 'Int8', value: 9223372036854775807n }],
      ['blockNumber', { kind: 'BigInt', value: 5n }],
      ['timestamp', { kind: 'BigInt', value: 6n }],
    ]),
  };

  it.each([
    ['Account', '0xabcd', '0xabce'],
    ['Note', 'n1', 'n2'],
    ['Counter', '-9223372036854775808', '9223372036854775807'],
    ['Transfer', bytesToHex(new Uint8Array(36).fill(7)), bytesToHex(new Uint8Array(36).fill(8))],
  ])('%s: every value kind survives store.get → WASM → store.set', (type, id, newId) => {
    const entity = every[type]!;
    h.store.entities.set(type, new Map([[id, entity]]));
    h.probe('copy', 0n, 0n, type, id, hex(newId));
    const copy = h.store.get(type, newId)!;
    const expected = new Map(entity);
    expected.set(
      'id',
      entity.get('id')!.kind === 'Bytes'
        ? { kind: 'Bytes', value: new Uint8Array(Buffer.from(newId.slice(2), 'hex')) }
        : entity.get('id')!.kind === 'Int8'
          ? { kind: 'Int8', value: BigInt(newId) }
          : str(newId),
    );
    expect(copy).toEqual(expected);
  });

  it('decodes every event parameter kind', () => {
    const ev = h.log(
      'Note',
      encodeAbiParameters(
        [
          { type: 'string' },
          { type: 'bytes' },
          { type: 'int256' },
          { type: 'bool' },
          { type: 'uint8' },
          { type: 'string[]' },
        ],
        ['hi', '0xbeef', -(2n ** 255n), false, 4, ['x', 'y']],
      ),
      [addressTopic('0x00000000000000000000000000000000000000ee')],
    );
    h.runBlock([ev]);
    const note = h.store.get('Note', '0x00000000000000000000000000000000000000ee')!;
    expect(note.get('text')).toEqual(str('hi'));
    expect(note.get('data')).toEqual({ kind: 'Bytes', value: new Uint8Array([0xbe, 0xef]) });
    expect(note.get('delta')).toEqual({ kind: 'BigInt', value: -(2n ** 255n) });
    expect(note.get('flag')).toEqual({ kind: 'Bool', value: false });
    expect(note.get('kind')).toEqual(str('MEDIUM'));
    expect(note.get('tags')).toEqual({ kind: 'List', value: [str('x'), str('y')] });
    expect(note.get('ratio')!.kind).toBe('BigDecimal');
  });
});

describe('store semantics', () => {
  it('merges sets, sees pending writes, scopes get_in_block to the block, removes', () => {
    h.store.entities.set(
      'ProbeResult',
      new Map([
        [
          'prev',
          new Map<string, Value>([
            ['id', str('prev')],
            ['op', str('p')],
            ['out', { kind: 'List', value: [] }],
          ]),
        ],
      ]),
    );
    expect(h.probe('store')).toEqual([
      '{id=s1,op=first,out=[x]}', // get_in_block sees the entity set in this block
      '{id=s1,op=second,out=[x]}', // a partial set merges
      'null',
      'null', // get_in_block does not see entities from earlier blocks
      '{id=prev,op=p,out=[]}', // store.get does
      'null', // removed
      'null',
      '{id=prev,op=p,out=[y,z]}', // merged over the stored entity
    ]);
    // s1 was removed in the same block: it never reaches the store
    expect(h.store.get('ProbeResult', 's1')).toBeNull();
  });

  it('removes fields set to null when merging', () => {
    const author = '0x00000000000000000000000000000000000000ee';
    const note = (text: string, delta: bigint) =>
      h.log(
        'Note',
        encodeAbiParameters(
          [
            { type: 'string' },
            { type: 'bytes' },
            { type: 'int256' },
            { type: 'bool' },
            { type: 'uint8' },
            { type: 'string[]' },
          ],
          [text, '0x', delta, true, 0, []],
        ),
        [addressTopic(author)],
      );
    h.runBlock([note('hello', 4n)]);
    expect(h.store.get('Account', author)!.get('label')).toEqual(str('hello'));
    expect(h.store.get('Note', author)!.get('ratio')).toEqual({
      kind: 'BigDecimal',
      value: BigDecimal.fromString('0.25'),
    });
    h.runBlock([note('', 0n)]);
    expect(h.store.get('Account', author)!.has('label')).toBe(false);
    expect(h.store.get('Note', author)!.has('ratio')).toBe(false);
  });

  it('loadRelated sees entities written earlier in the block', () => {
    const pool = '0x00000000000000000000000000000000000000f1';
    h.store.entities.set(
      'Position',
      new Map([
        [
          'a',
          new Map<string, Value>([
            ['id', str('a')],
            ['pool', { kind: 'Bytes', value: new Uint8Array(Buffer.from(pool.slice(2), 'hex')) }],
            ['account', { kind: 'Bytes', value: new Uint8Array(20) }],
            ['amount', { kind: 'BigInt', value: 1n }],
            ['deposits', { kind: 'Int', value: 1 }],
          ]),
        ],
      ]),
    );
    expect(h.probe('related', 0n, 0n, pool)).toEqual(['a']);
    expect(h.probe('related', 0n, 0n, '0x00000000000000000000000000000000000000f2')).toEqual(['']);
  });

  it('allows re-setting an immutable entity within the block', () => {
    const id = '0x' + '11'.repeat(8);
    expect(h.probe('immutable', 1n, 2n, id)).toEqual([`{i=1,id=${id},sender=${id},value=3}`]);
  });

  it('rejects invalid writes with graph-node’s texts', () => {
    expect(h.probeError('store-unknown-field!')).toBe(
      'Attempted to set undefined fields [alsoBogus, bogus] for the entity type `ProbeResult`. Make sure those fields are defined in the schema.',
    );
    expect(h.probeError('store-id-mismatch!')).toBe(
      'Value of ProbeResult attribute \'id\' conflicts with ID passed to `store.set()`: String("u") != String("other")',
    );
    expect(h.probeError('store-missing-field!')).toBe(
      'Entity ProbeResult[m]: missing value for non-nullable field `out`',
    );
    expect(h.probeError('store-wrong-type!')).toBe(
      'Entity ProbeResult[w]: the value `7` for field `op` must have type String! but has type Int',
    );
    expect(h.probeError('store-unknown-entity!')).toBe(
      'internal error: unknown name Nope when looking up entity type',
    );
    expect(h.probeError('store-derived!')).toBe(
      'Entity Pool[0x01]: field `deposits` is derived and cannot be set',
    );
  });

  it('discards a failed handler’s writes', () => {
    expect(() => h.probe('store-missing-field!')).toThrow(HandlerError);
    expect(h.store.get('ProbeResult', 'm')).toBeNull();
  });
});

describe('logging, aborts, unsupported APIs, data sources', () => {
  it('logs at every level; critical fails the handler', () => {
    h.probe('log', 0n, 0n, 'a', 'b');
    expect(h.logs).toEqual([
      'INFO Emitter: info a b',
      'DEBUG Emitter: debug',
      'WARNING Emitter: warning',
      'ERROR Emitter: error',
    ]);
    expect(h.probeError('log-critical!', 0n, 0n, 'boom')).toBe(
      'Critical error logged in mapping with log message: critical boom',
    );
  });

  it('reports aborts with their location', () => {
    expect(h.probeError('abort!', 0n, 0n, 'x')).toMatch(
      /^Mapping aborted at src\/probe\.ts, line \d+, column \d+, with message: boom x$/,
    );
  });

  it('fails deterministically on IPFS and ENS, as graph-node does by default', () => {
    expect(h.probeError('ipfs!', 0n, 0n, 'Qm')).toBe(
      '`ipfs.cat` is deprecated. Improved support for IPFS will be added in the future',
    );
    expect(h.probeError('ens!', 0n, 0n, '0x00')).toBe(
      'Missing ENS data: see https://github.com/graphprotocol/ens-rainbow',
    );
  });

  it('exposes the data source and creates data sources from templates', () => {
    expect(h.probe('datasource')).toEqual([EMITTER_ADDRESS, 'devnet', '0']);
    const block = h.blockNumber;
    h.probe('create', 0n, 0n, '0x00000000000000000000000000000000000000f1', 'beta');
    const created = h.runtime.dataSources[1]!;
    expect(created.name).toBe('Pool');
    expect(bytesToHex(created.address)).toBe('0x00000000000000000000000000000000000000f1');
    expect(created.creationBlock).toBe(block);
    expect([...created.context!]).toEqual([['name', str('beta')]]);
    expect(h.probeError('create-unknown!', 0n, 0n, '0x00000000000000000000000000000000000000f1')).toBe(
      'Failed to create data source from name `Nope`: No template with this name in parent data source `Emitter`. Available names: Pool.',
    );
  });
});
