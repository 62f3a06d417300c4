/**
 * Submits crawler findings to a running Vigil service over its public API, as
 * a platform would: the preview image to `POST /v1/media` (hashed and sealed
 * there), then the event to `POST /v1/events`. The crawler runs as its own
 * process (the embedded database admits one process, and at scale crawlers run
 * on other machines), and going through the contract gives it the same
 * validation, idempotency and scopes as any client. The service URL is the
 * operator's, so it is not put through the SSRF guard.
 */
import { FormData, fetch } from "undici";
import type { PlatformEvent } from "../domain/event-schema.js";

export interface ServiceClient {
  uploadMedia(bytes: Buffer, contentType: string): Promise<string>;
  submitEvents(events: PlatformEvent[]): Promise<{ id: string; status: string }[]>;
}

export class HttpServiceClient implements ServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    /** A service that does not answer in time counts as failed (the submission is retried). */
    private readonly timeoutMs = 30_000,
  ) {}

  async uploadMedia(bytes: Buffer, contentType: string): Promise<string> {
    const form = new FormData();
    // A copy as a plain Uint8Array: the DOM typing of Blob (the console type-checks this file too) refuses a Buffer.
    form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }), "preview");
    const body = await this.call("/v1/media", { method: "POST", body: form });
    const mediaId = (body as { media_id?: unknown }).media_id;
    if (typeof mediaId !== "string") throw new Error("POST /v1/media answered without media_id");
    return mediaId;
  }

  async submitEvents(events: PlatformEvent[]): Promise<{ id: string; status: string }[]> {
    const body = await this.call("/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    return (body as { results: { id: string; status: string }[] }).results;
  }

  private async call(
    path: string,
    init: { method: string; headers?: Record<string, string>; body: string | FormData },
  ): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { ...init.headers, authorization: `Bearer ${this.apiKey}` },
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${init.method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as unknown;
  }
}
