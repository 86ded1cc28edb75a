import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The kit config lives here (SvelteKit ≥ 2.62 reads it from the plugin; there is no svelte.config.js).
// adapter-static with a fallback page: the dApp is a pure SPA whose chain, contracts and indexer are read at run
// time from /config.json (see README.md, "Runtime config"), so one build serves any network.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ fallback: '200.html', strict: true }),
      compilerOptions: { runes: true },
    }),
  ],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
});
