import type { DevnetProgress } from './devnet.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Renders devnet progress: an animated line per task on a terminal, plain lines otherwise (CI, pipes).
 *
 * @example
 * ```ts
 * import { createProgressPrinter, startDevnet } from '@plaza/devnet';
 * const printer = createProgressPrinter(process.stdout);
 * await startDevnet({ onProgress: printer.update });
 * printer.close();
 * ```
 */
export function createProgressPrinter(
  out: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean },
) {
  const tty = Boolean(out.isTTY) && !process.env.CI;
  let current: { event: DevnetProgress; started: number } | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;

  const elapsed = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const label = (e: DevnetProgress) => `[${e.index}/${e.total}] ${e.title}`;
  const redraw = () => {
    if (!current) return;
    const { event, started } = current;
    frame = (frame + 1) % FRAMES.length;
    out.write(
      `\r\x1b[K${FRAMES[frame]} ${label(event)}${event.detail ? `: ${event.detail}` : ''} (${elapsed(started)})`,
    );
  };

  return {
    update(event: DevnetProgress) {
      if (event.status === 'start') {
        current = { event, started: Date.now() };
        if (tty) {
          redraw();
          timer ??= setInterval(redraw, 100);
        } else out.write(`${label(event)} …\n`);
      } else if (event.status === 'update') {
        if (current) current = { ...current, event: { ...current.event, detail: event.detail } };
        if (tty) redraw();
        else out.write(`      ${event.detail}\n`);
      } else {
        const started = current?.started ?? Date.now();
        const mark = event.status === 'done' ? '✔' : '–';
        const suffix =
          event.status === 'skipped'
            ? `skipped: ${event.detail}`
            : `${event.detail ? `${event.detail}, ` : ''}${elapsed(started)}`;
        out.write(`${tty ? '\r\x1b[K' : ''}${mark} ${label(event)} (${suffix})\n`);
        current = undefined;
      }
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty && current) out.write('\n');
      current = undefined;
    },
  };
}
