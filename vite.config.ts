import { defineConfig } from 'vite';

// The renderer bundle: one folder of static files that Electron loads from its own protocol
// and `wardlens serve` serves on 127.0.0.1. Relative paths, nothing fetched from elsewhere.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 5000,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
