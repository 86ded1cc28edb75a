// Keeps README.md's examples identical to the files in examples/: every block between
// `<!-- example: examples/<file>.ts -->` and `<!-- /example -->` is replaced with that file in a ts fence.
// Run: npm run readme -w @plaza/sdk (the examples test fails while the README is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BLOCK = /<!-- example: (\S+) -->\n[\s\S]*?<!-- \/example -->/g;

/** The example files the README includes. */
export function readmeExamples(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((match) => match[1]!);
}

/** The README with every example block filled from its file. */
export function renderReadme(readme: string, root: string): string {
  return readme.replace(BLOCK, (_block, file: string) => {
    const code = readFileSync(join(root, file), 'utf8').trimEnd();
    return `<!-- example: ${file} -->\n\n\`\`\`ts\n${code}\n\`\`\`\n\n<!-- /example -->`;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const path = join(root, 'README.md');
  writeFileSync(path, renderReadme(readFileSync(path, 'utf8'), root));
  console.log(
    `README.md: ${readmeExamples(readFileSync(path, 'utf8')).length} examples synced from examples/`,
  );
}
