/**
 * Hot reload: watches a lexicon folder and swaps a new lexicon into a scorer when a
 * file changes. A folder that fails to load (a bad line, a file half-written) is
 * reported and the scorer keeps the lexicon it had, so a typo never blinds it.
 */
import { type FSWatcher, watch } from "node:fs";
import { type Lexicon, loadLexiconDirectory } from "./lexicon.js";
import type { TextScorer } from "./text-scorer.js";

export interface WatchLexiconsOptions {
  /** Changes are gathered for this long before one reload (editors write files in steps). Default 200 ms. */
  debounceMs?: number;
  onReload?: (lexicon: Lexicon) => void;
  onError?: (error: Error) => void;
}

/** Starts watching; returns a function that stops it. */
export function watchLexicons(
  dir: string,
  scorer: TextScorer,
  options: WatchLexiconsOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | null = null;
  const reload = () => {
    timer = null;
    try {
      const lexicon = loadLexiconDirectory(dir);
      scorer.useLexicon(lexicon);
      options.onReload?.(lexicon);
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const watcher: FSWatcher = watch(dir, (_event, file) => {
    if (file !== null && !String(file).endsWith(".tsv")) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on("error", (error) => options.onError?.(error));
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
