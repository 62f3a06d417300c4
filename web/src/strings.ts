/**
 * Every string the console shows, in one place, ready for translation. Names
 * and descriptions from platforms are data, never looked up here.
 */
import type { ApiErrorName } from "../../src/api/errors.js";

/**
 * What each error the server can answer with means to the person at the screen, and what to
 * do next. Keyed by the server's own list (src/api/errors.ts), so a new error name does not
 * compile until it has a sentence; test/console/error-sentences.test.ts checks it at run time.
 */
export const errorText: Record<ApiErrorName, string> = {
  MalformedJson: "The console sent something the server could not read. Reload the page and try again.",
  InvalidRequest:
    "Something in the form is missing or not in the expected form. Check the fields and try again.",
  InvalidEvent: "An event in this batch is not valid; nothing in the batch was stored.",
  UnknownEventType: "An event in this batch has a type Vigil does not know; nothing in the batch was stored.",
  InvalidMedia:
    "That file could not be read as an image or a video. Try another file or a screenshot in PNG or JPEG.",
  MediaUnavailable:
    "Vigil could not fetch that address. It may be down or private; try again later or upload the file.",
  Unauthorized: "You are signed out (the session may have expired). Sign in again.",
  MissingScope: "This API key may not do that. Ask an admin for a key with the right scope.",
  ForbiddenRole: "Your role does not allow this. If you need it, ask a lead.",
  NotFound: "That is not here any more, or it never was. Check the number or go back to the queues.",
  UnknownSeed:
    "Vigil knows no group or account with that id on that platform. Check the platform and the id.",
  CaseConflict:
    "Someone else changed this case at the same moment (claimed or decided it). Reload the case to see where it stands.",
  PayloadTooLarge: "That is too large to upload. Use a smaller file or fewer at once.",
  UnsupportedMediaType:
    "Vigil cannot take that kind of file. Use an image (PNG, JPEG, WebP) or a common video format.",
  LeadConfirmationRequired:
    "This many cases at once needs a lead: ask a lead to apply it, or for a confirmation id for exactly this batch.",
  TooManySignIns: "Too many sign-in attempts. Wait a few minutes before trying again.",
  Internal:
    "Something went wrong inside Vigil. It has been logged; try again, and tell an admin if it keeps happening.",
  Unavailable: "A part of Vigil this needs is not running right now. Try again in a minute.",
  LagLimitReached: "Vigil is behind on its work right now. Try again in a minute.",
  XmlInvalidCharacter:
    "A field of the report holds a character NCMEC's format cannot carry. Remove it from the field named below.",
  XmlFieldTooLong: "A field of the report is longer than NCMEC accepts. Shorten the field named below.",
  CyberTipInvalidValue:
    "A choice in the report is not one NCMEC accepts. Pick another value in the field named below.",
  CyberTipUnknownFile:
    "A file chosen for the report does not belong to this case. Reload the case and choose again.",
  CyberTipFileUnavailable:
    "A file chosen for the report is held only as hashes, so it cannot be uploaded to NCMEC.",
  CyberTipInProgress: "A report for this case is already being sent. Wait for it to finish.",
  CyberTipAlreadyFiled: "This case was already reported to NCMEC. File a follow-up report instead.",
  ChildSafetyReviewRequired:
    "Some of this material did not match a confirmed bank entry, so a child-safety reviewer must decide and submit.",
  CyberTipNotConfigured: "Reporting to NCMEC is not set up on this server yet. Ask an admin to configure it.",
  ConfirmationRequired: "This batch cannot run yet: someone other than the requester must confirm it.",
  SecondConfirmationRequired: "This batch cannot run yet: a second person must confirm it.",
  OwnBatch: "You asked for this batch, so someone else must confirm it.",
  AlreadyConfirmed: "You have already confirmed this batch.",
  BatchStateConflict: "This batch has moved on (it ran, or was reversed) since you opened it. Reload it.",
  UnknownAssignee: "There is no active colleague with that e-mail address. Pick someone from the list.",
  UnstorableText:
    "A field holds a character Vigil cannot store (an invisible control character or a broken symbol). Remove it and try again.",
  JsonTooDeep: "The console sent something nested too deeply to store. Reload the page and try again.",
  InvalidUpload: "Upload one file at a time, chosen with the file button.",
  MalformedUrl: "That address is not one Vigil understands. Go back to the queues and try again.",
  MalformedRequest: "The console sent something the server could not read. Reload the page and try again.",
  MethodNotAllowed: "The server does not do that here. Reload the page; it may be out of date.",
  RequestTimeout: "That took too long to arrive at the server. Check the connection and try again.",
  UriTooLong: "That search or address is too long. Shorten it and try again.",
  HeadersTooLarge: "The browser sent too much with the request. Sign out, sign in again and retry.",
  TooManyRequests: "Too many requests in a short time. Wait the moment shown, then try again.",
  DecoderBusy: "The server is busy reading other pictures. Wait the moment shown, then try again.",
  StorageFull:
    "The server's disk is full, so nothing was saved. Tell an admin; try again once space is freed.",
  MediaNotInCase:
    "That picture or video is not part of this case, so it cannot be opened here. Open it from the case it belongs to.",
  ConfirmationOutdated:
    "The group's invite links or admins changed since you looked. Look at the new list and confirm again.",
  BankExists: "A bank with that name exists already. Choose another name or add to the existing bank.",
  ExchangeFeedRefused:
    "The partner's feed could not be taken (unreachable, or a page failed its signature check). Nothing from it was applied; the next pull starts where the last good one ended.",
};

