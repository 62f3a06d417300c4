/**
 * Benign generated images: gradients, rings, plaids and seeded noise. They are the
 * only "media" Vigil's tests, benchmarks and demo use, so nothing real is ever
 * needed (when a test needs a "known bad" image, it banks one of these).
 */

export type PatternName = "gradient" | "rings" | "plaid" | "checker" | "noise" | "blobs";

export const PATTERN_NAMES: PatternName[] = ["gradient", "rings", "plaid", "checker", "noise", "blobs"];

export interface RgbImage {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** xorshift32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

type Shader = (x: number, y: number) => [number, number, number];

function shaderFor(name: PatternName, width: number, height: number, seed: number): Shader {
  const random = seededRandom(seed);
  const phase = random() * Math.PI * 2;
  const scale = 3 + random() * 9;
  switch (name) {
    case "gradient":
      return (x, y) => [
        (255 * x) / width,
        (255 * y) / height,
        128 + 127 * Math.sin(phase + (x + y) / (width / 4)),
      ];
    case "rings": {
      const cx = width * (0.3 + 0.4 * random());
      const cy = height * (0.3 + 0.4 * random());
      return (x, y) => {
        const r = Math.hypot(x - cx, y - cy) / Math.max(width, height);
        const v = 128 + 127 * Math.sin(r * scale * 12 + phase);
        return [v, 255 - v, (v * 0.5 + 64) % 256];
      };
    }
    case "plaid":
      return (x, y) => {
        const a = Math.sin((x / width) * scale * 6 + phase);
        const b = Math.cos((y / height) * scale * 4 - phase);
        return [128 + 100 * a, 128 + 100 * b, 128 + 60 * a * b];
      };
    case "checker": {
      const cell = Math.max(2, Math.round(Math.min(width, height) / (4 + Math.floor(scale))));
      return (x, y) => {
        const on = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0;
        return on ? [230, 220, 40] : [30, 40 + (x % 50), 160];
      };
    }
    case "noise": {
      const cells = 16;
      const grid = Array.from({ length: (cells + 1) * (cells + 1) }, () => random() * 255);
      return (x, y) => {
        const gx = (x / width) * cells;
        const gy = (y / height) * cells;
        const ix = Math.floor(gx);
        const iy = Math.floor(gy);
        const fx = gx - ix;
        const fy = gy - iy;
        const at = (i: number, j: number) => grid[Math.min(j, cells) * (cells + 1) + Math.min(i, cells)];
        const v =
          at(ix, iy) * (1 - fx) * (1 - fy) +
          at(ix + 1, iy) * fx * (1 - fy) +
          at(ix, iy + 1) * (1 - fx) * fy +
          at(ix + 1, iy + 1) * fx * fy;
        return [v, (v * 0.7 + 40) % 256, 255 - v];
      };
    }
    case "blobs": {
      const blobs = Array.from({ length: 6 }, () => ({
        x: random() * width,
        y: random() * height,
        r: (0.1 + random() * 0.25) * Math.min(width, height),
        c: [random() * 255, random() * 255, random() * 255],
      }));
      return (x, y) => {
        let rgb: [number, number, number] = [20, 20, 30];
        for (const b of blobs) if (Math.hypot(x - b.x, y - b.y) < b.r) rgb = [b.c[0], b.c[1], b.c[2]];
        return rgb;
      };
    }
  }
}

export function renderPattern(name: PatternName, width: number, height: number, seed = 1): RgbImage {
  const shade = shaderFor(name, width, height, seed);
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      const [r, g, b] = shade(x, y);
      pixels[i] = clamp(r);
      pixels[i + 1] = clamp(g);
      pixels[i + 2] = clamp(b);
    }
  }
  return { pixels, width, height, channels: 3 };
}
