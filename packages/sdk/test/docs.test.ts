// Every public export carries TSDoc with an @example (the package's documentation contract).
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function exportsWithoutExamples(entry: string): { name: string; missing: string[] } {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const symbol = checker.getSymbolAtLocation(source)!;
  const missing: string[] = [];
  let count = 0;
  for (const exported of checker.getExportsOfModule(symbol)) {
    count++;
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const documented = (target.declarations ?? []).some((declaration) => {
      const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
    });
    if (!documented) missing.push(exported.name);
  }
  return { name: `${count} exports`, missing };
}

describe('documentation', () => {
  it('gives every export of @plaza/sdk a TSDoc comment with an @example', () => {
    const { name, missing } = exportsWithoutExamples(join(import.meta.dirname, '../src/index.ts'));
    expect(name).toMatch(/^\d{2,} exports$/);
    expect(missing, `exports without an @example: ${missing.join(', ')}`).toEqual([]);
  });
});
