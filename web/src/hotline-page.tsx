/**
 * The hotline intake form (issue 6, point 7): an analyst records what a
 * caller reports. Screenshots are uploaded first (hashed and sealed in the
 * vault like any media, never shown here), then the report is filed with
 * source `hotline` into the same pipeline as platform reports.
 */
import type { JSX } from "react";
import { useState } from "react";
import { failureMessage } from "./failure.js";
import { reviewApi } from "./review-api.js";
import { t, t2 } from "./strings.js";

const SUBJECT_TYPES = ["group", "account", "invite_link", "media"] as const;
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

export function HotlinePage({ onBack }: { onBack(): void }): JSX.Element {
  const [fields, setFields] = useState({
    platform: "demo",
    subjectType: "group",
    subjectId: "",
    reason: "",
    callerName: "",
    callerContact: "",
    links: "",
    phones: "",
    notes: "",
  });
  const [files, setFiles] = useState<File[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));

  const submit = async () => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      const screenshots = [];
      for (const file of files) screenshots.push((await reviewApi.uploadScreenshot(file)).media_id);
      const caller = {
        ...(fields.callerName ? { name: fields.callerName } : {}),
        ...(fields.callerContact ? { contact: fields.callerContact } : {}),
      };
      const filed = await reviewApi.hotlineReport({
        platform: fields.platform,
        subject: { type: fields.subjectType, id: fields.subjectId },
        reason: fields.reason,
        ...(Object.keys(caller).length > 0 ? { caller } : {}),
        links: lines(fields.links),
        phone_numbers: lines(fields.phones),
        notes: fields.notes,
        screenshots,
      });
      setMessage(t2.reportFiled(filed.id));
      setFields((f) => ({ ...f, subjectId: "", reason: "", links: "", phones: "", notes: "" }));
      setFiles([]);
    } catch (e) {
      setError(failureMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="hotline">
      <header>
        <h1>{t2.hotline}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t2.platform} <input name="platform" required value={fields.platform} onChange={set("platform")} />
        </label>
        <label>
          {t2.subjectType}{" "}
          <select name="subject_type" value={fields.subjectType} onChange={set("subjectType")}>
            {SUBJECT_TYPES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {t2.subjectId}{" "}
          <input name="subject_id" required value={fields.subjectId} onChange={set("subjectId")} />
        </label>
        <label>
          {t.reason} <input name="reason" required value={fields.reason} onChange={set("reason")} />
        </label>
        <label>
          {t2.callerName} <input name="caller_name" value={fields.callerName} onChange={set("callerName")} />
        </label>
        <label>
          {t2.callerContact}{" "}
          <input name="caller_contact" value={fields.callerContact} onChange={set("callerContact")} />
        </label>
        <label>
          {t2.links} <textarea name="links" rows={3} value={fields.links} onChange={set("links")} />
        </label>
        <label>
          {t2.phoneNumbers} <textarea name="phones" rows={2} value={fields.phones} onChange={set("phones")} />
        </label>
        <label>
          {t2.notes} <textarea name="notes" rows={5} value={fields.notes} onChange={set("notes")} />
        </label>
        <label>
          {t2.screenshots}{" "}
          <input
            name="screenshots"
            type="file"
            accept="image/*,video/*"
            multiple
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        {error && <p className="error">{error}</p>}
        {message && (
          <p className="notice" role="status">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t.loading : t2.submitReport}
        </button>
      </form>
    </main>
  );
}
