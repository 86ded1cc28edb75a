// Entity attribute values, graph-node's `store::Value`.
import { BigDecimal } from './numbers.js';

/** A store value. `Int` is an i32, `Int8` an i64, `Timestamp` microseconds since the epoch. */
export type Value =
  | { kind: 'String'; value: string }
  | { kind: 'Int'; value: number }
  | { kind: 'Int8'; value: bigint }
  | { kind: 'BigInt'; value: bigint }
  | { kind: 'BigDecimal'; value: BigDecimal }
  | { kind: 'Bool'; value: boolean }
  | { kind: 'Bytes'; value: Uint8Array }
  | { kind: 'Timestamp'; value: bigint }
  | { kind: 'List'; value: Value[] }
  | { kind: 'Null' };

/** An entity's attributes by field name. */
export type Entity = Map<string, Value>;

/** The scalar value types of a schema field (graph-node `ValueType`); `ID` and enums are `String`. */
export type ValueType =
  'String' | 'Int' | 'Int8' | 'BigInt' | 'BigDecimal' | 'Boolean' | 'Bytes' | 'Timestamp';

/** The null value (removes a field when set). */
export const NULL: Value = { kind: 'Null' };

/** Lowercase `0x` hex of bytes. */
export function bytesToHex(b: Uint8Array): string {
  return '0x' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Bytes of a hex string (`0x` optional); throws on invalid input. */
export function hexToBytes(hex: string): Uint8Array {
  const h = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`invalid hex string: ${hex}`);
  return new Uint8Array(Buffer.from(h, 'hex'));
}

/** graph-node `Value::type_name`. */
export function typeName(v: Value): string {
  switch (v.kind) {
    case 'Bool':
      return 'Boolean';
    case 'List':
      return v.value.length > 0 ? `[${typeName(v.value[0]!)}]` : '[Any]';
    default:
      return v.kind;
  }
}

/** graph-node `Display for Value`. */
export function displayValue(v: Value): string {
  switch (v.kind) {
    case 'String':
      return v.value;
    case 'Int':
    case 'Int8':
    case 'BigInt':
    case 'Timestamp':
    case 'Bool':
      return String(v.value);
    case 'BigDecimal':
      return v.value.toString();
    case 'Bytes':
      return bytesToHex(v.value);
    case 'List':
      return `[${v.value.map(displayValue).join(', ')}]`;
    case 'Null':
      return 'null';
  }
}

/** graph-node `Value::is_assignable`. */
export function isAssignable(v: Value, type: ValueType, isList: boolean): boolean {
  if (v.kind === 'Null') return true;
  if (v.kind === 'List') return isList && v.value.every((x) => isAssignable(x, type, false));
  return (
    (v.kind === 'String' && type === 'String') ||
    (v.kind === 'BigDecimal' && type === 'BigDecimal') ||
    (v.kind === 'BigInt' && type === 'BigInt') ||
    (v.kind === 'Bool' && type === 'Boolean') ||
    (v.kind === 'Bytes' && type === 'Bytes') ||
    (v.kind === 'Int' && type === 'Int') ||
    (v.kind === 'Int8' && type === 'Int8') ||
    (v.kind === 'Timestamp' && type === 'Timestamp')
  );
}

/** Deep equality of values (BigDecimal by value). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'Null':
      return true;
    case 'BigDecimal':
      return a.value.equals((b as typeof a).value);
    case 'Bytes':
      return Buffer.compare((b as typeof a).value, a.value) === 0;
    case 'List': {
      const bl = (b as typeof a).value;
      return a.value.length === bl.length && a.value.every((x, i) => valuesEqual(x, bl[i]!));
    }
    default:
      return a.value === (b as typeof a).value;
  }
}

/** Equality of two entities' attributes. */
export function entitiesEqual(a: Entity, b: Entity): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !valuesEqual(v, w)) return false;
  }
  return true;
}

/** An entity id in its canonical string form (Bytes ids as lowercase 0x-hex, Int8 ids as decimal). */
export function idToString(v: Value): string {
  switch (v.kind) {
    case 'String':
      return v.value;
    case 'Bytes':
      return bytesToHex(v.value);
    case 'Int8':
      return v.value.toString();
    default:
      throw new Error(`Unsupported type for \`id\` attribute`);
  }
}

// ---------------------------------------------------------------------------------------------
// Structured-clone friendly form, for worker messages (BigDecimal is a class).

/** A {@link Value} with BigDecimal flattened to `{int, scale}`. */
export type WireValue =
  | Exclude<Value, { kind: 'BigDecimal' } | { kind: 'List' }>
  | { kind: 'BigDecimal'; value: { int: bigint; scale: number } }
  | { kind: 'List'; value: WireValue[] };

/** An entity in wire form (ordered entries). */
export type WireEntity = [string, WireValue][];

/** A value in wire form. */
export function toWire(v: Value): WireValue {
  if (v.kind === 'BigDecimal')
    return { kind: 'BigDecimal', value: { int: v.value.int, scale: v.value.scale } };
  if (v.kind === 'List') return { kind: 'List', value: v.value.map(toWire) };
  return v;
}

/** A value from wire form. */
export function fromWire(v: WireValue): Value {
  if (v.kind === 'BigDecimal')
    return { kind: 'BigDecimal', value: new BigDecimal(v.value.int, v.value.scale) };
  if (v.kind === 'List') return { kind: 'List', value: v.value.map(fromWire) };
  return v;
}

/** An entity in wire form. */
export function entityToWire(e: Entity): WireEntity {
  return [...e].map(([k, v]) => [k, toWire(v)]);
}

/** An entity from wire form. */
export function entityFromWire(e: WireEntity): Entity {
  return new Map(e.map(([k, v]) => [k, fromWire(v)]));
}
