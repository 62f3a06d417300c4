/** The example in src/matching/README.md, run as written. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { PdqMultiIndex } from "../../src/matching/multi-index.js";
import { snapshotFromBuffer, snapshotToBuffer } from "../../src/matching/snapshot.js";

test("README example: add, search within 31 bits, snapshot round trip", () => {
  const index = new PdqMultiIndex();
  index.add(41, hash256FromHex("f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95"));
  index.add(42, hash256FromHex("b062eb9d2ab170c0567fcb672d9a5548c5612982dd5e374a7424ebbc8b135cb5"));
  assert.deepEqual(
    index.search(hash256FromHex("f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95"), 31),
    [
      { id: 41, distance: 0 },
      { id: 42, distance: 10 },
    ],
  );
  assert.equal(snapshotFromBuffer(snapshotToBuffer(index)).size, 2);
});
