// An unreliable RPC endpoint (every third request fails with HTTP 503): the indexer retries with
// backoff, still indexes everything, and reports progress on the way.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACCOUNTS, FixtureChain, indexFixture, query } from './helpers/chain.js';

let chain: FixtureChain;
let proxy: Server;
let proxyUrl: string;
let requests = 0;

beforeAll(async () => {
  chain = await FixtureChain.start();
  for (let i = 1; i <= 5; i++) await chain.mint(ACCOUNTS[1]!.address, BigInt(i));
  await chain.ping(12);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (++requests % 3 === 0) {
        res.writeHead(503).end('try again');
        return;
      }
      void fetch(chain.anvil.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      })
        .then(async (r) =>
          res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()),
        )
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await chain?.stop();
});

describe('an unreliable RPC endpoint', () => {
  it('retries with backoff and indexes everything, printing progress', async () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    const indexer = await indexFixture(chain, { rpcUrl: proxyUrl, logger, progressIntervalMs: 0 });
    try {
      const head = await chain.head();
      await indexer.synced(head);
      const d = await query(
        indexer.graphqlUrl!,
        '{ protocol(id: "1") { transferCount totalMinted pingCount } }',
      );
      expect(d.protocol).toEqual({ transferCount: 5, totalMinted: '15', pingCount: '12' });
      expect(requests).toBeGreaterThan(10);
      expect(
        lines.some((l) =>
          /^RPC error \(HTTP 503 from http:\/\/127\.0\.0\.1:\d+\); retry 1 in 0\.3s$/.test(l),
        ),
      ).toBe(true);
      expect(
        lines.some((l) => /^block \d+\/\d+ · [\d.]+ blocks\/s · \d+ events\/s · head distance \d+$/.test(l)),
      ).toBe(true);
      await vi.waitFor(() => expect(lines).toContain(`synced to block ${head}`));
    } finally {
      await indexer.stop();
    }
  });
});
