/** Hash banks and their entries. */
export const sql = `
CREATE TABLE banks (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bank_entries (
  id bigserial PRIMARY KEY,
  bank_id integer NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  signal_type text NOT NULL CHECK (signal_type IN ('pdq', 'vpdq', 'md5', 'sha256')),
  value text NOT NULL,
  payload text,
  quality integer,
  source text NOT NULL DEFAULT '',
  provenance text NOT NULL DEFAULT 'unconfirmed' CHECK (provenance IN ('confirmed', 'unconfirmed')),
  confidence real,
  added_by text NOT NULL DEFAULT '',
  ignored boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX bank_entries_bank_signal_value ON bank_entries (bank_id, signal_type, value);
CREATE INDEX bank_entries_signal_value ON bank_entries (signal_type, value);
`;
