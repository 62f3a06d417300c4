/**
 * Failures in words for people: the server's error name becomes a sentence
 * (strings.ts `errorText`), "no answer" says so and offers to try again, and
 * the field a refusal names is added. Raw codes and developer messages are
 * never shown; they stay in the browser's console for whoever debugs.
 */
import type { JSX } from "react";
import { ApiFailure } from "./api.js";
import { errorText, failureText } from "./strings.js";

function fieldOf(details: unknown[]): string | null {
  for (const d of details) {
    if (d && typeof d === "object") {
      const field = (d as { field?: unknown; path?: unknown }).field ?? (d as { path?: unknown }).path;
      if (typeof field === "string" && field !== "") return field;
      if (Array.isArray(field) && field.length > 0) return field.join(".");
    }
  }
  return null;
}

export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiFailure && error.status === 0;
}

export function failureMessage(error: unknown): string {
  if (!(error instanceof ApiFailure)) {
    console.error(error);
    return error instanceof TypeError ? failureText.network : failureText.unknown(0);
  }
  if (error.status === 0) return failureText.network;
  console.warn(`${error.code} (${error.status}): ${error.message}`);
  const sentence = (errorText as Record<string, string>)[error.code] ?? failureText.unknown(error.status);
  const field =
    error.code === "InvalidRequest" || error.code.startsWith("Xml") || error.code.startsWith("CyberTip")
      ? fieldOf(error.details)
      : null;
  return field ? `${sentence} ${failureText.field(field)}` : sentence;
}

/** A failure as an alert, with "Try again" when there is something to retry. */
export function Failure({ error, onRetry }: { error: unknown; onRetry?: () => void }): JSX.Element | null {
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {failureMessage(error)}{" "}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {failureText.retry}
        </button>
      )}
    </p>
  );
}
