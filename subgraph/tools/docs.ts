// The README's mapping coverage table, generated from the data source table (tests/subgraph checks that the README
// carries the current one: `plaza-subgraph coverage` prints it).
import { eventSignature, eventsOf } from './abis.js';
import { sharedHandlers, sources } from './sources.js';

/** Markdown: for each data source (and the template), every event of its ABI and the handler that takes it. */
export function coverageMarkdown(): string {
  const shared = new Set(Object.values(sharedHandlers));
  const lines: string[] = [];
  for (const source of sources) {
    const events = eventsOf(source.abi);
    const kind = source.template ? 'template' : 'data source';
    lines.push(
      `**${source.abi}** (${kind}, ${events.length} events)`,
      '',
      '| event | handler |',
      '| --- | --- |',
    );
    for (const event of events) {
      const handler = source.handlers[event.name!]!;
      lines.push(
        `| \`${eventSignature(event)}\` | \`${handler}\`${shared.has(handler) ? ' (shared)' : ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
