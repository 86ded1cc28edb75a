// ABI values as graph-ts `ethereum.Value`s: decoding event logs and eth_call results, encoding call
// arguments, and `ethereum.encode` / `ethereum.decode` (graph-node runtime/wasm/src/to_from/external.rs).
import {
  decodeAbiParameters,
  encodeAbiParameters,
  encodeFunctionData,
  parseAbiParameter,
  type AbiEvent,
  type AbiFunction,
  type AbiParameter,
  type Hex,
} from 'viem';
import { DeterministicError } from '../numbers.js';
import { bytesToHex, hexToBytes } from '../values.js';
import { canonicalType } from '../manifest.js';
import { TypeId, type AscHeap } from './asc.js';

/** An ABI value with graph-ts's value kinds. */
export type EthValue =
  | { kind: 'address'; value: Uint8Array }
  | { kind: 'fixedBytes'; value: Uint8Array }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'fixedArray'; value: EthValue[] }
  | { kind: 'array'; value: EthValue[] }
  | { kind: 'tuple'; value: EthValue[] };

/** An event parameter. */
export interface EthParam {
  name: string;
  value: EthValue;
}

const KIND = {
  address: 0,
  fixedBytes: 1,
  bytes: 2,
  int: 3,
  uint: 4,
  bool: 5,
  string: 6,
  fixedArray: 7,
  array: 8,
  tuple: 9,
} as const;

function components(p: AbiParameter): readonly AbiParameter[] {
  return (p as { components?: readonly AbiParameter[] }).components ?? [];
}

/** Converts a viem-decoded value of ABI type `p` to an {@link EthValue}. */
export function fromAbi(p: AbiParameter, v: unknown): EthValue {
  const t = p.type;
  const arrayMatch = /^(.*)\[(\d*)\]$/.exec(t);
  if (arrayMatch) {
    const inner = { ...p, type: arrayMatch[1]! } as AbiParameter;
    const items = (v as unknown[]).map((x) => fromAbi(inner, x));
    return arrayMatch[2] === '' ? { kind: 'array', value: items } : { kind: 'fixedArray', value: items };
  }
  if (t === 'tuple') {
    const comps = components(p);
    const values = Array.isArray(v) ? v : comps.map((c) => (v as Record<string, unknown>)[c.name!]);
    return { kind: 'tuple', value: comps.map((c, i) => fromAbi(c, values[i])) };
  }
  if (t === 'address') return { kind: 'address', value: hexToBytes(v as string) };
  if (t === 'bool') return { kind: 'bool', value: v as boolean };
  if (t === 'string') return { kind: 'string', value: v as string };
  if (t === 'bytes') return { kind: 'bytes', value: hexToBytes(v as string) };
  if (t.startsWith('bytes')) return { kind: 'fixedBytes', value: hexToBytes(v as string) };
  if (t.startsWith('uint')) return { kind: 'uint', value: BigInt(v as bigint | number) };
  if (t.startsWith('int')) return { kind: 'int', value: BigInt(v as bigint | number) };
  throw new DeterministicError(`unsupported ABI type ${t}`);
}

/** Converts an {@link EthValue} to a viem value for ABI type `p`. */
export function toAbi(p: AbiParameter, v: EthValue): unknown {
  const t = p.type;
  const arrayMatch = /^(.*)\[(\d*)\]$/.exec(t);
  if (arrayMatch) {
    if (v.kind !== 'array' && v.kind !== 'fixedArray') throw typeMismatch(p, v);
    const inner = { ...p, type: arrayMatch[1]! } as AbiParameter;
    return v.value.map((x) => toAbi(inner, x));
  }
  if (t === 'tuple') {
    if (v.kind !== 'tuple') throw typeMismatch(p, v);
    const comps = components(p);
    if (comps.length !== v.value.length) throw typeMismatch(p, v);
    const named = comps.every((c) => c.name);
    const values = comps.map((c, i) => toAbi(c, v.value[i]!));
    return named ? Object.fromEntries(comps.map((c, i) => [c.name!, values[i]])) : values;
  }
  switch (v.kind) {
    case 'address':
      if (t !== 'address') throw typeMismatch(p, v);
      return bytesToHex(v.value);
    case 'bool':
      if (t !== 'bool') throw typeMismatch(p, v);
      return v.value;
    case 'string':
      if (t !== 'string') throw typeMismatch(p, v);
      return v.value;
    case 'bytes':
    case 'fixedBytes':
      if (!t.startsWith('bytes')) throw typeMismatch(p, v);
      return bytesToHex(v.value);
    case 'int':
    case 'uint':
      if (!t.startsWith('int') && !t.startsWith('uint')) throw typeMismatch(p, v);
      return v.value;
    default:
      throw typeMismatch(p, v);
  }
}

