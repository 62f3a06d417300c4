/**
 * The CyberTipline Reporting API (ispws) client: status, submit -> upload
 * each file -> fileinfo -> finish, or retract. HTTP Basic credentials from
 * configuration; exttest by default. The service answers HTTP 200 on errors,
 * so every answer's responseCode is checked (0 = success) and anything else
 * becomes an IspwsError saying which step failed and how.
 */
import { createHash } from "node:crypto";
import { type Dispatcher, FormData, fetch } from "undici";
import { type IspwsResponse, MalformedIspwsResponseError, parseIspwsResponse } from "./ispws-responses.js";

export const EXTTEST_URL = "https://exttest.cybertip.org/ispws";

export interface IspwsConfig {
  baseUrl: string;
  username: string;
  password: string;
  /** Per request; NCMEC's upload of a large file may take a while. */
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

export type IspwsStep = "status" | "submit" | "upload" | "fileinfo" | "finish" | "retract";

export type IspwsFailure =
  | { kind: "rejected"; responseCode: number; description: string }
  | { kind: "http"; status: number }
  | { kind: "timeout" }
  | { kind: "network"; message: string }
  | { kind: "malformed"; message: string };

export class IspwsError extends Error {
  override readonly name = "IspwsError";
  constructor(
    readonly step: IspwsStep,
    readonly failure: IspwsFailure,
  ) {
    super(`${step}: ${describe(failure)}`);
  }
}

function describe(f: IspwsFailure): string {
  switch (f.kind) {
    case "rejected":
      return `NCMEC answered responseCode ${f.responseCode} (${f.description})`;
    case "http":
      return `HTTP ${f.status}`;
    case "timeout":
      return "no answer in time";
    case "network":
      return f.message;
    case "malformed":
      return f.message;
  }
}

/** Reads VIGIL_NCMEC_URL / VIGIL_NCMEC_USER / VIGIL_NCMEC_PASSWORD; null when no user is configured. */
export function ispwsConfigFromEnv(env: Readonly<Record<string, string | undefined>>): IspwsConfig | null {
  if (!env.VIGIL_NCMEC_USER) return null;
  return {
    baseUrl: env.VIGIL_NCMEC_URL || EXTTEST_URL,
    username: env.VIGIL_NCMEC_USER,
    password: env.VIGIL_NCMEC_PASSWORD ?? "",
    timeoutMs: Number(env.VIGIL_NCMEC_TIMEOUT_MS ?? 60_000),
  };
}

export class IspwsClient {
  constructor(private readonly config: IspwsConfig) {}

  private async call(step: IspwsStep, path: string, init: { method: string; body?: string | FormData }) {
    const auth = Buffer.from(`${this.config.username}:${this.config.password}`).toString("base64");
    const headers: Record<string, string> = { authorization: `Basic ${auth}` };
    if (typeof init.body === "string") headers["content-type"] = "text/xml; charset=utf-8";
    let body: string;
    try {
      const res = await fetch(`${this.config.baseUrl.replace(/\/$/, "")}${path}`, {
        method: init.method,
        headers,
        body: init.body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
        dispatcher: this.config.dispatcher,
      });
      body = await res.text();
      if (res.status !== 200) throw new IspwsError(step, { kind: "http", status: res.status });
    } catch (error) {
      if (error instanceof IspwsError) throw error;
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new IspwsError(step, { kind: "timeout" });
      throw new IspwsError(step, { kind: "network", message: (error as Error).message });
    }
    let parsed: IspwsResponse;
    try {
      parsed = parseIspwsResponse(body);
    } catch (error) {
      if (error instanceof MalformedIspwsResponseError) {
        throw new IspwsError(step, { kind: "malformed", message: error.message });
      }
      throw error;
    }
    if (parsed.responseCode !== 0) {
      const description = parsed.kind === "report" ? parsed.responseDescription : "";
      throw new IspwsError(step, { kind: "rejected", responseCode: parsed.responseCode, description });
    }
    return parsed;
  }

  private static expect(step: IspwsStep, value: string | undefined, what: string): string {
    if (!value) throw new IspwsError(step, { kind: "malformed", message: `the answer has no ${what}` });
    return value;
  }

  /** GET /status: checks credentials; the description names the remote user and address. */
  async status(): Promise<string> {
    const r = await this.call("status", "/status", { method: "GET" });
    return r.kind === "report" ? r.responseDescription : "";
  }

  /** POST /submit with the `report` document; opens a report and returns its id. */
  async submit(reportXml: string): Promise<string> {
    const r = await this.call("submit", "/submit", { method: "POST", body: reportXml });
    return IspwsClient.expect("submit", r.reportId, "reportId");
  }

  /** POST /upload (multipart: id, file); checks the MD5 NCMEC computed against the bytes sent. */
  async upload(reportId: string, fileName: string, bytes: Uint8Array): Promise<{ fileId: string }> {
    const form = new FormData();
    form.append("id", reportId);
    form.append("file", new Blob([bytes]), fileName);
    const r = await this.call("upload", "/upload", { method: "POST", body: form });
    const fileId = IspwsClient.expect("upload", r.kind === "report" ? r.fileId : undefined, "fileId");
    const sent = createHash("md5").update(bytes).digest("hex");
    if (r.kind === "report" && r.hash && r.hash.toLowerCase() !== sent) {
      throw new IspwsError("upload", {
        kind: "malformed",
        message: `NCMEC received MD5 ${r.hash}, sent ${sent}`,
      });
    }
    return { fileId };
  }

  /** POST /fileinfo with the `fileDetails` document of one uploaded file. */
  async fileInfo(fileDetailsXml: string): Promise<void> {
    await this.call("fileinfo", "/fileinfo", { method: "POST", body: fileDetailsXml });
  }

  /** POST /finish (form: id): the report is filed; returns the file ids NCMEC holds. */
  async finish(reportId: string): Promise<string[]> {
    const form = new FormData();
    form.append("id", reportId);
    const r = await this.call("finish", "/finish", { method: "POST", body: form });
    return r.kind === "done" ? r.fileIds : [];
  }

  /** POST /retract (form: id): withdraws a report that was opened but not finished. */
  async retract(reportId: string): Promise<void> {
    const form = new FormData();
    form.append("id", reportId);
    await this.call("retract", "/retract", { method: "POST", body: form });
  }
}
