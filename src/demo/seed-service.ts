/**
 * What `vigil serve` puts in an empty database so a new user sees Vigil work at
 * once: a demo bank of benign generated patterns (confirmed provenance, so the
 * default rules act on them), an API key printed once, and demo groups, one
 * of whose photos is a banked pattern: a case arrives in the `ncmec` queue and
 * a disable_group action is queued; and, where ffmpeg is installed, a user report
 * about that group with a generated test-pattern video attached, so its case page
 * shows a video blurred until revealed. Nothing here is or resembles abuse material.
 */

import { randomBytes } from "node:crypto";
import type { AppContext } from "../app/context.js";
import { PlatformEvent } from "../domain/event-schema.js";
import { hash256ToHex } from "../hashing/pdq/hash256.js";
import { pdqFromPixels } from "../hashing/pdq/pdq.js";
import { acceptEvents } from "../intake/accept-events.js";
import { API_SCOPES } from "../store/schema.js";
import { demoVideo } from "./demo-video.js";
import { type PatternName, renderPattern } from "./patterns.js";

const BANKED: PatternName[] = ["rings", "plaid", "checker"];

function patternPdq(name: PatternName, seed: number): { pdq: string; quality: number } {
  const image = renderPattern(name, 256, 256, seed);
  const result = pdqFromPixels(image);
  return { pdq: hash256ToHex(result.hash), quality: result.quality };
}

/** The console user a new install signs in with (issue 16): a lead, so every queue and page opens. */
export const DEMO_LEAD_EMAIL = "demo-lead@example.org";

export interface DemoSeeded {
  apiKey: string;
  /** The demo lead's sign-in, printed once; only ever made on an empty database. */
  lead: { email: string; password: string };
  video: Promise<string>;
}

/** Seeds the demo data when the database has no banks and no events; returns the demo key when it made one. */
export async function seedDemo(ctx: AppContext): Promise<DemoSeeded | null> {
  const banks = await ctx.repos.banks.list();
  const counts = await ctx.repos.events.countByStatus();
  if (banks.length > 0 || Object.keys(counts).length > 0) return null;

  const bank = await ctx.repos.banks.create(
    "demo",
    "benign generated patterns standing in for known material",
  );
  await ctx.repos.banks.addEntries(
    bank.id,
    BANKED.map((name) => ({
      signalType: "pdq" as const,
      ...(({ pdq, quality }) => ({ value: pdq, quality }))(patternPdq(name, 7)),
      provenance: "confirmed" as const,
      source: "vigil demo",
      addedBy: "vigil serve --demo",
      metadata: { pattern: name },
    })),
  );
  await ctx.matcher.refresh();

  const { key } = await ctx.repos.apiKeys.create("demo", [...API_SCOPES]);
  const now = new Date().toISOString();
  const banked = patternPdq("rings", 7);
  const unknown = patternPdq("gradient", 3);
  const events = [
    { id: "demo-1", name: "Hiking club", photo: unknown },
    { id: "demo-2", name: "Pattern swap", photo: banked },
    { id: "demo-3", name: "Book circle", photo: patternPdq("blobs", 5) },
  ].map((g) =>
    PlatformEvent.parse({
      id: `demo-event-${g.id}`,
      type: "group.updated",
      occurred_at: now,
      platform: "demo",
      group: {
        id: g.id,
        name: g.name,
        photo: { pdq: g.photo.pdq, quality: g.photo.quality },
        admins: [`${g.id}-admin`],
      },
    }),
  );
  await acceptEvents(ctx.repos.events, ctx.queue, events);
  // A door that opens: a lead to sign in to the console with, password generated and shown once.
  const password = randomBytes(15).toString("base64url");
  await ctx.repos.users.create(DEMO_LEAD_EMAIL, "lead", "Demo Lead", password);
  return { apiKey: key, lead: { email: DEMO_LEAD_EMAIL, password }, video: seedDemoVideo(ctx, now) };
}

/**
 * The demo's video report, made after start-up (ffmpeg and vPDQ take seconds on a
 * busy machine, and the service should listen first). Never rejects: the answer
 * is the line `vigil serve` prints, saying what was added or why nothing was.
 */
async function seedDemoVideo(ctx: AppContext, now: string): Promise<string> {
  try {
    const video = await demoVideo();
    if (!("bytes" in video)) return `no demo video (${video.skipped})`;
    const stored = await ctx.intakeMedia({
      kind: "bytes",
      bytes: video.bytes,
      originalName: "demo-clip.webm",
    });
    const report = PlatformEvent.parse({
      id: "demo-event-report-video",
      type: "report.created",
      occurred_at: now,
      platform: "demo",
      report: {
        subject: { type: "group", id: "demo-2" },
        reason: "shared video",
        text: "A generated test-pattern video, standing in for a reported clip.",
        attachments: [stored.media_id],
      },
    });
    await acceptEvents(ctx.repos.events, ctx.queue, [report]);
    return "a report about demo-2 with a video";
  } catch (error) {
    return `no demo video (${error instanceof Error ? error.message : String(error)})`;
  }
}
