/**
 * What the CyberTipline preview tells the reviewer (issue 16, point 9), said
 * truthfully: which files matched which bank entries (whether ticked or not,
 * so an unticked file is never called "did not match"), what would be sent
 * when nothing is ticked, and every piece of personal data the report will
 * carry (phone numbers, names, ids, e-mails), so it is seen before submission.
 */
import type { CaseFile, FileMatch } from "./case-files.js";
import type { CyberTipReport, Person } from "./model.js";

export interface PersonalDatum {
  kind: "phone" | "name" | "screen_name" | "email" | "account_id";
  value: string;
  about: string;
}

export function matchViews(matches: readonly FileMatch[]) {
  return matches.map((m) => ({
    bank: m.bank,
    signal_type: m.signalType,
    distance: m.distance,
    provenance: m.provenance,
  }));
}

function describeMatches(file: CaseFile): string {
  const confirmed = file.matches.filter((m) => m.provenance === "confirmed");
  if (confirmed.length === 0) {
    return file.matches.length > 0
      ? `matched only unconfirmed entries (${file.matches.map((m) => `${m.bank}, ${m.signalType} distance ${m.distance}`).join("; ")}): a child-safety reviewer must decide`
      : "matched no bank entry: a child-safety reviewer must decide";
  }
  return `matched confirmed entries: ${confirmed.map((m) => `${m.bank} (${m.signalType}, distance ${m.distance})`).join("; ")}`;
}

export function previewSummary(all: readonly CaseFile[], selected: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  if (selected.size === 0) {
    lines.push(
      all.length === 0
        ? "No file: the report would carry the case's text only (a child-safety reviewer must decide)."
        : `No file is selected: the report would carry no file, only the case's text. The case has ${all.length} file(s) that could be sent; tick them to include them.`,
    );
  }
  for (const f of all) {
    const verb = selected.has(f.mediaId) ? "Will be sent" : "Not selected";
    lines.push(`${verb}: ${f.mediaId} (${f.location}) ${describeMatches(f)}.`);
  }
  return lines;
}

function personData(p: Person | undefined, about: string, out: PersonalDatum[]): void {
  if (!p) return;
  const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
  if (name) out.push({ kind: "name", value: name, about });
  for (const phone of p.phones ?? [])
    out.push({ kind: "phone", value: `${phone.countryCallingCode ?? ""}${phone.number}`, about });
  for (const email of p.emails ?? []) out.push({ kind: "email", value: email, about });
}

export function personalData(report: CyberTipReport): PersonalDatum[] {
  const out: PersonalDatum[] = [];
  for (const u of report.personOrUserReported ?? []) {
    const about = u.espIdentifier ? `reported account ${u.espIdentifier}` : "reported user";
    if (u.espIdentifier) out.push({ kind: "account_id", value: u.espIdentifier, about });
    personData(u.person, about, out);
    for (const n of u.displayNames ?? []) out.push({ kind: "name", value: n, about });
    if (u.screenName) out.push({ kind: "screen_name", value: u.screenName, about });
  }
  for (const v of report.victims ?? []) {
    personData(v.person, "victim", out);
    if (v.espIdentifier) out.push({ kind: "account_id", value: v.espIdentifier, about: "victim" });
    if (v.screenName) out.push({ kind: "screen_name", value: v.screenName, about: "victim" });
  }
  personData(report.reporter.reportingPerson, "reporter (your organisation)", out);
  return out;
}
