/**
 * The review console, second part (issue 6): per-queue SLA and sort order,
 * organisation-wide console settings (wellness defaults, the bulk size a lead
 * must confirm), per-user wellness preferences, lead confirmations of large
 * bulk decisions, and the index that lets "sort by report count" and the case
 * page count a subject's reports without scanning them all.
 */
export const sql = `
CREATE TABLE queue_settings (
  queue text PRIMARY KEY,
  sla_seconds integer CHECK (sla_seconds > 0),
  sort text NOT NULL DEFAULT 'priority' CHECK (sort IN ('priority', 'reports')),
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row: the organisation's defaults (id is always true).
CREATE TABLE console_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  blur boolean NOT NULL DEFAULT true,
  grayscale boolean NOT NULL DEFAULT true,
  default_sla_seconds integer NOT NULL DEFAULT 86400 CHECK (default_sla_seconds > 0),
  bulk_lead_confirm_above integer NOT NULL DEFAULT 100 CHECK (bulk_lead_confirm_above >= 0),
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO console_settings (id) VALUES (true);

-- A user's own choice; null falls back to the organisation's default.
CREATE TABLE user_preferences (
  user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  blur boolean,
  grayscale boolean,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A lead's confirmation of one bulk decision (its fingerprint), used once.
CREATE TABLE bulk_confirmations (
  id text PRIMARY KEY,
  fingerprint text NOT NULL,
  case_count integer NOT NULL,
  confirmed_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_by text,
  used_at timestamptz
);

CREATE INDEX reports_subject ON reports (platform, subject_type, subject_id);
CREATE INDEX moderation_events_created ON moderation_events (created_at);
CREATE INDEX cases_created ON cases (created_at);
-- SLA breach counts per queue: an index range count instead of a pass over every open case.
CREATE INDEX cases_queue_age ON cases (queue, created_at) WHERE status <> 'closed';
`;
