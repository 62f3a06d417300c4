/**
 * The files of a case that can go into a report: the group's photos (current
 * and past), the account's photo, and report attachments. For each: where it
 * was found, its hashes, whether a person at the provider viewed it (from the
 * audit log, never from a checkbox), and whether it matched a bank entry of
 * confirmed provenance that is not on an ignore list (what lets a report go
 * without a child-safety reviewer's decision).
 */
import type {
  CaseEvidence,
  EvidenceBankEntry,
  EvidenceMedia,
} from "../../store/repositories/cybertip-evidence-repository.js";
import type { PhotoRef } from "../../store/schema.js";

export interface CaseFile {
  mediaId: string;
  media: EvidenceMedia | null;
  /** locationOfFile: where on the platform the file was. */
  location: string;
  /** NCMEC's originalFileName: from the photo's URL, else the name the upload arrived with. */
  originalFileName?: string;
  viewedByEsp: boolean;
  /** Confirmed-provenance bank entries this file matches (their banks' names come from the signals). */
  confirmedMatches: string[];
  /** Every bank entry (confirmed or not, never an ignored one) this file matches, for the preview (issue 16). */
  matches: FileMatch[];
}

export interface FileMatch {
  bank: string;
  signalType: string;
  distance: number;
  provenance: string;
}

/** The PDQ radius Vigil matches within (README "Banks and matching"). */
const PDQ_RADIUS = 31;

function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

function distanceOf(entry: EvidenceBankEntry, m: EvidenceMedia): number {
  return entry.signalType === "pdq" && m.pdq ? hamming(m.pdq, entry.value.toLowerCase()) : 0;
}

function matches(entry: EvidenceBankEntry, m: EvidenceMedia): boolean {
  const v = entry.value.toLowerCase();
  switch (entry.signalType) {
    case "md5":
      return m.md5?.toLowerCase() === v;
    case "sha256":
      return m.sha256?.toLowerCase() === v;
    case "pdq":
      return m.pdq !== null && m.pdq.length === 64 && v.length === 64 && hamming(m.pdq, v) <= PDQ_RADIUS;
    default:
      return false;
  }
}

function fileNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    return last || undefined;
  } catch {
    return undefined;
  }
}

export function caseFiles(e: CaseEvidence): CaseFile[] {
  const found = new Map<string, Omit<CaseFile, "media" | "viewedByEsp" | "confirmedMatches" | "matches">>();
  const add = (ref: PhotoRef | null | undefined, location: string) => {
    if (ref?.mediaId && !found.has(ref.mediaId)) {
      found.set(ref.mediaId, { mediaId: ref.mediaId, location, originalFileName: fileNameOf(ref.url) });
    }
  };
  const g = e.group;
  if (g) {
    add(g.photo, `Group photo of group ${g.externalId} (not end-to-end encrypted)`);
    for (const r of e.revisions) {
      add(r.photo, `Earlier group photo of group ${g.externalId}, seen ${r.observedAt.toISOString()}`);
    }
  }
  for (const a of e.accounts) add(a.photo, `Profile photo of account ${a.externalId}`);
  for (const r of e.reports) {
    r.attachments.forEach((id, i) => {
      add(
        { mediaId: id },
        `Attachment ${i + 1} of ${r.attachments.length} of ${r.source} report ${r.publicId}`,
      );
    });
  }
  const usable = [...e.bankEntries.values()].filter((b) => !b.ignored);
  const confirmed = usable.filter((b) => b.provenance === "confirmed");
  const bankOf = new Map<number, string>();
  for (const s of e.signals) {
    if (s.detail.kind === "bank_match" && typeof s.detail.entryId === "number") {
      bankOf.set(s.detail.entryId, String(s.detail.bank));
    }
  }
  return [...found.values()].map((f) => {
    const media = e.media.get(f.mediaId) ?? null;
    return {
      ...f,
      // A photo's URL names it; an upload keeps the name it arrived with.
      originalFileName: f.originalFileName ?? media?.originalName ?? undefined,
      media,
      viewedByEsp: e.viewedMedia.has(f.mediaId),
      confirmedMatches: media
        ? confirmed.filter((b) => matches(b, media)).map((b) => bankOf.get(b.id) ?? `entry ${b.id}`)
        : [],
      matches: media
        ? usable
            .filter((b) => matches(b, media))
            .map((b) => ({
              bank: bankOf.get(b.id) ?? `entry ${b.id}`,
              signalType: b.signalType,
              distance: distanceOf(b, media),
              provenance: b.provenance,
            }))
        : [],
    };
  });
}
