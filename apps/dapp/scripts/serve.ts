// A tiny static server for the built app (node:http, no dependencies): files from build/, /config.json from
// memory, the SPA fallback (200.html) for every other route, gzip for text, immutable caching for hashed assets.
// Used by `npm start`, the e2e suite and the benchmark.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** apps/dapp/build */
export const BUILD_DIR = fileURLToPath(new URL('../build', import.meta.url));
export const FALLBACK = '200.html';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

export interface StaticServerOptions {
  /** The built app (default apps/dapp/build). */
  readonly root?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** What /config.json answers (see src/lib/config.ts). */
  readonly config: unknown;
}

export interface StaticServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Whether the app has been built (`npm run build`). */
export function isBuilt(root = BUILD_DIR): boolean {
  return existsSync(join(root, FALLBACK));
}

/** Whether nothing listens on host:port. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createNetServer();
    probe.once('error', () => done(false));
    probe.listen(port, host, () => probe.close(() => done(true)));
  });
}

/** A port that is free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createNetServer();
    probe.once('error', fail);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root ?? BUILD_DIR);
  const host = options.host ?? '127.0.0.1';
  if (!isBuilt(root)) {
    throw new Error(`The dApp is not built (${join(root, FALLBACK)} is missing): run npm run build first.`);
  }
  const configBody = Buffer.from(`${JSON.stringify(options.config, null, 2)}\n`);
  const gzipped = new Map<string, Buffer>();

  // Files of a build never change while it is served, so their gzip is computed once (keyed by path).
  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    reply: { status: number; body: Buffer; ext: string; cache: string; key: string },
  ) => {
    const { status, body, ext, cache, key } = reply;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    let payload = body;
    if (
      COMPRESSIBLE.has(ext) &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
      body.length > 512
    ) {
      payload = gzipped.get(key) ?? gzipSync(body);
      gzipped.set(key, payload);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(payload.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (pathname === '/config.json') {
      send(req, res, { status: 200, body: configBody, ext: '.json', cache: 'no-store', key: 'config.json' });
      return;
    }
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isFile()) {
      const immutable = pathname.startsWith('/_app/immutable/');
      const cache = immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
      send(req, res, { status: 200, body: readFileSync(file), ext: extname(file), cache, key: file });
      return;
    }
    // A missing asset is a 404; any other path is a route of the single-page app.
    if (extname(pathname) !== '' && extname(pathname) !== '.html') {
      send(req, res, {
        status: 404,
        body: Buffer.from('Not found\n'),
        ext: '.txt',
        cache: 'no-cache',
        key: '404',
      });
      return;
    }
    const body = readFileSync(join(root, FALLBACK));
    send(req, res, { status: 200, body, ext: '.html', cache: 'no-cache', key: FALLBACK });
  };

  const server: Server = createServer(handler);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
