import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The Mini App's client: built to web/dist with relative URLs (base './'), so the service can
 * serve it under any PUBLIC_URL path (it serves it under /app/). Everything is bundled: the page
 * loads no script from outside the service.
 */
export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Built: relative URLs. `vite` (development): under /app/ like the service, so `api/` is /app/api/.
  base: command === 'serve' ? '/app/' : './',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: the API comes from a running service.
    proxy: { '/app/api': process.env.APP_API_ORIGIN ?? 'http://127.0.0.1:3000' },
  },
}));
