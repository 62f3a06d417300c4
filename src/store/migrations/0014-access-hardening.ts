/**
 * Issue 17. API keys rotate without downtime: a rotated key keeps its name and
 * works until `expires_at`, beside its successor, so one name may have several
 * rows but only one current (unexpiring, unrevoked) key. Failed console
 * sign-ins are counted in the database, reserved before the password is
 * checked, so every API process shares one budget per account and address.
 */
export const sql = `
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_name_key;
CREATE UNIQUE INDEX api_keys_current_name ON api_keys (name) WHERE revoked_at IS NULL AND expires_at IS NULL;
CREATE INDEX api_keys_name ON api_keys (name);

CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  account text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'reserved' CHECK (state IN ('reserved', 'failed'))
);
CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at);
CREATE INDEX sign_in_attempts_at ON sign_in_attempts (at);
`;
