// `json.fromBytes` and `yaml.fromBytes` with graph-node's results: serde_json with
// `arbitrary_precision` (numbers keep their source text) and its default BTreeMap objects (keys
// sorted bytewise, last duplicate wins); serde_yaml 0.9 (mappings keep order, numbers printed with
// Rust's Display).
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { DeterministicError } from '../numbers.js';
import { TypeId, type AscHeap } from './asc.js';

/** A parsed JSON value. */
export type JsonNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; raw: string }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; entries: [string, JsonNode][] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses JSON strictly like serde_json; throws on invalid input. */
export function parseJson(bytes: Uint8Array): JsonNode {
  const text = utf8.decode(bytes);
  let i = 0;
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (msg: string): never => {
    throw new Error(`${msg} at position ${i}`);
  };
  const value = (depth: number): JsonNode => {
    if (depth > 128) fail('recursion limit exceeded');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const map = new Map<string, JsonNode>();
      ws();
      if (text[i] === '}') {
        i++;
      } else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail('key must be a string');
          const key = string();
          ws();
          if (text[i] !== ':') fail("expected ':'");
          i++;
          map.set(key, value(depth + 1));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail("expected ',' or '}'");
        }
      }
      const entries = [...map].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
      return { kind: 'object', entries };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items };
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return { kind: 'string', value: string() };
    if (text.startsWith('true', i)) {
      i += 4;
      return { kind: 'bool', value: true };
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return { kind: 'bool', value: false };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { kind: 'null' };
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 4096));
    if (m && m[0].length > 0 && m[0] !== '-') {
      i += m[0].length;
      return { kind: 'number', raw: m[0] };
    }
    return fail('expected value');
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('EOF while parsing a string');
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return out;
      }
      if (ch < 0x20) fail('control character in string');
      if (ch === 0x5c) {
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid escape');
            i += 4;
            let code = parseInt(hex, 16);
            if (code >= 0xd800 && code <= 0xdbff) {
              const low = /^\\u([0-9a-fA-F]{4})/.exec(text.slice(i, i + 6));
              const lowCode = low ? parseInt(low[1]!, 16) : -1;
              if (lowCode < 0xdc00 || lowCode > 0xdfff) fail('lone leading surrogate in hex escape');
              i += 6;
              code = 0x10000 + ((code - 0xd800) << 10) + (lowCode - 0xdc00);
            } else if (code >= 0xdc00 && code <= 0xdfff) {
              fail('lone trailing surrogate in hex escape');
            }
            out += String.fromCodePoint(code);
            break;
          }
          default:
            fail('invalid escape');
        }
        continue;
      }
      out += text[i];
      i++;
    }
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('trailing characters');
  return v;
}

const JSON_KIND = { null: 0, bool: 1, number: 2, string: 3, array: 4, object: 5 } as const;

/** Allocates a `JSONValue` tree. */
export function newJsonValue(heap: AscHeap, v: JsonNode): number {
  switch (v.kind) {
    case 'null':
      return heap.newEnum(TypeId.JsonValue, JSON_KIND.null, 0);
    case 'bool':
      return heap.newEnum(TypeId.JsonValue, JSON_KIND.bool, v.value ? 1 : 0);
    case 'number':
      return heap.newEnum(TypeId.JsonValue, JSON_KIND.number, heap.newString(v.raw));
    case 'string':
      return heap.newEnum(TypeId.JsonValue, JSON_KIND.string, heap.newString(v.value));
    case 'array':
      return heap.newEnum(
        TypeId.JsonValue,
        JSON_KIND.array,
        heap.newArray(
          v.items.map((x) => newJsonValue(heap, x)),
          TypeId.ArrayJsonValue,
        ),
      );
    case 'object': {
      const entries = v.entries.map(([k, x]) =>
        heap.newObject(TypeId.TypedMapEntryStringJsonValue, [heap.newString(k), newJsonValue(heap, x)]),
      );
      const map = heap.newObject(TypeId.TypedMapStringJsonValue, [
        heap.newArray(entries, TypeId.ArrayTypedMapEntryStringJsonValue),
      ]);
      return heap.newEnum(TypeId.JsonValue, JSON_KIND.object, map);
    }
  }
}

// --- YAML --------------------------------------------------------------------------------------

/** A parsed YAML value. */
export type YamlValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: YamlValue[] }
  | { kind: 'object'; entries: [YamlValue, YamlValue][] }
  | { kind: 'tagged'; tag: string; value: YamlValue };

/** Rust's `Display` for f64 as serde_yaml prints it (ryu): `1.0`, `1e20`, `.nan`, `.inf`. */
export function formatYamlFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const sign = f < 0 ? '-' : '';
  const [mant, expPart] = Math.abs(f).toExponential().split('e');
  const digits = mant!.replace('.', '');
  const e = Number(expPart);
  const kk = e + 1; // position of the decimal point relative to the digits
  const n = digits.length;
  let out: string;
  if (n <= kk && kk <= 16) out = digits + '0'.repeat(kk - n) + '.0';
  else if (0 < kk && kk <= 16) out = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (-5 < kk && kk <= 0) out = `0.${'0'.repeat(-kk)}${digits}`;
  else if (n === 1) out = `${digits}e${kk - 1}`;
  else out = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  return sign + out;
}

