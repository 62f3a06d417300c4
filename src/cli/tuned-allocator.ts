/**
 * `vigil hash` decodes one large image after another into a fresh pixel buffer
 * (libvips allocates it; a 4000x3000 photo is 36 MB). With glibc's default settings
 * each such buffer is new memory from the kernel: buffers over the mmap threshold
 * are unmapped when freed, and thread arenas give their heaps back when empty. So
 * every image pays a page fault per 4 KiB touched, which on this kind of virtual
 * machine cost more CPU than the PDQ itself (about a third of the command's time,
 * measured with perf). One arena that is never trimmed, chunks up to 32 MiB kept
 * in it, and transparent huge pages for the rest let the buffers be reused.
 *
 * glibc reads these settings only when a process starts, so the command starts
 * itself again with them (0.1-0.2 s), when there is a folder or more than a few
 * files to hash. Nothing changes when GLIBC_TUNABLES is already set, off glibc, or
 * with VIGIL_TUNE_ALLOCATOR=0.
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { constants } from "node:os";

export const HASHING_GLIBC_TUNABLES = [
  "glibc.malloc.arena_max=1",
  "glibc.malloc.trim_threshold=4294967296",
  "glibc.malloc.mmap_threshold=33554432",
  "glibc.malloc.hugetlb=1",
].join(":");

function onGlibc(): boolean {
  if (process.platform !== "linux") return false;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return typeof report?.header?.glibcVersionRuntime === "string";
}

/** A few single files are done before a second process would have started. */
const FEW_FILES = 4;

function worthASecondProcess(args: readonly string[]): boolean {
  let files = 0;
  for (const arg of args) {
    try {
      const info = statSync(arg);
      if (info.isDirectory()) return true;
      if (info.isFile()) files++;
    } catch {
      // an option or its value, or a path that the command itself will report
    }
  }
  return files > FEW_FILES;
}

/** Whether `vigil hash <args>` should start itself again with the allocator settings. */
export function wantsTunedAllocator(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GLIBC_TUNABLES !== undefined || env.VIGIL_TUNE_ALLOCATOR === "0") return false;
  return worthASecondProcess(args) && onGlibc();
}

/**
 * Runs this same command in a child process with the allocator settings, with the
 * same standard streams, and resolves to the exit code to leave with. Signals meant
 * for this process are passed on; a child killed by a signal is reported as 128 + n.
 */
export function runWithTunedAllocator(argv: readonly string[] = process.argv): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, GLIBC_TUNABLES: HASHING_GLIBC_TUNABLES },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      process.stderr.write(`vigil: could not start the hashing process: ${error.message}\n`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}
