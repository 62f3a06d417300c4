/** The service's domain (issue 4): subjects, intake, moderation, access. */
export const sql = `
CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  external_id text NOT NULL,
  phone_encrypted text,
  name text,
  photo jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_platform_external ON accounts (platform, external_id);

CREATE TABLE groups (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  external_id text NOT NULL,
  name text,
  description text,
  photo jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX groups_platform_external ON groups (platform, external_id);

CREATE TABLE group_revisions (
  id bigserial PRIMARY KEY,
  group_id bigint NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  event_seq bigint,
  name text,
  description text,
  photo jsonb,
  observed_at timestamptz NOT NULL
);
CREATE INDEX group_revisions_group ON group_revisions (group_id, observed_at);

CREATE TABLE memberships (
  group_id bigint NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
  inviter_account_id bigint,
  joined_at timestamptz,
  left_at timestamptz,
  PRIMARY KEY (group_id, account_id)
);
CREATE INDEX memberships_account ON memberships (account_id);

CREATE TABLE invite_links (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  code text NOT NULL,
  url text,
  group_id bigint REFERENCES groups(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'dead')),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invite_links_platform_code ON invite_links (platform, code);

CREATE TABLE media (
  id text PRIMARY KEY,
  sha256 text,
  md5 text,
  pdq text,
  pdq_quality integer,
  mime text,
  size bigint,
  blob_ref text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_sha256 ON media (sha256);

CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  platform text NOT NULL,
  client_id text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  subject_type text NOT NULL CHECK (subject_type IN ('group', 'account', 'invite_link', 'media')),
  subject_id text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided', 'failed')),
  decision text CHECK (decision IN ('act', 'review', 'none')),
  attempts integer NOT NULL DEFAULT 0,
  error text,
  decided_at timestamptz
);
CREATE UNIQUE INDEX events_platform_client_id ON events (platform, client_id);
CREATE INDEX events_pending ON events (seq) WHERE status = 'pending';

CREATE TABLE reports (
  id bigserial PRIMARY KEY,
  public_id text NOT NULL UNIQUE,
  platform text NOT NULL,
  source text NOT NULL CHECK (source IN ('user', 'hotline', 'crawler', 'proactive', 'partner')),
  reporter jsonb,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  reason text NOT NULL,
  text text,
  language text,
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  event_seq bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE signals (
  id bigserial PRIMARY KEY,
  event_seq bigint NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  kind text NOT NULL,
  score real,
  detail jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signals_event ON signals (event_seq);
CREATE INDEX signals_subject ON signals (subject_type, subject_id);

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  queue text NOT NULL,
  priority integer NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'closed')),
  claimed_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_open_subject_queue ON cases (platform, subject_type, subject_id, queue) WHERE status <> 'closed';
CREATE INDEX cases_queue_status_priority ON cases (queue, status, priority);

CREATE TABLE moderation_events (
  id bigserial PRIMARY KEY,
  case_id bigint,
  event_seq bigint,
  platform text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('decide', 'shadow', 'enqueue', 'claim', 'release', 'close', 'act', 'comment', 'report_sent')),
  actor text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX moderation_events_one_decision ON moderation_events (event_seq) WHERE kind = 'decide';
CREATE INDEX moderation_events_case ON moderation_events (case_id);
CREATE INDEX moderation_events_subject ON moderation_events (subject_type, subject_id);

CREATE TABLE actions (
  id bigserial PRIMARY KEY,
  public_id text NOT NULL UNIQUE,
  platform text NOT NULL,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  case_id bigint,
  event_seq bigint,
  reason text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  last_status integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX actions_due ON actions (next_attempt_at) WHERE status = 'pending';

CREATE TABLE rules (
  id serial PRIMARY KEY,
  name text NOT NULL,
  version integer NOT NULL,
  mode text NOT NULL CHECK (mode IN ('live', 'shadow')),
  enabled boolean NOT NULL DEFAULT true,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX rules_name_version ON rules (name, version);

CREATE TABLE api_keys (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scopes jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin', 'lead', 'reviewer', 'child_safety_reviewer', 'analyst', 'law_enforcement_liaison')),
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- The audit log and the moderation log are evidence: rows are added, never changed.
CREATE FUNCTION vigil_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION vigil_refuse_change();
CREATE TRIGGER moderation_events_append_only BEFORE UPDATE OR DELETE ON moderation_events
  FOR EACH ROW EXECUTE FUNCTION vigil_refuse_change();
`;
