/** Runs the real `vigil` command for end-to-end tests: one-shot commands, and `vigil serve` as a child process. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./paths.js";

const run = promisify(execFile);
export const VIGIL_BIN = join(repoRoot, "bin", "vigil.js");

export async function vigil(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [VIGIL_BIN, ...args], { env: { ...process.env, ...env } });
  return stdout;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** stderr and stdout so far, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `vigil serve --port 0 ...` and resolves once it prints where it listens. */
export function serve(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
  demo = false,
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [VIGIL_BIN, "serve", "--port", "0", ...(demo ? [] : ["--no-demo"]), ...args],
    {
      env: { ...process.env, VIGIL_LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Kill it, or its open pipes keep the test process waiting forever after the failure.
      child.kill("SIGKILL");
      reject(new Error(`vigil serve did not start:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          output: () => output,
          async stop(signal = "SIGTERM") {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`vigil serve exited with ${code}:\n${output}`));
    });
  });
}

export async function api(
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/**
 * Polls `GET /v1/events/<platform>/<id>` until the event is decided and returns its record;
 * fails with the last record when it failed or did not get decided in time.
 */
export async function waitUntilDecided(
  base: string,
  key: string,
  platform: string,
  id: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await api(base, key, "GET", `/v1/events/${platform}/${id}`);
    if (json.status === "decided") return json;
    if (json.status === "failed" || Date.now() > end)
      throw new Error(`event ${platform}/${id} was not decided: ${JSON.stringify(json)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until a served process has printed something matching `pattern` (e.g. a background job's line). */
export async function waitForOutput(
  server: ServeProcess,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(server.output());
    if (match) return match[0];
    if (Date.now() > end) throw new Error(`no ${pattern} in the output:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
