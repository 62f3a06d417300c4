/**
 * The console's shell: who is signed in, and which page shows. Pages are
 * addressed by the URL hash (#/case/12, #/bulk), so reload and back work
 * without the server knowing the console's routes.
 */
import type { JSX } from "react";
import { Suspense, useCallback, useEffect, useState } from "react";
import { api, type ConsoleUserView } from "./api.js";
import { Failure, failureMessage, isNetworkFailure } from "./failure.js";
import { REVEALED_EVENT } from "./media-blur.js";
import { Page } from "./page.js";
import { SearchBox } from "./search-box.js";
import { SignIn } from "./sign-in.js";
import { t, t2 } from "./strings.js";
import { caseListText } from "./strings-work.js";

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
  const [path, search = ""] = hash.split("?");
  return (
    <>
      <nav className="top" aria-label={t.appName}>
        <strong>{t.appName}</strong>
        <a href="#/">{t.queues}</a>
        <a href="#/cases">{caseListText.browse}</a>
        <a href="#/mine">{caseListText.mine}</a>
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
        <SearchBox current={path === "#/search" ? (new URLSearchParams(search).get("q") ?? "") : ""} />
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
        <Page
          hash={hash}
          user={user}
          message={message}
          onStart={startReviewing}
          onBack={back}
          onBulk={bulk}
        />
      </Suspense>
    </>
  );
}
