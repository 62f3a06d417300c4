/**
 * "Report to NCMEC" on the case page: the reviewer picks the incident type,
 * the files with their industry classification and annotations, follow-up
 * ids and free text, previews the XML, and submits. The choices come from the
 * server (the XSD's lists); the server decides who may submit what, this
 * panel only says so. Attempts and filed report ids are shown below.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useState } from "react";
import { failureMessage } from "./failure.js";
import {
  type CyberTipCaseView,
  type CyberTipInputs,
  type CyberTipPreviewView,
  ncmecApi,
} from "./ncmec-api.js";
import { FileMatches, PreviewFacts } from "./ncmec-preview.js";
import { ncmecText as t } from "./strings-evidence.js";

interface FileChoice {
  include: boolean;
  classification: string;
  annotations: string[];
}

const toggled = (list: string[], v: string) =>
  list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

export function NcmecPanel({ caseId }: { caseId: number }): JSX.Element | null {
  const [status, setStatus] = useState<CyberTipCaseView | null>(null);
  const [incidentType, setIncidentType] = useState("");
  const [reportAnnotations, setReportAnnotations] = useState<string[]>([]);
  const [files, setFiles] = useState<Record<string, FileChoice>>({});
  const [followUp, setFollowUp] = useState("");
  const [info, setInfo] = useState("");
  const [previewed, setPreviewed] = useState<CyberTipPreviewView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    ncmecApi.status(caseId).then(
      (s) => {
        setStatus(s);
      },
      () => setStatus(null),
    );
  }, [caseId]);
  useEffect(load, [load]);

  if (!status) return null;
  const inputs = (): CyberTipInputs => ({
    incident_type: incidentType,
    report_annotations: reportAnnotations,
    files: Object.entries(files)
      .filter(([, f]) => f.include)
      .map(([media_id, f]) => ({
        media_id,
        classification: f.classification || undefined,
        annotations: f.annotations,
      })),
    follow_up_of: followUp.trim() ? followUp.split(/[\s,]+/).filter(Boolean) : undefined,
    additional_info: info.trim() || undefined,
  });
  const failed = (e: unknown) => setMessage(failureMessage(e));
  const preview = () => {
    if (incidentType === "") return setMessage(t.incidentRequired);
    return ncmecApi.preview(caseId, inputs()).then((p) => {
      setPreviewed(p);
      setMessage(p.needs_child_safety_decision ? t.needsChildSafety : null);
    }, failed);
  };
  const submit = () => {
    if (incidentType === "") return setMessage(t.incidentRequired);
    return ncmecApi.submit(caseId, inputs()).then(() => {
      setMessage(t.submitted);
      load();
    }, failed);
  };
  const choice = (id: string): FileChoice =>
    files[id] ?? { include: false, classification: "", annotations: [] };
  const setChoice = (id: string, change: Partial<FileChoice>) =>
    setFiles((all) => ({ ...all, [id]: { ...choice(id), ...change } }));

  return (
    <section className="ncmec">
      <h2>{t.title}</h2>
      {status.ncmec_report_ids.length > 0 && <p className="notice">{t.filed(status.ncmec_report_ids)}</p>}
      <label>
        {t.incidentType}{" "}
        <select name="incident_type" value={incidentType} onChange={(e) => setIncidentType(e.target.value)}>
          <option value="">{t.chooseIncident}</option>
          {status.options.incident_types.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t.reportAnnotations}</legend>
        {status.options.report_annotations.map((a) => (
          <label key={a}>
            <input
              type="checkbox"
              checked={reportAnnotations.includes(a)}
              onChange={() => setReportAnnotations((l) => toggled(l, a))}
            />{" "}
            {a}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.files}</legend>
        {status.files.map((f) => (
          <div key={f.media_id} className="ncmec-file">
            <label>
              <input
                type="checkbox"
                disabled={!f.stored}
                checked={choice(f.media_id).include}
                onChange={(e) => setChoice(f.media_id, { include: e.target.checked })}
              />{" "}
              {f.location}{" "}
              <span className="muted">
                ({f.stored ? (f.confirmed_match ? t.confirmed : t.unconfirmed) : t.hashesOnly}
                {f.viewed_by_esp ? `, ${t.viewed}` : ""})
              </span>
            </label>
            <FileMatches matches={f.matches} />
            {choice(f.media_id).include && (
              <div>
                <select
                  aria-label={t.classification}
                  value={choice(f.media_id).classification}
                  onChange={(e) => setChoice(f.media_id, { classification: e.target.value })}
                >
                  <option value="">{t.unclassified}</option>
                  {status.options.classifications.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>{" "}
                {status.options.file_annotations.map((a) => (
                  <label key={a}>
                    <input
                      type="checkbox"
                      checked={choice(f.media_id).annotations.includes(a)}
                      onChange={() =>
                        setChoice(f.media_id, { annotations: toggled(choice(f.media_id).annotations, a) })
                      }
                    />{" "}
                    {a}
                  </label>
                ))}
              </div>
            )}
          </div>
        ))}
      </fieldset>
      <label>
        {t.followUpOf} <input value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
      </label>
      <label>
        {t.additionalInfo} <textarea value={info} onChange={(e) => setInfo(e.target.value)} />
      </label>
      <p>
        <button type="button" onClick={() => void preview()}>
          {t.preview}
        </button>{" "}
        <button type="button" onClick={() => void submit()}>
          {t.submit}
        </button>
      </p>
      {message && <p className="notice">{message}</p>}
      {previewed && <PreviewFacts preview={previewed} />}
      <h3>{t.attempts}</h3>
      {status.attempts.length === 0 && <p className="muted">{t.noAttempts}</p>}
      <ul>
        {status.attempts.map((a) => (
          <li key={a.id}>
            {a.kind} #{a.attempt}: {a.state}
            {a.ncmec_report_id ? ` (${a.ncmec_report_id})` : ""}
            {a.error ? <span className="muted"> — {a.error}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
