// Builds the browser app into the repository's dist/web, which the server serves at `/`.
// `npm run dev -w packages/web` serves it on :5173 and forwards the API to a server on :8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
      '/download': 'http://127.0.0.1:8080',
    },
  },
});
