/** Every endpoint, registered in one place: find the file for a route here. */
import type { AnyRoute } from "./route.js";
import { listActions } from "./routes/actions-list.js";
import { postBankEntries } from "./routes/bank-entries-post.js";
import { listBanks } from "./routes/banks-list.js";
import { claimCase } from "./routes/case-claim.js";
import { decideCase } from "./routes/case-decision.js";
import { getCase } from "./routes/case-get.js";
import { listCases } from "./routes/cases-list.js";
import { listConsoleAudit } from "./routes/console-audit-list.js";
import { bulkConsoleDecision } from "./routes/console-bulk-decision.js";
import { decideConsoleCase } from "./routes/console-case-decision.js";
import { getConsoleCase } from "./routes/console-case-get.js";
import { releaseConsoleCase } from "./routes/console-case-release.js";
import { getConsoleMediaContent } from "./routes/console-media-content.js";
import { getConsoleMediaPreview } from "./routes/console-media-preview.js";
import { listConsoleQueueCases } from "./routes/console-queue-cases.js";
import { nextConsoleCase } from "./routes/console-queue-next.js";
import { listConsoleQueues } from "./routes/console-queues-list.js";
import { deleteConsoleSession } from "./routes/console-session-delete.js";
import { getConsoleSession } from "./routes/console-session-get.js";
import { postConsoleSession } from "./routes/console-session-post.js";
import { getEvent } from "./routes/event-get.js";
import { postEvents } from "./routes/events-post.js";
import { getHealth } from "./routes/health-get.js";
import { getMediaContent } from "./routes/media-content-get.js";
import { postMedia } from "./routes/media-post.js";
import { getMetrics } from "./routes/metrics-get.js";
import { getOpenApi } from "./routes/openapi-get.js";
import { getReady } from "./routes/ready-get.js";
import { postReport } from "./routes/reports-post.js";
import { getStats } from "./routes/stats-get.js";

export const ROUTES: AnyRoute[] = [
  getHealth,
  getReady,
  getMetrics,
  getOpenApi,
  postEvents,
  getEvent,
  postReport,
  listCases,
  getCase,
  claimCase,
  decideCase,
  listActions,
  getStats,
  listBanks,
  postBankEntries,
  postMedia,
  getMediaContent,
  // The review console: session cookie and role permissions instead of API keys.
  postConsoleSession,
  getConsoleSession,
  deleteConsoleSession,
  listConsoleQueues,
  listConsoleQueueCases,
  nextConsoleCase,
  getConsoleCase,
  releaseConsoleCase,
  decideConsoleCase,
  bulkConsoleDecision,
  getConsoleMediaPreview,
  getConsoleMediaContent,
  listConsoleAudit,
];
