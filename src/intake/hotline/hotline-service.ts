/**
 * Hotline intake in the caller's words (issue 16, point 5). `preview` says
 * what Vigil understood (links to platform, code and known group; numbers to
 * known accounts) and writes nothing. `file` files one `report.created` per
 * subject found (a known link's group, an unknown link itself as an
 * invite_link subject, each account with a given number; or, when nothing is
 * identified, one report about the call itself), through the same intake as
 * POST /v1/reports, under a reference read back to the caller. The caller's
 * name and contact are sealed with the data key and kept out of the reports.
 */
import type {
  HotlineCallView,
  HotlineFiledView,
  HotlineIntakeBody,
  HotlinePreviewView,
  HotlineSubjectView,
} from "../../api/hotline-views.js";
import type { PersonalDataKeys } from "../../domain/personal-fields.js";
import { routeReport } from "../../domain/report-reasons.js";
import type { HotlineRepository } from "../../store/repositories/hotline-repository.js";
import { type CallerWords, understandCallerWords } from "./understand.js";

export interface HotlineDeps {
  hotline: HotlineRepository;
  personal: PersonalDataKeys;
  country: string;
  /** Files the reports through intake (acceptEvents), as POST /v1/reports does. */
  fileReports(reports: HotlineReportDraft[]): Promise<void>;
  /** The case each filed report is in, once decided (null while pending). */
  casesOf(
    reports: { reportPublicId: string; platform: string; subjectType: string; subjectId: string }[],
  ): Promise<Map<string, { id: number; queue: string } | null>>;
  mediaExists(ids: string[]): Promise<Set<string>>;
  audit(entry: {
    actor: string;
    action: string;
    targetType: string;
    targetId: string;
    detail: Record<string, unknown>;
  }): Promise<void>;
}

export interface HotlineReportDraft {
  eventId: string;
  platform: string;
  subject: { type: "group" | "account" | "invite_link"; id: string };
  reason: string;
  text: string;
  reporter: Record<string, unknown>;
  attachments: string[];
  language?: string;
}

const key = (s: { platform: string; type: string; id: string }) => `${s.platform}\n${s.type}\n${s.id}`;
const UNIDENTIFIED = "unidentified";

export class HotlineService {
  constructor(private readonly deps: HotlineDeps) {}

  async preview(body: HotlineIntakeBody): Promise<HotlinePreviewView> {
    const country = (body.country ?? this.deps.country).toUpperCase();
    const words: CallerWords = { text: body.text, links: body.links, phoneNumbers: body.phone_numbers };
    const understood = understandCallerWords(words, country);
    const inviteLinks = understood.links.flatMap((l) => (l.link ? [l.link] : []));
    const known = await this.deps.hotline.knownLinks(inviteLinks);
    const phoneKeys = new Map(
      understood.phones.flatMap((p) =>
        p.e164 ? [[p.e164, this.deps.personal.phoneKey(p.e164)] as const] : [],
      ),
    );
    const accounts = await this.deps.hotline.accountsByPhoneKeys([...phoneKeys.values()]);
    const problems: HotlinePreviewView["problems"] = [];
    const links = understood.links.map(({ input, link }) => {
      if (!link) {
        problems.push({
          code: "unrecognised_link",
          input,
          message: "not an invite link Vigil recognises; kept in the report's text",
        });
        return {
          input,
          platform: null,
          code: null,
          canonical_url: null,
          known: false,
          group: null,
          link_status: null,
        };
      }
      const k = known.find((x) => x.platform === link.platform && x.code === link.code);
      return {
        input,
        platform: link.platform,
        code: link.code,
        canonical_url: link.url,
        known: Boolean(k),
        group: k?.group ?? null,
        link_status: k?.status ?? null,
      };
    });
    const phone_numbers = understood.phones.map(({ input, e164 }) => {
      if (!e164)
        problems.push({
          code: "invalid_phone_number",
          input,
          message: `not a phone number (country ${country}); kept in the report's text`,
        });
      return {
        input,
        e164,
        valid: e164 !== null,
        accounts: e164 ? (accounts.get(phoneKeys.get(e164) ?? "") ?? []) : [],
      };
    });
    const subjects: Omit<HotlineSubjectView, "open_case_ids">[] = [];
    const add = (s: Omit<HotlineSubjectView, "open_case_ids">) => {
      if (!subjects.some((x) => key(x.subject) === key(s.subject))) subjects.push(s);
    };
    for (const l of links) {
      if (!l.platform || !l.code) continue;
      if (l.group)
        add({ subject: { ...l.group, type: "group" }, label: l.group.name, because: "link", known: true });
      else
        add({
          subject: { platform: l.platform, type: "invite_link", id: l.code },
          label: l.canonical_url,
          because: "unknown_link",
          known: l.known,
        });
    }
    for (const p of phone_numbers) {
      for (const a of p.accounts)
        add({
          subject: { platform: a.platform, type: "account", id: a.id },
          label: a.name,
          because: "phone",
          known: true,
        });
    }
    if (subjects.length === 0) {
      problems.push({
        code: "nothing_identified",
        input: "",
        message: "no known group, account or invite link: one report about the call itself will be filed",
      });
      add({
        subject: { platform: body.platform ?? "unknown", type: "account", id: UNIDENTIFIED },
        label: null,
        because: "unidentified",
        known: false,
      });
    }
    const stored = await this.deps.mediaExists(body.screenshots);
    for (const id of body.screenshots.filter((m) => !stored.has(m))) {
      problems.push({
        code: "unknown_screenshot",
        input: id,
        message: "upload screenshots first (POST /v1/console/media)",
      });
    }
    const open = await this.deps.hotline.openCases(subjects.map((s) => key(s.subject)));
    return {
      links,
      phone_numbers,
      subjects: subjects.map((s) => ({
        ...s,
        open_case_ids: (open.get(key(s.subject)) ?? []).map((c) => c.id),
      })),
      problems,
      country,
      queue: routeReport({ reason: body.reason, source: "hotline" }).queue,
    };
  }

