/**
 * VIGIL_XML_DUMP_DIR: when set, every `report` and `fileDetails` document the
 * builders produce (in tests too) is also written there, one file each, so
 * the whole lot can be checked with `xmllint --noout --schema
 * cyber_tipline.xsd DIR/*.xml`. Files are named by time, kind and content
 * hash, so identical documents share one file. A dump failure is reported on
 * stderr and never stops a report. The documents hold personal data: point
 * the variable only at a development folder.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type DumpedKind = "report" | "fileDetails";

let configuredDir: string | undefined;

/** Where documents are dumped from now on (app/config.ts: VIGIL_XML_DUMP_DIR); undefined: nowhere. */
export function setXmlDumpDir(dir: string | undefined): void {
  configuredDir = dir;
}

export function dumpXml(kind: DumpedKind, xml: string, dir = configuredDir): string | null {
  if (!dir) return null;
  const digest = createHash("sha256").update(xml).digest("hex").slice(0, 16);
  const file = join(dir, `${kind}-${digest}.xml`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, xml);
    return file;
  } catch (error) {
    process.stderr.write(`vigil: could not write ${file}: ${(error as Error).message}\n`);
    return null;
  }
}
