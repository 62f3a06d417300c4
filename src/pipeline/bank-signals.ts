/**
 * Bank-match signals for an event's photos and attachments: PDQ within the radius,
 * MD5/SHA-256 exactly, and a stored video's vPDQ against banked videos by the
 * reference's rule (80% of the query's frames within 31; see matching/video-index.ts).
 */
import type { MediaField } from "../domain/events.js";
import type { BankMatchSignal } from "../domain/signals.js";
import { hash256FromHex } from "../hashing/pdq/hash256.js";
import type { MatchableFeature } from "../hashing/vpdq/index.js";
import type { BankMatch, BankMatcher, VideoBankMatch } from "../matching/bank-matcher.js";
import type { PhotoRef } from "../store/schema.js";

export function bankSignals(
  matcher: BankMatcher,
  field: MediaField,
  hashes: PhotoRef,
  pdqRadius: number,
  /** The stored video's vPDQ frames, when the photo or attachment is a video Vigil hashed. */
  video?: readonly MatchableFeature[],
): BankMatchSignal[] {
  const quality = hashes.quality ?? null;
  const toSignal = (m: BankMatch): BankMatchSignal => ({
    kind: "bank_match",
    field,
    signalType: m.signalType,
    bank: m.bank,
    entryId: m.entryId,
    distance: m.distance,
    quality,
    provenance: m.provenance,
    ignored: m.ignored,
  });
  const out: BankMatchSignal[] = [];
  if (hashes.pdq) out.push(...matcher.matchPdq(hash256FromHex(hashes.pdq), pdqRadius).map(toSignal));
  if (hashes.md5) out.push(...matcher.matchDigest("md5", hashes.md5).map(toSignal));
  if (hashes.sha256) out.push(...matcher.matchDigest("sha256", hashes.sha256).map(toSignal));
  if (video && video.length > 0) out.push(...matcher.matchVideo(video).map((m) => videoSignal(field, m)));
  return out;
}

/** A whole-video match has no single distance: 0, with the rule's percentages beside it. */
function videoSignal(field: MediaField, m: VideoBankMatch): BankMatchSignal {
  return {
    kind: "bank_match",
    field,
    signalType: "vpdq",
    bank: m.bank,
    entryId: m.entryId,
    distance: 0,
    quality: null,
    provenance: m.provenance,
    ignored: m.ignored,
    queryMatchPercent: m.queryMatchPercent,
    comparedMatchPercent: m.comparedMatchPercent,
  };
}
