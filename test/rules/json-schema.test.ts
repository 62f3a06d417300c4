/** rules/schema.json is exactly what the zod schemas generate, so editors check files as Vigil does. */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { ruleSetJsonSchema } from "../../src/rules/json-schema.js";
import { repoRoot } from "../support/paths.js";

test("rules/schema.json matches the rule language (regenerate with `vigil rules schema > rules/schema.json`)", async () => {
  const shipped = JSON.parse(await readFile(join(repoRoot, "rules", "schema.json"), "utf8")) as unknown;
  assert.deepEqual(shipped, ruleSetJsonSchema());
});
