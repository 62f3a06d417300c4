/** Turns how ffmpeg or ffprobe ended into the MediaError a caller can act on, or null when it succeeded. */
import { MediaError } from "../media-error.js";
import type { ProcessOutcome } from "./sandboxed-process.js";

function lastLines(stderr: string, count = 3): string {
  return stderr.split("\n").slice(-count).join(" | ");
}

const OUT_OF_MEMORY = /cannot allocate memory|out of memory|failed to map segment|std::bad_alloc|ENOMEM/i;

export function toolFailure(tool: string, end: ProcessOutcome, memoryBytes: number): MediaError | null {
  if (end.timedOut)
    return new MediaError("VideoTimeout", `video processing passed its time limit (in ${tool})`);
  if (end.spawnError)
    return new MediaError("VideoToolMissing", `cannot run ${tool}: ${end.spawnError.message}`);
  if (end.code === 0) return null;
  if (end.stderr.includes("not on whitelist")) {
    return new MediaError(
      "UnsupportedFormat",
      `container format not accepted for video: ${lastLines(end.stderr)}`,
    );
  }
  const why = end.stderr
    ? lastLines(end.stderr)
    : end.signal
      ? `killed by ${end.signal}`
      : `exit status ${end.code}`;
  const memory = OUT_OF_MEMORY.test(end.stderr)
    ? ` (${tool} runs under an address-space limit of ${Math.round(memoryBytes / 1024 ** 2)} MiB)`
    : "";
  return new MediaError("VideoDecodeError", `video could not be decoded: ${why}${memory}`);
}
