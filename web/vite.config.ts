// Builds the review console into dist/web, served by `vigil serve` at /console/.
// Called by scripts/build.mjs; no dev server is needed for the build or the tests.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/console/",
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // One small bundle; the console must start fast on a reviewer's machine.
    modulePreload: false,
  },
  oxc: { jsx: { runtime: "automatic" } },
});
