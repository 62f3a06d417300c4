/**
 * A fixed pool of worker threads that each run one task at a time. Used for
 * CPU-bound jobs (hashing) so that every core works. A worker that dies fails only
 * its own task and is replaced; the pool never hangs on a lost reply.
 *
 * The calling thread can be one of the lanes (`inline`): it starts work at once,
 * while the worker threads are still loading their modules (about 0.4 s each for
 * sharp and the WebAssembly kernel), and a pool of N lanes then needs only N - 1
 * threads started. Tasks go only to workers that have said they are ready.
 */
import { Worker } from "node:worker_threads";

export interface TaskFailure {
  code: string;
  message: string;
}

/** What a worker posts back: once `ready` when it can take tasks, then one reply per task. */
export type WorkerReply<Result> =
  | { ready: true }
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; error: TaskFailure };

export class TaskError extends Error {
  override readonly name = "TaskError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions<Task, Result> {
  workerData?: unknown;
  /** Runs tasks in the calling thread as one more lane. */
  inline?: (task: Task) => Promise<Result>;
}

interface Pending<Task, Result> {
  id: number;
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Task, Result> {
  worker: Worker;
  ready: boolean;
  busy: Pending<Task, Result> | null;
}

export class WorkerPool<Task, Result> {
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly queue: Pending<Task, Result>[] = [];
  private inlineBusy = false;
  private nextId = 1;
  private closed = false;
  private startFailure: string | null = null;

  /** `size` worker threads, plus the calling thread when `inline` is given (then `size` may be 0). */
  constructor(
    private readonly script: URL,
    readonly size: number,
    private readonly options: WorkerPoolOptions<Task, Result> = {},
  ) {
    const least = options.inline ? 0 : 1;
    if (!Number.isInteger(size) || size < least)
      throw new RangeError(`pool size must be a whole number of at least ${least}, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: Task): Promise<Result> {
    if (this.closed) return Promise.reject(new Error("worker pool is closed"));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("worker pool closed"));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot<Task, Result> {
    const worker = new Worker(this.script, { workerData: this.options.workerData });
    const slot: Slot<Task, Result> = { worker, ready: false, busy: null };
    worker.on("message", (reply: WorkerReply<Result>) => {
      if ("ready" in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const pending = slot.busy;
      if (!pending || pending.id !== reply.id) return;
      slot.busy = null;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new TaskError(reply.error.code, reply.error.message));
      this.dispatch();
    });
    worker.on("error", (error) => this.replace(slot, `worker failed: ${error.message}`));
    worker.on("exit", (code) => {
      if (!this.closed) this.replace(slot, `worker exited with code ${code}`);
    });
    worker.unref();
    return slot;
  }

  /**
   * Fails the dead worker's task, starts a new worker in its place and carries on.
   * A worker that dies before it was ever ready is not started again (its script
   * cannot load, and would fail the same way forever); when no lane is left, the
   * waiting tasks fail with the reason.
   */
  private replace(slot: Slot<Task, Result>, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const pending = slot.busy;
    slot.busy = null;
    void slot.worker.terminate();
    if (this.closed) return;
    if (slot.ready) this.slots[index] = this.spawn();
    else {
      this.slots.splice(index, 1);
      this.startFailure = reason;
    }
    pending?.reject(new TaskError("WorkerCrashed", reason));
    this.dispatch();
  }

  private dispatch(): void {
    const inline = this.options.inline;
    if (this.slots.length === 0 && !inline && this.startFailure) {
      for (const pending of this.queue.splice(0))
        pending.reject(new TaskError("WorkerStartFailed", `no worker could start: ${this.startFailure}`));
      return;
    }
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.busy) continue;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
    // A worker keeps the process alive while it runs a task, or is still starting with tasks waiting for it.
    for (const slot of this.slots) {
      if (slot.busy || (!slot.ready && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
    if (inline && !this.inlineBusy && this.queue.length > 0) this.runInline(inline);
  }

  private runInline(handler: (task: Task) => Promise<Result>): void {
    const pending = this.queue.shift()!;
    this.inlineBusy = true;
    // Called inside a promise chain, so a handler that throws synchronously rejects its task.
    Promise.resolve()
      .then(() => handler(pending.task))
      .then(pending.resolve, pending.reject)
      .finally(() => {
        this.inlineBusy = false;
        if (!this.closed) this.dispatch();
      });
  }
}
