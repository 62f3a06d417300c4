/**
 * Hostile JSON for the API's parsers (issue 17): a fixed corpus of known attacks
 * on JSON bodies, and fast-check generators that mix valid structure with text
 * PostgreSQL cannot store, odd Unicode, wrong types, hostile nesting and broken
 * framing. Multipart uploads are in hostile-multipart.ts.
 */
import fc from "fast-check";
import { EVENT_TYPES } from "../../src/domain/events.js";

export interface HostileBody {
  name: string;
  contentType: string;
  body: string | Buffer;
}

const valid = {
  id: "e-1",
  type: "group.created",
  occurred_at: "2026-11-22T10:00:00Z",
  platform: "whatsapp",
  group: { id: "g-1", name: "a group" },
};
const batchOf = (...events: unknown[]) => JSON.stringify({ events });
const deep = (open: string, close: string, n: number, inner = "1") =>
  `${open.repeat(n)}${inner}${close.repeat(n)}`;

/** Known attacks on a JSON body: framing, encoding, nesting, prototype keys, size and Unicode. */
export function hostileJsonCorpus(): HostileBody[] {
  const json = (name: string, body: string | Buffer): HostileBody => ({
    name,
    contentType: "application/json",
    body,
  });
  return [
    json("empty", ""),
    json("null", "null"),
    json("a bare string", '"events"'),
    json("a number", "1e400"),
    json("an array", "[]"),
    json("truncated", '{"events":[{"id":"e-1"'),
    json("trailing garbage", `${batchOf(valid)} trailing`),
    json("comments", '{/* c */"events":[]}'),
    json("single quotes", "{'events':[]}"),
    json("NaN", '{"events":[NaN]}'),
    json("a raw control character in a string", `{"events":[{"id":"a\u0001b"}]}`),
    json("a raw NUL byte", Buffer.from('{"events":[{"id":"a\0b"}]}')),
    json("an escaped NUL", batchOf({ ...valid, id: "a\u0000b" })),
    json("an escaped lone surrogate", '{"events":[{"id":"\\ud800"}]}'),
    json("a reversed surrogate pair", '{"events":[{"id":"\\udc00\\ud800"}]}'),
    json(
      "invalid UTF-8 bytes",
      Buffer.concat([
        Buffer.from('{"events":[{"id":"'),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
        Buffer.from('"}]}'),
      ]),
    ),
    json(
      "an overlong UTF-8 NUL",
      Buffer.concat([Buffer.from('{"events":[{"id":"a'), Buffer.from([0xc0, 0x80]), Buffer.from('"}]}')]),
    ),
    json(
      "CESU-8 surrogate bytes",
      Buffer.concat([
        Buffer.from('{"events":[{"id":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"}]}'),
      ]),
    ),
    json("a byte-order mark", `\ufeff${batchOf(valid)}`),
    json("UTF-16 encoded", Buffer.from(batchOf(valid), "utf16le")),
    json("__proto__ key", '{"events":[],"__proto__":{"polluted":true}}'),
    json("constructor.prototype key", '{"events":[{"constructor":{"prototype":{"polluted":true}}}]}'),
    json("__proto__ in data", batchOf({ ...valid, data: JSON.parse('{"__proto__":{"admin":true}}') })),
    json("duplicate keys", '{"events":[],"events":[1]}'),
    json(
      "objects 5,000 deep in data",
      `{"events":[{"id":"d","type":"group.created","occurred_at":"2026-11-22T10:00:00Z","platform":"whatsapp","group":{"id":"g"},"data":${deep('{"a":', "}", 5000)}}]}`,
    ),
    json("arrays 100,000 deep", `{"events":${deep("[", "]", 100_000, "")}}`),
    json("unclosed arrays 100,000 deep", `{"events":${"[".repeat(100_000)}`),
    json("1,001 events", batchOf(...Array.from({ length: 1001 }, (_, i) => ({ ...valid, id: `e-${i}` })))),
    json("a 1 MB group name", batchOf({ ...valid, group: { id: "g", name: "x".repeat(1024 * 1024) } })),
    json("a 100,000-character key in data", batchOf({ ...valid, data: { ["k".repeat(100_000)]: 1 } })),
    json(
      "right-to-left override and zero-width characters",
      batchOf({ ...valid, group: { id: "g\u202e\u200b", name: "\u202egnp.exe" } }),
    ),
    json("noncharacters", batchOf({ ...valid, group: { id: "g", name: "\uffff\ufffe\u{10ffff}" } })),
    json("every field null", batchOf(Object.fromEntries(Object.keys(valid).map((k) => [k, null])))),
    json("numbers where strings go", batchOf({ ...valid, id: 1, group: { id: 2 } })),
    json("a huge integer", batchOf({ ...valid, account: { id: "a", phone: 1e308 } })),
    json("an unknown type with a hostile name", batchOf({ ...valid, type: "\u0000\ud800" })),
    json("a date far out of range", batchOf({ ...valid, occurred_at: "+275760-09-13T00:00:01Z" })),
  ];
}

