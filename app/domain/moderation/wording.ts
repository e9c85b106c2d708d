/**
 * The profiling nudge: finds words in a participant's text that describe
 * people by origin, skin colour or religion, so the form can ask them to
 * describe behaviour, time and place instead (docs/decisions/011).
 *
 * The rules are data: content/gevoelige-woorden.txt (its header documents the
 * format and every ambiguity decision). This module parses that file and
 * matches texts against it. It is pure apart from `wordRules()`, which reads
 * the file once, lazily, through `process.getBuiltinModule` so that importing
 * this module never pulls node:fs into a browser bundle.
 */

export const WORD_LIST_PATH = "content/gevoelige-woorden.txt";

const SECTIONS = ["altijd", "niet-voor", "voor-persoon", "personen", "tussenwoorden"] as const;
type Section = (typeof SECTIONS)[number];

/** One line of the word list from [altijd] or [voor-persoon]. */
export interface WordEntry {
  /** 1-based line number in the source, for error messages and tests. */
  line: number;
  /** The forms as written on the line. */
  forms: string[];
  /** Only counts directly before a person noun. */
  personOnly: boolean;
  /** Every form and generated inflection, each as normalized tokens. */
  variants: string[][];
}

export interface WordRules {
  entries: WordEntry[];
  /** Nouns after which an [altijd] word describes a thing, not a person. */
  thingNouns: ReadonlySet<string>;
  personNouns: ReadonlySet<string>;
  /** Words allowed between a [voor-persoon] word and its person noun. */
  between: ReadonlySet<string>;
}

export type Matcher = (text: string) => string[];

