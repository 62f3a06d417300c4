/** The automaton finds exactly what a naive search finds. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { AhoCorasick } from "../../../src/signals/text/aho-corasick.js";

function naive(patterns: number[][], text: number[]): string[] {
  const found: string[] = [];
  for (let end = 1; end <= text.length; end++)
    patterns.forEach((p, id) => {
      if (p.length === 0 || p.length > end) return;
      if (p.every((c, i) => text[end - p.length + i] === c)) found.push(`${id}@${end}`);
    });
  return found.sort();
}

test("every occurrence of every pattern, overlapping and nested, as a naive scan finds them", () => {
  const letter = fc.integer({ min: 97, max: 100 }); // a small alphabet makes overlaps common
  fc.assert(
    fc.property(
      fc.array(fc.array(letter, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.oneof(letter, fc.constant(0x5d0)), { maxLength: 60 }),
      (patterns, text) => {
        const found: string[] = [];
        new AhoCorasick(patterns).scan(text, (id, end) => found.push(`${id}@${end}`));
        assert.deepEqual(found.sort(), naive(patterns, text));
      },
    ),
    { numRuns: 300 },
  );
});

test("characters in no pattern send the automaton back to its root", () => {
  const found: number[] = [];
  new AhoCorasick([[1, 2]]).scan([1, 9, 2, 1, 2], (_id, end) => found.push(end));
  assert.deepEqual(found, [5]);
});
