/**
 * The one entry point for media arriving in Vigil, used by `POST /v1/media` (bytes)
 * and by event intake (a URL): get the bytes, hash them, and only then seal them
 * into the blob store. Anything refused fails before the store is touched, so a bad
 * upload leaves nothing behind.
 */
import { MediaError } from "../hashing/media-error.js";
import {
  DEFAULT_FETCH_MEDIA_OPTIONS,
  type FetchMediaOptions,
  fetchPublicMedia,
} from "./fetch-public-media.js";
import {
  DEFAULT_MEDIA_HASH_OPTIONS,
  hashMediaBytes,
  type MediaHashes,
  type MediaHashOptions,
} from "./hash-media-bytes.js";
import type { MediaBlobStore } from "./media-blob-store.js";
import { MediaFetchError } from "./media-fetch-error.js";

export type MediaSource =
  | {
      kind: "bytes";
      bytes: Uint8Array /** The upload's file name, as the client sent it. */;
      originalName?: string;
    }
  | { kind: "url"; url: string };

export interface MediaIntakeOptions {
  /** The largest upload or download accepted, in bytes (a profile or group photo is far smaller). */
  maxBytes: number;
  hash: Omit<MediaHashOptions, "limits">;
  /** Fetch settings; the byte limit comes from maxBytes. */
  fetch: Omit<FetchMediaOptions, "maxBytes">;
}

export const DEFAULT_MEDIA_INTAKE_OPTIONS: MediaIntakeOptions = {
  maxBytes: 20 * 1024 * 1024,
  hash: { mode: DEFAULT_MEDIA_HASH_OPTIONS.mode, decode: DEFAULT_MEDIA_HASH_OPTIONS.decode },
  fetch: DEFAULT_FETCH_MEDIA_OPTIONS,
};

/** Media hashed but not stored, with the bytes, for callers that de-duplicate before storing. */
export interface ReceivedMedia {
  hashes: MediaHashes;
  bytes: Uint8Array;
  /** The URL the bytes came from after redirects, for media fetched by URL. */
  sourceUrl: string | undefined;
}

/** Stored media: the hashes, the vault ref, and where it came from. */
export type IntakenMedia = MediaHashes & {
  ref: string;
  sourceUrl: string | undefined;
};

/** Every refusal intake can raise; `code` tells them apart (see README for HTTP statuses). */
export type MediaIntakeError = MediaError | MediaFetchError;

export function isMediaIntakeError(error: unknown): error is MediaIntakeError {
  return error instanceof MediaError || error instanceof MediaFetchError;
}

function withDefaults(overrides: Partial<MediaIntakeOptions>): MediaIntakeOptions {
  return { ...DEFAULT_MEDIA_INTAKE_OPTIONS, ...overrides };
}

/** Fetches (for a URL) and hashes, without storing anything. */
export async function receiveMedia(
  source: MediaSource,
  overrides: Partial<MediaIntakeOptions> = {},
): Promise<ReceivedMedia> {
  const options = withDefaults(overrides);
  let bytes: Uint8Array;
  let sourceUrl: string | undefined;
  if (source.kind === "url") {
    const fetched = await fetchPublicMedia(source.url, { ...options.fetch, maxBytes: options.maxBytes });
    bytes = fetched.bytes;
    sourceUrl = fetched.url;
  } else {
    bytes = source.bytes;
  }
  const hashes = await hashMediaBytes(bytes, {
    ...options.hash,
    limits: { maxImageBytes: options.maxBytes, maxVideoBytes: options.maxBytes },
  });
  return { hashes, bytes, sourceUrl };
}

/** Fetches (for a URL), hashes, and seals the bytes into `store`; nothing is stored on failure. */
export async function intakeMedia(
  source: MediaSource,
  store: MediaBlobStore,
  overrides: Partial<MediaIntakeOptions> = {},
): Promise<IntakenMedia> {
  const received = await receiveMedia(source, overrides);
  const { ref } = await store.put(received.bytes);
  return { ...received.hashes, ref, sourceUrl: received.sourceUrl };
}
