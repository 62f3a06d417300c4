/**
 * The review console (issue 6): server-side sessions for people, and claims
 * that expire, so a reviewer who walks away does not hold a case forever.
 */
export const sql = `
CREATE TABLE console_sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);

ALTER TABLE cases ADD COLUMN claim_expires_at timestamptz;
-- "Start reviewing" takes the next case of a queue by priority, then age.
CREATE INDEX cases_queue_next ON cases (queue, priority DESC, created_at) WHERE status <> 'closed';
`;
