/**
 * Lexicons: term lists as data. One tab-separated file per language in one folder
 * (`lexicons/en.tsv`, ...; `und.tsv` holds terms of no language, such as emoji
 * codes), one term per line:
 *
 *   term <TAB> category <TAB> weight [<TAB> match [<TAB> note]]
 *
 * Lines starting with `#` and blank lines are ignored. The file format is described
 * for operators in lexicons/README.md.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * What a term says: `minor` (an age or a child), `sexual`, `abuse` (an explicit
 * abuse term or code: a child-safety signal on its own), `code` (an ambiguous
 * code word, e.g. 🍕, that means abuse only beside a sexual term) and `benign`
 * (context that lowers every score: "against", "pokemon", "recipe").
 */
export const TERM_CATEGORIES = ["minor", "sexual", "abuse", "code", "benign"] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];

/**
 * Where a term may match in the squashed text: `word` from a word's start to a
 * word's end (it may span words: "child porn" = "childporn"), `prefix` from a
 * word's start ("porn" in "pornos"), `inside` anywhere within a word
 * ("porno" in "kinderporno").
 */
export const MATCH_MODES = ["word", "prefix", "inside"] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export interface LexiconTerm {
  /** As written in the file (a range like `{12-17}yo` is expanded to one term per number). */
  term: string;
  /** The file's name without `.tsv`: a BCP 47 tag such as `en`, or `und`. */
  language: string;
  category: TermCategory;
  /** 0 < weight <= 1: how strongly the term alone says its category. */
  weight: number;
  match: MatchMode;
  /** `file:line`, for explanations and error messages. */
  source: string;
  note: string;
}

export interface Lexicon {
  terms: LexiconTerm[];
  /** Files read, in order. */
  files: string[];
}

export class LexiconError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `lexicon not loaded: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ""}`,
    );
    this.name = "LexiconError";
  }
}

const RANGE = /\{(\d{1,3})-(\d{1,3})\}/;
const MAX_TERM_LENGTH = 200;

/** Expands one numeric range, so ages are one line: `{12-17}yo` → 12yo … 17yo. */
function expand(term: string): string[] | string {
  const m = RANGE.exec(term);
  if (!m) return [term];
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (to < from || to - from > 200) return `range {${from}-${to}} must ascend and span at most 200 numbers`;
  if (RANGE.test(term.replace(RANGE, ""))) return "one {a-b} range per term";
  return Array.from({ length: to - from + 1 }, (_, i) => term.replace(RANGE, String(from + i)));
}

/** Parses one file's text; returns its terms and every problem as `file:line: message`. */
export function parseLexicon(text: string, file: string): { terms: LexiconTerm[]; problems: string[] } {
  const language = basename(file).replace(/\.tsv$/, "");
  const terms: LexiconTerm[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const where = `${basename(file)}:${n + 1}`;
    const [term = "", category = "", weight = "", match = "word", note = ""] = line
      .split("\t")
      .map((f) => f.trim());
    const w = Number(weight);
    const problem =
      term === ""
        ? "empty term"
        : term.length > MAX_TERM_LENGTH
          ? `term longer than ${MAX_TERM_LENGTH} characters`
          : !(TERM_CATEGORIES as readonly string[]).includes(category)
            ? `category "${category}" is not one of ${TERM_CATEGORIES.join(", ")}`
            : !(w > 0 && w <= 1)
              ? `weight "${weight}" is not a number in (0, 1]`
              : !(MATCH_MODES as readonly string[]).includes(match || "word")
                ? `match "${match}" is not one of ${MATCH_MODES.join(", ")}`
                : null;
    if (problem) {
      problems.push(`${where}: ${problem}`);
      continue;
    }
    const expanded = expand(term);
    if (typeof expanded === "string") {
      problems.push(`${where}: ${expanded}`);
      continue;
    }
    for (const t of expanded)
      terms.push({
        term: t,
        language,
        category: category as TermCategory,
        weight: w,
        match: (match || "word") as MatchMode,
        source: where,
        note,
      });
  }
  return { terms, problems };
}

/** Reads every `*.tsv` in a folder, in name order; throws LexiconError naming every bad line. */
export function loadLexiconDirectory(dir: string): Lexicon {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort();
  const terms: LexiconTerm[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseLexicon(readFileSync(join(dir, file), "utf8"), file);
    terms.push(...parsed.terms);
    problems.push(...parsed.problems);
  }
  if (files.length === 0) problems.push(`${dir}: no .tsv lexicon files`);
  if (problems.length > 0) throw new LexiconError(problems);
  return { terms, files: files.map((f) => join(dir, f)) };
}
