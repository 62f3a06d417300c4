/**
 * Decides a batch of events: resolves their photos to hashes, computes
 * signals, asks the rules, and writes everything in one transaction
 * (store/repositories/decision-writer.ts). If the batch cannot be written, each
 * event is tried alone so one bad event cannot hold up the rest; an event that
 * keeps failing is parked as failed (visible on GET /v1/events) after
 * `maxAttempts`.
 */
import type { Decision, DecisionInput } from "../domain/decisions.js";
import type { PlatformEvent } from "../domain/event-schema.js";
import type { EventNote } from "../domain/events.js";
import { openEventPayload } from "../domain/personal-fields.js";
import type { Photo } from "../domain/photo-schema.js";
import type { Signal } from "../domain/signals.js";
import { parseVpdq, type VpdqFeature } from "../hashing/vpdq/index.js";
import type { BankMatcher } from "../matching/bank-matcher.js";
import type { TextScorer } from "../signals/text/index.js";
import type { VigilDb } from "../store/database.js";
import {
  type DecidedEvent,
  type WrittenDecisions,
  writeDecisions,
} from "../store/repositories/decision-writer.js";
import type { EventRepository, StoredEvent } from "../store/repositories/event-repository.js";
import type { MediaRepository } from "../store/repositories/media-repository.js";
import type { SubjectRepository } from "../store/repositories/subject-repository.js";
import { bankSignals } from "./bank-signals.js";
import { decisionInput } from "./decision-input.js";
import { photosOfEvent } from "./photo-fields.js";
import { planDecisions } from "./plan-decisions.js";
import { withReportFloor } from "./report-floor.js";
import { photoRef, type ResolvedHashes, subjectUpdates } from "./subject-updates.js";
import { textSignals } from "./text-signals.js";

/** Photos given by reference, keyed so the same reference resolves once per batch. */
function photoKey(photo: Photo): string {
  if ("media_id" in photo) return `m:${photo.media_id}`;
  if ("url" in photo) return `u:${photo.url}`;
  return "";
}

export interface ProcessorDeps {
  db: VigilDb;
  events: EventRepository;
  subjects: SubjectRepository;
  media: MediaRepository;
  matcher: () => BankMatcher;
  decide: (input: DecisionInput) => Decision;
  /** Scores names, descriptions and report texts; absent, events get no text signals. */
  textScorer?: () => TextScorer;
  encryptPhone: (phone: string) => string;
  /** Keyed hash of an E.164 number stored beside the sealed one, so search can find it (issue 16). */
  phoneKey?: (e164: string) => string;
  /** Opens the payload's sealed personal fields for deciding (report text for text signals, the phone to store). */
  openField?: (sealed: string) => string | null;
  /** Fetches and hashes a photo given by URL; absent, URL photos give no hash signals. */
  resolveUrl?: (url: string) => Promise<ResolvedHashes>;
  pdqRadius: number;
  maxAttempts: number;
  /** Called after each commit: the outbox dispatcher's fast path and the metrics. */
  onCommitted: (written: WrittenDecisions, batch: DecidedEvent[], writeSeconds: number) => void;
  log: { warn(obj: object, msg: string): void; debug(obj: object, msg: string): void };
}

