/**
 * HMA's signal type names (python-threatexchange's) and Vigil's. HMA's default
 * build enables `pdq` for photos and `video_md5` for videos; Vigil's MD5 is of
 * the file's bytes whatever the media, which is what `video_md5` is.
 */
import type { SignalType } from "../store/schema.js";

export type HmaSignalType = "pdq" | "video_md5";
export type HmaContentType = "photo" | "video";

export const HMA_SIGNAL_TYPES: Record<HmaSignalType, SignalType & ("pdq" | "md5")> = {
  pdq: "pdq",
  video_md5: "md5",
};

export const HMA_CONTENT_SIGNALS: Record<HmaContentType, HmaSignalType[]> = {
  photo: ["pdq"],
  video: ["video_md5"],
};

export function isHmaSignalType(name: string): name is HmaSignalType {
  return Object.hasOwn(HMA_SIGNAL_TYPES, name);
}

export function isHmaContentType(name: string): name is HmaContentType {
  return Object.hasOwn(HMA_CONTENT_SIGNALS, name);
}

/** Vigil's type as HMA names it; null for types HMA has no name for (sha256, vpdq in this slice). */
export function hmaNameOf(type: SignalType): HmaSignalType | null {
  if (type === "pdq") return "pdq";
  if (type === "md5") return "video_md5";
  return null;
}
