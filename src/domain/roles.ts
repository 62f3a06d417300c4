/** The roles people sign in with; what each may do is in src/access/permissions. */
export const USER_ROLES = [
  "admin",
  "lead",
  "reviewer",
  "child_safety_reviewer",
  "analyst",
  "law_enforcement_liaison",
] as const;
export type UserRole = (typeof USER_ROLES)[number];
