// Writes the small benign fixture images under fixtures/images from the pattern
// generator (run after `npm run build`). The files are committed, so their bytes
// (and hashes) do not depend on the encoder of the machine that runs the tests.
import { mkdirSync } from "node:fs";
import sharp from "sharp";
import { renderPattern } from "../dist/src/demo/patterns.js";

const out = "fixtures/images";
mkdirSync(out, { recursive: true });
const specs = [
  ["gradient", 640, 480, "png"],
  ["rings", 500, 375, "png"],
  ["plaid", 1024, 768, "jpg"],
  ["checker", 300, 200, "png"],
  ["noise", 64, 64, "png"],
  ["blobs", 1200, 90, "png"],
  ["noise", 800, 600, "jpg"],
];
for (const [name, width, height, format] of specs) {
  const image = renderPattern(name, width, height, 7);
  const pipeline = sharp(image.pixels, { raw: { width, height, channels: 3 } });
  const file = `${out}/${name}-${width}x${height}.${format}`;
  await (format === "png" ? pipeline.png({ compressionLevel: 9 }) : pipeline.jpeg({ quality: 85 })).toFile(
    file,
  );
  console.log(file);
}
// Layouts the decoder must handle: grey, grey+alpha, RGBA with transparent pixels.
const base = renderPattern("rings", 320, 240, 3);
await sharp(base.pixels, { raw: { width: 320, height: 240, channels: 3 } })
  .greyscale()
  .png()
  .toFile(`${out}/grey-320x240.png`);
const rgba = new Uint8Array(320 * 240 * 4);
for (let i = 0, j = 0; i < base.pixels.length; i += 3, j += 4) {
  rgba.set(base.pixels.subarray(i, i + 3), j);
  rgba[j + 3] = (j / 4) % 320 < 160 ? 255 : 0;
}
await sharp(rgba, { raw: { width: 320, height: 240, channels: 4 } })
  .png()
  .toFile(`${out}/rgba-half-transparent-320x240.png`);
console.log("grey and rgba fixtures");
