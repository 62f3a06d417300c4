/**
 * Hash exchange between Vigil instances (issue 19, points 1 and 2).
 *
 * `exchange_log` is what a partner's feed is read from: one row each time a
 * bank entry becomes shareable (confirmed and not a known false positive:
 * 'confirm') or stops being so (deleted, marked ignored, or no longer
 * confirmed: 'withdraw'). Triggers write it in the writing statement's own
 * transaction, whoever writes, and a withdrawal keeps the hash (the entry row
 * is gone), so a feed can carry it as a tombstone. Its seq is the feed cursor.
 * Entries confirmed before this migration are logged once here.
 *
 * `exchange_shares`: which banks each partner (an API key name) receives.
 * `exchange_sources`: partners this instance pulls from, with the checkpoint
 * (the last cursor whose page verified and was applied) and the trust given to
 * what comes from them. `exchange_identity`: the instance's Ed25519 feed key,
 * its private half sealed with the data key.
 */
export const sql = `
CREATE TABLE exchange_log (
  seq bigserial PRIMARY KEY,
  bank_id integer NOT NULL,
  op text NOT NULL CHECK (op IN ('confirm', 'withdraw')),
  signal_type text NOT NULL,
  value text NOT NULL,
  payload text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exchange_log_bank_seq ON exchange_log (bank_id, seq);

INSERT INTO exchange_log (bank_id, op, signal_type, value, payload, metadata)
  SELECT bank_id, 'confirm', signal_type, value, payload, metadata FROM bank_entries
  WHERE provenance = 'confirmed' AND NOT ignored ORDER BY id;

CREATE FUNCTION exchange_entries_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO exchange_log (bank_id, op, signal_type, value, payload, metadata)
    SELECT bank_id, 'confirm', signal_type, value, payload, metadata FROM new_rows
    WHERE provenance = 'confirmed' AND NOT ignored ORDER BY id;
  RETURN NULL;
END $$;
CREATE TRIGGER exchange_entries_log_insert AFTER INSERT ON bank_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_entries_added();

CREATE FUNCTION exchange_entries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO exchange_log (bank_id, op, signal_type, value, payload, metadata)
    SELECT n.bank_id,
      CASE WHEN n.provenance = 'confirmed' AND NOT n.ignored THEN 'confirm' ELSE 'withdraw' END,
      n.signal_type, n.value, n.payload, n.metadata
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.provenance = 'confirmed' AND NOT n.ignored) IS DISTINCT FROM (o.provenance = 'confirmed' AND NOT o.ignored)
    ORDER BY n.id;
  RETURN NULL;
END $$;
CREATE TRIGGER exchange_entries_log_update AFTER UPDATE ON bank_entries
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_entries_updated();

CREATE FUNCTION exchange_entries_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO exchange_log (bank_id, op, signal_type, value, payload, metadata)
    SELECT bank_id, 'withdraw', signal_type, value, NULL, '{}'::jsonb FROM old_rows
    WHERE provenance = 'confirmed' AND NOT ignored ORDER BY id;
  RETURN NULL;
END $$;
CREATE TRIGGER exchange_entries_log_delete AFTER DELETE ON bank_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_entries_removed();

CREATE TABLE exchange_shares (
  partner text NOT NULL,
  bank_id integer NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partner, bank_id)
);

CREATE TABLE exchange_sources (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  feed_url text NOT NULL,
  api_key_sealed text NOT NULL,
  public_key_pem text NOT NULL,
  bank_id integer NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  trust text NOT NULL DEFAULT 'review' CHECK (trust IN ('review', 'automatic')),
  cursor text,
  entries_applied bigint NOT NULL DEFAULT 0,
  last_run_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE exchange_identity (
  id integer PRIMARY KEY CHECK (id = 1),
  private_key_sealed text NOT NULL,
  public_key_pem text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;
