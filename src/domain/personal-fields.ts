/**
 * Which fields of an event are personal data, sealed wherever they are stored
 * (issue 17, finding 6): an account's phone number, a report's reporter (a
 * hotline caller's name and contact among them) and a report's free text
 * (where hotline analysts write the numbers callers give). Sealing moves each
 * to a `*_sealed` field holding the field cipher's output, so a reader that
 * does not open it finds the field absent, never ciphertext where text was
 * expected; opening puts it back. Pure: the cipher is passed in.
 */

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The payload with personal fields sealed; values already sealed are left as they are. */
export function sealEventPayload(payload: Json, seal: (plaintext: string) => string): Json {
  const out: Json = { ...payload };
  if (isRecord(out.account) && typeof out.account.phone === "string") {
    const { phone, ...account } = out.account;
    out.account = { ...account, phone_sealed: seal(phone) };
  }
  if (isRecord(out.report)) {
    const { reporter, text, ...report } = out.report;
    out.report = {
      ...report,
      ...(reporter !== undefined ? { reporter_sealed: seal(JSON.stringify(reporter)) } : {}),
      ...(typeof text === "string" ? { text_sealed: seal(text) } : {}),
    };
  }
  return out;
}

/** The payload as the platform sent it, for deciding; a field no key opens stays absent. */
export function openEventPayload(payload: Json, open: (sealed: string) => string | null): Json {
  const out: Json = { ...payload };
  if (isRecord(out.account) && typeof out.account.phone_sealed === "string") {
    const { phone_sealed, ...account } = out.account;
    const phone = open(phone_sealed);
    out.account = phone === null ? account : { ...account, phone };
  }
  if (isRecord(out.report)) {
    const { reporter_sealed, text_sealed, ...report } = out.report;
    const reporter = typeof reporter_sealed === "string" ? openRecord(reporter_sealed, open) : undefined;
    const text = typeof text_sealed === "string" ? open(text_sealed) : null;
    out.report = {
      ...report,
      ...(reporter ? { reporter } : {}),
      ...(text !== null ? { text } : {}),
    };
  }
  return out;
}

/** A sealed JSON object (a reporter), or null. */
export function openRecord(sealed: string, open: (sealed: string) => string | null): Json | null {
  const text = open(sealed);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A report row's reporter column as stored: `{"sealed": "<cipher text>"}` (older rows: the object itself). */
export function sealedReporterColumn(sealed: string | undefined): Json | null {
  return sealed === undefined ? null : { sealed };
}

/** The reporter of a stored report row, opened (older rows were stored open). */
export function openReporterColumn(
  column: Json | null,
  open: (sealed: string) => string | null,
): Json | null {
  if (!column) return null;
  return typeof column.sealed === "string" ? openRecord(column.sealed, open) : column;
}

/** The text of a stored report row, opened (older rows were stored open: not `v1.`/`v2.` sealed values). */
export function openTextColumn(text: string | null, open: (sealed: string) => string | null): string | null {
  if (text === null || !/^v[12]\.[A-Za-z0-9_.-]+$/.test(text)) return text;
  return open(text) ?? text;
}

/**
 * The payload with every personal field sealed under the current key (legacy
 * open fields sealed, fields under an old key sealed again); null when there
 * is nothing to change. For `vigil keys rekey`.
 */
export function resealEventPayload(
  payload: Json,
  cipher: {
    open(sealed: string): string | null;
    seal(plaintext: string): string;
    isCurrent(sealed: string): boolean;
  },
): Json | null {
  const account = isRecord(payload.account) ? payload.account : {};
  const report = isRecord(payload.report) ? payload.report : {};
  const sealedValues = [account.phone_sealed, report.reporter_sealed, report.text_sealed].filter(
    (v): v is string => typeof v === "string",
  );
  const open =
    typeof account.phone === "string" || report.reporter !== undefined || typeof report.text === "string";
  if (!open && sealedValues.every((v) => cipher.isCurrent(v))) return null;
  return sealEventPayload(openEventPayload(payload, cipher.open), cipher.seal);
}

/** Personal data at rest: phone numbers' keyed hashes for search, and sealing other fields (issue 16). */
export interface PersonalDataKeys {
  phoneKey(e164: string): string;
  sealField(plaintext: string): string;
  openField(sealed: string): string | null;
}
