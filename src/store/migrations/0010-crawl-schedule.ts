/**
 * The crawl scheduler inside `vigil serve` (issue 7): one lease row per job so
 * only one process runs scheduled crawls and liveness rounds at a time, with
 * the last round's summary for GET /v1/crawl/status; and the crawler's own
 * outbox of submissions to the service (a discovered link, a confirmed
 * removal), kept until the service has taken them and retried with backoff.
 */
export const sql = `
CREATE TABLE crawl_leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  last_tick_at timestamptz,
  last_tick jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE crawl_submissions (
  platform text NOT NULL,
  code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('discovered', 'revoked')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  event_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  PRIMARY KEY (platform, code, kind)
);
CREATE INDEX crawl_submissions_due ON crawl_submissions (next_attempt_at) WHERE submitted_at IS NULL;
`;
