/**
 * Talks to the C++ reference driver (built outside the repository, see docs/PERFORMANCE.md
 * "Building the PDQ reference driver"): one long-lived process in batch mode, one image at
 * a time as raw interleaved pixels in a temporary file.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PixelImage } from "../src/hashing/pdq/pixel-image.js";

export interface ReferenceHashes {
  hash: string;
  quality: number;
  dihedralQuality: number;
  /** original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1 */
  dihedral: string[];
}

export class CppDriver {
  private readonly child;
  private readonly lines: AsyncIterator<string>;
  private readonly dir = mkdtempSync(join(tmpdir(), "vigil-pdq-cpp-"));
  private n = 0;

  constructor(path: string) {
    this.child = spawn(path, ["--batch"], { stdio: ["pipe", "pipe", "inherit"] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async hash(image: PixelImage): Promise<ReferenceHashes> {
    const file = join(this.dir, `${this.n++ % 4}.raw`);
    writeFileSync(file, image.pixels.subarray(0, image.width * image.height * image.channels));
    this.child.stdin.write(`${file} ${image.width} ${image.height} ${image.channels}\n`);
    const { value, done } = await this.lines.next();
    if (done || typeof value !== "string" || value === "error") throw new Error(`driver failed on ${file}`);
    const [hash, quality, dihedralQuality, ...dihedral] = value.trim().split(" ");
    return { hash, quality: Number(quality), dihedralQuality: Number(dihedralQuality), dihedral };
  }

  close(): void {
    this.child.stdin.end();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
