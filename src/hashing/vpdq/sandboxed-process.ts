/**
 * Runs a media tool (ffmpeg, ffprobe) on untrusted input as a contained
 * subprocess: no shell, an argument array, no stdin, its own process group so a
 * timeout kills it and its children, an address-space limit through prlimit where
 * the machine has it, and a cap on what it may print to stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";

export interface SandboxOptions {
  timeoutMs: number;
  /** Address-space limit for the tool, in bytes. */
  memoryBytes: number;
}

const PRLIMIT = "/usr/bin/prlimit";

export function spawnSandboxed(tool: string, args: string[], options: SandboxOptions): ChildProcess {
  const command = existsSync(PRLIMIT) ? PRLIMIT : tool;
  const argv = existsSync(PRLIMIT) ? [`--as=${options.memoryBytes}`, "--core=0", "--", tool, ...args] : args;
  return spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"], detached: true, shell: false });
}

/** Kills the whole process group; safe to call twice or after exit. */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Keeps the last `limit` characters a process writes to stderr, for error messages. */
export function stderrTail(child: ChildProcess, limit = 2000): () => string {
  let text = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text.trim().split("\n").slice(-3).join(" | ");
}
