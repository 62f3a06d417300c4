/**
 * The local admin channel of a server that owns an embedded data folder: HTTP
 * over a unix socket in `<data>/run/` (a 0700 folder), each request carrying
 * the token from `<data>/run/admin.token` (0600, new at every start), checked
 * before the body is read. Only the account that runs the server (or root) can
 * reach the socket or read the token. The folder's lock names the socket, so
 * `vigil keys|users|bank` find it (admin-client.ts) and write through the
 * server instead of behind its back.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { z } from "zod";
import { API_SCOPES, PROVENANCES, USER_ROLES } from "../store/schema.js";
import { AdminError, type AdminOperations } from "./admin-operations.js";
import { rowsFromLines } from "./admin-rows.js";

export interface AdminChannel {
  socketPath: string;
  close(): Promise<void>;
}

/** Where the token lives: the data folder's run/ (0700). */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, "run", "admin.token");
}

/** Unix socket paths are limited to about 107 bytes; a deep data folder gets a private folder in tmp instead. */
const MAX_SOCKET_PATH = 100;

const KeyName = z.string().min(1).max(200);
const Body = {
  createKey: z.strictObject({ name: KeyName, scopes: z.array(z.enum(API_SCOPES)).min(1) }),
  rotateKey: z.strictObject({
    grace_seconds: z
      .int()
      .min(0)
      .max(30 * 24 * 3600),
  }),
  createUser: z.strictObject({
    email: z.string().min(3).max(320),
    role: z.enum(USER_ROLES),
    name: z.string().max(200).default(""),
    password: z.string().min(12).max(1000).optional(),
  }),
  importQuery: z.object({
    format: z.enum(["lines", "csv", "vpdq", "pytx", "hma"]),
    signal_type: z.enum(["pdq", "md5", "sha256", "vpdq"]).optional(),
    provenance: z.enum(PROVENANCES).default("unconfirmed"),
    source: z.string().max(500).default(""),
    added_by: z.string().max(200).default(""),
    file_name: z.string().max(1000).default("upload"),
  }),
};
const RowsQuery = z.object({
  added_by: z.string().max(200).default(""),
  label: z.string().max(1000).default("rows"),
});
const NameParams = z.object({ name: KeyName });

function tokenMatches(header: string | undefined, token: Buffer): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(header ?? "")?.[1] ?? "");
  return given.length === token.length && timingSafeEqual(given, token);
}

export async function startAdminChannel(
  dataDir: string,
  operations: AdminOperations,
  log: Logger,
): Promise<AdminChannel> {
  const runDir = join(dataDir, "run");
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  chmodSync(runDir, 0o700);
  const token = Buffer.from(randomBytes(32).toString("base64url"));
  const tokenFile = adminTokenPath(dataDir);
  rmSync(tokenFile, { force: true });
  writeFileSync(tokenFile, token, { mode: 0o600, flag: "wx" });
  let socketDir = runDir;
  if (join(runDir, "admin.sock").length > MAX_SOCKET_PATH)
    socketDir = mkdtempSync(join(tmpdir(), "vigil-admin-"));
  const socketPath = join(socketDir, "admin.sock");
  // We own the folder's lock, so a socket left here is a dead server's.
  rmSync(socketPath, { force: true });

  const app = Fastify({ bodyLimit: 1024 * 1024 });
  // Bank files stream through to the import; the body limit applies to JSON only.
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));
  app.addHook("onRequest", async (request, reply) => {
    if (!tokenMatches(request.headers.authorization, token))
      return reply.status(401).send({ error: "Unauthorized", message: "wrong or missing admin token" });
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AdminError) return reply.status(statusOf(error)).send(bodyOf(error));
    if (error instanceof z.ZodError)
      return reply.status(400).send({ error: "InvalidRequest", message: z.prettifyError(error) });
    log.error({ err: error }, "admin channel request failed");
    return reply.status(500).send({ error: "Internal", message: (error as Error).message });
  });
  registerRoutes(app, operations);
  await app.listen({ path: socketPath });
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    async close() {
      await app.close();
      rmSync(tokenFile, { force: true });
      if (socketDir !== runDir) rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

function statusOf(error: AdminError): number {
  return error.code === "NotFound" ? 404 : error.code === "Conflict" ? 409 : 400;
}

function bodyOf(error: AdminError) {
  return { error: error.code, message: error.message };
}

function registerRoutes(app: FastifyInstance, ops: AdminOperations): void {
  app.get("/keys", async () => ({ keys: await ops.listKeys() }));
  app.post("/keys", async (request) => {
    const body = Body.createKey.parse(request.body);
    return ops.createKey(body.name, body.scopes);
  });
  app.post("/keys/:name/rotate", async (request) => {
    const { name } = NameParams.parse(request.params);
    return ops.rotateKey(name, Body.rotateKey.parse(request.body).grace_seconds);
  });
  app.post("/keys/:name/revoke", async (request) => {
    await ops.revokeKey(NameParams.parse(request.params).name);
    return { revoked: true };
  });
  app.get("/users", async () => ({ users: await ops.listUsers() }));
  app.post("/users", async (request) => ops.createUser(Body.createUser.parse(request.body)));
  app.get("/banks", async () => ({ banks: await ops.listBanks() }));
  app.post("/rekey", async () => ops.rekey());
  app.get("/banks/:name/stats", async (request) => ops.bankStats(NameParams.parse(request.params).name));
  app.post("/banks/:name/import-rows", async (request) => {
    const { name } = NameParams.parse(request.params);
    const q = RowsQuery.parse(request.query);
    if (request.headers["content-type"] !== "application/octet-stream")
      throw new AdminError("InvalidRequest", "send the rows as application/octet-stream");
    const body = request.body as import("node:stream").Readable;
    return ops.importRows(name, rowsFromLines(body), q.added_by, q.label);
  });
  app.post("/banks/:name/import", async (request) => {
    const { name } = NameParams.parse(request.params);
    const q = Body.importQuery.parse(request.query);
    if (request.headers["content-type"] !== "application/octet-stream")
      throw new AdminError("InvalidRequest", "send the bank file as application/octet-stream");
    return ops.importBank({
      bank: name,
      fileName: q.file_name,
      body: request.body as NodeJS.ReadableStream as import("node:stream").Readable,
      options: {
        format: q.format,
        signalType: q.signal_type,
        provenance: q.provenance,
        source: q.source,
        addedBy: q.added_by,
      },
    });
  });
}
