/**
 * `vigil expand --group ID | --account ID`: network expansion from a seed in
 * the store the server uses; prints the ranked candidates with their evidence
 * (a table, or `--json` with the stored expansion's id for bulk enforcement).
 * `--as EMAIL` runs it as a console user, whose role must allow network.expand
 * (lead, admin, analyst); without it the actor is the operator at the shell.
 */
import { userInfo } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import { can } from "../../access/roles.js";
import type { ExpansionCandidate } from "../../enforce/expansion/evidence.js";
import { runExpansion } from "../../enforce/expansion/expansion-service.js";
import { loadWeights } from "../../enforce/expansion/weights.js";
import { ExpansionGraphRepository } from "../../store/repositories/expansion-graph-repository.js";
import { ExpansionRepository } from "../../store/repositories/expansion-repository.js";
import { UserRepository } from "../../store/repositories/user-repository.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
import { writeLine } from "../write-line.js";

interface ExpandOptions extends StoreOptions {
  group?: string;
  account?: string;
  platform: string;
  limit: number;
  minScore: number;
  weights?: string;
  as?: string;
  json: boolean;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50_000)
    throw new InvalidArgumentError("expected a whole number from 1 to 50000");
  return n;
}

function score(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number >= 0");
  return n;
}

/** One line per candidate: rank, kind, id, score, suggested action, then the evidence with weights. */
export function formatCandidates(candidates: ExpansionCandidate[]): string[] {
  const header = ["rank", "kind", "id", "score", "suggested", "evidence"];
  const rows = candidates.map((c, i) => [
    String(i + 1),
    c.subjectKind,
    c.platformId,
    c.score.toFixed(2),
    c.suggestedAction,
    c.evidence.map((e) => `${e.kind} +${e.weight} (${e.detail})`).join("; "),
  ]);
  const widths = header.slice(0, 5).map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => [...r.slice(0, 5).map((x, k) => x.padEnd(widths[k])), r[5]].join("  ");
  return [line(header), ...rows.map(line)];
}

export function registerExpandCommand(program: Command): void {
  addStoreOptions(
    program
      .command("expand")
      .description("find the ring around a confirmed group or account, ranked by explainable evidence")
      .option("--group <id>", "seed group (the platform's id)")
      .option("--account <id>", "seed account (the platform's id)")
      .requiredOption("--platform <name>", "the seed's platform")
      .option("--limit <n>", "candidates kept", wholeNumber, 50)
      .option("--min-score <x>", "leave out candidates scoring less", score, 0)
      .option("--weights <file>", "evidence weights (default: rules/expansion-weights.json)")
      .option("--as <email>", "run as this console user (role must allow network.expand)")
      .option("--json", "print the stored expansion as JSON", false),
  ).action(async (options: ExpandOptions) => {
    if (Boolean(options.group) === Boolean(options.account)) {
      throw new InvalidArgumentError("give exactly one of --group and --account");
    }
    const weights = loadWeights(options.weights);
    await withStore(options, async (database) => {
      let actor = `cli:${userInfo().username}`;
      if (options.as) {
        const user = await new UserRepository(database.db).findByEmail(options.as);
        if (!user || user.disabledAt) throw new Error(`no active user ${options.as} [ForbiddenRole]`);
        if (!can(user.role, "network.expand")) {
          throw new Error(`the role ${user.role} may not run expansions [ForbiddenRole]`);
        }
        actor = `user:${user.email}`;
      }
      const stored = await runExpansion(
        {
          graph: new ExpansionGraphRepository(database.db),
          expansions: new ExpansionRepository(database.db),
          weights: () => weights,
        },
        {
          kind: options.group ? "group" : "account",
          platform: options.platform,
          id: (options.group ?? options.account) as string,
        },
        { limit: options.limit, minScore: options.minScore },
        actor,
      );
      if (options.json) {
        await writeLine(
          JSON.stringify({
            id: stored.expansion.publicId,
            summary: stored.expansion.summary,
            candidates: stored.candidates,
          }),
        );
        return;
      }
      const s = stored.expansion.summary as {
        accountsScored?: number;
        groupsExpanded?: number;
        elapsedMs?: number;
      };
      process.stderr.write(
        `expansion ${stored.expansion.publicId}: ${stored.candidates.length} candidates (${s.accountsScored} accounts scored in ${(s.groupsExpanded ?? 0) + 1} groups, ${s.elapsedMs} ms)\n`,
      );
      for (const line of formatCandidates(stored.candidates)) await writeLine(line);
    });
  });
}
