/**
 * FileDetails -> the `fileDetails` document for POST /fileinfo, children in
 * the XSD's sequence order: reportId, fileId, fileName, originalFileName,
 * locationOfFile, fileViewedByEsp, publiclyAvailable, fileRelevance,
 * (potentialMeme | fileAnnotations), industryClassification,
 * originalFileHash*, additionalInfo*.
 */
import { FILE_ANNOTATIONS, FILE_RELEVANCE, type FileDetails, INDUSTRY_CLASSIFICATIONS } from "./model.js";
import { CyberTipInvalidValueError, oneOf, reportIdValue } from "./values.js";
import { dumpXml } from "./xml-dump.js";
import { el, LONG_TEXT_LIMIT, leaf, serialiseXml, type XmlElement } from "./xml-writer.js";

const FIELD = "fileDetails";

export function fileDetailsElement(f: FileDetails): XmlElement {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(f.fileId)) {
    throw new CyberTipInvalidValueError(`${FIELD}/fileId`, "not a file id NCMEC returned");
  }
  const annotations = f.fileAnnotations ?? [];
  return el(
    "fileDetails",
    {},
    leaf("reportId", reportIdValue(f.reportId, `${FIELD}/reportId`)),
    leaf("fileId", f.fileId),
    leaf("fileName", f.fileName),
    leaf("originalFileName", f.originalFileName),
    leaf("locationOfFile", f.locationOfFile),
    leaf("fileViewedByEsp", f.fileViewedByEsp),
    leaf("publiclyAvailable", f.publiclyAvailable),
    f.fileRelevance &&
      leaf("fileRelevance", oneOf(FILE_RELEVANCE, f.fileRelevance, `${FIELD}/fileRelevance`)),
    annotations.length > 0 &&
      el(
        "fileAnnotations",
        {},
        ...FILE_ANNOTATIONS.filter((a) => annotations.includes(a)).map((a) => leaf(a, true)),
      ),
    f.industryClassification &&
      leaf(
        "industryClassification",
        oneOf(INDUSTRY_CLASSIFICATIONS, f.industryClassification, `${FIELD}/industryClassification`),
      ),
    ...(f.originalFileHashes ?? []).map((h) => leaf("originalFileHash", h.value, { hashType: h.hashType })),
    ...(f.additionalInfo ?? []).map((text) => leaf("additionalInfo", text)),
  );
}

export function fileDetailsXml(f: FileDetails): string {
  const xml = serialiseXml(fileDetailsElement(f), { additionalInfo: LONG_TEXT_LIMIT });
  dumpXml("fileDetails", xml);
  return xml;
}
