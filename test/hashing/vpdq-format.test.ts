/** vPDQ frame numbering, timestamps and the reference text format (pure, no ffmpeg). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hash256FromHex, hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { formatFixed3 } from "../../src/hashing/vpdq/fixed3.js";
import { frameModulus, frameTimestamp, hashedFrameNumber } from "../../src/hashing/vpdq/frame-selection.js";
import {
  formatVpdq,
  parseVpdq,
  type VpdqFeature,
  VpdqFormatError,
} from "../../src/hashing/vpdq/vpdq-feature.js";

const HEX_A = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";
const HEX_B = "c0f1117837246aaccddea259648fbfd62f434c89c9e99b249776be216c8d055c";

test("frame modulus truncates seconds x fps like the reference's int cast, never below 1", () => {
  assert.equal(frameModulus(1, 30), 30);
  assert.equal(frameModulus(0, 30), 1); // every frame
  assert.equal(frameModulus(0.5, 25), 12);
  assert.equal(frameModulus(1, 30000 / 1001), 29);
  assert.equal(frameModulus(2, 30000 / 1001), 59);
  assert.equal(frameModulus(1, 0.5), 1); // the reference's corner case
  assert.equal(hashedFrameNumber(3, 29), 87);
});

test("timestamps are float32 frame / fps, printed as printf %.3f", () => {
  // From the reference output for a 30 fps sample (chair-19-sd-bar, frames 1, 2, 563).
  assert.equal(formatFixed3(frameTimestamp(1, 30)), "0.033");
  assert.equal(formatFixed3(frameTimestamp(2, 30)), "0.067");
  assert.equal(formatFixed3(frameTimestamp(563, 30)), "18.767");
  assert.equal(frameTimestamp(2, 30), Math.fround(2 / 30));
  assert.equal(formatFixed3(frameTimestamp(10, 10)), "1.000");
});

test("%.3f rounds exact ties to even, as glibc does, not up as toFixed does", () => {
  assert.equal((0.0625).toFixed(3), "0.063"); // what plain JavaScript would print
  assert.equal(formatFixed3(0.0625), "0.062");
  assert.equal(formatFixed3(0.1875), "0.188");
  assert.equal(formatFixed3(2.3125), "2.312");
  assert.equal(formatFixed3(frameTimestamp(1, 16)), "0.062"); // frame 1 of a 16 fps video
  assert.equal(formatFixed3(0.0005), "0.001"); // not a binary tie: the double is just above
  assert.equal(formatFixed3(0), "0.000");
  assert.equal(formatFixed3(12345.6789), "12345.679");
});

test("the text format is the reference's, line for line, and round-trips", () => {
  const features: VpdqFeature[] = [
    { frameNumber: 0, quality: 100, hash: hash256FromHex(HEX_A), timestamp: frameTimestamp(0, 30) },
    { frameNumber: 1, quality: 49, hash: hash256FromHex(HEX_B), timestamp: frameTimestamp(1, 30) },
  ];
  const text = formatVpdq(features);
  assert.equal(text, `0,100,${HEX_A},0.000\n1,49,${HEX_B},0.033\n`);
  const back = parseVpdq(text);
  assert.equal(back.length, 2);
  assert.equal(hash256ToHex(back[1].hash), HEX_B);
  assert.deepEqual(
    back.map((f) => [f.frameNumber, f.quality, f.timestamp]),
    [
      [0, 100, 0],
      [1, 49, 0.033],
    ],
  );
  assert.equal(formatVpdq(back), text);
  assert.equal(parseVpdq(text.replaceAll("\n", "\r\n")).length, 2);
  // The reference reads hex in either case and writes lower case.
  assert.equal(formatVpdq(parseVpdq(`0,100,${HEX_A.toUpperCase()},0.000`)), `0,100,${HEX_A},0.000\n`);
  assert.deepEqual(parseVpdq(""), []);
});

test("parse errors name the line", () => {
  const good = `0,100,${HEX_A},0.000`;
  const cases: [string, number, RegExp][] = [
    [`${good}\n1,abc,${HEX_A},0.033\n`, 2, /quality/],
    [`${good}\n\n7,100,${HEX_A}\n`, 3, /4 comma-separated fields/],
    [`-1,100,${HEX_A},0.000`, 1, /frame number/],
    [`0,101,${HEX_A},0.000`, 1, /quality/],
    [`0,100,${HEX_A.slice(1)},0.000`, 1, /64 hex digits/],
    [`${good}\n0,100,${HEX_A},-0.5`, 2, /timestamp/],
    [`${good}\n0,100,${HEX_A},NaN`, 2, /timestamp/],
    [`0,100,${HEX_A},0.000,extra`, 1, /4 comma-separated fields/],
  ];
  for (const [text, line, message] of cases) {
    assert.throws(
      () => parseVpdq(text),
      (e: unknown) => e instanceof VpdqFormatError && e.line === line && message.test(e.message),
      text,
    );
  }
});
