/**
 * A fixed pool of worker threads that each run one task at a time. Used for
 * CPU-bound jobs (hashing) so that every core works while the main thread stays
 * free for I/O and progress. A worker that dies fails only its own task and is
 * replaced; the pool never hangs on a lost reply.
 */
import { Worker } from "node:worker_threads";

export interface TaskFailure {
  code: string;
  message: string;
}

/** What a worker posts back for each task. */
export type WorkerReply<Result> =
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

interface Pending<Result> {
  id: number;
  task: unknown;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Result> {
  worker: Worker;
  busy: Pending<Result> | null;
}

export class WorkerPool<Task, Result> {
  private readonly slots: Slot<Result>[] = [];
  private readonly queue: Pending<Result>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: URL,
    readonly size: number,
    private readonly workerData: unknown = undefined,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`pool size must be a positive integer, got ${size}`);
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

  private spawn(): Slot<Result> {
    const worker = new Worker(this.script, { workerData: this.workerData });
    const slot: Slot<Result> = { worker, busy: null };
    worker.on("message", (reply: WorkerReply<Result>) => {
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

  /** Fails the dead worker's task, starts a new worker in its place and carries on. */
  private replace(slot: Slot<Result>, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const pending = slot.busy;
    slot.busy = null;
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[index] = this.spawn();
    pending?.reject(new TaskError("WorkerCrashed", reason));
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
    for (const slot of this.slots) if (!slot.busy) slot.worker.unref();
  }
}
