/**
 * `vigil bulk create|preview|confirm|execute|status|reverse`: bulk enforcement batches (issue 10)
 * through a running service's API, signed in as a console user, so the server enforces roles and
 * confirmations exactly as for the console. Results are JSON on stdout; the delivery progress bar
 * is on stderr. The password comes from $VIGIL_PASSWORD or --password-stdin, never argv.
 */
import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import type { Command } from "commander";
import { BulkClient, type BulkTargetInput } from "../bulk-client.js";
import { type BulkPhase, followBatch } from "../bulk-progress.js";

interface ConnectOptions {
  server: string;
  email?: string;
  passwordStdin: boolean;
  progress?: boolean;
}

function connectOptions(command: Command): Command {
  return command
    .option("--server <url>", "the Vigil service", process.env.VIGIL_URL ?? "http://127.0.0.1:8080")
    .option("--email <email>", "console user (default: $VIGIL_EMAIL)")
    .option("--password-stdin", "read the password from stdin (default: $VIGIL_PASSWORD)", false);
}

async function connect(options: ConnectOptions): Promise<BulkClient> {
  const email = options.email ?? process.env.VIGIL_EMAIL;
  if (!email) throw new Error("give --email or set VIGIL_EMAIL");
  const password = options.passwordStdin
    ? (await text(process.stdin)).split("\n")[0]
    : process.env.VIGIL_PASSWORD;
  if (!password) throw new Error("give the password on stdin (--password-stdin) or in VIGIL_PASSWORD");
  return BulkClient.signIn(options.server, email, password);
}

function batchId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1)
    throw new Error(`a batch id is a positive whole number, not ${JSON.stringify(raw)}`);
  return id;
}

/** A JSON array, or one JSON object per line, of {subject_kind, platform_id, action, evidence}. */
export function parseTargets(content: string, file: string): BulkTargetInput[] {
  const trimmed = content.trim();
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as BulkTargetInput[];
  return trimmed
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as BulkTargetInput;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function follow(
  client: BulkClient,
  id: number,
  phase: BulkPhase,
  options: ConnectOptions,
): Promise<void> {
  const show = options.progress ?? Boolean(process.stderr.isTTY);
  const view = await followBatch(client, id, phase, { show });
  print({ id: view.id, status: view.status, progress: view.progress });
  if (view.status === "partially_failed") process.exitCode = 1;
}

export function registerBulkCommands(program: Command): void {
  const bulk = program
    .command("bulk")
    .description("bulk enforcement: preview, confirm (by others), execute through the outbox, reverse");
  connectOptions(bulk.command("create"))
    .description("create a batch from a targets file (JSON array or JSON lines); prints its preview")
    .requiredOption("--targets <file>", "targets: {subject_kind, platform_id, action, evidence}")
    .requiredOption("--platform <name>", "the platform the subjects belong to")
    .requiredOption("--reason <text>", "why, as recorded with every action")
    .action(async (options: ConnectOptions & { targets: string; platform: string; reason: string }) => {
      const targets = parseTargets(await readFile(options.targets, "utf8"), options.targets);
      const client = await connect(options);
      print(await client.create({ platform: options.platform, reason: options.reason, targets }));
    });
  connectOptions(bulk.command("preview <id>"))
    .description("counts by action and evidence, a sample, and the confirmations still needed")
    .action(async (id: string, options: ConnectOptions) => {
      print(await (await connect(options)).get(batchId(id)));
    });
  connectOptions(bulk.command("confirm <id>"))
    .description("confirm another person's batch (leads and admins)")
    .action(async (id: string, options: ConnectOptions) => {
      print(await (await connect(options)).confirm(batchId(id)));
    });
  connectOptions(bulk.command("execute <id>"))
    .description("execute a confirmed batch and follow its delivery")
    .option("--no-follow", "return once started")
    .option("--progress", "show the progress bar even when stderr is not a terminal")
    .action(async (id: string, options: ConnectOptions & { follow: boolean }) => {
      const client = await connect(options);
      const started = await client.execute(batchId(id));
      if (options.follow) await follow(client, started.id, "execution", options);
      else print(started);
    });
  connectOptions(bulk.command("status <id>"))
    .description("status and delivery progress; --follow waits with a progress bar")
    .option("--follow", "wait until the current phase settles", false)
    .option("--progress", "show the progress bar even when stderr is not a terminal")
    .action(async (id: string, options: ConnectOptions & { follow: boolean }) => {
      const client = await connect(options);
      const view = await client.get(batchId(id), false);
      if (!options.follow) print(view);
      else await follow(client, view.id, view.status === "reversing" ? "reversal" : "execution", options);
    });
  connectOptions(bulk.command("reverse <id>"))
    .description("reverse a finished batch: one reversal per delivered action")
    .requiredOption("--reason <text>", "why the batch is reversed")
    .option("--no-follow", "return once started")
    .option("--progress", "show the progress bar even when stderr is not a terminal")
    .action(async (id: string, options: ConnectOptions & { reason: string; follow: boolean }) => {
      const client = await connect(options);
      const started = await client.reverse(batchId(id), options.reason);
      if (options.follow) await follow(client, started.id, "reversal", options);
      else print(started);
    });
}
