/**
 * nats-server processes of a test's or the load test's own: one node, or a
 * cluster on loopback, each on free ports with a temporary store, stoppable
 * and restartable on the same ports and store. Debian's binary.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const NATS_SERVER_BIN = process.env.VIGIL_NATS_SERVER_BIN ?? "/usr/sbin/nats-server";
export const natsServerAbsent = (): string | false =>
  existsSync(NATS_SERVER_BIN)
    ? false
    : `${NATS_SERVER_BIN} is absent; test skipped (apt-get install nats-server)`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface NatsNode {
  name: string;
  url: string;
  running(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface NatsDeployment {
  nodes: NatsNode[];
  /** Every node's URL, comma-separated (what --nats-url takes). */
  url: string;
  dispose(): Promise<void>;
}

/** `size` 1: one JetStream node; more: a cluster with routes between every node. */
export async function startNats(size = 1): Promise<NatsDeployment> {
  const dir = await mkdtemp(join(tmpdir(), "vigil-nats-"));
  const ports = await Promise.all(
    Array.from({ length: size }, async () => [await freePort(), await freePort()]),
  );
  const routes = ports.map(([, cluster]) => `nats-route://127.0.0.1:${cluster}`).join(",");
  const nodes: NatsNode[] = ports.map(([client, cluster], i) => {
    const name = `n${i + 1}`;
    const args = ["-a", "127.0.0.1", "-p", String(client), "-js", "-sd", join(dir, name), "-n", name];
    if (size > 1)
      args.push("--cluster_name", "vigil", "--cluster", `nats://127.0.0.1:${cluster}`, "--routes", routes);
    let child: ChildProcess | null = null;
    let exited: Promise<void> = Promise.resolve();
    return {
      name,
      url: `nats://127.0.0.1:${client}`,
      running: () => child !== null,
      async start() {
        const c = spawn(NATS_SERVER_BIN, args, { stdio: "ignore" });
        child = c;
        exited = new Promise((resolve) => c.once("exit", () => resolve()));
        await listening(client, 10_000);
      },
      async stop() {
        if (!child) return;
        child.kill("SIGTERM");
        await exited;
        child = null;
      },
    };
  });
  await Promise.all(nodes.map((n) => n.start()));
  return {
    nodes,
    url: nodes.map((n) => n.url).join(","),
    async dispose() {
      for (const n of nodes) await n.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
