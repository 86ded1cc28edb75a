// Reading and writing AssemblyScript objects in a mapping's linear memory, per graph-node's
// asc_abi (runtime/wasm/src/asc_abi/{class.rs,v0_0_5.rs}) for apiVersion >= 0.0.5:
//  - every object has a 20-byte header; `rtSize` (payload bytes) is the u32 at `ptr - 4`;
//  - String: UTF-16LE code units; ArrayBuffer: raw bytes;
//  - Uint8Array (Bytes, BigInt, Address): {buffer, dataStart, byteLength} = 12 bytes;
//  - Array<T>: {buffer, dataStart, byteLength, length} = 16 bytes of 4-byte pointers or values;
//  - enums (store Value, ethereum.Value, JSONValue, YAMLValue): {kind: i32, pad, data: u64};
//  - TypedMap: {entries: Array<TypedMapEntry{key, value}>}.
// Objects are allocated with the module's exported `__new(size, id_of_type(TypeId))`; the stub
// runtime never collects, so pointers stay valid for the instance's life.
import './wasm-types.js';
import {
  BigDecimal,
  DeterministicError,
  bigIntFromSignedLE,
  bigIntToSignedLE,
  checkBigInt,
} from '../numbers.js';
import type { Value } from '../values.js';

/** graph-ts `TypeId` discriminants (global/global.ts), the argument of `id_of_type`. */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayBool: 13,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayJsonValue: 17,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringJsonValue: 20,
  ArrayTypedMapEntryStringStoreValue: 21,
  SmartContractCall: 22,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  EthereumCall: 26,
  WrappedTypedMapStringJsonValue: 27,
  WrappedBool: 28,
  WrappedJsonValue: 29,
  EthereumValue: 30,
  StoreValue: 31,
  JsonValue: 32,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapEntryStringJsonValue: 35,
  TypedMapStringStoreValue: 36,
  TypedMapStringJsonValue: 37,
  ResultJsonValueBool: 40,
  TransactionReceipt: 1000,
  Log: 1001,
  ArrayH256: 1002,
  ArrayLog: 1003,
  ArrayTypedMapStringStoreValue: 1004,
  YamlValue: 5500,
  YamlTaggedValue: 5501,
  YamlTypedMapEntryValueValue: 5502,
  YamlTypedMapValueValue: 5503,
  YamlArrayValue: 5504,
  YamlArrayTypedMapEntryValueValue: 5505,
  YamlWrappedValue: 5506,
  YamlResultValueBool: 5507,
} as const;

/** Store `Value` kinds (graph-ts common/value.ts `ValueKind`). */
export const StoreKind = {
  STRING: 0,
  INT: 1,
  BIGDECIMAL: 2,
  BOOL: 3,
  ARRAY: 4,
  NULL: 5,
  BYTES: 6,
  BIGINT: 7,
  INT8: 8,
  TIMESTAMP: 9,
} as const;

const utf16 = new TextDecoder('utf-16le');

/** A view of one instance's memory with typed readers and allocators. */
export class AscHeap {
  private readonly memory: WebAssembly.Memory;
  private readonly newObj: (size: number, id: number) => number;
  private readonly idOfType: (typeId: number) => number;
  private buf!: ArrayBuffer;
  private u8!: Uint8Array;
  private dv!: DataView;

  constructor(
    instance: WebAssembly.Instance,
    private readonly rtIds: Map<number, number>,
  ) {
    const ex = instance.exports;
    this.memory = ex.memory as WebAssembly.Memory;
    this.newObj = ex.__new as (size: number, id: number) => number;
    this.idOfType = ex.id_of_type as (t: number) => number;
    if (!this.memory || !this.newObj || !this.idOfType) {
      throw new Error('the module does not export memory, __new and id_of_type (was it built by graph-cli?)');
    }
    this.refresh();
  }

  private refresh(): void {
    this.buf = this.memory.buffer;
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }

