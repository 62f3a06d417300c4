/**
 * "Against child pornography" is not child pornography: every language of issue 25
 * has campaign, education and help words that lower the score of the abuse term
 * they stand beside, and every term of those lexicons says where it comes from.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadLexiconDirectory, TextScorer } from "../../../src/signals/text/index.js";
import { repoRoot } from "../../support/paths.js";

const lexicon = loadLexiconDirectory(join(repoRoot, "lexicons"));
const scorer = new TextScorer(lexicon);

/** language: [the abuse term alone, the same term in a campaign or help context]. */
const CAMPAIGNS: Record<string, [string, string]> = {
  hi: ["चाइल्ड पोर्न ग्रुप", "चाइल्ड पोर्न के खिलाफ जागरूकता"],
  "hi-Latn": ["bal ashleel video", "bal ashleel video ke khilaf abhiyan"],
  id: ["pornografi anak", "Lawan pornografi anak - relawan"],
  ru: ["детская порнография", "Против детской порнографии"],
  tr: ["çocuk pornosu", "Çocuk pornosuna karşı mücadele"],
  it: ["pedopornografia", "Contro la pedopornografia online"],
  pl: ["pornografia dziecięca", "Przeciw pornografii dziecięcej"],
  bn: ["শিশু পর্নোগ্রাফি", "শিশু পর্নোগ্রাফির বিরুদ্ধে প্রচারণা"],
  ur: ["چائلڈ پورن", "چائلڈ پورنوگرافی کے خلاف مہم"],
  ms: ["pornografi kanak-kanak", "Lawan pornografi kanak-kanak"],
  uk: ["дитяче порно", "Повідомити про дитяче порно - кіберполіція"],
  nl: ["kinderporno", "Meldpunt Kinderporno - preventie"],
  vi: ["khiêu dâm trẻ em", "Phòng chống khiêu dâm trẻ em"],
  tl: ["pornograpiya ng bata", "Kampanya laban sa pornograpiya ng bata"],
  fa: ["پورنوگرافی کودکان", "مبارزه با پورنوگرافی کودکان"],
  zh: ["儿童色情", "打击儿童色情举报"],
  ja: ["児童ポルノ", "児童ポルノ撲滅キャンペーン"],
};

for (const [language, [alone, campaign]] of Object.entries(CAMPAIGNS)) {
  test(`campaign context (${language}): "${campaign}" is not flagged, "${alone}" is`, () => {
    assert.equal(scorer.score(alone).category, "child_safety", alone);
    const scored = scorer.score(campaign);
    assert.equal(scored.category, "none", `${campaign}: [${scored.terms.join(", ")}]`);
    assert.ok(
      scored.matches.some((m) => m.category === "benign"),
      `${campaign}: a benign term lowers it`,
    );
  });
}

test("every term of the issue-25 lexicons carries a source note; each lexicon has minor, sexual, abuse and benign terms", () => {
  const languages = Object.keys(CAMPAIGNS).filter((l) => !l.includes("-"));
  for (const language of languages) {
    const terms = lexicon.terms.filter((t) => t.language === language);
    assert.ok(terms.length >= 40, `${language}: ${terms.length} terms`);
    for (const category of ["minor", "sexual", "abuse", "benign"])
      assert.ok(
        terms.some((t) => t.category === category),
        `${language} has ${category} terms`,
      );
    for (const term of terms) assert.notEqual(term.note, "", `${term.source} "${term.term}" has no note`);
  }
});
