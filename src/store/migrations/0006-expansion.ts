/**
 * Network expansion (issue 10): what the graph needs beyond issue 4's subjects —
 * when and from which device an account was made, its phone number's country and
 * carrier prefix (never the full number), its profile photo's hashes as plain
 * columns so equal photos join by index, ban / confirmed / flagged markers kept
 * from the action outbox and the cases by triggers, the invite link a member
 * joined through, where links were posted (in a group or listed in a
 * directory), links between cases (ban evasion), and stored expansions.
 */
export const sql = `
ALTER TABLE accounts
  ADD COLUMN platform_created_at timestamptz,
  ADD COLUMN device_id text,
  ADD COLUMN phone_prefix text,
  ADD COLUMN photo_sha256 text,
  ADD COLUMN photo_pdq text,
  ADD COLUMN banned_at timestamptz;
CREATE INDEX accounts_photo_sha256 ON accounts (photo_sha256) WHERE photo_sha256 IS NOT NULL;
CREATE INDEX accounts_photo_pdq ON accounts (photo_pdq) WHERE photo_pdq IS NOT NULL;
CREATE INDEX accounts_device ON accounts (platform, device_id, platform_created_at) WHERE device_id IS NOT NULL;
CREATE INDEX accounts_phone_prefix ON accounts (platform, phone_prefix, platform_created_at) WHERE phone_prefix IS NOT NULL;
CREATE INDEX accounts_banned ON accounts (banned_at) WHERE banned_at IS NOT NULL;

ALTER TABLE groups
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN flagged_at timestamptz;
CREATE INDEX groups_marked ON groups (id) WHERE confirmed_at IS NOT NULL OR flagged_at IS NOT NULL;

ALTER TABLE memberships ADD COLUMN invite_link_id bigint;
CREATE INDEX memberships_invite_link ON memberships (invite_link_id) WHERE invite_link_id IS NOT NULL;
CREATE INDEX memberships_admin ON memberships (account_id, group_id) WHERE role = 'admin';
CREATE INDEX invite_links_group ON invite_links (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE invite_link_postings (
  id bigserial PRIMARY KEY,
  link_id bigint NOT NULL REFERENCES invite_links(id) ON DELETE CASCADE,
  posted_in_group_id bigint REFERENCES groups(id) ON DELETE CASCADE,
  directory_url text,
  posted_by_account_id bigint,
  seen_at timestamptz NOT NULL,
  CHECK (posted_in_group_id IS NOT NULL OR directory_url IS NOT NULL)
);
CREATE UNIQUE INDEX invite_link_postings_in_group ON invite_link_postings (link_id, posted_in_group_id) WHERE posted_in_group_id IS NOT NULL;
CREATE UNIQUE INDEX invite_link_postings_in_directory ON invite_link_postings (link_id, directory_url) WHERE directory_url IS NOT NULL;
CREATE INDEX invite_link_postings_group ON invite_link_postings (posted_in_group_id) WHERE posted_in_group_id IS NOT NULL;

CREATE TABLE case_relations (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  related_case_id bigint REFERENCES cases(id) ON DELETE SET NULL,
  related_subject_type text NOT NULL,
  related_subject_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ban_evasion')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX case_relations_once ON case_relations (case_id, related_subject_type, related_subject_id, kind);

CREATE TABLE expansions (
  id bigserial PRIMARY KEY,
  public_id text NOT NULL UNIQUE,
  platform text NOT NULL,
  seed_kind text NOT NULL CHECK (seed_kind IN ('account', 'group')),
  seed_id text NOT NULL,
  params jsonb NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE expansion_candidates (
  expansion_id bigint NOT NULL REFERENCES expansions(id) ON DELETE CASCADE,
  rank integer NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('account', 'group')),
  platform_id text NOT NULL,
  score real NOT NULL,
  evidence jsonb NOT NULL,
  suggested_action text NOT NULL,
  PRIMARY KEY (expansion_id, rank)
);
CREATE UNIQUE INDEX expansion_candidates_subject ON expansion_candidates (expansion_id, subject_kind, platform_id);

-- Markers the expansion reads, kept from the outbox and the cases (one path: they follow the decisions).
CREATE FUNCTION vigil_mark_from_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action = 'ban_account' THEN
    UPDATE accounts SET banned_at = NEW.created_at
      WHERE platform = NEW.platform AND external_id = NEW.subject_id AND banned_at IS NULL;
  ELSIF NEW.action = 'unban_account' THEN
    UPDATE accounts SET banned_at = NULL WHERE platform = NEW.platform AND external_id = NEW.subject_id;
  ELSIF NEW.action = 'disable_group' THEN
    UPDATE groups SET confirmed_at = NEW.created_at
      WHERE platform = NEW.platform AND external_id = NEW.subject_id AND confirmed_at IS NULL;
  ELSIF NEW.action = 'enable_group' THEN
    UPDATE groups SET confirmed_at = NULL WHERE platform = NEW.platform AND external_id = NEW.subject_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER actions_mark_subjects AFTER INSERT ON actions
  FOR EACH ROW EXECUTE FUNCTION vigil_mark_from_action();

CREATE FUNCTION vigil_mark_from_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.subject_type = 'group' THEN
    UPDATE groups SET flagged_at = NEW.created_at
      WHERE platform = NEW.platform AND external_id = NEW.subject_id AND flagged_at IS NULL;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER cases_mark_flagged AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION vigil_mark_from_case();
`;
