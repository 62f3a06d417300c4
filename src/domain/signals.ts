/**
 * Signals: scored observations about an event's subject, produced by the
 * signal modules and read by rules. A discriminated union so a rule condition
 * can only ask a signal for fields it has.
 */
import type { MediaField, TextField } from "./events.js";

export type HashSignalType = "pdq" | "md5" | "sha256" | "vpdq";

export interface BankMatchSignal {
  kind: "bank_match";
  /** Which photo or file of the event matched. */
  field: MediaField;
  signalType: HashSignalType;
  bank: string;
  entryId: number;
  /** Hamming distance for PDQ; 0 for exact digests. */
  distance: number;
  /** PDQ quality of the query image when known (precomputed hashes may omit it). */
  quality: number | null;
  provenance: "confirmed" | "unconfirmed";
  /** The entry is on the bank's ignore list: reported, never acted on. */
  ignored: boolean;
  /** vPDQ only: share of the query video's frames found in the banked video, and the reverse. */
  queryMatchPercent?: number;
  comparedMatchPercent?: number;
}

export interface TextSignal {
  kind: "text";
  field: TextField;
  /** Term-list category: "child_safety" or "adult" (src/signals/text). */
  category: string;
  /** 0..1. */
  score: number;
  terms: string[];
  /**
   * Where the terms are in the text as the platform sent it: UTF-16 offsets
   * [start, end) and that slice, so the console can highlight them in the
   * original (the normalised form's positions would not line up). Absent on
   * signals stored before it was added.
   */
  spans?: TextSpan[];
}

export interface TextSpan {
  start: number;
  end: number;
  original: string;
  term: string;
}

export type Signal = BankMatchSignal | TextSignal;
export type SignalKind = Signal["kind"];
