/**
 * Serves the built review console (web/, built by Vite into dist/web) at
 * /console/. A few dozen files, read from disk on request: no plugin needed.
 * Paths are resolved inside the build folder only; the console talks to the
 * API on the same origin, and its Content-Security-Policy allows nothing else
 * (no inline script, no third-party origin), so a name or description shown
 * on a case page can never run as code.
 */
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";

/** dist/src/api/ -> dist/web/ */
export const CONSOLE_DIR = fileURLToPath(new URL("../../web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

const HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export function registerConsoleStatic(app: FastifyInstance, dir = CONSOLE_DIR): void {
  app.get("/", (_request, reply) => reply.redirect("/console/"));
  app.get("/console", (_request, reply) => reply.redirect("/console/"));
  app.get("/console/*", async (request, reply) => {
    const wanted = (request.params as { "*": string })["*"] || "index.html";
    const path = normalize(join(dir, wanted));
    if (!path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return reply.status(404).send();
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) {
      const built = await readFile(join(dir, "index.html")).catch(() => null);
      return reply
        .status(404)
        .type("text/plain; charset=utf-8")
        .send(built ? `no ${wanted}` : "the console is not built: run npm run build");
    }
    // Vite names assets by content hash, so they can be cached for good; index.html never.
    const immutable = wanted.startsWith("assets/");
    return reply
      .headers(HEADERS)
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .type(TYPES[extname(path)] ?? "application/octet-stream")
      .send(bytes);
  });
}
