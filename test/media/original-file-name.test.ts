import assert from "node:assert/strict";
import { test } from "node:test";
import { originalFileName } from "../../src/media/original-file-name.js";

test("an upload's file name is kept as its last segment, without control or bidi-override characters", () => {
  assert.equal(originalFileName("IMG_0001.png"), "IMG_0001.png");
  assert.equal(originalFileName("C:\\fakepath\\shot.png"), "shot.png");
  assert.equal(originalFileName("../../etc/passwd"), "passwd");
  assert.equal(originalFileName("a\u0000b\u0007.png"), "ab.png");
  assert.equal(originalFileName("photo\u202Egnp.exe"), "photognp.exe", "no right-to-left override");
  assert.equal(originalFileName("שלום.png"), "שלום.png", "right-to-left names themselves are kept");
  assert.equal(originalFileName("x".repeat(1000))?.length, 255);
  for (const empty of [undefined, "", "/", "..", " \u0001 "])
    assert.equal(originalFileName(empty), undefined);
});
