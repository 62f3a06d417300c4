/**
 * Hasher-Matcher-Actioner's bank content as JSON, both ways. HMA's curation API
 * answers `GET /c/bank/<bank>/content/<id>?include_signals=true` with
 * `{id, disable_until_ts, original_media_uri, bank: {name,
 * matching_enabled_ratio}, signals: {<pytx type>: <signal_str>}, metadata?,
 * note?}` and takes `POST /c/bank/<bank>/signal` bodies `{<pytx type>:
 * <signal_str>, note?}`; Vigil reads either (one object, a list, or one per
 * line) and writes the first. One HMA content holds several signals, so it
 * becomes one entry per signal Vigil matches, each remembering the content
 * (`hma_*` metadata) so the content is written out whole again; signals Vigil
 * does not match ride along as metadata of the others, or are counted when a
 * content has nothing else. `disable_until_ts` 0 (or a time still to come)
 * means HMA does not match the content: in Vigil it is ignored.
 */
import type { BankEntry } from "../../store/repositories/bank-repository.js";
import { pytxSignalString } from "./bank-csv.js";
import type { ParsedRow, ParseOptions } from "./bank-rows.js";
import { signalEntry, signalFromName } from "./bank-rows.js";
import { isSignalTypeName, PYTX_SIGNAL_NAMES, signalTypeFromName } from "./signal-values.js";

type Json = Record<string, unknown>;

/** HMA's free-form metadata is kept whole on every entry of its content: within reason. */
const MAX_METADATA_CHARS = 64 * 1024;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Vigil's own fields of an entry that did not come from HMA, carried in HMA's free-form `metadata.json`. */
interface VigilFields {
  provenance: string;
  source: string;
  added_by: string;
  quality?: number;
  confidence?: number;
  metadata: Record<string, string>;
}

function disabled(ts: unknown, now: number): boolean {
  return ts === 0 || (typeof ts === "number" && ts > 1 && ts * 1000 > now);
}

function contentMetadata(doc: Json): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (typeof doc.id === "number") metadata.hma_content_id = String(doc.id);
  if (isObject(doc.bank)) {
    if (typeof doc.bank.name === "string") metadata.hma_bank = doc.bank.name;
    if (typeof doc.bank.matching_enabled_ratio === "number")
      metadata.hma_bank_enabled_ratio = String(doc.bank.matching_enabled_ratio);
  }
  if (typeof doc.disable_until_ts === "number") metadata.hma_disable_until_ts = String(doc.disable_until_ts);
  if (typeof doc.original_media_uri === "string") metadata.hma_original_media_uri = doc.original_media_uri;
  if (typeof doc.note === "string") metadata.hma_note = doc.note;
  if (isObject(doc.metadata)) metadata.hma_metadata = JSON.stringify(doc.metadata);
  return metadata;
}

function vigilFieldsOf(doc: Json): VigilFields | undefined {
  const json = isObject(doc.metadata) ? doc.metadata.json : undefined;
  const vigil = isObject(json) ? json.vigil : undefined;
  return isObject(vigil) && typeof vigil.provenance === "string"
    ? (vigil as unknown as VigilFields)
    : undefined;
}

/** The signals of a content document (`signals`), or of a POST /signal body (its string fields but `note`). */
function signalsOf(doc: Json): Record<string, unknown> | null {
  if ("signals" in doc) return isObject(doc.signals) ? doc.signals : null;
  if ("id" in doc || "bank" in doc) return null;
  const signals = { ...doc };
  delete signals.note;
  return signals;
}

