/** The ffmpeg command line, the probe's reading of ffprobe output, and the limits (pure, no ffmpeg). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { MediaError } from "../../src/hashing/media-error.js";
import { decodeArgs, planDecode, videoFilter } from "../../src/hashing/vpdq/decode-args.js";
import { parseProbeJson, probeArgs, type VideoInfo } from "../../src/hashing/vpdq/probe.js";
import { checkBeforeDecoding, checkFrame } from "../../src/hashing/vpdq/video-limits.js";
import { DEFAULT_VPDQ_OPTIONS, resolveVpdqOptions } from "../../src/hashing/vpdq/vpdq-options.js";

const INFO: VideoInfo = {
  width: 480,
  height: 720,
  framesPerSecond: 30,
  pixelFormat: "yuv420p",
  durationSeconds: 18.8,
  formatName: "mov,mp4,m4a,3gp,3g2,mj2",
};

function hasCode(code: string): (e: unknown) => boolean {
  return (e: unknown) => e instanceof MediaError && e.code === code;
}

test("the decode plan follows the reference: native size unless downsampled, modulus from the rate", () => {
  const every = planDecode(INFO, resolveVpdqOptions({ secondsPerHash: 0 }));
  assert.deepEqual(every, {
    width: 480,
    height: 720,
    modulus: 1,
    framesPerSecond: 30,
    frameBytes: 480 * 720 * 3,
  });
  const small = planDecode(INFO, resolveVpdqOptions({ downsampleWidth: 128, downsampleHeight: 128 }));
  assert.deepEqual([small.width, small.height, small.modulus], [128, 128, 30]);
  const widthOnly = planDecode(INFO, resolveVpdqOptions({ downsampleWidth: 160 }));
  assert.deepEqual([widthOnly.width, widthOnly.height], [160, 720]);
});

test("frames are converted with SWS_AREA, BT.601 and the reference's range; selection before scaling", () => {
  const plan = planDecode(INFO, resolveVpdqOptions({ secondsPerHash: 1 }));
  assert.equal(
    videoFilter(plan, "yuv420p"),
    "select=not(mod(n\\,30)),scale=w=480:h=720:flags=area:in_color_matrix=bt601:in_range=tv,format=rgb24",
  );
  const every = planDecode(INFO, resolveVpdqOptions({ secondsPerHash: 0 }));
  assert.equal(
    videoFilter(every, "yuvj420p"),
    "scale=w=480:h=720:flags=area:in_color_matrix=bt601:in_range=pc,format=rgb24",
  );
});

test("ffmpeg gets a file: path, whitelists, no autorotation, passthrough timing and a frame cap", () => {
  const plan = planDecode(INFO, resolveVpdqOptions({ secondsPerHash: 0 }));
  const args = decodeArgs({
    path: "/videos/a b;$(rm -rf x).mp4",
    pixelFormat: "yuv420p",
    plan,
    frameLimit: 101,
    decoderThreads: 1,
    formats: ["mov", "matroska"],
  });
  const after = (flag: string) => args[args.indexOf(flag) + 1];
  assert.equal(after("-i"), "file:/videos/a b;$(rm -rf x).mp4"); // one argument, never parsed by a shell
  assert.equal(after("-protocol_whitelist"), "file,pipe");
  assert.equal(after("-format_whitelist"), "mov,matroska");
  assert.equal(after("-map"), "0:v:0");
  assert.equal(after("-fps_mode"), "passthrough");
  assert.equal(after("-frames:v"), "101");
  assert.equal(after("-pix_fmt"), "rgb24");
  assert.equal(args.at(-1), "pipe:1");
  assert.ok(args.indexOf("-noautorotate") < args.indexOf("-i"));
  assert.ok(args.indexOf("-protocol_whitelist") < args.indexOf("-i"));
  assert.ok(args.includes("-nostdin"));
  const probe = probeArgs("/videos/x.mp4", ["mov"]);
  assert.equal(probe.at(-1), "file:/videos/x.mp4");
  assert.equal(probe[probe.indexOf("-select_streams") + 1], "v:0");
});

test("ffprobe output: avg_frame_rate, else r_frame_rate; no stream, size or rate is an error", () => {
  const json = (stream: object, format: object = {}) => JSON.stringify({ streams: [stream], format });
  const info = parseProbeJson(
    json(
      { width: 1280, height: 720, pix_fmt: "yuv420p", avg_frame_rate: "30000/1001", r_frame_rate: "30/1" },
      { format_name: "mov,mp4,m4a,3gp,3g2,mj2", duration: "4.331000" },
    ),
  );
  assert.equal(info.framesPerSecond, 30000 / 1001);
  assert.equal(info.durationSeconds, 4.331);
  assert.equal(
    parseProbeJson(json({ width: 8, height: 8, avg_frame_rate: "0/0", r_frame_rate: "25/1" }))
      .framesPerSecond,
    25,
  );
  assert.equal(
    parseProbeJson(json({ width: 8, height: 8, r_frame_rate: "25/1", duration: "N/A" })).durationSeconds,
    null,
  );
  assert.throws(() => parseProbeJson(JSON.stringify({ streams: [] })), hasCode("VideoDecodeError"));
  assert.throws(
    () => parseProbeJson(json({ width: 0, height: 8, r_frame_rate: "25/1" })),
    hasCode("VideoDecodeError"),
  );
  assert.throws(
    () => parseProbeJson(json({ width: 8, height: 8, avg_frame_rate: "0/0" })),
    hasCode("VideoDecodeError"),
  );
  assert.throws(() => parseProbeJson("{not json"), hasCode("VideoDecodeError"));
});

test("limits: header duration, frame size, frames too small to hash, and per-frame caps", () => {
  const opts = resolveVpdqOptions({ maxSeconds: 10, maxFrames: 5, maxFramePixels: 1000 * 1000 });
  const plan = planDecode(INFO, opts);
  assert.throws(() => checkBeforeDecoding(INFO, plan, opts), hasCode("VideoTooLong")); // 18.8 s > 10 s
  checkBeforeDecoding({ ...INFO, durationSeconds: null }, plan, opts); // no claim: checked while decoding
  const huge = { ...INFO, width: 20000, height: 20000, durationSeconds: 1 };
  assert.throws(() => checkBeforeDecoding(huge, planDecode(huge, opts), opts), hasCode("VideoDecodeError"));
  const tiny = { ...INFO, width: 4, height: 100, durationSeconds: 1 };
  assert.throws(() => checkBeforeDecoding(tiny, planDecode(tiny, opts), opts), /too small/);
  checkFrame(4, 4 * 30, plan, opts);
  assert.throws(() => checkFrame(5, 5 * 30, plan, opts), hasCode("VideoTooLong")); // frame cap
  const everyFrame = planDecode(INFO, resolveVpdqOptions({ secondsPerHash: 0 }));
  assert.throws(() => checkFrame(0, 301, everyFrame, { ...opts, maxFrames: 1000 }), hasCode("VideoTooLong")); // 10.03 s
});

test("options are validated", () => {
  assert.equal(resolveVpdqOptions().secondsPerHash, 1);
  assert.equal(DEFAULT_VPDQ_OPTIONS.ffmpegPath, "/usr/bin/ffmpeg");
  assert.throws(() => resolveVpdqOptions({ secondsPerHash: -1 }), RangeError);
  assert.throws(() => resolveVpdqOptions({ maxFrames: 0 }), RangeError);
  assert.throws(() => resolveVpdqOptions({ downsampleWidth: 1.5 }), RangeError);
  assert.throws(() => resolveVpdqOptions({ ffmpegPath: "ffmpeg" }), RangeError);
  assert.throws(() => resolveVpdqOptions({ formats: ["mov", "hls,concat"] }), RangeError);
});
