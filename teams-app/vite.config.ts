import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * pdf.js's data files (Adobe CMaps for Japanese fonts that are not embedded, the standard fonts,
 * the JPEG 2000 / JBIG2 decoders, ICC profiles), served from Kōmu's origin under
 * /pdfjs/<version>/ (the viewer's getDocument options name them): copied into the build, served
 * from node_modules by the dev server. Never a CDN.
 */
function pdfjsData(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const base = `pdfjs/${version}`;
  const folders = ["cmaps", "standard_fonts", "wasm", "iccs"];
  return {
    name: "komu-pdfjs-data",
    config: () => ({ define: { __PDFJS_DATA__: JSON.stringify(`/${base}/`) } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
        if (!path.startsWith(`/${base}/`)) return next();
        const file = normalize(join(root, path.slice(base.length + 2)));
        if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of folders) {
        for (const name of readdirSync(join(root, folder))) {
          this.emitFile({
            type: "asset",
            fileName: `${base}/${folder}/${name}`,
            source: readFileSync(join(root, folder, name)),
          });
        }
      }
    },
  };
}

// The tab is served by Kōmu's API host at its origin "/" (API under /api on the same origin).
// `npm run dev -w teams-app` proxies /api to a running API host (PORT, default 7071).
export default defineConfig({
  plugins: [react(), pdfjsData()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    port: 5173,
    proxy: { "/api": { target: `http://localhost:${process.env.PORT ?? "7071"}`, changeOrigin: false } },
  },
});