/** The rows of one HMA document; `line` is where it was read (a line, a list position, or a content id). */
export function hmaContentRows(
  doc: unknown,
  line: number,
  options: ParseOptions,
  now = Date.now(),
): ParsedRow[] {
  if (!isObject(doc)) return [{ line, error: "HMA content must be a JSON object" }];
  if ("matching_enabled_ratio" in doc && "name" in doc && !("signals" in doc))
    return [{ line, error: "this is an HMA bank's settings (GET /c/banks), not its content" }];
  const signals = signalsOf(doc);
  const where = typeof doc.id === "number" ? `content ${doc.id}: ` : "";
  if (!signals) return [{ line, error: `${where}no signals (ask HMA with include_signals=true)` }];
  const vigil = vigilFieldsOf(doc);
  // A content Vigil wrote carries its own fields; HMA's id and bank for it were Vigil's, not HMA's.
  let metadata: Record<string, string>;
  try {
    metadata = vigil ? { ...vigil.metadata } : contentMetadata(doc);
  } catch {
    return [{ line, error: `${where}metadata is nested too deeply to keep` }];
  }
  if ((metadata.hma_metadata?.length ?? 0) > MAX_METADATA_CHARS)
    return [{ line, error: `${where}metadata is over ${MAX_METADATA_CHARS} characters` }];
  const rows: ParsedRow[] = [];
  const others: Record<string, string> = {};
  for (const [name, value] of Object.entries(signals)) {
    if (typeof value !== "string") {
      rows.push({ line, error: `${where}signal ${JSON.stringify(name.slice(0, 80))} is not a string` });
      continue;
    }
    // HMA can run signal types from extensions Vigil has never heard of: they ride along too.
    const foreign = signalTypeFromName(name) === null && isSignalTypeName(name);
    const signal = foreign ? { skipped: name } : signalFromName(name, value);
    if ("skipped" in signal) others[name] = value;
    else if ("error" in signal) rows.push({ line, error: `${where}${signal.error}` });
    else {
      rows.push({
        line,
        entry: signalEntry(signal, options, {
          provenance:
            vigil?.provenance === "confirmed" ? "confirmed" : vigil ? "unconfirmed" : options.provenance,
          source: vigil?.source ?? options.source,
          addedBy: vigil?.added_by ?? options.addedBy,
          quality: vigil?.quality ?? null,
          confidence: vigil?.confidence ?? null,
          ignored: disabled(doc.disable_until_ts, now),
          metadata,
        }),
      });
    }
  }
  const entries = rows.filter((r) => "entry" in r);
  if (entries.length === 0)
    return [...rows, ...Object.keys(others).map((name) => ({ line, skipped: name.toLowerCase() }))];
  if (Object.keys(others).length > 0) {
    for (const row of entries)
      if ("entry" in row)
        row.entry.metadata = { ...row.entry.metadata, hma_other_signals: JSON.stringify(others) };
  }
  return rows;
}

const HMA_KEYS = new Set([
  "hma_content_id",
  "hma_bank",
  "hma_bank_enabled_ratio",
  "hma_disable_until_ts",
  "hma_original_media_uri",
  "hma_note",
  "hma_metadata",
  "hma_other_signals",
]);

function parsedObject(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Entries that came from one HMA content, in a row, share its id; every other entry is a content of its own. */
export function sameHmaContent(a: BankEntry, b: BankEntry): boolean {
  return Boolean(a.metadata.hma_content_id) && a.metadata.hma_content_id === b.metadata.hma_content_id;
}

/** One content, as HMA's GET answers it with include_signals=true (keys in Flask's sorted order). */
export function hmaContentOf(entries: BankEntry[], bank: { name: string; enabled: boolean }): Json {
  const first = entries[0];
  const meta = first.metadata;
  const fromHma = Boolean(meta.hma_content_id);
  const signals: Record<string, string> = {};
  for (const e of entries) signals[PYTX_SIGNAL_NAMES[e.signalType]] = pytxSignalString(e);
  Object.assign(signals, parsedObject(meta.hma_other_signals) ?? {});
  const storedTs = Number(meta.hma_disable_until_ts ?? "1");
  const disableUntil = first.ignored ? (storedTs === 1 ? 0 : storedTs) : storedTs === 0 ? 1 : storedTs;
  const content: Json = {
    bank: {
      matching_enabled_ratio: meta.hma_bank_enabled_ratio
        ? Number(meta.hma_bank_enabled_ratio)
        : bank.enabled
          ? 1
          : 0,
      name: meta.hma_bank ?? bank.name,
    },
    disable_until_ts: disableUntil,
    id: fromHma ? Number(meta.hma_content_id) : first.id,
  };
  const own = Object.fromEntries(Object.entries(meta).filter(([k]) => !HMA_KEYS.has(k)));
  const metadata = fromHma
    ? parsedObject(meta.hma_metadata)
    : {
        json: {
          vigil: {
            provenance: first.provenance,
            source: first.source,
            added_by: first.addedBy,
            ...(first.quality === null ? {} : { quality: first.quality }),
            ...(first.confidence === null ? {} : { confidence: first.confidence }),
            metadata: own,
          },
        },
      };
  if (metadata) content.metadata = metadata;
  if (meta.hma_note !== undefined) content.note = meta.hma_note;
  content.original_media_uri = meta.hma_original_media_uri ?? null;
  content.signals = signals;
  return content;
}