  async file(body: HotlineIntakeBody, actor: string): Promise<HotlineFiledView> {
    const preview = await this.preview(body);
    const unknownShots = preview.problems.filter((p) => p.code === "unknown_screenshot");
    if (unknownShots.length > 0)
      throw new HotlineError(
        `screenshots must be uploaded first: ${unknownShots.map((p) => p.input).join(", ")}`,
      );
    const reference = await this.deps.hotline.nextReference("HL", new Date().getUTCFullYear());
    const text = reportText(body, preview);
    const drafts: HotlineReportDraft[] = preview.subjects.map((s, i) => ({
      eventId: `hotline-${reference}-${i + 1}`,
      platform: s.subject.platform,
      subject: {
        type: s.subject.type as HotlineReportDraft["subject"]["type"],
        id: s.because === "unidentified" ? `${UNIDENTIFIED}:${reference}` : s.subject.id,
      },
      reason: body.reason,
      text,
      reporter: { kind: "hotline_caller", reference, recorded_by: actor },
      attachments: body.screenshots,
      language: body.language,
    }));
    const caller = body.caller && (body.caller.name || body.caller.contact) ? body.caller : null;
    const reports = drafts.map((d) => ({
      reportPublicId: `${d.platform}/${d.eventId}`,
      platform: d.platform,
      subjectType: d.subject.type,
      subjectId: d.subject.id,
    }));
    const intake = await this.deps.hotline.record(reference, {
      recordedBy: actor,
      reason: body.reason,
      callerSealed: caller ? this.deps.personal.sealField(JSON.stringify(caller)) : null,
      keys: [
        ...preview.phone_numbers.flatMap((p) =>
          p.e164 ? [{ kind: "phone" as const, key: this.deps.personal.phoneKey(p.e164) }] : [],
        ),
        ...preview.links.flatMap((l) =>
          l.platform && l.code ? [{ kind: "invite_link" as const, key: `${l.platform}:${l.code}` }] : [],
        ),
      ],
      reports,
    });
    await this.deps.fileReports(drafts);
    await this.deps.audit({
      actor,
      action: "report.hotline",
      targetType: "hotline_call",
      targetId: reference,
      detail: {
        reports: reports.length,
        links: preview.links.length,
        phone_numbers: preview.phone_numbers.length,
        screenshots: body.screenshots.length,
        caller: caller !== null,
      },
    });
    return {
      ...(await this.status(reference)),
      preview,
      created_at: intake.createdAt.toISOString(),
    } as HotlineFiledView;
  }

  async status(reference: string): Promise<HotlineCallView> {
    const found = await this.deps.hotline.byReference(reference);
    if (!found) throw new HotlineNotFound(`no hotline call ${reference}`);
    const cases = await this.deps.casesOf(found.reports);
    return {
      reference: found.intake.reference,
      created_at: found.intake.createdAt.toISOString(),
      recorded_by: found.intake.recordedBy,
      reports: found.reports.map((r) => ({
        report_id: r.reportPublicId,
        subject: {
          platform: r.platform,
          type: r.subjectType as HotlineSubjectView["subject"]["type"],
          id: r.subjectId,
        },
        case_id: cases.get(r.reportPublicId)?.id ?? null,
        queue: cases.get(r.reportPublicId)?.queue ?? null,
      })),
      has_caller_contact: found.intake.callerSealed !== null,
    };
  }

  /** The caller's name and contact, opened for a person (the route audits it). */
  async caller(
    reference: string,
  ): Promise<{ reference: string; name: string | null; contact: string | null }> {
    const found = await this.deps.hotline.byReference(reference);
    if (!found) throw new HotlineNotFound(`no hotline call ${reference}`);
    const opened = found.intake.callerSealed ? this.deps.personal.openField(found.intake.callerSealed) : null;
    const parsed = opened ? (JSON.parse(opened) as { name?: string; contact?: string }) : {};
    return { reference: found.intake.reference, name: parsed.name ?? null, contact: parsed.contact ?? null };
  }
}

export class HotlineError extends Error {}
export class HotlineNotFound extends Error {}

/** The report's text: the caller's words, the analyst's notes, and what Vigil read from them. */
function reportText(body: HotlineIntakeBody, preview: HotlinePreviewView): string {
  const sections = [
    body.text.trim() ? `Caller's words:\n${body.text.trim()}` : "",
    body.notes.trim() ? `Analyst's notes:\n${body.notes.trim()}` : "",
    preview.links.length > 0
      ? `Links:\n${preview.links.map((l) => l.canonical_url ?? l.input).join("\n")}`
      : "",
    preview.phone_numbers.length > 0
      ? `Phone numbers:\n${preview.phone_numbers.map((p) => p.e164 ?? p.input).join("\n")}`
      : "",
  ].filter((s) => s !== "");
  return sections.join("\n\n").slice(0, 20_000);
}