function typeMismatch(p: AbiParameter, v: EthValue): DeterministicError {
  return new DeterministicError(`type mismatch: value of kind ${v.kind} for ABI type ${canonicalType(p)}`);
}

/** The ABI type graph-node infers for a value passed to `ethereum.encode`. */
export function inferParam(v: EthValue): AbiParameter {
  switch (v.kind) {
    case 'address':
      return { type: 'address' };
    case 'fixedBytes':
      return { type: `bytes${v.value.length}` };
    case 'bytes':
      return { type: 'bytes' };
    case 'int':
      return { type: 'int256' };
    case 'uint':
      return { type: 'uint256' };
    case 'bool':
      return { type: 'bool' };
    case 'string':
      return { type: 'string' };
    case 'fixedArray':
    case 'array': {
      const inner = v.value.length > 0 ? inferParam(v.value[0]!) : ({ type: 'uint256' } as AbiParameter);
      const suffix = v.kind === 'array' ? '[]' : `[${v.value.length}]`;
      return { ...inner, type: `${inner.type}${suffix}` } as AbiParameter;
    }
    case 'tuple':
      return { type: 'tuple', components: v.value.map(inferParam) } as AbiParameter;
  }
}

/** `ethereum.encode(value)`: encodes the value as a one-element sequence (alloy `abi_encode`); null on failure. */
export function ethEncode(v: EthValue): Uint8Array | null {
  try {
    const p = inferParam(v);
    return hexToBytes(encodeAbiParameters([p], [toAbi(p, v)]));
  } catch {
    return null;
  }
}

/** `ethereum.decode(types, data)`; null on failure like graph-node. */
export function ethDecode(types: string, data: Uint8Array): EthValue | null {
  try {
    const p = parseAbiParameter(types) as AbiParameter;
    const [v] = decodeAbiParameters([p], bytesToHex(data) as Hex);
    return fromAbi(p, v);
  } catch {
    return null;
  }
}

const DYNAMIC = (p: AbiParameter): boolean =>
  p.type === 'string' || p.type === 'bytes' || p.type.endsWith(']') || p.type === 'tuple';

/**
 * Decodes a log's parameters with the event ABI. Indexed parameters of dynamic types are the
 * 32-byte topic (a hash), as graph-node (and Solidity) expose them.
 */
export function decodeLogParams(event: AbiEvent, topics: readonly Hex[], data: Hex): EthParam[] {
  const indexed = event.inputs.filter((i) => i.indexed);
  const plain = event.inputs.filter((i) => !i.indexed);
  if (topics.length - 1 < indexed.length) {
    throw new DeterministicError(
      `log has ${topics.length - 1} topics, event ${event.name} needs ${indexed.length}`,
    );
  }
  const decodedData = plain.length > 0 ? decodeAbiParameters(plain, data) : [];
  let ti = 1;
  let di = 0;
  return event.inputs.map((input, i): EthParam => {
    const name = input.name ?? '';
    if (input.indexed) {
      const topic = topics[ti++]!;
      if (DYNAMIC(input)) return { name, value: { kind: 'fixedBytes', value: hexToBytes(topic) } };
      const [v] = decodeAbiParameters([input], topic);
      return { name: name || `param${i}`, value: fromAbi(input, v) };
    }
    return { name, value: fromAbi(input, decodedData[di++]) };
  });
}

/** ABI-encodes a call of `fn` with graph-ts values (graph-node checks and encodes the same way). */
export function encodeCall(fn: AbiFunction, args: EthValue[]): Hex {
  if (args.length !== fn.inputs.length) {
    throw new DeterministicError(
      `function ${fn.name} takes ${fn.inputs.length} arguments but ${args.length} were given`,
    );
  }
  return encodeFunctionData({
    abi: [fn],
    functionName: fn.name,
    args: fn.inputs.map((p, i) => toAbi(p, args[i]!)),
  } as Parameters<typeof encodeFunctionData>[0]);
}

