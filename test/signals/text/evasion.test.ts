/**
 * Every evasion class of issue 5: a disguised term is found, and a similar benign
 * text is not flagged. Positives are bare terms, as in the lexicons.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { TextScorer } from "../../../src/signals/text/index.js";
import { repoRoot } from "../../support/paths.js";

const scorer = TextScorer.fromDirectory(join(repoRoot, "lexicons"));

interface EvasionCase {
  evasion: string;
  disguised: string;
  /** A term the disguised text must be found to contain. */
  term: string;
  benign: string;
}

const CASES: EvasionCase[] = [
  { evasion: "plain", disguised: "child porn", term: "child porn", benign: "child protection training" },
  { evasion: "case folding", disguised: "ChIlD PoRn", term: "child porn", benign: "ChIlDrEn'S CHOIR" },
  {
    evasion: "NFKC fullwidth",
    disguised: "ｃｈｉｌｄ ｐｏｒｎ",
    term: "child porn",
    benign: "ｋｉｄｓ ｆｏｏｔｂａｌｌ",
  },
  { evasion: "mathematical alphanumerics", disguised: "𝐜𝐡𝐢𝐥𝐝 𝓹𝓸𝓻𝓷", term: "child porn", benign: "𝐤𝐢𝐝𝐬 𝐜𝐥𝐮𝐛" },
  { evasion: "enclosed alphanumerics", disguised: "ⓒⓗⓘⓛⓓ ⓟⓞⓡⓝ", term: "child porn", benign: "ⓚⓘⓓⓢ ⓟⓐⓡⓣⓨ" },
  { evasion: "squared letters", disguised: "🄿🅃🄷🄲", term: "pthc", benign: "🄿🄸🅉🅉🄰 🄺🄸🄳🅂" },
  { evasion: "Cyrillic look-alikes", disguised: "сhild роrn", term: "child porn", benign: "сhild саrе" },
  { evasion: "Greek look-alikes", disguised: "kids ΡΟRΝ", term: "porn", benign: "ΡΟΝΥ kids" },
  { evasion: "small capitals", disguised: "ᴄʜɪʟᴅ ᴘᴏʀɴ", term: "child porn", benign: "ᴄʜɪʟᴅ ᴄᴀʀᴇ" },
  {
    evasion: "transliteration (Cyrillic script)",
    disguised: "kids порно",
    term: "porno",
    benign: "kids футбол",
  },
  { evasion: "transliteration (Devanagari)", disguised: "पोर्न किड्स", term: "porn", benign: "किड्स क्लब" },
  { evasion: "diacritics", disguised: "chíld pörn", term: "child porn", benign: "chíld cäre" },
  { evasion: "leetspeak digits", disguised: "ch1ld p0rn", term: "child porn", benign: "ch1ld c4re 2024" },
  { evasion: "leetspeak symbols", disguised: "k!ds $ex", term: "sex", benign: "kids! $5 entry" },
  {
    evasion: "separators inside words (dots)",
    disguised: "c.h.i.l.d p.o.r.n",
    term: "child porn",
    benign: "c.h.i.l.d c.a.r.e",
  },
  {
    evasion: "separators inside words (spaces)",
    disguised: "c h i l d p o r n",
    term: "child porn",
    benign: "a b c kids songs",
  },
  {
    evasion: "separators inside words (mixed)",
    disguised: "ch_ild p-orn",
    term: "child porn",
    benign: "ch_ild c-are",
  },
  {
    evasion: "repeated letters",
    disguised: "chiiiild pooorn",
    term: "child porn",
    benign: "pooool party for kiiids",
  },
  {
    evasion: "zero-width characters",
    disguised: "ch\u200bild p\u200dorn",
    term: "child porn",
    benign: "ch\u200bild ca\u200bre",
  },
  { evasion: "combining marks", disguised: "c̷h̷i̷l̷d̷ p̷o̷r̷n̷", term: "child porn", benign: "c̷h̷i̷l̷d̷ c̷a̷r̷e̷" },
  {
    evasion: "right-to-left override",
    disguised: "\u202enrop dlihc",
    term: "child porn",
    benign: "\u202ebulc sdik",
  },
  { evasion: "emoji as named tokens", disguised: "🍕 nudes", term: "🍕", benign: "kids pizza party 🍕" },
  {
    evasion: "Hebrew points and final forms",
    disguised: "פּוֹרְנוֹ יְלָדִים",
    term: "פורנו ילדים",
    benign: "חוג סקסופון לילדים",
  },
  {
    evasion: "Arabic tatweel, harakat and hamza",
    disguised: "سَكْـــس أَطْفَال",
    term: "سكس",
    benign: "الجنسية والإقامة للأطفال",
  },
];

for (const c of CASES) {
  test(`evasion: ${c.evasion}`, () => {
    const found = scorer.score(c.disguised);
    assert.ok(
      found.matches.some((m) => m.term === c.term),
      `"${c.disguised}" should contain "${c.term}"; found [${found.terms.join(", ")}], read as "${found.normalised}"`,
    );
    assert.notEqual(found.category, "none", `"${c.disguised}" should be a signal`);
    const benign = scorer.score(c.benign);
    assert.equal(
      benign.category,
      "none",
      `"${c.benign}" should not be flagged; found [${benign.terms.join(", ")}]`,
    );
  });
}

test("a disguised term's explanation points at the original characters", () => {
  const text = "join c.h.i.l.d p0rn now";
  const match = scorer.score(text).matches.find((m) => m.term === "child porn")!;
  assert.equal(match.original, "c.h.i.l.d p0rn");
  assert.equal(text.slice(match.start, match.end), match.original);
  assert.equal(match.normalised, "child p0rn");
});

test("collapsing repeated letters keeps their count: teeeen is teen, ten is not", () => {
  assert.equal(scorer.score("teeeen nudes").category, "child_safety");
  assert.equal(scorer.score("ten nudes").category, "adult");
});
