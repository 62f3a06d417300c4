/**
 * A small XML 1.0 writer for the CyberTipline documents. Elements are built
 * as data (`el(name, attrs, ...children)`) and serialised in the order given,
 * so the builders alone decide element order (the XSD's xs:sequence order,
 * which NCMEC enforces with response code 4100).
 *
 * Text policy (documented in README.md):
 * - `&`, `<`, `>`, `"` and `'` are escaped as entities.
 * - Characters XML 1.0 forbids (C0 controls except tab, LF, CR; U+FFFE/U+FFFF;
 *   lone surrogates) are refused with XmlInvalidCharacter naming the field and
 *   the code point: a document is never written with them (XML 1.0 §2.2).
 *   Builders that carry platform-supplied text turn them into visible
 *   `[U+0007]` notation first (see `visibleControls`), so evidence is not lost.
 * - Bidirectional controls (U+200E/F, U+202A–E, U+2066–9, U+061C) are legal
 *   XML but reorder what a person reading the XML sees; they are written as
 *   numeric character references, so they survive and stay visible.
 * - Every text and attribute value has a length cap (XmlFieldTooLong).
 */

export type XmlAttrs = Record<string, string | undefined>;
export interface XmlElement {
  name: string;
  attrs: XmlAttrs;
  children: XmlChild[];
}
export type XmlChild = XmlElement | string;

export class XmlInvalidCharacterError extends Error {
  override readonly name = "XmlInvalidCharacter";
  constructor(
    readonly field: string,
    readonly codePoint: number,
  ) {
    super(`${field} contains U+${hex(codePoint)}, which XML 1.0 does not allow`);
  }
}

export class XmlFieldTooLongError extends Error {
  override readonly name = "XmlFieldTooLong";
  constructor(
    readonly field: string,
    readonly length: number,
    readonly limit: number,
  ) {
    super(`${field} is ${length} characters long; at most ${limit} are sent`);
  }
}

/** Default cap for one text or attribute value; builders pass larger caps for free-text fields. */
export const DEFAULT_TEXT_LIMIT = 2_000;
/** Cap for free-text fields (additionalInfo, companyTemplate, content). */
export const LONG_TEXT_LIMIT = 60_000;

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, "0");

/** Null and undefined children are skipped, so optional elements read as `value && el(...)`. */
export function el(
  name: string,
  attrs: XmlAttrs,
  ...children: (XmlChild | null | undefined | false)[]
): XmlElement {
  return {
    name,
    attrs,
    children: children.filter((c): c is XmlChild => c !== null && c !== undefined && c !== false),
  };
}

/** A text-only element, or nothing when the value is absent. */
export function leaf(
  name: string,
  value: string | number | boolean | undefined | null,
  attrs: XmlAttrs = {},
) {
  return value === undefined || value === null ? null : el(name, attrs, String(value));
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Replaces characters XML 1.0 forbids with visible `[U+XXXX]`, for text Vigil did not write itself. */
export function visibleControls(value: string): string {
  let out = "";
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    out += isXmlChar(cp) ? ch : `[U+${hex(cp)}]`;
  }
  return out;
}

export function escapeText(value: string, field: string, limit = DEFAULT_TEXT_LIMIT): string {
  if (value.length > limit) throw new XmlFieldTooLongError(field, value.length, limit);
  let out = "";
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isXmlChar(cp)) throw new XmlInvalidCharacterError(field, cp);
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case "'":
        out += "&apos;";
        break;
      case "\r":
        // A literal CR would be normalised away by any parser (XML 1.0 §2.11); the reference keeps it.
        out += "&#xD;";
        break;
      default:
        out += BIDI.test(ch) ? `&#x${hex(cp)};` : ch;
    }
  }
  return out;
}

/** Per-field caps by element name; anything not named gets DEFAULT_TEXT_LIMIT. */
export type TextLimits = Readonly<Record<string, number>>;

function write(node: XmlElement, path: string, limits: TextLimits, out: string[], depth: number): void {
  const here = path ? `${path}/${node.name}` : node.name;
  const indent = "  ".repeat(depth);
  let open = `${indent}<${node.name}`;
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value !== undefined) open += ` ${name}="${escapeText(value, `${here}@${name}`)}"`;
  }
  if (node.children.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  const [first] = node.children;
  if (node.children.length === 1 && typeof first === "string") {
    const limit = limits[node.name] ?? DEFAULT_TEXT_LIMIT;
    out.push(`${open}>${escapeText(first, here, limit)}</${node.name}>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of node.children) {
    if (typeof child === "string")
      throw new Error(`${here}: mixed content is not used by the CyberTipline schema`);
    write(child, here, limits, out, depth + 1);
  }
  out.push(`${indent}</${node.name}>`);
}

/** The whole document, UTF-8 declared, indented by two spaces. */
export function serialiseXml(root: XmlElement, limits: TextLimits = {}): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, "", limits, out, 0);
  return `${out.join("\n")}\n`;
}