/** Decodes an eth_call result; null (a revert, for graph-node) if it does not decode. */
export function decodeCallResult(fn: AbiFunction, data: Uint8Array): EthValue[] | null {
  if (data.length === 0 && fn.outputs.length > 0) return null;
  try {
    const values = decodeAbiParameters(fn.outputs, bytesToHex(data) as Hex);
    return fn.outputs.map((p, i) => fromAbi(p, values[i]));
  } catch {
    return null;
  }
}

/** graph-node's `signature_compat`: `name(inputs):(outputs)`, outputs part omitted when empty. */
export function signatureCompat(fn: AbiFunction): string {
  const ins = `${fn.name}(${fn.inputs.map(canonicalType).join(',')})`;
  return fn.outputs.length > 0 ? `${ins}:(${fn.outputs.map(canonicalType).join(',')})` : ins;
}

// --- heap conversions ----------------------------------------------------------------------

/** Reads an `ethereum.Value` (graph-node `FromAscObj<AscEnum<EthereumValueKind>>`). */
export function readEthValue(heap: AscHeap, ptr: number): EthValue {
  const kind = heap.i32(ptr);
  const payload = heap.u32(ptr + 8);
  switch (kind) {
    case KIND.address: {
      const b = heap.readBytes(payload);
      if (b.length !== 20) throw new DeterministicError(`expected an address of 20 bytes, got ${b.length}`);
      return { kind: 'address', value: b };
    }
    case KIND.fixedBytes: {
      const b = heap.readBytes(payload);
      if (b.length > 32) throw new DeterministicError(`fixed bytes of length ${b.length} exceed 32 bytes`);
      return { kind: 'fixedBytes', value: b };
    }
    case KIND.bytes:
      return { kind: 'bytes', value: heap.readBytes(payload) };
    case KIND.int: {
      const v = heap.readBigInt(payload);
      if (v >= 1n << 255n || v < -(1n << 255n)) {
        throw new DeterministicError(`BigInt value \`${v}\` does not fit into int256`);
      }
      return { kind: 'int', value: v };
    }
    case KIND.uint: {
      const v = heap.readBigInt(payload);
      if (v < 0n || v >= 1n << 256n)
        throw new DeterministicError(`BigInt value \`${v}\` does not fit into uint256`);
      return { kind: 'uint', value: v };
    }
    case KIND.bool:
      return { kind: 'bool', value: heap.u64(ptr + 8) !== 0n };
    case KIND.string:
      return { kind: 'string', value: heap.readString(payload) };
    case KIND.fixedArray:
      return { kind: 'fixedArray', value: heap.readArrayPtrs(payload).map((p) => readEthValue(heap, p)) };
    case KIND.array:
      return { kind: 'array', value: heap.readArrayPtrs(payload).map((p) => readEthValue(heap, p)) };
    case KIND.tuple:
      return { kind: 'tuple', value: heap.readArrayPtrs(payload).map((p) => readEthValue(heap, p)) };
    default:
      throw new DeterministicError(`unsupported ethereum value kind ${kind}`);
  }
}

/** Allocates an `ethereum.Value`. */
export function newEthValue(heap: AscHeap, v: EthValue): number {
  switch (v.kind) {
    case 'address':
    case 'fixedBytes':
    case 'bytes':
      return heap.newEnum(TypeId.EthereumValue, KIND[v.kind], heap.newBytes(v.value));
    case 'int':
    case 'uint':
      return heap.newEnum(TypeId.EthereumValue, KIND[v.kind], heap.newBigInt(v.value));
    case 'bool':
      return heap.newEnum(TypeId.EthereumValue, KIND.bool, v.value ? 1 : 0);
    case 'string':
      return heap.newEnum(TypeId.EthereumValue, KIND.string, heap.newString(v.value));
    case 'fixedArray':
    case 'array':
    case 'tuple':
      return heap.newEnum(TypeId.EthereumValue, KIND[v.kind], newEthValueArray(heap, v.value));
  }
}

/** Allocates `Array<ethereum.Value>`. */
export function newEthValueArray(heap: AscHeap, values: EthValue[]): number {
  return heap.newArray(
    values.map((x) => newEthValue(heap, x)),
    TypeId.ArrayEthereumValue,
  );
}

/** Allocates `Array<EventParam>`. */
export function newEventParams(heap: AscHeap, params: EthParam[]): number {
  const ptrs = params.map((p) =>
    heap.newObject(TypeId.EventParam, [heap.newString(p.name), newEthValue(heap, p.value)]),
  );
  return heap.newArray(ptrs, TypeId.ArrayEventParam);
}
