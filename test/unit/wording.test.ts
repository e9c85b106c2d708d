import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  findProfilingWords,
  inflections,
  matcherFor,
  parseWordList,
  wordRules,
} from "~/domain/moderation/wording";

/** Non-empty, non-comment lines of a fixture file. */
function fixture(name: string): string[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

describe("findProfilingWords: hits", () => {
  const cases: Array<[string, string[]]> = [
    // Nationality and origin nouns, with their plurals
    ["Er stond een Marokkaan bij de deur.", ["Marokkaan"]],
    ["Twee Turken op een scooter.", ["Turken"]],
    ["Antillianen en Surinamers", ["Antillianen", "Surinamers"]],
    ["De Polen in dat huis", ["Polen"]],
    ["Roemenen en Bulgaren", ["Roemenen", "Bulgaren"]],
    ["Afghanen, Somaliërs en Eritreeërs", ["Afghanen", "Somaliërs", "Eritreeërs"]],
    ["een stel Chinezen", ["Chinezen"]],
    ["Vietnamezen en Irakezen", ["Vietnamezen", "Irakezen"]],
    ["Arabieren", ["Arabieren"]],
    // Adjectives and diminutives
    ["Marokkaanse jongens", ["Marokkaanse"]],
    ["een Turkse man", ["Turkse"]],
    ["Poolse arbeiders", ["Poolse"]],
    ["Roemeense vrouwen", ["Roemeense"]],
    ["een Marokkaantje", ["Marokkaantje"]],
    ["dat Turkje", ["Turkje"]],
    ["Syrische mannen", ["Syrische"]],
    // Hyphenated compounds and multi-word entries, reported whole
    ["een Marokkaans-Nederlandse vrouw", ["Marokkaans-Nederlandse"]],
    ["hij is Turks-Nederlands", ["Turks-Nederlands"]],
    ["Nederlands-Marokkaanse jongeren", ["Nederlands-Marokkaanse"]],
    ["Oost-Europeanen", ["Oost-Europeanen"]],
    ["Oost-Europese mannen", ["Oost-Europese"]],
    ["Noord-Afrikaanse jongens", ["Noord-Afrikaanse"]],
    ["de Roma's op het plein", ["Roma's"]],
    // Origin in general and migration status
    ["allochtonen en buitenlanders", ["allochtonen", "buitenlanders"]],
    ["asielzoekers uit het azc", ["asielzoekers"]],
    ["jongens met een migratieachtergrond", ["migratieachtergrond"]],
    ["niet-westerse jongeren", ["niet-westerse"]],
    ["woonwagenbewoners", ["woonwagenbewoners"]],
    // Religion as identity: nouns
    ["moslims en joden", ["moslims", "joden"]],
    ["hindoes", ["hindoes"]],
    // Skin colour: only before a person noun
    ["zwarte jongens", ["zwarte jongens"]],
    ["Zwarte mannen bij de ingang", ["Zwarte mannen"]],
    ["een blanke vrouw", ["blanke vrouw"]],
    ["donkere jongens", ["donkere jongens"]],
    ["een getinte man", ["getinte man"]],
    ["licht getinte jongens", ["licht getinte jongens"]],
    ["donker getinte mannen", ["donker getinte mannen"]],
    ["witte mannen", ["witte mannen"]],
    ["bruine meiden", ["bruine meiden"]],
    ["gekleurde mensen", ["gekleurde mensen"]],
    ["een groep donkere types", ["donkere types"]],
    // ...with up to two words between
    ["donkere lange mannen", ["donkere lange mannen"]],
    ["zwarte jonge jongens", ["zwarte jonge jongens"]],
    ["donker uitziende mannen", ["donker uitziende mannen"]],
    ["een donkere getinte jongen", ["donkere getinte jongen"]],
    // Religion adjectives and ambiguous origin words: only before a person noun
    ["islamitische jongens", ["islamitische jongens"]],
    ["joodse mannen", ["joodse mannen"]],
    ["christelijke jongeren", ["christelijke jongeren"]],
    ["Chinese toeristen", ["Chinese toeristen"]],
    ["Indische jongens", ["Indische jongens"]],
    ["Nederlandse vrouwen", ["Nederlandse vrouwen"]],
    ["buitenlandse studenten", ["buitenlandse studenten"]],
    // Case, accents, punctuation
    ["MAROKKANEN", ["MAROKKANEN"]],
    ["syriers", ["syriers"]],
    ["Oekraïners en Oekrainers", ["Oekraïners"]],
    ["Syrie\u0308rs", ["Syrie\u0308rs"]], // decomposed ë
    ['"Marokkanen!" riep hij.', ["Marokkanen"]],
    ["(Turken), Polen; Roemenen.", ["Turken", "Polen", "Roemenen"]],
  ];

  it.each(cases)("%s", (text, expected) => {
    expect(findProfilingWords(text)).toEqual(expected);
  });

  it("returns the words as they appear, distinct (ignoring case and accents), in order of appearance", () => {
    expect(findProfilingWords("Turken, marokkanen en Marokkanen en MAROKKANEN; weer Turken")).toEqual([
      "Turken",
      "marokkanen",
    ]);
    expect(findProfilingWords("Syriërs en Syriers")).toEqual(["Syriërs"]);
  });

  it("returns [] when nothing matches, also for an empty text", () => {
    expect(findProfilingWords("")).toEqual([]);
    expect(findProfilingWords("De tunnel is donker en smal.")).toEqual([]);
  });

  it("does not count an origin word that describes a shop, food or car", () => {
    expect(findProfilingWords("bij de Turkse bakker")).toEqual([]);
    expect(findProfilingWords("een auto met een Pools kenteken")).toEqual([]);
    expect(findProfilingWords("Turkse jongens bij de Turkse supermarkt")).toEqual(["Turkse"]);
  });

  it("needs the person noun directly after the colour word, on the same line", () => {
    expect(findProfilingWords("Het is er donker, jongens hangen rond")).toEqual([]);
    expect(findProfilingWords("in het donker\nJongens hangen rond")).toEqual([]);
    expect(findProfilingWords("een zwarte auto met mannen")).toEqual([]);
    // at most two words between
    expect(findProfilingWords("donkere lange dikke oude mannen")).toEqual([]);
  });

  it("checks a long text quickly", () => {
    const text = "De tunnel is 's avonds donker en er hangt een groep jongeren. ".repeat(170) + "Marokkanen";
    // worst case: every word starts a [voor-persoon] match that fails
    const adjectives = "donkere lange zwarte getinte ".repeat(350);
    expect(text.length).toBeGreaterThan(10_000);
    expect(adjectives.length).toBeGreaterThan(10_000);
    findProfilingWords(text); // warm up
    const started = performance.now();
    expect(findProfilingWords(text)).toEqual(["Marokkanen"]);
    expect(findProfilingWords(adjectives)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("findProfilingWords: no false alarms", () => {
  it("on at least 80 Groningen street names", () => {
    const streets = fixture("groningen-straten.txt");
    expect(streets.length).toBeGreaterThanOrEqual(80);
    const alarms = streets.filter((street) => findProfilingWords(street).length > 0);
    expect(alarms).toEqual([]);
    // and not on all of them in one text either
    expect(findProfilingWords(streets.join(", "))).toEqual([]);
  });

  it("on at least 100 ordinary words and sentences", () => {
    const ordinary = fixture("gewone-woorden.txt");
    expect(ordinary.length).toBeGreaterThanOrEqual(100);
    const alarms = ordinary.filter((text) => findProfilingWords(text).length > 0);
    expect(alarms).toEqual([]);
  });
});

describe("the word list in content/gevoelige-woorden.txt", () => {
  const rules = wordRules();

  it("parses, once", () => {
    expect(rules.entries.length).toBeGreaterThan(50);
    expect(rules.personNouns.size).toBeGreaterThan(20);
    expect(wordRules()).toBe(rules);
  });

  it("has every form match itself", () => {
    for (const entry of rules.entries) {
      for (const form of entry.forms) {
        const text = entry.personOnly ? `${form} mensen` : form;
        expect(findProfilingWords(text), `line ${entry.line}: ${text}`).toEqual([text]);
      }
    }
  });

  it("has every generated inflection match; [voor-persoon] words only before a person noun", () => {
    for (const entry of rules.entries) {
      for (const variant of entry.variants) {
        const words = variant.join(" ");
        if (entry.personOnly) {
          expect(findProfilingWords(words), `line ${entry.line}: ${words}`).toEqual([]);
          expect(findProfilingWords(`${words} jongens`), `line ${entry.line}: ${words}`).toHaveLength(1);
        } else {
          expect(findProfilingWords(words), `line ${entry.line}: ${words}`).toHaveLength(1);
        }
      }
    }
  });

  it("does not count person nouns, thing nouns or words in between by themselves", () => {
    const words = [...rules.personNouns, ...rules.thingNouns, ...rules.between];
    expect(words.filter((word) => findProfilingWords(word).length > 0)).toEqual([]);
  });
});

describe("parseWordList and matcherFor on small lists", () => {
  const match = (source: string, text: string) => matcherFor(parseWordList(source))(text);

  it("ignores comments and blank lines and adds inflections", () => {
    const source = "# heading\n\nMarokkaan # a comment\n";
    for (const word of ["Marokkaan", "Marokkanen", "Marokkaans", "Marokkaanse", "Marokkaantje", "Marokkaantjes"]) {
      expect(match(source, word)).toEqual([word]);
    }
    expect(match(source, "heading comment")).toEqual([]);
  });

  it("adds no inflections to '=' entries", () => {
    expect(match("= Polen, Poolse", "Polen Poolse")).toEqual(["Polen", "Poolse"]);
    expect(match("= Polen, Poolse", "Pool pooltje Polens")).toEqual([]);
  });

  it("matches phrases only when their words follow each other", () => {
    expect(match("Oost-Europeaan", "Oost-Europeanen")).toEqual(["Oost-Europeanen"]);
    expect(match("Oost-Europeaan", "oost europeaan")).toEqual(["oost europeaan"]);
    expect(match("Oost-Europeaan", "oost, europeaan")).toEqual([]);
  });

  it("applies [voor-persoon], [personen], [tussenwoorden] and [niet-voor]", () => {
    const source = "Turk\n[niet-voor]\nbakker\n[voor-persoon]\n= zwart, zwarte\n[personen]\njongen\n[tussenwoorden]\nlange";
    expect(match(source, "zwarte jongens en zwarte lange jongen")).toEqual(["zwarte jongens", "zwarte lange jongen"]);
    expect(match(source, "zwarte auto, zwarte lange auto")).toEqual([]);
    expect(match(source, "Turkse jongen, Turkse bakker")).toEqual(["Turkse"]);
  });

  it("refuses invalid lists", () => {
    expect(() => parseWordList("[onbekend]\nwoord")).toThrow(/unknown section/);
    expect(() => parseWordList("Roma's")).toThrow(/invalid form/);
    expect(() => parseWordList("Turk,")).toThrow(/invalid form/);
    expect(() => parseWordList("[personen]\njonge man")).toThrow(/single words/);
    expect(() => parseWordList("joods\n[voor-persoon]\njoodse")).toThrow(/also matched by line 1/);
  });

  it("inflects double vowels in open syllables", () => {
    expect(inflections("marokkaan")).toEqual(expect.arrayContaining(["marokkanen", "marokkaans", "marokkaanse"]));
    expect(inflections("chinees")).toEqual(expect.arrayContaining(["chinese", "chinezen"]));
    expect(inflections("jood")).toEqual(expect.arrayContaining(["joden"]));
    expect(inflections("persoon")).toEqual(expect.arrayContaining(["personen"]));
  });
});
