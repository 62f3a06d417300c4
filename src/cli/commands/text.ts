/**
 * `vigil text score` reads one text per line (stdin or --file) and prints one JSON
 * object per line: {"text","score","category","terms","normalised"} (plus
 * "transliterated" for other scripts and, with --explain, "matches" with positions).
 * `vigil text eval [FILE|DIR...]` scores labelled evaluation sets (a folder: its
 * `*.tsv` files) and prints precision and recall per category and language.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Command, InvalidArgumentError } from "commander";
import { evaluate, formatEvaluation, loadEvaluationSets, unmetTargets } from "../../signals/text/evaluate.js";
import { defaultLexiconDir, TextInputError, TextScorer } from "../../signals/text/index.js";
import { writeLine } from "../write-line.js";

interface ScoreOptions {
  file?: string;
  lexicons?: string;
  threshold?: number;
  explain: boolean;
}

interface EvalOptions {
  lexicons?: string;
  threshold?: number;
  errors: boolean;
  check: boolean;
}

function threshold(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError("expected a number in (0, 1]");
  return n;
}

function scorerFor(options: { lexicons?: string; threshold?: number }): TextScorer {
  return TextScorer.fromDirectory(
    options.lexicons ?? (process.env.VIGIL_LEXICON_DIR || defaultLexiconDir()),
    { threshold: options.threshold },
  );
}

async function score(options: ScoreOptions): Promise<number> {
  const scorer = scorerFor(options);
  const input = options.file && options.file !== "-" ? createReadStream(options.file) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let failures = 0;
  for await (const text of lines) {
    try {
      const s = scorer.score(text);
      const out: Record<string, unknown> = {
        text,
        score: s.score,
        category: s.category,
        terms: s.terms,
        normalised: s.normalised,
      };
      if (s.transliterated !== null) out.transliterated = s.transliterated;
      if (options.explain) out.matches = s.matches;
      if (s.truncated) out.truncated = true;
      await writeLine(JSON.stringify(out));
    } catch (error) {
      if (!(error instanceof TextInputError)) throw error;
      failures++;
      // Keep one output line per input line; do not echo a huge text back.
      await writeLine(
        JSON.stringify({ text: text.slice(0, 200), error: error.code, message: error.message }),
      );
    }
  }
  return failures > 0 ? 1 : 0;
}

function runEvaluation(paths: string[], options: EvalOptions): number {
  const scorer = scorerFor(options);
  const result = evaluate(scorer, loadEvaluationSets(paths));
  console.log(formatEvaluation(result));
  if (options.errors)
    for (const e of result.errors)
      console.log(
        `${e.line.file}:${e.line.line}\t${e.line.label} → ${e.got} (${e.score})\t${e.line.kind}\t${e.line.text}\t[${e.terms.join(", ")}]`,
      );
  const unmet = unmetTargets(result);
  console.log(unmet.length === 0 ? "targets met" : `targets not met: ${unmet.join("; ")}`);
  return options.check && unmet.length > 0 ? 1 : 0;
}

export function registerTextCommands(program: Command): void {
  const text = program.command("text").description("text signals: score group names and descriptions");
  text
    .command("score")
    .description("score texts read one per line; print one JSON object per line")
    .option("--file <file>", "read texts from a file instead of stdin (- for stdin)")
    .option("--lexicons <dir>", "lexicon folder (default: the repository's lexicons/ or $VIGIL_LEXICON_DIR)")
    .option("--threshold <x>", "score at which a category is reported (default 0.5)", threshold)
    .option("--explain", "add each matched term with its category, language and position", false)
    .action(async (options: ScoreOptions) => {
      process.exitCode = await score(options);
    });
  text
    .command("eval")
    .description("precision and recall on a labelled evaluation set")
    .argument(
      "[files...]",
      "label<TAB>language<TAB>kind<TAB>text files, or folders of them (default fixtures/text/eval.tsv)",
    )
    .option("--lexicons <dir>", "lexicon folder")
    .option("--threshold <x>", "threshold (default 0.5)", threshold)
    .option("--errors", "list every line scored differently from its label", false)
    .option(
      "--check",
      "exit 1 when a target (child-safety P >= 0.97, R >= 0.90, benign FP <= 1%) is not met",
      false,
    )
    .action((files: string[], options: EvalOptions) => {
      process.exitCode = runEvaluation(files.length > 0 ? files : ["fixtures/text/eval.tsv"], options);
    });
}
