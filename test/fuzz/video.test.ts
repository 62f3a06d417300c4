/**
 * Issue 17: garbage video containers through the path an uploaded video takes
 * (hashMediaBytes: sniff, limits, a scratch file, the sandboxed ffprobe and
 * ffmpeg, vPDQ). A corpus of container headers followed by garbage, boxes and
 * elements whose sizes lie, and cut-short real clips, then fast-check byte
 * damage of a real MP4 and WebM. Every case ends as hashes or a coded
 * MediaError. Skips, saying so, without ffmpeg. Each case starts ffprobe and
 * ffmpeg (about half a second), so the counts are kept small.
 */
import { before, test } from "node:test";
import fc from "fast-check";
import { MediaError } from "../../src/hashing/media-error.js";
import { DEFAULT_MEDIA_HASH_OPTIONS, hashMediaBytes } from "../../src/media/hash-media-bytes.js";
import { corruptMp4, FFMPEG_ABSENT, generatedVideo } from "../support/generated-video.js";
import { FUZZ_SEED, namedBy, OutcomeTally } from "./outcome-tally.js";

const RUNS_PER_CONTAINER = 8;
/** Short enough that a case that would hang costs little; long enough for a loaded machine. */
const options = { videoTimeoutSeconds: 30 };

let clips: { mp4: Buffer; webm: Buffer } | null = null;
before(async () => {
  if (FFMPEG_ABSENT) return;
  clips = { mp4: await generatedVideo("mp4", 1), webm: await generatedVideo("webm", 1) };
});

const box = (type: string, size: number, body: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(size >>> 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
};
const garbage = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed) & 0xff));
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

function corpus(real: { mp4: Buffer; webm: Buffer }): { name: string; bytes: Buffer }[] {
  const ftyp = box("ftyp", 20, Buffer.from("isom\0\0\0\0isom", "latin1"));
  const cases = [
    { name: "mp4 ftyp then garbage", bytes: corruptMp4() },
    { name: "mp4 moov of 4 GB", bytes: Buffer.concat([ftyp, box("moov", 0xffffffff), garbage(2000, 1)]) },
    { name: "mp4 moov of size 1 (64-bit size missing)", bytes: Buffer.concat([ftyp, box("moov", 1)]) },
    { name: "mp4 box of size 0 (to end)", bytes: Buffer.concat([ftyp, box("mdat", 0), garbage(3000, 2)]) },
    {
      name: "mp4 nested trak without media",
      bytes: Buffer.concat([ftyp, box("moov", 24, box("trak", 16, box("mdia", 8)))]),
    },
    { name: "mp4 ftyp only", bytes: ftyp },
    {
      name: "quicktime brand then garbage",
      bytes: Buffer.concat([box("ftyp", 20, Buffer.from("qt  \0\0\0\0qt  ", "latin1")), garbage(4000, 3)]),
    },
    {
      name: "webm EBML then garbage",
      bytes: Buffer.concat([EBML, Buffer.from("\x9fB\x82\x84webm", "latin1"), garbage(4000, 4)]),
    },
    {
      name: "webm EBML size of 8 bytes of 0xff",
      bytes: Buffer.concat([EBML, Buffer.alloc(8, 0xff), garbage(500, 5)]),
    },
    { name: "matroska EBML only", bytes: EBML },
    {
      name: "flv header then garbage",
      bytes: Buffer.concat([Buffer.from("FLV\x01\x05\0\0\0\x09", "latin1"), garbage(3000, 6)]),
    },
    {
      name: "mpeg-ts sync bytes and garbage",
      bytes: Buffer.concat(
        Array.from({ length: 20 }, (_, i) => Buffer.concat([Buffer.from([0x47]), garbage(187, i)])),
      ),
    },
    {
      name: "mpeg-ps pack header then garbage",
      bytes: Buffer.concat([Buffer.from([0, 0, 1, 0xba]), garbage(3000, 7)]),
    },
    {
      name: "avi riff then garbage",
      bytes: Buffer.concat([Buffer.from("RIFF\xff\xff\xff\xffAVI LIST", "latin1"), garbage(3000, 8)]),
    },
  ];
  for (const [container, bytes] of Object.entries(real)) {
    for (const n of [64, bytes.length >> 1, bytes.length - 100]) {
      cases.push({ name: `${container} cut at ${n}`, bytes: bytes.subarray(0, n) });
    }
  }
  return cases;
}

test("garbage and cut-short containers end in hashes or a coded MediaError", {
  skip: FFMPEG_ABSENT,
}, async (t) => {
  if (!clips) throw new Error("clips were not generated");
  const tally = new OutcomeTally("video container corpus", namedBy(MediaError));
  for (const c of corpus(clips))
    await tally.run(c.name, () => hashMediaBytes(c.bytes, { ...DEFAULT_MEDIA_HASH_OPTIONS, ...options }));
  tally.report(t);
});

for (const container of ["mp4", "webm"] as const) {
  test(`property: damaged ${container} bytes end in hashes or a coded MediaError`, {
    skip: FFMPEG_ABSENT,
  }, async (t) => {
    if (!clips) throw new Error("clips were not generated");
    const real = clips[container];
    const tally = new OutcomeTally(`video ${container} (mutated)`, namedBy(MediaError));
    const damage = fc.array(fc.record({ at: fc.nat(real.length - 1), byte: fc.nat(255) }), {
      minLength: 1,
      maxLength: 16,
    });
    await fc.assert(
      fc.asyncProperty(damage, async (changes) => {
        const bytes = Buffer.from(real);
        // Keep the magic bytes, so the damage reaches ffprobe and ffmpeg.
        for (const { at, byte } of changes) bytes[Math.max(12, at)] = byte;
        await tally.run(`${container} with ${changes.length} bytes changed`, () =>
          hashMediaBytes(bytes, { ...DEFAULT_MEDIA_HASH_OPTIONS, ...options }),
        );
      }),
      { seed: FUZZ_SEED, numRuns: RUNS_PER_CONTAINER },
    );
    tally.report(t);
  });
}
