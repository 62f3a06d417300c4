/** Generated benign image folders for benchmarks, cached between runs. */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { PATTERN_NAMES, renderPattern, seededRandom } from "../src/demo/patterns.js";

/**
 * `count` images, sides from 256 to 4000 pixels, alternately JPEG and PNG.
 * The folder name carries the recipe, so a changed recipe makes a new folder.
 */
export async function imageCorpus(count: number, log: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `vigil-bench-images-v1-${count}`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  mkdirSync(dir, { recursive: true });
  log(`generating ${count} benchmark images in ${dir} …`);
  const random = seededRandom(2026);
  for (let i = 0; i < count; i++) {
    const width = 256 + Math.floor(random() * 3745);
    const height = 256 + Math.floor(random() * 3745);
    const pattern = PATTERN_NAMES[i % PATTERN_NAMES.length];
    const image = renderPattern(pattern, width, height, i + 1);
    const pipeline = sharp(image.pixels, { raw: { width, height, channels: 3 } });
    const name = `${String(i).padStart(3, "0")}-${pattern}-${width}x${height}`;
    if (i % 2 === 0) await pipeline.jpeg({ quality: 85 }).toFile(join(dir, `${name}.jpg`));
    else await pipeline.png({ compressionLevel: 6 }).toFile(join(dir, `${name}.png`));
  }
  return dir;
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name));
}
