/** A console user for tests: signs in over HTTP and keeps the session cookie, as a browser would. */
import type { RunningServer } from "../../src/app/start.js";

export type ConsoleRole = Parameters<RunningServer["ctx"]["repos"]["users"]["create"]>[1];

/** Creates console users, all with the same password. */
export async function createConsoleUsers(
  server: RunningServer,
  users: ReadonlyArray<readonly [email: string, role: ConsoleRole]>,
  password: string,
): Promise<void> {
  for (const [email, role] of users) await server.ctx.repos.users.create(email, role, "", password);
}

export interface ConsoleClient {
  status: number;
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  /** A GET with the session, and any extra headers (e.g. Range). */
  raw(path: string, extra?: Record<string, string>): Promise<Response>;
}

export async function signIn(base: string, email: string, password: string): Promise<ConsoleClient> {
  const res = await fetch(`${base}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  await res.arrayBuffer();
  const headers = (body: boolean): Record<string, string> => ({
    cookie,
    "x-vigil-console": "1",
    ...(body ? { "content-type": "application/json" } : {}),
  });
  return {
    status: res.status,
    async call(method, path, body) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    },
    raw: (path, extra = {}) => fetch(`${base}${path}`, { headers: { ...headers(false), ...extra } }),
  };
}
