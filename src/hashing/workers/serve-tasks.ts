/** The worker side of WorkerPool: answers each posted task with the handler's result or a coded failure. */
import { parentPort } from "node:worker_threads";
import type { WorkerReply } from "./pool.js";

function failureOf(error: unknown): { code: string; message: string } {
  if (typeof error === "object" && error !== null) {
    const code = "code" in error && typeof error.code === "string" ? error.code : "Failed";
    const message = error instanceof Error ? error.message : String(error);
    return { code, message };
  }
  return { code: "Failed", message: String(error) };
}

export function serveTasks<Task, Result>(handler: (task: Task) => Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks must run inside a worker thread");
  port.on("message", async ({ id, task }: { id: number; task: Task }) => {
    let reply: WorkerReply<Result>;
    try {
      reply = { id, ok: true, result: await handler(task) };
    } catch (error) {
      reply = { id, ok: false, error: failureOf(error) };
    }
    port.postMessage(reply);
  });
  // Modules are loaded by now (static imports come first): the pool may send tasks.
  port.postMessage({ ready: true } satisfies WorkerReply<Result>);
}
