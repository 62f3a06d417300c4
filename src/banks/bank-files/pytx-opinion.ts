/**
 * python-threatexchange's opinion on a signal (collab, category, tags) and
 * Vigil's entry fields, both ways. Categories are pytx's
 * (AggregateSignalOpinionCategory): NEGATIVE_CLASS is a known false positive,
 * which is what Vigil's `ignored` means (reported, flagged, never acted on);
 * DISPUTED (one source says positive, one negative) and INVESTIGATION_SEED
 * are kept active but unconfirmed, so no automatic action can rest on them;
 * Vigil's confirmed and unconfirmed entries are written as POSITIVE_CLASS and
 * INVESTIGATION_SEED. A signal pytx lists under
 * several collaborations (one row each, in a row) is one Vigil entry that
 * remembers every opinion, and is written out as the same rows again.
 */
import type { BankEntry, NewBankEntry } from "../../store/repositories/bank-repository.js";
import type { Provenance } from "../../store/schema.js";

export const PYTX_CATEGORIES = [
  "NEGATIVE_CLASS",
  "INVESTIGATION_SEED",
  "POSITIVE_CLASS",
  "DISPUTED",
] as const;
export type PytxCategory = (typeof PYTX_CATEGORIES)[number];

export interface PytxOpinion {
  collab: string;
  category: PytxCategory;
  /** Space-separated, as pytx's CSV writes them. */
  tags: string;
}

/** Metadata keys the opinion lives in: one opinion as three keys, several as a JSON list. */
export const OPINION_KEYS = ["collab", "category", "tags", "pytx_opinions"] as const;

export function isPytxCategory(text: string): text is PytxCategory {
  return (PYTX_CATEGORIES as readonly string[]).includes(text);
}

/**
 * Whether opinions make an entry ignored, and the provenance to use when the
 * row names none: only a signal some source calls POSITIVE_CLASS, and none
 * disputes, may carry the provenance the operator gave; an INVESTIGATION_SEED
 * ("requires verifying", pytx says) is unconfirmed.
 */
export function entryStateFor(
  categories: PytxCategory[],
  defaultProvenance: Provenance,
): { ignored: boolean; provenance: Provenance } {
  if (categories.length === 0) return { ignored: false, provenance: defaultProvenance };
  const negative = categories.filter((c) => c === "NEGATIVE_CLASS").length;
  if (negative === categories.length) return { ignored: true, provenance: defaultProvenance };
  const settled = negative === 0 && !categories.includes("DISPUTED") && categories.includes("POSITIVE_CLASS");
  return { ignored: false, provenance: settled ? defaultProvenance : "unconfirmed" };
}

/** The opinion metadata for one row (empty values left out). */
export function opinionMetadata(opinion: Partial<PytxOpinion>): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (opinion.collab) metadata.collab = opinion.collab;
  if (opinion.category) metadata.category = opinion.category;
  if (opinion.tags) metadata.tags = opinion.tags;
  return metadata;
}

function storedOpinions(metadata: Record<string, string>): PytxOpinion[] | null {
  if (!metadata.pytx_opinions) return null;
  try {
    const list: unknown = JSON.parse(metadata.pytx_opinions);
    if (!Array.isArray(list)) return null;
    return list.flatMap((o) =>
      Array.isArray(o) && o.length === 3 && o.every((v) => typeof v === "string") && isPytxCategory(o[1])
        ? [{ collab: o[0], category: o[1], tags: o[2] }]
        : [],
    );
  } catch {
    return null;
  }
}

type EntryFields = Pick<BankEntry, "ignored" | "provenance" | "metadata">;

/** The category to write for an entry: its own unless Vigil now says otherwise. */
function categoryFor(entry: EntryFields, stored: string | undefined): PytxCategory {
  if (entry.ignored) return "NEGATIVE_CLASS";
  if (stored && isPytxCategory(stored) && stored !== "NEGATIVE_CLASS") return stored;
  return entry.provenance === "confirmed" ? "POSITIVE_CLASS" : "INVESTIGATION_SEED";
}

/** The opinions to write for an entry: those it was read with, or one made from its Vigil fields. */
export function opinionsOf(entry: EntryFields, defaultCollab: string): PytxOpinion[] {
  const stored = storedOpinions(entry.metadata);
  if (stored && stored.length > 0) {
    // Marked ignored in Vigil since: every collab's opinion becomes a false positive.
    return entry.ignored ? stored.map((o) => ({ ...o, category: "NEGATIVE_CLASS" })) : stored;
  }
  return [
    {
      collab: entry.metadata.collab || defaultCollab,
      category: categoryFor(entry, entry.metadata.category),
      tags: entry.metadata.tags ?? "",
    },
  ];
}

function opinionsOfNew(entry: NewBankEntry): PytxOpinion[] {
  const metadata = entry.metadata ?? {};
  return (
    storedOpinions(metadata) ?? [
      {
        collab: metadata.collab ?? "",
        category: isPytxCategory(metadata.category ?? "")
          ? (metadata.category as PytxCategory)
          : "INVESTIGATION_SEED",
        tags: metadata.tags ?? "",
      },
    ]
  );
}

/** Whether two parsed rows are the same signal listed again under another collaboration. */
export function sameSignal(a: NewBankEntry, b: NewBankEntry): boolean {
  return (
    a.signalType === b.signalType &&
    a.value === b.value &&
    Boolean(a.metadata?.category && b.metadata?.category)
  );
}

/** One entry for a signal listed under several collaborations, keeping every opinion in order. */
export function mergeOpinions(
  first: NewBankEntry,
  next: NewBankEntry,
  defaultProvenance: Provenance,
): NewBankEntry {
  const opinions = [...opinionsOfNew(first), ...opinionsOfNew(next)];
  const metadata = { ...(first.metadata ?? {}) };
  for (const key of OPINION_KEYS) delete metadata[key];
  metadata.pytx_opinions = JSON.stringify(opinions.map((o) => [o.collab, o.category, o.tags]));
  const state = entryStateFor(
    opinions.map((o) => o.category),
    first.provenance ?? defaultProvenance,
  );
  return { ...first, metadata, ignored: state.ignored, provenance: state.provenance };
}
