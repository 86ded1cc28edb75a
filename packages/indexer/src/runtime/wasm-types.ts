// The WebAssembly JS API as Node.js provides it. TypeScript only declares it in lib.dom, which this
// package does not use, so the parts the runtime needs are declared here.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- WebAssembly is a namespace in the JS API
  namespace WebAssembly {
    type ImportValue = ((...args: never[]) => unknown) | Memory | Global | Table | number;
    type ModuleImports = Record<string, ImportValue>;
    type Imports = Record<string, ModuleImports>;
    type Exports = Record<string, unknown>;
    interface ModuleImportDescriptor {
      module: string;
      name: string;
      kind: 'function' | 'table' | 'memory' | 'global';
    }
    interface ModuleExportDescriptor {
      name: string;
      kind: 'function' | 'table' | 'memory' | 'global';
    }
    class Module {
      constructor(bytes: ArrayBufferView | ArrayBuffer);
      static imports(module: Module): ModuleImportDescriptor[];
      static exports(module: Module): ModuleExportDescriptor[];
    }
    class Instance {
      constructor(module: Module, imports?: Imports);
      readonly exports: Exports;
    }
    class Memory {
      constructor(descriptor: { initial: number; maximum?: number });
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    class Global {
      value: unknown;
    }
    class Table {
      readonly length: number;
    }
    function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
    class RuntimeError extends Error {}
    class CompileError extends Error {}
    class LinkError extends Error {}
  }
}

export {};
