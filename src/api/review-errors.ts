/** The review service's refusals as API errors (one place, so every route answers the same names). */
import { ReviewError } from "../review/review-service.js";
import { ApiError } from "./errors.js";

export async function withReviewErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReviewError) throw new ApiError(error.code, error.message);
    throw error;
  }
}
