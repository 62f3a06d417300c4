/**
 * Evidence under legal hold (issue 8): holds on a case and the media it
 * referenced when the hold was placed, and sealed snapshots of case records.
 * 18 U.S.C. 2258A(h) (as amended by the REPORT Act, 2024) requires what was
 * reported to NCMEC to be preserved for one year; these rows are what the
 * deletion guard and the retention job consult.
 */
export const sql = `
CREATE TABLE legal_holds (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL,
  reason text NOT NULL,
  report_id text,
  placed_by text NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now(),
  held_until timestamptz NOT NULL,
  released_at timestamptz,
  released_by text,
  release_reason text
);
CREATE INDEX legal_holds_case ON legal_holds (case_id);
-- One automatic hold per filed report: a report announced twice places it once.
CREATE UNIQUE INDEX legal_holds_case_report ON legal_holds (case_id, report_id) WHERE report_id IS NOT NULL;

CREATE TABLE legal_hold_media (
  hold_id bigint NOT NULL REFERENCES legal_holds(id),
  media_id text NOT NULL,
  PRIMARY KEY (hold_id, media_id)
);
CREATE INDEX legal_hold_media_media ON legal_hold_media (media_id);

CREATE TABLE evidence_snapshots (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL,
  hold_id bigint,
  blob_ref text,
  sha256 text NOT NULL,
  size bigint NOT NULL,
  taken_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  purged_at timestamptz
);
CREATE INDEX evidence_snapshots_case ON evidence_snapshots (case_id);
`;
