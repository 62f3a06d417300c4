/**
 * Vigil's PDQ against Meta's C++ library itself, on the same decoded pixels: 1,000
 * generated benign images (bench/pdq-generated-images.ts), the plain hash, its quality
 * and all 8 dihedral variants, with no tolerance. Needs the driver built outside the
 * repository (docs/PERFORMANCE.md, "Building the PDQ reference driver") and
 * VIGIL_PDQ_CPP_DRIVER pointing to it; skipped, saying so, otherwise.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CppDriver } from "../../bench/pdq-cpp-driver.js";
import { GENERATED_IMAGE_COUNT, generatedImage } from "../../bench/pdq-generated-images.js";
import { DIHEDRAL_NAMES } from "../../src/hashing/pdq/dihedral.js";
import { hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { pdqDihedralFromPixels, pdqFromPixels, pdqPathCounts } from "../../src/hashing/pdq/pdq.js";

const driverPath = process.env.VIGIL_PDQ_CPP_DRIVER;
const SKIP = "VIGIL_PDQ_CPP_DRIVER is not set (path of the C++ reference driver); comparison skipped";

test("1,000 generated images hash exactly as Meta's C++ library (hash, quality, 8 dihedral variants)", {
  skip: driverPath ? false : SKIP,
  timeout: 30 * 60_000,
}, async () => {
  const driver = new CppDriver(driverPath!);
  const misses: string[] = [];
  const before = { ...pdqPathCounts };
  try {
    for (let i = 0; i < GENERATED_IMAGE_COUNT; i++) {
      const image = await generatedImage(i);
      const want = await driver.hash(image);
      const plain = pdqFromPixels(image, true);
      const dihedral = pdqDihedralFromPixels(image, true);
      if (hash256ToHex(plain.hash) !== want.hash || plain.quality !== want.quality) {
        misses.push(
          `${image.label}: ${hash256ToHex(plain.hash)} q${plain.quality}, reference ${want.hash} q${want.quality}`,
        );
      }
      if (dihedral.quality !== want.dihedralQuality) misses.push(`${image.label}: dihedral quality`);
      DIHEDRAL_NAMES.forEach((name, k) => {
        if (hash256ToHex(dihedral.dihedral[name]) !== want.dihedral[k])
          misses.push(`${image.label}: ${name}`);
      });
    }
  } finally {
    driver.close();
  }
  const exact = pdqPathCounts.exact - before.exact;
  const fast = pdqPathCounts.fast - before.fast;
  console.log(
    `C++ driver: ${GENERATED_IMAGE_COUNT} images x 2 calls; fast path ${fast}, exact path ${exact}`,
  );
  assert.deepEqual(misses.slice(0, 20), [], `${misses.length} differences from the reference`);
});
