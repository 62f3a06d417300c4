/**
 * Hotline intake in the caller's words (issue 16). One row per call filed,
 * named by a reference read back to the caller (`HL-2026-000123`, numbered per
 * year by a counter row taken with an UPDATE, so two analysts never get the
 * same number). The caller's name and contact are sealed with the data key;
 * the links and phone numbers the caller gave are kept as keys (canonical
 * invite codes; keyed hashes of E.164 numbers), so the call is found by any of
 * them; each report it filed is listed with its subject.
 */
export const sql = `
CREATE TABLE reference_counters (
  series text NOT NULL,
  year integer NOT NULL,
  last bigint NOT NULL,
  PRIMARY KEY (series, year)
);

CREATE TABLE hotline_intakes (
  id bigserial PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  recorded_by text NOT NULL,
  reason text NOT NULL,
  caller_sealed text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hotline_intake_keys (
  intake_id bigint NOT NULL REFERENCES hotline_intakes(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'invite_link')),
  key text NOT NULL,
  PRIMARY KEY (intake_id, kind, key)
);
CREATE INDEX hotline_intake_keys_key ON hotline_intake_keys (kind, key);

CREATE TABLE hotline_intake_reports (
  intake_id bigint NOT NULL REFERENCES hotline_intakes(id),
  report_public_id text NOT NULL,
  platform text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  PRIMARY KEY (intake_id, report_public_id)
);
CREATE INDEX hotline_intake_reports_subject ON hotline_intake_reports (platform, subject_type, subject_id);
CREATE INDEX hotline_intake_reports_report ON hotline_intake_reports (report_public_id);
`;
