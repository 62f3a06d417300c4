/**
 * Options for hashing a video, their defaults, and their validation. The limits are
 * there because videos come from untrusted users: every one bounds work or memory.
 */

export interface VpdqOptions {
  /**
   * Seconds of video per hashed frame; 0 hashes every frame. As the reference's
   * seconds-per-hash (`-r`); 1 by default, as python-threatexchange and the vpdq
   * Python binding hash.
   */
  secondsPerHash: number;
  /** Scale frames to this width before hashing (the reference's `-s`); 0 keeps the video's width. */
  downsampleWidth: number;
  /** Scale frames to this height before hashing; 0 keeps the video's height. */
  downsampleHeight: number;
  /** Wall-clock limit for the whole job (probe and decode), in milliseconds. */
  timeoutMs: number;
  /** Refuse, and stop decoding, a video with more frames to hash than this. */
  maxFrames: number;
  /** Refuse a video longer than this many seconds, by its header and while decoding. */
  maxSeconds: number;
  /** Refuse input files larger than this. */
  maxBytes: number;
  /** Refuse frames (decoded or scaled) with more pixels than this. */
  maxFramePixels: number;
  /** Address-space limit for ffmpeg and ffprobe (prlimit --as), where /usr/bin/prlimit exists. */
  memoryBytes: number;
  /** Decoder threads for ffmpeg; 1 keeps one video to one core on a shared machine. */
  decoderThreads: number;
  /**
   * Demuxers ffmpeg may use (its -format_whitelist). Excludes playlist and
   * concatenation formats (hls, dash, concat, image2) that open other files.
   */
  formats: readonly string[];
  ffmpegPath: string;
  ffprobePath: string;
  /** Each frame's PDQ with the reference's bits at near-ties too (pdq.ts): slower, opt-in. */
  exact: boolean;
}

export const DEFAULT_VIDEO_FORMATS: readonly string[] = [
  "mov", // also mp4, m4a, 3gp, 3g2, mj2
  "matroska", // also webm
  "avi",
  "flv",
  "mpegts",
  "mpeg",
  "mpegvideo",
  "asf",
  "ogg",
  "gif",
  "ivf",
  "h264",
  "hevc",
  "m4v",
];

export const DEFAULT_VPDQ_OPTIONS: Readonly<VpdqOptions> = {
  secondsPerHash: 1,
  downsampleWidth: 0,
  downsampleHeight: 0,
  timeoutMs: 300_000,
  maxFrames: 100_000,
  maxSeconds: 6 * 3600,
  maxBytes: 4 * 1024 ** 3,
  maxFramePixels: 7680 * 4320,
  memoryBytes: 2 * 1024 ** 3,
  decoderThreads: 1,
  formats: DEFAULT_VIDEO_FORMATS,
  ffmpegPath: "/usr/bin/ffmpeg",
  ffprobePath: "/usr/bin/ffprobe",
  exact: false,
};

function requireNumber(name: string, value: number, min: number, integer: boolean): void {
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `${name} must be ${integer ? "an integer" : "a finite number"} >= ${min}, got ${value}`,
    );
  }
}

/** Defaults filled in and every value checked; a bad option is a programming error (RangeError). */
export function resolveVpdqOptions(options: Partial<VpdqOptions> = {}): VpdqOptions {
  const o: VpdqOptions = { ...DEFAULT_VPDQ_OPTIONS, ...options };
  requireNumber("secondsPerHash", o.secondsPerHash, 0, false);
  requireNumber("downsampleWidth", o.downsampleWidth, 0, true);
  requireNumber("downsampleHeight", o.downsampleHeight, 0, true);
  requireNumber("timeoutMs", o.timeoutMs, 1, false);
  requireNumber("maxFrames", o.maxFrames, 1, true);
  requireNumber("maxSeconds", o.maxSeconds, 0, false);
  requireNumber("maxBytes", o.maxBytes, 1, true);
  requireNumber("maxFramePixels", o.maxFramePixels, 1, true);
  requireNumber("memoryBytes", o.memoryBytes, 64 * 1024 ** 2, true);
  requireNumber("decoderThreads", o.decoderThreads, 1, true);
  if (o.formats.length === 0 || o.formats.some((f) => !/^[a-z0-9_]+$/.test(f))) {
    throw new RangeError(`formats must be demuxer names, got ${JSON.stringify(o.formats)}`);
  }
  for (const [name, path] of [
    ["ffmpegPath", o.ffmpegPath],
    ["ffprobePath", o.ffprobePath],
  ] as const) {
    if (!path.startsWith("/"))
      throw new RangeError(`${name} must be an absolute path, got ${JSON.stringify(path)}`);
  }
  return o;
}
