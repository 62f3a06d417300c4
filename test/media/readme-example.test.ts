/** The example in src/media/README.md, run as written (with an empty environment, so the key file is used). */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { intakeMedia } from "../../src/media/media-intake.js";
import { openMediaVault } from "../../src/media/media-vault.js";
import { fixturesDir } from "../support/paths.js";

test("README example: intake an upload into a vault in the data folder, read it back", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-media-readme-"));
  try {
    const bytes = await readFile(join(fixturesDir, "images", "gradient-640x480.png"));

    const vault = await openMediaVault(dataDir, {});
    const media = await intakeMedia({ kind: "bytes", bytes }, vault);
    const same = await vault.get(media.ref);

    assert.equal(media.mime, "image/png");
    assert.equal(media.kind, "image");
    assert.equal(media.size, bytes.length);
    assert.ok(same.equals(bytes));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