export class EventProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  async processBatch(seqs: number[]): Promise<void> {
    const started = performance.now();
    // With older pending events of the same subjects: a subject's events are decided in the order accepted.
    const stored = await this.deps.events.loadPendingInSubjectOrder(seqs);
    if (stored.length === 0) return;
    const loaded = performance.now();
    const decided = await this.decideAll(stored);
    const decidedAt = performance.now();
    try {
      const written = await writeDecisions(this.deps.db, decided, planDecisions);
      this.deps.onCommitted(written, decided, (performance.now() - decidedAt) / 1000);
      const ms = (a: number, b: number) => Math.round(b - a);
      this.deps.log.debug(
        {
          events: stored.length,
          loadMs: ms(started, loaded),
          decideMs: ms(loaded, decidedAt),
          writeMs: ms(decidedAt, performance.now()),
        },
        "batch decided",
      );
    } catch (batchError) {
      this.deps.log.warn(
        { err: batchError, events: stored.length },
        "batch write failed; retrying events one by one",
      );
      for (const one of decided) await this.writeAlone(one);
    }
  }

  private async writeAlone(one: DecidedEvent): Promise<void> {
    try {
      const started = performance.now();
      const written = await writeDecisions(this.deps.db, [one], planDecisions);
      this.deps.onCommitted(written, [one], (performance.now() - started) / 1000);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn({ seq: one.event.seq, err: message }, "event could not be decided");
      await this.deps.events.recordFailure(one.event.seq, message, this.deps.maxAttempts);
    }
  }

  private async decideAll(stored: StoredEvent[]): Promise<DecidedEvent[]> {
    const open = this.deps.openField;
    const parsed = stored.map(
      (e) => (open ? openEventPayload(e.payload, open) : e.payload) as unknown as PlatformEvent,
    );
    const { resolved, videos, unavailable } = await this.resolvePhotos(parsed);
    const admins = await this.knownAdmins(parsed);
    const matcher = this.deps.matcher();
    return stored.map((event, i) => {
      const payload = parsed[i];
      const signals: Signal[] = [];
      const notes: EventNote[] = [];
      for (const { field, photo } of photosOfEvent(payload)) {
        const failure = unavailable.get(photoKey(photo));
        if (failure && "url" in photo)
          notes.push({ kind: "photo_unavailable", field, url: photo.url, ...failure });
        const hashes = photoRef(photo, resolved.get(photoKey(photo)));
        const video = hashes.mediaId ? videos.get(hashes.mediaId) : undefined;
        signals.push(...bankSignals(matcher, field, hashes, this.deps.pdqRadius, video));
      }
      if (this.deps.textScorer) signals.push(...textSignals(this.deps.textScorer(), payload));
      const groupId = "group" in payload && payload.group ? payload.group.id : undefined;
      const input = decisionInput(
        payload,
        signals,
        groupId ? (admins.get(`${payload.platform}\n${groupId}`) ?? []) : [],
      );
      return {
        event,
        signals,
        decision: withReportFloor(payload, this.deps.decide(input)),
        notes,
        subjects: subjectUpdates(
          payload,
          event.seq,
          this.deps.encryptPhone,
          (p) => resolved.get(photoKey(p)),
          this.deps.phoneKey,
        ),
      };
    });
  }

  /**
   * Hashes for photos given as media ids (one query) or URLs (fetched; a failure leaves the photo unhashed
   * and is kept as the event's note), and the vPDQ frames of stored videos by media id (kept out of the
   * photo refs written to subjects).
   */
  private async resolvePhotos(parsed: PlatformEvent[]): Promise<{
    resolved: Map<string, ResolvedHashes>;
    videos: Map<string, VpdqFeature[]>;
    unavailable: Map<string, { code: string; message: string }>;
  }> {
    const resolved = new Map<string, ResolvedHashes>();
    const unavailable = new Map<string, { code: string; message: string }>();
    const videos = new Map<string, VpdqFeature[]>();
    const photos = parsed.flatMap((p) => photosOfEvent(p).map((x) => x.photo));
    const ids = photos.flatMap((p) => ("media_id" in p ? [p.media_id] : []));
    const rows = await this.deps.media.getMany([...new Set(ids)]);
    for (const photo of photos) {
      if ("media_id" in photo) {
        const row = rows.get(photo.media_id);
        if (row?.vpdq) videos.set(row.id, storedVpdq(row.vpdq));
        if (row) {
          resolved.set(photoKey(photo), {
            mediaId: row.id,
            pdq: row.pdq ?? undefined,
            quality: row.pdqQuality ?? undefined,
            md5: row.md5 ?? undefined,
            sha256: row.sha256 ?? undefined,
          });
        }
      } else if ("url" in photo && this.deps.resolveUrl) {
        try {
          resolved.set(photoKey(photo), await this.deps.resolveUrl(photo.url));
        } catch (error) {
          const code = String((error as { code?: unknown }).code ?? "UrlUnreachable");
          const message = (error as Error).message.slice(0, 500);
          unavailable.set(photoKey(photo), { code, message });
          this.deps.log.warn({ code, err: message }, "photo URL could not be fetched");
        }
      }
    }
    // A URL that served a video was hashed and stored by resolveUrl; its vPDQ is on the row.
    const fetched = [...resolved.values()].flatMap((r) =>
      r.mediaId && !rows.has(r.mediaId) ? [r.mediaId] : [],
    );
    for (const row of (await this.deps.media.getMany(fetched)).values()) {
      if (row.vpdq) videos.set(row.id, storedVpdq(row.vpdq));
    }
    return { resolved, videos, unavailable };
  }

  private async knownAdmins(parsed: PlatformEvent[]): Promise<Map<string, string[]>> {
    const byPlatform = new Map<string, Set<string>>();
    for (const p of parsed) {
      if ("group" in p && p.group) {
        const set = byPlatform.get(p.platform) ?? new Set<string>();
        set.add(p.group.id);
        byPlatform.set(p.platform, set);
      }
    }
    const out = new Map<string, string[]>();
    for (const [platform, ids] of byPlatform) {
      const admins = await this.deps.subjects.groupAdmins(platform, [...ids]);
      for (const [group, list] of admins) out.set(`${platform}\n${group}`, list);
    }
    return out;
  }
}

/** vPDQ as intake stored it; a damaged text matches nothing rather than failing the batch. */
function storedVpdq(text: string): VpdqFeature[] {
  try {
    return parseVpdq(text);
  } catch {
    return [];
  }
}
