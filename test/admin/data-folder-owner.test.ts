/**
 * Issue 17, finding 1: with `vigil serve` on an embedded data folder, the CLI's
 * writes used to go into a second PGlite on the same folder: a revoked key kept
 * working, new keys and bank imports were invisible, and everything came back
 * or vanished at restart. Now the server owns the folder (a lock naming it),
 * keys, users and bank imports go through its admin channel, other commands
 * refuse saying what to do, and a stale lock from a killed process is taken over.
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import {
  embeddedTestDatabase,
  POSTGRES_ABSENT,
  POSTGRES_URL,
  postgresTestDatabase,
} from "../support/databases.js";
import { randomPdqHex } from "../support/pdq-near.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api, serve, VIGIL_BIN, vigil } from "../support/vigil-process.js";

/** A loaded machine starts a fresh service slowly (migrations on PGlite). */
const START_MS = 180_000;
const run = promisify(execFile);
const env = { DATABASE_URL: "" };

/** Runs `vigil …` expecting it to fail; returns its exit code and stderr. */
async function vigilFails(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [VIGIL_BIN, ...args], { env: { ...process.env, ...env } });
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
  throw new Error(`vigil ${args.join(" ")} succeeded`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("while vigil serve owns the folder: keys, users and bank import go through it; a revoked key is refused within a second and after a restart", {
  timeout: 300_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  try {
    const k1 = (
      await vigil(["keys", "create", ...store, "--name", "k1", "--scopes", "banks:read"], env)
    ).trim();
    let server = await serve(store, env, START_MS);
    try {
      assert.equal((await api(server.url, k1, "GET", "/v1/banks")).status, 200);

      await vigil(["keys", "revoke", "k1", ...store], env);
      await sleep(1000);
      assert.equal((await api(server.url, k1, "GET", "/v1/banks")).status, 401, "revoked key still accepted");

      const k2 = (
        await vigil(["keys", "create", ...store, "--name", "k2", "--scopes", "banks:read"], env)
      ).trim();
      assert.equal(
        (await api(server.url, k2, "GET", "/v1/banks")).status,
        200,
        "new key refused by the server",
      );

      const file = join(target.options.dataDir, "one.txt");
      await writeFile(file, `${randomPdqHex(5)}\n`);
      const imported = await vigil(["bank", "import", "served", file, ...store], env);
      assert.match(imported, /1 added to bank "served"/);
      const banks = (await api(server.url, k2, "GET", "/v1/banks")).json.banks as {
        name: string;
        entries: number;
      }[];
      assert.deepEqual(
        banks.map((b) => [b.name, b.entries]),
        [["served", 1]],
      );

      assert.match(
        await vigil(["users", "create", ...store, "--email", "x@example.org", "--role", "analyst"], env),
        /created x@example.org/,
      );
      assert.match(await vigil(["users", "list", ...store], env), /x@example.org\tanalyst\tactive/);
      assert.match(await vigil(["keys", "list", ...store], env), /k1\tvgl_.*\trevoked/);

      // Commands with no way through the server refuse, name the owner and say what to do.
      const refused = await vigilFails(["evidence", "purge", "--dry-run", ...store]);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        /in use by vigil serve \(pid \d+ on .+, since .+\).*Nothing was done: stop the server first/s,
      );
      const second = await vigilFails(["serve", "--port", "0", "--no-demo", ...store]);
      assert.match(second.stderr, new RegExp(`in use by vigil serve \\(pid ${server.child.pid} `));

      await server.stop();
      server = await serve(store, env, START_MS);
      assert.equal((await api(server.url, k1, "GET", "/v1/banks")).status, 401, "revoked key came back");
      const after = (await api(server.url, k2, "GET", "/v1/banks")).json.banks as { entries: number }[];
      assert.equal(after[0]?.entries, 1);
    } finally {
      await server.stop();
    }
    assert.match(await vigil(["users", "list", ...store], env), /x@example.org/);
  } finally {
    await target.dispose();
  }
});

test("a stale lock (its process is dead, or the pid now belongs to another process) is taken over", {
  timeout: 120_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  try {
    const server = await serve(store, env, START_MS);
    await server.stop("SIGKILL");
    const left = JSON.parse(await readFile(join(target.options.dataDir, "vigil.lock"), "utf8")) as {
      pid: number;
      role: string;
    };
    assert.equal(left.role, "serve");
    assert.equal(left.pid, server.child.pid);
    await vigil(["keys", "create", ...store, "--name", "after", "--scopes", "banks:read"], env);

    // A lock naming a live pid that started after the lock was written (pid reuse) is stale too.
    const stranger = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      await writeFile(
        join(target.options.dataDir, "vigil.lock"),
        JSON.stringify({ ...left, pid: stranger.pid, processStart: "1" }),
      );
      assert.match(await vigil(["keys", "list", ...store], env), /after\t/);
    } finally {
      stranger.kill("SIGKILL");
    }
    await assert.rejects(readFile(join(target.options.dataDir, "vigil.lock")), /ENOENT/);
  } finally {
    await target.dispose();
  }
});

test("PostgreSQL: a key revoked by the CLI is refused by every API process within a second", {
  skip: POSTGRES_URL ? false : POSTGRES_ABSENT,
  timeout: 120_000,
}, async () => {
  const target = await postgresTestDatabase();
  const store = ["--database-url", String(target.options.databaseUrl)];
  const servers: TestServer[] = [];
  try {
    const key = (
      await vigil(["keys", "create", ...store, "--name", "shared", "--scopes", "banks:read"], env)
    ).trim();
    for (let i = 0; i < 2; i++)
      servers.push(
        await startTestServer({ databaseUrl: target.options.databaseUrl, dataDir: target.options.dataDir }),
      );
    for (const s of servers) assert.equal((await api(s.server.url, key, "GET", "/v1/banks")).status, 200);
    await vigil(["keys", "revoke", "shared", ...store], env);
    await sleep(1000);
    for (const s of servers) assert.equal((await api(s.server.url, key, "GET", "/v1/banks")).status, 401);
  } finally {
    for (const s of servers) await s.server.close();
    for (const s of servers) await s.target.dispose();
    await target.dispose();
  }
});
