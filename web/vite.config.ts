import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages: the staff app (workbench + supervisor) at `/` and the debtor portal at `/portal/`.
// The server serves web/dist (see docs/api.md, "Serving"); `npm run dev:web` proxies the API to PORT.
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        staff: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal/index.html', import.meta.url)),
      },
      output: {
        // The packages both apps share (React, Mantine, TanStack Query) in one cacheable chunk; ECharts and its
        // renderer stay in the dashboard's own chunk, loaded only when a supervisor opens it.
        codeSplitting: { groups: [{ name: 'vendor', test: (id: string) => /[\\/]node_modules[\\/]/.test(id) && !/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id) }] },
      },
    },
  },
  server: {
    proxy: { '/api': apiTarget, '/portal/api': apiTarget },
  },
});
