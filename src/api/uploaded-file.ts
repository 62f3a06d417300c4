/**
 * The one file of a multipart upload, as the media routes take it: exactly one
 * part, a file in the field `file`. Anything else (another field name, a text
 * field, a second file, a malformed body) is refused with `InvalidUpload`
 * rather than silently dropped, so a client never believes a file was taken
 * that was not. The bytes come with the name the client gave them.
 */
import type { FastifyRequest } from "fastify";
import { findUnstorable } from "../domain/storable-text.js";
import { ApiError } from "./errors.js";
import { unstorableToApi } from "./request-text-guard.js";

export const UPLOAD_FIELD = "file";

export interface UploadedFile {
  bytes: Buffer;
  originalName: string;
  /** The multipart field it came in (HMA's API names the content type there: photo, video). */
  field: string;
}

function invalid(message: string, path?: string): ApiError {
  return new ApiError("InvalidUpload", message, path ? [{ path, message }] : undefined);
}

/** The multipart parser's refusals: size limits stay 413, the rest are a malformed or overlong upload. */
function uploadError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { statusCode?: number; code?: string };
  if (e.code === "FST_REQ_FILE_TOO_LARGE")
    return new ApiError("PayloadTooLarge", "the file is larger than the upload limit");
  if (e.code === "FST_FILES_LIMIT") return invalid(`send one file per upload, in the field ${UPLOAD_FIELD}`);
  if (e.code === "FST_FIELDS_LIMIT" || e.code === "FST_PARTS_LIMIT")
    return invalid(`send only the file, in the field ${UPLOAD_FIELD}`);
  return invalid("the multipart body is malformed");
}

export async function uploadedFile(
  request: FastifyRequest,
  fields: readonly string[] = [UPLOAD_FIELD],
): Promise<UploadedFile> {
  const named = fields.join(" or ");
  if (!request.isMultipart()) {
    throw new ApiError(
      "UnsupportedMediaType",
      `send the file as multipart/form-data with a field named ${named}`,
    );
  }
  let taken: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      const where = `multipart.${part.fieldname}`;
      if (part.type !== "file")
        throw invalid(`unexpected field ${JSON.stringify(part.fieldname)}; send only ${named}`, where);
      if (!fields.includes(part.fieldname))
        throw invalid(`the file must be in the field ${named}, not ${JSON.stringify(part.fieldname)}`, where);
      if (taken) throw invalid(`send one file per upload; a second file came in ${part.fieldname}`, where);
      const name = findUnstorable(part.filename, `${where}.filename`);
      if (name) throw unstorableToApi(name);
      // toBuffer() enforces the multipart fileSize limit and throws a 413 past it.
      taken = { bytes: await part.toBuffer(), originalName: part.filename, field: part.fieldname };
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (!taken) throw invalid(`no file in the upload; send it in the field ${named}`);
  return taken;
}
