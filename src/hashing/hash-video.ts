/** Adapter from the vPDQ module to the per-file result the CLI and API print. */
export interface VideoHashOptions {
  /** Frames hashed per second of video, or every decoded frame. */
  rate: number | "every";
  /** Kill the decoder after this many seconds of wall-clock time. */
  timeoutSeconds: number;
  /** Refuse videos with more frames to hash than this. */
  maxFrames: number;
}

export const DEFAULT_VIDEO_OPTIONS: VideoHashOptions = { rate: 1, timeoutSeconds: 300, maxFrames: 100_000 };

export interface VideoFrameHash {
  frame: number;
  timestamp: number;
  pdq: string;
  quality: number;
}

export async function hashVideoFile(_path: string, _options: VideoHashOptions): Promise<VideoFrameHash[]> {
  throw new Error("video hashing not wired yet");
}
