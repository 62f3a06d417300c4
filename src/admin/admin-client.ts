/**
 * The CLI's side of a server's local admin channel (admin-channel.ts): the
 * same AdminOperations, carried over the unix socket the folder's lock names,
 * with the token from the data folder. A bank file streams as the body.
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportReport } from "../banks/bank-files/import-bank-file.js";
import type { ParsedRow } from "../banks/bank-files/parse-bank-file.js";
import { describeOwner, type LockOwner } from "../store/data-folder-lock.js";
import { adminTokenPath } from "./admin-channel.js";
import {
  AdminError,
  type AdminOperations,
  type BankView,
  type KeyView,
  type UserView,
} from "./admin-operations.js";

export class AdminChannelError extends Error {
  override readonly name = "AdminChannelError";
}

interface Call {
  method: "GET" | "POST";
  path: string;
  json?: unknown;
  stream?: Readable;
}

export function remoteAdmin(dataDir: string, owner: LockOwner & { adminSocket: string }): AdminOperations {
  let token: string;
  try {
    token = readFileSync(adminTokenPath(dataDir), "utf8").trim();
  } catch (error) {
    throw new AdminChannelError(
      `${describeOwner(owner)} owns ${dataDir}, and its admin token ${adminTokenPath(dataDir)} cannot be read ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run this command as the account that runs the server`,
    );
  }
  const call = <T>(c: Call) => send<T>(owner.adminSocket, token, c);
  const enc = encodeURIComponent;
  return {
    via: `the running server (${describeOwner(owner)})`,
    createKey: (name, scopes) => call({ method: "POST", path: "/keys", json: { name, scopes } }),
    rotateKey: (name, graceSeconds) =>
      call({ method: "POST", path: `/keys/${enc(name)}/rotate`, json: { grace_seconds: graceSeconds } }),
    revokeKey: async (name) => {
      await call({ method: "POST", path: `/keys/${enc(name)}/revoke`, json: {} });
    },
    listKeys: async () => (await call<{ keys: KeyView[] }>({ method: "GET", path: "/keys" })).keys,
    createUser: (user) => call<UserView>({ method: "POST", path: "/users", json: user }),
    listUsers: async () => (await call<{ users: UserView[] }>({ method: "GET", path: "/users" })).users,
    importBank: (upload) => {
      const query = new URLSearchParams({
        format: upload.options.format,
        provenance: upload.options.provenance,
        source: upload.options.source,
        added_by: upload.options.addedBy,
        file_name: upload.fileName,
      });
      if (upload.options.signalType) query.set("signal_type", upload.options.signalType);
      return call<ImportReport>({
        method: "POST",
        path: `/banks/${enc(upload.bank)}/import?${query}`,
        stream: upload.body,
      });
    },
    importRows: (bank, rows, addedBy, label) => {
      const query = new URLSearchParams({ added_by: addedBy, label });
      return call<ImportReport>({
        method: "POST",
        path: `/banks/${enc(bank)}/import-rows?${query}`,
        stream: Readable.from(rowLines(rows)),
      });
    },
    listBanks: async () => (await call<{ banks: BankView[] }>({ method: "GET", path: "/banks" })).banks,
    bankStats: (name) => call({ method: "GET", path: `/banks/${enc(name)}/stats` }),
    rekey: () => call({ method: "POST", path: "/rekey", json: {} }),
    close: async () => {},
  };
}

function send<T>(socketPath: string, token: string, c: Call): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method: c.method,
        path: c.path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(c.json !== undefined ? { "content-type": "application/json" } : {}),
          ...(c.stream ? { "content-type": "application/octet-stream" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("error", reject);
        res.on("end", () => {
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            reject(
              new AdminChannelError(
                `the server's admin channel answered ${res.statusCode}: ${text.slice(0, 200)}`,
              ),
            );
            return;
          }
          const status = res.statusCode ?? 500;
          if (status < 300) resolve(body as T);
          else if (status === 404 || status === 409 || status === 400)
            reject(
              new AdminError(
                status === 404 ? "NotFound" : status === 409 ? "Conflict" : "InvalidRequest",
                String(body.message),
              ),
            );
          else reject(new AdminChannelError(`the server refused: ${String(body.message ?? status)}`));
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        new AdminChannelError(`cannot reach the server's admin channel at ${socketPath}: ${error.message}`),
      ),
    );
    if (c.stream) {
      pipeline(c.stream, req).catch((error: Error) => req.destroy(error));
    } else req.end(c.json !== undefined ? JSON.stringify(c.json) : undefined);
  });
}

/** Rows read here (e.g. from HMA) travel as one JSON object a line; the channel reads them back (admin-rows.ts). */
async function* rowLines(rows: AsyncIterable<ParsedRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}
