// The GraphQL HTTP endpoint: graph-node's routes (`/subgraphs/name/…`, `/subgraphs/id/…`) and
// plain `/` and `/graphql`, POST with a JSON body or GET with `?query=`, CORS enabled for dApps.
// GET without a query serves a small query page.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLApi } from './executor.js';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>@plaza/indexer GraphQL</title>
<style>body{font:14px system-ui;margin:2rem}textarea{width:100%;height:14rem;font:13px monospace}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style></head>
<body><h1>@plaza/indexer</h1><p>POST GraphQL queries to this URL. Try one:</p>
<textarea id="q">{ _meta { block { number hash } deployment hasIndexingErrors } }</textarea><br><button id="run">Run</button><pre id="out"></pre>
<script>document.getElementById('run').onclick=async()=>{const r=await fetch(location.href,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({query:document.getElementById('q').value})});document.getElementById('out').textContent=JSON.stringify(await r.json(),null,2)}</script></body></html>`;

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, {
    'content-type': type,
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A running GraphQL server. */
export interface GraphQLServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP server; port 0 picks a free port. */
export async function startGraphQLServer(
  api: GraphQLApi,
  port: number,
  host: string,
): Promise<GraphQLServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'OPTIONS') return send(res, 204, '');
        const url = new URL(req.url ?? '/', 'http://localhost');
        let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
        if (req.method === 'GET') {
          const q = url.searchParams.get('query');
          if (q === null) return send(res, 200, PAGE, 'text/html; charset=utf-8');
          const vars = url.searchParams.get('variables');
          payload = {
            query: q,
            variables: vars ? JSON.parse(vars) : null,
            operationName: url.searchParams.get('operationName'),
          };
        } else if (req.method === 'POST') {
          try {
            payload = JSON.parse(await readBody(req)) as typeof payload;
          } catch (e) {
            return send(
              res,
              400,
              JSON.stringify({ errors: [{ message: `invalid request body: ${(e as Error).message}` }] }),
            );
          }
        } else {
          return send(res, 405, JSON.stringify({ errors: [{ message: 'use GET or POST' }] }));
        }
        if (typeof payload.query !== 'string') {
          return send(
            res,
            400,
            JSON.stringify({ errors: [{ message: 'The "query" field is missing in request data' }] }),
          );
        }
        const result = await api.execute(
          payload.query,
          (payload.variables ?? null) as Record<string, unknown> | null,
          typeof payload.operationName === 'string' ? payload.operationName : null,
        );
        send(res, 200, JSON.stringify(result));
      } catch (e) {
        send(res, 500, JSON.stringify({ errors: [{ message: (e as Error).message }] }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    // Keep idle connections longer than clients do (undici keeps them 4 s, browsers longer): with Node's 5 s a
    // client could send on a socket the server is closing and get ECONNRESET under load.
    server.keepAliveTimeout = 65_000;
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shownHost}:${addr.port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
