/**
 * Hashes many files across worker threads and yields the results in input order,
 * keeping only a bounded window of files in flight so a million-file folder never
 * sits in memory. One file's failure is reported with it and the rest go on.
 */

import { type HashFileOptions, hashFile, type MediaHashes } from "./hash-file.js";
import type { HashTask } from "./hash-worker.js";
import { isMediaError } from "./media-error.js";
import { wasmKernelDisabled } from "./pdq/wasm-kernel.js";
import { TaskError, WorkerPool } from "./workers/pool.js";

export interface FileOutcome {
  path: string;
  result?: MediaHashes;
  error?: { code: string; message: string };
}

export interface BulkHashOptions {
  jobs: number;
  options: HashFileOptions;
}

function asFailure(error: unknown): { code: string; message: string } {
  if (isMediaError(error) || error instanceof TaskError) return { code: error.code, message: error.message };
  return { code: "Failed", message: error instanceof Error ? error.message : String(error) };
}

export async function* hashFilesInOrder(
  paths: Iterable<string>,
  { jobs, options }: BulkHashOptions,
): AsyncGenerator<FileOutcome> {
  // This thread is one of the `jobs` lanes: it hashes from the first moment while the
  // worker threads load, and one thread fewer is started.
  const pool = new WorkerPool<HashTask, MediaHashes>(
    new URL("./hash-worker.js", import.meta.url),
    Math.max(0, jobs - 1),
    // Worker threads load their own copy of the kernel module: tell them whether it was turned off.
    {
      inline: (task) => hashFile(task.path, task.options),
      workerData: { pdqWasmDisabled: wasmKernelDisabled() },
    },
  );
  const run = (path: string): Promise<FileOutcome> =>
    pool.run({ path, options }).then(
      (result) => ({ path, result }),
      (error: unknown) => ({ path, error: asFailure(error) }),
    );
  const window: Promise<FileOutcome>[] = [];
  const limit = Math.max(1, jobs) * 4;
  try {
    for (const path of paths) {
      window.push(run(path));
      if (window.length >= limit) yield await window.shift()!;
    }
    while (window.length > 0) yield await window.shift()!;
  } finally {
    await pool.close();
  }
}
