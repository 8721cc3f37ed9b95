import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API lives on the same origin in every environment we serve from (local server, CloudFront can
// point elsewhere through config.json), so the dev server only needs to forward /api.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/ws': { target: 'ws://localhost:3000', ws: true } },
  },
});
