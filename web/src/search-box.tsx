/**
 * The one search box, on every page (in the menu), and links into search for anything on a
 * page that can be searched: ids, invite links, phone numbers, hashes, case numbers and
 * hotline references. `/` is the case page's reason field, so the box has no shortcut.
 */
import type { JSX, ReactNode } from "react";
import { useEffect, useState } from "react";
import { searchText } from "./strings-work.js";

export const searchHref = (q: string, offset = 0) =>
  `#/search?${new URLSearchParams({ q, ...(offset > 0 ? { offset: String(offset) } : {}) })}`;

export function SearchBox({ current }: { current: string }): JSX.Element {
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  return (
    <search className="search-box">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim() !== "") location.hash = searchHref(q.trim());
        }}
      >
        <input
          type="search"
          name="q"
          aria-label={searchText.box}
          placeholder={searchText.boxHint}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">{searchText.go}</button>
      </form>
    </search>
  );
}

/** Something on the page, as a link into search for it. */
export function TermLink({ q, children }: { q: string; children?: ReactNode }): JSX.Element {
  return (
    <a className="term" href={searchHref(q)}>
      {children ?? q}
    </a>
  );
}
