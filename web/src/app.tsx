/**
 * The console's shell: who is signed in, and which page shows. Pages are
 * addressed by the URL hash (#/case/12, #/bulk), so reload and back work
 * without the server knowing the console's routes.
 */
import type { JSX } from "react";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { api, type ConsoleUserView } from "./api.js";
import { AuditPage } from "./audit-page.js";
import { REVEALED_EVENT } from "./blurred-image.js";
import { BulkEnforcementPage } from "./bulk-enforcement-page.js";
import { BulkPage } from "./bulk-page.js";
import { CasePage } from "./case-page.js";
import { CrawlPage } from "./crawl-page.js";
import { Failure, failureMessage, isNetworkFailure } from "./failure.js";
import { HotlinePage } from "./hotline-page.js";
import { QueuesPage } from "./queues-page.js";
import { SignIn } from "./sign-in.js";
import { t, t2 } from "./strings.js";
import { WellnessPage } from "./wellness-page.js";

// The pictures' libraries (d3-force and d3-zoom, visx) load only with the pages that draw them.
const DashboardPage = lazy(() => import("./dashboard-page.js").then((m) => ({ default: m.DashboardPage })));
const ExpansionPage = lazy(() => import("./expansion-page.js").then((m) => ({ default: m.ExpansionPage })));

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return hash;
}

function go(path: string): void {
  location.hash = path;
}

export function App(): JSX.Element {
  const [user, setUser] = useState<ConsoleUserView | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [unreachable, setUnreachable] = useState<unknown>(null);
  const hash = useHash();
  const load = useCallback(
    () =>
      api.me().then(
        (r) => {
          setUser(r.user);
          setUnreachable(null);
        },
        // Signed out is the sign-in form; no answer at all is said as such, with a retry.
        (e) => (isNetworkFailure(e) ? setUnreachable(e) : setUser(null)),
      ),
    [],
  );
  useEffect(() => {
    load();
    window.addEventListener(REVEALED_EVENT, load);
    return () => window.removeEventListener(REVEALED_EVENT, load);
  }, [load]);
  const startReviewing = useCallback(async (queue: string) => {
    let next: Awaited<ReturnType<typeof api.next>>["case"];
    try {
      next = (await api.next(queue)).case;
    } catch (e) {
      setMessage(failureMessage(e));
      go("#/");
      return;
    }
    if (next) {
      setMessage(null);
      go(`#/case/${next.id}`);
    } else {
      setMessage(`${queue}: ${t.queueEmpty}`);
      go("#/");
    }
  }, []);
  const back = useCallback(() => go("#/"), []);
  const bulk = useCallback(() => go("#/bulk"), []);

  if (unreachable !== null && !user)
    return (
      <main>
        <Failure error={unreachable} onRetry={() => void load()} />
      </main>
    );
  if (user === undefined) return <p>{t.loading}</p>;
  if (user === null) return <SignIn onSignedIn={setUser} />;
  const caseMatch = /^#\/case\/(\d+)$/.exec(hash);
  return (
    <>
      <nav>
        <strong>{t.appName}</strong>
        <a href="#/">{t.queues}</a>
        <a href="#/bulk">{t.bulk}</a>
        {user.permissions.includes("audit.read") && <a href="#/audit">{t.audit}</a>}
        {user.permissions.includes("metrics.read") && <a href="#/crawl">{t.crawler}</a>}
        {user.permissions.includes("metrics.read") && <a href="#/dashboard">{t2.dashboard}</a>}
        {user.permissions.includes("reports.hotline") && <a href="#/hotline">{t2.hotline}</a>}
        <a href="#/wellness">{t2.wellness}</a>
        {user.permissions.includes("network.expand") && <a href="#/expansion">{t.expansion}</a>}
        {user.permissions.includes("bulk.request") && (
          <a href="#/bulk-enforcement">{t.bulkEnforcement.title}</a>
        )}
        <span className="who">
          {user.email} ({user.role})
        </span>
        <span className="exposure">{t.exposure(user.exposure.reveals, user.exposure.soft_limit)}</span>
        <button type="button" onClick={() => api.signOut().then(() => setUser(null))}>
          {t.signOut}
        </button>
      </nav>
      {user.exposure.reveals >= user.exposure.soft_limit && (
        <p className="notice break">{t.takeABreak(user.exposure.reveals)}</p>
      )}
      <Suspense fallback={<p>{t.loading}</p>}>
        {caseMatch ? (
          <CasePage caseId={Number(caseMatch[1])} onNext={startReviewing} onBack={back} />
        ) : hash === "#/bulk" ? (
          <BulkPage onBack={back} />
        ) : /^#\/expansion(\/|$)/.test(hash) ? (
          <ExpansionPage id={/^#\/expansion\/(.+)$/.exec(hash)?.[1] ?? null} onBack={back} />
        ) : /^#\/bulk-enforcement(\/\d+)?$/.test(hash) ? (
          <BulkEnforcementPage user={user} batchId={Number(hash.split("/")[2]) || null} onBack={back} />
        ) : hash === "#/audit" ? (
          <AuditPage onBack={back} />
        ) : hash === "#/crawl" ? (
          <CrawlPage onBack={back} />
        ) : hash === "#/dashboard" ? (
          <DashboardPage onBack={back} />
        ) : hash === "#/hotline" ? (
          <HotlinePage onBack={back} />
        ) : hash === "#/wellness" ? (
          <WellnessPage onBack={back} />
        ) : (
          <QueuesPage onStart={startReviewing} onBulk={bulk} message={message} />
        )}
      </Suspense>
    </>
  );
}
