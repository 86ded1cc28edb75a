// A scriptable EIP-1193 provider for unit tests: answers by method, records requests, emits events.
import type { Eip1193Provider } from '../chain/clients';

export type Handler = (params: unknown) => unknown;

export class FakeProvider implements Eip1193Provider {
  readonly calls: { method: string; params: unknown }[] = [];
  readonly handlers: Record<string, Handler>;
  readonly #listeners = new Map<string, Set<(...args: never[]) => void>>();

  constructor(handlers: Record<string, Handler>) {
    this.handlers = handlers;
  }

  async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    this.calls.push({ method, params });
    const handler = this.handlers[method];
    if (!handler) throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
    return handler(params);
  }

  on(event: string, listener: (...args: never[]) => void): void {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener);
  }

  removeListener(event: string, listener: (...args: never[]) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  }

  listenerCount(): number {
    return [...this.#listeners.values()].reduce((n, set) => n + set.size, 0);
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

export const rejection = () => Object.assign(new Error('User rejected the request.'), { code: 4001 });

/** A window stand-in for discovery: EIP-6963 events and an optional legacy window.ethereum. */
export function fakeWindow(ethereum?: unknown): Window & { ethereum?: unknown } {
  return Object.assign(new EventTarget(), { ethereum }) as unknown as Window & { ethereum?: unknown };
}

/** Announces a wallet on a window (what an extension does on eip6963:requestProvider). */
export function announce(
  target: EventTarget,
  name: string,
  rdns: string,
  provider: Eip1193Provider,
  uuid = rdns,
) {
  const detail = { info: { uuid, name, rdns, icon: 'data:image/svg+xml;base64,PHN2Zy8+' }, provider };
  const send = () => target.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  target.addEventListener('eip6963:requestProvider', send);
  send();
}
