/**
 * Every string the console shows, in one place, ready for translation. Names
 * and descriptions from platforms are data, never looked up here.
 */
export const t = {
  appName: "Vigil",
  signIn: "Sign in",
  signOut: "Sign out",
  email: "Email",
  password: "Password",
  signInFailed: "Wrong email or password.",
  queues: "Queues",
  queue: "Queue",
  waiting: "Waiting",
  claimed: "In review",
  oldest: "Oldest",
  priority: "Top priority",
  startReviewing: "Start reviewing",
  queueEmpty: "This queue is empty.",
  noQueues: "No queues you may open have cases.",
  bulk: "Bulk decision",
  caseTitle: (id: number) => `Case ${id}`,
  subject: "Subject",
  currentName: "Name",
  description: "Description",
  photo: "Photo",
  history: "Name, description and photo history",
  admins: "Admins",
  members: "Members",
  inviteLinks: "Invite links",
  groups: "Groups",
  signals: "Signals",
  reports: "Reports",
  moderationLog: "Moderation log",
  relatedCases: "Other cases about this subject",
  none: "None",
  decision: "Decision",
  actions: "Actions",
  policy: "Policy",
  reason: "Reason",
  reasonRequired: "Write a reason first.",
  decide: "Decide",
  dismiss: "Dismiss (no action)",
  skip: "Skip",
  decided: "Decided.",
  cannotDecide: "Your role may not decide this queue.",
  reveal: "Reveal (logged)",
  hide: "Blur again",
  noImage: "Hashes only: Vigil holds no image.",
  blurredAlt: "Blurred grayscale preview",
  revealedAlt: "Revealed image",
  shortcuts: "Keyboard shortcuts",
  close: "Close",
  caseIds: "Case ids (one per line or comma-separated)",
  selectFromQueue: "Select from queue",
  preview: "Preview",
  apply: "Apply to all that pass",
  outcome: "Outcome",
  problem: "Problem",
  loading: "Loading…",
  exposure: (reveals: number, limit: number) => `Revealed this shift: ${reveals} of ${limit}`,
  takeABreak: (reveals: number) =>
    `You have revealed ${reveals} images this shift. Please take a break; your lead can reassign the queue.`,
  back: "Back to queues",
  age: (seconds: number | null): string => {
    if (seconds === null) return "—";
    if (seconds < 120) return `${seconds} s`;
    if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
    if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
    return `${Math.round(seconds / 86400)} d`;
  },
} as const;

export const POLICIES = [
  { code: "CSE-1", label: "CSE-1 Child sexual exploitation imagery" },
  { code: "CSE-2", label: "CSE-2 Grooming, solicitation or sexualisation of minors" },
  { code: "CSE-3", label: "CSE-3 Advertising or trading abuse material" },
  { code: "SP-1", label: "SP-1 Spam or scam" },
  { code: "NV-0", label: "NV-0 No violation" },
] as const;
