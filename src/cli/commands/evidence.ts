/**
 * `vigil evidence purge [--dry-run]` runs the retention job once with a
 * progress bar; `vigil evidence hold|holds|extend|release` manage legal holds
 * by hand (as the operator, with admin authority). Every change is in the
 * audit log.
 */
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_RETENTION_DAYS, evidenceConfig } from "../../report/evidence/evidence-config.js";
import { EvidenceError } from "../../report/evidence/evidence-error.js";
import { operator, withEvidence } from "../evidence-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { type ProgressPreference, startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";
import { positiveId } from "./case.js";

function date(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new InvalidArgumentError("expected a date, e.g. 2027-06-30 or an ISO 8601 time");
  return at;
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number of days >= 0");
  return n;
}

interface PurgeOptions extends StoreOptions {
  dryRun?: boolean;
  retentionDays?: number;
  progress?: boolean;
  json?: boolean;
}

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command("evidence").description("the evidence store: legal holds and retention");
  addStoreOptions(
    evidence
      .command("purge")
      .description("purge media and case snapshots that are neither held nor needed (retention)")
      .option("--dry-run", "only report what would be purged")
      .option(
        "--retention-days <n>",
        `keep everything younger (default $VIGIL_EVIDENCE_RETENTION_DAYS or ${DEFAULT_RETENTION_DAYS})`,
        days,
      )
      .option("--json", "print the summary as JSON")
      .option("--progress", "always show progress")
      .option("--no-progress", "never show progress"),
  ).action(async (options: PurgeOptions) => {
    const preference: ProgressPreference =
      options.progress === true ? "always" : options.progress === false ? "never" : "auto";
    const retentionDays = options.retentionDays ?? evidenceConfig(process.env).retentionDays;
    await withEvidence(options, async (store) => {
      let bar = startProgress("purge", 0, "never");
      const summary = await store.purge({
        retentionDays,
        dryRun: options.dryRun,
        by: operator(),
        onStart: (total) => {
          bar = startProgress(options.dryRun ? "purge (dry run)" : "purge", total, preference);
        },
        onItem: (_item, outcome) => bar.increment(outcome === "failed"),
      });
      bar.stop();
      if (options.json) return writeLine(JSON.stringify(summary));
      const kept = Object.entries(summary.kept)
        .map(([why, n]) => `${why} ${n}`)
        .join(", ");
      await writeLine(
        `${summary.dryRun ? "would purge" : "purged"} ${summary.dryRun ? summary.wouldPurge : summary.purged} of ${summary.examined} examined (older than ${retentionDays} days); kept: ${kept}; refused ${summary.refused}, failed ${summary.failed}`,
      );
      if (summary.failed > 0) process.exitCode = 1;
    });
  });

  addStoreOptions(
    evidence
      .command("hold")
      .description("place a legal hold on a case and the media it references")
      .argument("<case>", "case id", positiveId)
      .requiredOption("--reason <text>", "why (e.g. a preservation request's reference)")
      .requiredOption("--until <date>", "when the hold ends", date),
  ).action(async (id: number, options: StoreOptions & { reason: string; until: Date }) => {
    await withEvidence(options, async (store) => {
      const { hold } = await store.holds.placeHold({
        caseId: id,
        reason: options.reason,
        until: options.until,
        by: operator(),
      });
      await writeLine(`hold ${hold.id} on case ${id} until ${hold.heldUntil.toISOString()}`);
    });
  });

  addStoreOptions(
    evidence
      .command("holds")
      .description("list a case's legal holds")
      .argument("<case>", "case id", positiveId),
  ).action(async (id: number, options: StoreOptions) => {
    await withEvidence(options, async (store) => {
      for (const h of await store.holds.holdsOfCase(id)) {
        const state = h.releasedAt ? `released ${h.releasedAt.toISOString()} by ${h.releasedBy}` : "active";
        await writeLine(
          `${h.id}\tuntil ${h.heldUntil.toISOString()}\t${state}\t${h.reportId ?? "-"}\t${h.reason}`,
        );
      }
    });
  });

  addStoreOptions(
    evidence
      .command("extend")
      .description("move a hold's end")
      .argument("<hold>", "hold id", positiveId)
      .requiredOption("--until <date>", "the new end", date)
      .option("--reason <text>", "why", ""),
  ).action(async (id: number, options: StoreOptions & { until: Date; reason: string }) => {
    await withEvidence(options, async (store) => {
      const hold = await store.holds.extendHold(id, options.until, operator(), options.reason);
      await writeLine(`hold ${hold.id} until ${hold.heldUntil.toISOString()}`);
    });
  });

  addStoreOptions(
    evidence
      .command("release")
      .description("release a legal hold (admin authority; the reason is logged)")
      .argument("<hold>", "hold id", positiveId)
      .requiredOption("--reason <text>", "why the evidence may now be let go"),
  ).action(async (id: number, options: StoreOptions & { reason: string }) => {
    await withEvidence(options, async (store) => {
      const hold = await store.holds.releaseHold(id, operator(), options.reason);
      await writeLine(`hold ${hold.id} released`);
    });
  });

  addStoreOptions(
    evidence
      .command("delete")
      .description("delete stored media bytes or a case record; refused while a legal hold keeps it")
      .option("--media <id>", "a media id: its encrypted bytes are deleted, its hashes stay")
      .option(
        "--case <id>",
        "a case id: the case row and its snapshots (the moderation log stays)",
        positiveId,
      )
      .requiredOption("--reason <text>", "why (logged)"),
  ).action(async (options: StoreOptions & { media?: string; case?: number; reason: string }) => {
    if ((options.media === undefined) === (options.case === undefined)) {
      throw new Error("give exactly one of --media or --case");
    }
    const target =
      options.media !== undefined
        ? { kind: "media" as const, mediaId: options.media }
        : { kind: "case" as const, caseId: options.case ?? 0 };
    await withEvidence(options, async (store) => {
      try {
        const deleted = await store.deletion.delete(target, operator(), options.reason);
        await writeLine(deleted ? "deleted" : "nothing stored to delete");
      } catch (error) {
        // The code names the refusal for scripts; the audit log already has the attempt.
        if (error instanceof EvidenceError) throw new Error(`${error.message} [${error.code}]`);
        throw error;
      }
    });
  });
}
