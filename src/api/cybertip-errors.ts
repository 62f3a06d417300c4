/**
 * CyberTipline failures as API errors under their own names: content that
 * cannot be written as XML (with the field named in details), files the case
 * does not hold, a submission in progress or already filed, a missing
 * child-safety decision, and missing NCMEC configuration.
 */
import { CyberTipFileError } from "../report/cybertip/build-from-case.js";
import { CyberTipServiceError } from "../report/cybertip/cybertip-service.js";
import { CyberTipInvalidValueError } from "../report/cybertip/values.js";
import { XmlFieldTooLongError, XmlInvalidCharacterError } from "../report/cybertip/xml-writer.js";
import {
  CyberTipAlreadyFiledError,
  CyberTipInProgressError,
} from "../store/repositories/cybertip-repository.js";
import { ApiError } from "./errors.js";

export function cybertipErrorToApi(error: unknown): unknown {
  if (error instanceof XmlInvalidCharacterError || error instanceof XmlFieldTooLongError) {
    return new ApiError(error.name, error.message, [{ field: error.field }]);
  }
  if (error instanceof CyberTipInvalidValueError)
    return new ApiError(error.name, error.message, [{ field: error.field }]);
  if (error instanceof CyberTipFileError) return new ApiError(error.name, error.message);
  if (error instanceof CyberTipInProgressError || error instanceof CyberTipAlreadyFiledError) {
    return new ApiError(error.name, error.message);
  }
  if (error instanceof CyberTipServiceError) {
    return new ApiError(error.name === "CaseNotFound" ? "NotFound" : error.name, error.message);
  }
  return error;
}

/** Runs a handler body, turning CyberTipline failures into named API errors. */
export async function withCyberTipErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw cybertipErrorToApi(error);
  }
}
