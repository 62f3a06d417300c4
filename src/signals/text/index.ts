/**
 * The text signal's public face. The pipeline calls `scoreText(field, text)`;
 * everything else (the CLI, the evaluation, tests) uses `TextScorer` directly.
 */
import { fileURLToPath } from "node:url";
import type { TextField } from "../../domain/events.js";
import type { TextSignal } from "../../domain/signals.js";
import { TextScorer } from "./text-scorer.js";

export {
  type Lexicon,
  LexiconError,
  type LexiconTerm,
  loadLexiconDirectory,
  parseLexicon,
} from "./lexicon.js";
export { normalise } from "./normalise.js";
export { DEFAULT_THRESHOLD, type TextCategory } from "./score.js";
export {
  DEFAULT_MAX_TEXT_LENGTH,
  type TermExplanation,
  TextInputError,
  type TextScore,
  TextScorer,
  type TextScorerOptions,
} from "./text-scorer.js";
export { watchLexicons } from "./watch-lexicons.js";

/** The repository's lexicons/ folder (app/config.ts and the CLI put $VIGIL_LEXICON_DIR before it). */
export function defaultLexiconDir(): string {
  return fileURLToPath(new URL("../../../../lexicons/", import.meta.url));
}

let shared: TextScorer | null = null;

/** The scorer scoreText uses, loaded from `dir` (default: defaultLexiconDir()) on first use. */
export function defaultTextScorer(dir: string = defaultLexiconDir()): TextScorer {
  shared ??= TextScorer.fromDirectory(dir);
  return shared;
}

/**
 * Scores one text field of an event with the default lexicons: a TextSignal when
 * the text reaches child_safety or adult at the default threshold, else null.
 * Throws LexiconError if the lexicons cannot be loaded and TextInputError for a
 * text longer than DEFAULT_MAX_TEXT_LENGTH.
 */
export function scoreText(field: TextField, text: string): TextSignal | null {
  return defaultTextScorer().signal(field, text);
}