/** When the server could not be reached at all (no answer, not an error answer). */
export const failureText = {
  network:
    "Vigil could not be reached: the network or the server is down. Nothing was lost on the server; try again.",
  unknown: (status: number) =>
    `Vigil answered in a way the console did not expect (HTTP ${status}). Try again; tell an admin if it keeps happening.`,
  retry: "Try again",
  field: (name: string) => `Field: ${name}.`,
} as const;

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
  uncheckedPhotos: "Photos not checked",
  reports: "Reports",
  moderationLog: "Moderation log",
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
  audit: "Audit log",
  actor: "Actor",
  action: "Action",
  target: "Target",
  at: "When",
  filter: "Filter",
  exportCsv: "Export CSV",
  exposure: (reveals: number, limit: number) => `Revealed this shift: ${reveals} of ${limit}`,
  takeABreak: (reveals: number) =>
    `You have revealed ${reveals} images this shift. Please take a break; your lead can reassign the queue.`,
  back: "Back to queues",
  expansion: "Network expansion",
  expansionGraph: "The seed's neighbourhood: groups, accounts, memberships and posted invite links",
  expansionLegend:
    "Squares are groups, circles accounts; the seed has a ring around it. Solid with a cross: confirmed (banned or disabled); hatched with a dashed outline: flagged (has a case); hollow: unknown. Thick lines: admin; thin: member; dashed arrows: an invite link posted in one group to another. Click a node to open its case, or search for it when it has none.",
  expansionSeedKind: "Seed kind",
  expansionLimit: "Candidates at most",
  expansionSeedGroup: "Seed group",
  expansionSeedAccount: "Seed account",
  expansionPlatform: "Platform",
  expansionSeedId: "Platform id of the seed",
  expansionRun: "Expand",
  expansionRunning: "Expanding…",
  expansionSubject: "Subject",
  expansionScore: "Score",
  expansionSuggested: "Suggested",
  expansionEvidence: "Evidence",
  expansionSummary: (kind: string, id: string, n: number, by: string) =>
    `From ${kind} ${id}: ${n} candidates, run by ${by}.`,
  graphNodeTitle: (kind: string, id: string, mark: string, score: number | null, caseId: number | null) =>
    `${kind} ${id}: ${mark}${score === null ? "" : `, score ${score}`}${caseId === null ? "" : `, case ${caseId}`}`,
  age: (seconds: number | null): string => {
    if (seconds === null) return "—";
    if (seconds < 120) return `${seconds} s`;
    if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
    if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
    return `${Math.round(seconds / 86400)} d`;
  },
  crawler: "Crawler",
  timeToRemoval: "Time to removal after action",
  platform: "Platform",
  removed: "Removed",
  pendingRemoval: "Still up",
  median: "Median",
  linksByLiveness: "Links by liveness",
  crawlLastRound: (at: string | null) => `Last round: ${at ? new Date(at).toLocaleString() : "never"}`,
  crawlBacklog: (pending: number, failing: number) =>
    `${pending} submissions waiting (${failing} failed before)`,
  bulkEnforcement: {
    title: "Bulk enforcement",
    newBatch: "New batch",
    platform: "Platform",
    reason: "Reason (recorded with every action)",
    targetsHint:
      "One target per line: account,acct-1,ban_account,admin_of_confirmed_group|member_of_flagged_groups",
    preview: "Create and preview",
    badLine: (line: number) => `Line ${line} is not kind,id,action[,evidence|evidence]`,
    recent: "Recent batches",
    batch: (id: number) => `Batch ${id}`,
    summary: (targets: number, by: string) => `${targets.toLocaleString()} targets, requested by ${by}.`,
    byAction: "By action",
    byEvidence: "By evidence",
    sample: (n: number) => `Sample of ${n} targets`,
    needs: (n: number) =>
      n === 0
        ? "Needs no confirmation."
        : n === 1
          ? "Needs one confirmation by a lead or admin other than the requester."
          : "Needs two confirmations by leads or admins other than the requester.",
    confirmedBy: (by: string, role: string, at: string) => `Confirmed by ${by} (${role}) at ${at}`,
    blocked: {
      ConfirmationRequired: "Cannot run yet: nobody but the requester has confirmed.",
      SecondConfirmationRequired: "Cannot run yet: a second person must confirm.",
    },
    confirm: "Confirm",
    execute: "Execute",
    execution: "Delivered",
    reversal: "Reversed",
    delivered: (done: number, total: number) => `${done.toLocaleString()} / ${total.toLocaleString()}`,
    failing: (n: number) => `${n.toLocaleString()} failing (still retried)`,
    reversalReason: "Why reverse",
    reverse: "Reverse batch",
  },
} as const;