// A token is a run of letters and digits; combining marks belong to the letter
// before them (a decomposed "ë").
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
// What may stand between the words of a phrase: spaces (no line break), or one hyphen.
const PHRASE_GAP = /^(?:[ \t\u00a0]+|[-\u2010\u2011])$/;
const HYPHEN = /^[-\u2010\u2011]$/;
// Forms in the word list: letters, spaces and hyphens only.
const VALID_FORM = /^[\p{L}\p{M}]+(?:[ -][\p{L}\p{M}]+)*$/u;
const APOSTROPHE_S = /^['\u2019]s(?![\p{L}\p{N}])/iu;
const MAX_BETWEEN = 2;

/** Lower case without accents: "Syriër" → "syrier". */
export function normalize(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

interface Token {
  norm: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({
    norm: normalize(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

const SUFFIXES = ["e", "en", "s", "se", "je", "tje", "jes", "tjes"];

/**
 * A normalized word and its common Dutch inflections. A double vowel before
 * the final consonant is written single in an open syllable, with s→z and f→v
 * before -en: Marokkaan → Marokkanen, Chinees → Chinese, Chinezen.
 */
export function inflections(word: string): string[] {
  const forms = new Set([word, ...SUFFIXES.map((suffix) => word + suffix)]);
  const open = /^(.*)(aa|ee|oo|uu)([^aeiouy])$/.exec(word);
  if (open) {
    const [, head = "", vowels = "", last = ""] = open;
    const stem = head + vowels.charAt(0);
    const voiced = last === "s" ? "z" : last === "f" ? "v" : last;
    forms.add(stem + last + "e");
    forms.add(stem + voiced + "en");
  }
  return [...forms];
}

/**
 * Parses the word list format described in the header of
 * content/gevoelige-woorden.txt; `name` prefixes error messages.
 */
export function parseWordList(source: string, name = WORD_LIST_PATH): WordRules {
  const entries: WordEntry[] = [];
  const thingNouns = new Set<string>();
  const personNouns = new Set<string>();
  const between = new Set<string>();
  let section: Section = "altijd";

  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/#.*/, "").trim();
    if (text === "") return;

    const heading = /^\[(.+)\]$/.exec(text);
    if (heading) {
      const title = heading[1]?.trim() ?? "";
      if (!(SECTIONS as readonly string[]).includes(title)) throw new Error(`${name}:${line}: unknown section [${title}]`);
      section = title as Section;
      return;
    }

    const exact = text.startsWith("=");
    const forms = text.replace(/^=/, "").split(",").map((form) => form.trim());
    for (const form of forms) {
      if (!VALID_FORM.test(form)) throw new Error(`${name}:${line}: invalid form "${form}"`);
    }
    const variants = forms.flatMap((form) => {
      const tokens = tokenize(form).map((t) => t.norm);
      const last = tokens.pop() ?? "";
      return (exact || section === "tussenwoorden" ? [last] : inflections(last)).map((word) => [...tokens, word]);
    });

    if (section === "altijd" || section === "voor-persoon") {
      entries.push({ line, forms, personOnly: section === "voor-persoon", variants });
      return;
    }
    const target = section === "niet-voor" ? thingNouns : section === "personen" ? personNouns : between;
    for (const variant of variants) {
      if (variant.length !== 1) throw new Error(`${name}:${line}: [${section}] takes single words only`);
      target.add(variant[0] ?? "");
    }
  });

  // A word that counts always and only before a person noun would make the
  // list contradict itself (usually an inflection nobody meant): refuse it.
  const modeOf = new Map<string, WordEntry>();
  for (const entry of entries) {
    for (const variant of entry.variants) {
      const key = variant.join(" ");
      const other = modeOf.get(key);
      if (other && other.personOnly !== entry.personOnly) {
        throw new Error(`${name}:${entry.line}: "${key}" is also matched by line ${other.line} in another section`);
      }
      modeOf.set(key, entry);
    }
  }
  return { entries, thingNouns, personNouns, between };
}

interface Phrase {
  tokens: string[];
  personOnly: boolean;
}

/**
 * Builds a matcher for the rules: returns the distinct matches in a text as
 * they appear in it, in order of first appearance; a [voor-persoon] match
 * includes its person noun ("zwarte jongens"). Matches that differ only in
 * case or accents count as one (the first is kept). Runs in time linear in the
 * text: phrases are looked up by their first word.
 */
export function matcherFor(rules: WordRules): Matcher {
  const byFirstWord = new Map<string, Phrase[]>();
  const modifiers = new Set(rules.between);
  for (const entry of rules.entries) {
    for (const tokens of entry.variants) {
      const first = tokens[0] ?? "";
      const list = byFirstWord.get(first) ?? [];
      list.push({ tokens, personOnly: entry.personOnly });
      byFirstWord.set(first, list);
      if (entry.personOnly && tokens.length === 1) modifiers.add(first);
    }
  }
  // Longest phrase first: "donker getinte mannen" before "donker ...".
  for (const list of byFirstWord.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  return (text) => {
    const tokens = tokenize(text);
    // The text between token i-1 and token i ("" when either is missing).
    const gap = (i: number) => {
      const left = tokens[i - 1];
      const right = tokens[i];
      return left && right ? text.slice(left.end, right.start) : "";
    };
    const adjacent = (i: number) => PHRASE_GAP.test(gap(i));
    const phraseAt = (i: number, phrase: Phrase) =>
      phrase.tokens.every((word, k) => tokens[i + k]?.norm === word && (k === 0 || adjacent(i + k)));

    /** The match starting at token i: the index of its last token, or undefined. */
    const matchAt = (i: number): { last: number; personOnly: boolean } | undefined => {
      for (const phrase of byFirstWord.get(tokens[i]?.norm ?? "") ?? []) {
        if (!phraseAt(i, phrase)) continue;
        const next = i + phrase.tokens.length;
        if (!phrase.personOnly) {
          const describesThing = adjacent(next) && rules.thingNouns.has(tokens[next]?.norm ?? "");
          if (describesThing) continue;
          return { last: next - 1, personOnly: false };
        }
        for (let j = next, skipped = 0; adjacent(j); j++) {
          const word = tokens[j]?.norm ?? "";
          if (rules.personNouns.has(word)) return { last: j, personOnly: true };
          if (!modifiers.has(word) || ++skipped > MAX_BETWEEN) break;
        }
      }
      return undefined;
    };

    const found = new Map<string, string>();
    for (let i = 0, free = 0; i < tokens.length; i++) {
      const match = matchAt(i);
      if (!match) continue;
      let first = i;
      let last = match.last;
      // Report a hyphenated compound whole: "Marokkaans-Nederlandse", not "Marokkaans".
      if (!match.personOnly) {
        while (first > free && HYPHEN.test(gap(first))) first--;
        while (HYPHEN.test(gap(last + 1))) last++;
      }
      const start = tokens[first]?.start ?? 0;
      let end = tokens[last]?.end ?? start;
      // Keep the plural "'s" with the word: "Roma's", not "Roma".
      end += APOSTROPHE_S.exec(text.slice(end))?.[0].length ?? 0;
      const words = text.slice(start, end);
      const key = normalize(words).replace(/[^\p{L}\p{N}]+/gu, " ");
      if (!found.has(key)) found.set(key, words);
      i = last;
      free = last + 1;
    }
    return [...found.values()];
  };
}

let cachedRules: WordRules | undefined;
let cachedMatcher: Matcher | undefined;

/** The rules from content/gevoelige-woorden.txt, read on first use (from the project root). */
export function wordRules(): WordRules {
  if (!cachedRules) {
    const fs = process.getBuiltinModule("node:fs");
    const path = process.getBuiltinModule("node:path");
    cachedRules = parseWordList(fs.readFileSync(path.join(process.cwd(), WORD_LIST_PATH), "utf8"));
  }
  return cachedRules;
}

/**
 * The words in a text that describe people by origin, skin colour or religion,
 * as they appear in the text, distinct and in order; [] when there are none.
 */
export function findProfilingWords(text: string): string[] {
  cachedMatcher ??= matcherFor(wordRules());
  return cachedMatcher(text);
}