  /**
   * Re-creates the views if the memory grew (which detaches the old buffer). The runtime calls this
   * on entry to every host function; allocations call it after `__new`.
   */
  sync(): void {
    if (this.memory.buffer !== this.buf) this.refresh();
  }

  private view(): DataView {
    return this.dv;
  }

  private bytes(): Uint8Array {
    return this.u8;
  }

  rtId(typeId: number): number {
    let id = this.rtIds.get(typeId);
    if (id === undefined) {
      id = this.idOfType(typeId) >>> 0;
      this.rtIds.set(typeId, id);
    }
    return id;
  }

  // --- primitive access -------------------------------------------------------------------

  u32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }
  i32(ptr: number): number {
    return this.view().getInt32(ptr, true);
  }
  u64(ptr: number): bigint {
    return this.view().getBigUint64(ptr, true);
  }
  i64(ptr: number): bigint {
    return this.view().getBigInt64(ptr, true);
  }
  f64(ptr: number): number {
    return this.view().getFloat64(ptr, true);
  }
  u8At(ptr: number): number {
    return this.bytes()[ptr]!;
  }
  setU32(ptr: number, v: number): void {
    this.view().setUint32(ptr, v >>> 0, true);
  }
  setI32(ptr: number, v: number): void {
    this.view().setInt32(ptr, v | 0, true);
  }
  setU64(ptr: number, v: bigint): void {
    this.view().setBigUint64(ptr, BigInt.asUintN(64, v), true);
  }
  setF64(ptr: number, v: number): void {
    this.view().setFloat64(ptr, v, true);
  }
  setU8(ptr: number, v: number): void {
    this.bytes()[ptr] = v;
  }

  /** Allocates `size` zeroed payload bytes of runtime type `typeId`; returns the payload pointer. */
  alloc(size: number, typeId: number): number {
    const ptr = this.newObj(size, this.rtId(typeId)) >>> 0;
    this.sync();
    this.u8.fill(0, ptr, ptr + size);
    return ptr;
  }

  /** Payload size of an object (its header's rtSize). */
  size(ptr: number): number {
    return this.u32(ptr - 4);
  }

  private check(ptr: number, what: string): void {
    if (ptr === 0) throw new DeterministicError(`null pointer passed for ${what}`);
    if (ptr + 0 > this.bytes().length) throw new DeterministicError(`pointer ${ptr} is out of bounds`);
  }

  // --- readers ----------------------------------------------------------------------------

  readString(ptr: number): string {
    this.check(ptr, 'a string');
    const len = this.size(ptr);
    const b = this.bytes();
    return utf16.decode(b.subarray(ptr, ptr + len));
  }

  readArrayBuffer(ptr: number): Uint8Array {
    const len = this.size(ptr);
    return this.bytes().slice(ptr, ptr + len);
  }

  /** Reads a Uint8Array subclass (Bytes, ByteArray, Address, BigInt) as a copy. */
  readBytes(ptr: number): Uint8Array {
    this.check(ptr, 'a byte array');
    const dataStart = this.u32(ptr + 4);
    const byteLength = this.u32(ptr + 8);
    return this.bytes().slice(dataStart, dataStart + byteLength);
  }

  /** Reads an `Array<T>`'s elements as raw u32 words (pointers or i32 values). */
  readArrayPtrs(ptr: number): number[] {
    this.check(ptr, 'an array');
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const out: number[] = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.u32(dataStart + 4 * i);
    return out;
  }

  readStringArray(ptr: number): string[] {
    return this.readArrayPtrs(ptr).map((p) => this.readString(p));
  }

  readBigInt(ptr: number): bigint {
    return checkBigInt(bigIntFromSignedLE(this.readBytes(ptr)));
  }

  /** graph-node `FromAscObj<AscBigDecimal>`: normalises and checks the exponent range. */
  readBigDecimal(ptr: number): BigDecimal {
    this.check(ptr, 'a BigDecimal');
    const digits = this.readBigInt(this.u32(ptr));
    const expRaw = bigIntFromSignedLE(this.readBytes(this.u32(ptr + 4)));
    const exp = BigInt.asIntN(64, expRaw);
    if (exp > 1_000_000_000n || exp < -1_000_000_000n) {
      throw new DeterministicError(
        `big decimal exponent \`${exp}\` is outside the \`${BigDecimal.MIN_EXP}\` to \`${BigDecimal.MAX_EXP}\` range`,
      );
    }
    const v = BigDecimal.fromDigitsExp(digits, Number(exp));
    if (v.exp < BigDecimal.MIN_EXP || v.exp > BigDecimal.MAX_EXP) {
      throw new DeterministicError(
        `big decimal exponent \`${v.exp}\` is outside the \`${BigDecimal.MIN_EXP}\` to \`${BigDecimal.MAX_EXP}\` range`,
      );
    }
    return v;
  }

  /** Reads a store `Value`. */
  readStoreValue(ptr: number): Value {
    this.check(ptr, 'a store value');
    const kind = this.i32(ptr);
    const payload = ptr + 8;
    switch (kind) {
      case StoreKind.STRING:
        return { kind: 'String', value: this.readString(this.u32(payload)) };
      case StoreKind.INT:
        return { kind: 'Int', value: this.i32(payload) };
      case StoreKind.BIGDECIMAL:
        return { kind: 'BigDecimal', value: this.readBigDecimal(this.u32(payload)) };
      case StoreKind.BOOL:
        return { kind: 'Bool', value: this.u64(payload) !== 0n };
      case StoreKind.ARRAY:
        return {
          kind: 'List',
          value: this.readArrayPtrs(this.u32(payload)).map((p) => this.readStoreValue(p)),
        };
      case StoreKind.NULL:
        return { kind: 'Null' };
      case StoreKind.BYTES:
        return { kind: 'Bytes', value: this.readBytes(this.u32(payload)) };
      case StoreKind.BIGINT:
        return { kind: 'BigInt', value: this.readBigInt(this.u32(payload)) };
      case StoreKind.INT8:
        return { kind: 'Int8', value: this.i64(payload) };
      case StoreKind.TIMESTAMP:
        return { kind: 'Timestamp', value: this.i64(payload) };
      default:
        throw new DeterministicError(`invalid store value kind ${kind}`);
    }
  }

  /** Reads a `TypedMap<string, Value>` (Entity, DataSourceContext) as ordered entries. */
  readEntity(ptr: number): [string, Value][] {
    this.check(ptr, 'an entity');
    const entries = this.readArrayPtrs(this.u32(ptr));
    return entries.map((e) => [this.readString(this.u32(e)), this.readStoreValue(this.u32(e + 4))]);
  }

  // --- writers ----------------------------------------------------------------------------

  newString(s: string): number {
    const ptr = this.alloc(s.length * 2, TypeId.String);
    const view = this.view();
    for (let i = 0; i < s.length; i++) view.setUint16(ptr + 2 * i, s.charCodeAt(i), true);
    return ptr;
  }

  newArrayBuffer(bytes: Uint8Array): number {
    const ptr = this.alloc(bytes.length, TypeId.ArrayBuffer);
    this.bytes().set(bytes, ptr);
    return ptr;
  }

  /** Allocates a Uint8Array-backed object (Bytes, BigInt, Address all use the Uint8Array type). */
  newBytes(bytes: Uint8Array): number {
    const buffer = this.newArrayBuffer(bytes);
    const ptr = this.alloc(12, TypeId.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, bytes.length);
    return ptr;
  }

  newBigInt(v: bigint): number {
    return this.newBytes(bigIntToSignedLE(v));
  }

  /** Allocates an `Array<T>` of 4-byte words (pointers or i32s) with the given array TypeId. */
  newArray(words: number[], typeId: number): number {
    const buffer = this.alloc(words.length * 4, TypeId.ArrayBuffer);
    for (let i = 0; i < words.length; i++) this.setU32(buffer + 4 * i, words[i]!);
    const ptr = this.alloc(16, typeId);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, words.length * 4);
    this.setI32(ptr + 12, words.length);
    return ptr;
  }

  newStringArray(items: string[]): number {
    return this.newArray(
      items.map((s) => this.newString(s)),
      TypeId.ArrayString,
    );
  }

  newBigDecimal(v: BigDecimal): number {
    const digits = this.newBigInt(v.int);
    const exp = this.newBigInt(BigInt(v.exp));
    const ptr = this.alloc(8, TypeId.BigDecimal);
    this.setU32(ptr, digits);
    this.setU32(ptr + 4, exp);
    return ptr;
  }

  /** Allocates an enum object `{kind, pad, data: u64}` of the given TypeId. */
  newEnum(typeId: number, kind: number, data: bigint | number): number {
    const ptr = this.alloc(16, typeId);
    this.setI32(ptr, kind);
    this.setU64(ptr + 8, typeof data === 'number' ? BigInt(data >>> 0) : data);
    return ptr;
  }

  newStoreValue(v: Value): number {
    switch (v.kind) {
      case 'String':
        return this.newEnum(TypeId.StoreValue, StoreKind.STRING, this.newString(v.value));
      case 'Int':
        return this.newEnum(TypeId.StoreValue, StoreKind.INT, BigInt.asUintN(64, BigInt(v.value)));
      case 'BigDecimal':
        return this.newEnum(TypeId.StoreValue, StoreKind.BIGDECIMAL, this.newBigDecimal(v.value));
      case 'Bool':
        return this.newEnum(TypeId.StoreValue, StoreKind.BOOL, v.value ? 1 : 0);
      case 'List':
        return this.newEnum(
          TypeId.StoreValue,
          StoreKind.ARRAY,
          this.newArray(
            v.value.map((x) => this.newStoreValue(x)),
            TypeId.ArrayStoreValue,
          ),
        );
      case 'Null':
        return this.newEnum(TypeId.StoreValue, StoreKind.NULL, 0);
      case 'Bytes':
        return this.newEnum(TypeId.StoreValue, StoreKind.BYTES, this.newBytes(v.value));
      case 'BigInt':
        return this.newEnum(TypeId.StoreValue, StoreKind.BIGINT, this.newBigInt(v.value));
      case 'Int8':
        return this.newEnum(TypeId.StoreValue, StoreKind.INT8, v.value);
      case 'Timestamp':
        return this.newEnum(TypeId.StoreValue, StoreKind.TIMESTAMP, v.value);
    }
  }

  /** Allocates an Entity / DataSourceContext (`TypedMap<string, Value>`) from entries. */
  newEntity(entries: [string, Value][]): number {
    const ptrs = entries.map(([k, v]) => {
      const key = this.newString(k);
      const value = this.newStoreValue(v);
      const entry = this.alloc(8, TypeId.TypedMapEntryStringStoreValue);
      this.setU32(entry, key);
      this.setU32(entry + 4, value);
      return entry;
    });
    const arr = this.newArray(ptrs, TypeId.ArrayTypedMapEntryStringStoreValue);
    const ptr = this.alloc(4, TypeId.TypedMapStringStoreValue);
    this.setU32(ptr, arr);
    return ptr;
  }

  /** Allocates a class instance whose fields are all 4-byte words. */
  newObject(typeId: number, words: number[]): number {
    const ptr = this.alloc(words.length * 4, typeId);
    for (let i = 0; i < words.length; i++) this.setU32(ptr + 4 * i, words[i]!);
    return ptr;
  }

  /** `Wrapped<bool>`. */
  newWrappedBool(v: boolean, typeId: number = TypeId.WrappedBool): number {
    const ptr = this.alloc(4, typeId);
    this.setU8(ptr, v ? 1 : 0);
    return ptr;
  }
}