// A character as an attacker picks it: any code point, lone surrogates, NUL, controls, bidi and quoting.
const hostileChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "\0",
      "\ud800",
      "\udbff",
      "\udc00",
      "\udfff",
      "\u202e",
      "\ufeff",
      "\u200b",
      "\\",
      '"',
      "\n",
      "%00",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
export const hostileString = fc.string({ unit: hostileChar, maxLength: 24 });

const maybe = <T>(good: T) =>
  fc.oneof({ weight: 30, arbitrary: fc.constant(good) }, hostileString, fc.integer(), fc.constant(null));
/** Mostly honest text in any script (so batches get through to storage and the pipeline), sometimes hostile. */
const text = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: hostileString },
);

export const hostileJsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof({ weight: 12, arbitrary: text }, fc.constantFrom("__proto__", "constructor")),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
})).value;

const common = {
  id: maybe("e-1"),
  occurred_at: maybe("2026-11-22T10:00:00Z"),
  platform: maybe("whatsapp"),
  data: fc.oneof(
    { weight: 5, arbitrary: fc.dictionary(text, hostileJsonValue, { maxKeys: 4 }) },
    hostileJsonValue,
  ),
};
const optional = (keys: string[]) => ({
  requiredKeys: ["id", "type", "occurred_at", "platform", ...keys] as never[],
});
const group = fc.record(
  { id: maybe("g-1"), name: text, description: text, admins: fc.array(text, { maxLength: 3 }) },
  { requiredKeys: ["id"] },
);
const account = fc.record(
  { id: maybe("a-1"), phone: maybe("+15551234567"), name: text },
  { requiredKeys: ["id"] },
);

/** Events shaped like each type (so many are valid and stored), and some of any shape. */
export const hostileEvent = fc.oneof(
  fc.record(
    { ...common, type: fc.constantFrom("group.created", "group.updated"), group },
    optional(["group"]),
  ),
  fc.record({ ...common, type: fc.constant("account.updated"), account }, optional(["account"])),
  fc.record(
    { ...common, type: fc.constantFrom("group.member_joined", "group.member_left"), group, account },
    optional(["group", "account"]),
  ),
  fc.record(
    {
      ...common,
      type: fc.oneof(fc.constantFrom(...EVENT_TYPES), hostileString),
      group,
      account,
      invite_link: fc.record(
        { code: maybe("c-1"), url: maybe("https://chat.whatsapp.com/abc") },
        { requiredKeys: ["code"] },
      ),
    },
    { requiredKeys: ["id", "type"] },
  ),
);

export const hostileReport = fc.record(
  {
    platform: maybe("whatsapp"),
    source: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("user", "hotline") }, hostileString),
    subject: fc.record({
      type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("group", "account") }, hostileString),
      id: maybe("g-1"),
    }),
    reason: maybe("csam"),
    text,
    reporter: fc.dictionary(text, hostileJsonValue, { maxKeys: 3 }),
    language: fc.oneof(fc.constant("en"), text),
  },
  { requiredKeys: ["platform", "subject", "reason"] },
);

/** A valid batch's bytes with hostile edits: inserted snippets, cut ranges, random bytes. */
export const mutatedBatch = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(
          fc.constantFrom(
            "\\u0000",
            "\\ud800",
            "{",
            "[",
            "]",
            '"',
            ",",
            ":",
            "\\",
            "null",
            "1e999",
            '"__proto__":{}',
          ),
          fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
        ),
        fc.nat({ max: 8 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([edits]) => {
    let text = batchOf(valid, { ...valid, id: "e-2", data: { note: "n" } });
    for (const [at, snippet, cut] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + snippet + text.slice(i + cut);
    }
    return Buffer.from(text, "latin1");
  });
