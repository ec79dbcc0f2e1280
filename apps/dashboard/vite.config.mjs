// Plain JavaScript on purpose: the root type-check covers apps/**/*.ts with Node's types, not the browser app's.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)), emptyOutDir: true, sourcemap: true },
  // `npx vite --config apps/dashboard/vite.config.mjs` next to a running all-in-one on :3000.
  server: { proxy: { '/api': 'http://localhost:3000', '/app/session': 'http://localhost:3000' } },
});
