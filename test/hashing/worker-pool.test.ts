/** WorkerPool: the calling thread as a lane, workers taking tasks only when ready, and dead workers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { threadId } from "node:worker_threads";
import { TaskError, WorkerPool } from "../../src/hashing/workers/pool.js";
import type { EchoTask } from "../support/echo-worker.js";

type Echo = { value: number; thread: number };
const echoWorker = new URL("../support/echo-worker.js", import.meta.url);
const brokenWorker = new URL("../support/broken-worker.js", import.meta.url);
const inline = async (task: EchoTask): Promise<Echo> => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { value: task.value, thread: threadId };
};

test("the calling thread starts work at once and the workers join when ready", async () => {
  const pool = new WorkerPool<EchoTask, Echo>(echoWorker, 1, { inline });
  try {
    const first = await pool.run({ value: 0 });
    assert.equal(first.thread, threadId, "the first task ran inline, before the worker could load");
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => pool.run({ value: i })));
    assert.deepEqual(
      results.map((r) => r.value),
      Array.from({ length: 200 }, (_, i) => i),
    );
    const threads = new Set(results.map((r) => r.thread));
    assert.equal(threads.size, 2, "both lanes took tasks");
  } finally {
    await pool.close();
  }
});

test("a pool of 0 workers and the calling thread runs everything inline", async () => {
  const pool = new WorkerPool<EchoTask, Echo>(echoWorker, 0, { inline });
  try {
    const results = await Promise.all([1, 2, 3].map((value) => pool.run({ value })));
    assert.deepEqual(
      results.map((r) => [r.value, r.thread]),
      [1, 2, 3].map((value) => [value, threadId]),
    );
  } finally {
    await pool.close();
  }
  assert.throws(() => new WorkerPool<EchoTask, Echo>(echoWorker, 0), /at least 1/);
});

test("a failing task and a worker that exits fail only their own task", async () => {
  const pool = new WorkerPool<EchoTask, Echo>(echoWorker, 2);
  try {
    const [failed, exited, fine] = await Promise.allSettled([
      pool.run({ value: 1, fail: true }),
      pool.run({ value: 2, exit: true }),
      pool.run({ value: 3 }),
    ]);
    assert.equal(failed.status, "rejected");
    assert.equal((failed as PromiseRejectedResult).reason.code, "EchoFailed");
    assert.equal(exited.status, "rejected");
    assert.ok((exited as PromiseRejectedResult).reason instanceof TaskError);
    assert.equal((exited as PromiseRejectedResult).reason.code, "WorkerCrashed");
    assert.deepEqual(fine.status === "fulfilled" && fine.value.value, 3);
    assert.equal((await pool.run({ value: 4 })).value, 4, "the replaced worker takes tasks");
  } finally {
    await pool.close();
  }
});

test("a worker script that cannot load is not restarted forever; tasks fail with the reason or run inline", async () => {
  const alone = new WorkerPool<EchoTask, Echo>(brokenWorker, 2);
  try {
    await assert.rejects(alone.run({ value: 1 }), (error: TaskError) => {
      assert.equal(error.code, "WorkerStartFailed");
      assert.match(error.message, /cannot start/);
      return true;
    });
  } finally {
    await alone.close();
  }
  const withInline = new WorkerPool<EchoTask, Echo>(brokenWorker, 2, { inline });
  try {
    const results = await Promise.all([1, 2, 3, 4].map((value) => withInline.run({ value })));
    assert.deepEqual(
      results.map((r) => r.value),
      [1, 2, 3, 4],
    );
  } finally {
    await withInline.close();
  }
});
