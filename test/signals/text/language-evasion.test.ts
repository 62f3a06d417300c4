/**
 * The disguises each script of issue 25 invites: a disguised term is found in the
 * starter lexicons, and a benign text that looks like it is not flagged.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { TextScorer } from "../../../src/signals/text/index.js";
import { repoRoot } from "../../support/paths.js";

const scorer = TextScorer.fromDirectory(join(repoRoot, "lexicons"));

interface ScriptCase {
  evasion: string;
  disguised: string;
  /** A term the disguised text must be found to contain. */
  term: string;
  benign: string;
}

const CASES: ScriptCase[] = [
  // Cyrillic: Latin letters and digits typed into Russian words, and the reverse.
  {
    evasion: "ru: Latin letters in Cyrillic",
    disguised: "дeтcкoe пoрнo",
    term: "детское порно",
    benign: "Детский футбол U-10",
  },
  {
    evasion: "ru: digits in Cyrillic",
    disguised: "п0рн0 малолетки",
    term: "порн",
    benign: "Малолетки? Нет, 13лет хоккей",
  },
  {
    evasion: "ru: spaced-out letters",
    disguised: "д.е.т.с.к.о.е п.о.р.н.о",
    term: "детское порно",
    benign: "Д.е.т.с.к.и.й сад",
  },
  {
    evasion: "ru: transliteration",
    disguised: "detskoe porno",
    term: "детское порно",
    benign: "Detskiy sad Romashka",
  },
  { evasion: "ru: Latin look-alikes", disguised: "nopHo ДETИ", term: "дети", benign: "ДETИ и спорт" },
  { evasion: "uk: Latin i for і", disguised: "дiти порно", term: "діти", benign: "Голи тижня - дитяча ліга" },
  // Missing diacritics.
  {
    evasion: "tr: dotless ı and İ",
    disguised: "ÇOCUK PORNOSU İFŞA",
    term: "çocuk porno",
    benign: "Çıplak ayakla yürüyüş",
  },
  {
    evasion: "tr: no diacritics",
    disguised: "kucuk kiz ciplak",
    term: "küçük kız",
    benign: "Kiz kulesi gezisi",
  },
  { evasion: "pl: ł as l", disguised: "malolatki nagie", term: "małolat", benign: "Nagie fakty - podcast" },
  {
    evasion: "vi: no tone marks",
    disguised: "khieu dam tre em",
    term: "khiêu dâm trẻ em",
    benign: "Hội vợ chồng trẻ nấu ăn",
  },
  // Devanagari and its romanised forms.
  { evasion: "hi: nukta left out", disguised: "नाबालिग लडकी नंगी", term: "नाबालिग", benign: "नंगे पैर दौड़" },
  {
    evasion: "hi: Devanagari digits",
    disguised: "१४ साल सेक्स वीडियो",
    term: "14 साल",
    benign: "१३ साल की शादी की सालगिरह",
  },
  {
    evasion: "hi: Hinglish doubled letters",
    disguised: "bacchiii nangiii",
    term: "bachi",
    benign: "Amitabh Bachchan fans",
  },
  // Arabic script: keyboard variants and the zero-width non-joiner.
  {
    evasion: "ur: Arabic yeh and heh",
    disguised: "چهوٹی بچي سيکس",
    term: "چھوٹی بچی",
    benign: "چھوٹی بچی کی سالگرہ",
  },
  { evasion: "fa: Arabic kaf and yeh", disguised: "سكس كودكان", term: "کودک", benign: "بچه بازی نکن - طنز" },
  {
    evasion: "fa: zero-width non-joiner",
    disguised: "دختر‌بچه لخت",
    term: "دختر بچه",
    benign: "دختر‌بچه‌های کلاس نقاشی",
  },
  // Written without spaces.
  {
    evasion: "zh: inside unsegmented text",
    disguised: "儿童色情视频资源",
    term: "儿童色情",
    benign: "反对儿童色情志愿者",
  },
  {
    evasion: "zh: traditional characters",
    disguised: "兒童色情影片",
    term: "兒童色情",
    benign: "兒童讀物交換",
  },
  { evasion: "zh: Latin next to Han", disguised: "萝莉porn", term: "porn", benign: "萝莉塔fashion" },
  { evasion: "zh: spaced characters", disguised: "幼 女 裸 照", term: "幼女", benign: "幼 儿 园" },
  { evasion: "zh: whole numbers", disguised: "13岁女孩裸照", term: "13岁", benign: "18岁成人礼裸妆" },
  { evasion: "ja: half-width katakana", disguised: "ﾛﾘｴﾛ", term: "エロ", benign: "ﾛﾘｰﾀﾌｧｯｼｮﾝ" },
  {
    evasion: "ja: hiragana for katakana",
    disguised: "ろりえろ",
    term: "エロ",
    benign: "ロリータファッション好き",
  },
  { evasion: "ja: Latin next to kana", disguised: "JSエロ", term: "js", benign: "JSでWebアプリ開発" },
  {
    evasion: "ja: separators",
    disguised: "児.童.ポ.ル.ノ",
    term: "児童ポルノ",
    benign: "児童ポルノ禁止法について",
  },
  // Latin scripts: reduplication, run-together hashtags, i against l.
  {
    evasion: "id: reduplication with 2",
    disguised: "anak2 bugil",
    term: "anak2",
    benign: "Anak2 TPA Al-Ikhlas",
  },
  { evasion: "id: hashtag", disguised: "#bokepbocil", term: "bocil", benign: "#bocilepic" },
  {
    evasion: "nl: i is not l",
    disguised: "jonge meiden naakt",
    term: "jonge meiden",
    benign: "Kinderporno melden - EOKM",
  },
];

for (const c of CASES) {
  test(`script evasion: ${c.evasion}`, () => {
    const found = scorer.score(c.disguised);
    assert.ok(
      found.matches.some((m) => m.term === c.term),
      `"${c.disguised}" should contain "${c.term}"; found [${found.terms.join(", ")}], read as "${found.normalised}"`,
    );
    assert.equal(found.category, "child_safety", `"${c.disguised}": [${found.terms.join(", ")}]`);
    const benign = scorer.score(c.benign);
    assert.equal(
      benign.category,
      "none",
      `"${c.benign}" should not be flagged; found [${benign.terms.join(", ")}]`,
    );
  });
}

test("numbers are matched whole: 33 years old is not 3 years old, 18岁 holds no 8岁", () => {
  assert.equal(scorer.score("33 years old nudes").category, "adult");
  assert.equal(scorer.score("44yo nudes").category, "adult");
  assert.ok(!scorer.score("18岁色情").terms.includes("8岁"));
  assert.equal(scorer.score("13 years old nudes").category, "child_safety");
});

test("a lowercase i does not stand for l, but a stroke (I, 1, |, !) stands for either", () => {
  assert.ok(!scorer.score("meiden").terms.includes("melden"));
  for (const text of ["chIld porn", "ch1ld porn", "ch|ld porn", "ch!ld porn"])
    assert.equal(scorer.score(text).category, "child_safety", text);
});

test("a short transliteration counts only where the text has Cyrillic", () => {
  assert.equal(scorer.score("Minet le chat des enfants").category, "none"); // French, not минет
  assert.equal(scorer.score("gola alta infantil").category, "none"); // Portuguese collar, not гола
  assert.equal(scorer.score("мінeт дітей").category, "child_safety");
});

test("the normalised form shows strokes as the lowercase i they read as", () => {
  assert.equal(scorer.score("KIDS PORN").normalised, "kids porn");
  assert.equal(scorer.score("ch|ld p0rn").normalised, "child p0rn");
});
