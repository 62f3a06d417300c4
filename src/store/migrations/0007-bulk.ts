/**
 * Bulk enforcement (issue 10, point 3): a batch of actions on many accounts or groups, its
 * targets stored set-based, the confirmations of people other than the requester (one per
 * person, enforced here), and the batch id on every action it queues. `reverses_action_id`
 * links a reversal to the action it undoes; its unique index makes "one reversal per delivered
 * action" a property of the database rather than of the code that enqueues them.
 */
export const sql = `
CREATE TABLE bulk_batches (
  id bigserial PRIMARY KEY,
  platform text NOT NULL,
  reason text NOT NULL,
  requested_by text NOT NULL,
  requested_role text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting_confirmation', 'confirmed',
    'executing', 'done', 'partially_failed', 'reversing', 'reversed')),
  source jsonb NOT NULL,
  target_count integer NOT NULL DEFAULT 0,
  confirmations_required integer NOT NULL DEFAULT 0,
  enqueued_through bigint NOT NULL DEFAULT 0,
  enqueued_at timestamptz,
  -- Counted in the transactions that insert the actions, so progress reads only pending rows.
  enqueued_count integer NOT NULL DEFAULT 0,
  reversals_enqueued integer NOT NULL DEFAULT 0,
  executed_by text,
  executed_at timestamptz,
  finished_at timestamptz,
  reversed_by text,
  reversal_reason text,
  reversal_started_at timestamptz,
  reversed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bulk_batches_status ON bulk_batches (status);

CREATE TABLE bulk_batch_targets (
  id bigserial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES bulk_batches(id),
  subject_type text NOT NULL CHECK (subject_type IN ('account', 'group')),
  subject_id text NOT NULL,
  action text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]'::jsonb
);
-- A subject appears once per action in a batch: a repeated target is dropped, not acted on twice.
CREATE UNIQUE INDEX bulk_batch_targets_one ON bulk_batch_targets (batch_id, action, subject_type, subject_id);
CREATE INDEX bulk_batch_targets_order ON bulk_batch_targets (batch_id, id);

CREATE TABLE bulk_batch_confirmations (
  id serial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES bulk_batches(id),
  confirmed_by text NOT NULL,
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bulk_batch_confirmations_one_per_person ON bulk_batch_confirmations (batch_id, confirmed_by);

ALTER TABLE actions ADD COLUMN batch_id bigint;
ALTER TABLE actions ADD COLUMN reverses_action_id bigint;
CREATE INDEX actions_batch ON actions (batch_id, status) WHERE batch_id IS NOT NULL;
CREATE UNIQUE INDEX actions_one_reversal ON actions (reverses_action_id) WHERE reverses_action_id IS NOT NULL;
-- The dispatcher claims pending rows in id order; without this, each claim walks the pkey past
-- every delivered row (86 ms per claim with 65,000 delivered, growing with the table).
CREATE INDEX actions_pending_id ON actions (id) WHERE status = 'pending';
`;
