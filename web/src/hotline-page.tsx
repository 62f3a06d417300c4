/**
 * Hotline intake in the caller's words (issue 16 point 5): the analyst pastes what the caller
 * says (links and phone numbers in any form), adds screenshots, notes and the caller's contact
 * (sealed on the server, read only through an audited route), checks what Vigil understood
 * (platforms, groups, accounts, and which reports will be filed), files, reads the reference
 * number back to the caller, and gets an empty form for the next call (file input included).
 */
import type { JSX } from "react";
import { useRef, useState } from "react";
import { REPORT_REASONS } from "../../src/domain/report-reasons.js";
import { Failure } from "./failure.js";
import { HotlineFiled, HotlineUnderstood } from "./hotline-result.js";
import { reviewApi } from "./review-api.js";
import { t } from "./strings.js";
import { hotlineText as h } from "./strings-work.js";
import { type HotlineFiledView, type HotlineInput, type HotlinePreviewView, workApi } from "./work-api.js";

const BLANK = {
  said: "",
  reason: "child_safety",
  platform: "",
  country: "",
  notes: "",
  callerName: "",
  callerContact: "",
};

export function HotlinePage({ onBack }: { onBack(): void }): JSX.Element {
  const [fields, setFields] = useState(BLANK);
  const [files, setFiles] = useState<File[]>([]);
  const [understood, setUnderstood] = useState<HotlinePreviewView | null>(null);
  const [filed, setFiled] = useState<HotlineFiledView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const set = (name: keyof typeof BLANK) => (e: { target: { value: string } }) => {
    setFields((f) => ({ ...f, [name]: e.target.value }));
    setUnderstood(null);
  };

  const input = (screenshots: string[] = []): HotlineInput => {
    const caller = {
      ...(fields.callerName.trim() ? { name: fields.callerName.trim() } : {}),
      ...(fields.callerContact.trim() ? { contact: fields.callerContact.trim() } : {}),
    };
    return {
      text: fields.said,
      reason: fields.reason,
      notes: fields.notes,
      screenshots,
      ...(fields.platform ? { platform: fields.platform } : {}),
      ...(fields.country.trim() ? { country: fields.country.trim().toUpperCase() } : {}),
      ...(Object.keys(caller).length > 0 ? { caller } : {}),
    };
  };
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setProblem(null);
    if (fields.said.trim() === "" && files.length === 0) return setProblem(h.needsSomething);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const check = () =>
    run(async () => {
      setFiled(null);
      setUnderstood(await workApi.hotlinePreview(input()));
    });
  const file = () =>
    run(async () => {
      const screenshots: string[] = [];
      for (const f of files) screenshots.push((await reviewApi.uploadScreenshot(f)).media_id);
      const answer = await workApi.hotlineFile(input(screenshots));
      // The next call starts from nothing: the caller's details and screenshots never carry over.
      setFields(BLANK);
      setFiles([]);
      if (fileInput.current) fileInput.current.value = "";
      setUnderstood(null);
      setFiled(answer);
    });

  return (
    <main className="hotline">
      <header>
        <h1>{h.title}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      {filed && <HotlineFiled filed={filed} />}
      <p className="muted">{h.intro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void file();
        }}
      >
        <label>
          {h.said}
          <textarea name="said" rows={6} value={fields.said} onChange={set("said")} />
        </label>
        <label>
          {h.reason}
          <select name="reason" value={fields.reason} onChange={set("reason")}>
            {REPORT_REASONS.map((r) => (
              <option key={r} value={r}>
                {h.reasons[r] ?? r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {h.platform}
          <select name="platform" value={fields.platform} onChange={set("platform")}>
            <option value="">{h.anyPlatform}</option>
            {["whatsapp", "telegram", "signal", "discord", "matrix"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          {h.country}
          <input name="country" value={fields.country} maxLength={2} onChange={set("country")} />
        </label>
        <label>
          {h.screenshots}
          <input
            ref={fileInput}
            name="screenshots"
            type="file"
            accept="image/*,video/*"
            multiple
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        <label>
          {h.notes}
          <textarea name="notes" rows={4} value={fields.notes} onChange={set("notes")} />
        </label>
        <label>
          {h.callerName}
          <input
            name="caller_name"
            autoComplete="off"
            value={fields.callerName}
            onChange={set("callerName")}
          />
        </label>
        <label>
          {h.callerContact}
          <input
            name="caller_contact"
            autoComplete="off"
            value={fields.callerContact}
            onChange={set("callerContact")}
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <Failure error={error} />
        <p>
          <button type="button" disabled={busy} onClick={() => void check()}>
            {h.check}
          </button>{" "}
          <button type="submit" disabled={busy}>
            {busy ? h.filing : h.file}
          </button>
        </p>
      </form>
      {understood && <HotlineUnderstood preview={understood} />}
    </main>
  );
}
