// Synchronous calls from the mapping worker to the main thread.
//
// Host functions are synchronous (a WASM import must return its result), but the database
// (PGlite, pg) and the JSON-RPC client are asynchronous and live on the main thread. The worker
// posts a request on a MessagePort and blocks in Atomics.wait on a shared flag; the main thread
// answers asynchronously, posts the reply and notifies the flag; the worker then takes the reply
// with receiveMessageOnPort. Only store cache misses and eth_calls cross this bridge.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** A request from the worker. */
export type BridgeRequest =
  | { op: 'get'; type: string; id: string }
  | { op: 'getMany'; type: string; ids: string[] }
  | { op: 'getDerived'; type: string; field: string; id: string }
  | { op: 'call'; to: string; data: string; block: number }
  | { op: 'balance'; address: string; block: number }
  | { op: 'code'; address: string; block: number };

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Worker side: blocking calls. */
export class BridgeClient {
  private readonly flag: Int32Array;

  constructor(
    private readonly port: MessagePort,
    shared: SharedArrayBuffer,
  ) {
    this.flag = new Int32Array(shared);
  }

  /** Sends a request and blocks until the main thread answers; throws its error message. */
  call(req: BridgeRequest): unknown {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    for (;;) {
      Atomics.wait(this.flag, 0, 0, 60_000);
      const msg = receiveMessageOnPort(this.port);
      if (msg) {
        const reply = msg.message as Reply;
        if (!reply.ok) throw new Error(reply.error);
        return reply.value;
      }
    }
  }
}

/** Main side: answers requests with an async handler. */
export function serveBridge(
  port: MessagePort,
  shared: SharedArrayBuffer,
  handle: (req: BridgeRequest) => Promise<unknown>,
): void {
  const flag = new Int32Array(shared);
  port.on('message', (req: BridgeRequest) => {
    void handle(req).then(
      (value) => reply({ ok: true, value }),
      (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  function reply(r: Reply): void {
    port.postMessage(r);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
