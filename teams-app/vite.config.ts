import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The tab is served by Kōmu's API host at its origin "/" (API under /api on the same origin).
// `npm run dev -w teams-app` proxies /api to a running API host (PORT, default 7071).
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    port: 5173,
    proxy: { "/api": { target: `http://localhost:${process.env.PORT ?? "7071"}`, changeOrigin: false } },
  },
});
