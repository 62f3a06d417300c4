/**
 * Hostile multipart uploads for the API (issue 17): a fixed corpus of known
 * attacks on framing, field and file names and part counts, and a fast-check
 * generator of uploads. Nothing here is real material: the "files" are a
 * generated pattern or random bytes.
 */
import fc from "fast-check";
import { type HostileBody, hostileString } from "./hostile-json.js";

/** A multipart body from raw parts; `boundary` is what the body uses, the header may declare another. */
export function multipartBody(
  boundary: string,
  parts: { headers: string[]; content: Buffer }[],
  close = true,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\n${p.headers.join("\r\n")}\r\n\r\n`),
      p.content,
      Buffer.from("\r\n"),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const fileHeaders = (field: string, filename: string) => [
  `Content-Disposition: form-data; name="${field}"; filename="${filename}"`,
  "Content-Type: image/png",
];

/** Known attacks on a multipart upload: framing, field names, file names, counts. */
export function hostileMultipartCorpus(png: Buffer): HostileBody[] {
  const b = "vigil-boundary";
  const mp = (name: string, body: Buffer, boundary = b): HostileBody => ({
    name,
    contentType: `multipart/form-data; boundary=${boundary}`,
    body,
  });
  const file = (field = "file", filename = "a.png", content = png) => ({
    headers: fileHeaders(field, filename),
    content,
  });
  return [
    mp("no boundary declared", multipartBody(b, [file()]), ""),
    mp("a different boundary declared", multipartBody(b, [file()]), "other"),
    mp("no closing boundary", multipartBody(b, [file()], false)),
    mp("truncated inside the file", multipartBody(b, [file()]).subarray(0, 120)),
    mp("empty body", Buffer.alloc(0)),
    mp(
      "a part without Content-Disposition",
      multipartBody(b, [{ headers: ["Content-Type: image/png"], content: png }]),
    ),
    mp("a file in another field", multipartBody(b, [file("photo")])),
    mp("two files", multipartBody(b, [file(), file("file", "b.png")])),
    mp(
      "1,000 parts",
      multipartBody(
        b,
        Array.from({ length: 1000 }, () => file()),
      ),
    ),
    mp(
      "a text field only",
      multipartBody(b, [
        { headers: ['Content-Disposition: form-data; name="note"'], content: Buffer.from("hi") },
      ]),
    ),
    mp("a __proto__ field", multipartBody(b, [file("__proto__")])),
    mp("a path-traversal file name", multipartBody(b, [file("file", "../../../etc/passwd")])),
    mp(
      "an RFC 5987 file name with NUL",
      multipartBody(b, [
        {
          headers: ["Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%00b.png"],
          content: png,
        },
      ]),
    ),
    mp(
      "an RFC 5987 file name with invalid UTF-8",
      multipartBody(b, [
        {
          headers: ["Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%ED%A0%80.png"],
          content: png,
        },
      ]),
    ),
    mp(
      "a 20,000-byte part header",
      multipartBody(b, [
        { headers: [...fileHeaders("file", "a.png"), `X-Pad: ${"a".repeat(20_000)}`], content: png },
      ]),
    ),
    mp(
      "random bytes as the file",
      multipartBody(b, [
        file("file", "a.png", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))),
      ]),
    ),
    mp("an empty file", multipartBody(b, [file("file", "a.png", Buffer.alloc(0))])),
    mp(
      "nested multipart/mixed",
      multipartBody(b, [
        {
          headers: [
            'Content-Disposition: form-data; name="file"',
            "Content-Type: multipart/mixed; boundary=inner",
          ],
          content: multipartBody("inner", [file()]),
        },
      ]),
    ),
  ];
}

/** Multipart uploads with generated boundaries, field and file names, contents, counts and cuts. */
export function hostileMultipart(png: Buffer): fc.Arbitrary<{ contentType: string; body: Buffer }> {
  const part = fc.record({
    field: fc.oneof({ weight: 3, arbitrary: fc.constant("file") }, hostileString),
    filename: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constant("a.png") }, hostileString), { freq: 5 }),
    content: fc.oneof(
      fc.constant(png),
      fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
    ),
    header: fc.option(hostileString, { freq: 3 }),
  });
  return fc
    .record({
      boundary: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
      declareOther: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
      parts: fc.oneof({ weight: 3, arbitrary: part.map((p) => [p]) }, fc.array(part, { maxLength: 3 })),
      close: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
      cut: fc.option(fc.nat(), { freq: 4 }),
    })
    .map(({ boundary, declareOther, parts, close, cut }) => {
      const body = multipartBody(
        boundary,
        parts.map((p) => ({
          headers: [
            `Content-Disposition: form-data; name="${p.field}"${p.filename === null ? "" : `; filename="${p.filename}"`}`,
            ...(p.header === null ? [] : [`X-Extra: ${p.header}`]),
          ],
          content: p.content,
        })),
        close,
      );
      return {
        contentType: `multipart/form-data; boundary=${declareOther ? `${boundary}x` : boundary}`,
        body: cut === null ? body : body.subarray(0, cut % (body.length + 1)),
      };
    });
}
