import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree, serveStatic, type StaticServer } from './serve';

let root: string;
let server: StaticServer;
const bigScript = `console.log(${JSON.stringify('x'.repeat(2000))});`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'plaza-serve-'));
  mkdirSync(join(root, '_app/immutable/entry'), { recursive: true });
  writeFileSync(join(root, '200.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  writeFileSync(join(root, '_app/immutable/entry/start.js'), bigScript);
  writeFileSync(join(tmpdir(), 'plaza-secret.txt'), 'secret');
  server = await serveStatic({ root, port: 0, config: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337 } });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStatic', () => {
  it('serves config.json from memory, never cached', async () => {
    const res = await get('/config.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body.toString())).toEqual({ rpcUrl: 'http://127.0.0.1:8545', chainId: 31337 });
  });

  it('answers every route with the SPA fallback, and a missing asset with 404', async () => {
    for (const path of ['/', '/earn', '/merchant/payments?status=open', '/pay/index.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.body.toString(), path).toContain('<title>app</title>');
    }
    expect((await get('/_app/immutable/chunks/missing.js')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
  });

  it('serves files with their type, hashed assets as immutable, gzipped when asked', async () => {
    const svg = await get('/favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('no-cache');
    const plain = await get('/_app/immutable/entry/start.js');
    expect(plain.body.toString()).toBe(bigScript);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const zipped = await get('/_app/immutable/entry/start.js', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(bigScript);
    const head = await get('/_app/immutable/entry/start.js', {}, 'HEAD');
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(plain.body.length));
  });

  it('stays inside its directory and refuses other methods', async () => {
    // An encoded ../ reaches the path check (403); a literal one is resolved away by the URL parser (404).
    const encoded = await get('/..%2fplaza-secret.txt');
    expect(encoded.status).toBe(403);
    const dotted = await get('/%2e%2e/plaza-secret.txt');
    expect(dotted.status).toBe(404);
    for (const res of [encoded, dotted]) expect(res.body.toString()).not.toContain('secret');
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('refuses to start without a build, and frees its port on close', async () => {
    await expect(serveStatic({ root: join(root, 'nope'), port: 0, config: {} })).rejects.toThrow(
      'The dApp is not built',
    );
    const other = await serveStatic({ root, port: 0, config: {} });
    expect(await isPortFree('127.0.0.1', other.port)).toBe(false);
    await other.close();
    expect(await isPortFree('127.0.0.1', other.port)).toBe(true);
  });
});
