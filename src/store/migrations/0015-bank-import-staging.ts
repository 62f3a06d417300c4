/**
 * Issue 17, finding 5: a bank import is all-or-nothing. Rows are staged under
 * an import id (invisible to matching, stats and export), then moved into the
 * bank in one transaction; an import killed while staging leaves only staged
 * rows, which a later import or start sweeps away.
 */
export const sql = `
CREATE TABLE bank_imports (
  id bigserial PRIMARY KEY,
  bank_name text NOT NULL,
  actor text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'staging' CHECK (state IN ('staging', 'committed', 'abandoned')),
  staged integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  touched_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX bank_imports_staging ON bank_imports (touched_at) WHERE state = 'staging';

CREATE TABLE bank_entry_staging (
  id bigserial PRIMARY KEY,
  import_id bigint NOT NULL,
  signal_type text NOT NULL,
  value text NOT NULL,
  payload text,
  quality integer,
  source text NOT NULL DEFAULT '',
  provenance text NOT NULL DEFAULT 'unconfirmed',
  confidence real,
  added_by text NOT NULL DEFAULT '',
  ignored boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX bank_entry_staging_import ON bank_entry_staging (import_id, id);
`;
