/**
 * Why a rule set was refused: each problem names the rule, the JSON path
 * inside the file and, when the text is at hand, the line, so an operator can
 * go straight to it.
 */
export type JsonPath = readonly (string | number)[];

export interface RuleProblem {
  /** Segments from the top of the file, e.g. ["rules", 2, "then", "actions", 0]. */
  path: JsonPath;
  /** The rule's name when it has one, else undefined (the path still says rules[i]). */
  rule?: string;
  message: string;
  /** 1-based, when the set was read from text. */
  line?: number;
  column?: number;
}

/** `rules[2].then.actions[0]`: the form jq and editors use. */
export function formatJsonPath(path: JsonPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(top level)" : out;
}

export function formatProblem(problem: RuleProblem): string {
  const where = problem.line === undefined ? "" : `line ${problem.line}, column ${problem.column ?? 1}: `;
  const rule = problem.rule === undefined ? "" : `rule ${problem.rule}: `;
  const path = problem.path.length === 0 ? "" : `${formatJsonPath(problem.path)}: `;
  return `${where}${rule}${path}${problem.message}`;
}

export class RuleSetError extends Error {
  override readonly name = "RuleSetError";

  constructor(
    /** The file, or another label such as "database", the set came from. */
    readonly source: string,
    readonly problems: readonly RuleProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `${source}: rule set refused, ${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`,
    );
  }
}
