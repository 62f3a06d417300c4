/**
 * Line and column of every value in a JSON text, by path, so problems found
 * after JSON.parse (schema, safety) can point into the file. JSON.parse stays
 * the judge of validity; this scanner only finds places, and on a syntax
 * error says where it stopped (V8's messages do not always give a position).
 */
import { formatJsonPath, type JsonPath } from "./rule-problems.js";

export interface TextLocation {
  line: number;
  column: number;
}

export type JsonScan =
  | { ok: true; locate(path: JsonPath): TextLocation | undefined }
  | { ok: false; at: TextLocation; message: string };

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function locationAt(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function scanJson(text: string): JsonScan {
  const offsets = new Map<string, number>();
  let i = 0;

  const fail = (message: string): never => {
    throw new ScanError(i, message);
  };
  const skipSpace = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const found = () => (i < text.length ? `'${text[i]}'` : "the end of the file");
  const expect = (char: string) => {
    skipSpace();
    if (text[i] !== char) fail(`expected '${char}' but found ${found()}`);
    i++;
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail("control character inside a string");
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const value = (path: (string | number)[], record: boolean) => {
    skipSpace();
    if (record) offsets.set(formatJsonPath(path), i);
    const c = text[i];
    if (c === "{") {
      i++;
      skipSpace();
      if (text[i] === "}") return void i++;
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a double-quoted property name but found ${found()}`);
        const keyStart = i;
        string();
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        offsets.set(formatJsonPath([...path, key]), keyStart);
        expect(":");
        value([...path, key], false);
        skipSpace();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(`expected ',' or '}' but found ${found()}`);
      }
    }
    if (c === "[") {
      i++;
      skipSpace();
      if (text[i] === "]") return void i++;
      for (let index = 0; ; index++) {
        value([...path, index], true);
        skipSpace();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(`expected ',' or ']' but found ${found()}`);
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (!literal) fail(`unexpected ${found()}`);
    i += literal?.[0].length ?? 0;
  };

  try {
    value([], true);
    skipSpace();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
  } catch (error) {
    if (error instanceof ScanError)
      return { ok: false, at: locationAt(text, error.offset), message: error.message };
    throw error;
  }
  return {
    ok: true,
    locate(path) {
      // A problem on a missing member points at the nearest enclosing value that exists.
      for (let n = path.length; n >= 0; n--) {
        const offset = offsets.get(formatJsonPath(path.slice(0, n)));
        if (offset !== undefined) return locationAt(text, offset);
      }
      return undefined;
    },
  };
}
