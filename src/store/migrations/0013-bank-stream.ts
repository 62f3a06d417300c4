/**
 * Bank changes published on JetStream (issue 9, point 2): `stream_seq` is the
 * stream sequence a change's message got, NULL until a relay has published it.
 * The relay's sweep reads the unpublished rows through the partial index, so
 * a change committed while NATS was unreachable is published later, and a
 * worker finds where in the stream to start from the smallest stream_seq
 * after its index's position (publish order need not be seq order).
 * Changes from before this migration are marked 0, "never on the stream":
 * every index already reflects them (a new one loads from the database), so a
 * deployment's first start with NATS does not publish its whole history.
 */
export const sql = `
ALTER TABLE bank_changes ADD COLUMN stream_seq bigint;
UPDATE bank_changes SET stream_seq = 0;
CREATE INDEX bank_changes_unpublished ON bank_changes (seq) WHERE stream_seq IS NULL;
`;
