/**
 * A photo in an event: Vigil's media id from `POST /v1/media`, a URL Vigil
 * fetches, or hashes the platform computed itself (so it never has to send
 * the image).
 */
import { z } from "zod";

const hex = (digits: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${digits}}$`), `expected ${digits} hexadecimal digits`)
    .transform((s) => s.toLowerCase());

export const PhotoHashes = z
  .strictObject({
    pdq: hex(64).optional(),
    quality: z.int().min(0).max(100).optional(),
    md5: hex(32).optional(),
    sha256: hex(64).optional(),
  })
  .refine((p) => p.pdq !== undefined || p.md5 !== undefined || p.sha256 !== undefined, {
    message: "a photo needs media_id, url, or at least one of pdq, md5, sha256",
  });

export const Photo = z.union([
  z.strictObject({ media_id: z.string().min(1).max(100) }),
  z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
  PhotoHashes,
]);
export type Photo = z.infer<typeof Photo>;
