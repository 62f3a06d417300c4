/**
 * Words for people (issue 16 point 6): every error name the server can answer with
 * (src/api/errors.ts, the list the ErrorBody schema and every ApiError take) has a sentence
 * in the console's web/src/strings.ts. The console's strings are compiled by Vite, not tsc, so
 * the test transpiles the file with TypeScript and imports it, and reads what the page reads.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { API_ERRORS } from "../../src/api/errors.js";
import { repoRoot } from "../support/paths.js";

async function consoleStrings(): Promise<Record<string, unknown>> {
  const source = await readFile(join(repoRoot, "web/src/strings.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  assert.doesNotMatch(outputText, /^import /m, "strings.ts imports nothing at run time");
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);
}

test("every API error name has a sentence for people in web/src/strings.ts", async () => {
  const { errorText } = (await consoleStrings()) as { errorText: Record<string, string> };
  const names = Object.keys(API_ERRORS);
  assert.ok(names.length >= 30, `the server's error names: ${names.join(", ")}`);
  const missing = names.filter((name) => typeof errorText[name] !== "string");
  assert.deepEqual(missing, [], "error names without a sentence");
  for (const name of names) {
    const sentence = errorText[name];
    assert.match(sentence, /^[A-Z].*[.!]$/s, `${name}: a sentence, capitalised and ended`);
    assert.doesNotMatch(sentence, /\b[A-Z][a-z]+[A-Z][a-z]+\w*\b/, `${name}: no error codes in the sentence`);
    assert.ok(!sentence.includes("undefined"), name);
  }
  const stale = Object.keys(errorText).filter((name) => !(name in API_ERRORS));
  assert.deepEqual(stale, [], "sentences for names the server no longer answers with");
});

test("no answer at all is said in words and offers a retry", async () => {
  const { failureText } = (await consoleStrings()) as {
    failureText: { network: string; retry: string; unknown(status: number): string };
  };
  assert.match(failureText.network, /could not be reached/);
  assert.doesNotMatch(failureText.network, /TypeError|fetch/);
  assert.equal(failureText.retry, "Try again");
  assert.match(failureText.unknown(502), /502/);
});