/** YAML 1.2 core schema resolution of a plain scalar. */
function resolveCoreScalar(s: string): YamlValue {
  if (/^(~|null|Null|NULL)?$/.test(s)) return { kind: 'null' };
  if (/^(true|True|TRUE)$/.test(s)) return { kind: 'bool', value: true };
  if (/^(false|False|FALSE)$/.test(s)) return { kind: 'bool', value: false };
  if (/^[-+]?[0-9]+$/.test(s)) return { kind: 'number', text: BigInt(s).toString() };
  if (/^0o[0-7]+$/.test(s)) return { kind: 'number', text: BigInt(s).toString() };
  if (/^0x[0-9a-fA-F]+$/.test(s)) return { kind: 'number', text: BigInt(s).toString() };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s))
    return { kind: 'number', text: formatYamlFloat(Number(s)) };
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s))
    return { kind: 'number', text: formatYamlFloat(s.startsWith('-') ? -Infinity : Infinity) };
  if (/^\.(nan|NaN|NAN)$/.test(s)) return { kind: 'number', text: '.nan' };
  return { kind: 'string', value: s };
}

function convertYaml(node: YamlNode | null | undefined): YamlValue {
  if (node === null || node === undefined) return { kind: 'null' };
  let inner: YamlValue;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) inner = { kind: 'null' };
    else if (typeof v === 'boolean') inner = { kind: 'bool', value: v };
    else if (typeof v === 'bigint') inner = { kind: 'number', text: v.toString() };
    else if (typeof v === 'number') {
      inner = {
        kind: 'number',
        text:
          Number.isInteger(v) &&
          /^[-+]?[0-9]/.test(String(node.source ?? '')) &&
          !/[.eE]/.test(String(node.source ?? ''))
            ? String(v)
            : formatYamlFloat(v),
      };
    } else inner = { kind: 'string', value: String(v) };
  } else if (isSeq(node)) {
    inner = { kind: 'array', items: node.items.map((x) => convertYaml(x as YamlNode)) };
  } else if (isMap(node)) {
    inner = {
      kind: 'object',
      entries: node.items.map((p) => {
        if (!isPair(p)) throw new Error('invalid mapping entry');
        return [convertYaml(p.key as YamlNode), convertYaml(p.value as YamlNode)];
      }),
    };
  } else {
    throw new Error('unsupported YAML node');
  }
  const tag = node.tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
    // serde_yaml resolves a tagged scalar's value like an untagged one, and prints the tag with its `!`
    if (isScalar(node)) inner = resolveCoreScalar(String(node.source ?? node.value ?? ''));
    return { kind: 'tagged', tag, value: inner };
  }
  return inner;
}

/** Parses one YAML document like serde_yaml 0.9 (YAML 1.2 core schema); throws on invalid input. */
export function parseYaml(bytes: Uint8Array): YamlValue {
  const text = utf8.decode(bytes);
  const doc = parseDocument(text, { intAsBigInt: true, schema: 'core', uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  return convertYaml(doc.contents as YamlNode | null);
}

const YAML_KIND = { null: 0, bool: 1, number: 2, string: 3, array: 4, object: 5, tagged: 6 } as const;

/** Allocates a `YAMLValue` tree. */
export function newYamlValue(heap: AscHeap, v: YamlValue): number {
  switch (v.kind) {
    case 'null':
      return heap.newEnum(TypeId.YamlValue, YAML_KIND.null, 0);
    case 'bool':
      return heap.newEnum(TypeId.YamlValue, YAML_KIND.bool, v.value ? 1 : 0);
    case 'number':
      return heap.newEnum(TypeId.YamlValue, YAML_KIND.number, heap.newString(v.text));
    case 'string':
      return heap.newEnum(TypeId.YamlValue, YAML_KIND.string, heap.newString(v.value));
    case 'array':
      return heap.newEnum(
        TypeId.YamlValue,
        YAML_KIND.array,
        heap.newArray(
          v.items.map((x) => newYamlValue(heap, x)),
          TypeId.YamlArrayValue,
        ),
      );
    case 'object': {
      const entries = v.entries.map(([k, x]) =>
        heap.newObject(TypeId.YamlTypedMapEntryValueValue, [newYamlValue(heap, k), newYamlValue(heap, x)]),
      );
      const map = heap.newObject(TypeId.YamlTypedMapValueValue, [
        heap.newArray(entries, TypeId.YamlArrayTypedMapEntryValueValue),
      ]);
      return heap.newEnum(TypeId.YamlValue, YAML_KIND.object, map);
    }
    case 'tagged':
      return heap.newEnum(
        TypeId.YamlValue,
        YAML_KIND.tagged,
        heap.newObject(TypeId.YamlTaggedValue, [heap.newString(v.tag), newYamlValue(heap, v.value)]),
      );
  }
}

/** Allocates `Result<V, bool>`: `{_value: Wrapped<V> | null, _error: Wrapped<bool> | null}`. */
export function newResult(
  heap: AscHeap,
  resultType: number,
  wrappedType: number,
  valuePtr: number | null,
): number {
  const ptr = heap.alloc(8, resultType);
  if (valuePtr !== null) {
    heap.setU32(ptr, heap.newObject(wrappedType, [valuePtr]));
  } else {
    heap.setU32(ptr + 4, heap.newWrappedBool(true));
  }
  return ptr;
}

/** Throws graph-node's deterministic JSON error. */
export function jsonError(bytes: Uint8Array, cause: unknown): DeterministicError {
  const shown = [...bytes.slice(0, 1024)].join(', ');
  return new DeterministicError(
    `Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): \`[${shown}]\`: ${(cause as Error).message}`,
  );
}
