/**
 * Video evidence (issue 6): what kind of media a row is, so the console shows a
 * video player rather than an image, and the video's vPDQ in the reference text
 * form (one `frame,quality,pdqHex,seconds` line per hashed frame) for matching
 * against banked videos. A video has no single PDQ, so `pdq` stays null for it.
 */
export const sql = `
ALTER TABLE media ADD COLUMN kind text NOT NULL DEFAULT 'image' CHECK (kind IN ('image', 'video'));
ALTER TABLE media ADD COLUMN vpdq text;
`;
