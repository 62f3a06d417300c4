/**
 * Issue 17, finding 9: what processing could not do for an event (a photo URL
 * refused or unfetchable) is kept on the event as notes, shown on GET
 * /v1/events and on the cases of its subject.
 */
export const sql = `
ALTER TABLE events ADD COLUMN notes jsonb;
CREATE INDEX events_subject_notes ON events (platform, subject_type, subject_id, seq) WHERE notes IS NOT NULL;
`;
