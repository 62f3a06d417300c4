/**
 * Search and the case workspace (issue 16). Names and descriptions get a
 * folded copy (lower-case, accents removed: search/fold-text.ts) with trigram
 * indexes, so partial words match in any language without depending on the
 * `unaccent` extension; phone numbers get a keyed hash (HMAC-SHA256 of the
 * E.164 form under a key derived from the data key) beside the sealed value,
 * so a number can be found without ever being stored in plaintext. Exact keys
 * (platform ids across platforms, invite codes, digests) get plain indexes.
 * Cases get an assignee; actions and cases an index by subject (enforcement
 * state, related cases).
 */
export const sql = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE accounts ADD COLUMN phone_key text;
ALTER TABLE accounts ADD COLUMN search_name text;
ALTER TABLE groups ADD COLUMN search_name text;
ALTER TABLE groups ADD COLUMN search_description text;

CREATE INDEX accounts_phone_key ON accounts (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX accounts_external_id ON accounts (external_id);
CREATE INDEX groups_external_id ON groups (external_id);
CREATE INDEX invite_links_code ON invite_links (code);
CREATE INDEX accounts_search_name_trgm ON accounts USING gin (search_name gin_trgm_ops);
CREATE INDEX groups_search_name_trgm ON groups USING gin (search_name gin_trgm_ops);
CREATE INDEX groups_search_description_trgm ON groups USING gin (search_description gin_trgm_ops);
CREATE INDEX media_md5 ON media (md5);
CREATE INDEX groups_photo_md5 ON groups ((photo->>'md5')) WHERE photo ? 'md5';
CREATE INDEX groups_photo_sha256 ON groups ((photo->>'sha256')) WHERE photo ? 'sha256';

ALTER TABLE cases ADD COLUMN assigned_to text;
CREATE INDEX cases_assigned ON cases (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX cases_subject ON cases (platform, subject_type, subject_id);
CREATE INDEX actions_subject ON actions (platform, subject_type, subject_id);
CREATE INDEX actions_case ON actions (case_id) WHERE case_id IS NOT NULL;

-- Notes (moderation events of kind comment) keep a folded copy in detail.search; closes by a rule are listed.
CREATE INDEX moderation_events_note_trgm ON moderation_events USING gin ((detail->>'search') gin_trgm_ops)
  WHERE kind = 'comment';
CREATE INDEX moderation_events_auto_close ON moderation_events (created_at)
  WHERE kind = 'close' AND detail ? 'auto_closed';
`;
