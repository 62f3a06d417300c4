/**
 * CyberTipline reports (issue 8): one row per submission attempt, which is
 * also the outbox of the submission job. The database enforces the rules a
 * retry must not break: one attempt in progress per case and kind, and
 * exactly one finished report per case and kind.
 */
export const sql = `
CREATE TABLE cybertip_reports (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('initial', 'follow_up')),
  attempt integer NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'opened', 'files_uploaded', 'fileinfo_sent', 'finished', 'retracted', 'failed')),
  requested_by text NOT NULL,
  inputs jsonb NOT NULL,
  ncmec_report_id text,
  xml_sha256 text,
  file_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  error text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX cybertip_reports_attempt ON cybertip_reports (case_id, kind, attempt);
CREATE UNIQUE INDEX cybertip_reports_one_finished ON cybertip_reports (case_id, kind) WHERE state = 'finished';
CREATE UNIQUE INDEX cybertip_reports_one_active ON cybertip_reports (case_id, kind)
  WHERE state IN ('pending', 'opened', 'files_uploaded', 'fileinfo_sent');
CREATE INDEX cybertip_reports_ncmec_id ON cybertip_reports (ncmec_report_id);
CREATE INDEX cybertip_reports_due ON cybertip_reports (lease_until)
  WHERE state IN ('pending', 'opened', 'files_uploaded', 'fileinfo_sent');
-- A report names the IP capture events the platform sent with a reported account's events.
CREATE INDEX IF NOT EXISTS events_subject_seq ON events (subject_type, subject_id, seq);
`;
