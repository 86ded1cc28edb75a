import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Connect, type Plugin } from 'vite';

// The config.json `npm start` writes (scripts/runtime-config.ts); PLAZA_DAPP_CONFIG points elsewhere.
const runtimeConfig =
  process.env.PLAZA_DAPP_CONFIG ?? fileURLToPath(new URL('../../.plaza/dapp/config.json', import.meta.url));

/** `vite dev` / `vite preview` answer /config.json from the running stack's file, like the static server. */
function serveRuntimeConfig(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.split('?')[0] !== '/config.json') return next();
    if (!existsSync(runtimeConfig)) {
      res.statusCode = 404;
      res.end(`No ${runtimeConfig}: start the stack (npm start) or set PLAZA_DAPP_CONFIG.\n`);
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(readFileSync(runtimeConfig));
  };
  return {
    name: 'plaza-runtime-config',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

// The kit config lives here (SvelteKit ≥ 2.62 reads it from the plugin; there is no svelte.config.js).
// adapter-static with a fallback page: the dApp is a pure SPA whose chain, contracts and indexer are read at run
// time from /config.json (see README.md, "Runtime config"), so one build serves any network.
export default defineConfig({
  plugins: [
    serveRuntimeConfig(),
    sveltekit({
      adapter: adapter({ fallback: '200.html', strict: true }),
      compilerOptions: { runes: true },
    }),
  ],
  // 5173 is the built app under `npm start`; the dev server runs next to it.
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022' },
});
