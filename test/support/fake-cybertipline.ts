/**
 * A local CyberTipline Reporting API (ispws) for tests: GET /status, POST
 * /submit, /upload (multipart id + file), /fileinfo, /finish, /retract, with
 * HTTP Basic auth, answering `reportResponse`/`reportDoneResponse` like NCMEC
 * (HTTP 200 with a responseCode, also on errors). Every submitted `report` and
 * `fileDetails` is validated with `xmllint --noout --schema` against
 * ../shared/anchors/ncmec/cyber_tipline.xsd when both exist (a document that
 * fails gets responseCode 4100, as NCMEC answers); otherwise validation is
 * skipped and `validationSkipped` says why. `failNext` injects each
 * documented failure: an error responseCode, an HTTP 5xx, or no answer.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Response } from "undici";
import { sharedAnchor } from "./paths.js";

export type FakeStep = "status" | "submit" | "upload" | "fileinfo" | "finish" | "retract";
export type InjectedFailure =
  | { kind: "code"; responseCode: number }
  | { kind: "http"; status: number }
  | { kind: "timeout" };

export interface FakeFile {
  fileId: string;
  fileName: string;
  md5: string;
  size: number;
  fileDetails: string | null;
}

export interface FakeReport {
  reportId: string;
  state: "open" | "finished" | "retracted";
  xml: string;
  files: FakeFile[];
}

export interface Validation {
  root: "report" | "fileDetails";
  valid: boolean;
  output: string;
}

const XSD = (() => {
  const dir = sharedAnchor("ncmec");
  return dir ? join(dir, "cyber_tipline.xsd") : null;
})();

function xmllintAvailable(): boolean {
  return spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Why schema validation cannot run here, or null when it can. */
export const VALIDATION_SKIPPED: string | null =
  !XSD || !existsSync(XSD)
    ? "../shared/anchors/ncmec/cyber_tipline.xsd is absent; XML is checked for well-formedness only"
    : !xmllintAvailable()
      ? "xmllint (Debian libxml2-utils) is not installed; XML is checked for well-formedness only"
      : null;

/** Validates one document: the XSD when possible, else well-formedness with xmllint, else null (not checked). */
export function validateXml(xml: string): { valid: boolean; output: string } | null {
  const haveLint = xmllintAvailable();
  if (!haveLint) return null;
  const dir = mkdtempSync(join(tmpdir(), "vigil-xsd-"));
  try {
    const file = join(dir, "doc.xml");
    writeFileSync(file, xml);
    const args = VALIDATION_SKIPPED ? ["--noout", file] : ["--noout", "--schema", XSD as string, file];
    const r = spawnSync("xmllint", args, { encoding: "utf8" });
    return { valid: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function reportResponse(code: number, description: string, extra: Record<string, string> = {}): string {
  const fields = Object.entries(extra)
    .map(([k, v]) => `  <${k}>${escapeXml(v)}</${k}>\n`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<reportResponse>\n  <responseCode>${code}</responseCode>\n  <responseDescription>${escapeXml(description)}</responseDescription>\n${fields}</reportResponse>\n`;
}

export class FakeCyberTipline {
  readonly reports = new Map<string, FakeReport>();
  readonly validations: Validation[] = [];
  readonly calls: FakeStep[] = [];
  private readonly failures = new Map<FakeStep, InjectedFailure[]>();
  private nextId = 90_000_001;
  url = "";
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  constructor(
    readonly username = "esp-user",
    readonly password = "esp-password",
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ispws`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call of `step` fails this way (queued: call twice to fail twice). */
  failNext(step: FakeStep, failure: InjectedFailure): void {
    this.failures.set(step, [...(this.failures.get(step) ?? []), failure]);
  }

  finished(): FakeReport[] {
    return [...this.reports.values()].filter((r) => r.state === "finished");
  }

  private validate(root: Validation["root"], xml: string): Validation {
    const result = validateXml(xml) ?? { valid: true, output: "not checked: xmllint absent" };
    const v = { root, ...result };
    this.validations.push(v);
    return v;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const send = (xml: string) => {
      res.setHeader("content-type", "text/xml; charset=utf-8");
      res.end(xml);
    };
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      res.statusCode = 401;
      res.end("Unauthorized");
      return;
    }
    const step = (req.url ?? "").replace(/^\/ispws\//, "").split("?")[0] as FakeStep;
    this.calls.push(step);
    const failure = this.failures.get(step)?.shift();
    if (failure?.kind === "timeout") return; // left hanging; close() destroys the socket
    if (failure?.kind === "http") {
      res.statusCode = failure.status;
      res.end("injected failure");
      return;
    }
    if (failure?.kind === "code") return send(reportResponse(failure.responseCode, "Injected failure"));
    const form = async () =>
      new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    switch (step) {
      case "status":
        return send(reportResponse(0, `Remote User : ${this.username}, Remote Ip : 127.0.0.1`));
      case "submit": {
        const xml = body.toString("utf8");
        const v = this.validate("report", xml);
        if (!v.valid) return send(reportResponse(4100, `Validation failed: ${v.output}`));
        const reportId = String(this.nextId++);
        this.reports.set(reportId, { reportId, state: "open", xml, files: [] });
        return send(reportResponse(0, "Success", { reportId }));
      }
      case "upload": {
        const f = await form();
        const report = this.reports.get(String(f.get("id")));
        const file = f.get("file");
        if (report?.state !== "open" || !(file instanceof Blob)) {
          return send(reportResponse(1000, "No open report with that id, or no file"));
        }
        const bytes = Buffer.from(await file.arrayBuffer());
        const md5 = createHash("md5").update(bytes).digest("hex");
        const fileId = randomBytes(16).toString("hex");
        const fileName = (file as File).name ?? "file";
        report.files.push({ fileId, fileName, md5, size: bytes.length, fileDetails: null });
        return send(reportResponse(0, "Success", { reportId: report.reportId, fileId, hash: md5 }));
      }
      case "fileinfo": {
        const xml = body.toString("utf8");
        const v = this.validate("fileDetails", xml);
        if (!v.valid) return send(reportResponse(4100, `Validation failed: ${v.output}`));
        const reportId = /<reportId>(\d+)<\/reportId>/.exec(xml)?.[1] ?? "";
        const fileId = /<fileId>([^<]+)<\/fileId>/.exec(xml)?.[1] ?? "";
        const file = this.reports.get(reportId)?.files.find((x) => x.fileId === fileId);
        if (!file || this.reports.get(reportId)?.state !== "open") {
          return send(reportResponse(1000, "Unknown report or file"));
        }
        file.fileDetails = xml;
        return send(reportResponse(0, "Success", { reportId }));
      }
      case "finish": {
        const report = this.reports.get(String((await form()).get("id")));
        if (report?.state !== "open") return send(reportResponse(1000, "No open report with that id"));
        report.state = "finished";
        const files = report.files.map((x) => `    <fileId>${x.fileId}</fileId>\n`).join("");
        return send(
          `<?xml version="1.0" encoding="UTF-8"?>\n<reportDoneResponse>\n  <responseCode>0</responseCode>\n  <reportId>${report.reportId}</reportId>\n  <files>\n${files}  </files>\n</reportDoneResponse>\n`,
        );
      }
      case "retract": {
        const report = this.reports.get(String((await form()).get("id")));
        if (report?.state !== "open") return send(reportResponse(1000, "No open report with that id"));
        report.state = "retracted";
        return send(reportResponse(0, "Success", { reportId: report.reportId }));
      }
      default:
        res.statusCode = 404;
        res.end("no such endpoint");
    }
  }
}
