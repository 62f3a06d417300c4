/**
 * Text signal throughput on one core (the main thread): group names a second with
 * every starter lexicon loaded (23 languages and und), padded to 5,000 terms by
 * synthetic filler terms (random letter strings, so the automaton has realistic
 * size), and the cost split into normalisation and matching. Names are the texts of
 * every evaluation set (fixtures/text/*.tsv and its folders) plus generated names
 * built from everyday words of those languages, digits, emoji and look-alike
 * letters, so the fast ASCII path and the Unicode paths (Cyrillic, Devanagari,
 * Bengali, Arabic script, Han, kana) are all exercised.
 *
 *   node dist/bench/text.js [names] [terms]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Lexicon, type LexiconTerm, loadLexiconDirectory } from "../src/signals/text/lexicon.js";
import { normalise } from "../src/signals/text/normalise.js";
import { TermMatcher } from "../src/signals/text/term-matcher.js";
import { TextScorer } from "../src/signals/text/text-scorer.js";

export interface TextBenchOptions {
  names: number;
  terms: number;
  log: (line: string) => void;
}

/** A small deterministic generator (mulberry32), so every run scores the same names. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "kids",
  "football",
  "parents",
  "club",
  "mums",
  "pizza",
  "friday",
  "team",
  "school",
  "class",
  "2024",
  "u11",
  "Kinder",
  "Eltern",
  "Fußball",
  "enfants",
  "école",
  "niños",
  "fútbol",
  "crianças",
  "família",
  "ילדים",
  "הורים",
  "أطفال",
  "عائلة",
  "Детский",
  "футбол",
  "родители",
  "дитячий",
  "बच्चों",
  "क्लब",
  "bacchon",
  "anak",
  "sekolah",
  "çocuk",
  "okulu",
  "bambini",
  "dzieci",
  "szkoła",
  "kinderen",
  "trẻ em",
  "mga bata",
  "শিশুদের",
  "বাচ্চাদের",
  "بچوں",
  "کودکان",
  "家长群",
  "儿童足球训练",
  "保護者グループ",
  "ロリータ服",
  "teen",
  "baby",
  "group",
  "chat",
  "news",
  "family",
  "🍕",
  "⚽",
  "👶",
  "❤️",
  "🎉",
  "ｆｕｎ",
  "𝐜𝐥𝐮𝐛",
  "sрort",
  "the",
  "and",
  "of",
  "best",
  "friends",
  "city",
];

function generatedNames(count: number, next: () => number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = 2 + Math.floor(next() * 4);
    const parts: string[] = [];
    for (let w = 0; w < words; w++) parts.push(WORDS[Math.floor(next() * WORDS.length)]);
    names.push(parts.join(next() < 0.8 ? " " : " - "));
  }
  return names;
}

function fillerTerms(count: number, next: () => number): LexiconTerm[] {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const categories = ["minor", "sexual", "abuse", "code", "benign"] as const;
  const terms: LexiconTerm[] = [];
  for (let i = 0; i < count; i++) {
    let term = "";
    const length = 5 + Math.floor(next() * 8);
    for (let k = 0; k < length; k++) term += letters[Math.floor(next() * 26)];
    terms.push({
      term,
      language: "und",
      category: categories[i % categories.length],
      weight: 0.5,
      match: i % 3 === 0 ? "inside" : "word",
      source: `filler:${i}`,
      note: "",
    });
  }
  return terms;
}

/** Every evaluation set: the .tsv files of a folder and of its subfolders, in name order. */
function evaluationFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return evaluationFiles(path);
      return name.endsWith(".tsv") ? [path] : [];
    });
}

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function runTextBench(options: TextBenchOptions): Promise<{ label: string; value: string }[]> {
  const next = random(5);
  const starter = loadLexiconDirectory(join(process.cwd(), "lexicons"));
  const lexicon: Lexicon = {
    terms: [...starter.terms, ...fillerTerms(Math.max(0, options.terms - starter.terms.length), next)],
    files: starter.files,
  };
  const evalTexts = evaluationFiles(join(process.cwd(), "fixtures/text")).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split("\t").slice(3).join("\t")),
  );
  const names = [...evalTexts, ...generatedNames(Math.max(0, options.names - evalTexts.length), next)];
  const chars = names.reduce((n, s) => n + s.length, 0);
  options.log(`${names.length} names, ${(chars / names.length).toFixed(1)} UTF-16 units each on average`);

  let build = 0;
  let matcher: TermMatcher | undefined;
  build = time(() => {
    matcher = new TermMatcher(lexicon);
  });
  const scorer = new TextScorer(lexicon);
  options.log(
    `lexicon: ${lexicon.terms.length} terms, ${matcher!.states} automaton states, ${(matcher!.byteLength / 2 ** 20).toFixed(1)} MiB, built in ${(build * 1000).toFixed(0)} ms`,
  );

  // Warm up the JIT and the per-character cache. Each stage is then timed three
  // times on the same names and the best round kept (this VM is shared and noisy).
  for (const name of names.slice(0, 20_000)) scorer.signal("group.name", name);
  const best = (run: () => void) => Math.min(time(run), time(run), time(run));
  let sink = 0;
  const tNormalise = best(() => {
    for (const name of names) sink += normalise(name).native.keys.length;
  });
  // Matching alone, on names normalised beforehand in chunks (holding all 200,000
  // normalised names at once would time the garbage collector instead).
  let tMatch = 0;
  let hits = 0;
  for (let from = 0; from < names.length; from += 10_000) {
    const chunk = names.slice(from, from + 10_000).map((name) => normalise(name));
    tMatch += best(() => {
      for (const n of chunk) hits += matcher!.match(n).matches.length;
    });
  }
  let signals = 0;
  const tSignal = best(() => {
    signals = 0;
    for (const name of names) if (scorer.signal("group.name", name)) signals++;
  });
  const tExplain = best(() => {
    for (const name of names) sink += scorer.score(name).terms.length;
  });
  // The cost of the languages themselves, in this run: the issue-5 languages alone,
  // padded with the same filler to the same size, timed interleaved with all of them.
  const firstSeven = new Set(["en", "de", "fr", "es", "pt", "he", "ar", "und"]);
  const seven = starter.terms.filter((t) => firstSeven.has(t.language));
  const sevenScorer = new TextScorer({
    terms: [...seven, ...fillerTerms(Math.max(0, lexicon.terms.length - seven.length), random(11))],
    files: [],
  });
  let tAll = Number.POSITIVE_INFINITY;
  let tSeven = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    tSeven = Math.min(
      tSeven,
      time(() => {
        for (const name of names) sevenScorer.signal("group.name", name);
      }),
    );
    tAll = Math.min(
      tAll,
      time(() => {
        for (const name of names) scorer.signal("group.name", name);
      }),
    );
  }
  const perSecond = (t: number) => Math.round(names.length / t).toLocaleString("en-US");
  const micro = (t: number) => ((t / names.length) * 1e6).toFixed(2);
  const rows = [
    {
      label: "names / lexicon terms",
      value: `${names.length.toLocaleString("en-US")} / ${lexicon.terms.length} (${starter.terms.length} from ${starter.files.length} lexicon files, the rest filler)`,
    },
    {
      label: "automaton",
      value: `${matcher!.states} states, ${(matcher!.byteLength / 2 ** 20).toFixed(1)} MiB`,
    },
    { label: "normalise", value: `${micro(tNormalise)} µs/name (${perSecond(tNormalise)} names/s)` },
    { label: "match (automaton + checks)", value: `${micro(tMatch)} µs/name (${perSecond(tMatch)} names/s)` },
    {
      label: "scoreText path (normalise + match + score), one core",
      value: `**${perSecond(tSignal)} names/s** (${micro(tSignal)} µs/name; ${signals} signals)`,
    },
    { label: "full explanation (TextScorer.score)", value: `${perSecond(tExplain)} names/s` },
    {
      label: "all languages against issue 5's seven, same run, same size (scoreText path)",
      value: `${(tAll / tSeven).toFixed(2)}x the time (${perSecond(tAll)} against ${perSecond(tSeven)} names/s)`,
    },
  ];
  for (const r of rows) options.log(`${r.label}: ${r.value.replaceAll("**", "")}`);
  options.log(`hits ${hits / 3}, checksum ${sink}`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [names = "200000", terms = "5000"] = process.argv.slice(2);
  await runTextBench({ names: Number(names), terms: Number(terms), log: console.log });
}