export const POLICIES = [
  { code: "CSE-1", label: "CSE-1 Child sexual exploitation imagery" },
  { code: "CSE-2", label: "CSE-2 Grooming, solicitation or sexualisation of minors" },
  { code: "CSE-3", label: "CSE-3 Advertising or trading abuse material" },
  { code: "SP-1", label: "SP-1 Spam or scam" },
  { code: "NV-0", label: "NV-0 No violation" },
] as const;

/** Strings of the console's second part (SLA, escalation, lead confirmation, dashboard, hotline, wellness). */
export const t2 = {
  sla: "SLA",
  slaState: { ok: "Within SLA", near_breach: "Near breach", breached: "Breached" } as Record<string, string>,
  slaDetail: (breached: number, near: number) => `${breached} past, ${near} near`,
  sort: "Order",
  sorts: { priority: "Priority, then age", reports: "Most reported first" } as Record<string, string>,
  escalate: "Escalate",
  escalateToLead: "Escalate to a lead",
  escalateToChildSafety: "Escalate to child safety",
  escalateReason: "Escalation uses the reason field; write one first.",
  escalated: (queue: string) => `Escalated to ${queue}.`,
  escalateConfirm: (subject: string, to: string) => `Escalate the case about ${subject} ${to}?`,
  toLead: "to a lead (the lead queue)",
  toChildSafety: "to child safety (the child-safety queue)",
  escalateYes: "Yes, escalate",
  escalateNo: "Cancel",
  confirmationId: "Lead's confirmation id",
  needsLead: (limit: number) =>
    `More than ${limit} cases: a lead must apply this batch or give you a confirmation id.`,
  confirmForReviewer: "Confirm this batch for a reviewer",
  confirmationMade: (id: string) => `Confirmation id (one use, 30 minutes): ${id}`,
  dashboard: "Dashboard",
  from: "From",
  to: "To",
  show: "Show",
  eventsIn: "Events in",
  casesOpened: "Cases opened",
  casesClosed: "Cases closed",
  automaticDecisions: "Automatic decisions",
  humanDecisions: "Human decisions",
  medianTimeToAction: "Median time to action",
  perDay: "Per day",
  actionsByType: "Actions by type",
  automatic: "Automatic",
  human: "Human",
  reportsBySource: "Reports by source",
  perQueue: "Per queue",
  perReviewer: "Per reviewer",
  opened: "Opened",
  decidedCount: "Decided",
  decisions: "Decisions",
  reviewer: "Reviewer",
  source: "Source",
  count: "Count",
  day: "Day",
  chartTable: "Figures as a table",
  label: "Category",
  noData: "Nothing in this period.",
  hotline: "Hotline report",
  platform: "Platform",
  wellness: "Wellness",
  blurPreviews: "Blur previews",
  grayscalePreviews: "Grayscale previews",
  followOrganisation: (on: boolean) => `Organisation default (${on ? "on" : "off"})`,
  on: "On",
  off: "Off",
  saved: "Saved.",
};
