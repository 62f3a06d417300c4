/**
 * The bank change log (issue 9, point 2): every change to what the matching
 * index holds (entries added, ignored or un-ignored, removed; banks enabled,
 * disabled or dropped) is appended here by triggers, in the writing
 * statement's own transaction, whoever writes (API, `vigil bank` against the
 * same database, an exchange feed). Workers read it in seq order and apply it
 * to their in-memory index incrementally (pipeline/live-bank-matcher.ts).
 * Statement-level triggers with transition tables keep a bulk import at one
 * extra INSERT ... SELECT per statement.
 */
export const sql = `
CREATE TABLE bank_changes (
  seq bigserial PRIMARY KEY,
  op text NOT NULL CHECK (op IN ('add', 'ignore', 'unignore', 'remove', 'bank')),
  bank_id integer NOT NULL,
  entry_id bigint,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION bank_entries_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bank_changes (op, bank_id, entry_id) SELECT 'add', bank_id, id FROM new_rows ORDER BY id;
  RETURN NULL;
END $$;
CREATE TRIGGER bank_entries_log_insert AFTER INSERT ON bank_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bank_entries_added();

CREATE FUNCTION bank_entries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bank_changes (op, bank_id, entry_id)
    SELECT CASE WHEN n.ignored THEN 'ignore' ELSE 'unignore' END, n.bank_id, n.id
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.ignored IS DISTINCT FROM o.ignored ORDER BY n.id;
  RETURN NULL;
END $$;
CREATE TRIGGER bank_entries_log_update AFTER UPDATE ON bank_entries
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bank_entries_updated();

CREATE FUNCTION bank_entries_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bank_changes (op, bank_id, entry_id) SELECT 'remove', bank_id, id FROM old_rows ORDER BY id;
  RETURN NULL;
END $$;
CREATE TRIGGER bank_entries_log_delete AFTER DELETE ON bank_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bank_entries_removed();

CREATE FUNCTION banks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO bank_changes (op, bank_id) VALUES ('bank', OLD.id);
  ELSIF NEW.enabled IS DISTINCT FROM OLD.enabled OR NEW.name IS DISTINCT FROM OLD.name THEN
    INSERT INTO bank_changes (op, bank_id) VALUES ('bank', NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER banks_log_change AFTER UPDATE OR DELETE ON banks
  FOR EACH ROW EXECUTE FUNCTION banks_changed();
`;
