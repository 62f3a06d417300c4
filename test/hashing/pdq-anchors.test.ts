/**
 * Vigil's PDQ against Meta's C++ reference on the ThreatExchange test images
 * (../shared/anchors/pdq, hashes produced by the reference library on
 * full-resolution pixels and by its pdq-photo-hasher CLI).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import sharp from "sharp";
import { DEFAULT_DECODE_OPTIONS } from "../../src/hashing/decode-image.js";
import { hashImageBytes, type PdqMode } from "../../src/hashing/hash-image.js";
import { hammingDistanceHex } from "../../src/hashing/pdq/hash256.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";
import { readTsv } from "../support/tsv.js";

const anchors = sharedAnchor("pdq");

const DIHEDRAL_COLUMNS = {
  rotate90: "rot90",
  rotate180: "rot180",
  rotate270: "rot270",
  flipX: "flipx",
  flipY: "flipy",
  flipPlus1: "flipplus1",
  flipMinus1: "flipminus1",
} as const;

type Depth = "8-bit" | "deep";

interface Outcome {
  file: string;
  format: string;
  depth: Depth;
  distance: number;
  qualityEqual: boolean;
  dihedralMax: number;
}

async function compare(row: Record<string, string>, mode: PdqMode): Promise<Outcome> {
  const bytes = await readFile(join(anchors!, row.file));
  const meta = await sharp(bytes).metadata();
  const hashes = await hashImageBytes(bytes, {
    mode,
    dihedral: true,
    decode: DEFAULT_DECODE_OPTIONS,
    exact: true,
  });
  const prefix = mode === "full" ? "fullres" : "cli512";
  const expected = mode === "full" ? row.fullres_hash : row.cpp_cli_hash;
  const expectedQuality = mode === "full" ? row.fullres_quality : row.cpp_cli_quality;
  let dihedralMax = 0;
  for (const [name, column] of Object.entries(DIHEDRAL_COLUMNS)) {
    const want = row[`${prefix}_${column}`];
    if (!want) continue;
    const got = hashes.dihedral![name as keyof typeof DIHEDRAL_COLUMNS];
    dihedralMax = Math.max(dihedralMax, hammingDistanceHex(got, want));
  }
  return {
    file: row.file,
    format: meta.format,
    depth: meta.depth === "uchar" && (meta.bitsPerSample ?? 8) <= 8 ? "8-bit" : "deep",
    distance: hammingDistanceHex(hashes.pdq, expected),
    qualityEqual: String(hashes.quality) === expectedQuality,
    dihedralMax,
  };
}

function summarise(label: string, outcomes: Outcome[]): void {
  const by = (pick: (o: Outcome) => boolean) => outcomes.filter(pick);
  const line = (name: string, list: Outcome[]) =>
    `${name}: ${list.filter((o) => o.distance === 0).length}/${list.length} exact, max ${Math.max(0, ...list.map((o) => o.distance))} bits`;
  console.log(`PDQ vs C++ reference (${label}):`);
  console.log(
    `  ${line(
      "8-bit PNG",
      by((o) => o.format === "png" && o.depth === "8-bit"),
    )}`,
  );
  console.log(
    `  ${line(
      "16-bit/float",
      by((o) => o.depth === "deep"),
    )}`,
  );
  console.log(
    `  ${line(
      "JPEG",
      by((o) => o.format === "jpeg"),
    )}`,
  );
  console.log(
    `  ${line(
      "other (WebP)",
      by((o) => o.format !== "jpeg" && o.format !== "png"),
    )}`,
  );
  console.log(`  quality equal: ${by((o) => o.qualityEqual).length}/${outcomes.length}`);
  console.log(`  dihedral variants: max ${Math.max(0, ...outcomes.map((o) => o.dihedralMax))} bits`);
  for (const o of outcomes.filter((x) => x.distance > 0 || x.dihedralMax > 0 || !x.qualityEqual)) {
    console.log(
      `  differs: ${o.file} distance ${o.distance}, dihedral max ${o.dihedralMax}, quality equal ${o.qualityEqual}`,
    );
  }
}

/**
 * No tolerance: every hash, quality and dihedral variant equals the reference's. One
 * exception, named: the dihedral variants of 16-bit sources, whose table values come from
 * ImageMagick's own 16-to-8-bit reduction (pixels Vigil's decoder does not reproduce to the
 * last level; their plain hash is still exact). On Vigil's decoded pixels those variants
 * equal Meta's library too: pdq-cpp-driver.test.ts runs the library itself.
 */
function assertTargets(outcomes: Outcome[]): void {
  for (const o of outcomes) {
    assert.ok(o.qualityEqual, `${o.file}: quality differs`);
    assert.equal(o.distance, 0, `${o.file}: ${o.distance} bits from the reference`);
    if (o.depth === "deep") continue;
    assert.equal(o.dihedralMax, 0, `${o.file}: a dihedral variant is ${o.dihedralMax} bits off`);
  }
}

test("PDQ of full-resolution pixels equals the C++ reference library", {
  skip: anchors ? false : SHARED_ABSENT,
}, async () => {
  const rows = readTsv(join(anchors!, "generated-cpp-reference-hashes.tsv")).filter((r) => r.fullres_hash);
  assert.ok(rows.length >= 40, "reference table unexpectedly short");
  const outcomes: Outcome[] = [];
  for (const row of rows) outcomes.push(await compare(row, "full"));
  summarise("full resolution", outcomes);
  assertTargets(outcomes);
});

test("photo-hasher mode equals Meta's pdq-photo-hasher CLI", {
  skip: anchors ? false : SHARED_ABSENT,
}, async () => {
  const rows = readTsv(join(anchors!, "generated-cpp-reference-hashes.tsv")).filter((r) => r.cpp_cli_hash);
  const outcomes: Outcome[] = [];
  for (const row of rows) outcomes.push(await compare(row, "photo-hasher"));
  summarise("pdq-photo-hasher, 512x512 squash", outcomes);
  assertTargets(outcomes);
});

test("EXIF orientation: raw by default as the reference tools, applied on request", {
  skip: anchors ? false : SHARED_ABSENT,
}, async () => {
  for (const row of readTsv(join(anchors!, "generated-exif-autoorient-hashes.tsv"))) {
    const bytes = await readFile(join(anchors!, row.file));
    const raw = await hashImageBytes(bytes, {
      mode: "full",
      dihedral: false,
      decode: DEFAULT_DECODE_OPTIONS,
    });
    assert.equal(raw.pdq, row.raw_fullres_hash, `${row.file} raw`);
    const oriented = await hashImageBytes(bytes, {
      mode: "full",
      dihedral: false,
      decode: { ...DEFAULT_DECODE_OPTIONS, autoOrient: true },
    });
    assert.equal(`${oriented.width}x${oriented.height}`, row.autooriented_dims);
    assert.ok(
      hammingDistanceHex(oriented.pdq, row.autooriented_fullres_hash) <= 4,
      `${row.file} auto-oriented`,
    );
  }
});
