/** MD5 and SHA-256 exact lookups: every id carrying a digest, through adds, moves and removes. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { DigestIndex, type DigestKind } from "../../src/matching/exact-index.js";
import { InvalidIndexArgumentError } from "../../src/matching/index-types.js";
import { xorshift } from "./hash-samples.js";

function digestOf(kind: DigestKind, n: number): string {
  return createHash(kind).update(`file ${n}`).digest("hex");
}

for (const kind of ["md5", "sha256"] as const) {
  test(`${kind}: lookups match a Map after random adds, moves and removes`, () => {
    const index = new DigestIndex(kind, 4);
    const truth = new Map<number, string>();
    const next = xorshift(kind === "md5" ? 1 : 2);
    for (let step = 0; step < 20000; step++) {
      const id = next() % 3000;
      const roll = next() % 10;
      if (roll < 6) {
        // Few distinct files, so many ids share a digest (the same file in several banks).
        const digest = digestOf(kind, next() % 800);
        index.add(id, step % 2 ? digest : digest.toUpperCase());
        truth.set(id, digest);
      } else {
        assert.equal(index.remove(id), truth.delete(id));
      }
    }
    assert.equal(index.size, truth.size);
    for (let n = 0; n < 800; n++) {
      const digest = digestOf(kind, n);
      const want = [...truth]
        .filter(([, d]) => d === digest)
        .map(([id]) => id)
        .sort((a, b) => a - b);
      assert.deepEqual(index.lookup(digest), want);
      assert.deepEqual(index.lookup(Buffer.from(digest, "hex")), want);
    }
    assert.deepEqual(index.lookup(digestOf(kind, 999999)), []);
  });
}

test("malformed digests are refused with a named error", () => {
  const index = new DigestIndex("md5");
  assert.throws(() => index.add(1, "abc"), InvalidIndexArgumentError);
  assert.throws(() => index.lookup("zz".repeat(16)), InvalidIndexArgumentError);
  assert.throws(() => index.lookup(new Uint8Array(32)), InvalidIndexArgumentError);
  assert.throws(() => index.add(1.5, "00".repeat(16)), InvalidIndexArgumentError);
});
