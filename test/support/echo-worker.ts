/** A pool worker for tests: answers `{ value }` with `{ value, thread }`, or fails on request. */
import { threadId } from "node:worker_threads";
import { serveTasks } from "../../src/hashing/workers/serve-tasks.js";

export interface EchoTask {
  value: number;
  fail?: boolean;
  exit?: boolean;
}

serveTasks<EchoTask, { value: number; thread: number }>(async (task) => {
  if (task.exit) process.exit(3);
  if (task.fail) throw Object.assign(new Error(`task ${task.value} failed`), { code: "EchoFailed" });
  return { value: task.value, thread: threadId };
});
