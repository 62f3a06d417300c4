/**
 * A bank index snapshot reads back as the same index (PDQ, digests, bank,
 * provenance, ignored, seq), and any altered, truncated or padded copy is
 * refused with a SnapshotError naming what is wrong.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { decodeBankIndex, encodeBankIndex } from "../../src/matching/bank-index-snapshot.js";
import { BankMatcher } from "../../src/matching/bank-matcher.js";
import { SnapshotError } from "../../src/matching/snapshot.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";

function sample(): BankMatcher {
  const matcher = new BankMatcher();
  for (let i = 1; i <= 300; i++) {
    matcher.add(i, {
      bank: i % 2 ? "partner" : "local",
      signalType: "pdq",
      value: randomPdqHex(i),
      provenance: i % 3 ? "unconfirmed" : "confirmed",
      ignored: i === 7,
    });
  }
  const md5 = "d41d8cd98f00b204e9800998ecf8427e";
  matcher.add(1000, {
    bank: "local",
    signalType: "md5",
    value: md5,
    provenance: "confirmed",
    ignored: false,
  });
  return matcher;
}

test("a bank index snapshot reads back as the same index at the same seq", () => {
  const encoded = encodeBankIndex(sample(), 42);
  const decoded = decodeBankIndex(Buffer.concat(encoded.parts));
  assert.equal(decoded.seq, 42);
  assert.equal(decoded.matcher.size, 301);
  const [hit] = decoded.matcher.matchPdq(hash256FromHex(flipBits(randomPdqHex(9), 5)));
  assert.deepEqual([hit.entryId, hit.bank, hit.distance, hit.provenance], [9, "partner", 5, "confirmed"]);
  assert.equal(decoded.matcher.matchPdq(hash256FromHex(randomPdqHex(7)))[0].ignored, true);
  assert.equal(decoded.matcher.matchDigest("md5", "d41d8cd98f00b204e9800998ecf8427e")[0].entryId, 1000);
  // Adds after loading go on the loaded index.
  decoded.matcher.add(2000, {
    bank: "x",
    signalType: "pdq",
    value: randomPdqHex(2000),
    provenance: "confirmed",
    ignored: false,
  });
  assert.equal(decoded.matcher.matchPdq(hash256FromHex(randomPdqHex(2000)))[0].entryId, 2000);
});

test("an altered, truncated or padded snapshot is refused", () => {
  const bytes = Buffer.concat(encodeBankIndex(sample(), 42).parts);
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 100] ^= 0xff;
  assert.throws(
    () => decodeBankIndex(flipped),
    (e) => e instanceof SnapshotError && /checksum mismatch/.test(e.message),
  );
  assert.throws(() => decodeBankIndex(bytes.subarray(0, bytes.length - 8)), /size mismatch/);
  assert.throws(() => decodeBankIndex(Buffer.concat([bytes, Buffer.alloc(8)])), /size mismatch/);
  assert.throws(
    () => decodeBankIndex(Buffer.from("not a snapshot at all")),
    /not a Vigil bank index snapshot/,
  );
});
