/**
 * The directory crawler (issue 7): runs and their pages (the frontier and the
 * visited set, so a crashed run resumes), the invite links found with the
 * directory's words and their liveness, and every liveness check (append-only).
 */
export const sql = `
CREATE TABLE crawl_runs (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
  stats jsonb NOT NULL DEFAULT '{}'::jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX crawl_runs_source ON crawl_runs (source, started_at);

CREATE TABLE crawl_pages (
  run_id bigint NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
  url text NOT NULL,
  depth integer NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'in_progress', 'fetched', 'refused')),
  reason text,
  http_status integer,
  message text,
  invites integer,
  seq bigserial NOT NULL,
  PRIMARY KEY (run_id, url)
);
CREATE INDEX crawl_pages_queued ON crawl_pages (run_id, seq) WHERE state = 'queued';

CREATE TABLE crawled_links (
  platform text NOT NULL,
  code text NOT NULL,
  url text NOT NULL,
  source text NOT NULL,
  found_on text NOT NULL,
  category text,
  title text,
  description text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  last_run_id bigint,
  liveness text NOT NULL DEFAULT 'unchecked'
    CHECK (liveness IN ('unchecked', 'alive', 'full', 'unknown', 'suspected_revoked', 'revoked')),
  streak integer NOT NULL DEFAULT 0,
  checks integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  next_check_at timestamptz,
  suspected_at timestamptz,
  removed_at timestamptz,
  actioned_at timestamptz,
  PRIMARY KEY (platform, code)
);
CREATE INDEX crawled_links_due ON crawled_links (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE link_checks (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  code text NOT NULL,
  observation text NOT NULL CHECK (observation IN ('alive', 'full', 'revoked', 'unknown')),
  liveness text NOT NULL,
  note text NOT NULL,
  checked_at timestamptz NOT NULL
);
CREATE INDEX link_checks_link ON link_checks (platform, code, checked_at);
CREATE TRIGGER link_checks_append_only BEFORE UPDATE OR DELETE ON link_checks
  FOR EACH ROW EXECUTE FUNCTION vigil_refuse_change();
`;
