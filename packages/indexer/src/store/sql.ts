// Entity values in SQL: column types, and conversion to and from the text form both database
// drivers exchange (see db.ts).
import { BigDecimal } from '../numbers.js';
import type { FieldDef } from '../schema.js';
import { bytesToHex, type Value, type ValueType } from '../values.js';

/** Quotes an SQL identifier. */
export const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Internal version columns: graph-node's `vid` and `block_range` as two integers. */
export const VID = ident('vid$');
/** First block of a version. */
export const FROM = ident('block$from');
/** Block at which a version stopped being current (null: still current). */
export const TO = ident('block$to');

/** The SQL type of a value type. */
export function sqlType(t: ValueType): string {
  switch (t) {
    case 'String':
      return 'text';
    case 'Int':
      return 'integer';
    case 'Int8':
    case 'Timestamp':
      return 'bigint';
    case 'BigInt':
    case 'BigDecimal':
      return 'numeric';
    case 'Boolean':
      return 'boolean';
    case 'Bytes':
      return 'bytea';
  }
}

/** The text form of a scalar value as SQL parameter (null for Null). */
export function scalarToText(v: Value): string | null {
  switch (v.kind) {
    case 'String':
      return v.value;
    case 'Int':
    case 'Int8':
    case 'BigInt':
    case 'Timestamp':
      return v.value.toString();
    case 'BigDecimal':
      return v.value.toString();
    case 'Bool':
      return v.value ? 'true' : 'false';
    case 'Bytes':
      return '\\x' + bytesToHex(v.value).slice(2);
    case 'Null':
      return null;
    case 'List':
      throw new Error('a list is not a scalar');
  }
}

/** The text parameter of a field value: scalars as text, lists as a JSON array of texts. */
export function valueToParam(f: FieldDef, v: Value | undefined): string | null {
  if (v === undefined || v.kind === 'Null') return null;
  if (f.list) {
    if (v.kind !== 'List') throw new Error(`field ${f.name} expects a list`);
    return JSON.stringify(v.value.map(scalarToText));
  }
  return scalarToText(v);
}

/** Parses a scalar's text form (as selected by {@link selectExpr}). */
export function textToScalar(t: ValueType, s: string): Value {
  switch (t) {
    case 'String':
      return { kind: 'String', value: s };
    case 'Int':
      return { kind: 'Int', value: Number(s) };
    case 'Int8':
      return { kind: 'Int8', value: BigInt(s) };
    case 'Timestamp':
      return { kind: 'Timestamp', value: BigInt(s) };
    case 'BigInt':
      return { kind: 'BigInt', value: BigInt(s.includes('.') ? s.slice(0, s.indexOf('.')) : s) };
    case 'BigDecimal':
      return { kind: 'BigDecimal', value: BigDecimal.parse(s) ?? BigDecimal.zero() };
    case 'Boolean':
      return { kind: 'Bool', value: s === 'true' || s === 't' };
    case 'Bytes':
      return {
        kind: 'Bytes',
        value: new Uint8Array(Buffer.from(s.startsWith('\\x') ? s.slice(2) : s, 'hex')),
      };
  }
}

/** Parses a selected column of field `f`. */
export function columnToValue(f: FieldDef, s: string | null): Value | undefined {
  if (s === null) return undefined;
  if (f.list) {
    const items = JSON.parse(s) as (string | null)[];
    return {
      kind: 'List',
      value: items.map((x) => (x === null ? { kind: 'Null' as const } : textToScalar(f.valueType, x))),
    };
  }
  return textToScalar(f.valueType, s);
}

/** The select expression returning field `f` of table alias `alias` as text. */
export function selectExpr(alias: string, f: FieldDef, as = f.name): string {
  const col = `${alias}.${ident(f.name)}`;
  if (f.list) {
    return `case when ${col} is null then null else coalesce((select json_agg(x::text order by o) from unnest(${col}) with ordinality as e(x, o)), '[]'::json)::text end as ${ident(as)}`;
  }
  return `${col}::text as ${ident(as)}`;
}

/** The expression converting text parameter column `expr` to field `f`'s SQL type. */
export function castExpr(expr: string, f: FieldDef): string {
  const t = sqlType(f.valueType);
  if (f.list) {
    return `case when ${expr} is null then null else coalesce((select array_agg(x::${t} order by o) from json_array_elements_text(${expr}::json) with ordinality as e(x, o)), '{}'::${t}[]) end`;
  }
  return `${expr}::${t}`;
}
