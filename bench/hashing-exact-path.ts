/**
 * How often PDQ's exact path runs and what it costs (issue 18): the 1,000 generated images of
 * the conformance test (bench/pdq-generated-images.ts) hashed one by one, each timed and
 * counted by the path that produced it (src/hashing/pdq/pdq.ts, pdqPathCounts).
 */
import { pdqFromPixels, pdqPathCounts } from "../src/hashing/pdq/pdq.js";
import { GENERATED_IMAGE_COUNT, generatedImage } from "./pdq-generated-images.js";

export interface ExactPathFigures {
  images: number;
  exact: number;
  exactMs: number;
  fastMs: number;
  megapixelsExact: number;
}

export async function measureExactPath(): Promise<ExactPathFigures> {
  const figures = { images: GENERATED_IMAGE_COUNT, exact: 0, exactMs: 0, fastMs: 0, megapixelsExact: 0 };
  for (let i = 0; i < GENERATED_IMAGE_COUNT; i++) {
    const image = await generatedImage(i);
    const before = pdqPathCounts.exact;
    const started = process.hrtime.bigint();
    pdqFromPixels(image, true);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (pdqPathCounts.exact > before) {
      figures.exact++;
      figures.exactMs += ms;
      figures.megapixelsExact += (image.width * image.height) / 1e6;
    } else figures.fastMs += ms;
  }
  return figures;
}
