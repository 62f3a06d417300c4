/**
 * What every bank-file reader yields per row, and the one place a signal type
 * name and a signal string become an entry: the type named (pytx and HMA names
 * included), the value checked, a vPDQ JSON list turned into frames, a type of
 * python-threatexchange's that Vigil does not match reported as skipped by its
 * name, and a name nobody uses rejected.
 */
import type { NewBankEntry } from "../../store/repositories/bank-repository.js";
import type { Provenance, SignalType } from "../../store/schema.js";
import { vpdqFromPytxJson } from "./pytx-vpdq.js";
import {
  normaliseHashValue,
  PYTX_SIGNAL_NAMES,
  signalTypeFromName,
  UNMATCHED_PYTX_SIGNALS,
} from "./signal-values.js";

export type BankFileFormat = "lines" | "csv" | "vpdq" | "pytx" | "hma";

export type ParsedRow =
  | { line: number; entry: NewBankEntry }
  | { line: number; error: string }
  /** A signal of a type Vigil does not match (url, raw_text, ...): counted under its name. */
  | { line: number; skipped: string };

export interface ParseOptions {
  format: BankFileFormat;
  /**
   * For plain lines: which type a 64-hex value is (pdq or sha256; 32-hex is
   * always md5). For pytx lines without a type: the type of every line, as
   * local_file's `signal_type` setting.
   */
  signalType?: SignalType;
  provenance: Provenance;
  source: string;
  addedBy: string;
}

export type SignalFields = Pick<NewBankEntry, "signalType" | "value" | "payload"> & {
  /** Frames of a vPDQ entry, for its metadata. */
  frames?: number;
};

/** The entry fields for a named signal, a skip (type Vigil does not match) or an error. */
export function signalFromName(
  typeName: string,
  signal: string,
): SignalFields | { skipped: string } | { error: string } {
  const type = signalTypeFromName(typeName);
  if (!type) {
    const name = typeName.trim().toLowerCase();
    if (UNMATCHED_PYTX_SIGNALS.has(name)) return { skipped: name };
    return {
      error: `unknown signal_type ${JSON.stringify(typeName.slice(0, 80))} (Vigil reads ${Object.values(PYTX_SIGNAL_NAMES).join(", ")}; it counts ${[...UNMATCHED_PYTX_SIGNALS].join(", ")} as skipped)`,
    };
  }
  if (type === "vpdq") {
    const video = vpdqFromPytxJson(signal.trim());
    if ("error" in video) return video;
    return { signalType: "vpdq", value: video.value, payload: video.payload, frames: video.frames };
  }
  const value = normaliseHashValue(type, signal);
  return typeof value === "string" ? { signalType: type, value } : value;
}

/** An entry for a named signal: the file's defaults, then what the row says (`fields`); a video's frame count kept. */
export function signalEntry(
  signal: SignalFields,
  options: Pick<ParseOptions, "provenance" | "source" | "addedBy">,
  fields: Omit<Partial<NewBankEntry>, "signalType" | "value" | "payload">,
): NewBankEntry {
  const metadata = { ...(fields.metadata ?? {}) };
  if (signal.frames !== undefined && !metadata.frames) metadata.frames = String(signal.frames);
  return {
    signalType: signal.signalType,
    value: signal.value,
    payload: signal.payload ?? null,
    provenance: options.provenance,
    source: options.source,
    addedBy: options.addedBy,
    ...fields,
    metadata,
  };
}
