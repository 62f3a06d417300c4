/**
 * What Vigil moderates. Subjects are named by the platform's own ids (`g-1`),
 * never by Vigil's row ids, so webhooks and the API speak the platform's language.
 */
export const SUBJECT_TYPES = ["group", "account", "invite_link", "media"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface SubjectRef {
  type: SubjectType;
  /** The platform's id for a group, account or invite link; Vigil's media id for media. */
  id: string;
}

export function subjectKey(subject: SubjectRef): string {
  return `${subject.type}:${subject.id}`;
}
