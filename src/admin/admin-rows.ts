/**
 * Bank rows carried over the admin channel, one JSON object a line (rows the
 * CLI read elsewhere, e.g. from an HMA instance), read back and checked: a
 * line that is not a row is a rejected row with its line number, never a crash.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { z } from "zod";
import type { ParsedRow } from "../banks/bank-files/parse-bank-file.js";
import { PROVENANCES, SIGNAL_TYPES } from "../store/schema.js";

const Entry = z.strictObject({
  signalType: z.enum(SIGNAL_TYPES),
  value: z.string().max(100_000),
  payload: z.string().max(10_000_000).nullable().optional(),
  quality: z.number().nullable().optional(),
  source: z.string().max(1000).optional(),
  provenance: z.enum(PROVENANCES).optional(),
  confidence: z.number().nullable().optional(),
  addedBy: z.string().max(200).optional(),
  ignored: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});
const Row = z.union([
  z.strictObject({ line: z.int(), entry: Entry }),
  z.strictObject({ line: z.int(), error: z.string().max(2000) }),
  z.strictObject({ line: z.int(), skipped: z.string().max(200) }),
]);

export async function* rowsFromLines(body: Readable): AsyncGenerator<ParsedRow> {
  let cutOff = false;
  body.once("aborted", () => {
    cutOff = true;
  });
  let n = 0;
  for await (const text of createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY })) {
    n++;
    if (text.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { line: n, error: "not a JSON row" };
      continue;
    }
    const row = Row.safeParse(parsed);
    yield row.success ? row.data : { line: n, error: "not a bank row" };
  }
  // readline ends quietly on a cut-off body; half the rows must not be committed.
  if (cutOff) throw new Error("the rows were cut off before the end");
}
