/** Every endpoint, registered in one place: find the file for a route here. */
import type { AnyRoute } from "./route.js";
import { listActions } from "./routes/actions-list.js";
import { postBankEntries } from "./routes/bank-entries-post.js";
import { listBanks } from "./routes/banks-list.js";
import { confirmBulkAction } from "./routes/bulk-action-confirm.js";
import { executeBulkAction } from "./routes/bulk-action-execute.js";
import { getBulkAction } from "./routes/bulk-action-get.js";
import { reverseBulkAction } from "./routes/bulk-action-reverse.js";
import { postBulkActionTargets } from "./routes/bulk-action-targets-post.js";
import { listBulkActions } from "./routes/bulk-actions-list.js";
import { postBulkAction } from "./routes/bulk-actions-post.js";
import { claimCase } from "./routes/case-claim.js";
import { decideCase } from "./routes/case-decision.js";
import { postCaseExport } from "./routes/case-export-post.js";
import { getCase } from "./routes/case-get.js";
import { listCases } from "./routes/cases-list.js";
import { listConsoleAudit } from "./routes/console-audit-list.js";
import { postConsoleBulkConfirmation } from "./routes/console-bulk-confirmation-post.js";
import { bulkConsoleDecision } from "./routes/console-bulk-decision.js";
// Issue 16: case lists, workspace, search, hotline intake.
import { putConsoleCaseAssignment } from "./routes/console-case-assignment-put.js";
import { decideConsoleCase } from "./routes/console-case-decision.js";
import { escalateConsoleCase } from "./routes/console-case-escalate.js";
import { getConsoleCase } from "./routes/console-case-get.js";
import { applyConsoleGroupActions } from "./routes/console-case-group-actions-post.js";
import { previewConsoleGroupActions } from "./routes/console-case-group-actions-preview.js";
import { postConsoleCaseNote } from "./routes/console-case-note-post.js";
import { releaseConsoleCase } from "./routes/console-case-release.js";
import { listConsoleCases } from "./routes/console-cases-list.js";
import { getConsoleCrawl } from "./routes/console-crawl-get.js";
import { getConsoleDashboardCsv } from "./routes/console-dashboard-csv.js";
import { getConsoleDashboard } from "./routes/console-dashboard-get.js";
import { getConsoleExpansion } from "./routes/console-expansion-get.js";
import { postConsoleExpansion } from "./routes/console-expansions-post.js";
import { getConsoleHotlineCaller } from "./routes/console-hotline-caller.js";
import { fileConsoleHotline } from "./routes/console-hotline-file.js";
import { getConsoleHotline } from "./routes/console-hotline-get.js";
import { previewConsoleHotline } from "./routes/console-hotline-preview.js";
import { postConsoleHotlineReport } from "./routes/console-hotline-report-post.js";
import { getConsoleMediaContent } from "./routes/console-media-content.js";
import { postConsoleMedia } from "./routes/console-media-post.js";
import { getConsoleMediaPreview } from "./routes/console-media-preview.js";
import { getConsolePreferences } from "./routes/console-preferences-get.js";
import { putConsolePreferences } from "./routes/console-preferences-put.js";
import { listConsoleQueueCases } from "./routes/console-queue-cases.js";
import { nextConsoleCase } from "./routes/console-queue-next.js";
import { putConsoleQueueSettings } from "./routes/console-queue-settings-put.js";
import { listConsoleQueues } from "./routes/console-queues-list.js";
import { listConsoleAutoClosedReports } from "./routes/console-reports-auto-closed.js";
import { getConsoleSearch } from "./routes/console-search-get.js";
import { postConsoleSearchImage } from "./routes/console-search-image-post.js";
import { deleteConsoleSession } from "./routes/console-session-delete.js";
import { getConsoleSession } from "./routes/console-session-get.js";
import { postConsoleSession } from "./routes/console-session-post.js";
import { putConsoleSettings } from "./routes/console-settings-put.js";
import { listConsoleUsers } from "./routes/console-users-list.js";
import { getCrawlStatus } from "./routes/crawl-status-get.js";
import { getCyberTip } from "./routes/cybertip-get.js";
import { postCyberTip } from "./routes/cybertip-post.js";
import { previewCyberTip } from "./routes/cybertip-preview.js";
import { getEvent } from "./routes/event-get.js";
import { postEvents } from "./routes/events-post.js";
import {
  deleteExchangeShare,
  listExchangeSources,
  postExchangeSource,
  pullExchangeSource,
  putExchangeShare,
} from "./routes/exchange-admin.js";
import { getExchangeFeed, getExchangePublicKey } from "./routes/exchange-feed-get.js";
import { getExpansionById } from "./routes/expansion-get.js";
import { postExpansion } from "./routes/expansions-post.js";
import { getHealth } from "./routes/health-get.js";
import {
  deleteHmaBankContent,
  getHmaBankContent,
  listHmaBanks,
  postHmaBank,
  postHmaBankContent,
  postHmaBankSignal,
} from "./routes/hma-curation.js";
import { getHmaHash, postHmaHash } from "./routes/hma-hashing.js";
import { getHmaIndexStatus, getHmaLookup, getHmaRawLookup, postHmaLookup } from "./routes/hma-matching.js";
import { getMediaContent } from "./routes/media-content-get.js";
import { postMedia } from "./routes/media-post.js";
import { getMetrics } from "./routes/metrics-get.js";
import { getOpenApi } from "./routes/openapi-get.js";
import { getReady } from "./routes/ready-get.js";
import { listAutoClosedReports } from "./routes/reports-auto-closed-get.js";
import { postReport } from "./routes/reports-post.js";
import { getSearch } from "./routes/search-get.js";
import { postSearchImage } from "./routes/search-image-post.js";
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
  getCrawlStatus,
  getConsoleCrawl,
  // Console, second part (issue 6): SLA and sort, escalation, lead confirmation, dashboard, hotline, wellness.
  putConsoleQueueSettings,
  escalateConsoleCase,
  postConsoleBulkConfirmation,
  getConsoleDashboard,
  getConsoleDashboardCsv,
  postConsoleMedia,
  postConsoleHotlineReport,
  getConsolePreferences,
  putConsolePreferences,
  putConsoleSettings,
  postCaseExport,
  // Network expansion (issue 10).
  postExpansion,
  getExpansionById,
  postConsoleExpansion,
  getConsoleExpansion,
  // CyberTipline reports (issue 8): console session, reviewer roles.
  previewCyberTip,
  postCyberTip,
  getCyberTip,
  // Bulk enforcement (issue 10): people only (session and role), like the console.
  postBulkAction,
  postBulkActionTargets,
  listBulkActions,
  getBulkAction,
  confirmBulkAction,
  executeBulkAction,
  reverseBulkAction,
  // Issue 16: every report reaches a person; search, case lists, the case workspace, hotline intake.
  listAutoClosedReports,
  listConsoleCases,
  listConsoleUsers,
  postConsoleCaseNote,
  putConsoleCaseAssignment,
  previewConsoleGroupActions,
  applyConsoleGroupActions,
  listConsoleAutoClosedReports,
  getSearch,
  postSearchImage,
  getConsoleSearch,
  postConsoleSearchImage,
  previewConsoleHotline,
  fileConsoleHotline,
  getConsoleHotline,
  getConsoleHotlineCaller,
  // Issue 19: hash exchange with partners, and HMA's API for tools built for it.
  getExchangeFeed,
  getExchangePublicKey,
  listExchangeSources,
  postExchangeSource,
  pullExchangeSource,
  putExchangeShare,
  deleteExchangeShare,
  postHmaHash,
  getHmaHash,
  getHmaLookup,
  postHmaLookup,
  getHmaRawLookup,
  getHmaIndexStatus,
  listHmaBanks,
  postHmaBank,
  getHmaBankContent,
  postHmaBankContent,
  postHmaBankSignal,
  deleteHmaBankContent,
];
