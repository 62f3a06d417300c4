/** Bank-match signals for an event's photos: PDQ within the radius, MD5/SHA-256 exactly. */
import type { MediaField } from "../domain/events.js";
import type { BankMatchSignal } from "../domain/signals.js";
import { hash256FromHex } from "../hashing/pdq/hash256.js";
import type { BankMatch, BankMatcher } from "../matching/bank-matcher.js";
import type { PhotoRef } from "../store/schema.js";

export function bankSignals(
  matcher: BankMatcher,
  field: MediaField,
  hashes: PhotoRef,
  pdqRadius: number,
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
  return out;
}
