/**
 * Runs ffmpeg or ffprobe on untrusted input as a contained subprocess:
 * - an argument array and no shell, so nothing in a file name is interpreted;
 * - stdin closed, a minimal environment (no FFREPORT or other variables that make
 *   ffmpeg write files), cwd "/";
 * - its own process group, killed with SIGKILL when the deadline passes or the
 *   caller gives up, so no decoder outlives the job;
 * - under /usr/bin/prlimit where present (util-linux): an address-space limit, no
 *   core dumps, no regular-file writes (--fsize=0; pipes are not affected);
 * - only the tail of stderr kept, for error messages.
 */
import { spawn } from "node:child_process";
import { constants, existsSync } from "node:fs";
import { access } from "node:fs/promises";
import type { Readable } from "node:stream";
import { MediaError } from "../media-error.js";

const PRLIMIT = "/usr/bin/prlimit";
const STDERR_KEEP = 4000;

export interface SandboxLimits {
  /** Date.now() value after which the process group is killed. */
  deadline: number;
  /** Address-space limit in bytes (prlimit --as). */
  memoryBytes: number;
}

export interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed because the deadline passed. */
  timedOut: boolean;
  /** Set when the process could not be started at all. */
  spawnError: Error | null;
  /** The last few thousand characters of stderr, trimmed. */
  stderr: string;
}

export interface SandboxedProcess {
  readonly pid: number | undefined;
  readonly stdout: Readable;
  /** Settles (never rejects) once the process has ended and its pipes are closed. */
  readonly outcome: Promise<ProcessOutcome>;
  /** SIGKILL to the process group, if it is still running. */
  kill(): void;
}

/** Fails with VideoToolMissing unless the tool is an executable file. */
export async function requireTool(path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new MediaError("VideoToolMissing", `${path} is not installed (apt-get install ffmpeg)`);
  }
}

function commandLine(tool: string, args: readonly string[], memoryBytes: number): [string, string[]] {
  if (!existsSync(PRLIMIT)) return [tool, [...args]];
  // prlimit sets the limits on itself and then execs the tool: same pid, same group.
  return [PRLIMIT, [`--as=${memoryBytes}`, "--core=0", "--fsize=0", "--", tool, ...args]];
}

export function spawnSandboxed(
  tool: string,
  args: readonly string[],
  limits: SandboxLimits,
): SandboxedProcess {
  const [command, argv] = commandLine(tool, args, limits.memoryBytes);
  const child = spawn(command, argv, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // a new process group, so the whole group can be killed
    shell: false,
    cwd: "/",
    env: { PATH: "/usr/bin:/bin", LC_ALL: "C" },
    windowsHide: true,
  });
  let stderr = "";
  let timedOut = false;
  let spawnError: Error | null = null;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEEP);
  });

  const kill = (): void => {
    // Only while it runs: after exit the group id may in principle be reused.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  const timer = setTimeout(
    () => {
      timedOut = true;
      kill();
    },
    Math.max(0, limits.deadline - Date.now()),
  );

  const outcome = new Promise<ProcessOutcome>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, spawnError, stderr: stderr.trim() });
    };
    child.on("error", (error) => {
      spawnError = error;
      // A process that never started emits no "close".
      if (child.pid === undefined) finish(null, null);
    });
    child.on("close", finish);
  });

  return { pid: child.pid, stdout: child.stdout, outcome, kill };
}
