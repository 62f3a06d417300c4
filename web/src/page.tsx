/**
 * Which page the address shows. Pages are addressed by the URL hash (#/case/12,
 * #/search?q=…), so reload and back work without the server knowing the console's routes.
 */
import type { JSX } from "react";
import { lazy } from "react";
import type { ConsoleUserView } from "./api.js";
import { AuditPage } from "./audit-page.js";
import { BulkEnforcementPage } from "./bulk-enforcement-page.js";
import { BulkPage } from "./bulk-page.js";
import { CaseListPage } from "./case-list-page.js";
import { CasePage } from "./case-page.js";
import { CrawlPage } from "./crawl-page.js";
import { HotlinePage } from "./hotline-page.js";
import { QueuesPage } from "./queues-page.js";
import { SearchPage } from "./search-page.js";
import { WellnessPage } from "./wellness-page.js";

// The pictures' libraries (d3-force and d3-zoom, visx) load only with the pages that draw them.
const DashboardPage = lazy(() => import("./dashboard-page.js").then((m) => ({ default: m.DashboardPage })));
const ExpansionPage = lazy(() => import("./expansion-page.js").then((m) => ({ default: m.ExpansionPage })));

export interface PageProps {
  hash: string;
  user: ConsoleUserView;
  message: string | null;
  onStart(queue: string): void;
  onBack(): void;
  onBulk(): void;
}

export function Page({ hash, user, message, onStart, onBack, onBulk }: PageProps): JSX.Element {
  const [path, search = ""] = hash.split("?");
  const params = new URLSearchParams(search);
  const caseMatch = /^#\/case\/(\d+)$/.exec(path);
  if (caseMatch) return <CasePage caseId={Number(caseMatch[1])} onNext={onStart} onBack={onBack} />;
  if (path === "#/search")
    return <SearchPage q={params.get("q") ?? ""} offset={Number(params.get("offset") ?? 0) || 0} />;
  if (path === "#/cases" || path === "#/mine")
    return <CaseListPage params={params} mine={path === "#/mine"} />;
  if (/^#\/expansion(\/|$)/.test(path))
    return <ExpansionPage id={/^#\/expansion\/(.+)$/.exec(path)?.[1] ?? null} onBack={onBack} />;
  if (/^#\/bulk-enforcement(\/\d+)?$/.test(path))
    return <BulkEnforcementPage user={user} batchId={Number(path.split("/")[2]) || null} onBack={onBack} />;
  switch (path) {
    case "#/bulk":
      return <BulkPage onBack={onBack} />;
    case "#/audit":
      return <AuditPage onBack={onBack} />;
    case "#/crawl":
      return <CrawlPage onBack={onBack} />;
    case "#/dashboard":
      return <DashboardPage onBack={onBack} />;
    case "#/hotline":
      return <HotlinePage onBack={onBack} />;
    case "#/wellness":
      return <WellnessPage onBack={onBack} />;
    default:
      return <QueuesPage onStart={onStart} onBulk={onBulk} message={message} />;
  }
}
