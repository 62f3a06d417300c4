/**
 * Text PostgreSQL cannot store, found before it reaches the database: a NUL
 * character (refused in `text`, and as `\u0000` in `jsonb`) and a lone UTF-16
 * surrogate (not Unicode: `jsonb` refuses it, `text` would silently turn it into
 * U+FFFD). Also JSON nested deeper than any honest client sends, which would
 * overflow the stack of recursive code further on (JSON.stringify overflows at
 * a few thousand levels). One check for the API edge and the store's last guard,
 * so both refuse the same things with the same path.
 */

export type UnstorableReason = "nul" | "lone_surrogate" | "too_deep";

export interface UnstorableText {
  reason: UnstorableReason;
  /** Dotted path to the offending string, key or container, e.g. `body.events.0.data.name`. */
  path: string;
}

/** Nesting of objects and arrays allowed in a request (an event batch uses 3 levels before `data`). */
export const MAX_JSON_DEPTH = 64;

// Without the `u` flag a regular expression sees UTF-16 code units, so a surrogate
// not paired with its partner is matchable.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableIn(text: string): "nul" | "lone_surrogate" | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === "\0" ? "nul" : "lone_surrogate";
}

export const UNSTORABLE_MESSAGES: Record<UnstorableReason, string> = {
  nul: "contains a NUL character (U+0000), which cannot be stored",
  lone_surrogate: "contains a lone surrogate (half of a UTF-16 pair), which is not Unicode text",
  too_deep: `is nested deeper than ${MAX_JSON_DEPTH} levels`,
};

/** Refused by the store: the last guard behind the API's own check. */
export class UnstorableTextError extends Error {
  override readonly name = "UnstorableTextError";
  constructor(readonly problem: UnstorableText) {
    super(`${problem.path} ${UNSTORABLE_MESSAGES[problem.reason]}`);
  }
}

interface Node {
  value: unknown;
  key: string | number;
  parent: Node | null;
  depth: number;
}

const SEGMENT_MAX = 100;

/** A key as a path segment: unstorable characters shown as U+FFFD, long keys cut. */
function segment(key: string | number): string {
  if (typeof key === "number") return String(key);
  const shown = key.replace(new RegExp(UNSTORABLE.source, "g"), "\ufffd");
  return shown.length > SEGMENT_MAX ? `${shown.slice(0, SEGMENT_MAX)}…` : shown;
}

const PATH_SEGMENTS_SHOWN = 20;

/** The dotted path; a very deep one keeps its start and end around an ellipsis. */
function pathOf(node: Node, extraKey?: string): string {
  const parts: string[] = extraKey === undefined ? [] : [segment(extraKey)];
  for (let n: Node | null = node; n; n = n.parent) parts.push(segment(n.key));
  parts.reverse();
  if (parts.length <= PATH_SEGMENTS_SHOWN) return parts.join(".");
  return [...parts.slice(0, PATH_SEGMENTS_SHOWN - 2), "…", ...parts.slice(-2)].join(".");
}

/**
 * The first unstorable string, key or too-deep container in a parsed JSON
 * value, or null. Iterative (an explicit stack), so hostile nesting cannot
 * overflow this check itself.
 */
export function findUnstorable(
  value: unknown,
  root: string,
  maxDepth = MAX_JSON_DEPTH,
): UnstorableText | null {
  const stack: Node[] = [{ value, key: root, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const v = node.value;
    if (typeof v === "string") {
      const reason = unstorableIn(v);
      if (reason) return { reason, path: pathOf(node) };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    const depth = node.depth + 1;
    if (depth > maxDepth) return { reason: "too_deep", path: pathOf(node) };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node, depth });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const reason = unstorableIn(key);
      if (reason) return { reason, path: pathOf(node, key) };
      stack.push({ value: (v as Record<string, unknown>)[key], key, parent: node, depth });
    }
  }
  return null;
}
