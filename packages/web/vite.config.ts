import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Dev: the SPA on 5173, API calls proxied to the Fastify server on 3000.
// Production: `vite build` → dist/, served by the server from '/'.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 5173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
