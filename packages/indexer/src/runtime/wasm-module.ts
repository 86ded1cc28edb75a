// Prepares a mapping's WASM binary for fast per-trigger instantiation without changing what the
// code sees. graph-node creates a fresh instance for every trigger; in V8 most of that cost is
// reserving a new linear memory and materialising ~180 exported `TypeId.*` globals. The rewrite
//   - turns the module's own memory into an import (`env.$memory`), so the runtime can hand each
//     new instance a pooled memory that it zeroes first — instantiation then re-applies the data
//     segments exactly as for a new memory;
//   - drops the exports of the immutable `TypeId.*` globals (the host uses `id_of_type`).
// Every trigger still gets a new WebAssembly.Instance with fresh globals and a re-run `_start`.
import './wasm-types.js';

function readU32(b: Uint8Array, o: number): [number, number] {
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = b[o++]!;
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [result >>> 0, o];
}

function u32(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

const name = (s: string): number[] => {
  const b = Buffer.from(s, 'utf8');
  return [...u32(b.length), ...b];
};

/** The result of {@link prepareModule}. */
export interface PreparedModule {
  module: WebAssembly.Module;
  /** Initial and maximum pages of the memory to supply as `env.$memory`, or null if the module imports its own. */
  memory: { initial: number; maximum?: number } | null;
}

/** The import name under which a prepared module expects its memory. */
export const MEMORY_IMPORT = { module: 'env', name: '$memory' } as const;

/** Rewrites and compiles a mapping module (see the file comment). */
export function prepareModule(bytes: Uint8Array): PreparedModule {
  const sections: { id: number; body: Uint8Array }[] = [];
  let o = 8;
  while (o < bytes.length) {
    const id = bytes[o]!;
    const [size, start] = readU32(bytes, o + 1);
    sections.push({ id, body: bytes.subarray(start, start + size) });
    o = start + size;
  }
  const memSection = sections.find((s) => s.id === 5);
  let memory: PreparedModule['memory'] = null;
  let limits: Uint8Array | null = null;
  if (memSection) {
    const [count, p] = readU32(memSection.body, 0);
    if (count === 1) {
      limits = memSection.body.subarray(p);
      const flags = limits[0]!;
      const [initial, q] = readU32(limits, 1);
      memory = { initial };
      if (flags & 1) memory.maximum = readU32(limits, q)[0];
      if (flags & ~1) {
        // shared or 64-bit memories: leave the module as it is
        memory = null;
        limits = null;
      }
    }
  }
  const out: number[][] = [[...bytes.subarray(0, 8)]];
  let importsWritten = false;
  const memoryImport = () => [...name(MEMORY_IMPORT.module), ...name(MEMORY_IMPORT.name), 0x02, ...limits!];
  for (const s of sections) {
    let body: number[] | Uint8Array = s.body;
    if (s.id === 5 && limits) continue;
    if (s.id === 2 && limits) {
      const [n, p] = readU32(s.body, 0);
      body = [...u32(n + 1), ...s.body.subarray(p), ...memoryImport()];
      importsWritten = true;
    } else if (s.id === 7) {
      const [n, p] = readU32(s.body, 0);
      let q = p;
      const keep: number[][] = [];
      for (let i = 0; i < n; i++) {
        const [len, q2] = readU32(s.body, q);
        const exportName = Buffer.from(s.body.subarray(q2, q2 + len)).toString('utf8');
        const kind = s.body[q2 + len]!;
        const [, q3] = readU32(s.body, q2 + len + 1);
        if (!(kind === 3 && exportName.startsWith('TypeId.'))) keep.push([...s.body.subarray(q, q3)]);
        q = q3;
      }
      body = [...u32(keep.length), ...keep.flat()];
    }
    if (s.id > 2 && limits && !importsWritten) {
      // the module had no import section: add one before the first later section
      const imp = [...u32(1), ...memoryImport()];
      out.push([2, ...u32(imp.length), ...imp]);
      importsWritten = true;
    }
    out.push([s.id, ...u32(body.length), ...body]);
  }
  const binary = Uint8Array.from(out.flat());
  return { module: new WebAssembly.Module(binary), memory };
}
