/**
 * The one file of a multipart upload (field `file`), as the media routes take
 * it: a named error for a request that is not multipart or carries no file,
 * and the bytes with the name the client gave them.
 */
import type { FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export interface UploadedFile {
  bytes: Buffer;
  originalName: string;
}

export async function uploadedFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new ApiError(
      "UnsupportedMediaType",
      "send the image as multipart/form-data with a field named file",
    );
  }
  const file = await request.file();
  if (!file) throw new ApiError("InvalidRequest", "no file in the upload");
  // toBuffer() enforces the multipart fileSize limit and throws a 413 past it.
  return { bytes: await file.toBuffer(), originalName: file.filename };
}
