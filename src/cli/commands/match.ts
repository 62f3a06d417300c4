/**
 * `vigil match --bank NAME <files or folders>` hashes files and matches them;
 * `vigil match --bank NAME --hashes FILE` matches hash values read one per line
 * (PDQ, MD5 or SHA-256; `-` reads stdin). Prints bank, entry and distance per
 * match; a video is also matched as a whole against the banks' vPDQ entries,
 * printing the query and compared match percentages.
 */
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import { createInterface } from "node:readline";
import { type Command, InvalidArgumentError } from "commander";
import { hashFilesInOrder } from "../../hashing/bulk-hash.js";
import { DEFAULT_HASH_FILE_OPTIONS, type MediaHashes } from "../../hashing/hash-file.js";
import { hash256FromHex } from "../../hashing/pdq/hash256.js";
import { expandPaths } from "../../hashing/walk.js";
import {
  type BankMatch,
  BankMatcher,
  DEFAULT_PDQ_RADIUS,
  type VideoBankMatch,
} from "../../matching/bank-matcher.js";
import { BankRepository } from "../../store/repositories/bank-repository.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
import { startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";

interface MatchOptions extends StoreOptions {
  bank?: string[];
  hashes?: string;
  radius: number;
  json: boolean;
  jobs: number;
  progress?: boolean;
}

function radius(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 128)
    throw new InvalidArgumentError("expected a whole number from 0 to 128");
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface QueryResult {
  query: string;
  matches: BankMatch[];
  /** Videos only: banked vPDQ videos this one matches. */
  videoMatches?: VideoBankMatch[];
  error?: string;
}

function matchValue(matcher: BankMatcher, value: string, r: number): BankMatch[] | string {
  const v = value.trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(v)) return matcher.matchDigest("md5", v);
  if (/^[0-9a-f]{64}$/.test(v))
    return [...matcher.matchPdq(hash256FromHex(v), r), ...matcher.matchDigest("sha256", v)];
  return "not a PDQ (64 hex), MD5 (32 hex) or SHA-256 (64 hex) value";
}

function matchHashes(matcher: BankMatcher, hashes: MediaHashes, r: number): BankMatch[] {
  const found = [...matcher.matchDigest("md5", hashes.md5), ...matcher.matchDigest("sha256", hashes.sha256)];
  if (hashes.kind === "image") found.push(...matcher.matchPdq(hash256FromHex(hashes.pdq), r));
  else for (const frame of hashes.frames) found.push(...matcher.matchPdq(hash256FromHex(frame.pdq), r));
  // A video frame list can hit the same entry many times: keep each entry's closest hit.
  const best = new Map<number, BankMatch>();
  for (const m of found)
    if (!best.has(m.entryId) || best.get(m.entryId)!.distance > m.distance) best.set(m.entryId, m);
  return [...best.values()].sort((a, b) => a.distance - b.distance);
}

/** The video's frames as vPDQ features, matched against the banked videos. */
function matchVideoFrames(matcher: BankMatcher, hashes: MediaHashes): VideoBankMatch[] | undefined {
  if (hashes.kind !== "video") return undefined;
  return matcher.matchVideo(hashes.frames.map((f) => ({ hash: hash256FromHex(f.pdq), quality: f.quality })));
}

const percent = (p: number): string => `${p.toFixed(1)}%`;

async function print(result: QueryResult, json: boolean): Promise<void> {
  if (json) {
    await writeLine(JSON.stringify(result));
    return;
  }
  if (result.error) return;
  const videos = result.videoMatches ?? [];
  if (result.matches.length === 0 && videos.length === 0) await writeLine(`${result.query}\tno match`);
  for (const m of result.matches) {
    await writeLine(
      `${result.query}\tbank=${m.bank}\tentry=${m.entryId}\t${m.signalType}\tdistance=${m.distance}${m.ignored ? "\tignored (known false positive)" : ""}`,
    );
  }
  for (const m of videos) {
    await writeLine(
      `${result.query}\tbank=${m.bank}\tentry=${m.entryId}\tvpdq\tquery=${percent(m.queryMatchPercent)}\tcompared=${percent(m.comparedMatchPercent)}${m.ignored ? "\tignored (known false positive)" : ""}`,
    );
  }
}

export function registerMatchCommand(program: Command): void {
  addStoreOptions(
    program
      .command("match")
      .description("match files or hash values against banks")
      .argument("[paths...]", "files or folders to hash and match")
      .option("--bank <name>", "bank to match against (repeatable; default: every enabled bank)", collect)
      .option("--hashes <file>", "match hash values read one per line from a file (- for stdin)")
      .option("--radius <n>", "PDQ Hamming radius", radius, DEFAULT_PDQ_RADIUS)
      .option("--json", "one JSON object per query with every match", false)
      .option("-j, --jobs <n>", "worker threads for hashing files", (v) => Number(v), availableParallelism())
      .option("--progress", "always show progress on stderr")
      .option("--no-progress", "never show progress"),
  ).action(async (paths: string[], options: MatchOptions) => {
    if (!options.hashes && paths.length === 0) {
      process.stderr.write("vigil match: give files or folders, or --hashes FILE\n");
      process.exitCode = 2;
      return;
    }
    process.exitCode = await withStore(options, async (database) => {
      const matcher = await BankMatcher.load(new BankRepository(database.db), options.bank ?? null);
      const preference = options.progress === true ? "always" : options.progress === false ? "never" : "auto";
      let failures = 0;
      if (options.hashes) {
        const input = options.hashes === "-" ? process.stdin : createReadStream(options.hashes);
        const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
        let n = 0;
        for await (const line of lines) {
          n++;
          if (line.trim() === "" || line.startsWith("#")) continue;
          const value = line.split(",")[0];
          const outcome = matchValue(matcher, value, options.radius);
          if (typeof outcome === "string") {
            failures++;
            process.stderr.write(`vigil match: ${options.hashes}:${n}: ${outcome}\n`);
            if (options.json) await print({ query: value, matches: [], error: outcome }, true);
          } else await print({ query: value.trim().toLowerCase(), matches: outcome }, options.json);
        }
        return failures > 0 ? 1 : 0;
      }
      const files: string[] = [];
      for await (const entry of expandPaths(paths)) if (!entry.error) files.push(entry.path);
      const progress = startProgress("matching", files.length, preference);
      const hashOptions = DEFAULT_HASH_FILE_OPTIONS;
      try {
        for await (const outcome of hashFilesInOrder(files, {
          jobs: Math.max(1, Math.min(options.jobs, files.length)),
          options: hashOptions,
        })) {
          progress.increment(!outcome.result);
          if (!outcome.result) {
            failures++;
            process.stderr.write(
              `vigil match: ${outcome.path}: ${outcome.error!.message} [${outcome.error!.code}]\n`,
            );
            continue;
          }
          await print(
            {
              query: outcome.path,
              matches: matchHashes(matcher, outcome.result, options.radius),
              videoMatches: matchVideoFrames(matcher, outcome.result),
            },
            options.json,
          );
        }
      } finally {
        progress.stop();
      }
      return failures > 0 ? 1 : 0;
    });
  });
}
